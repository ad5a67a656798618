"""A sport's world and European championships by their own names: "het EK" of women's
football is "UEFA Women's Euro", the World Cup of men's hockey the "Men's Hockey World
Cup"; a name the table does not hold, or a team sport's championship of players whose
gender is not told, stays as the article names it."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.championships import official_name
from sportkg.model import Entity

from .conftest import default_statements


@pytest.mark.parametrize(("label", "sport", "gender", "team", "expected"), [
    ("EK 2017", "association football", "women's", True, "UEFA Women's Euro 2017"),
    ("Europees kampioenschap 2021", "association football", "men's", True, "UEFA Euro 2021"),
    ("2023 World Cup", "field hockey", "women's", True, "2023 Women's Hockey World Cup"),
    ("WK 2025", "handball", "men's", True, "2025 World Men's Handball Championship"),
    ("European Championships 2024", "athletics", "women's", False,
     "2024 European Athletics Championships"),
    ("women's 1500 m, WK 2021", "speed skating", "women's", False,
     "women's 1500 m, 2021 World Single Distances Championships"),
    ("the Euros", "association football", "women's", True, "the Euros"),
    ("EK", "association football", "women's", True, "UEFA Women's Euro"),
    # a World Cup of a sport of races is a season, not its championship
    ("World Cup 2026", "speed skating", "", False, "World Cup 2026"),
    # the women's and the men's championships of a team sport are apart: without the gender
    # the article's name stays
    ("EK 2017", "association football", "", True, "EK 2017"),
    # a sport the table does not hold
    ("EK 2019", "darts", "men's", False, "EK 2019"),
    ("Tour de France 2019", "cycling", "men's", False, "Tour de France 2019"),
])
def test_official_names(label: str, sport: str, gender: str, team: bool,
                        expected: str) -> None:
    assert official_name(label, sport, gender, team_sport=team) == expected


def _events(lang: str, text: str) -> set[tuple[str, str, str]]:
    """(subject, property, event) of each win and each result's P1344 found in text."""
    out: set[tuple[str, str, str]] = set()
    for s in default_statements(lang, text):
        if s.property == "sk:won" and isinstance(s.value, Entity):
            out.add((s.subject.label, "sk:won", s.value.label))
        event = dict(s.qualifiers).get("P1344")
        if isinstance(event, Entity):
            out.add((s.subject.label, s.property, event.label))
    return out


def test_the_championship_a_side_won_is_named_as_its_sport_names_it() -> None:
    found = _events("nl", "De Nederlandse voetbalsters wonnen in 2017 het EK in eigen land. "
                          "Aanvoerster Mia Dekker speelde alle wedstrijden.")
    assert ("Netherlands", "sk:won", "UEFA Women's Euro 2017") in found
    assert ("Netherlands", "P166", "UEFA Women's Euro 2017") in found
    assert not any(event.startswith("EK") for _, _, event in found)


@pytest.mark.parametrize(("text", "event", "place"), [
    # a national title names the national championships as its event
    ("Schaatsster Jutta Berg werd zaterdag in Thialf Nederlands kampioen op de 1000 meter.",
     "women's 1000 m, 2026 Dutch Championships", "Thialf"),
    ("Wielrenner Tom Vos werd zondag in Gent Belgisch kampioen.",
     "2026 Belgian Championships", "Ghent"),
])
def test_a_national_title_is_of_the_national_championships(
    text: str, event: str, place: str
) -> None:
    titles = [dict(s.qualifiers) for s in default_statements("nl", text)
              if s.property == "P166"]
    assert titles, titles
    quals = titles[0]
    assert isinstance(quals.get("P1344"), Entity) and quals["P1344"].label == event, quals
    # the title's nationality word after the place is no part of it
    assert isinstance(quals.get("P276"), Entity) and quals["P276"].label == place, quals
