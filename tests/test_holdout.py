"""Extraction quality on the holdout articles in tests/data/holdout (our own writing).

The set was written to measure how well the extraction carries over to new
articles; its misses have since been used to find general gaps (see
docs/holdout.md), so tests/test_holdout2.py keeps a second, unseen set. The floors sit about
0.1 below the figures recorded in docs/holdout.md, so a regression fails while
ordinary small changes do not.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sportkg.evaluation import EvaluationReport, load_gold, score
from sportkg.extract.readers import read_paths
from sportkg.model import Article
from sportkg.ontology.relations import FACT_RELATIONS
from sportkg.pipeline import extract_articles

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout"
GOLD = HOLDOUT / "gold.jsonl"
IDS = Path(__file__).resolve().parents[2] / "shared" / "wikidata" / "ids.tsv"

# Measured (see docs/holdout.md) minus about 0.1.
FLOOR_MICRO_F1 = 0.70
FLOOR_MICRO_PRECISION = 0.84
FLOOR_MICRO_RECALL = 0.60
FLOOR_LANGUAGE_F1 = 0.66


def _articles() -> list[Article]:
    return [a for a in read_paths([HOLDOUT], glob="*.txt") if isinstance(a, Article)]


@pytest.fixture(scope="module")
def report() -> EvaluationReport:
    """The holdout articles extracted with the rule pipeline and scored against the gold."""
    articles = _articles()
    predicted = [s for _, stmts in extract_articles(articles, pipeline="rules") for s in stmts]
    return score(predicted, load_gold(GOLD), langs={a.id: a.lang for a in articles})


def test_holdout_set_is_complete_and_well_formed() -> None:
    """Twelve articles (six Dutch, six English) of 150-350 words, each with gold facts."""
    articles = _articles()
    assert sorted(a.id for a in articles) == [f"{lang}_h{i:02d}" for lang in ("en", "nl")
                                               for i in range(1, 7)]
    assert {a.lang for a in articles} == {"nl", "en"}
    for article in articles:
        words = len(re.findall(r"\w+", article.text))
        assert 150 <= words <= 400, (article.id, words)
        assert article.date is not None, article.id
    facts = load_gold(GOLD)
    keys = {r.key for r in FACT_RELATIONS}
    assert {f.property for f in facts} <= keys
    assert {f.doc for f in facts} == {a.id for a in articles}


def test_holdout_qids_come_from_the_id_list() -> None:
    """Every QID in the holdout gold is one of the verified identifiers."""
    if not IDS.is_file():
        pytest.skip("the verified identifier list is not present")
    known = {line.split("\t", 1)[0] for line in IDS.read_text(encoding="utf-8").splitlines()}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for key in ("subject_id", "value_id"):
            if key in data:
                assert data[key] in known, data


@pytest.mark.slow
def test_holdout_micro_scores_stay_above_the_floor(report: EvaluationReport) -> None:
    micro = report.micro
    assert micro.f1 >= FLOOR_MICRO_F1, micro.to_dict()
    assert micro.precision >= FLOOR_MICRO_PRECISION, micro.to_dict()
    assert micro.recall >= FLOOR_MICRO_RECALL, micro.to_dict()


@pytest.mark.slow
def test_holdout_scores_per_language_stay_above_the_floor(report: EvaluationReport) -> None:
    for lang in ("nl", "en"):
        scores = report.per_language[lang]
        assert scores.f1 >= FLOOR_LANGUAGE_F1, (lang, scores.to_dict())
