"""The Wikidata client and KB pulls against a real Oxigraph server with fictional Wikidata data."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sportkg.errors import ConfigError, LinkingError
from sportkg.extract.kb import KnowledgeBase
from sportkg.extract.kb_pull import enrich, find_by_label, online_fallback, pull, select_items
from sportkg.extract.linking import Linker
from sportkg.extract.wikidata import WikidataClient, _retry_after

from .conftest import FICTIONAL as F
from .conftest import make_fixed_server, make_flaky_proxy

WD = "http://www.wikidata.org/entity/"
SKATERS = {F["kees_stam_skater"], F["sanne_jorritsma"], F["hiro_tanabe_skater"]}


def client_for(url: str, tmp_path: Path, **kw: object) -> WikidataClient:
    options: dict[str, object] = {"timeout": 5.0, "retries": 2, "backoff": 0.05,
                                  "cache_dir": tmp_path / "cache"}
    options.update(kw)
    return WikidataClient(url, **options)  # type: ignore[arg-type]


def test_people_by_sport_paged(wikidata_endpoint: str, tmp_path: Path) -> None:
    client = client_for(wikidata_endpoint, tmp_path)
    items = select_items(client, "sport", ["Q192431"], page_size=2)
    assert {i.removeprefix(WD) for i in items} == SKATERS
    assert client.requests == 2  # a full page of 2, then a page of 1


def test_pull_sport_describes_people(wikidata_endpoint: str, tmp_path: Path) -> None:
    result = pull(client_for(wikidata_endpoint, tmp_path), sports=["Q192431"], batch_size=2)
    by_qid = {e.qid: e for e in result.entities}
    assert set(by_qid) == SKATERS
    sanne = by_qid[F["sanne_jorritsma"]]
    assert sanne.type == "person"
    assert sanne.aliases["nl"] == ("S. Jorritsma",)
    assert sanne.sports == ("Q192431",) and sanne.countries == ("Q55",)
    assert sanne.birth_date == "1999-11-02" and sanne.gender == "Q6581072"
    assert sanne.sitelinks == 12 and 0 < sanne.prior < 1
    assert F["sanne_jorritsma"] in result.turtle and "Sanne Jorritsma" in result.turtle


def test_pull_participants_and_qids(wikidata_endpoint: str, tmp_path: Path) -> None:
    client = client_for(wikidata_endpoint, tmp_path)
    result = pull(client, editions=["Q4630399"], qids=[F["danny_okafor"]])
    assert {e.qid for e in result.entities} == SKATERS | {F["danny_okafor"]}
    assert result.items == 4


def test_pull_limit(wikidata_endpoint: str, tmp_path: Path) -> None:
    result = pull(client_for(wikidata_endpoint, tmp_path), sports=["Q192431"], limit=1)
    assert len(result.entities) == 1


def test_pull_needs_a_selection_and_valid_qids(tmp_path: Path) -> None:
    client = WikidataClient(offline=True, cache_dir=None)
    with pytest.raises(ConfigError, match="nothing to pull"):
        pull(client)
    with pytest.raises(ConfigError, match="not a Wikidata item id"):
        pull(client, qids=["Jutta"])


def test_find_by_label_and_online_linking(wikidata_endpoint: str, tmp_path: Path) -> None:
    client = client_for(wikidata_endpoint, tmp_path)
    assert [e.qid for e in find_by_label(client, "Dangerous Danny")] == [F["danny_okafor"]]
    assert find_by_label(client, "Nobody Known") == []
    linker = Linker(KnowledgeBase.bundled(), fallback=online_fallback(client))
    entity, note = linker.link("Sanne Jorritsma", "person")
    assert entity.qid == F["sanne_jorritsma"] and note.score >= 0.5
    # the shared bundled KB is untouched
    assert KnowledgeBase.bundled().get(F["sanne_jorritsma"]) is None


def test_enrich_pulls_statements_of_the_relation_table(
    wikidata_endpoint: str, tmp_path: Path
) -> None:
    items = [WD + F["danny_okafor"], WD + F["sanne_jorritsma"]]
    result = enrich(client_for(wikidata_endpoint, tmp_path), items)
    assert "P26" in result.turtle and F["tess_hollander"] in result.turtle  # spouse
    assert "P166" in result.turtle  # award received
    assert "P1344" not in result.turtle  # a qualifier-only property is not pulled


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


def test_bad_construct_answer_fails_the_whole_pull(tmp_path: Path) -> None:
    server = make_fixed_server(200, "text/turtle", b"<http://x> <http://y> .")
    try:
        client = client_for(server.url, tmp_path)
        with pytest.raises(LinkingError, match="malformed Turtle"):
            pull(client, qids=[F["kees_stam_boxer"]])
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
