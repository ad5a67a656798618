"""Candidate pairs of typed mentions in a sentence, and the features a classifier reads.

Every ordered pair (subject, value) of mentions in one sentence whose types fit one of
the pair relations (`PAIR_RELATIONS`: a person or team as subject; a person, team,
event, country, occupation or award as value) is a candidate. Countries and occupations are
the lexicon's words ("Nederlandse", "the Norwegian", "schaatsster", "striker"); their
value is the lexicon's English label and QID, as for the pattern extractors.

A candidate's features are what a reader of the sentence uses to decide the relation:
the two types, their order and distance, the words and lemmas between them (the trigger
words: "versloeg", "beat", "speelt bij", "coached by"), the words just around them,
which mention is nearest to which, and, when the pipeline parses, the dependency path
between the heads of the two mentions with the lemmas on it.

The features are plain strings so that any linear model can weigh them; the trained
model in `sportkg.extract.relations.classifier` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .editions import edition_at, edition_label
from .engine import ArticleContext, Concept, Person
from .roles import role_in_sport
from .triggers import classes_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PAIR_RELATIONS: tuple[str, ...] = (
    "P54", "sk:defeated", "sk:won", "sk:coachedBy", "P166",
    "P26", "P451", "sk:engagedTo", "P40", "P22", "P25", "P3373",
    "P27", "P106",
)
"""The relations between two named things of a sentence that the classifier decides."""

SENTENCE_MENTIONS_KEY = "sportkg_sentence_mentions"
"""Where a doc keeps its typed mentions per sentence once read."""

NONE = "none"
"""The class of a candidate pair that states no pair relation."""

MENTION_TYPE = {
    "organization": "team", "team": "team", "person": "person", "event": "event",
    "country": "country", "occupation": "occupation",
}
"""Mention labels the pairs read, folded to the kinds a relation cares about."""

LEXICON_KINDS: dict[str, tuple[str, ...]] = {
    "country": ("country", "demonym"),
    "occupation": ("role",),
    "event": ("event_name", "race"),
}
"""Lexicon kinds that give the English label of a country, occupation or event mention."""

AWARD_KINDS = ("title", "medal")
"""Lexicon kinds whose words are awards a person or team receives ("wereldkampioen", "goud")."""

_MAX_BETWEEN = 12


@dataclass(frozen=True)
class Mention:
    """A typed mention of a sentence: token and character offsets, text and canonical name."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    name: str
    kind: str  # person, team, event, country or occupation
    label: str = ""  # the lexicon's English label (countries, occupations, some events)
    qid: str | None = None
    sport: str = ""  # "label/QID" of the sport an occupation implies


@dataclass(frozen=True)
class Candidate:
    """An ordered pair of mentions in one sentence, with its features."""

    sentence: int
    subject: Mention
    value: Mention
    features: tuple[str, ...]

    def subject_value(self) -> Person | Concept:
        """The fact subject: a Person of the article or a team Concept."""
        return mention_value(self.subject)

    def object_value(self, sentence_text: str, year: str | None = None,
                     discipline: str = "", at: int | None = None) -> Person | Concept:
        """The fact value; an event takes the year its sentence names ("Giro d'Italia 2019"),
        else `year` (the publication year, for a sentence about the days around it), and
        the discipline the sentence names ("women's singles, Wimbledon 2017"). With `at`
        (where the event stands in the sentence), a year of another clause does not date
        an event of the reported days."""
        if self.value.kind in ("country", "occupation"):
            return Concept(self.value.label, self.value.kind, self.value.qid)
        if self.value.kind == "nation":
            return Concept(self.value.label, "country", self.value.qid)
        if self.value.kind == "award":
            return Concept(self.value.label, "award", self.value.qid)
        if self.value.kind == "event":
            name = self.value.label or self.value.text
            label = edition_label(name, sentence_text, year) if at is None else edition_at(
                name, sentence_text, year, at)
            if discipline and discipline.lower() not in label.lower():
                label = f"{discipline}, {label}"
            return Concept(label, "event")
        return mention_value(self.value)


def mention_value(mention: Mention) -> Person | Concept:
    """What a mention stands for in a fact: a Person of the article, a country's national
    side as a team, or a concept of its kind."""
    if mention.kind == "person":
        return Person(mention.name, mention.start_char, mention.end_char)
    if mention.kind == "nation":  # a country that wins, beats or is beaten: its team
        return Concept(team_name(mention), "team")
    return Concept(mention.text, mention.kind)


def team_name(mention: Mention) -> str:
    """A national team's name: as an English text writes it ("Great Britain"), else the
    country's English label ("Nederland": "Netherlands")."""
    from .lexicon import Lexicon

    if Lexicon.load().lookup("country", "en", mention.text) is not None:
        return mention.text
    return mention.label or mention.text


def _names_country(lang: str, text: str) -> bool:
    """True when `text` is a country's name ("Nederland"), not an adjective ("Nederlandse")."""
    from .lexicon import Lexicon

    return Lexicon.load().lookup("country", lang, text) is not None


def _lexicon_entry(kind: str, context: ArticleContext,
                   text: str) -> tuple[str, str | None, str]:
    """The English label, QID and implied sport of a country/occupation/event mention (an
    occupation in the article's sport when its word names an athlete of any sport)."""
    from .lexicon import Lexicon

    lexicon = Lexicon.load()
    for lexicon_kind in LEXICON_KINDS.get(kind, ()):
        entry = lexicon.lookup(lexicon_kind, context.lang, text)
        if entry is not None and entry.label:
            if kind != "occupation":
                return entry.label, entry.qid, ""
            sport = entry.extra if "/" in entry.extra else ""
            return role_in_sport(context.lang, text, entry.label, entry.qid, sport,
                                 context.sport)
    return "", None, ""


def sentence_mentions(doc: Doc, context: ArticleContext) -> list[list[Mention]]:
    """The typed mentions of each sentence of the context (persons with canonical names);
    computed once per doc (the pair and attribute classifiers both read them)."""
    from ..mentions import MENTIONS_KEY

    cached = doc.user_data.get(SENTENCE_MENTIONS_KEY)
    if isinstance(cached, list) and len(cached) == len(context.sentences):
        return cached

    spans: list[Span] = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
    out: list[list[Mention]] = []
    k = 0
    for sentence in context.sentences:
        names = {(p.start, p.end): p.name for p in sentence.people}
        found: list[Mention] = []
        while k < len(spans) and spans[k].start_char < sentence.start:
            k += 1
        j = k
        while j < len(spans) and spans[j].end_char <= sentence.end:
            span = spans[j]
            kind = MENTION_TYPE.get(span.label_)
            label, qid, sport = ("", None, "") if kind is None else _lexicon_entry(
                kind, context, span.text)
            if kind in ("country", "occupation") and not label:
                kind = None  # no English label to state
            elif kind == "country" and _names_country(context.lang, span.text):
                kind = "nation"  # "Nederland", "Belgium": a country, or its national team
            if kind is not None:
                found.append(Mention(
                    span.start, span.end, span.start_char, span.end_char, span.text,
                    names.get((span.start_char, span.end_char), span.text), kind,
                    label, qid, sport,
                ))
            j += 1
        k = j
        out.append(found)
    doc.user_data[SENTENCE_MENTIONS_KEY] = out
    return out


def award_mentions(doc: Doc, context: ArticleContext, index: int) -> list[Mention]:
    """The medals and titles a sentence names, as award mentions with their English label.

    A medal is Olympic when its words or the sentence name the Olympics ("olympisch goud",
    "gold at the Tokyo Olympics"), or the sentence tells of the days of an Olympic article;
    gold at a world or European championship is that title ("WK-goud": "world champion").
    A title of a discipline takes its distance or race kind ("wereldkampioen op de 1000
    meter": "world champion 1000 m").
    """
    from .engine import (
        _race_kind,
        competition_in,
        distance_label,
        distance_near,
        main_competition,
    )
    from .lexicon import Lexicon

    lexicon = Lexicon.load()
    sentence = context.sentences[index]
    named = competition_in(context, sentence.text)
    if named is None and context.is_recent(sentence):
        named = main_competition(context)
    competition = named[0] if named else ""

    def discipline(position: int) -> str:
        distance = distance_near(sentence, position)
        if distance is not None:
            return " " + distance_label(sentence.text, distance, position)
        race = _race_kind(context, sentence)
        return f" {race}" if race is not None else ""

    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for kind in AWARD_KINDS:
        pattern = lexicon.finder(kind, context.lang)
        if pattern is None:
            continue
        for m in pattern.finditer(sentence.text):
            start, end = sentence.start + m.start("w"), sentence.start + m.end("w")
            if any(a < end and start < b for a, b in taken):
                continue  # "Olympic champion" is one title, not also a medal
            if kind != "medal" and re.search(r"vice-?$", sentence.text[:m.start("w")],
                                             re.IGNORECASE):
                continue  # "vice-wereldkampioen" is second: the medal, not the title
            entry = lexicon.lookup(kind, context.lang, m.group("w"))
            span = doc.char_span(start, end, alignment_mode="expand")
            if entry is None or span is None:
                continue
            surface = m.group("w").lower()
            label = entry.label
            if kind == "medal":
                worlds = surface.startswith(("wk", "world")) or (
                    competition.startswith("World") and competition != "World Cup")
                europeans = surface.startswith(("ek", "europ")) or (
                    competition == "European Championships")
                if "olymp" in surface or competition == "Olympics":
                    label = f"Olympic {entry.label} medal"
                elif entry.label == "gold" and (worlds or europeans):
                    label = "world champion" if worlds else "European champion"
                else:
                    label = f"{entry.label} medal"
            if label.endswith("champion"):
                label += discipline(m.start("w"))
            award = lexicon.lookup("award", "*", label)
            qid = entry.qid or (award.qid if award is not None else None)
            taken.append((start, end))
            out.append(Mention(span.start, span.end, start, end, m.group("w"), m.group("w"),
                               "award", label, qid))
    return sorted(out, key=lambda mention: mention.start)


PRONOUNS = frozenset("he she his her him hij zij ze zijn haar hem".split())
"""Personal and possessive pronouns that stand for the sentence's salient person."""


def pronoun_mentions(doc: Doc, context: ArticleContext, index: int,
                      mentions: list[Mention]) -> list[Mention]:
    """The pronouns of a sentence as mentions of its salient person (resolved coreference)."""
    sentence = context.sentences[index]
    person = sentence.salient
    if person is None or any(m.name == person.name for m in mentions):
        return []
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return []
    return [
        Mention(t.i, t.i + 1, t.idx, t.idx + len(t.text), t.text, person.name, "person")
        for t in span if t.lower_ in PRONOUNS
    ][:1]


def candidates(doc: Doc, context: ArticleContext) -> list[Candidate]:
    """Every ordered pair of typed mentions of a sentence that a pair relation could join.

    The first pronoun of a sentence whose salient person is not named in it stands for
    that person ("He joined Exeter City" joins the player named before).
    """
    found: list[Candidate] = []
    lang = context.lang
    for index, named in enumerate(sentence_mentions(doc, context)):
        mentions = sorted([*named, *pronoun_mentions(doc, context, index, named),
                           *award_mentions(doc, context, index)], key=lambda m: m.start)
        owners = _relative_owners(doc, mentions)
        for a in mentions:
            if a.kind not in ("person", "team", "nation"):
                continue
            for b in mentions:
                if b is a or b.name == a.name:
                    continue
                if b.kind in ("country", "occupation") and a.kind != "person":
                    continue
                if a.kind == "nation" and b.kind not in ("team", "nation", "event", "award"):
                    continue
                owner = owners.get(b.start)
                if owner is not None and owner.name != a.name and owners.get(a.start) is not owner:
                    continue  # "A versloeg B, die zilver pakte": the silver is B's
                found.append(Candidate(index, a, b, tuple(features(doc, a, b, mentions, lang))))
    return found


_RELATIVE = frozenset({"die", "dat", "wie", "who", "which", "whose"})


def _relative_owners(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """The person each mention's relative clause hangs on: in "A versloeg B, die zilver
    pakte" the award mention belongs to B. Keys are mention start tokens; the clause runs
    from ", die/who" to the next comma or the end of the sentence."""
    out: dict[int, Mention] = {}
    people = [m for m in mentions if m.kind == "person"]
    for person in people:
        i = person.end
        if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in _RELATIVE:
            continue
        end = i + 2
        while end < len(doc) and doc[end].text not in (",", ";", ".", "!", "?") \
                and not doc[end].is_sent_start:
            end += 1
        for m in mentions:
            if i + 2 <= m.start < end:
                out[m.start] = person
    return out


def _lemma(token: Token) -> str:
    """The lower-case lemma of a token (the word itself on a blank pipeline); digits fold."""
    lemma = str(token.lemma_ or token.lower_)
    return "#num" if any(c.isdigit() for c in lemma) else lemma.lower()


def features(
    doc: Doc, a: Mention, b: Mention, mentions: list[Mention], lang: str
) -> list[str]:
    """The feature strings of the pair (a as subject, b as value); see the module docstring."""
    first, second = (a, b) if a.start < b.start else (b, a)
    forward = a.start < b.start
    order = "ab" if forward else "ba"
    kinds = f"{a.kind}>{b.kind}"
    between = doc[first.end : second.start]
    gap = len(between)
    bucket = "0" if gap == 0 else "1" if gap == 1 else "2" if gap == 2 else (
        "3-5" if gap <= 5 else "6-10" if gap <= 10 else "11+")
    pron = "pa" if a.text.lower() in PRONOUNS else "pb" if b.text.lower() in PRONOUNS else "pn"
    out = [f"pr={pron}", f"pk={pron}|{kinds}", f"k={kinds}", f"o={order}", f"ko={kinds}|{order}",
           f"d={bucket}", f"kd={kinds}|{bucket}", f"lang={lang}"]
    words = list(between) if gap <= _MAX_BETWEEN else [*between[:4], *between[-4:]]
    for token in words:
        if token.is_space:
            continue
        lemma = _lemma(token)
        out.append(f"b={lemma}")
        out.append(f"bo={lemma}|{order}")
        out.append(f"bk={lemma}|{kinds}")
    if gap <= 4:
        out.append("bs=" + " ".join(_lemma(t) for t in between if not t.is_space) + f"|{order}")
    out.extend(_trigger_features(doc, first, second, words, kinds, order, lang))
    others = sum(1 for m in mentions if first.end <= m.start and m.end <= second.start)
    out.append(f"m={min(others, 3)}")
    # the subject nearest to the value among mentions of its kind, and the value nearest
    # to the subject among mentions of its kind: the reading a writer's proximity suggests
    gap_ab = _gap(a, b)
    near_subject = all(_gap(m, b) >= gap_ab for m in mentions
                       if m is not a and m is not b and m.kind == a.kind and m.name != a.name)
    near_value = all(_gap(a, m) >= gap_ab for m in mentions
                     if m is not a and m is not b and m.kind == b.kind)
    nearness = f"{'S' if near_subject else 's'}{'V' if near_value else 'v'}"
    out.extend((f"n={nearness}", f"nk={nearness}|{kinds}", f"nko={nearness}|{kinds}|{order}"))
    same = sum(1 for m in mentions if m.kind == b.kind)
    out.append(f"vk={b.kind}|{min(same, 3)}")
    for offset, name in ((1, "l1"), (2, "l2")):
        i = first.start - offset
        if i >= 0 and not doc[i].is_space:
            out.append(f"{name}={_lemma(doc[i])}|{order}")
    for offset, name in ((0, "r1"), (1, "r2")):
        i = second.end + offset
        if i < len(doc) and not doc[i].is_space:
            out.append(f"{name}={_lemma(doc[i])}|{order}")
    if doc.has_annotation("DEP"):
        out.extend(_path_features(doc, a, b))
    return out


def _trigger_features(doc: Doc, first: Mention, second: Mention, between: list[Token],
                      kinds: str, order: str, lang: str) -> list[str]:
    """The classes of the trigger words between the mentions and just around them."""
    out: list[str] = []
    for cls in set(classes_of(_lemmas(between), lang)):
        out += [f"tb={cls}", f"tbk={cls}|{kinds}|{order}"]
    around = [*doc[max(0, first.start - 3) : first.start], *doc[second.end : second.end + 3]]
    for cls in set(classes_of(_lemmas(around), lang)):
        out.append(f"tw={cls}|{kinds}|{order}")
    return out


def _lemmas(tokens: Iterable[Token]) -> list[tuple[str, str]]:
    """(lemma, lower-case text) of each token that is not a space, as triggers read them."""
    return [(_lemma(t), t.lower_) for t in tokens if not t.is_space]


def _gap(x: Mention, y: Mention) -> int:
    """Tokens between two mentions (0 when adjacent)."""
    return y.start - x.end if x.start < y.start else x.start - y.end


_NAME_ATTACHMENTS = frozenset({"flat", "flat:name", "appos", "compound"})
"""How a parser hangs a name on the noun before it ("de Georgiër Levan Beridze",
"trainer Jan Smit": the name is a flat or appositive dependent of that noun)."""

_NOUN_WINDOW = 3
"""Tokens before a name within which the noun it hangs on still belongs to its phrase."""


def phrase_head(doc: Doc, m: Mention) -> Token:
    """The head of the noun phrase a mention stands in: its own root, or the noun just
    before it that the name hangs on ("de Georgiër Levan Beridze" is the object of
    "versloeg" through "Georgiër"), so a path reads the clause, not the apposition."""
    root = doc[m.start : m.end].root
    while (root.dep_ in _NAME_ATTACHMENTS and root.head.i < m.start
           and m.start - root.head.i <= _NOUN_WINDOW and _describes(root.head)):
        root = root.head
    return root


def _describes(token: Token) -> bool:
    """Whether a word before a name describes it: a noun or adjective, or a nationality or
    role word a tagger took for a name ("de Canadese Lies Wouters"); never another name."""
    from .lexicon import Lexicon

    if token.pos_ in ("NOUN", "ADJ"):
        return True
    lang = token.doc.lang_ if token.doc.lang_ in ("nl", "en") else "en"
    lexicon = Lexicon.load()
    return token.pos_ == "PROPN" and any(
        lexicon.contains(kind, lang, token.text) for kind in ("demonym", "role"))


def _path_features(doc: Doc, a: Mention, b: Mention) -> list[str]:
    """The dependency path between the heads of two mentions: labels and lemmas on it."""
    head_a = phrase_head(doc, a)
    head_b = phrase_head(doc, b)
    if head_a.i == head_b.i:  # "de Georgiër Beridze": the apposition is what joins them
        head_a, head_b = doc[a.start : a.end].root, doc[b.start : b.end].root
    up_a = [head_a, *head_a.ancestors]
    up_b = [head_b, *head_b.ancestors]
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    meet = next((n for n, t in enumerate(up_a) if t.i in ids_b), None)
    if meet is None:
        return ["p=none"]
    top = up_a[meet]
    left = up_a[:meet]
    right = up_b[: ids_b[top.i]]
    if len(left) + len(right) > 6:
        return ["p=long"]
    path = [f"{t.dep_}^" for t in left] + [_lemma(top)] + [f"v{t.dep_}" for t in reversed(right)]
    out = ["p=" + " ".join(path), f"pd={head_a.dep_}|{head_b.dep_}", f"pt={_lemma(top)}"]
    on_path = [*left[1:], top, *right[1:]]
    out.extend(f"pl={_lemma(t)}" for t in on_path)
    lang = doc.lang_ if doc.lang_ in ("nl", "en") else "en"
    for cls in set(classes_of(_lemmas(on_path), lang)):
        out.append(f"tp={cls}|{head_a.dep_}>{head_b.dep_}")
        out.append(f"tp={cls}")
    return out
