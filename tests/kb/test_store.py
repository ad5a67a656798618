"""The KB's side of a store, through the library: records read back, relinking, linked items."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sportkg.graph.kg import KnowledgeGraph
from sportkg.kb.io import read_kb_file
from sportkg.kb.store import add_records, linked_items, relink, store_kb
from sportkg.model import Article, Entity, Evidence, Statement

from .conftest import DATA
from .conftest import FICTIONAL as F

ENTITY = "https://w3id.org/sportkg/entity/"
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(params=["oxigraph", "memory"])
def kg(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[KnowledgeGraph]:
    """A store with one article about a boxer and a skater named Kees Stam (both minted)."""
    options = {"path": tmp_path / "store"} if request.param == "oxigraph" else {}
    article = Article(id="nl_fictief", text="Fictieve tekst.", lang="nl", date="2024-06-01")
    evidence = Evidence(source="nl_fictief.txt", sentence="Fictieve tekst.", start=0, end=15,
                        extractor="test", published="2024-06-01")
    people = [Entity(ENTITY + "kees-stam--boxing", "Kees Stam", type="person"),
              Entity(ENTITY + "kees-stam--speed-skating", "Kees Stam", type="person")]
    statements = [
        Statement(doc_id=article.id, article_hash=article.hash, subject=who, property="P27",
                  value=Entity.from_qid("Q55", "Netherlands", "country"), evidence=evidence)
        for who in people
    ]
    with KnowledgeGraph.open(request.param, **options) as graph:
        graph.add_article(article, statements)
        yield graph


def test_records_are_added_read_back_and_relink_the_minted_people(kg: KnowledgeGraph) -> None:
    assert len(store_kb(kg)) == 0
    assert linked_items(kg) == [WD + "Q55"]
    records = read_kb_file(DATA / "fictional_wikidata.ttl")
    turtle = (DATA / "fictional_wikidata.ttl").read_text(encoding="utf-8")
    added, linked = add_records(kg, turtle)
    assert added > 0 and linked == 2
    assert {e.iri for e in store_kb(kg).entities()} >= {e.iri for e in records}
    rows = kg.query("SELECT ?e ?q WHERE { ?e <http://www.w3.org/2002/07/owl#sameAs> ?q }").rows
    assert {str(e).removeprefix(ENTITY): str(q).removeprefix(WD) for e, q in rows} == {
        "kees-stam--boxing": F["kees_stam_boxer"],
        "kees-stam--speed-skating": F["kees_stam_skater"],
    }
    assert relink(kg) == (0, 0)  # nothing left to link
