"""The kb commands, `link` and `enrich` (`commands/kb.py`) as a user runs them: `sportkg` in
this process (the `cli` fixture) over a real store and a real SPARQL endpoint."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from sportkg.model import Article, Entity, Evidence, Statement

from ..kb.conftest import FICTIONAL as F
from ..kb.conftest import make_fixed_server

Cli = Callable[..., Result]
DATA = Path(__file__).resolve().parent.parent / "kb" / "data"
ENTITY = "https://w3id.org/sportkg/entity/"
WD = "http://www.wikidata.org/entity/"


def _kb_triples(store: Path) -> int:
    from sportkg.graph.kg import KnowledgeGraph

    with KnowledgeGraph.open("oxigraph", path=store, read_only=True) as kg:
        result = kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/sportkg/kb> "
                          "{ ?s ?p ?o } }")
        return int(result.rows[0][0])  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store with one article about a boxer and a skater named Kees Stam (both minted)."""
    from sportkg.graph.kg import KnowledgeGraph

    path = tmp_path / "store"
    article = Article(id="nl_fictief", text="Fictieve tekst.", lang="nl", date="2024-06-01")
    boxer = Entity(ENTITY + "kees-stam--boxing", "Kees Stam", type="person")
    skater = Entity(ENTITY + "kees-stam--speed-skating", "Kees Stam", type="person")
    unknown = Entity(ENTITY + "tinus-onbekend", "Tinus Onbekend", type="person")
    cyclist = Entity(ENTITY + "tinus-onbekend--cycling", "Tinus Onbekend", type="person")
    evidence = Evidence(source="nl_fictief.txt", sentence="Fictieve tekst.", start=0, end=15,
                        extractor="test", published="2024-06-01")
    statements = [
        Statement(doc_id=article.id, article_hash=article.hash, subject=who, property="P27",
                  value=Entity.from_qid("Q55", "Netherlands", "country"), evidence=evidence)
        for who in (boxer, skater, unknown, cyclist)
    ]
    with KnowledgeGraph.open("oxigraph", path=path) as kg:
        kg.add_article(article, statements)
    return path


def test_load_relinks_minted_people_by_sport(cli: Cli, store: Path) -> None:
    done = cli("kb", "load", str(DATA / "fictional_wikidata.ttl"), "--store", str(store))
    assert done.exit_code == 0, done.stderr
    assert "2 minted entities linked" in done.stderr
    from sportkg.graph.kg import KnowledgeGraph

    with KnowledgeGraph.open("oxigraph", path=store, read_only=True) as kg:
        rows = kg.query("SELECT ?e ?q WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> ?q }")
        links = {str(e).removeprefix(ENTITY): str(q).removeprefix(WD) for e, q in rows.rows}
    assert links == {
        "kees-stam--boxing": F["kees_stam_boxer"],
        "kees-stam--speed-skating": F["kees_stam_skater"],
    }
    # the name-only "Tinus Onbekend" was the cyclist of the same name from the start
    with KnowledgeGraph.open("oxigraph", path=store, read_only=True) as kg:
        subjects = {str(s) for s, _, _, _ in kg.store.quads()}
    assert ENTITY + "tinus-onbekend" not in subjects
    assert ENTITY + "tinus-onbekend--cycling" in subjects
    again = cli("kb", "relink", "--store", str(store))
    assert again.exit_code == 0, again.stderr
    assert "0 minted entities linked to Wikidata items, 0 name-only people joined" in again.stderr
    stats = cli("kb", "stats", "--store", str(store))
    assert stats.exit_code == 0, stats.stderr
    assert "store: 9 entities" in stats.stdout


def test_load_wikidata_json_and_bad_files(cli: Cli, store: Path, tmp_path: Path) -> None:
    done = cli("kb", "load", str(DATA / "fictional_wbgetentities.json"),
               str(DATA / "fictional_dump.json"), "--store", str(store))
    assert done.exit_code == 0, done.stderr
    assert "loaded 3 items from 2 files" in done.stderr
    before = _kb_triples(store)
    bad = tmp_path / "broken.ttl"
    bad.write_text("<http://www.wikidata.org/entity/Q5> <http://x> ", encoding="utf-8")
    failed = cli("kb", "load", str(DATA / "fictional_wikidata.ttl"), str(bad),
                 "--store", str(store))
    assert failed.exit_code == 1
    assert failed.stderr.startswith("sportkg: error: ") and "broken.ttl" in failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1
    html = tmp_path / "page.json"
    html.write_text("<html><body>not json</body></html>", encoding="utf-8")
    failed = cli("kb", "load", str(html), "--store", str(store))
    assert failed.exit_code == 1 and "page.json" in failed.stderr
    assert _kb_triples(store) == before  # nothing of the good file was added either


def test_pull_from_endpoint(cli: Cli, store: Path, wikidata_endpoint: str, tmp_path: Path) -> None:
    done = cli("kb", "pull", "--sport", "Q32112", F["tess_hollander"], "--wikidata-endpoint",
               wikidata_endpoint, "--store", str(store), "--cache-dir", str(tmp_path / "cache"))
    assert done.exit_code == 0, done.stderr
    assert "pulled 3 items (3 people)" in done.stderr
    assert "1 minted entity linked" in done.stderr  # the boxer; the skater was not pulled
    offline = cli("kb", "pull", "--sport", "Q32112", F["tess_hollander"], "--offline", "--dry-run",
                  "--wikidata-endpoint", wikidata_endpoint, "--cache-dir", str(tmp_path / "cache"))
    assert offline.exit_code == 0, offline.stderr
    assert "in 0 requests" in offline.stderr


def test_pull_failure_leaves_kb_unchanged(cli: Cli, store: Path, tmp_path: Path) -> None:
    before = _kb_triples(store)
    server = make_fixed_server(200, "text/html", b"<!DOCTYPE html><html>Query service</html>")
    try:
        done = cli("kb", "pull", F["kees_stam_boxer"], "--wikidata-endpoint", server.url,
                   "--store", str(store), "--cache-dir", str(tmp_path / "cache"))
    finally:
        server.close()
    assert done.exit_code == 1
    assert "returned an HTML page" in done.stderr and server.url in done.stderr
    assert _kb_triples(store) == before
    unreachable = cli("kb", "pull", F["kees_stam_boxer"], "--wikidata-endpoint",
                      "http://127.0.0.1:9/sparql", "--store", str(store), "--retries", "0",
                      "--cache-dir", str(tmp_path / "cache"))
    assert unreachable.exit_code == 1 and "unreachable" in unreachable.stderr
    assert cli("kb", "pull", "--store", str(store)).exit_code == 1


def test_link_online(cli: Cli, wikidata_endpoint: str, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    local = cli("link", "Dangerous Danny", "--context", "Bokser Dangerous Danny won.")
    assert json.loads(local.stdout)["entity"]["qid"] is None
    online = cli("link", "Dangerous Danny", "Mike Tyson", "--online", "--wikidata-endpoint",
                 wikidata_endpoint, "--cache-dir", cache)
    assert online.exit_code == 0, online.stderr
    first, second = (json.loads(line) for line in online.stdout.splitlines())
    assert first["entity"]["qid"] == F["danny_okafor"] and first["note"]["score"] >= 0.5
    assert second["entity"]["qid"] == "Q79031"
    again = cli("link", "Dangerous Danny", "--offline", "--wikidata-endpoint", wikidata_endpoint,
                "--cache-dir", cache)
    assert json.loads(again.stdout)["entity"]["qid"] == F["danny_okafor"]


def test_enrich_and_gap_report(cli: Cli, wikidata_endpoint: str, tmp_path: Path) -> None:
    from sportkg.graph.kg import KnowledgeGraph

    path = tmp_path / "store"
    article = Article(id="en_fictief", text="Fictional text.", lang="en", date="2024-06-01")
    evidence = Evidence(source="en_fictief.txt", sentence="Fictional text.", start=0, end=15,
                        extractor="test", published="2024-06-01")
    okafor = Entity.from_qid(F["danny_okafor"], "Danny Okafor", "person")
    with KnowledgeGraph.open("oxigraph", path=path) as kg:
        kg.add_article(article, [
            Statement(doc_id=article.id, article_hash=article.hash, subject=okafor, property="P27",
                      value=Entity.from_qid("Q55", "Netherlands", "country"), evidence=evidence),
            Statement(doc_id=article.id, article_hash=article.hash, subject=okafor, property="P26",
                      value=Entity.from_qid(F["tess_hollander"], "Tess Hollander", "person"),
                      evidence=evidence),
        ])
    done = cli("enrich", "--wikidata-endpoint", wikidata_endpoint, "--store", str(path),
               "--cache-dir", str(tmp_path / "cache"), "--report")
    assert done.exit_code == 0, done.stderr
    assert "enriched 3 linked items" in done.stderr
    report = [line for line in done.stdout.splitlines() if F["danny_okafor"] in line]
    assert [line.split()[:4] for line in sorted(report)] == [
        # Wikidata lacks his nationality, and the marriage on his wife's item: a spouse is
        # held on both people
        ["missing", "wd:" + F["danny_okafor"], "wdt:P27", "wd:Q55"],
        ["missing", "wd:" + F["tess_hollander"], "wdt:P26", "wd:" + F["danny_okafor"]]]


def test_link_mentions_of_articles(cli: Cli, tmp_path: Path) -> None:
    article = tmp_path / "nl_eigen.txt"
    article.write_text(" date 2026-02-10 \nSchaatsster Femke Kok won goud in Milaan. "
                       "Bokser Mike Tyson keek toe.\n", encoding="utf-8")
    done = cli("link", "--articles", str(article))
    assert done.exit_code == 0, done.stderr
    decisions = {d["mention"]: d for d in map(json.loads, done.stdout.splitlines())}
    assert decisions["Mike Tyson"]["entity"]["qid"] == "Q79031"
    assert decisions["Milaan"]["entity"]["qid"] == "Q490"
    assert decisions["Femke Kok"]["entity"]["iri"] == ENTITY + "femke-kok--speed-skating"
    assert decisions["Femke Kok"]["doc"] == "nl_eigen"
    assert cli("link", "--articles", str(tmp_path / "absent.txt")).exit_code == 1


def test_merge_names_two_iris_by_one(cli: Cli, store: Path) -> None:
    from sportkg.graph.kg import KnowledgeGraph

    done = cli("kb", "merge", ENTITY + "kees-stam--boxing", ENTITY + "kees-stam--speed-skating",
               "--store", str(store))
    assert done.exit_code == 0, done.stderr
    assert "1 statement rewritten" in done.stderr
    with KnowledgeGraph.open("oxigraph", path=store, read_only=True) as kg:
        subjects = {s.subject.iri for s in kg.statements()}
        same = kg.query("SELECT ?e ?q WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> ?q }")
    assert ENTITY + "kees-stam--boxing" not in subjects
    assert ENTITY + "kees-stam--speed-skating" in subjects
    assert (ENTITY + "kees-stam--boxing", ENTITY + "kees-stam--speed-skating") in {
        (str(e), str(q)) for e, q in same.rows}
    # a Wikidata item given as Q...; a bad IRI is one line and changes nothing
    done = cli("kb", "merge", ENTITY + "kees-stam--speed-skating", "Q99999999",
               "--store", str(store))
    assert done.exit_code == 0 and "1 statement rewritten" in done.stderr
    before = _kb_triples(store)
    for wrong in (("not an iri", "Q1"), ("wd:Q99999999", "Q99999999")):
        bad = cli("kb", "merge", *wrong, "--store", str(store))
        assert bad.exit_code != 0 and len(bad.stderr.strip().splitlines()) == 1, bad.stderr
    assert _kb_triples(store) == before  # nothing written
