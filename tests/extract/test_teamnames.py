"""A team named short is the team the article names in full, when only one fits."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.teamnames import short_form
from sportkg.model import Article
from sportkg.pipeline import extract_article

from .conftest import cached_nlp


@pytest.mark.parametrize(("short", "full"), [
    ("City", "Manchester City"), ("Man City", "Manchester City"),
    ("Dortmund", "Borussia Dortmund"), ("United", "Newcastle United"),
])
def test_a_short_form_keeps_the_last_word_and_the_others_in_order(short: str,
                                                                   full: str) -> None:
    assert short_form(short, full)


@pytest.mark.parametrize(("short", "full"), [
    ("Ajax", "Jong Ajax"),  # a reserve side is another team
    ("Ajax", "Ajax Cape Town"),  # another last word
    ("Manchester City", "Man City"),  # the longer name is no short form
    ("City", "City"),
    ("Ma City", "Manchester City"),  # a word cut too short
])
def test_no_short_form(short: str, full: str) -> None:
    assert not short_form(short, full)


def _teams(lang: str, text: str) -> set[tuple[str, str]]:
    article = Article(id="t", text=text, lang=lang, date="2024-05-06")
    return {(s.subject.label, s.value.label) for s in extract_article(cached_nlp(lang), article)
            if s.property == "P54"}


def test_a_team_named_short_takes_the_full_name_the_article_gives() -> None:
    teams = _teams("en", "Tom Hale joined Man City from Ajax on Monday. Manchester City paid "
                         "a record fee.")
    assert ("Tom Hale", "Manchester City") in teams
    assert ("Tom Hale", "Man City") not in teams


def test_a_short_name_two_teams_could_have_stays_as_it_is() -> None:
    teams = _teams("en", "Tom Hale joined City from Ajax on Monday. Manchester City and "
                         "Bristol City had both wanted him.")
    assert ("Tom Hale", "City") in teams
