"""Extraction quality on the holdout sets in tests/data/holdout* (our own writing).

Three sets of short news articles with gold facts, written for the project to
measure how well the extraction carries over to new articles (see docs/holdout.md):

- `holdout`: its misses have been used to find general gaps, so it is no longer unseen;
- `holdout2`: its misses were the tuning signal of a later round of general rules;
- `holdout3`: never tuned on; only its summary figures are looked at.

Each gold was written before any extraction ran on its articles. The floors sit about
0.1 below the figures recorded in docs/holdout.md, so a regression fails while ordinary
small changes do not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from sportkg.evaluation import EvaluationReport, load_gold, score
from sportkg.extract.readers import read_paths
from sportkg.model import Article
from sportkg.ontology.relations import FACT_RELATIONS
from sportkg.pipeline import extract_articles

DATA = Path(__file__).resolve().parent / "data"
IDS = Path(__file__).resolve().parents[2] / "shared" / "wikidata" / "ids.tsv"


@dataclass(frozen=True)
class HoldoutSet:
    """One holdout set: its directory, article ids, length range and score floors."""

    name: str
    prefix: str
    per_language: int
    max_words: int
    floor_f1: float
    floor_precision: float
    floor_recall: float
    floor_language_f1: float

    @property
    def path(self) -> Path:
        return DATA / self.name

    @property
    def gold(self) -> Path:
        return self.path / "gold.jsonl"


# Floors: the figures of docs/holdout.md minus about 0.1.
SETS = (
    HoldoutSet("holdout", "h", 6, 400, 0.73, 0.84, 0.64, 0.68),
    HoldoutSet("holdout2", "k", 5, 330, 0.64, 0.79, 0.54, 0.63),
    HoldoutSet("holdout3", "m", 4, 300, 0.61, 0.82, 0.47, 0.59),
)
IDS_OF_SETS = [s.name for s in SETS]


def _articles(holdout: HoldoutSet) -> list[Article]:
    return [a for a in read_paths([holdout.path], glob="*.txt") if isinstance(a, Article)]


@pytest.fixture(scope="module", params=SETS, ids=IDS_OF_SETS)
def scored(request: pytest.FixtureRequest) -> tuple[HoldoutSet, EvaluationReport]:
    """A set's articles extracted with the rule pipeline and scored against its gold."""
    holdout: HoldoutSet = request.param
    articles = _articles(holdout)
    predicted = [s for _, stmts in extract_articles(articles, pipeline="rules") for s in stmts]
    report = score(predicted, load_gold(holdout.gold), langs={a.id: a.lang for a in articles})
    return holdout, report


@pytest.mark.parametrize("holdout", SETS, ids=IDS_OF_SETS)
def test_set_is_complete_and_well_formed(holdout: HoldoutSet) -> None:
    """As many Dutch as English articles of 150 words or more, each with gold facts."""
    articles = _articles(holdout)
    assert sorted(a.id for a in articles) == [
        f"{lang}_{holdout.prefix}{i:02d}" for lang in ("en", "nl")
        for i in range(1, holdout.per_language + 1)
    ]
    for article in articles:
        words = len(re.findall(r"\w+", article.text))
        assert 150 <= words <= holdout.max_words, (article.id, words)
        assert article.date is not None, article.id
    facts = load_gold(holdout.gold)
    keys = {r.key for r in FACT_RELATIONS}
    assert {f.property for f in facts} <= keys
    assert {f.doc for f in facts} == {a.id for a in articles}


@pytest.mark.parametrize("holdout", SETS, ids=IDS_OF_SETS)
def test_qids_come_from_the_id_list(holdout: HoldoutSet) -> None:
    """Every QID in the gold is one of the verified identifiers."""
    if not IDS.is_file():
        pytest.skip("the verified identifier list is not present")
    known = {line.split("\t", 1)[0] for line in IDS.read_text(encoding="utf-8").splitlines()}
    for line in holdout.gold.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        for key in ("subject_id", "value_id"):
            if key in data:
                assert data[key] in known, data


@pytest.mark.slow
def test_micro_scores_stay_above_the_floor(scored: tuple[HoldoutSet, EvaluationReport]) -> None:
    holdout, report = scored
    micro = report.micro
    assert micro.f1 >= holdout.floor_f1, micro.to_dict()
    assert micro.precision >= holdout.floor_precision, micro.to_dict()
    assert micro.recall >= holdout.floor_recall, micro.to_dict()


@pytest.mark.slow
def test_scores_per_language_stay_above_the_floor(
    scored: tuple[HoldoutSet, EvaluationReport],
) -> None:
    holdout, report = scored
    for lang in ("nl", "en"):
        scores = report.per_language[lang]
        assert scores.f1 >= holdout.floor_language_f1, (lang, scores.to_dict())
