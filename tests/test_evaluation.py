"""The scorer: each matching rule of the evaluation README,: pairs that must and must not match."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportkg.errors import InputError
from sportkg.evaluation import (
    GoldFact,
    dates_match,
    evaluate,
    jaccard,
    load_gold,
    names_match,
    score,
    tokens,
)
from sportkg.iris import mint_entity_iri
from sportkg.model import Entity, Evidence, LiteralValue, Statement, Value

EVIDENCE = Evidence(source="t.txt", sentence="...", start=0, end=3, extractor="test")


def ent(label: str, qid: str | None = None, type: str = "person") -> Entity:
    if qid:
        return Entity.from_qid(qid, label, type)
    return Entity(mint_entity_iri(label, type), label, None, type)


def stmt(
    subject: str | Entity,
    prop: str,
    value: Value | str,
    *,
    doc: str = "d1",
    qualifiers: dict[str, Value] | None = None,
) -> Statement:
    return Statement(
        doc_id=doc,
        article_hash="h",
        subject=ent(subject) if isinstance(subject, str) else subject,
        property=prop,
        value=ent(value, type="thing") if isinstance(value, str) else value,
        evidence=EVIDENCE,
        qualifiers=qualifiers or {},
    )


def gold(
    subject: str, prop: str, value: str | int, *, doc: str = "d1", **extra: object
) -> GoldFact:
    quals = extra.pop("qualifiers", {})
    return GoldFact(
        doc=doc,
        subject=subject,
        property=prop,
        value=value,
        qualifiers=tuple(sorted(quals.items())),  # type: ignore[attr-defined]
        **extra,  # type: ignore[arg-type]
    )


def one(predicted: Statement, fact: GoldFact) -> bool:
    """Whether a single prediction matches a single gold fact."""
    report = score([predicted], [fact], langs={fact.doc: "nl"})
    return report.micro.matched_gold == 1


# ------------------------------------------------------------------ the rules one by one


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jutta Leerdam", "jutta leerdam"),  # case
        ("Sifan Hassan", "Sífan Hassan."),  # accents and punctuation
        ("Mathieu van der Poel", "Van der Poel"),  # contained, same last token
        ("Jutta Leerdam", "Leerdam"),  # single word = last word
        ("Jutta Leerdam", "Jutta"),  # single word = first word
        ("Lee Sang-hwa", "Lee Sang hwa"),  # hyphen separates words
    ],
)
def test_names_that_match(a: str, b: str) -> None:
    assert names_match(a, b) and names_match(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jake Paul", "Logan Paul"),  # same surname, other first name
        ("Femke Kok", "Femke Leerdam"),  # same first name, other surname
        ("Mathieu van der Poel", "Van der Berg"),  # contained? no: last tokens differ
        ("Jutta Leerdam", "Jutta Maria"),  # two words, not contained
        ("Leerdam", ""),  # empty name
    ],
)
def test_names_that_do_not_match(a: str, b: str) -> None:
    assert not names_match(a, b)


def test_tokens_normalise_apostrophes_numbers_and_dashes() -> None:
    assert tokens("Women's 1.000 m, Paris–Roubaix 2023") == [
        "womens",
        "1000",
        "m",
        "paris",
        "roubaix",
        "2023",
    ]
    assert tokens("500m") == ["500", "m"]


def test_jaccard_threshold_is_inclusive() -> None:
    assert jaccard("world record", "world record 500 m") == 0.5
    assert one(
        stmt("Femke Kok", "P1000", "world record 500 m"), gold("Femke Kok", "P1000", "world record")
    )
    assert not one(
        stmt("Femke Kok", "P1000", "Olympic record"),
        gold("Femke Kok", "P1000", "world record 500 m"),
    )


def test_event_titles_match_by_token_overlap() -> None:
    fact = gold("Jutta Leerdam", "sk:won", "women's 1000 m, 2026 Winter Olympics")
    assert one(stmt("Jutta Leerdam", "sk:won", "Women's 1,000m at the 2026 Winter Olympics"), fact)
    assert not one(
        stmt("Jutta Leerdam", "sk:won", "men's 500 m, 2024 World Single Distances Championships"),
        fact,
    )


def test_equal_qids_match_whatever_the_labels() -> None:
    fact = gold("Jake Paul", "P27", "United States", value_id="Q30")
    assert one(stmt("Jake Paul", "P27", ent("Verenigde Staten", "Q30", "country")), fact)
    award = gold("Jutta Leerdam", "P166", "Olympic gold medal", value_id="Q15243387")
    assert one(stmt("Jutta Leerdam", "P166", ent("olympisch goud", "Q15243387", "award")), award)


def test_different_qids_never_match_even_when_tokens_overlap() -> None:
    award = gold("Jutta Leerdam", "P166", "Olympic gold medal", value_id="Q15243387")
    silver = ent("Olympic silver medal", "Q15889641", "award")
    assert jaccard("Olympic gold medal", "Olympic silver medal") >= 0.5
    assert not one(stmt("Jutta Leerdam", "P166", silver), award)
    # without a predicted QID the token rule decides
    assert one(stmt("Jutta Leerdam", "P166", "Olympic gold medal"), award)


def test_subject_qid_counts_too() -> None:
    fact = gold("Max Verstappen", "P106", "racing driver", subject_id="Q2239218")
    assert one(stmt(ent("Verstappen", "Q2239218"), "P106", "racing driver"), fact)
    assert not one(stmt(ent("Max Verstappen", "Q1"), "P106", "racing driver"), fact)


def test_symmetric_properties_match_in_either_direction() -> None:
    fact = gold("Jutta Leerdam", "sk:engagedTo", "Jake Paul")
    assert one(stmt("Jake Paul", "sk:engagedTo", ent("Jutta Leerdam")), fact)
    assert one(stmt("Paul", "P26", ent("Leerdam")), gold("Leerdam", "P26", "Paul"))


def test_asymmetric_properties_do_not_match_reversed() -> None:
    fact = gold("Jutta Leerdam", "sk:defeated", "Femke Kok")
    assert one(stmt("Jutta Leerdam", "sk:defeated", ent("Femke Kok")), fact)
    assert not one(stmt("Femke Kok", "sk:defeated", ent("Jutta Leerdam")), fact)


def test_father_and_mother_match_child_as_inverse() -> None:
    father = gold("Jutta Leerdam", "P22", "Ruud Leerdam")
    assert one(stmt("Ruud Leerdam", "P40", ent("Jutta Leerdam")), father)
    assert not one(stmt("Jutta Leerdam", "P40", ent("Ruud Leerdam")), father)
    child = gold("Max Verstappen", "P40", "Lily")
    assert one(stmt("Lily", "P22", ent("Max Verstappen")), child)
    # P22 and P25 are not interchangeable
    assert not one(stmt("Jutta Leerdam", "P25", ent("Ruud Leerdam")), father)


def test_inverse_match_counts_for_each_side_property() -> None:
    report = score(
        [stmt("Ruud Leerdam", "P40", ent("Jutta Leerdam"))],
        [gold("Jutta Leerdam", "P22", "Ruud Leerdam")],
        langs={"d1": "nl"},
    )
    assert report.per_property["P22"].recall == 1.0
    assert report.per_property["P22"].predicted == 0
    assert report.per_property["P40"].precision == 1.0
    assert report.micro.precision == report.micro.recall == 1.0


def test_dates_match_at_gold_precision() -> None:
    assert dates_match("1999", "1999-05-12") and dates_match("1999-05", "1999-05-12")
    assert not dates_match("1999-05-12", "1999") and not dates_match("1999-05", "1999-06-01")
    fact = gold("Femke Kok", "P569", "2000-06")
    assert one(stmt("Femke Kok", "P569", LiteralValue("2000-06-25", "date", "day")), fact)
    assert not one(stmt("Femke Kok", "P569", LiteralValue("2000", "date", "year")), fact)


def test_numbers_match_exactly() -> None:
    fact = gold("Jutta Leerdam", "sk:age", 27)
    assert one(stmt("Leerdam", "sk:age", LiteralValue(27, "integer")), fact)
    assert not one(stmt("Leerdam", "sk:age", LiteralValue(28, "integer")), fact)


def test_facts_of_another_document_do_not_match() -> None:
    assert not one(
        stmt("Femke Kok", "P27", "Netherlands", doc="d2"), gold("Femke Kok", "P27", "Netherlands")
    )


# ------------------------------------------------------------------ counting


def test_each_gold_fact_is_matched_once() -> None:
    facts = [gold("Jutta Leerdam", "P27", "Netherlands")]
    predicted = [
        stmt("Jutta Leerdam", "P27", "Netherlands"),
        stmt("Leerdam", "P27", "the Netherlands"),  # a second, different prediction of it
    ]
    report = score(predicted, facts, langs={"d1": "nl"})
    assert report.micro.matched_gold == 1
    assert report.micro.predicted == 2 and report.micro.precision == 0.5
    assert len(report.spurious) == 1


def test_the_same_fact_stated_twice_counts_once() -> None:
    twice = [
        stmt("Jutta Leerdam", "P27", "Netherlands"),
        stmt("Jutta Leerdam", "P27", "Netherlands"),
    ]
    report = score(twice, [gold("Jutta Leerdam", "P27", "Netherlands")], langs={"d1": "nl"})
    assert report.micro.predicted == 1 and report.micro.precision == 1.0


def test_facts_with_equal_values_are_told_apart_by_qualifiers() -> None:
    facts = [
        gold("Dafne Schippers", "P166", "world champion 200 m", qualifiers={"P585": "2015"}),
        gold("Dafne Schippers", "P166", "world champion 200 m", qualifiers={"P585": "2017"}),
    ]
    predicted = [
        stmt(
            "Schippers",
            "P166",
            "world champion 200 m",
            qualifiers={"P585": LiteralValue("2017", "date", "year")},
        ),
        stmt(
            "Schippers",
            "P166",
            "world champion 200 m",
            qualifiers={"P585": LiteralValue("2015-08-28", "date", "day")},
        ),
    ]
    report = score(predicted, facts, langs={"d1": "nl"})
    assert report.micro.matched_gold == 2
    assert report.qualifiers.rate == 1.0


def test_scores_per_property_language_and_micro() -> None:
    facts = [
        gold("Femke Kok", "P27", "Netherlands", doc="nl_1"),
        gold("Femke Kok", "P106", "speed skater", doc="nl_1"),
        gold("Jake Paul", "P106", "boxer", doc="en_1"),
    ]
    predicted = [
        stmt("Femke Kok", "P27", "Netherlands", doc="nl_1"),
        stmt("Femke Kok", "P27", "Belgium", doc="nl_1"),
        stmt("Jake Paul", "P106", "boxer", doc="en_1"),
    ]
    report = score(predicted, facts, langs={"nl_1": "nl", "en_1": "en"})
    nl, en = report.per_language["nl"], report.per_language["en"]
    assert (nl.precision, nl.recall) == (0.5, 0.5)
    assert (en.precision, en.recall, en.f1) == (1.0, 1.0, 1.0)
    assert report.per_property["P27"].precision == 0.5
    assert report.per_property["P106"].recall == 0.5
    assert report.micro.predicted == 3 and report.micro.gold == 3
    assert report.micro.f1 == pytest.approx(2 / 3)
    assert [g.property for g in report.missed] == ["P106"]


def test_gold_of_documents_not_evaluated_is_ignored() -> None:
    facts = [
        gold("Femke Kok", "P27", "Netherlands"),
        gold("Kok", "P27", "Netherlands", doc="other"),
    ]
    report = score([stmt("Femke Kok", "P27", "Netherlands")], facts, langs={"d1": "nl"})
    assert report.micro.gold == 1 and report.micro.recall == 1.0


def test_qualifier_match_rate() -> None:
    facts = [
        gold(
            "Jutta Leerdam",
            "P166",
            "Olympic gold medal",
            qualifiers={
                "P585": "2026-02-09",
                "P276": "Milan",
                "P1344": "women's 1000 m, 2026 Winter Olympics",
            },
        ),
        gold("Femke Kok", "P1000", "Olympic record 1000 m", qualifiers={"P2781": "1.12,59"}),
        gold("Jutta Leerdam", "P27", "Netherlands"),  # no qualifiers: not in the rate
    ]
    predicted = [
        stmt(
            "Jutta Leerdam",
            "P166",
            "Olympic gold medal",
            qualifiers={
                "P585": LiteralValue("2026-02-09", "date", "day"),
                "P276": ent("Cortina", type="place"),  # wrong place
                "P1344": ent("women's 1000m, 2026 Winter Olympics", type="event"),
            },
        ),
        stmt(
            "Femke Kok",
            "P1000",
            "Olympic record 1000 m",
            qualifiers={"P2781": LiteralValue(72.59, "quantity", unit="second")},
        ),
        stmt(
            "Jutta Leerdam",
            "P27",
            "Netherlands",
            qualifiers={"P585": LiteralValue("2026", "date", "year")},
        ),  # extra: not penalised
    ]
    report = score(predicted, facts, langs={"d1": "nl"})
    assert report.micro.matched_gold == 3
    assert report.qualifiers.facts == 2 and report.qualifiers.facts_all_match == 1
    assert report.qualifiers.rate == 0.5
    assert report.qualifiers.per_qualifier["P276"] == (0, 1)
    assert report.qualifiers.per_qualifier["P2781"] == (1, 1)


# ------------------------------------------------------------------ the gold file


def test_load_gold_and_evaluate_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [
        {
            "doc": "a",
            "subject": "Femke Kok",
            "property": "sk:age",
            "value": 25,
            "qualifiers": {"P585": "2026-02-15"},
        },
        {
            "doc": "a",
            "subject": "Femke Kok",
            "property": "P27",
            "value": "Netherlands",
            "value_id": "Q55",
        },
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    facts = load_gold(path)
    assert facts[1].value_id == "Q55" and facts[0].qualifiers == (("P585", "2026-02-15"),)
    report = evaluate(
        [stmt("Kok", "sk:age", LiteralValue(25, "integer"), doc="a")], path, langs={"a": "nl"}
    )
    assert report.micro.recall == 0.5 and report.micro.precision == 1.0
    data = report.to_dict(details=True)
    assert data["micro"]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert data["missed"][0]["property"] == "P27"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"doc": "a", "subject": "X", "property": "P27"}', "missing 'value'"),
        ('{"doc": "a", "subject": "X", "property": "P27", "value": null}', "gold 'value'"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_bad_gold_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    good = '{"doc": "a", "subject": "X", "property": "P27", "value": "Netherlands"}'
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"gold.jsonl:2: .*{message}"):
        load_gold(path)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nope.jsonl"):
        load_gold(tmp_path / "nope.jsonl")


def test_gold_scored_against_itself_is_perfect(eval_dev: Path) -> None:
    """Every gold fact of the shared data, turned into a Statement, matches itself."""
    facts = load_gold(eval_dev / "gold.jsonl")
    predicted = []
    for fact in facts:
        value: Value
        if isinstance(fact.value, int):
            value = LiteralValue(fact.value, "integer")
        elif fact.property == "P569":
            value = LiteralValue(
                fact.value, "date", {4: "year", 7: "month", 10: "day"}[len(fact.value)]
            )
        else:
            value = ent(fact.value, fact.value_id, "thing")
        quals: dict[str, Value] = {}
        for pid, raw in fact.qualifiers:
            if pid in ("P585", "P580", "P582"):
                quals[pid] = LiteralValue(raw, "date", {4: "year", 7: "month", 10: "day"}[len(raw)])
            else:
                quals[pid] = ent(str(raw), type="thing")
        predicted.append(
            stmt(
                ent(fact.subject, fact.subject_id),
                fact.property,
                value,
                doc=fact.doc,
                qualifiers=quals,
            )
        )
    langs = {f.doc: f.doc.split("_")[0] for f in facts}
    report = score(predicted, facts, langs=langs)
    assert report.micro.precision == report.micro.recall == 1.0
    assert report.qualifiers.rate == 1.0
    assert set(report.per_language) == {"nl", "en"}


@given(a=st.text(max_size=40), b=st.text(max_size=40))
def test_name_rule_is_symmetric_and_reflexive(a: str, b: str) -> None:
    assert names_match(a, b) == names_match(b, a)
    assert names_match(a, a) == bool(tokens(a))
    assert 0.0 <= jaccard(a, b) <= 1.0
