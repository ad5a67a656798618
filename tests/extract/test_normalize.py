"""Normalisers: relative dates, ages, distances, race times and rankings."""

from __future__ import annotations

import pytest

from sportkg.extract.normalize import (
    find_date,
    find_distances,
    find_race_times,
    parse_age_word,
    parse_distance,
    parse_ranking,
    resolve_weekday,
)


@pytest.mark.parametrize(
    ("word", "published", "expected"),
    [
        ("maandag", "2026-02-10", "2026-02-09"),  # the Monday before a Tuesday
        ("maandag", "2026-02-09", "2026-02-09"),  # published on the Monday itself
        ("zondag", "2026-02-16", "2026-02-15"),
        ("Friday", "2024-11-16", "2024-11-15"),
        ("vrijdagavond", "2025-12-06", "2025-12-05"),
    ],
)
def test_weekdays_resolve_to_the_latest_such_day(word: str, published: str, expected: str) -> None:
    assert resolve_weekday(word, published) == expected


def test_weekday_without_publication_date_is_unknown() -> None:
    assert resolve_weekday("maandag", None) is None


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Ze won dinsdag zilver.", "2026-02-13", ("2026-02-10", "day")),
        ("Vorig jaar pakte hij brons.", "2026-02-13", ("2025", "year")),
        ("Vier jaar geleden won ze de aflossing.", "2026-02-13", ("2022", "year")),
        ("Op 3 februari 2024 verloor ze in Quebec.", "2026-02-13", ("2024-02-03", "day")),
        ("In maart 2025 vroeg hij haar ten huwelijk.", None, ("2025-03", "month")),
        ("The boy was born on July 1.", "2025-07-17", ("2025-07-01", "day")),
        ("He won on Sunday.", "2026-02-13", ("2026-02-08", "day")),
        ("Ze schaatst snel.", "2026-02-13", None),
    ],
)
def test_find_date(sentence: str, published: str | None, expected: object) -> None:
    assert find_date(sentence, published) == expected


@pytest.mark.parametrize(
    ("word", "age"),
    [("27-jarige", 27), ("twintigjarige", 20), ("35-year-old", 35), ("four-year-old", 4),
     ("jarige", None), ("300-jarige", None)],
)
def test_age_words(word: str, age: int | None) -> None:
    assert parse_age_word(word) == age


@pytest.mark.parametrize(
    ("text", "metres"),
    [("op de 1000 meter", 1000), ("the 1,000m", 1000), ("500 m", 500),
     ("de 10.000 meter", 10000), ("de 1500 metres", 1500), ("27 jaar", None)],
)
def test_distances(text: str, metres: int | None) -> None:
    assert parse_distance(text) == metres


def test_find_distances_gives_positions() -> None:
    text = "Na de 500 meter reed ze de 1000 meter."
    assert [(m, text[s:e]) for m, s, e in find_distances(text)] == [
        (500, "500 meter"), (1000, "1000 meter")
    ]


def test_find_race_times_keeps_the_written_form() -> None:
    assert [t[0] for t in find_race_times("Kok reed 36,49, Leerdam 37,15.")] == ["36,49", "37,15"]


def test_a_distance_with_a_thousands_point_is_no_race_time() -> None:
    assert [t[0] for t in find_race_times("Ze won de 10.000 meter in 13.45,20.")] == [
        "13.45,20"]


def test_find_race_times_reads_each_form() -> None:
    text = "1.11,84 en 1:11.84, dan 37,15 en 36.49; de marathon in 2:18:34."
    assert [t[1] for t in find_race_times(text)] == [71.84, 71.84, 37.15, 36.49, 8314.0]


@pytest.mark.parametrize(("word", "rank"), [("tweede", 2), ("third", 3), ("2e", 2),
                                           ("3rd", 3), ("laatste", None)])
def test_rankings(word: str, rank: int | None) -> None:
    assert parse_ranking(word) == rank


def test_a_decimal_throw_is_no_race_distance() -> None:
    assert find_distances("a throw of 71.35m and then 69.08 m") == []
    assert [m for m, _, _ in find_distances("de 1.500 meter en de 500m")] == [1500, 500]


def test_a_swimming_distance_may_go_without_its_unit() -> None:
    from sportkg.extract.normalize import find_distances

    assert [d[0] for d in find_distances("clinched the 1500 freestyle title")] == [1500]
    assert [d[0] for d in find_distances("a 50 butterfly world record")] == [50]
    assert find_distances("in 2008 freestyle") == []  # a year, no distance
    assert find_distances("50 meter voor de streep") == []  # no race is 50 m on foot
