"""The `wikidata_gaps` query: news facts Wikidata lacks or disputes, on Oxigraph and rdflib."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sportkg.kb.io import entities_to_graph
from sportkg.kb.kb import KnowledgeBase
from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement

from .conftest import FICTIONAL as F

REPO = Path(__file__).resolve().parents[2]
QUERY = (REPO / "queries" / "wikidata_gaps.rq").read_text(encoding="utf-8")
KB_GRAPH = "https://w3id.org/sportkg/kb"
WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"

STAM = Entity.from_qid(F["kees_stam_boxer"], "Kees Stam", "person")
OKAFOR = Entity.from_qid(F["danny_okafor"], "Danny Okafor", "person")


def _statement(article: Article, subject: Entity, prop: str, value: Any,
               quals: dict[str, Any] | None = None) -> Statement:
    return Statement(
        doc_id=article.id, article_hash=article.hash, subject=subject, property=prop, value=value,
        qualifiers=quals or {},
        evidence=Evidence(source=f"{article.id}.txt", sentence="Een zin.", start=0, end=8,
                          extractor="test", published=article.date),
    )


def _kb_lines() -> list[str]:
    from rdflib import XSD, Literal, URIRef

    kb = KnowledgeBase.from_json(Path(__file__).parent / "data" / "fictional_people.json")
    wanted = (F["kees_stam_boxer"], F["danny_okafor"])
    graph = entities_to_graph(e for e in kb.entities() if e.qid in wanted)
    stam, okafor = URIRef(WD + F["kees_stam_boxer"]), URIRef(WD + F["danny_okafor"])
    born = Literal("1990-04-01T00:00:00Z", datatype=XSD.dateTime)  # as Wikidata writes it
    graph.add((stam, URIRef(WDT + "P569"), born))
    graph.add((okafor, URIRef(WDT + "P26"), URIRef(WD + F["tess_hollander"])))
    return graph.serialize(format="nt").splitlines()


def _article_lines() -> tuple[str, Any]:
    from sportkg.graph.rdf import ArticleInfo, article_lines

    article = Article(id="nl_test", text="fictief", lang="nl", date="2024-06-01")
    date = LiteralValue("2024-06-01", "date", "day")
    statements = [
        _statement(article, STAM, "P569", LiteralValue("1991-04-01", "date", "day")),
        _statement(article, STAM, "sk:age", LiteralValue(30, "integer"), {"P585": date}),
        _statement(article, OKAFOR, "sk:age", LiteralValue(30, "integer"), {"P585": date}),
        _statement(article, OKAFOR, "P26",
                   Entity.from_qid(F["tess_hollander"], "Tess Hollander", "person")),
        _statement(article, OKAFOR, "P27", Entity.from_qid("Q55", "Netherlands", "country")),
        _statement(article, OKAFOR, "P166", Entity.from_qid("Q15243387", "Olympic gold medal",
                                                            "award")),
        _statement(article, STAM, "P27", Entity.from_qid("Q55", "Netherlands", "country")),
    ]
    info = ArticleInfo.from_article(article)
    return info.graph_iri(), article_lines(info, statements)


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest) -> Any:
    pytest.importorskip("sportkg.graph.stores")
    from sportkg.graph.stores import MemoryStore, OxigraphStore

    backend = OxigraphStore.open() if request.param == "oxigraph" else MemoryStore.open()
    from sportkg.graph.rdf import facts_graph

    graph, lines = _article_lines()
    backend.write(graph, lines.article)
    backend.write(facts_graph(), lines.shared)
    backend.write(KB_GRAPH, _kb_lines())
    yield backend
    backend.close()


def test_gaps_report(store: Any) -> None:
    result = store.query(QUERY)
    rows = {
        (str(r["kind"]), str(r["item"]).removeprefix(WD), str(r["property"]).split("/")[-1]
         .split("#")[-1], str(r["newsValue"]).removeprefix(WD))
        for r in ({k: v for k, v in zip(result.variables, row, strict=True)}
                  for row in result.rows)
    }
    assert rows == {
        ("conflict", F["kees_stam_boxer"], "P569", "1991-04-01"),  # Wikidata: 1990-04-01
        ("age", F["kees_stam_boxer"], "age", "30"),  # born 1990-04-01: 34 in June 2024
        ("missing", F["danny_okafor"], "P27", "Q55"),  # Wikidata: United States only
        ("missing", F["danny_okafor"], "P166", "Q15243387"),
    }
    # Okafor's age has no birth date to compare with; the spouse is known to Wikidata;
    # Stam's nationality agrees with Wikidata
    sources = {str(row[result.variables.index("sources")]) for row in result.rows}
    assert sources == {"nl_test.txt"}
