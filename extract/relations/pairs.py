"""Candidate pairs of typed mentions in a sentence, and the features a classifier reads.

Every ordered pair (subject, value) of mentions in one sentence whose types fit one of
the pair relations (`PAIR_RELATIONS`: a person or team as subject; a person, team or
event as value) is a candidate. Its features are what a reader of the sentence uses to
decide the relation: the two types, their order and distance, the words and lemmas
between them (the trigger words: "versloeg", "beat", "speelt bij", "coached by"), the
words just around them, and, when the pipeline parses, the dependency path between the
heads of the two mentions with the lemmas on it.

The features are plain strings so that any linear model can weigh them; the trained
model in `sportkg.extract.relations.classifier` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sportkg.extract.relations.engine import ArticleContext, Concept, Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

PAIR_RELATIONS: tuple[str, ...] = (
    "P54", "sk:defeated", "sk:won", "sk:coachedBy",
    "P26", "P451", "sk:engagedTo", "P40", "P22", "P25", "P3373",
)
"""The relations between two named things of a sentence that the classifier decides."""

NONE = "none"
"""The class of a candidate pair that states no pair relation."""

SUBJECT_TYPES = frozenset({"person", "organization", "team"})
VALUE_TYPES = frozenset({"person", "organization", "team", "event"})
MENTION_TYPE = {"organization": "team", "team": "team", "person": "person", "event": "event"}
"""Mention labels the pairs read, folded to the three kinds a relation cares about."""

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
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
    kind: str  # person, team or event


@dataclass(frozen=True)
class Candidate:
    """An ordered pair of mentions in one sentence, with its features."""

    sentence: int
    subject: Mention
    value: Mention
    features: tuple[str, ...]

    def subject_value(self) -> Person | Concept:
        """The fact subject: a Person of the article or a team Concept."""
        return _as_value(self.subject)

    def object_value(self, sentence_text: str) -> Person | Concept:
        """The fact value; an event takes the year its sentence names ("Giro d'Italia 2019")."""
        if self.value.kind == "event":
            label = self.value.text
            year = _YEAR.search(sentence_text)
            if year and year.group(0) not in label:
                label = f"{label} {year.group(0)}"
            return Concept(label, "event")
        return _as_value(self.value)


def _as_value(mention: Mention) -> Person | Concept:
    if mention.kind == "person":
        return Person(mention.name, mention.start_char, mention.end_char)
    return Concept(mention.text, mention.kind)


def sentence_mentions(doc: Doc, context: ArticleContext) -> list[list[Mention]]:
    """The typed mentions of each sentence of the context (persons with canonical names)."""
    from sportkg.extract.mentions import MENTIONS_KEY

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
            if kind is not None:
                found.append(Mention(
                    span.start, span.end, span.start_char, span.end_char, span.text,
                    names.get((span.start_char, span.end_char), span.text), kind,
                ))
            j += 1
        k = j
        out.append(found)
    return out


PRONOUNS = frozenset("he she his her him hij zij ze zijn haar hem".split())
"""Personal and possessive pronouns that stand for the sentence's salient person."""


def _pronoun_mentions(doc: Doc, context: ArticleContext, index: int,
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
        mentions = sorted([*named, *_pronoun_mentions(doc, context, index, named)],
                          key=lambda m: m.start)
        for a in mentions:
            if a.kind not in ("person", "team"):
                continue
            for b in mentions:
                if b is a or b.name == a.name:
                    continue
                found.append(Candidate(index, a, b, tuple(features(doc, a, b, mentions, lang))))
    return found


def _word(token: object) -> str:
    text = token.lower_  # type: ignore[attr-defined]
    if any(c.isdigit() for c in text):
        return "#num"
    return text


def _lemma(token: object) -> str:
    lemma = token.lemma_ or token.lower_  # type: ignore[attr-defined]
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
    others = sum(1 for m in mentions if first.end <= m.start and m.end <= second.start)
    out.append(f"m={min(others, 3)}")
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


def _path_features(doc: Doc, a: Mention, b: Mention) -> list[str]:
    """The dependency path between the heads of two mentions: labels and lemmas on it."""
    head_a = doc[a.start : a.end].root
    head_b = doc[b.start : b.end].root
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
    out.extend(f"pl={_lemma(t)}" for t in (*left[1:], top, *right[1:]))
    return out
