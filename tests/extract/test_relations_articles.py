"""Whole articles of our own (other sports than the reference): the facts a reader takes."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from sportkg.extract.readers import read_file
from sportkg.model import Article, Entity
from sportkg.pipeline import extract_articles

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"


@lru_cache(maxsize=8)
def _facts(name: str) -> set[tuple[str, str, object]]:
    (article,) = list(read_file(DATA / name))
    assert isinstance(article, Article)
    ((_, statements),) = list(extract_articles([article], pipeline="rules"))
    return {
        (s.subject.label, s.property,
         s.value.label if isinstance(s.value, Entity) else s.value.value)
        for s in statements
    }


@pytest.fixture(scope="module")
def tennis() -> set[tuple[str, str, object]]:
    return _facts("tennis_en.txt")


@pytest.fixture(scope="module")
def cycling() -> set[tuple[str, str, object]]:
    return _facts("wielrennen_nl.txt")


@pytest.mark.parametrize("fact", [
    # as Wikidata names it, with the draw
    ("Ana Kovac", "sk:won", "women's singles, Wimbledon Championships 2025"),
    ("Ana Kovac", "sk:defeated", "Jess Miller"),
    ("Ana Kovac", "P27", "Croatia"),
    ("Ana Kovac", "P106", "tennis player"),
    ("Ana Kovac", "sk:age", 24),
    ("Ana Kovac", "P22", "Marko Kovac"),
    ("Ana Kovac", "sk:coachedBy", "Marko Kovac"),
    ("Ana Kovac", "sk:engagedTo", "Luca Brunner"),
    ("Luca Brunner", "P27", "Switzerland"),
    ("Luca Brunner", "P54", "FC Basel"),
    ("Jess Miller", "P27", "United States"),
    ("Jess Miller", "sk:age", 29),
])
def test_tennis_article(
    tennis: set[tuple[str, str, object]], fact: tuple[str, str, object]
) -> None:
    assert fact in tennis


def test_tennis_article_has_nothing_wrong_about_the_club(
    tennis: set[tuple[str, str, object]]
) -> None:
    assert ("Ana Kovac", "P54", "FC Basel") not in tennis


@pytest.mark.parametrize("fact", [
    ("Pieter Bakker", "sk:won", "Amstel Gold Race 2024"),
    ("Pieter Bakker", "sk:defeated", "Tom Claes"),
    ("Pieter Bakker", "sk:defeated", "Mads Holm"),
    ("Pieter Bakker", "P27", "Netherlands"),
    ("Pieter Bakker", "P54", "Team Noordzee"),
    ("Pieter Bakker", "sk:age", 28),
    ("Pieter Bakker", "P3373", "Lotte Bakker"),
    ("Pieter Bakker", "sk:coachedBy", "Johan de Vries"),
    ("Tom Claes", "P27", "Belgium"),
    ("Mads Holm", "P27", "Denmark"),
    ("Lotte Bakker", "P166", "world champion cyclo-cross"),
    ("Lotte Bakker", "P641", "cyclo-cross"),
])
def test_cycling_article(
    cycling: set[tuple[str, str, object]], fact: tuple[str, str, object]
) -> None:
    assert fact in cycling


def test_cycling_article_losers_did_not_beat_each_other(
    cycling: set[tuple[str, str, object]]
) -> None:
    assert ("Tom Claes", "sk:defeated", "Mads Holm") not in cycling


@pytest.mark.parametrize(("name", "fact"), [
    ("voetbal_en.txt", ("Kees Vos", "P54", "Arsenal")),
    ("voetbal_en.txt", ("Kees Vos", "P54", "Ajax")),
    ("voetbal_en.txt", ("Kees Vos", "P54", "Netherlands national football team")),
    ("voetbal_en.txt", ("Kees Vos", "P22", "Arjen Vos")),
    ("voetbal_en.txt", ("Kees Vos", "P26", "Freja Lund")),
    ("voetbal_en.txt", ("Kees Vos", "sk:age", 22)),
    ("voetbal_en.txt", ("Freja Lund", "P27", "Denmark")),
    ("voetbal_en.txt", ("Arjen Vos", "P54", "Feyenoord")),
    ("boksen_nl.txt", ("Emre Yilmaz", "sk:defeated", "Jerome Hart")),
    ("boksen_nl.txt", ("Emre Yilmaz", "sk:defeated", "Sam Cole")),
    ("boksen_nl.txt", ("Emre Yilmaz", "P26", "Lisa Verhoef")),
    ("boksen_nl.txt", ("Emre Yilmaz", "P3373", "Mert Yilmaz")),
    ("boksen_nl.txt", ("Emre Yilmaz", "sk:coachedBy", "Mert Yilmaz")),
    ("boksen_nl.txt", ("Emre Yilmaz", "P27", "Netherlands")),
    ("boksen_nl.txt", ("Emre Yilmaz", "sk:age", 31)),
    ("boksen_nl.txt", ("Jerome Hart", "P27", "United States")),
])
def test_football_and_boxing_articles(name: str, fact: tuple[str, str, object]) -> None:
    assert fact in _facts(name)
