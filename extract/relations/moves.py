"""Moves between teams read from the parse: who signed, released or left whom.

Transfer news puts the club first as often as the player: "Feyenoord trok Kees Mol aan",
"Vitesse huurde X van Y", "Arsenal signed X from Leeds", "Everton released X", "Ajax
verkocht X aan Y", and the player leaves in as many words: "X left Everton", "X stopt bij
Vitesse", "X neemt afscheid van PSV", "X zegt Ajax vaarwel". Patterns that expect "X
tekent bij Y" miss them. This reader takes each verb of signing, releasing or leaving
(`SIGNING`, `RELEASING`, `LEAVING`; lemmas, with a separable particle joined: "trok ...
aan" is "aantrekken"), finds its subject and object among the people and teams of the
sentence (a passive's agent as the subject: "X werd door Vitesse ontslagen"), and states
the person's membership (`P54`) of each team with the move's date: a start (`P580`) at
the team signing them or the one they are sold or loaned to, an end (`P582`) at the team
releasing them, selling them or left. A denied verb states nothing ("Ajax haalde X niet").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import LiteralValue
from .clauses import WITH, case_of, competitors, negated, subjects_of, verb_words
from .engine import ArticleContext, Concept, Fact, Person
from .pairs import sentence_mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SIGNING = frozenset({
    "aantrekken", "huren", "contracteren", "vastleggen", "strikken", "inlijven",
    "binnenhalen", "kopen", "aanstellen", "benoemen", "presenteren", "sign", "recruit",
    "acquire", "buy", "appoint", "hire", "unveil",
})
"""Verbs (lemmas) of a team taking a person on: the object joins the subject."""

RELEASING = frozenset({
    "ontslaan", "verkopen", "wegsturen", "release", "sack", "fire", "sell", "dismiss", "axe",
})
"""Verbs of a team letting a person go: the object leaves the subject (and joins the team it
is sold to, "aan"/"to")."""

LENDING = frozenset({"verhuren", "uitlenen", "loan"})
"""Verbs of a team lending a person out: the object stays the subject's and plays for the
team it is loaned to."""

BORROWING = frozenset({"huren", "lenen"})
"""Verbs of a team borrowing a person: the object plays for the subject and stays the
lending team's ("huurde X van Chelsea")."""

SWAPPING = frozenset({
    "verruilen", "verruilde", "verruilden", "verruilt", "verruild", "inruilen", "swap",
    "swapped", "exchange", "exchanged",
})
"""Verbs of a person leaving one team for another: the object is left, the team after
"voor"/"for" joined ("verruilde Ajax voor PSV")."""

REINFORCING = frozenset({"versterken", "strengthen", "bolster"})
"""Verbs of a team reinforcing itself with a person ("versterkte zich met X"): X joins."""

LEAVING = frozenset({"verlaten", "vertrekken", "stoppen", "leave", "quit", "depart", "exit"})
"""Verbs of a person leaving a team: the object, or the team after "bij"/"van"."""

PARTING = frozenset({"afscheid", "vaarwel"})
"""Nouns and adverbs of a farewell ("neemt afscheid van X", "zegt X vaarwel")."""

FROM = frozenset({"van", "bij", "from", "uit"})
"""Prepositions of the team a person comes from or leaves."""

TO = frozenset({"aan", "to", "naar"})
"""Prepositions of the team a person is sold or loaned to."""

AGENT = frozenset({"door", "by"})
"""Prepositions of a passive's agent."""

CONFIDENCE = 0.75
"""The confidence of a move read from the parse (below the surest patterns)."""


def move_facts(doc: Doc, context: ArticleContext, name: str) -> list[Fact]:
    """The team moves of every sentence of a parsed doc (see the module docstring)."""
    out: list[Fact] = []
    for index, named in enumerate(sentence_mentions(doc, context)):
        sides = competitors(doc, [m for m in named if m.kind in ("person", "team")],
                            context.lang)
        people = {i: s for i, s in sides.items() if isinstance(s, Person)}
        teams = {i: s for i, s in sides.items() if isinstance(s, Concept)}
        if not people or not teams:
            continue
        sentence = context.sentences[index]
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for verb in span:
            if verb.pos_ not in ("VERB", "AUX") or negated(verb):
                continue
            lemmas = {word for pair in verb_words(verb) for word in pair}  # lemma and form
            for person, team, key in _moves(verb, lemmas, people, teams):
                out.append(_fact(context, index, person, team, key, name))
    return out


def _moves(verb: Token, lemmas: set[str], people: dict[int, Person],
           teams: dict[int, Concept]) -> Iterator[tuple[Person, Concept, str | None]]:
    """(person, team, "P580", "P582" or None) for each move a verb states: a membership
    that starts or ends with it, or one it does not date (the lending team's)."""
    arguments = list(_reached(verb, {*people, *teams}))
    passive = any(c.dep_ in ("aux:pass", "nsubj:pass") for c in verb.children)
    subject = next((c for c in subjects_of(verb) if c.i in people or c.i in teams), None)
    if passive:  # "X werd door Vitesse ontslagen": the agent does what a subject would
        agent = next((c for c, case in arguments if case in AGENT), None)
        objects = [subject] if subject is not None else []
        subject = agent
    else:
        objects = [c for c, case in arguments if case is None and c.dep_.split(":")[0] != "nsubj"]
    kinds = [(SIGNING, "P580", FROM, "P582"), (BORROWING, "P580", FROM, None),
             (RELEASING, "P582", TO, "P580"), (LENDING, None, TO, "P580")]
    kind = next((k for k in kinds if lemmas & k[0]), None)
    if kind is not None and subject is not None and subject.i in teams:
        _, own, other_case, other_key = kind
        for obj in objects:
            person = people.get(obj.i)
            if person is None:
                continue
            yield person, teams[subject.i], own
            for other, case in arguments:  # "van Leeds", "aan Ajax"
                if other.i in teams and other.i != subject.i and case in other_case:
                    yield person, teams[other.i], other_key
        return
    if lemmas & REINFORCING and subject is not None and subject.i in teams:
        for other, case in arguments:  # "Feyenoord versterkte zich met X"
            if other.i in people and case in WITH:
                yield people[other.i], teams[subject.i], "P580"
        return
    if subject is None or subject.i not in people:
        return
    person = people[subject.i]
    if lemmas & SWAPPING:  # "X verruilde Ajax voor PSV"
        for other, case in arguments:
            if other.i in teams and other.i != subject.i:
                if case is None:
                    yield person, teams[other.i], "P582"
                elif case in ("voor", "for"):
                    yield person, teams[other.i], "P580"
        return
    parting = [c for c in verb.children if c.lower_ in PARTING]
    farewell = bool(parting)
    if not (lemmas & LEAVING or farewell):
        return
    # "neemt afscheid van PSV": the team may hang on the farewell noun
    arguments += [(g, case_of(g)) for c in parting for g in c.children if g.dep_ == "nmod"]
    for other, case in arguments:
        if other.i in teams and other.i != subject.i and (case is None or case in FROM):
            yield person, teams[other.i], "P582"  # "verliet Vitesse", "stopt bij Vitesse"


def _reached(verb: Token, wanted: set[int]) -> Iterator[tuple[Token, str | None]]:
    """The people and teams (`wanted` head tokens) a verb reaches a few arcs down, each with
    the preposition on the way (None for an object): the parser may hang the player on a
    time phrase ("huurde vorig seizoen X") or the club he came from on him ("verkocht X aan
    Y"). A clause of its own below the verb is not entered."""
    todo: list[tuple[Token, int, str | None]] = [(c, 1, None) for c in verb.children]
    while todo:
        token, depth, marked = todo.pop()
        if token.dep_.split(":")[0] not in ("obj", "iobj", "obl", "nmod", "appos", "flat",
                                            "nsubj"):
            continue
        case = case_of(token) or marked
        if token.i in wanted:
            yield token, case
        if depth < 3 and token.pos_ not in ("VERB", "AUX"):
            todo.extend((c, depth + 1, case) for c in token.children)


def _fact(context: ArticleContext, index: int, person: Person, team: Concept,
          key: str | None, name: str) -> Fact:
    """A membership fact dated by the move: the sentence's date, else for the news of the day
    the publication day, at most to the month."""
    sentence = context.sentences[index]
    date = context.date_of(sentence)
    if date is None and context.published and context.is_recent(sentence):
        date = LiteralValue(context.published, "date", "day")
    quals: tuple[tuple[str, Concept | LiteralValue], ...] = ()
    if date is not None and key is not None:
        if date.precision == "day":
            date = LiteralValue(str(date.value)[:7], "date", "month")
        quals = ((key, date),)
    return Fact(person, "P54", team, index, name, CONFIDENCE, quals)
