"""Pulling KB records, labels and statements from a real Oxigraph server with fictional
Wikidata data."""

from __future__ import annotations

from pathlib import Path

import pytest

from sportkg.errors import ConfigError, LinkingError
from sportkg.extract.linking import Linker
from sportkg.kb.kb import KnowledgeBase
from sportkg.kb.pull import enrich, find_by_label, online_fallback, pull, select_items
from sportkg.kb.wikidata import WikidataClient

from .conftest import FICTIONAL as F
from .conftest import client_for, make_fixed_server

WD = "http://www.wikidata.org/entity/"
SKATERS = {F["kees_stam_skater"], F["sanne_jorritsma"], F["hiro_tanabe_skater"]}


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


def test_bad_construct_answer_fails_the_whole_pull(tmp_path: Path) -> None:
    server = make_fixed_server(200, "text/turtle", b"<http://x> <http://y> .")
    try:
        client = client_for(server.url, tmp_path)
        with pytest.raises(LinkingError, match="malformed Turtle"):
            pull(client, qids=[F["kees_stam_boxer"]])
    finally:
        server.close()
