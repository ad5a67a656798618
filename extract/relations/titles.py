"""The title that winning a whole tournament gives: its champion.

Who wins a world or continental championship, or a national league, holds its title for
that edition: "England won Euro 2022" makes England European champion, "won the World
Snooker Championship" world champion, "won the 2023–24 Serie A" Italian champion. The
title (`P166`) carries the tournament as `P1344`, and the win's date and place. A race of
an edition ("women's 1000 m, 2026 Winter Olympics") is not a tournament: its medal is
`awards_of_winners`' (`extract/statements.py`). A World Cup is a tournament only in a team
sport (elsewhere it is a season of races, whose rounds make no world champion), and so is
a national league (the Premier League of darts makes no English champion): the lexicon's
rows of kind `tournament_title` marked "team sport".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .editions import names_edition
from .engine import Concept, name_of
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .engine import ArticleContext, Fact

TITLES = "sportkg_titles"
"""The extractor name of the titles read from tournament wins."""

CHAMPIONSHIP = re.compile(
    r"\b(?P<scope>World|European)(?:\s+(?!(?:Cup|Junior|Juniors|Youth|U\d+|Under-\d+|Masters|"
    r"University|Universities|Veterans)\b)[A-Z][\w-]*)*\s+Championships?\b")
"""A world or European championship by its name: "World Championships", "World Snooker
Championship", "UCI Track Cycling World Championships", "European Aquatics Championships"
(not a World Cup, nor a junior, under-23, masters or student one, whose winners hold no
senior title)."""


def race_of_edition(event: str) -> bool:
    """Whether an event names a race and its edition ("women's 1000 m, 2026 Winter
    Olympics"), not a whole championship or a race of no year."""
    return "," in event and names_edition(event)


def tournament_edition(event: str) -> bool:
    """Whether an event names an edition of one tournament ("2023 IKF World Korfball
    Championship"), not of a multi-sport Games, whose titles are of its tournaments."""
    return names_edition(event) and re.search(r"\b(?:Olympics|Games)\b", event) is None


def tournament_title(event: str, lang: str, team_sport: bool) -> str | None:
    """The title the winner of a whole tournament's edition holds, by its name, or None.

    Examples:
        >>> tournament_title("World Snooker Championship 2021", "en", False)
        'world champion'
        >>> tournament_title("Euro 2022", "en", True), tournament_title("EK 2017", "nl", True)
        ('European champion', 'European champion')
        >>> tournament_title("2023–24 Serie A", "en", True)
        'Italian champion'
        >>> tournament_title("World Cup 2010", "en", True), tournament_title(
        ...     "World Cup Heerenveen 2017", "en", False)
        ('world champion', None)
        >>> tournament_title("women's 500 m, 2026 Winter Olympics", "en", False) is None
        True
    """
    if "," in event or not tournament_edition(event):
        return None
    scoped = CHAMPIONSHIP.search(event)
    if scoped is not None:
        return "world champion" if scoped.group("scope") == "World" else "European champion"
    found = Lexicon.load().find_all("tournament_title", lang, event)
    if not found:
        return None
    entry = max(found, key=lambda e: len(e.surface))
    if entry.extra == "team sport" and not team_sport:
        return None
    return entry.label


def titles_of_tournaments(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """P166 for each winner of a whole tournament's edition: the title it holds.

    A subject that already holds an award of that tournament keeps its own (a title the
    article names says more than the one read from the win), and a coach holds no
    player's title: the side's coach won the tournament with it, but is no champion.
    """
    from .attributes import is_coach
    from .engine import Fact, Person

    team_sport = context.team_sport
    held = {(name_of(f.subject), _event_label(dict(f.qualifiers).get("P1344")))
            for f in facts if f.property == "P166"}
    out: list[Fact] = []
    for fact in facts:
        event = fact.value
        if fact.property != "sk:won" or not isinstance(event, Concept):
            continue
        title = tournament_title(event.label, context.lang, team_sport)
        key = (name_of(fact.subject), event.label)
        if title is None or key in held or isinstance(fact.subject, Person) and is_coach(
                context.roles.get(fact.subject.name, set())):
            continue
        held.add(key)
        out.append(Fact(fact.subject, "P166", Concept(title, "award"), fact.sentence, TITLES,
                        round(fact.confidence * 0.9, 3), (("P1344", event), *fact.qualifiers),
                        fact.descriptive))
    return out


def _event_label(event: object) -> str:
    return event.label if isinstance(event, Concept) else ""
