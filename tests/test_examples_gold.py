"""The example articles of the demo give no wrong medal, title, win, defeat or record.

`examples/gold.jsonl` holds the competition facts of `examples/articles` (written with
the articles, by the same rules as the evaluation data); the demo's `medals` query shows
the P166 statements, so every one of them must be right, with the qualifiers it shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sportkg.evaluation import evaluate
from sportkg.extract.readers import read_paths
from sportkg.model import Article
from sportkg.pipeline import extract_articles

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COMPETITION = ("P166", "sk:won", "sk:defeated", "P1000")


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    articles = [a for a in read_paths([EXAMPLES / "articles"]) if isinstance(a, Article)]
    statements = [s for _, found in extract_articles(articles, linker=False) for s in found]
    return evaluate(statements, EXAMPLES / "gold.jsonl",
                    langs={a.id: a.lang for a in articles})


@pytest.mark.parametrize("prop", COMPETITION)
def test_no_wrong_competition_fact(report, prop: str) -> None:  # type: ignore[no-untyped-def]
    scores = report.per_property[prop]
    wrong = [f"{s.subject.label} {s.property} {s.value}" for s in report.spurious
             if s.property == prop]
    assert scores.predicted > 0 and not wrong, wrong


def test_recall_and_qualifiers_of_competition_facts(report) -> None:  # type: ignore[no-untyped-def]
    found = sum(report.per_property[p].matched_gold for p in COMPETITION)
    gold = sum(report.per_property[p].gold for p in COMPETITION)
    assert found / gold >= 0.7
    # every date, place, event and race time stated with a matched fact is right, among
    # them "een week eerder" counted back from the day of the sentence before it
    assert report.qualifiers.rate == 1.0
