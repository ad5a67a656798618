"""A team named short is the team the article names in full.

News names a club once in full and then short: "Manchester City" and later "City" or
"Man City", "Borussia Dortmund" and "Dortmund". A fact read from the short mention names
the team the article named in full, when exactly one team of the article has that name as
its short form. A short form keeps the full name's last word or, of a name of more words,
each of its words in order, whole or cut short ("Man" for "Manchester"); it is no short
form of a reserve or youth side ("Ajax" of "Jong Ajax") nor of a name whose other words are
generic ("Luton" of "Luton Town" is folded elsewhere).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, TypeVar, cast

from ...iris import fold
from .engine import Concept, Fact
from .pairs import sentence_mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .engine import ArticleContext

SIDE_WORDS = frozenset({
    "jong", "ii", "b", "u17", "u19", "u21", "u23", "o17", "o19", "o21", "o23", "reserves",
    "academy", "women", "womens", "vrouwen", "dames", "ladies", "men", "mens", "heren"})
"""Words that make a name another side of the club (reserves, youth, the other gender)."""

_V = TypeVar("_V")

_MIN_CUT = 3
"""Letters a word cut short keeps at least ("Man" for "Manchester")."""


def name_words(label: str) -> list[str]:
    """A team name's words, folded, without punctuation ("Man. City" -> ["man", "city"])."""
    return [w for w in re.split(r"[\W_]+", fold(label).replace("'", "")) if w]


def short_form(short: str, full: str) -> bool:
    """Whether `short` names the team `full` for short ("City" and "Man City" of "Manchester
    City"; not "Ajax" of "Jong Ajax", nor "Ajax" of "Ajax Cape Town", whose last word
    differs)."""
    ws, wf = name_words(short), name_words(full)
    if not ws or ws == wf or len(ws) > len(wf) or set(wf) & SIDE_WORDS or ws[-1] != wf[-1]:
        return False
    k = 0
    for word in ws:
        while k < len(wf) and not (wf[k] == word or (
                len(word) >= _MIN_CUT and wf[k].startswith(word))):
            k += 1
        if k == len(wf):
            return False
        k += 1
    return True


def full_team_names(doc: Doc, context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """The facts, each unlinked team named short renamed to the one team of the article it
    is a short form of (see the module docstring)."""
    teams: dict[str, Concept] = {}
    for mentions in sentence_mentions(doc, context):
        for mention in mentions:
            if mention.kind == "team":
                name = mention.label or mention.name
                teams.setdefault(fold(name), Concept(name, "team", mention.qid))
    for fact in facts:
        for value in (fact.subject, fact.value):
            if isinstance(value, Concept) and value.type == "team":
                teams.setdefault(fold(value.label), value)
    renamed: dict[str, Concept] = {}
    for key, team in teams.items():
        if team.qid is not None:
            continue
        longer = [t for k, t in teams.items() if k != key and short_form(team.label, t.label)]
        if len(longer) == 1:
            renamed[key] = longer[0]
    if not renamed:
        return facts

    def full(value: _V) -> _V:
        if isinstance(value, Concept) and value.type == "team":
            return cast(_V, renamed.get(fold(value.label), value))
        return value

    return [dataclasses.replace(
        f, subject=full(f.subject), value=full(f.value),
        qualifiers=tuple((k, full(v)) for k, v in f.qualifiers)) for f in facts]
