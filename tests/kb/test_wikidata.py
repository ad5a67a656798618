"""The Wikidata client against a real Oxigraph server with fictional Wikidata data, and servers
that fail in the ways a public endpoint does."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sportkg.errors import ConfigError, LinkingError
from sportkg.kb.pull import online_fallback, select_items
from sportkg.kb.wikidata import WikidataClient, _retry_after

from .conftest import FICTIONAL as F
from .conftest import client_for, make_fixed_server, make_flaky_proxy

WD = "http://www.wikidata.org/entity/"


def test_cache_and_offline(wikidata_endpoint: str, tmp_path: Path) -> None:
    query = "SELECT ?item WHERE { ?item <http://www.wikidata.org/prop/direct/P641> ?s }"
    online = client_for(wikidata_endpoint, tmp_path)
    rows = online.select(query)
    online.select(query)
    assert online.requests == 1
    offline = client_for("http://127.0.0.1:9/query", tmp_path, offline=True)
    with pytest.raises(LinkingError, match="offline"):
        offline.select(query)
    offline = client_for(wikidata_endpoint, tmp_path, offline=True, cache_ttl=0)
    assert offline.select(query) == rows and offline.requests == 0
    expired = client_for(wikidata_endpoint, tmp_path, cache_ttl=0)
    time.sleep(0.01)
    expired.select(query)
    assert expired.requests == 1


def test_retry_after_on_429_and_503(wikidata_endpoint: str, tmp_path: Path) -> None:
    proxy = make_flaky_proxy(wikidata_endpoint, [(429, "1"), (503, "0")])
    try:
        client = client_for(proxy.url, tmp_path, backoff=0.0, cache_dir=None)
        began = time.monotonic()
        items = select_items(client, "sport", ["Q32112"])
        assert {i.removeprefix(WD) for i in items} == {F["kees_stam_boxer"], F["danny_okafor"]}
        assert time.monotonic() - began >= 0.9  # waited as Retry-After said
        assert proxy.hits == 3
        agent = proxy.user_agents[0]  # type: ignore[attr-defined]
        assert agent.startswith("sportkg/") and "(" in agent
    finally:
        proxy.close()


def test_server_error_without_retry_after_backs_off(
    wikidata_endpoint: str, tmp_path: Path
) -> None:
    proxy = make_flaky_proxy(wikidata_endpoint, [(500, None), (502, None)])
    try:
        client = client_for(proxy.url, tmp_path, backoff=0.2, cache_dir=None)
        began = time.monotonic()
        assert client.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert time.monotonic() - began >= 0.55  # waited 0.2 s, then 0.4 s
        assert proxy.hits == 3
    finally:
        proxy.close()


def test_retries_run_out(wikidata_endpoint: str, tmp_path: Path) -> None:
    proxy = make_flaky_proxy(wikidata_endpoint, [(503, None)] * 5)
    try:
        client = client_for(proxy.url, tmp_path, retries=2, cache_dir=None)
        with pytest.raises(LinkingError, match="failed after 3 attempts: HTTP 503"):
            client.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
        assert proxy.hits == 3
    finally:
        proxy.close()


def test_timeout(silent_endpoint: str, tmp_path: Path) -> None:
    client = client_for(silent_endpoint, tmp_path, timeout=0.3, retries=1, cache_dir=None)
    began = time.monotonic()
    with pytest.raises(LinkingError, match="no answer within 0.3 s"):
        client.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert time.monotonic() - began < 3


def test_unreachable(unreachable_endpoint: str, tmp_path: Path) -> None:
    client = client_for(unreachable_endpoint, tmp_path, cache_dir=None)
    with pytest.raises(LinkingError, match=f"{unreachable_endpoint} is unreachable"):
        client.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


@pytest.mark.parametrize(
    ("ctype", "body", "message"),
    [
        ("text/html", b"<!DOCTYPE html><html><body>Welcome</body></html>", "HTML page"),
        ("application/sparql-results+json", b"", "empty response"),
        ("application/sparql-results+json", b"{\"head\": ", "malformed SPARQL JSON"),
        ("application/sparql-results+json", b"{\"head\": {}}", "malformed SPARQL JSON"),
    ],
)
def test_bad_select_answers(tmp_path: Path, ctype: str, body: bytes, message: str) -> None:
    server = make_fixed_server(200, ctype, body)
    try:
        client = client_for(server.url, tmp_path)
        with pytest.raises(LinkingError, match=message) as err:
            client.select("SELECT * WHERE { ?s ?p ?o }")
        assert server.url in str(err.value)
        # a bad answer is not cached
        with pytest.raises(LinkingError):
            client.select("SELECT * WHERE { ?s ?p ?o }")
        assert server.hits == 2
    finally:
        server.close()


def test_client_errors_are_not_retried(tmp_path: Path) -> None:
    server = make_fixed_server(400, "text/plain", b"Parse error")
    try:
        client = client_for(server.url, tmp_path)
        with pytest.raises(LinkingError, match="rejected the query"):
            client.select("SELECT nonsense")
        assert server.hits == 1
    finally:
        server.close()


def test_retry_after_forms() -> None:
    assert _retry_after("7") == 7.0
    assert _retry_after(None) is None
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert _retry_after("soon") is None


def test_endpoint_must_be_http() -> None:
    with pytest.raises(ConfigError, match="not an http"):
        WikidataClient("ftp://example.org/sparql")


def test_component_with_kb_files_and_endpoint(wikidata_endpoint: str, tmp_path: Path) -> None:
    import spacy

    from sportkg.extract.linking import EntityLinker

    nlp = spacy.blank("nl")
    text = "Schaatsster Sanne Jorritsma en bokser Danny Okafor."
    doc = nlp.make_doc(text)
    doc.spans["sportkg_mentions"] = [
        doc.char_span(12, 27, label="person"), doc.char_span(38, 50, label="person")
    ]
    from_file = EntityLinker(nlp, kb_paths=[str(Path(__file__).parent / "data" /
                                                 "fictional_wbgetentities.json")])
    assert from_file.linker.kb.get(F["roos_verzonnen"]) is not None
    online = EntityLinker(nlp, endpoint=wikidata_endpoint)
    online.linker.fallback = online_fallback(client_for(wikidata_endpoint, tmp_path))
    links = online(doc).user_data["sportkg_links"]
    assert [entity.qid for entity, _ in links.values()] == [F["sanne_jorritsma"], F["danny_okafor"]]
