"""Quality on the shared evaluation articles (skipped when they are absent).

The bar: micro precision >= 0.80 and recall >= 0.60 in Dutch and in English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sportkg.evaluation import load_gold, score
from sportkg.extract.readers import read_paths
from sportkg.model import Article
from sportkg.pipeline import extract_articles


@pytest.mark.slow
def test_quality_bar_per_language(eval_dev: Path) -> None:
    articles = [a for a in read_paths([eval_dev], glob="*.txt") if isinstance(a, Article)]
    predicted = [s for _, stmts in extract_articles(articles, pipeline="rules") for s in stmts]
    report = score(predicted, load_gold(eval_dev / "gold.jsonl"),
                   langs={a.id: a.lang for a in articles})
    for lang in ("nl", "en"):
        scores = report.per_language[lang]
        assert scores.precision >= 0.80, (lang, scores)
        assert scores.recall >= 0.60, (lang, scores)


def test_every_evidence_span_lies_inside_its_article(eval_dev: Path) -> None:
    articles = {a.id: a for a in read_paths([eval_dev], glob="nl_00*.txt")
                if isinstance(a, Article)}
    for article, statements in extract_articles(articles.values(), pipeline="rules"):
        assert statements, article.id
        for s in statements:
            assert article.text[s.evidence.start : s.evidence.end] == s.evidence.sentence
