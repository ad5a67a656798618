"""A Reading of paths: lazy articles, failures reported as they happen, counts, ignored files."""

from __future__ import annotations

from pathlib import Path

from sportkg.extract.readers import ReadFailure
from sportkg.extract.reading import Reading


def test_a_reading_yields_articles_and_reports_each_failure_as_it_happens(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2026-03-01 Kok won goud.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")  # an empty article
    (tmp_path / "gold.jsonl").write_text('{"doc": "a", "subject": "Kok"}\n', encoding="utf-8")
    said: list[ReadFailure] = []
    reading = Reading([str(tmp_path)], on_failure=said.append, keep_langs=True)
    articles = list(reading)
    assert [a.id for a in articles] == ["a"] and reading.articles == 1
    assert said == reading.failures and len(said) == 1 and "b.txt" in said[0].source
    assert reading.langs == {"a": articles[0].lang}
    assert any(name.endswith("gold.jsonl") for name in reading.ignored)
    assert Reading.of([str(tmp_path)], glob="*.txt", lang=None, date=None, max_mb=1).total() == 2
