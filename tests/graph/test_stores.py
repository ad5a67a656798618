"""The Oxigraph writer's lock and its reopening: the store directory stays locked against
other writers while the writer closes and opens its store again, and nothing is lost or
written twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sportkg.errors import InputError, StoreError
from sportkg.graph import stores
from sportkg.graph.kg import KnowledgeGraph

_OTHER_WRITER = """
import sys
from sportkg.errors import InputError, StoreError
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


_QUAD = '<https://example.org/s{n}> <https://example.org/p> "o{n}" <https://example.org/g> .\n'


def _quads(first: int, last: int) -> bytes:
    return "".join(_QUAD.format(n=n) for n in range(first, last)).encode()


def _count(store: stores.OxigraphStore) -> int:
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(answer))[0])  # type: ignore[index]


def test_a_bulk_load_apart_runs_in_a_child_and_the_writer_keeps_its_lock(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store"
    store = stores.OxigraphStore.open(path=path)
    started: list[list[str]] = []
    locked: list[int | Any] = []
    real = subprocess.Popen

    def popen(args: list[str], **kwargs: Any) -> Any:
        if "sportkg.graph.bulkload" in args:
            started.append(list(args))
            # the writer has let go of its handle: the directory lock still keeps others out
            other = real([sys.executable, "-c", _OTHER_WRITER, str(path)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            other.communicate(timeout=60)
            locked.append(other.returncode)
        return real(args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    store.bulk_stream([_quads(0, 3), _quads(3, 5)], apart=True)
    assert started and started[0][1:3] == ["-m", "sportkg.graph.bulkload"]
    assert locked == [3]
    assert _count(store) == 5  # opened again: the writer reads what the child loaded
    store.bulk_stream([_quads(5, 6)])  # not apart: Oxigraph's loader in this process
    assert len(started) == 1 and _count(store) == 6
    assert _other_writer(path).returncode == 3
    store.close()


def test_quads_that_do_not_parse_in_the_child_are_one_input_error(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = stores.OxigraphStore.open(path=path)
    store.bulk_stream([_quads(0, 2)], apart=True)
    with pytest.raises(InputError, match=r"^cannot bulk load into .*store: [^\n]+$"):
        store.bulk_stream([_quads(2, 4), b"<https://example.org/s> not a quad .\n"],
                          apart=True)
    assert _count(store) >= 2  # what was there before stays; the store is open again
    store.close()


def test_an_error_making_a_chunk_loads_the_chunks_before_it_then_is_raised(
        tmp_path: Path) -> None:
    store = stores.OxigraphStore.open(path=tmp_path / "store")

    def chunks() -> Any:
        yield _quads(0, 4)
        raise ValueError("statement 5 is not valid")

    with pytest.raises(ValueError, match="statement 5"):
        store.bulk_stream(chunks(), apart=True)
    assert _count(store) == 4
    store.close()


def test_the_child_loader_refuses_without_one_store_directory(tmp_path: Path) -> None:
    from sportkg.graph import bulkload

    done = subprocess.run([sys.executable, "-m", "sportkg.graph.bulkload"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == bulkload.STORE_FAILED
    assert done.stderr.startswith("store: usage:") and done.stderr.count("\n") == 1
    done = subprocess.run([sys.executable, "-m", "sportkg.graph.bulkload",
                           str(tmp_path / "x")], input=b"<a> <b> .\n", capture_output=True,
                          timeout=60)
    assert done.returncode == bulkload.INPUT_FAILED
    assert done.stderr.startswith(b"input: ")
