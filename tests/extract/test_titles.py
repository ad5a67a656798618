"""The title that winning a whole tournament gives: a world or continental championship,
or a national league, makes its winner champion of that edition; a race of an edition, a
round of a season of races or a Games gives no such title."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.titles import tournament_title
from sportkg.model import Entity

from .conftest import default_statements


def _titles(lang: str, text: str) -> set[tuple[str, str, str]]:
    """(holder, title, tournament) of each P166 with its P1344 found in text."""
    out: set[tuple[str, str, str]] = set()
    for s in default_statements(lang, text):
        event = dict(s.qualifiers).get("P1344")
        if s.property == "P166" and isinstance(s.value, Entity):
            out.add((s.subject.label, s.value.label,
                     event.label if isinstance(event, Entity) else ""))
    return out


@pytest.mark.parametrize(("lang", "text", "holder", "title"), [
    ("en", "Portugal won the European Championship in 2016, beating France in the final.",
     "Portugal", "European champion"),
    ("en", "Mila Roos won the World Darts Championship in 2019.", "Mila Roos",
     "world champion"),
    ("en", "Senegal won the 2021 Africa Cup of Nations after a long night in Yaoundé.",
     "Senegal", "African champion"),
    ("nl", "Juventus won in 2019 de Serie A met een ruime voorsprong op Napoli. De voetballers "
     "vierden het feest in Turijn.", "Juventus",
     "Italian champion"),
])
def test_the_winner_of_a_tournament_holds_its_title(lang: str, text: str, holder: str,
                                                     title: str) -> None:
    found = {(h, t) for h, t, _ in _titles(lang, text)}
    assert (holder, title) in found, _titles(lang, text)


def test_the_title_names_the_tournament_and_keeps_the_win_s_date() -> None:
    text = "Mila Roos won the World Darts Championship in 2019."
    (title,) = [s for s in default_statements("en", text) if s.property == "P166"]
    quals = dict(title.qualifiers)
    assert quals["P1344"].label == "World Darts Championship 2019"  # type: ignore[union-attr]
    assert str(quals["P585"].value) == "2019"  # type: ignore[union-attr]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Mila Roos won the women's 500 m at the 2026 Winter Olympics."),  # a race: a medal
    ("en", "Mila Roos won the World Cup race in Heerenveen in 2017."),  # a round of a season
    ("en", "Mila Roos won the 2019 Tour of Flanders."),  # a race, no championship
])
def test_no_champion_s_title_from_a_race_or_a_round(lang: str, text: str) -> None:
    assert not {t for _, t, _ in _titles(lang, text) if t.endswith(" champion")
                and not t.startswith("Olympic")}


def test_a_world_cup_is_a_tournament_only_in_a_team_sport() -> None:
    assert tournament_title("World Cup 2022", "en", True) == "world champion"
    assert tournament_title("World Cup 2022", "en", False) is None
    assert tournament_title("World Junior Championships 2022", "en", False) is None


def test_a_league_of_another_sport_gives_no_national_title() -> None:
    assert tournament_title("2023–24 Premier League", "en", True) == "English champion"
    assert tournament_title("2023–24 Premier League", "en", False) is None  # darts, snooker


@pytest.mark.parametrize(("text", "holder", "event"), [
    # the recogniser's "EK hockey" ends in a sport the lexicon holds: the event is "EK"
    ("België won zondag het EK hockey in Amsterdam.", "Belgium", "EK 2026"),
    # nor does an event's name run on over the verb after it
    ("België heeft het Europees kampioenschap gewonnen.", "Belgium",
     "Europees kampioenschap 2026"),
])
def test_a_dutch_championship_won_is_a_title(text: str, holder: str, event: str) -> None:
    assert (holder, "European champion", event) in _titles("nl", text)


@pytest.mark.parametrize(("lang", "text", "holder"), [
    ("nl", "De Belgische hockeyers werden zondag wereldkampioen in Bhubaneswar.", "Belgium"),
    ("nl", "De Nederlandse hockeysters zijn zondag wereldkampioen geworden in Spanje.",
     "Netherlands"),
    ("en", "The Dutch water polo players became world champions in Spain on Sunday.",
     "Netherlands"),
    # a title just won: "the new champions"
    ("nl", "De Belgische hockeyers zijn sinds zondag de nieuwe wereldkampioen.", "Belgium"),
])
def test_a_side_that_becomes_champion_holds_the_title(lang: str, text: str,
                                                      holder: str) -> None:
    """A side becomes champion with a copula; the country where it happened is no champion."""
    found = {(h, t) for h, t, _ in _titles(lang, text)}
    assert (holder, "world champion") in found, found
    assert ("Spain", "world champion") not in found


def test_a_champion_denied_is_no_champion() -> None:
    for text in ("België werd zondag geen wereldkampioen.",
                 "Femke Dorp werd zondag geen wereldkampioen."):
        assert not _titles("nl", text), text


def test_a_side_that_has_long_been_champion_won_nothing_today() -> None:
    assert not _titles("nl", "De Belgische hockeyers zijn al jaren wereldkampioen.")
