"""The reference story, told in our own words, must come out as Statements.

Jutta Leerdam is engaged to Jake Paul; she won Olympic gold in the women's
1000 m in Milan on 2026-02-09 (the article, published 2026-02-10, says
"maandag") with an Olympic record; she beat Femke Kok, also Dutch; she is 27.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sportkg.extract.readers import read_file
from sportkg.model import Article, Entity, LiteralValue, Statement
from sportkg.pipeline import extract_articles

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"


def _article(name: str) -> Article:
    (article,) = list(read_file(DATA / name))
    assert isinstance(article, Article), article
    return article


def _statements(name: str) -> list[Statement]:
    ((_, statements),) = list(extract_articles([_article(name)], pipeline="rules"))
    return statements


@pytest.fixture(scope="module", params=["reference_nl.txt", "reference_en.txt"])
def statements(request: pytest.FixtureRequest) -> list[Statement]:
    return _statements(request.param)


def _label(value: object) -> object:
    return value.label if isinstance(value, Entity) else getattr(value, "value", None)


def _find(statements: list[Statement], subject: str, prop: str, value: object) -> Statement:
    for s in statements:
        if s.subject.label == subject and s.property == prop and _label(s.value) == value:
            return s
    pytest.fail(f"no statement {subject} {prop} {value}; got "
                f"{[(s.subject.label, s.property, _label(s.value)) for s in statements]}")


def test_engaged_to_jake_paul(statements: list[Statement]) -> None:
    fact = _find(statements, "Jutta Leerdam", "sk:engagedTo", "Jake Paul")
    assert fact.value.type == "person"  # type: ignore[union-attr]


def test_olympic_gold_in_the_womens_1000m(statements: list[Statement]) -> None:
    fact = _find(statements, "Jutta Leerdam", "P166", "Olympic gold medal")
    assert isinstance(fact.value, Entity) and fact.value.qid == "Q15243387"
    event = fact.qualifier("P1344")
    assert isinstance(event, Entity)
    assert event.label == "women's 1000 m, 2026 Winter Olympics" or (
        "1000 m" in event.label and "2026 Winter Olympics" in event.label
    )
    assert fact.qualifier("P585") == LiteralValue("2026-02-09", "date", "day")


def test_gold_medal_place_is_milan() -> None:
    fact = _find(_statements("reference_nl.txt"), "Jutta Leerdam", "P166", "Olympic gold medal")
    place = fact.qualifier("P276")
    assert isinstance(place, Entity) and place.label == "Milan" and place.qid == "Q490"


def test_won_the_race(statements: list[Statement]) -> None:
    won = [s for s in statements if s.property == "sk:won" and s.subject.label == "Jutta Leerdam"]
    assert any("1000 m" in _label(s.value) for s in won)  # type: ignore[operator]


def test_olympic_record(statements: list[Statement]) -> None:
    records = [s for s in statements if s.property == "P1000"]
    assert [s.subject.label for s in records] == ["Jutta Leerdam"]
    assert "Olympic record" in _label(records[0].value)  # type: ignore[operator]


def test_beat_femke_kok_who_is_dutch_too(statements: list[Statement]) -> None:
    _find(statements, "Jutta Leerdam", "sk:defeated", "Femke Kok")
    kok = _find(statements, "Femke Kok", "P27", "Netherlands")
    assert kok.value.qid == "Q55"  # type: ignore[union-attr]


def test_age_27_at_publication(statements: list[Statement]) -> None:
    age = _find(statements, "Jutta Leerdam", "sk:age", 27)
    assert age.qualifier("P585") == LiteralValue("2026-02-10", "date", "day")


def test_occupation_and_sport(statements: list[Statement]) -> None:
    skater = _find(statements, "Jutta Leerdam", "P106", "speed skater").value
    sport = _find(statements, "Jutta Leerdam", "P641", "speed skating").value
    assert isinstance(skater, Entity) and skater.qid == "Q10866633"
    assert isinstance(sport, Entity) and sport.qid == "Q192431"


def test_evidence_points_at_the_sentence(statements: list[Statement]) -> None:
    article_text = _article("reference_nl.txt").text
    for s in _statements("reference_nl.txt"):
        ev = s.evidence
        assert article_text[ev.start : ev.end] == ev.sentence
        assert ev.extractor.startswith("sportkg_")
        assert 0.0 < s.confidence <= 1.0
    assert statements
