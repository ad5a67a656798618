"""A club named before a word for its player ("Arsenal star X", "PSV-talent X") or with
the people it races with ("Visma, met onder meer X") is the person's team; a club marked
as a past one ("former Ajax captain") is no move of the day."""

from __future__ import annotations

import pytest

from sportkg.model import Article, Entity, LiteralValue
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp


def _teams(lang: str, text: str) -> dict[tuple[str, str], dict[str, str]]:
    """(person, team) → its qualifiers (property → value) of the team statements."""
    statements = extract_article(cached_nlp(lang, linker=False),
                                 Article(id="x", text=text, lang=lang, date="2026-03-01"))
    return {(s.subject.label, s.value.label): {  # type: ignore[union-attr]
        k: str(v.value if isinstance(v, LiteralValue) else v.label)
        for k, v in s.qualifiers if isinstance(v, LiteralValue | Entity)}
        for s in statements if s.property == "P54"}


@pytest.mark.parametrize(("lang", "text", "team"), [
    ("en", "Arsenal star Tom Hale was injured on Saturday.", "Arsenal"),
    ("en", "Celtic skipper Tom Hale turned 30 last week.", "Celtic"),
    ("nl", "PSV-talent Tom Hale scoorde twee keer.", "PSV"),
    ("nl", "Ajax-aanvaller Tom Hale raakte geblesseerd.", "Ajax"),
    # a club named with the people it races or plays with
    ("nl", "Visma, met onder anderen de sprinter Tom Hale, won de ploegentijdrit in Lyon.",
     "Visma"),
    ("en", "Ineos, with Tom Hale in the lead group, took second place.", "Ineos"),
])
def test_a_club_before_a_word_for_its_player_is_the_person_s_team(
        lang: str, text: str, team: str) -> None:
    assert ("Tom Hale", team) in _teams(lang, text)


def test_a_former_club_is_not_joined_on_the_day_of_a_move() -> None:
    teams = _teams("en", "Former Everton captain Tom Hale joined Celtic on Monday.")
    assert "P580" not in teams.get(("Tom Hale", "Everton"), {})
    assert teams.get(("Tom Hale", "Celtic"), {}).get("P580", "").startswith("2026")


def test_a_dateline_and_a_past_marker_are_no_part_of_a_team_s_name() -> None:
    teams = _teams("en", "LEEDS March 3 Former Wales defender Tom Hale announced his "
                         "retirement as a footballer on Friday.")
    assert ("Tom Hale", "Wales national football team") in teams
    assert not any("LEEDS" in team for _, team in teams)
