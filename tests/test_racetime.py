"""The one race-time parser: the forms news writes, and text that is no time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportkg.racetime import parse_race_time


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1.11,84", 71.84),
        ("1:11.84", 71.84),
        ("1:12.31", 72.31),
        ("1.14.17", 74.17),
        ("36,49", 36.49),
        ("37,15", 37.15),
        ("36.49", 36.49),
        ("41.399", 41.399),
        ("2:18:33", 8313.0),
        ("2:18:34", 8314.0),
        ("12.53,8", 773.8),
        ("36,49s", 36.49),
        # in words
        ("1 minute, 53.20 seconds", 113.2),
        ("two minutes 31.5 seconds", 151.5),
        ("3 hours, 12 minutes and 5 seconds", 11525.0),
        ("18 minuten en 7 seconden", 1087.0),
        ("twee minuten 3,12 seconden", 123.12),
    ],
)
def test_race_times(text: str, seconds: float) -> None:
    assert parse_race_time(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["geen tijd", "", "1.75,00", "2:61:00", "1,2,3", "12:",
                                  "4 minutes 75 seconds", "90 seconds late"])
def test_what_is_no_race_time(text: str) -> None:
    assert parse_race_time(text) is None


@given(text=st.text(alphabet="0123456789.:,s ", max_size=15))
def test_race_time_parser_never_raises(text: str) -> None:
    seconds = parse_race_time(text)
    assert seconds is None or seconds >= 0
