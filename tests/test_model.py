"""The Statement records and their JSON-lines form."""

from __future__ import annotations

import json

import pytest

from sportkg.errors import InputError
from sportkg.model import Entity, Evidence, LiteralValue, Statement


def _statement() -> Statement:
    return Statement(
        doc_id="demo",
        article_hash="abc",
        subject=Entity(
            "https://w3id.org/sportkg/entity/anna-visser", "Anna Visser", None, "person"
        ),
        property="P166",
        value=Entity.from_qid("Q15243387", "Olympic gold medal", "award"),
        qualifiers={"P585": LiteralValue("2026-02-09", "date", "day")},
        evidence=Evidence(
            "demo.txt", "Anna Visser won gold.", 0, 21, "sportkg_medals", "2026-02-09"
        ),
        confidence=0.9,
    )


def test_json_round_trip() -> None:
    statement = _statement()
    line = json.dumps(statement.to_dict())
    assert Statement.from_dict(json.loads(line)) == statement


def test_a_statement_line_keeps_its_keys() -> None:
    """The fields are `doc_id` and `article_hash`; the JSON-lines keys stay "doc" and
    "article", so files written before still load and load back to the same line."""
    line = (
        '{"doc": "demo", "article": "abc", '
        '"subject": {"iri": "https://w3id.org/sportkg/entity/anna-visser", '
        '"label": "Anna Visser", "qid": null, "type": "person"}, "property": "P166", '
        '"value": {"iri": "http://www.wikidata.org/entity/Q15243387", '
        '"label": "Olympic gold medal", "qid": "Q15243387", "type": "award"}, '
        '"qualifiers": {"P585": {"literal": "2026-02-09", "datatype": "date", '
        '"precision": "day"}}, '
        '"evidence": {"source": "demo.txt", "published": "2026-02-09", '
        '"sentence": "Anna Visser won gold.", "start": 0, "end": 21, '
        '"extractor": "sportkg_medals"}, "confidence": 0.9}'
    )
    statement = Statement.from_dict(json.loads(line))
    assert statement == _statement()
    assert (statement.doc_id, statement.article_hash) == ("demo", "abc")
    assert json.dumps(statement.to_dict()) == line


def test_qualifier_order_does_not_matter() -> None:
    a = _statement()
    b = Statement.from_dict(
        {
            **a.to_dict(),
            "qualifiers": {
                "P276": {
                    "iri": "http://www.wikidata.org/entity/Q490",
                    "label": "Milan",
                    "qid": "Q490",
                    "type": "place",
                },
                "P585": {"literal": "2026-02-09", "datatype": "date", "precision": "day"},
            },
        }
    )
    c = Statement.from_dict(
        {**a.to_dict(), "qualifiers": dict(reversed(list(b.to_dict()["qualifiers"].items())))}
    )
    assert b == c and b.qualifier("P276") is not None


@pytest.mark.parametrize(
    "bad",
    [
        {"literal": "2026-02", "datatype": "date", "precision": "day"},
        {"literal": "x", "datatype": "integer"},
        {"literal": 1.5, "datatype": "colour"},
    ],
)
def test_bad_literals_are_rejected(bad: dict[str, object]) -> None:
    with pytest.raises(InputError):
        LiteralValue.from_dict(bad)


def test_missing_keys_are_named() -> None:
    data = _statement().to_dict()
    del data["evidence"]
    with pytest.raises(InputError, match="evidence"):
        Statement.from_dict(data)
