"""Occasions of a result: a list of years is one result per year; a count of wins with no
year is the competition, undated, not the edition of the article's days."""

from __future__ import annotations

import pytest

from sportkg.model import Article, Entity, LiteralValue
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp


def _results(lang: str, text: str, pipeline: str = "auto") -> set[tuple[str, str, str]]:
    """(subject, property, event with its date) of the wins and medals found in text."""
    nlp = cached_nlp(lang, pipeline=pipeline, linker=False)
    out: set[tuple[str, str, str]] = set()
    for s in extract_article(nlp, Article(id="x", text=text, lang=lang, date="2026-03-01")):
        if s.property not in ("sk:won", "P166"):
            continue
        quals = dict(s.qualifiers)
        event = s.value if s.property == "sk:won" else quals.get("P1344")
        date = quals.get("P585")
        out.add((s.subject.label, s.property,
                 f"{event.label if isinstance(event, Entity) else ''}"
                 f"@{date.value if isinstance(date, LiteralValue) else ''}"))
    return out


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("en", "Tom Hale won the Giro d'Italia in 2011, 2014 and 2016.", "Giro d'Italia"),
    ("nl", "Tom Hale won de Giro d'Italia in 2011, 2014 en 2016.", "Giro d'Italia"),
])
def test_each_year_of_a_list_is_a_win_of_its_own(lang: str, text: str, name: str) -> None:
    found = _results(lang, text)
    for year in ("2011", "2014", "2016"):
        assert ("Tom Hale", "sk:won", f"{name} {year}@{year}") in found


def test_a_medal_of_two_olympic_years_is_a_medal_of_each_games() -> None:
    found = _results("en", "Mia Lund won gold in the 1500m at the Winter Olympics of 2006 "
                           "and 2010.")
    events = {e for s, p, e in found if s == "Mia Lund" and p == "P166"}
    assert any(e.endswith("2006 Winter Olympics@2006") for e in events)
    assert any(e.endswith("2010 Winter Olympics@2010") for e in events)


def test_a_season_or_a_single_year_is_no_list() -> None:
    found = _results("en", "Tom Hale won the Giro d'Italia in 2011 and finished second "
                           "in the 2013-14 season.")
    assert not any("2013" in e or "2014" in e for _, _, e in found)


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Tom Hale won de Ronde van Vlaanderen al vier keer."),
    ("en", "Tom Hale has won the Tour of Flanders three times."),
    ("en", "Tom Hale won the Tour of Flanders twice in his career."),
    ("nl", "Tom Hale won tweemaal de Ronde van Vlaanderen."),
])
def test_a_counted_win_is_undated(lang: str, text: str) -> None:
    wins = {e for s, p, e in _results(lang, text) if s == "Tom Hale" and p == "sk:won"}
    assert wins == {"Tour of Flanders@"}


def test_the_win_of_an_ordinal_occasion_is_the_one_of_the_article_s_days() -> None:
    wins = {e for s, p, e in _results(
        "nl", "Tom Hale won zondag voor de vierde keer de Ronde van Vlaanderen.")
        if s == "Tom Hale" and p == "sk:won"}
    assert wins and all("2026" in e for e in wins)


def test_a_race_won_on_the_reported_day_is_not_dated_by_a_record_s_year() -> None:
    found = _results("en", "Tom Hale won the Berlin Marathon on Sunday in 2:03:29, breaking "
                           "the course record that Pete Rowe had set in 2018.")
    wins = {e for s, p, e in found if s == "Tom Hale" and p == "sk:won"}
    assert wins and all("2018" not in e for e in wins)


def test_gold_won_several_times_is_a_tally_not_a_race() -> None:
    found = _results("nl", "Op deze Spelen won Nederland in het shorttrack al drie keer goud.")
    assert not {e for s, p, e in found if p == "sk:won"}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Lena Vos won the world title in 2015 and again in 2018."),
    ("nl", "Lena Vos werd in 2015 en opnieuw in 2018 wereldkampioen op de 1500 meter."),
])
def test_a_year_said_again_is_an_occasion_of_its_own(lang: str, text: str) -> None:
    years = {event.rsplit("@", 1)[1] for subject, prop, event in _results(lang, text)
             if subject == "Lena Vos" and prop == "P166"}
    assert years == {"2015", "2018"}


def test_a_result_of_listed_years_is_not_dated_by_another_clause() -> None:
    found = _results("en", "Lena Vos, who won Olympic gold in 2016 and 2020, retired on "
                           "Monday.")
    years = {event.rsplit("@", 1)[1][:4] for subject, prop, event in found
             if subject == "Lena Vos" and prop == "P166"}
    assert years == {"2016", "2020"}


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Lies Kok is de eerste Belgische sinds Anna Berg in 2009 die de Ronde van "
     "Vlaanderen won."),
    ("en", "Lies Kok became the first Belgian since Anna Berg in 2009 to take the Tour of "
     "Flanders."),
])
def test_the_last_one_before_won_the_same_event_in_their_year(lang: str, text: str) -> None:
    """Read from the subject's win alone, whatever the readers say of the other."""
    from sportkg.extract.relations.engine import Concept, Fact
    from sportkg.extract.relations.occasions import since_years

    from .conftest import processed

    _, context = processed(lang, text, "2026-04-06")
    kok = next(p for p in context.sentences[0].people if p.name == "Lies Kok")
    win = Fact(kok, "sk:won", Concept("Tour of Flanders 2026", "event"), 0, "test", 0.8)
    wins = {(f.subject.name, getattr(f.value, "label", ""))
            for f in since_years(context, [win])}
    assert wins == {("Lies Kok", "Tour of Flanders 2026"), ("Anna Berg", "Tour of Flanders 2009")}
