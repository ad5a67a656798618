"""An article without a publication date: facts are kept, relative dates stay unresolved
(no `P585`), and no date is invented (never the year 0001)."""

from __future__ import annotations

import pytest

from sportkg.model import Article, LiteralValue, Statement
from sportkg.pipeline import extract_articles

TEXTS = {
    "nl": "Schaatser Kees Stam heeft dinsdag de wereldtitel op de 1500 meter veroverd. "
          "De 24-jarige Fries won goud in Calgary.\n\n"
          "Stam versloeg dinsdag de Noor Erik Lunde.\n",
    "en": "Speed skater Tom Baker won gold in the 1500 metres at the world championships on "
          "Tuesday. The 24-year-old Baker beat Norwegian Erik Lunde on Tuesday.\n",
}


def _statements(lang: str, date: str | None) -> list[Statement]:
    article = Article(id=f"undated_{lang}", text=TEXTS[lang], lang=lang, date=date,
                      source=f"undated_{lang}.txt")
    ((_, statements),) = list(extract_articles([article]))
    return statements


def _dates(statements: list[Statement]) -> set[str]:
    return {str(q.value) for s in statements for p, q in s.qualifiers
            if p == "P585" and isinstance(q, LiteralValue)}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_undated_article_keeps_the_facts_without_a_date(lang: str) -> None:
    statements = _statements(lang, None)
    found = {s.property for s in statements}
    assert {"sk:won", "sk:defeated", "P166"} <= found
    assert _dates(statements) == set()  # "dinsdag" cannot be resolved, and nothing is made up
    assert all("0001" not in str(s.to_dict()) for s in statements)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_same_article_dated_resolves_tuesday(lang: str) -> None:
    statements = _statements(lang, "2025-03-06")
    won = [s for s in statements if s.property == "sk:won"]
    assert won and str(won[0].qualifier("P585").value) == "2025-03-04"  # type: ignore[union-attr]


def test_an_age_in_an_undated_article_has_no_point_in_time() -> None:
    statements = _statements("en", None)
    ages = [s for s in statements if s.property == "sk:age"]
    assert ages and all(s.qualifier("P585") is None for s in ages)
