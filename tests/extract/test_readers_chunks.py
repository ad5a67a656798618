"""Long articles reach the pipeline in paragraph-sized parts; statements come back whole."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from sportkg.extract.chunking import extract_in_parts, split_article, split_text
from sportkg.extract.readers import read_file
from sportkg.iris import mint_entity_iri
from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement

PARAGRAPH = (
    "Schaatsster Anna de Wit won zaterdag de 1500 meter in Thialf. "
    "Haar coach Peter Smit was trots op de 24-jarige.\n\n"
)


def find_ages(
    parts: Iterable[Article], seen: list[int]
) -> Iterator[tuple[Article, list[Statement]]]:
    """A small stand-in extractor: one statement per "NN-jarige" with its sentence offsets."""
    for part in parts:
        seen.append(len(part.text))
        statements = []
        for match in re.finditer(r"(\d+)-jarige", part.text):
            start = part.text.rfind("\n", 0, match.start()) + 1
            statements.append(
                Statement(
                    doc_id=part.id,
                    article_hash=part.hash,
                    subject=Entity(
                        mint_entity_iri("Anna de Wit", "person"), "Anna de Wit", None, "person"
                    ),
                    property="sk:age",
                    value=LiteralValue(int(match.group(1)), "integer"),
                    evidence=Evidence(
                        "big.txt", part.text[start : match.end()], start, match.end(), "test"
                    ),
                )
            )
        yield part, statements


def test_split_text_cuts_at_paragraphs_and_loses_nothing() -> None:
    text = PARAGRAPH * 50
    pieces = list(split_text(text, max_chars=1000))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert all(p.endswith("\n\n") for _, p in pieces[:-1])
    assert [o for o, _ in pieces] == [
        sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))
    ]


def test_split_text_without_breaks_still_splits() -> None:
    pieces = list(split_text("x" * 2500, max_chars=1000))
    assert [len(p) for _, p in pieces] == [1000, 1000, 500]


def test_short_article_is_its_own_part() -> None:
    article = Article(id="a", text=PARAGRAPH, lang="nl")
    assert split_article(article, max_chars=10_000) == [(0, article)]


@pytest.mark.slow
def test_five_megabyte_article_in_bounded_parts(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    repeats = 5 * 1024 * 1024 // len(PARAGRAPH) + 1
    path.write_text(" date 2025-11-22 \n" + PARAGRAPH * repeats, encoding="utf-8")
    (article,) = read_file(path)
    assert isinstance(article, Article) and len(article.text) > 5_000_000
    seen: list[int] = []
    results = list(
        extract_in_parts([article], lambda parts: find_ages(parts, seen), max_chars=100_000)
    )
    assert len(results) == 1
    whole, statements = results[0]
    assert whole is article
    assert max(seen) <= 100_000 and len(seen) >= 50
    assert len(statements) == repeats
    for statement in statements[:: max(1, repeats // 200)]:
        ev = statement.evidence
        assert article.text[ev.start : ev.end] == ev.sentence
        assert statement.article_hash == article.hash


def test_parts_of_several_articles_come_back_in_order() -> None:
    long_one = Article(id="long", text=PARAGRAPH * 40, lang="nl")
    short_one = Article(id="short", text=PARAGRAPH, lang="nl")
    seen: list[int] = []
    results = list(
        extract_in_parts(
            [short_one, long_one, short_one], lambda p: find_ages(p, seen), max_chars=500
        )
    )
    assert [a.id for a, _ in results] == ["short", "long", "short"]
    assert [len(s) for _, s in results] == [1, 40, 1]
    offsets = [s.evidence.start for s in results[1][1]]
    assert offsets == sorted(offsets) and offsets[-1] > 500
