"""Who coaches a national side: "England manager X", "de Canadese bondscoach X", "the
Canada coach X", "de bondscoach van de Noren is X", "Oranje-coach X".

The pattern families read a coach of a person; a side is no person, so its coach is read
here, from the country, nationality or team name right before a coach word, or after
"coach of". The side is the country's team in the article (the squad rules of
`extract/statements.py` then share its coach with the players the article gives it). A
former or assistant coach is not the side's coach now.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .engine import Concept, side_country
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .engine import ArticleContext, Fact

SIDE_COACHES = "sportkg_side_coaches"
"""The extractor name of the coaches of sides."""

CONFIDENCE = 0.75

_COACH = (r"(?:bondscoach|bondscoache|coach|trainer|trainster|manager|hoofdcoach|"
          r"head\s+coach|national\s+coach|ploegleider)")
_SIDE = r"(?P<side>(?-i:[A-Z][\w’'-]+)(?:\s+(?-i:[A-Z][\w’'-]+))?)"
_NOT_NOW = re.compile(r"\b(?:former|assistant|assistent|voormalige?|oud|ex)\b", re.IGNORECASE)
"""Words of a coach the side had, or one who helps its coach."""
_BEFORE = re.compile(
    rf"\b{_SIDE}(?:['’]s)?(?:\s+|-)(?:(?:women's|men's|national)\s+)?{_COACH}"
    rf"\s*,?\s*⟨P(?P<k>\d+)⟩", re.IGNORECASE)
"""A side named right before a coach word and the coach ("England manager X", "Canadese
bondscoach X", "Oranje-coach X")."""
_OF = re.compile(
    rf"\b{_COACH}\s+(?:van|of)\s+(?:de\s+|het\s+|the\s+)?{_SIDE}"
    rf"(?:\s*,\s*|\s+(?:is|was|wordt|werd|blijft|remains)\s+[^⟨.]{{0,30}}?)⟨P(?P<k>\d+)⟩",
    re.IGNORECASE)
"""A coach of a side named after the coach word ("bondscoach van Canada, X", "de
bondscoach van de Noren is sinds maart X", "the coach of Japan is X")."""


def side_coaches(context: ArticleContext) -> list[Fact]:
    """sk:coachedBy from each national side the article names with its coach."""
    from .engine import Fact

    out: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for sentence in context.sentences:
        for finder in (_BEFORE, _OF):
            for m in finder.finditer(sentence.masked):
                k = int(m.group("k"))
                before = sentence.masked[max(0, m.start() - 12):m.start()]
                if _NOT_NOW.search(before) or _NOT_NOW.search(m.group(0)):
                    continue
                side = _side(m.group("side"), context.lang)
                if side is None or k >= len(sentence.people):
                    continue
                coach = sentence.people[k]
                if (side, coach.name) in seen:
                    continue
                seen.add((side, coach.name))
                out.append(Fact(Concept(side, "team"), "sk:coachedBy", coach, sentence.index,
                                SIDE_COACHES, CONFIDENCE))
    return out


def _side(words: str, lang: str) -> str | None:
    """The country a side's name stands for: a team name ("Oranje"), a country, or its
    nationality word in the singular or plural ("Canadese", "Canadezen", "Canadian");
    None for anything else (a club, a word that opens a sentence)."""
    lexicon = Lexicon.load()
    for candidate in _tails(words):
        for lang_ in (lang, "en"):
            home = lexicon.lookup("home_nation", lang_, candidate)
            if home is not None:  # England plays as itself, not as the United Kingdom
                return home.label
            team = lexicon.lookup("team_name", lang_, candidate)
            if team is not None:  # "Oranje": the Netherlands, in whatever sport
                return side_country(team.label) if " national " in team.label else team.label
            for kind in ("country", "demonym"):
                entry = lexicon.lookup(kind, lang_, candidate) or lexicon.plural_of(
                    kind, lang_, candidate)
                if entry is not None:
                    return entry.label
    return None


def _tails(words: str) -> Iterator[str]:
    """The words, then their last word alone ("De Canadese": "Canadese")."""
    yield words
    parts = words.split()
    if len(parts) > 1:
        yield parts[-1]
