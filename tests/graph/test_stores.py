"""The Oxigraph writer's lock and its reopening: the store directory stays locked against
other writers while the writer closes and opens its store again, and nothing is lost or
written twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sportkg.errors import StoreError
from sportkg.graph import stores
from sportkg.graph.kg import KnowledgeGraph

_OTHER_WRITER = """
import sys
from sportkg.errors import StoreError
from sportkg.graph.stores import OxigraphStore
try:
    OxigraphStore.open(path=sys.argv[1]).close()
except StoreError as exc:
    print(exc)
    sys.exit(3)
"""


def _other_writer(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _OTHER_WRITER, str(path)],
                          capture_output=True, text=True, timeout=60)


def test_no_other_writer_gets_in_while_the_store_is_opened_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyoxigraph

    path = tmp_path / "store"
    store = stores.OxigraphStore.open(path=path)
    tried: list[subprocess.CompletedProcess[str]] = []
    real = pyoxigraph.Store

    def opened_again(*args: Any) -> Any:
        # between the close and the new open, RocksDB's own lock is free
        tried.append(_other_writer(path))
        with pytest.raises(StoreError, match="locked by another process"):
            stores.OxigraphStore.open(path=path)
        return real(*args)

    monkeypatch.setattr(pyoxigraph, "Store", opened_again)
    store.reopen()
    monkeypatch.setattr(pyoxigraph, "Store", real)
    assert tried and tried[0].returncode == 3, tried[0].stdout + tried[0].stderr
    assert "locked by another process" in tried[0].stdout
    store.write("https://example.org/g", ["<https://example.org/s> "
                                           "<https://example.org/p> \"o\" ."])
    assert _other_writer(path).returncode == 3
    store.close()
    assert _other_writer(path).returncode == 0  # closed, the lock is let go


def test_a_reader_may_open_a_store_being_written(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with KnowledgeGraph.open("oxigraph", path=path):
        with KnowledgeGraph.open("oxigraph", path=path, read_only=True) as reader:
            assert reader.layout() is None


def test_reopening_every_write_keeps_each_fact_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        sample_articles: list[Any]) -> None:
    monkeypatch.setattr(stores, "REOPEN_WRITES", 1)
    reopened: list[int] = []
    real = stores.OxigraphStore.reopen

    def counted(self: stores.OxigraphStore) -> None:
        reopened.append(1)
        real(self)

    monkeypatch.setattr(stores.OxigraphStore, "reopen", counted)
    with KnowledgeGraph.open("memory") as expected:
        for article, facts in sample_articles:
            expected.add_article(article, facts)
        with KnowledgeGraph.open("oxigraph", path=tmp_path / "store") as kg:
            for article, facts in sample_articles:
                assert kg.add_article(article, facts).added == 1
            assert reopened
            assert kg.stats() == expected.stats()
            assert set(kg.statements()) == set(expected.statements())
            for article, facts in sample_articles:  # again: nothing changes
                assert kg.add_article(article, facts).unchanged
            assert kg.stats() == expected.stats()
