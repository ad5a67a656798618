"""Results read from the clause: who beat whom, and which side won what, from the parse.

Match reports and team events often name the side rather than its players, and put the
verb first: "Nederland won met 3-1 van België", "Oranje versloeg Duitsland", "The Dutch
women beat Germany", "De Nederlandse schaatssters wonnen de ploegenachtervolging",
"In de finale versloeg Kovalenko de Georgiër Beridze". Surface patterns that expect
"X versloeg Y" in that order miss them; the dependency parse does not care about the
order. This reader takes each verb that a trigger table marks as a win, a defeat or a
loss (`triggers.py`), finds its subject among the competitors of the sentence, and reads
its other arguments:

- a defeat verb and a competitor as its object: the subject beat it ("versloeg X");
- a win verb and a competitor after "van", "tegen", "over", "against": beat it
  ("won van België", "won against Spain");
- a loss verb and a competitor after "van", "tegen", "to", "against": that one beat the
  subject ("verloor van Italië", "lost to Japan");
- a win verb and a medal or title of the sentence among its arguments: the award
  (`P166`), with its event, date and place as the pattern families give them;
- a win verb and a race or event as its object: that event won (`sk:won`).

A competitor is a person, a team, a country named as a nation (its national side, as the
pair classifier names it: "Netherlands"), or a noun phrase that stands for a country's
side: a plural or a team word with the country's adjective ("de Nederlandse hockeyers",
"het Belgische team", "the Dutch women").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import LiteralValue
from ..normalize import ORDINALS, find_distances, parse_ranking
from .editions import edition_at, edition_label
from .engine import (
    PEOPLE_IN_A_ROW,
    ArticleContext,
    Concept,
    Fact,
    Person,
    Sentence,
    article_event,
    build_event,
    defeat_qualifiers,
    distance_around,
    distance_label,
    match_event,
    medal_competition,
    name_of,
    result_qualifiers,
    side_country,
    year_of,
)
from .lexicon import Entry, Lexicon
from .pairs import (
    Mention,
    award_mentions,
    mention_value,
    phrase_head,
    pronoun_mentions,
    sentence_mentions,
)
from .triggers import classes_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubj:pass"})
"""The dependency labels of a clause's subject."""

OBJECT_DEPS = frozenset({"obj", "iobj", "obl", "nmod", "appos", "xcomp"})
"""The dependency labels (without subtype: "obl:agent" is "obl") through which a verb
reaches its other arguments."""

AGAINST = frozenset({"van", "tegen", "over", "op", "against", "to"})
"""Prepositions that put a competitor on the other side of a result ("won van", "lost to")."""

AWAY = frozenset({"at", "bij"})
"""Prepositions of the club a side won at by a score: its opponent, away from home."""

_SCORE = re.compile(r"\b\d{1,2}\s?[-–]\s?\d{1,2}\b")
"""A match's score ("2-1", "3 – 0")."""

OPPONENT_AFTER: dict[str, frozenset[str]] = {
    form: frozenset({"met"}) for form in (
        "afrekenen", "afreken", "afrekende", "afrekenden", "afrekent", "afgerekend")}
"""Verbs of defeat (with their particle; lemma or inflected form, as the lemmatizer may
leave a stem) that name the beaten side after a preposition that otherwise marks a
companion: "rekende af met Zweden" beat Sweden."""

AGENT = frozenset({"door", "by"})
"""Prepositions of a passive's agent ("geklopt door X", "beaten by X": X won)."""

MATCH_WORDS = frozenset({
    "finale", "eindstrijd", "halve", "kwartfinale", "wedstrijd", "duel", "partij", "match",
    "final", "semifinal", "semi-final", "quarterfinal", "quarter-final", "game", "tie",
    "derby", "stage", "etappe", "race", "rit",
})
"""Nouns for a match or race, through which a win still reaches its opponent ("won de
finale van X", "won the stage over X"); other nouns take the opponent for themselves ("won
de verkiezing van X")."""

MARGIN_WORDS = frozenset({
    "shot", "stroke", "second", "minute", "point", "length", "goal", "seconde", "minuut",
    "punt", "lengte", "doelpunt", "voorsprong", "lead", "margin",
})
"""Lemmas of a winning margin, through which a win reaches who was beaten ("won by two shots
over X", "won met twee seconden voorsprong op X")."""

NOT_A_SIDE = frozenset({"in", "at", "te", "bij", "naar", "uit", "from", "for", "voor", "met",
                        "with", "na", "after", "zonder", "without"})
"""Prepositions that make a country a place or a companion rather than the opponent."""

GROUP_WORDS = frozenset({
    "ploeg", "team", "selectie", "equipe", "trio", "kwartet", "viertal", "vrouwen", "mannen",
    "dames", "heren", "meiden", "jongens", "squad", "side", "quartet", "crew", "women", "men",
    "girls", "boys", "ladies",
})
"""Words for a group that competes as one, when a country's adjective qualifies them."""

CREW_RACES = frozenset({
    "double sculls", "quadruple sculls", "four", "pair", "eight", "team sprint",
    "team pursuit", "madison",
})
"""Races (lexicon labels) of a crew: "de Nederlandse dubbelvier" is the country's boat."""


def _group_word(token: Token, lang: str) -> bool:
    """Whether a noun names a group that competes as one: a plural, a group word, a word
    ending in one ("estafetteploeg", "vrouwenteam") or a crew's race ("dubbelvier")."""
    word = token.lower_
    if "Plur" in token.morph.get("Number", []) or word in GROUP_WORDS:
        return True
    if any(c.pos_ == "PROPN" and c.dep_ in ("appos", "flat", "nmod", "compound")
           for c in token.children) or not token.text.islower():
        return False  # "de Nederlandse wielerploeg Team Polder", "het Lotto-team": a club
    if word.endswith(("ploeg", "team", "selectie")):
        return True
    entry = Lexicon.load().lookup("race", lang, word)
    return entry is not None and entry.label in CREW_RACES

COMPARATIVES = frozenset({"sneller", "sterker", "faster", "quicker", "stronger"})
"""Comparatives of a race or a bout: who is faster or stronger than a rival beat them."""

THAN = frozenset({"dan", "than"})
"""The word that names what a comparative compares with."""

NEGATIONS = frozenset({"niet", "nooit", "geen", "not", "never", "n't", "no", "nimmer"})
"""Words that deny the verb they hang on."""

DENYING_MARKS = frozenset({"without", "zonder"})
"""Words opening a clause whose result did not happen ("without beating X", "zonder te
winnen")."""

_DEPTH = 3
"""How many arcs below the verb an argument may sit ("won met 3-1 van België": two)."""

CONFIDENCE = {"sk:defeated": 0.75, "P166": 0.72, "sk:won": 0.7, "P1000": 0.7,
              "sk:coachedBy": 0.7, "P54": 0.7}
"""The confidence of each kind of fact this reader gives (below the surest patterns)."""


def clause_facts(doc: Doc, context: ArticleContext, name: str) -> list[Fact]:
    """The results of every sentence of a parsed doc (see the module docstring)."""
    out: list[Fact] = list(_champions_of_editions(context, name))
    out.extend(_coaches_of_teams(context, name))
    for index, named in enumerate(sentence_mentions(doc, context)):
        # "Hij versloeg X": a subject pronoun stands for the person the sentences are about
        # and "zijn zege", "her win": a possessive one for the winner of a win noun
        pronouns = [m for m in pronoun_mentions(doc, context, index, named)
                    if doc[m.start].dep_ in SUBJECT_DEPS or (
                        doc[m.start].dep_ == "nmod:poss" and doc[m.start].head.pos_ == "NOUN")]
        sides = competitors(doc, [*named, *pronouns], context.lang)
        if not sides:
            continue
        awards = {t: m for m in award_mentions(doc, context, index) for t in range(m.start, m.end)}
        events = {t: m for m in named if m.kind == "event" for t in range(m.start, m.end)}
        sentence = context.sentences[index]
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        out.extend(_score_lines(doc, context, index, named, name))
        out.extend(_finished_behind(doc, context, index, sides, name))
        out.extend(_placed_first(context, index, span, sides, name))
        out.extend(_placed_on_podium(context, index, span, sides, name))
        out.extend(_led_by_coach(context, index, span, sides, name))
        out.extend(_became_champion(context, index, span, sides, awards, events, name))
        out.extend(_records_set(context, index, span, sides, name))
        out.extend(_records_held_by(context, index, span, sides, name))
        for verb in span:
            if verb.pos_ not in ("VERB", "AUX", "NOUN", "ADJ", "ADV"):
                continue
            if verb.lower_ in COMPARATIVES or verb.lemma_.lower() in COMPARATIVES:
                out.extend(_outpaced(context, index, verb, sides, name))
                continue
            if verb.pos_ == "ADV":
                continue
            classes = set(classes_of(verb_words(verb), context.lang))
            if _on_ones_name(verb):
                classes.add("win")
            if not classes & {"win", "defeat", "lose"} or negated(verb):
                continue
            found = list(_results(context, index, verb, classes, sides, awards, name, events))
            out.extend(found)
            out.extend(_with_club(context, index, verb, classes, sides, found, name))
    return _unique(out)


NAME_VERBS = frozenset({"schrijven", "zetten"})
"""Verbs of the Dutch idiom of winning "iets op zijn naam schrijven/zetten"."""


def _on_ones_name(verb: Token) -> bool:
    """Whether the verb is the Dutch idiom of winning: "schreef de 1500 meter op haar naam",
    "heeft de titel op zijn naam gezet" (the name a possessive's, after "op")."""
    if verb.lemma_.lower() not in NAME_VERBS:
        return False
    for token in verb.subtree:  # the parser may hang "op haar naam" on the object
        if token.lemma_.lower() == "naam" and _depth_below(token, verb) <= _DEPTH and any(
                g.dep_ == "case" and g.lower_ == "op" for g in token.children):
            return True
    return False


def _depth_below(token: Token, ancestor: Token) -> int:
    """How many arcs `token` sits below `ancestor` (one of its heads)."""
    depth = 0
    while token.i != ancestor.i and token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


PARTICLES_EN = frozenset({"off", "out", "down", "past", "aside"})
"""English particles of phrasal verbs of defeat ("held off", "knocked out", "saw off")."""


def verb_words(verb: Token) -> list[tuple[str, str]]:
    """The (lemma, text) words a trigger table reads for a verb: the verb with its
    particle, before it in English ("saw off": "see off") and joined to it in Dutch
    ("schakelde ... uit": "uitschakelen"), so a phrasal verb is read as one."""
    words = [(verb.lemma_.lower(), verb.lower_)]
    after = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if verb.lang_ == "en" and after is not None and after.lower_ in PARTICLES_EN and \
            after.dep_ == "case" and after.head.i > after.i:
        # "held off X" parsed as "held [off X]": the particle read as the object's case
        words.append((f"{verb.lemma_.lower()} {after.lower_}", f"{verb.lower_} {after.lower_}"))
    for child in verb.children:
        if child.dep_ == "compound:prt":
            particle = child.lower_
            if verb.lang_ == "nl":
                words.append((particle + verb.lemma_.lower(), particle + verb.lower_))
            else:
                words.append((f"{verb.lemma_.lower()} {particle}", f"{verb.lower_} {particle}"))
    return words


def competitors(doc: Doc, mentions: list[Mention], lang: str) -> dict[int, Person | Concept]:
    """Head token → the competitor it stands for: people, teams, nations, and a country's
    side named by its adjective and a group ("de Nederlandse hockeyers")."""
    out: dict[int, Person | Concept] = {}
    for m in mentions:
        head = phrase_head(doc, m)
        if m.kind in ("person", "nation"):
            out[head.i] = mention_value(m)
        elif m.kind == "team":
            out[head.i] = Concept(_side_name(m, lang), "team", m.qid)
        elif m.kind == "country" and m.label:
            group = doc[m.start].head
            if (doc[m.start].dep_ in ("amod", "compound", "nmod") and group.i > m.start
                    and group.pos_ in ("NOUN", "PROPN") and _group_word(group, lang)):
                out.setdefault(group.i, Concept(m.label, "team"))
    return out


def _side_name(m: Mention, lang: str) -> str:
    """A team's name; a national side's nickname ("Oranje") gives its country."""
    entry = Lexicon.load().lookup("team_name", lang, m.text)
    if entry is not None and " national " in entry.label:
        return side_country(entry.label)
    return m.name


def _results(
    context: ArticleContext, index: int, verb: Token, classes: set[str],
    sides: dict[int, Person | Concept], awards: dict[int, Mention], name: str,
    events: dict[int, Mention],
) -> Iterator[Fact]:
    """The facts one trigger verb states about its subject."""
    if "win" in classes and verb.pos_ in ("VERB", "AUX"):
        yield from _passive_win(context, index, verb, sides, events, name)
    subject = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
    crew = _crew(context.sentences[index], verb, sides)
    if verb.pos_ == "NOUN":  # "his first stage win", "X's victory over Y"
        if subject is None and "win" in classes:
            subject = _winner_of_noun(verb, sides)
            if subject is not None:
                yield from _noun_win(context, index, verb, subject, events, name)
        if subject is None:
            return
    words = verb_words(verb)
    against = AGAINST.union(*(OPPONENT_AFTER.get(form, ()) for word in words
                              for form in word))
    # a phrasal verb's particle the parser took for the object's preposition marks the
    # opponent ("held off X")
    against |= {text.split()[-1] for _, text in words[1:] if " " in text}
    # a win by a score at a club is a win over it, away ("won 2-1 at PSV", "won met 2-1 bij
    # PSV"); without a score "bij" may name the club one played for
    away = "win" in classes and "lose" not in classes and \
        _SCORE.search(context.sentences[index].text) is not None
    arguments = list(_arguments(verb, against | AWAY if away else against))
    for child in subjects_of(verb):  # "versloeg Kramer Jan Bos": the parser hangs the object
        arguments.extend((t, None, None) for t in child.children  # on the subject's name
                         if t.dep_ == "flat" and t.i in sides and child.i in sides
                         and name_of(sides[t.i]) != name_of(sides[child.i]))
    if subject is None and verb.lang_ == "nl" and not any(
            c.dep_ in SUBJECT_DEPS for c in verb.children):
        # a Dutch perfect whose parser took the subject for the object ("hebben de
        # Nederlandsen zilver gewonnen"): the one competitor among the arguments
        found = [t for t, _, _ in arguments if t.i in sides]
        if len(found) == 1 and any(t.i in awards for t, _, _ in arguments):
            subject = sides[found[0].i]
            arguments = [a for a in arguments if a[0].i != found[0].i]
    if subject is None:
        return
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children) and \
        not _on_ones_name(verb)  # the idiom is active, whatever the parser labels
    if not passive:
        yield from _final_won(context, index, verb, classes, subject, arguments, sides,
                              events, name)
    if "win" in classes and "lose" not in classes and not passive:
        yield from _won_at(context, index, verb, subject, awards, events, name)
        yield from _won_conjoined(context, index, subject, arguments, events, name)
    for token, preposition, via in arguments:
        other = sides.get(token.i)
        if other is not None:
            if not _may_meet(subject, other, crew) or name_of(other) == name_of(subject):
                continue  # a team does not beat a player, nor anyone themselves
            if not _reaches(via):
                continue  # "versloeg de ploeggenote van X": X is not the one beaten
            if "defeat" in classes and (passive or preposition in AGENT):
                if preposition in AGENT:
                    yield _fact(context, index, other, "sk:defeated", subject, name)
            elif "defeat" in classes and (preposition is None or preposition in against):
                yield _fact(context, index, subject, "sk:defeated", other, name)
            elif "win" in classes and preposition in AGAINST:
                yield _fact(context, index, subject, "sk:defeated", other, name)
            elif away and preposition in AWAY and isinstance(other, Concept) and \
                    other.type == "team":
                won = _fact(context, index, subject, "sk:defeated", other, name)
                yield dataclasses.replace(won, qualifiers=tuple(  # the club is no place
                    (k, v) for k, v in won.qualifiers
                    if not (k == "P276" and isinstance(v, Concept) and v.label == other.label)))
            elif "lose" in classes and preposition in AGAINST:
                yield _fact(context, index, other, "sk:defeated", subject, name)
            continue
        if "win" not in classes or "lose" in classes or passive:
            continue
        award = awards.get(token.i)
        holder = _gapped_subject(verb, token, sides, subject) if award is not None else subject
        if award is not None:
            yield _award(context, index, holder, award, name)
        if (award is not None and "champion" in award.label) or (
                award is None and token.lemma_.lower() in TITLE_NOUNS):
            titled = _title_event(context, index, token, award, arguments, events)
            if titled is not None:
                yield _fact(context, index, holder, "sk:won", titled, name)
        if award is not None:
            continue
        event = _event(context, index, token, subject)
        if event is not None and preposition is None:
            yield _fact(context, index, subject, "sk:won", event, name)


def _score_lines(doc: Doc, context: ArticleContext, index: int, named: list[Mention],
                 name: str) -> Iterator[Fact]:
    """A result line read from the words, whatever the parse: two sides with one defeat
    word between them and the score right after ("Arsenal beat Chelsea 2-1", "Ajax
    versloeg PSV met 2-0"): the first beat the second. (A parser may take "beat" at the
    start of such a line for a noun.)"""
    sides = sorted((m for m in named if m.kind in ("team", "nation", "person")),
                   key=lambda m: m.start)
    for a, b in zip(sides, sides[1:], strict=False):
        between = doc[a.end:b.start]
        if not 1 <= len(between) <= 2 or (a.kind == "person") != (b.kind == "person"):
            continue
        words = [(t.lemma_.lower(), t.lower_) for t in between]
        if "defeat" not in classes_of(words, context.lang):
            continue
        after = doc[b.end:min(len(doc), b.end + 5)].text
        if _SCORE.match(after.removeprefix("met ").removeprefix("by ").lstrip()) is None:
            continue
        winner, loser = mention_value(a), mention_value(b)
        if a.kind != "person":
            winner = Concept(_side_name(a, context.lang), "team", a.qid)
            loser = Concept(_side_name(b, context.lang), "team", b.qid)
        yield _fact(context, index, winner, "sk:defeated", loser, name)


WITH = frozenset({"met", "with"})
"""Prepositions of the side a person wins with ("won met Ajax de titel")."""


def _with_club(
    context: ArticleContext, index: int, verb: Token, classes: set[str],
    sides: dict[int, Person | Concept], found: list[Fact], name: str,
) -> Iterator[Fact]:
    """The side a person wins with ("won met Ajax de landstitel", "won the Champions League
    with Barcelona"): the person plays for it, and it won what the person won."""
    if "win" not in classes or "lose" in classes:
        return
    subject = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
    if not isinstance(subject, Person):
        return
    for child in verb.children:
        club = sides.get(child.i)
        if not isinstance(club, Concept) or child.dep_.split(":")[0] != "obl" or \
                case_of(child) not in WITH:
            continue
        yield Fact(subject, "P54", club, index, name, CONFIDENCE["P54"])
        for fact in found:
            if fact.subject == subject and fact.property in ("sk:won", "P166"):
                yield Fact(club, fact.property, fact.value, index, name, fact.confidence,
                           fact.qualifiers)


def _edition(context: ArticleContext, sentence: Sentence, competition: str, at: int) -> str:
    """The edition of a competition a sentence speaks of (named at character `at`), as the
    pattern families name it: the year or season its clause names, else the year of the
    sentence's date ("vorig jaar"), else the article's."""
    date = context.date_of(sentence)
    year = str(date.value)[:4] if date is not None else year_of(context, sentence)
    return edition_at(competition, sentence.text, year, at)


FINALS = frozenset({"finale", "final", "eindstrijd"})
"""Nouns of the last match of a tournament: who wins it wins the tournament."""

NOT_THE_FINAL = frozenset({"halve", "semi", "kwart", "quarter", "a-finale", "b-finale"})
"""Words before "finale"/"final" that make it a round before the final or a race's final."""


def _final_won(
    context: ArticleContext, index: int, verb: Token, classes: set[str],
    subject: Person | Concept,
    arguments: list[tuple[Token, str | None, Token | None]],
    sides: dict[int, Person | Concept], events: dict[int, Mention], name: str,
) -> Iterator[Fact]:
    """The tournament won through its final: "won de finale van Wimbledon", "won Wimbledon",
    "beat X in the final" (the subject won it), "verloor de finale van Y", "lost to Y in
    the final" (Y won it), in the edition of the sentence. The tournament is the event the
    final or the verb names, else the one the sentence or the report is about
    (`match_event`); none for a round before the final or a race's final ("de A-finale van
    de 500 meter": a race, whose winner the race rules read)."""
    won = "lose" not in classes and bool(classes & {"win", "defeat"})
    if not won and "lose" not in classes:
        return
    sentence = context.sentences[index]
    event: Concept | None = None
    # the verb's objects, and what hangs on them ("lost to X in the final": the parser may
    # hang the final on X)
    near = [(c, 1) for c in verb.children] + [
        (g, 2) for c in verb.children if c.dep_.split(":")[0] in ("obj", "obl")
        for g in c.children if g.dep_ == "nmod"]
    for token, depth in near:
        if token.dep_.split(":")[0] not in ("obj", "obl", "nmod"):
            continue
        preposition = case_of(token)
        if depth == 2 and preposition != "in":
            continue
        if token.i in events and (
                (preposition is None and "win" in classes and won)  # "won zondag Wimbledon"
                # "beat X in the Wimbledon final", "final" parsed as an adjective of the verb
                or (preposition == "in" and _final_after(token.doc, events[token.i]))):
            found = events[token.i]
            event = Concept(_edition(context, sentence, found.label or found.text,
                                     found.start_char - sentence.start), "event")
            break
        if (token.lemma_.lower() in FINALS or token.lower_ in FINALS or _final_compound(
                token)) and preposition in (
                None, "in") and not any(c.lower_ in NOT_THE_FINAL for c in token.children) \
                and not (won and preposition is None and "win" not in classes):
            # (a final named with its tournament in one word, "de WK-finale", is no event's
            # name: the tournament is the one the sentence or the report is about)
            named = [events[t.i] for t in token.subtree
                     if t.i in events and not (t.i == token.i and _final_compound(token))]
            event = Concept(_edition(context, sentence, named[0].label or named[0].text,
                                     named[0].start_char - sentence.start),
                            "event") if named else match_event(context, sentence)
            break
    if event is None or find_distances(sentence.masked):
        return
    if won:
        yield _fact(context, index, subject, "sk:won", event, name)
        return
    for token, preposition, _ in arguments:  # the side the subject lost to
        other = sides.get(token.i)
        if other is not None and preposition in AGAINST and name_of(other) != name_of(subject):
            yield _fact(context, index, other, "sk:won", event, name)


def _final_after(doc: Doc, event: Mention) -> bool:
    """Whether the word right after an event's name is "final"/"finale" ("in the Wimbledon
    final"): the name is that of the final's tournament, however the parser hangs "final"."""
    return event.end < len(doc) and doc[event.end].lower_ in FINALS


LIGHT_VERBS = frozenset({
    "post", "claim", "take", "secure", "seal", "earn", "record", "grab", "clinch", "notch",
    "celebrate", "land", "achieve", "boeken", "behalen", "pakken", "vieren", "halen",
    "binnenhalen", "noteren", "grijpen",
})
"""Verbs (lemmas) that take a win noun as their object and mean winning it ("claimed her
second stage win", "boekte zijn derde zege")."""


def _winner_of_noun(noun: Token, sides: dict[int, Person | Concept]) -> Person | Concept | None:
    """Who won, for a win noun: its possessor ("Hale's victory", "de zege van Berg", "his
    win": the person the sentences are about) or, for the object of a
    verb of achieving ("Berg claimed her second stage win", "Berg boekte haar derde zege"), that
    verb's subject; None for a win named otherwise ("hoped for a win")."""
    for child in noun.children:
        if child.i in sides and (child.dep_ == "nmod:poss" or (
                child.dep_ == "nmod" and case_of(child) in ("van", "of"))):
            return sides[child.i]  # "X's victory", "his win", "de zege van X"
    achieved = (noun.dep_ == "obj" and noun.head.lemma_.lower() in LIGHT_VERBS) or (
        # "zich verzekeren van de eindzege": to make sure of the win is to win
        noun.dep_.split(":")[0] == "obl" and case_of(noun) == "van"
        and noun.head.lemma_.lower() in SECURING
        and any(c.lower_ == "zich" for c in noun.head.children))
    # "sprinted to victory", "soleerde naar de zege": the subject got there
    if (achieved or _towards(noun)) and not negated(noun.head):
        return next((sides[c.i] for c in subjects_of(noun.head) if c.i in sides), None)
    return None


SECURING = frozenset({"verzekeren", "verzekerd", "verzekerde", "verzekert"})
"""The Dutch verb (lemma or forms) of "zich verzekeren van": to make sure of a win."""

TOWARDS = frozenset({"to", "naar"})
"""Prepositions of a win reached by moving ("sprinted to victory", "reed naar de winst")."""


def _towards(noun: Token) -> bool:
    """Whether a win noun is where a verb of moving goes ("cruised to victory")."""
    return noun.dep_.split(":")[0] in ("obl", "nmod") and noun.head.pos_ == "VERB" and \
        case_of(noun) in TOWARDS


def _noun_win(context: ArticleContext, index: int, noun: Token, winner: Person | Concept,
              events: dict[int, Mention], name: str) -> Iterator[Fact]:
    """The event a win noun names on itself ("her second Giro stage win", "zijn
    zege in de Tour"), in the edition of its sentence, as a win of the winner."""
    found = next((events[t.i] for t in noun.subtree if t.i in events and t.i != noun.i), None)
    if found is None and _towards(noun):  # "sprinted to victory in the Tour": on the verb
        found = next(iter(_events_on(noun.head, events, AT_EVENT)), None)
    if found is None:
        return
    yield _fact(context, index, winner, "sk:won",
                _event_named(context, index, found.label or found.text, found.start_char), name)


COORDINATORS = frozenset({"en", "and", "terwijl", "while", "whereas"})
"""Words that open a second clause whose verb may be left out ("X pakte goud en Y zilver")."""


def _gapped_subject(verb: Token, token: Token, sides: dict[int, Person | Concept],
                    subject: Person | Concept) -> Person | Concept:
    """Who an object of `verb` belongs to when a coordinated clause leaves the verb out.

    In "X pakte het goud en de Duitse Y de zilveren medaille" the second medal is Y's:
    a competitor after a coordinator, between the verb and the object, is the subject of
    the gapped clause (the parser hangs both medals on the one verb). Without one the
    object is the verb's subject's.
    """
    if token.i < verb.i:
        return subject
    doc = verb.doc
    opened = False
    holder = subject
    for i in range(verb.i + 1, token.i):
        if doc[i].lower_ in COORDINATORS or doc[i].text == ";":
            opened = True
        elif opened and i in sides and name_of(sides[i]) != name_of(subject):
            holder = sides[i]
    return holder


BEHIND = frozenset({"achter", "behind"})
"""Prepositions that put a competitor ahead of the subject ("tweede achter X")."""

PLACING_VERBS = frozenset({
    "worden", "eindigen", "finishen", "komen", "staan", "binnenkomen", "finish", "come",
    "end", "place", "stand", "cross",
})
"""Verbs (lemmas) of where someone finished or stands in a race or a ranking."""

STANDING_VERBS = frozenset({"staan", "stand"})
"""Placing verbs that need a margin ("twaalf punten achter") to speak of a ranking."""


LOWER_MEDALS = frozenset({"zilver", "brons", "silver", "bronze"})
"""Medals below the winner's: who takes one behind a rival was beaten by them."""


def _places(verb: Token) -> bool:
    """Whether a verb tells where its subject finished: a placing verb ("werd", "finished"),
    a place the parser made the head of its verb ("werden ... tweede"), or a verb that
    takes a lower medal ("took silver behind X", "pakte brons achter X")."""
    if verb.lemma_.lower() in PLACING_VERBS:
        return True
    if (verb.pos_ in ("NUM", "ADJ") or verb.lower_ in ORDINALS) and any(
            c.dep_ in ("aux", "aux:pass", "cop") and c.lemma_.lower() in PLACING_VERBS
            for c in verb.children):
        return True
    return any(c.dep_ in ("obj", "advmod") and (c.lower_ in LOWER_MEDALS or c.lemma_.lower()
                                                in LOWER_MEDALS) for c in verb.children)


def _finished_behind(doc: Doc, context: ArticleContext, index: int,
                     sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"X werd tweede, vlak achter winnares Y", "X finished third behind Y and Z", "X staat
    twaalf punten achter Y": who finished or stands behind a competitor was beaten by them."""
    for head in sides:
        doc_token = doc[head]
        marked = doc_token
        if case_of(marked) not in BEHIND and marked.dep_ == "appos":
            marked = marked.head  # "vlak achter winnaar Y": the name describes the noun
        if case_of(marked) not in BEHIND:
            continue
        verb = marked.head
        for _ in range(2):  # "twaalf punten achter Y": up through the measure to the verb
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if not _places(verb) or negated(verb):
            continue
        if verb.lemma_.lower() in STANDING_VERBS and marked.head.i == verb.i:
            continue  # "stond achter X in de rij"; "staat twaalf punten achter X" is a ranking
        subject = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
        if subject is None:
            continue
        for winner in _rivals(doc_token, subject, sides,
                              _crew(context.sentences[index], verb, sides)):
            yield _fact(context, index, winner, "sk:defeated", subject, name)


RECORD_VERBS = frozenset({
    "break", "set", "smash", "lower", "better", "improve", "equal", "verbreken", "breken",
    "verbeteren", "zetten", "neerzetten", "scherpen", "aanscherpen", "evenaren", "vestigen",
})
"""Verbs (lemmas) that set a record: the subject holds it ("Canada broke the world record")."""

RECORD_VERB_FORMS = frozenset({"equalled", "equaled", "equals", "extended", "extends", "holds",
                               "matched", "matches", "tied", "ties"})
"""Forms of verbs that set or hold a record whose lemma a parser may miss ("equalled")."""

EQUAL_FORMS = frozenset({"equal", "equals", "equalled", "equaled", "match", "matches",
                         "matched", "tie", "ties", "tied", "evenaren", "evenaart",
                         "evenaarde"})
"""Verbs (lemmas and forms) that equal a record: its holder keeps it."""


def _equals(verb: Token) -> bool:
    """Whether the verb equals a record rather than breaking it."""
    return verb.lemma_.lower() in EQUAL_FORMS or verb.lower_ in EQUAL_FORMS


MOST_WORDS = frozenset({"most"})
"""The superlative of a record of a count ("the record for most titles")."""


def _record_for_most(noun: Token) -> str | None:
    """A record of a count, named by what is counted: "the record for most Grand Slam
    titles", "X's record of 24 Grand Slam titles", "the record of podium finishes" (a
    plural counted) are each a "record for most ..."; None for any other phrase (`noun`
    not "record", a record of a time or a place)."""
    if noun.lemma_.lower() != "record":
        return None
    for counted in noun.children:
        if counted.dep_.split(":")[0] != "nmod" or case_of(counted) not in ("for", "of"):
            continue
        words = [t for t in counted.subtree if t.i <= counted.i and t.dep_ != "case"]
        first = next((k for k, t in enumerate(words) if t.lower_ in MOST_WORDS), None)
        if first is not None:
            return "record for " + " ".join(t.text for t in words[first:])
        if counted.pos_ == "NOUN" and "Plur" in counted.morph.get("Number", []):
            kept = [t.text for t in words if t.pos_ not in ("DET", "NUM", "PART")
                    and t.dep_ != "nmod:poss"]
            return "record for most " + " ".join(kept)
    return None


def _records_set(context: ArticleContext, index: int, span: Span,
                 sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"Canada broke the world record", "Norway set a world record in the relay": the subject
    of a verb that sets a record named as its object holds that record (a side as well as
    a person, whom the pattern families already read), with the race's distance."""
    sentence = context.sentences[index]
    for verb in span:
        if not (verb.lemma_.lower() in RECORD_VERBS or verb.lower_ in RECORD_VERB_FORMS) or \
                verb.pos_ not in ("VERB", "AUX") or negated(verb):
            continue
        subject = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
        if subject is None:
            continue
        for child in verb.children:
            if child.dep_ != "obj":
                continue
            most = _record_for_most(child)
            if most is not None:
                yield from _count_record(context, index, verb, subject, child, most, sides,
                                         name)
                continue
            record = _record_value(context, index, child)
            if record is None:
                continue
            yield Fact(subject, "P1000", record, index, name,
                       CONFIDENCE["P1000"], result_qualifiers(
                           context, sentence, subject, at=_place_of(subject, sentence)))
    # "X equalled Y's record of 24 titles": a parser may take the verb for an adjective of
    # the possessor and the record for the sentence's root; the verb's subject still holds it
    for noun in span:
        most = _record_for_most(noun) if noun.dep_ == "ROOT" else None
        if most is None:
            continue
        for owner in (c for c in noun.children if c.dep_ == "nmod:poss"):
            for verb in owner.children:
                if verb.dep_ != "amod" or verb.i > owner.i or negated(verb) or not (
                        verb.lower_ in RECORD_VERB_FORMS or verb.lower_ in EQUAL_FORMS):
                    continue
                subject = next((sides[c.i] for c in verb.children
                                if c.dep_ in SUBJECT_DEPS and c.i in sides), None)
                if subject is not None:
                    yield from _count_record(context, index, verb, subject, noun, most, sides,
                                             name)


HOLDING = frozenset({"hold", "houden", "staan"})
"""Verbs (lemmas) a record is held with ("held by X", "dat op naam stond van X")."""

AGENTS = frozenset({"by", "door"})
"""Prepositions of the one a passive verb's deed is by ("set by X", "gevestigd door X")."""


def _records_held_by(context: ArticleContext, index: int, span: Span,
                     sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"the record set by X", "the old record held by X", "het wereldrecord werd
    gevestigd door X", "het oude record, dat op naam stond van X": the one a record is
    set or held by holds (or held) it, with the race's distance."""
    sentence = context.sentences[index]
    for token in span:
        holder = sides.get(token.i)
        if holder is None:
            continue
        case = case_of(token)
        on_name = case == "van" and token.head.lemma_.lower() == "staan" and any(
            c.lower_ == "naam" and case_of(c) == "op" for c in token.head.children)
        if (case not in AGENTS and not on_name) or any(
                c.lower_ in ("'s", "’s") for c in token.children):
            continue  # (a possessor, "by Denmark's X": X's record, not Denmark's)
        noun = _record_above(token) or (_record_before(token) if case in AGENTS else None)
        if noun is None:
            continue
        record = _record_value(context, index, noun, bare=True)
        if record is None:
            continue
        quals = dict(result_qualifiers(context, sentence, holder,
                                       at=_place_of(holder, sentence)))
        if context.date_of(sentence) is None:
            quals.pop("P585", None)  # a record held, of a day the sentence does not give
        yield Fact(holder, "P1000", record, index, name,
                   CONFIDENCE["P1000"], tuple(sorted(quals.items())))


def _record_above(token: Token) -> Token | None:
    """The record noun a side's phrase hangs on within three arcs, directly ("the record by
    X") or through a verb that sets or holds it, not denied ("set by X", "held by X",
    "werd gevestigd door X": the verb's passive subject)."""
    head = token.head
    for _ in range(3):
        if head.pos_ == "NOUN" and head.lemma_.lower().endswith("record"):
            return head
        if head.pos_ in ("VERB", "AUX", "ADJ") and (
                head.lemma_.lower() in RECORD_VERBS | HOLDING
                or head.lower_ in RECORD_VERB_FORMS | SET_FORMS):
            if negated(head):
                return None
            for child in head.children:
                if child.dep_ in ("nsubj:pass", "nsubj") and child.lemma_.lower().endswith(
                        "record"):
                    return child
        if head.i == head.head.i:
            break
        head = head.head
    return None


SET_FORMS = frozenset({"set", "held", "gevestigd", "gezet", "neergezet", "gehouden"})
"""Participles a record is set or held with ("the record set by X")."""


def _record_before(token: Token) -> Token | None:
    """The record noun a few words before "by X" with a participle of setting or holding
    between them ("the old record, set last month by X"), however the
    parser hangs "by X"; None when the words between name none or deny it."""
    doc = token.doc
    start = max(token.sent.start, token.i - 12)
    words = list(doc[start:token.i])
    setting = [t for t in words if t.lower_ in SET_FORMS]
    if not setting or any(t.lower_ in NEGATIONS for t in words):
        return None
    return next((t for t in reversed(words) if t.i < setting[-1].i and t.pos_ == "NOUN"
                 and t.lemma_.lower().endswith("record")), None)


def _record_value(context: ArticleContext, index: int, noun: Token, *,
                  bare: bool = False) -> Concept | None:
    """The record a record noun of sentence `index` names, with its race's distance
    ("world record 500 m"); None for a personal best or a record no words name."""
    entry = _record_entry(context, noun, index if bare else None)
    if entry is None:
        return None
    sentence = context.sentences[index]
    position = max(0, noun.idx - sentence.start)
    distance = distance_around(context, sentence, position)
    return Concept(entry.label + (
        f" {distance_label(sentence.text, distance, position)}" if distance else ""),
        "record")


def _record_entry(context: ArticleContext, noun: Token, index: int | None) -> Entry | None:
    """The lexicon's record a record noun names with the words before it ("world record",
    "parcoursrecord"); with `index`, a bare "record" ("the old record", "het vorige
    record") is the one sentence `index` or the two before it name; None for a personal
    best or a record no words name."""
    lexicon = Lexicon.load()
    phrase = " ".join(t.text for t in noun.subtree if t.i <= noun.i)
    entry = next(iter(lexicon.find_all("record", context.lang, phrase)), None)
    if entry is None and index is not None and noun.lower_ in ("record", "records"):
        for back in range(3):
            if index - back < 0:
                break
            text = context.sentences[index - back].text
            entry = next((e for e in lexicon.find_all("record", context.lang, text)
                          if e.label != "personal best"), None)
            if entry is not None:
                break
    return None if entry is None or entry.label == "personal best" else entry


def _count_record(context: ArticleContext, index: int, verb: Token, subject: Person | Concept,
                  record: Token, most: str, sides: dict[int, Person | Concept], name: str
                  ) -> Iterator[Fact]:
    """The record of a count `most` for its setter, and for the one whose record they
    equalled (who still holds it; one whose record is broken does not)."""
    sentence = context.sentences[index]
    holders = [subject, *(sides[c.i] for c in record.children
                          if c.dep_ == "nmod:poss" and c.i in sides and _equals(verb))]
    for holder in holders:
        yield Fact(holder, "P1000", Concept(most, "record"), index, name, CONFIDENCE["P1000"],
                   result_qualifiers(context, sentence, holder, at=_place_of(holder, sentence)))


FIRST_WORDS = frozenset({"eerste", "first"})
"""Ordinals of the winner's place ("werd eerste op de 500 meter", "finished first")."""

PLACE_NOUNS = frozenset({"spot", "place", "plaats", "plek", "trede", "treetje", "schavot",
                         "schavotje"})
TOP_WORDS = frozenset({"top", "first", "eerste", "bovenste", "hoogste", "highest"})
"""A winner's place named as a noun: "top spot", "first place", "het hoogste treetje"."""

TOPPED = frozenset({"podium"})
"""What a winner tops ("topped the podium")."""


def _placed_first(context: ArticleContext, index: int, span: Span,
                  sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"X werd eerste op de 500 meter", "X finished first in the 500 m": who placed first
    in a race of the lexicon or a distance won it (the race built with its edition as a
    win's); first in a heat, a ranking or a semi-final names no race and gives nothing."""
    for token in span:
        if token.lower_ in PLACE_NOUNS and any(
                c.lower_ in TOP_WORDS for c in token.children if c.dep_ in ("amod", "compound")):
            # "took the top spot in the 500 m", "pakte de eerste plaats op de 500 meter"; "stond
            # in de massastart op het hoogste treetje" hung on the race
            verb = token.head.head if token.head.pos_ == "NOUN" else token.head
            placing = verb.lemma_.lower() in PLACING_VERBS | LIGHT_VERBS
        elif token.lemma_.lower() in TOPPED and token.dep_ == "obj" and \
                token.head.lemma_.lower() == "top":
            verb, placing = token.head, True  # "topped the podium in the mass start"
        elif token.lower_ not in FIRST_WORDS:
            continue
        elif any(c.dep_ in SUBJECT_DEPS for c in token.children):
            verb = token  # "werd eerste": the ordinal is the predicate
            placing = any(c.lemma_.lower() in PLACING_VERBS for c in token.children
                          if c.dep_ in ("aux", "aux:pass", "cop"))
        else:
            verb = token.head
            placing = verb.lemma_.lower() in PLACING_VERBS
        if not placing or negated(verb) or negated(token):
            continue
        subject = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
        if subject is None:
            continue
        for race in verb.subtree:
            if race.i == token.i or race.i in sides:
                continue
            event = _event(context, index, race, subject)
            if event is not None:
                yield _fact(context, index, subject, "sk:won", event, name)
                break


PODIUM_PLACES = {"tweede": 2, "derde": 3, "second": 2, "third": 3}
"""Ordinals of the places below the winner's on a podium."""

NOT_A_MEDAL_RACE = re.compile(
    r"\b(?:halve\s+finale|kwartfinale|serie|series|heats?|semi-?finals?|quarter-?finals?|"
    r"voorronde|kwalificatie|qualifying|qualification|training|practice|etappe|stage|"
    r"tussenstand|standings|ranking|wereldbeker|world\s+cup)\b", re.IGNORECASE)
"""Words of a place that is no medal: a round before the final, a stage, a ranking."""

METALS = {2: "silver", 3: "bronze"}


def _placed_on_podium(context: ArticleContext, index: int, span: Span,
                      sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"X werd op ruime afstand tweede", "X finished a distant third", "X werd tweede, Y
    derde": second or third at an Olympic Games or a world championship is its silver or
    bronze medal, however many words stand between the verb and the place (the pattern
    rows read the place right after the verb); the competition as `medal_competition`
    finds it. A round before the final, a stage or a ranking gives no medal."""
    places = [t for t in span if t.lower_ in PODIUM_PLACES and not negated(t)]
    if not places:  # most sentences: no competition to look up
        return
    sentence = context.sentences[index]
    competition = medal_competition(context, sentence)
    if competition is None or NOT_A_MEDAL_RACE.search(sentence.text):
        return
    olympic = competition[0] == "Olympics"
    lexicon = Lexicon.load()
    for token in places:
        rank = PODIUM_PLACES[token.lower_]
        subject = _placed(token, sides)
        if subject is None:
            continue
        label = ("Olympic " if olympic else "") + f"{METALS[rank]} medal"
        entry = lexicon.lookup("award", context.lang, label)
        value = Concept(label, "award", entry.qid if entry is not None else None)
        yield Fact(subject, "P166", value, index, name, CONFIDENCE["P166"], result_qualifiers(
            context, sentence, subject, value, max(0, token.idx - sentence.start),
            at=_place_of(subject, sentence)))


PLACE_DEPS = frozenset({"xcomp", "obl", "advmod", "obj", "amod", "advcl", "dep"})
"""How an ordinal hangs on the verb (or the predicate) of the place it names."""


def _placing_copula(token: Token) -> bool:
    """Whether a predicate takes a placing verb as its copula ("werd", "finished")."""
    return any(c.dep_ in ("cop", "aux", "aux:pass") and c.lemma_.lower() in PLACING_VERBS
               for c in token.children)


def _placed(place: Token, sides: dict[int, Person | Concept]) -> Person | Concept | None:
    """Who finished in the place an ordinal names: the subject of the placing verb it
    completes ("werd ... tweede"), or in a clause that leaves the verb out ("X werd tweede,
    Y derde") the competitor the ordinal itself governs, or the competitor it follows in a
    "with" phrase ("won, with X second and Y third")."""
    if _placing_copula(place):
        verb = place  # "werd tweede": the ordinal is the predicate
    elif place.dep_ in PLACE_DEPS and (_placing_copula(place.head) or (
            place.head.lemma_.lower() in PLACING_VERBS and place.head.pos_ in ("VERB", "AUX"))):
        verb = place.head  # "eindigde als tweede"; "werd knap tweede" parsed on "knap"
    elif place.dep_ in ("conj", "parataxis", "orphan") and place.head.lower_ in PODIUM_PLACES:
        return next((sides[c.i] for c in place.children
                     if c.i in sides and c.dep_ in (*SUBJECT_DEPS, "nmod", "orphan")), None)
    elif (before := max((i for i in sides if place.i - 4 <= i < place.i), default=None)) \
            is not None and any(t.lower_ in WITH for t in place.doc[max(0, before - 12):before]):
        return sides[before]  # "..., with X second and Y (in) third": the name before it
    else:
        return None
    if negated(verb):
        return None
    return next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)


_TEAM_COACH = re.compile(
    r"(?<![\w-])(?P<team>(?-i:[A-Z][\w&'’.]*)(?:\s+(?-i:[A-Z][\w&'’.]*)){0,3})-"
    r"(?:bondscoach|coach|trainer|trainster|hoofdtrainer|hoofdcoach|manager)\s+"
    r"⟨P(?P<k>\d+)⟩")
"""A team joined to its coach's title ("Oranje-bondscoach X", "Ajax-trainer X")."""


NOT_TEAMS = frozenset({"ex", "oud", "voormalig", "former", "collega", "mede", "assistent",
                       "assistant", "hulp", "co", "interim", "top"})
"""Prefixes of a coach's title that name no team ("ex-trainer", "assistent-coach")."""


def _coaches_of_teams(context: ArticleContext, name: str) -> Iterator[Fact]:
    """"Oranje-bondscoach X", "Feyenoord-trainer X": the team before the coach's title is
    coached by the person after it (a national side by its nickname or country: the side a
    squad's players share their coach with)."""
    lexicon = Lexicon.load()
    for sentence in context.sentences:
        for m in _TEAM_COACH.finditer(sentence.masked):
            words = m.group("team").split()
            while words and lexicon.contains("stopcap", context.lang, words[0]):
                words = words[1:]  # "Volgens Oranje-bondscoach X": Oranje
            team = " ".join(words)
            if not team or team.lower() in NOT_TEAMS:
                continue  # "Ex-trainer X", "Oud-bondscoach X": no team
            entry = lexicon.lookup("team_name", context.lang, team)
            country = lexicon.lookup("country", context.lang, team)
            if entry is not None:
                side = side_country(entry.label) if " national " in entry.label else entry.label
            elif country is not None:
                side = country.label
            elif lexicon.contains("demonym", context.lang, team) or lexicon.contains(
                    "stopcap", context.lang, team):
                continue
            else:
                side = team
            k = int(m.group("k"))
            if k < len(sentence.people):
                yield Fact(Concept(side, "team"), "sk:coachedBy", sentence.people[k],
                           sentence.index, name, CONFIDENCE["sk:coachedBy"])


LEAD_VERBS = frozenset({"lead", "guide", "steer", "leiden", "loodsen", "voeren", "loodste",
                        "loodsten", "loodst", "geloodst", "leidde", "leidden"})
"""Verbs of taking a side somewhere ("led Spain to the title", "loodste Oranje naar de
finale"), by lemma or form (the lemmatizer may leave a stem)."""


def _led_by_coach(context: ArticleContext, index: int, span: Span,
                  sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"Coach X led Spain to a second title", "bondscoach X loodste België naar
    de finale": a side a coach leads to a result is coached by them. Only a subject the
    article calls a coach: an athlete who leads a side to a medal (the anchor of a relay)
    is none."""
    for verb in span:
        if not {verb.lemma_.lower(), verb.lower_} & LEAD_VERBS or verb.pos_ != "VERB" or \
                negated(verb):
            continue
        coach = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
        if not isinstance(coach, Person) or "coach" not in context.roles.get(coach.name, ()):
            continue
        if not any(c.dep_ == "obl" and case_of(c) in ("to", "naar", "tot") for c in verb.children):
            continue
        for child in verb.children:  # the side led (a Dutch parse may call it a subject)
            side = sides.get(child.i)
            if child.dep_ in ("obj", "nsubj") and isinstance(side, Concept):
                yield Fact(side, "sk:coachedBy", coach, index, name, CONFIDENCE["sk:coachedBy"])


NEW_WORDS = frozenset({"new", "nieuwe", "kersverse"})
"""Words that make a title just won ("the new champions", "de nieuwe wereldkampioen")."""

BECOMING_LEMMAS = frozenset({"worden", "become", "crown"})
"""Verbs a side becomes a champion by ("werden wereldkampioen", "became world champions",
"were crowned European champions")."""


def _became_champion(context: ArticleContext, index: int, span: Span,
                     sides: dict[int, Person | Concept], awards: dict[int, Mention],
                     events: dict[int, Mention], name: str) -> Iterator[Fact]:
    """"De Belgische hockeyers werden wereldkampioen", "Spain became world champions": a side
    that becomes a champion holds that title and won its tournament, with the date and place
    of the sentence. People become champions in the pattern rows; only sides here, and in
    a team sport (in judo "de Nederlandse mannen werden wereldkampioen" tells of people)."""
    if not context.team_sport:
        return
    for verb in span:
        new = verb.dep_ == "cop" and verb.lemma_.lower() in ("be", "zijn") and any(
            c.lower_ in NEW_WORDS for c in verb.head.children)  # "are the new champions"
        if verb.lemma_.lower() not in BECOMING_LEMMAS and not new or negated(verb):
            continue
        if verb.dep_ == "cop":  # "werden wereldkampioen" parsed with the title as the head
            titles, holder = [verb.head], verb.head
        else:
            titles = [c for c in verb.children if c.dep_.split(":")[0] in (
                "xcomp", "obl", "obj", "attr", "oprd")]
            holder = verb
        side = next((sides[c.i] for c in subjects_of(holder) if c.i in sides), None)
        if not isinstance(side, Concept):
            continue
        for title in titles:
            award = awards.get(title.i)
            if award is None or "champion" not in award.label or negated(title):
                continue
            yield _award(context, index, side, award, name)
            titled = _title_event(context, index, title, award, [], events)
            if titled is not None:
                yield _fact(context, index, side, "sk:won", titled, name)


def _outpaced(context: ArticleContext, index: int, word: Token,
              sides: dict[int, Person | Concept], name: str) -> Iterator[Fact]:
    """"X was sneller dan Y", "X finished faster than Y": the subject of a comparative of
    speed or strength beat the competitor it is compared with ("dan", "than")."""
    if negated(word):
        return
    subject = next((sides[c.i] for c in subjects_of(word) if c.i in sides), None)
    crew = _crew(context.sentences[index], word, sides)
    if subject is None and word.head.i != word.i:  # "eindigde sneller dan": on the verb
        subject = next((sides[c.i] for c in subjects_of(word.head) if c.i in sides), None)
        crew = _crew(context.sentences[index], word.head, sides)
    if subject is None:
        return
    # the compared one hangs on the comparative, or beside it on the verb it modifies
    scope = word.head if word.dep_ != "ROOT" and word.head.pos_ in ("VERB", "AUX") else word
    for token in scope.subtree:
        if token.i <= word.i or token.i not in sides:
            continue
        marked = {c.lower_ for c in token.children if c.dep_ in ("case", "mark")}
        before = token.doc[token.i - 1].lower_ if token.i > 0 else ""
        if not (marked & THAN or before in THAN):
            continue
        for other in _rivals(token, subject, sides, crew):
            yield _fact(context, index, subject, "sk:defeated", other, name)
        return


def _rivals(token: Token, subject: Person | Concept, sides: dict[int, Person | Concept],
            crew: bool = False) -> Iterator[Person | Concept]:
    """The competitor at `token` and those coordinated with it ("sneller dan A en B"), each
    an opponent of `subject`: not themselves, and a person for a person, a side for a side
    (or for a crew, see `_may_meet`)."""
    for rival in (token, *(c for c in token.children if c.dep_ == "conj")):
        other = sides.get(rival.i)
        if other is not None and name_of(other) != name_of(subject) and \
                _may_meet(subject, other, crew):
            yield other


_LISTED = re.compile(PEOPLE_IN_A_ROW)
"""Two or more people named in a row ("A, B en C") in a masked sentence."""


def _crew(sentence: Sentence, verb: Token, sides: dict[int, Person | Concept]) -> bool:
    """Whether the verb's subject is a crew: one of two or more people named in a row
    ("Smit, Berg en Lind waren sneller dan Canada"), read from the masked
    text, since the parser often hangs such a list wrongly."""
    subject = next((sides[c.i] for c in subjects_of(verb) if c.i in sides), None)
    if not isinstance(subject, Person):
        return False
    places = [f"⟨P{k}⟩" for k, p in enumerate(sentence.people) if p.name == subject.name]
    return any(place in m.group(0) for m in _LISTED.finditer(sentence.masked)
               for place in places)


def _may_meet(subject: Person | Concept, other: Person | Concept, crew: bool) -> bool:
    """Whether two competitors can face each other: a person a person, a side a side, and a
    crew (people named together in a team event) the side of another country."""
    if isinstance(other, Person) == isinstance(subject, Person):
        return True
    return crew and isinstance(subject, Person) and isinstance(other, Concept)


def subjects_of(verb: Token) -> Iterator[Token]:
    """The verb's subject; a participle's or infinitive's subject sits on its auxiliary's
    head, a conjoined verb shares the first verb's subject, and an infinitive of purpose
    that of the verb it completes."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            yield _subject_past_own_verb(child, verb)
        # "X heeft zaterdag de 1500 meter gewonnen" parsed with X on "heeft": a subject the
        # parser hung on the auxiliary is the main verb's
        elif child.dep_ in ("aux", "aux:pass") and child.i < verb.i:
            yield from (c for c in child.children if c.dep_ in SUBJECT_DEPS)
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    misread = _conjoined_name_before(verb) if verb.dep_ == "conj" and not own else None
    if misread is not None:
        # "A won silver and B took bronze" parsed with B in A's object: B is the subject
        yield misread
    elif verb.dep_ == "conj" and all(c.lower_ in PERSONAL_PRONOUNS for c in own):
        # "X stond in de finale, maar hij verloor van Y": a conjoined verb shares the first
        # verb's subject, also through a pronoun of its own
        yield from (c for c in verb.head.children if c.dep_ in SUBJECT_DEPS)
    relative = next((c for c in own if c.lower_ in RELATIVE_PRONOUNS), None)
    if relative is not None and verb.head.i != verb.i and (
            verb.dep_.startswith("acl") or (verb.dep_ == "advcl" and relative.i > 0
                                            and verb.doc[relative.i - 1].text == ",")):
        # (a relative clause after a comma the parser took for an adverbial one)
        # "X, die vorig jaar Vitesse verliet": the clause is about the name right before
        # it (the parser may hang it on a name before that one: "versloeg A B, die ..."),
        # else the noun it hangs on
        k = relative.i - 1
        if k >= 0 and verb.doc[k].text == ",":
            k -= 1
        while k >= 0 and (verb.doc[k].text[:1].isupper() or verb.doc[k].text in ("van", "de")):
            yield verb.doc[k]
            k -= 1
        yield verb.head
        if verb.head.dep_ in ("appos", "flat"):
            yield verb.head.head  # a name in apposition is found by the noun before it
    # "beat Spain to take the title", "om de titel te pakken": the infinitive's subject
    # is the subject of the verb it completes
    # (that verb's own, however it has it: "got into a breakaway and then attacked to win
    # the stage" is the subject of "got")
    # "won the Cup, beating Nigeria in the final", "by beating X", "door Spanje te
    # verslaan": a clause without a subject of its own, of a participle or an infinitive
    # after "door", is done by the subject of the verb it hangs on (not one "without"
    # doing it)
    # ("are the new champions after beating X": on a predicate noun, the parser may call the
    # clause the noun's)
    if (verb.dep_ in ("advcl", "xcomp") or verb.dep_ == "acl" and any(
            c.dep_ == "cop" for c in verb.head.children)) and verb.head.i != verb.i and not any(
            c.dep_ in SUBJECT_DEPS for c in verb.children) and _controlled(verb):
        yield from subjects_of(verb.head)
    yield from _predicate_subjects(verb)


def _subject_past_own_verb(subject: Token, verb: Token) -> Token:
    """The subject of `verb`: `subject`, unless a verb of its own stands between it and a
    name joined to it ("A won silver and B took bronze" parsed as "A ... and B took"):
    then that name."""
    for other in subject.children:
        if other.dep_ == "conj" and other.pos_ == "PROPN" and other.i < verb.i and any(
                t.pos_ == "VERB" and t.head.i == subject.i and t.dep_ != "conj"
                for t in subject.doc[subject.i + 1:other.i]):
            return other
    return subject


def _conjoined_name_before(verb: Token) -> Token | None:
    """The name right before a conjoined verb that the parser joined to the first verb's
    object instead ("A won silver and B (37.88) took bronze"): that name, else None."""
    k = verb.i - 1
    doc = verb.doc
    if k >= 0 and doc[k].text == ")":  # past a time or score in brackets after the name
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if k < 0 or doc[k].pos_ != "PROPN":
        return None
    name = doc[k]
    while name.dep_ in ("flat", "compound") and name.head.i < name.i:
        name = name.head
    if name.dep_ == "conj" and name.head.dep_ in ("obj", "obl", "nmod") and \
            name.head.head.i == verb.head.i:
        return name
    return None


CONTROLLING_MARKS = frozenset({"to", "om", "by", "door", "after", "na", "while", "when"})
"""Words opening a clause without a subject that is its head verb's subject's doing."""


def _controlled(verb: Token) -> bool:
    """Whether a subjectless clause is done by its head verb's subject: an infinitive after
    "to", "om" or "door", a participle ("beating X", "by beating X"); not one "without"
    ("zonder") doing it."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    if marks & DENYING_MARKS:
        return False
    return bool(marks & CONTROLLING_MARKS) or verb.tag_ == "VBG"


RELATIVE_PRONOUNS = frozenset({"die", "dat", "wie", "who", "that", "which"})
"""Pronouns that open a relative clause as its subject."""

PERSONAL_PRONOUNS = frozenset({"hij", "zij", "ze", "he", "she"})
"""Subject pronouns a conjoined clause refers back to its first subject with."""


def _predicate_subjects(verb: Token) -> Iterator[Token]:
    """The subject of a predicate noun the verb's clause describes: "X is de enige Belg die
    Y ooit won", "X became the youngest Briton to win Y", "X is the only rider who beat Y"
    say what X did. Only when the clause has no subject but a relative pronoun or
    an infinitive's "to"."""
    if verb.dep_.split(":")[0] not in ("acl", "csubj"):
        return
    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if any(c.lower_ not in RELATIVE_PRONOUNS for c in own):
        return
    if not own and not any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children):
        return
    noun = verb.head
    if any(c.dep_ == "cop" for c in noun.children):  # "X is de enige Belg"
        yield from (c for c in noun.children if c.dep_ in SUBJECT_DEPS)
    elif noun.dep_ == "xcomp":  # "X became the youngest Briton"
        yield from (c for c in noun.head.children if c.dep_ in SUBJECT_DEPS)


def _arguments(verb: Token, against: frozenset[str] = AGAINST
               ) -> Iterator[tuple[Token, str | None, Token | None]]:
    """The verb's arguments down to a few arcs, each with the preposition that marks it
    (None for a bare object) and the argument of the verb it hangs on (None when it is
    one itself); a clause of its own below the verb is not entered. A preposition in
    `against` marks an opponent, even one that otherwise marks no side ("met")."""
    todo: list[tuple[Token, int, str | None, Token | None]] = [
        (c, 1, None, None) for c in verb.children]
    while todo:
        token, depth, marked, via = todo.pop()
        case = case_of(token)
        listed = _listed_case(token) if case is None and depth == 1 else None
        if token.dep_.split(":")[0] not in OBJECT_DEPS and token.dep_ != "advmod" \
                and listed is None:
            continue
        case = case or listed
        preposition = case or marked
        aside = case in NOT_A_SIDE and case not in against
        if not aside:  # "in Duitsland" is a place; what hangs on it may not be
            yield token, preposition, via
        if depth < _DEPTH and token.pos_ not in ("VERB", "AUX"):
            todo.extend((c, depth + 1, None if aside else preposition,
                         via or token) for c in token.children)


def case_of(token: Token) -> str | None:
    """The preposition of a noun phrase: on its head, or on the first part of a name the
    parser split ("over Pete Rowe" with "over" hung on "Pete")."""
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    for part in token.children:
        if part.dep_ in ("compound", "flat") and part.i < token.i:
            for child in part.children:
                if child.dep_ == "case":
                    return child.lower_
    return None


LIST_DEPS = frozenset({"appos", "parataxis", "conj"})
"""Arcs a parser hangs the middle of a list of names on the verb by."""


def _listed_case(token: Token) -> str | None:
    """The preposition a list item without one shares with the item before it, where the
    parser hung the item on the verb as an apposition or a clause of its own ("won van
    A, B en C": B is beaten as A is); None for anything else."""
    if token.dep_ not in LIST_DEPS or token.pos_ not in ("PROPN", "NOUN") or \
            token.head.pos_ not in ("VERB", "AUX"):
        return None
    before = [c for c in token.head.children
              if c.i < token.i and c.dep_.split(":")[0] in ("obl", "nmod")]
    if not before or not any(t.text == "," for t in token.doc[before[-1].i:token.i]):
        return None
    return case_of(before[-1])


def _reaches(via: Token | None) -> bool:
    """Whether a win reaches an opponent through what it hangs on: directly, a score
    ("met 3-1 van België"), a match or race ("de finale van Spanje") or a margin ("by two
    shots over X")."""
    return via is None or any(c.isdigit() for c in via.text) or via.lower_ in MATCH_WORDS \
        or via.lemma_.lower() in MATCH_WORDS or via.lemma_.lower() in MARGIN_WORDS \
        or _final_compound(via)


def _final_compound(token: Token) -> bool:
    """A final named with its tournament in one word ("de WK-finale", "de bekerfinale", "the
    Cup-final"): a final all the same; not a race's A- or B-final."""
    word = token.lower_
    return word.endswith(("finale", "-final")) and word not in FINALS and \
        not word.startswith(("a-", "b-", "halve", "kwart", "semi", "quarter"))


def _event(context: ArticleContext, index: int, token: Token,
           subject: Person | Concept) -> Concept | None:
    """The event a win's object names when it is a race of the lexicon ("de
    ploegenachtervolging", "the mass start"), a distance ("de 5.000 meter", "Sunday's
    1000-meter race") or a counted stage of a stage race ("the 14th stage"), built with its
    competition and edition in the form the pattern families write; None without an
    edition (a bare "team pursuit")."""
    sentence = context.sentences[index]
    race = _race_named(context, token)
    unit = _distance_unit(token)
    if race is not None:
        named = race
    elif unit is not None:
        number = next(c for c in unit.children if c.dep_ == "nummod")
        named = f"{number.text.replace('.', '').replace(',', '')} m"  # "de 5.000 meter"
    elif token.lemma_.lower() in STAGE_NOUNS:
        return _stage_won(context, index, token)
    else:
        return None
    person = subject if isinstance(subject, Person) else None
    event = build_event(context, sentence, max(0, token.idx - sentence.start), person)
    if event is None or named not in event.label or not any(
            c.isdigit() for c in event.label.replace(named, "")):
        return None
    return event


DISTANCE_UNITS = frozenset({"meter", "metres", "meters", "metre", "m"})
"""Units of a race named by its distance ("won de 3000 meter", "won the 800 m")."""

RACE_NOUNS = frozenset({"race", "event", "final", "wedstrijd", "finale"})
"""Nouns of a race that its distance may modify ("Sunday's 1000-meter race")."""


def _race_named(context: ArticleContext, token: Token) -> str | None:
    """The lexicon's race a word names, alone ("de ploegenachtervolging") or with the
    modifiers just before it ("the mass start", "de lichte skiff")."""
    lexicon = Lexicon.load()
    found = lexicon.lookup("race", context.lang, token.lower_)
    if found is not None:
        return found.label
    left = [c for c in token.lefts if c.dep_ in ("amod", "compound") and
            c.i >= token.i - 2]
    if left:
        words = " ".join(t.lower_ for t in token.doc[left[0].i:token.i + 1])
        found = lexicon.lookup("race", context.lang, words)
    return found.label if found is not None else None


def _distance_unit(token: Token) -> Token | None:
    """The unit word of a race named by its distance: the word itself ("the 800 m") or,
    on a noun for a race, the unit that modifies it ("the 500-meter race")."""
    def counted(unit: Token) -> bool:
        return unit.lower_ in DISTANCE_UNITS and any(c.dep_ == "nummod" for c in unit.children)

    if counted(token):
        return token
    if token.lemma_.lower() in RACE_NOUNS:
        return next((c for c in token.children
                     if c.dep_ in ("compound", "amod", "nmod") and counted(c)), None)
    return None


STAGE_NOUNS = frozenset({"stage", "etappe", "rit"})
"""Nouns of one day of a stage race ("won the 15th stage", "won de zevende etappe")."""

LAST_WORDS = frozenset({"final", "last", "laatste", "slotrit"})
"""Words of the last stage of a stage race ("the final stage")."""


def _stage_won(context: ArticleContext, index: int, token: Token) -> Concept | None:
    """The stage a win's object counts ("the 15th stage", "de zevende etappe", "the final
    stage") of the stage race the sentence names, else of the one the report is about
    (`match_event`), in its edition; None for a stage with no count or no race."""
    sentence = context.sentences[index]
    counts = [parse_ranking(c.lower_) for c in token.children if c.dep_ in ("amod", "nummod")]
    number = next((n for n in counts if n is not None), None)
    last = any(c.lower_ in LAST_WORDS for c in token.children if c.dep_ == "amod")
    if number is None and not last:
        return None
    race = match_event(context, sentence)
    if race is None:
        return None
    stage = f"stage {number}" if number is not None else "final stage"
    return Concept(f"{stage}, {race.label}", "event")


def _events_on(word: Token, events: dict[int, Mention], cases: frozenset[str]
               ) -> list[Mention]:
    """The events named in the adverbials of a word that one of `cases` marks ("won ... at
    Wimbledon", "sprinted to victory in the Tour")."""
    return [events[c.i] for c in word.children if c.i in events
            and c.dep_.split(":")[0] in ("obl", "nmod") and case_of(c) in cases]


TITLE_PLACES = frozenset({"in", "at", "op", "bij", "of", "van"})
"""Prepositions that put a title in a competition ("de titel in de MXGP", "the title at the
Australian Open")."""


TITLE_NOUNS = frozenset({"title", "titel", "trophy", "trofee", "crown", "kroon", "cup", "beker"})
"""Nouns for what the winner of a competition takes home ("won the Premier League title")."""


def _title_event(
    context: ArticleContext, index: int, token: Token, award: Mention | None,
    arguments: list[tuple[Token, str | None, Token | None]], events: dict[int, Mention],
) -> Concept | None:
    """The competition a title won is of: an event named on the title ("the Premier League
    title", "de titel in de MXGP") or beside it on the verb ("captured the title at the
    Australian Open"), in its edition; None for a title of no named event."""
    inside = [events[t.i] for t in token.subtree
              if t.i in events and (award is None or not award.start <= t.i < award.end)]
    beside = [events[t.i] for t, preposition, _ in arguments
              if t.i in events and preposition in TITLE_PLACES]
    # a place word the argument reader leaves aside ("at Wimbledon") hangs on the verb
    beside += _events_on(token.head, events, TITLE_PLACES) if token.head.i != token.i else []
    sentence = context.sentences[index]
    year = year_of(context, sentence)
    if not inside and not beside:
        # "won his fifth title" in a report of a tournament: the tournament's title, when
        # the sentence tells of the days the article reports
        told = article_event(context)
        if told is None or award is not None or not context.is_recent(sentence):
            return None
        return Concept(edition_label(told, sentence.text, year), "event")
    found = (inside or beside)[0]
    return _event_named(context, index, found.label or found.text, found.start_char)


def _won_conjoined(context: ArticleContext, index: int, subject: Person | Concept,
                   arguments: list[tuple[Token, str | None, Token | None]],
                   events: dict[int, Mention], name: str) -> Iterator[Fact]:
    """Competitions listed after the one a win names as its object are won as well ("won the
    Premier League and the FA Cup", "won de Amstel Gold Race, de Waalse Pijl en
    Luik-Bastenaken-Luik"), each in the edition of the sentence's year. The list is read
    from the words, not the arcs (parsers hang its items on whatever is near): names of
    competitions with only commas, "and" and articles between them."""
    starts = {m.start: m for m in events.values()}
    for token, preposition, via in arguments:
        if preposition is not None or via is not None or token.dep_ != "obj" or \
                token.i not in events:
            continue
        doc, at, joined = token.doc, events[token.i].end, False
        while at < len(doc):
            word = doc[at]
            if word.text == "," or word.lower_ in LIST_JOINERS or word.pos_ == "DET":
                joined, at = True, at + 1
                continue
            found = starts.get(at)
            if found is None or not joined:
                break
            yield _fact(context, index, subject, "sk:won",
                        _event_named(context, index, found.label or found.text,
                                     found.start_char), name)
            at, joined = found.end, False


LIST_JOINERS = frozenset({"and", "en", "&"})
"""Words that join the last item of a list to the others (not "or", nor Dutch "of")."""


def _passive_win(context: ArticleContext, index: int, verb: Token,
                 sides: dict[int, Person | Concept], events: dict[int, Mention], name: str
                 ) -> Iterator[Fact]:
    """A named competition won in the passive is its agent's win ("de marathon van
    Rotterdam is gewonnen door X", "the Open was won by X")."""
    if not any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children):
        return
    won = [events[c.i] for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i in events]
    agents = [sides[c.i] for c in verb.children
              if c.i in sides and c.dep_.split(":")[0] in ("obl", "nmod")
              and case_of(c) in AGENT]
    if len(won) != 1 or len(agents) != 1:
        return
    yield _fact(context, index, agents[0], "sk:won",
                _event_named(context, index, won[0].label or won[0].text, won[0].start_char),
                name)


AT_EVENT = frozenset({"at", "in", "op", "bij"})
"""Prepositions that put a win at a named competition ("triumphed at Wimbledon")."""


def _won_at(context: ArticleContext, index: int, verb: Token, subject: Person | Concept,
            awards: dict[int, Mention], events: dict[int, Mention], name: str
            ) -> Iterator[Fact]:
    """A win with no object at a named competition is a win of that competition
    ("triumphed at Wimbledon", "zegevierde in de Ronde van Vlaanderen"), as is one in the
    town the report's race is named after ("won in Rotterdam"), in its edition;
    with an object, or a medal anywhere below the verb, the object is what was won ("won
    a stage at the Giro", "won op de WK zilver")."""
    if any(c.dep_ in ("obj", "iobj", "xcomp", "ccomp") for c in verb.children) or any(
            t.i in awards for t in verb.subtree):
        return
    told = article_event(context)
    # the place may hang on another adverbial ("won voor de derde keer in Rotterdam"), or,
    # for a win completing another verb, on that verb ("went on to win at Wimbledon")
    reached = [*verb.children, *(g for c in verb.children if c.dep_.split(":")[0] == "obl"
                                 for g in c.children),
               *(c for c in verb.head.children if verb.dep_ == "xcomp" and c.i > verb.i)]
    for child in reached:
        if child.dep_.split(":")[0] not in ("obl", "nmod") or case_of(child) not in AT_EVENT:
            continue
        found = events.get(child.i)
        if found is not None:
            competition = found.label or found.text
        elif told is not None and child.pos_ == "PROPN" and child.text in _named_after(told):
            competition = told  # "won in Rotterdam" in a report of the Rotterdam Marathon
        else:
            continue
        yield _fact(context, index, subject, "sk:won",
                    _event_named(context, index, competition, child.idx), name)
        return


def _named_after(event: str) -> set[str]:
    """The words of an event's names in the lexicon, in any language ("Rotterdam Marathon",
    "marathon van Rotterdam")."""
    return {w for e in Lexicon.load().entries("event_name") if e.label == event
            for w in (*e.surface.split(), *e.label.split())}


def _event_named(context: ArticleContext, index: int, competition: str, start: int) -> Concept:
    """The competition named at character `start` of the doc in sentence `index`, in the
    edition its clause names, else that of the reported days (`edition_at`)."""
    sentence = context.sentences[index]
    return Concept(edition_at(competition, sentence.text, year_of(context, sentence),
                              start - sentence.start), "event")


_EDITION_CHAMPION = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)[\s-]+(?:champion|winner|kampioen|winnaar|winnares)\s+"
    r"⟨P(?P<p>\d+)⟩|⟨P(?P<q>\d+)⟩\s*,\s+(?:the|de)\s+(?:winner|champion|winnaar|winnares|"
    r"kampioen)\s+(?:of|van)\s+(?P<year2>(?:19|20)\d\d)\b")
"""A winner named by the year of the edition they won ("2018 champion X", "X, de winnaar
van 2017")."""


_SINCE_WINNER = re.compile(
    r"\b(?:first|eerste)\b[^.⟨]{0,80}?\b(?:to\s+(?:win|triumph)|die\s+[^.⟨]{0,40}?\b"
    r"(?:won|wint|zegevierde)|om\s+[^.⟨]{0,40}?\bte\s+(?:winnen|zegevieren))\b[^.⟨]{0,80}?\b"
    r"(?:since|sinds|sedert)\s+⟨P(?P<p>\d+)⟩\s*(?:in\s+|\()?"
    r"(?P<year>(?:19|20)\d\d)\b")
"""The last one before to win it ("the first Norwegian to win it since X in 1997")."""

_PAST_WINNER = re.compile(
    r"⟨P(?P<p>\d+)⟩\s*,\s+(?:a|an|the|de|het|een)\s+(?:\w+-time\s+|\w+voudig\s+|former\s+|"
    r"voormalig\s+)?(?:winner|champion|winnaar|winnares|kampioen)\s+(?:of|van)\s+(?:the|this|"
    r"het|dit|de|deze)\s+(?:event|tournament|race|toernooi|wedstrijd|koers)\b")
"""A winner of the tournament a report is about, named so ("X, a three-time winner of the
tournament")."""


def _champions_of_editions(context: ArticleContext, name: str) -> Iterator[Fact]:
    """Wins of earlier editions of the tournament a report is about, told by the year of
    the title: "beat 2018 champion X" in a report of the French Open is X's win of the
    2018 French Open; "X, a three-time winner of the tournament" won it, in editions not named.
    Only in a report of one named tournament (`article_event`)."""
    told = article_event(context)
    if told is None:
        return
    for sentence in context.sentences:
        for m in _EDITION_CHAMPION.finditer(sentence.masked):
            k, year = (m.group("p"), m.group("year")) if m.group("p") else (
                m.group("q"), m.group("year2"))
            if int(k) >= len(sentence.people):
                continue
            event = Concept(edition_label(told, "", year), "event")
            yield Fact(sentence.people[int(k)], "sk:won", event, sentence.index, name,
                       CONFIDENCE["sk:won"], (("P585", LiteralValue(year, "date", "year")),))
        for m in _SINCE_WINNER.finditer(sentence.masked):
            k, year = int(m.group("p")), m.group("year")
            if k < len(sentence.people):  # "the first Norwegian to win it since X in 1997"
                yield Fact(sentence.people[k], "sk:won",
                           Concept(edition_label(told, "", year), "event"), sentence.index,
                           name, CONFIDENCE["sk:won"],
                           (("P585", LiteralValue(year, "date", "year")),))
        for m in _PAST_WINNER.finditer(sentence.masked):
            k = int(m.group("p"))
            if k < len(sentence.people):  # which editions it was, the text does not say
                yield Fact(sentence.people[k], "sk:won", Concept(told, "event"),
                           sentence.index, name, CONFIDENCE["sk:won"])


def _award(context: ArticleContext, index: int, subject: Person | Concept, award: Mention,
           name: str) -> Fact:
    """A medal or title won, with the event, date and place of the sentence."""
    sentence = context.sentences[index]
    value = Concept(award.label, "award", award.qid)
    return Fact(subject, "P166", value, index, name, CONFIDENCE["P166"], result_qualifiers(
        context, sentence, subject, value, award.start_char - sentence.start,
        at=_place_of(subject, sentence)))


def _fact(context: ArticleContext, index: int, subject: Person | Concept, prop: str,
          value: Person | Concept, name: str) -> Fact:
    """A fact of the sentence; a win takes the date and place of its days."""
    sentence = context.sentences[index]
    at = _place_of(subject, sentence)
    quals = result_qualifiers(context, sentence, subject, at=at) if prop == "sk:won" else \
        defeat_qualifiers(context, sentence, subject, at or 0)
    return Fact(subject, prop, value, index, name, CONFIDENCE[prop], quals)


def _place_of(subject: Person | Concept, sentence: Sentence) -> int | None:
    """Where a person is named in the sentence (characters from its start); None for a
    side, whose name may stand anywhere."""
    if isinstance(subject, Person) and sentence.start <= subject.start < sentence.end:
        return subject.start - sentence.start
    return None


def negated(verb: Token) -> bool:
    """Whether the verb is denied ("won nooit van", "verloor niet", "did not lose to"): a
    denied result states nothing."""
    return any(c.lower_ in NEGATIONS for c in verb.children
               if c.dep_ in ("advmod", "neg", "det", "aux", "part"))




def _unique(facts: list[Fact]) -> list[Fact]:
    """One fact per (sentence, subject, property, value): a verb and its conjoined twin in
    one sentence agree; the same medal won again in another sentence is its own fact."""
    seen: set[tuple[int, str, str, str]] = set()
    out: list[Fact] = []
    for fact in facts:
        value = fact.value
        key = (fact.sentence, name_of(fact.subject), fact.property,
               name_of(value) if isinstance(value, Person | Concept) else str(value))
        if key not in seen:
            seen.add(key)
            out.append(fact)
    return out
