"""The one process manager: a real `oxigraph serve` started, answering, failing and stopped."""

from __future__ import annotations

import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from sportkg.errors import ConfigError, StoreError
from sportkg.explore.server import OxigraphServer, ServeConfig, parse_bind
from sportkg.graph.kg import KnowledgeGraph


def test_server_serves_a_built_store_read_only(tmp_path: Path, sample_articles) -> None:  # type: ignore[no-untyped-def]
    with KnowledgeGraph.open("oxigraph", path=tmp_path / "st") as kg:
        for article, facts in sample_articles:
            kg.add_article(article, facts)
    with OxigraphServer(tmp_path / "st", read_only=True) as server:
        query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        request = urllib.request.Request(f"{server.query_url}?{query}",
                                         headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert int(response.read().decode().split()[1]) > 200
        with KnowledgeGraph.open("sparql", endpoint=server.query_url, read_only=True) as kg:
            assert kg.stats()["articles"] == 3
            with pytest.raises(StoreError, match="read-only"):
                kg.load_statements(sample_articles[0][1])
    assert not server.running
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="is a file"):
        OxigraphServer(tmp_path / "file").start()


def test_a_broken_store_names_the_server_error_and_leaves_nothing_running(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "CURRENT").write_text("garbage", encoding="utf-8")
    server = OxigraphServer(broken, read_only=True, timeout=20)
    with pytest.raises(StoreError, match=r"the Oxigraph server for '.*broken' stopped: .*"):
        server.start()
    assert not server.running


def test_a_query_timeout_is_passed_to_the_server(tmp_path: Path) -> None:
    command = OxigraphServer(tmp_path, query_timeout=30.2).command()
    assert command[command.index("--timeout-s") + 1] == "31"
    assert "--timeout-s" not in OxigraphServer(tmp_path).command()


def test_bind_addresses() -> None:
    assert parse_bind("127.0.0.1:7878") == ("127.0.0.1", 7878)
    assert parse_bind("[::1]:8000") == ("::1", 8000)
    for bad in ("localhost", ":80", "host:0", "host:70000"):
        with pytest.raises(ConfigError, match="HOST:PORT"):
            parse_bind(bad)


def test_both_servers_name_their_endpoints_alike(tmp_path: Path) -> None:
    child = OxigraphServer(tmp_path, port=7878)
    served = ServeConfig(store=tmp_path, host="::1", port=8000)
    assert (child.url, child.query_url, child.update_url, child.store_url) == (
        "http://127.0.0.1:7878/", "http://127.0.0.1:7878/query",
        "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")
    assert (served.base_url, served.query_url, served.update_url) == (
        "http://[::1]:8000/", "http://[::1]:8000/query", "http://[::1]:8000/update")
