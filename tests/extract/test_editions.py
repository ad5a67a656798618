"""Editions of competitions: a year after a tournament, a season before a league or cup."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.editions import edition_label, named_season, season, seasonal
from sportkg.model import Article
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp


@pytest.mark.parametrize(("name", "text", "year", "label"), [
    ("Eredivisie", "Ajax werd in 2019 kampioen.", None, "2018–19 Eredivisie"),
    ("Champions League", "", "2021", "2020–21 Champions League"),
    ("KNVB-beker", "De beker van het seizoen 2016/17 ging naar Vitesse.", None,
     "2016–17 KNVB-beker"),
    ("Serie A", "in the 2021-2022 season", None, "2021–22 Serie A"),
    ("Tour de France", "She won it in 2019.", None, "Tour de France 2019"),
    ("FIFA World Cup", "in 2022", None, "FIFA World Cup 2022"),
    ("Champions League Final", "in 2006", None, "Champions League Final 2006"),
    ("Diamond League", "", "2024", "Diamond League 2024"),
    ("Giro d'Italia 2019", "in 2020", None, "Giro d'Italia 2019"),
    ("Coppa Italia", "", None, "Coppa Italia"),
])
def test_an_edition_is_a_year_or_a_season(name: str, text: str, year: str | None,
                                          label: str) -> None:
    assert edition_label(name, text, year) == label


def test_seasons_are_spelled_one_way() -> None:
    assert season(2000) == "1999–00"
    assert named_season("seizoen 2019/20") == named_season("2019-2020") == "2019–20"
    assert named_season("1998-03") is None  # a year and a month, no season
    assert seasonal("Primera División") and seasonal("Premier League")
    assert not seasonal("Nations League") and not seasonal("Wimbledon")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Sara Holm won the Champions League with Lyon in 2022."),
    ("nl", "Sara Holm won de Champions League in 2022."),
])
def test_a_league_title_is_dated_by_its_season(lang: str, text: str) -> None:
    statements = extract_article(cached_nlp(lang, pipeline="rules", linker=False),
                                 Article(id="x", text=text, lang=lang, date="2022-06-01"))
    won = {s.value.label for s in statements  # type: ignore[union-attr]
           if s.property == "sk:won" and s.subject.label == "Sara Holm"}
    assert won == {"2021–22 Champions League"}


def test_a_race_won_in_a_dutch_perfect_is_of_the_article_s_edition() -> None:
    """"is gewonnen door X" tells the reported days, unlike a describing "is": the race
    takes the edition of the publication year, and its winner the title."""
    statements = extract_article(
        cached_nlp("nl", linker=False),
        Article(id="x", text="Op de WK afstanden in Inzell is de 1.500 meter gewonnen door "
                             "Kim Vos.", lang="nl", date="2026-03-01"))
    found = {(s.property, getattr(s.value, "label", None)) for s in statements
             if s.subject.label == "Kim Vos"}
    assert ("sk:won", "1500 m, 2026 World Single Distances Championships") in found
    assert ("P166", "world champion 1500 m") in found


@pytest.mark.parametrize(("text", "at", "clause"), [
    ("won the race on Sunday, breaking the record that she set in 2021", 5,
     "won the race on Sunday"),
    ("Hale, who won the Giro in 2019, crashed", 16, "who won the Giro in 2019"),
])
def test_the_clause_around_a_word(text: str, at: int, clause: str) -> None:
    from sportkg.extract.relations.editions import clause_of

    assert clause_of(text, at).strip() == clause


def test_a_year_of_another_clause_does_not_date_an_event_of_the_reported_days() -> None:
    from sportkg.extract.relations.editions import edition_at

    text = "won the Berlin Marathon on Sunday, breaking the record that she set in 2021"
    assert edition_at("Berlin Marathon", text, "2026", 8) == "Berlin Marathon 2026"
    # not of the reported days: the sentence's year is all there is
    assert edition_at("Berlin Marathon", text, None, 8) == "Berlin Marathon 2021"


def test_a_win_in_a_relative_clause_takes_its_own_year() -> None:
    statements = extract_article(
        cached_nlp("en", linker=False),
        Article(id="x", text="Tom Hale, who won the Giro d'Italia in 2017, crashed on Sunday.",
                lang="en", date="2026-03-01"))
    wins = {(s.value.label, dict(s.qualifiers)["P585"].value)  # type: ignore[union-attr]
            for s in statements if s.property == "sk:won"}
    assert wins == {("Giro d'Italia 2017", "2017")}


def test_a_year_a_period_starts_dates_no_edition() -> None:
    """"sinds 1999 ongeslagen op het WK": every title since then, none of them 1999's; the
    edition is the article's year."""
    from sportkg.extract.relations.editions import edition_at, edition_label

    text = "Het team is sinds 1999 ongeslagen op het WK."
    assert edition_label("IKF World Korfball Championship", text, "2023") == \
        "IKF World Korfball Championship 2023"
    assert edition_at("IKF World Korfball Championship", text, "2023", 13) == \
        "IKF World Korfball Championship 2023"
    assert edition_label("Giro d'Italia", "Hij won in 2019 de Giro.", "2023") == \
        "Giro d'Italia 2019"


@pytest.mark.parametrize(("lang", "text", "now", "then"), [
    ("en", "Tom Vale became the first Dane since Sam Reed in 2012 to win the Giro.",
     ("Tom Vale", "Giro d'Italia 2026"), ("Sam Reed", "Giro d'Italia 2012")),
    ("nl", "Kees Dam is de eerste Nederlander sinds Piet Mol in 2011 die de Ronde van "
     "Vlaanderen won.", ("Kees Dam", "Tour of Flanders 2026"),
     ("Piet Mol", "Tour of Flanders 2011")),
])
def test_the_year_of_the_last_one_before_is_theirs(lang: str, text: str,
                                                    now: tuple[str, str],
                                                    then: tuple[str, str]) -> None:
    """"The first since X in 2012 to win it": X won the 2012 edition, the subject this one."""
    statements = extract_article(cached_nlp(lang, linker=False),
                                 Article(id="x", text=text, lang=lang, date="2026-03-01"))
    wins = {(s.subject.label, s.value.label) for s in statements  # type: ignore[union-attr]
            if s.property == "sk:won"}
    assert now in wins and then in wins
    assert (now[0], then[1]) not in wins and (then[0], now[1]) not in wins
