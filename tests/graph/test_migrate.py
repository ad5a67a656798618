"""A store in an older layout (each article graph holding its own statements, or a reference
per statement) is refused with a clear message, and `sportkg migrate` converts it keeping
every fact."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from sportkg.errors import StoreError
from sportkg.graph import rdf
from sportkg.graph.kg import KnowledgeGraph
from sportkg.graph.migrate import migrate
from sportkg.model import LiteralValue

from ..conftest import migrated_in_place

OLD_ARTICLE = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix sk: <https://w3id.org/sportkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ent: <https://w3id.org/sportkg/entity/> .

<https://w3id.org/sportkg/article/h1> a sk:Article ; sk:doc "d1" ; sk:contentHash "h1" ;
    sk:sourceFile "/data/news/d1.txt" ; sk:published "2026-02-09"^^xsd:date .
ent:anna-smit a sk:Person ; sk:entityType "person" ; rdfs:label "Anna Smit"@en ;
    schema:name "Anna Smit" ; wdt:P31 wd:Q5 .
wd:Q406039 a sk:Award ; sk:entityType "award" ; rdfs:label "gold medal"@en ;
    schema:name "gold medal" ; sk:qid "Q406039" .
ent:anna-smit wdt:P166 wd:Q406039 ; p:P166 <https://w3id.org/sportkg/statement/s1> .
<https://w3id.org/sportkg/statement/s1> a wikibase:Statement ; ps:P166 wd:Q406039 ;
    pq:P585 "2026-02"^^xsd:gYearMonth ; sk:confidence 0.9 ;
    prov:wasDerivedFrom <https://w3id.org/sportkg/reference/r1> .
<https://w3id.org/sportkg/reference/r1> a wikibase:Reference ;
    sk:sourceFile "/data/news/d1.txt" ; sk:published "2026-02-09"^^xsd:date ;
    sk:sentence "Anna Smit won gold." ; sk:start 0 ; sk:end 19 ; sk:extractor "t" ;
    sk:confidence 0.9 .
"""


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A store at `tmp_path / "store"` holding one article graph as sportkg 0.1 wrote it."""
    store = tmp_path / "store"
    lines = Graph().parse(data=OLD_ARTICLE, format="turtle").serialize(format="nt")
    with KnowledgeGraph.open("oxigraph", path=store, check_layout=False) as kg:
        kg.store.write("https://w3id.org/sportkg/article/h1",
                       [line for line in lines.splitlines() if line.strip()])
    return store


def test_old_layout_is_refused_then_migrated_keeping_every_fact(old_store: Path) -> None:
    with pytest.raises(StoreError, match="sportkg migrate --store"):
        KnowledgeGraph.open("oxigraph", path=old_store)
    result = migrate(old_store)
    assert (result.articles, result.statements) == (1, 1)
    assert result.backup == old_store.with_name("store.old-layout") and result.backup.is_dir()
    with KnowledgeGraph.open("oxigraph", path=old_store) as kg:
        (fact,) = kg.statements()
        assert (fact.subject.label, fact.property, fact.value.label) == (  # type: ignore[union-attr]
            "Anna Smit", "P166", "gold medal")
        assert fact.qualifiers == (("P585", LiteralValue("2026-02", "date", "month")),)
        assert (fact.evidence.sentence, fact.evidence.published) == (
            "Anna Smit won gold.", "2026-02-09")
        assert fact.confidence == 0.9
        assert kg.stats()["statements"] == 1
        assert not kg.old_layout()
        text = "\n".join(f"{s} {p} {o}" for s, p, o, _ in kg.store.quads())
        assert "/data/news" not in text  # no local paths in the graph any more
    with pytest.raises(StoreError, match="already in the current layout"):
        migrate(old_store)


def test_migrate_refuses_to_overwrite_an_earlier_backup(old_store: Path) -> None:
    old_store.with_name("store.old-layout").mkdir()
    with pytest.raises(StoreError, match="earlier migration"):
        migrate(old_store)
    with KnowledgeGraph.open("oxigraph", path=old_store, check_layout=False) as kg:
        assert kg.old_layout()  # untouched


LAYOUT_2 = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pr: <http://www.wikidata.org/prop/reference/> .
@prefix sk: <https://w3id.org/sportkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ent: <https://w3id.org/sportkg/entity/> .
@prefix st: <https://w3id.org/sportkg/statement/> .
@prefix ref: <https://w3id.org/sportkg/reference/> .
@prefix art: <https://w3id.org/sportkg/article/> .

<https://w3id.org/sportkg/facts> {
  <https://w3id.org/sportkg/facts> sk:layout "2" .
  ent:anna-smit a sk:Person ; sk:entityType "person" ; schema:name "Anna Smit"@mul ;
      rdfs:label "Anna Smit"@mul ; wdt:P31 wd:Q5 .
  wd:Q406039 a sk:Award ; sk:entityType "award" ; schema:name "gold medal"@en ;
      sk:qid "Q406039" .
  wd:Q55 a sk:Country ; sk:entityType "country" ; schema:name "Netherlands"@en ;
      sk:qid "Q55" .
  ent:anna-smit wdt:P166 wd:Q406039 ; p:P166 st:s1 ; wdt:P27 wd:Q55 ; p:P27 st:s2 .
  st:s1 a wikibase:Statement, wikibase:BestRank ; wikibase:rank wikibase:NormalRank ;
      ps:P166 wd:Q406039 .
  st:s2 a wikibase:Statement, wikibase:BestRank ; wikibase:rank wikibase:NormalRank ;
      ps:P27 wd:Q55 .
}
art:h1 {
  art:h1 a sk:Article ; sk:doc "d1" ; sk:contentHash "h1" ; sk:sourceFile "d1.txt" ;
      sk:published "2026-02-09"^^xsd:date .
  st:s1 prov:wasDerivedFrom ref:r1 .
  st:s2 prov:wasDerivedFrom ref:r2 .
  ref:r1 a wikibase:Reference ; pr:P577 "2026-02-09T00:00:00Z"^^xsd:dateTime ;
      pr:P1683 "Anna Smit won gold for the Netherlands." ; sk:sourceFile "d1.txt" ;
      sk:start 0 ; sk:end 39 ; sk:extractor "medals" ; sk:confidence 0.9 .
  ref:r2 a wikibase:Reference ; pr:P577 "2026-02-09T00:00:00Z"^^xsd:dateTime ;
      pr:P1683 "Anna Smit won gold for the Netherlands." ; sk:sourceFile "d1.txt" ;
      sk:start 0 ; sk:end 39 ; sk:extractor "people" ; sk:confidence 0.6 .
}
"""


def test_layout_2_is_refused_then_migrated_to_one_reference_per_sentence(tmp_path: Path) -> None:
    from pyoxigraph import RdfFormat
    from rdflib import Dataset

    store = tmp_path / "store"
    with KnowledgeGraph.open("oxigraph", path=store, check_layout=False) as kg:
        kg.store._store.load(  # type: ignore[attr-defined]
            Dataset().parse(data=LAYOUT_2, format="trig").serialize(format="nquads").encode(),
            format=RdfFormat.N_QUADS)
    with pytest.raises(StoreError, match="layout 2"):
        KnowledgeGraph.open("oxigraph", path=store)
    result = migrate(store)
    assert (result.articles, result.statements) == (1, 2)
    with KnowledgeGraph.open("oxigraph", path=store) as kg:
        read = sorted((s.property, s.evidence.extractor, s.confidence, s.evidence.sentence)
                      for s in kg.statements())
        assert read == [("P166", "medals", 0.9, "Anna Smit won gold for the Netherlands."),
                        ("P27", "people", 0.6, "Anna Smit won gold for the Netherlands.")]
        assert kg.stats()["references"] == 1  # one sentence, one reference
        assert kg.layout() == rdf.LAYOUT


def _to_layout_4(kg: KnowledgeGraph) -> None:
    """Take from a store what layout 5 added: each date in one literal; mark it layout 4."""
    from sportkg.ontology import namespaces as ns

    kg.store.update(
        f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f"FILTER(STRSTARTS(STR(?p), \"{ns.SKPSD_IRI}\") "
        f"|| STRSTARTS(STR(?p), \"{ns.SKPQD_IRI}\")) }} ;\n{rdf.mark_layout_text(kg.base, '4')}")


def _dates(kg: KnowledgeGraph) -> set[tuple[str, str, str]]:
    from sportkg.ontology import namespaces as ns

    rows = kg.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{kg.facts_graph}> {{ ?s ?p ?o }} "
        f"FILTER(STRSTARTS(STR(?p), \"{ns.SKP_IRI}\") && CONTAINS(STR(?p), \"/date/\")) }}").rows
    return {(str(s), str(p), o.n3()) for s, p, o in rows}  # type: ignore[union-attr]


def test_layout_4_gets_its_dates_in_place_as_the_writer_writes_them(
        make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    for article, facts in sample_articles:
        kg.add_article(article, facts)
    written = _dates(kg)
    assert any(p.endswith("/statement/date/P569") and o.endswith("#gYear>")
               for _, p, o in written)  # a date of birth known to the year
    assert any(p.endswith("/qualifier/date/P585") and o.endswith("#date>")
               for _, p, o in written)
    _to_layout_4(kg)
    assert _dates(kg) == set() and kg.layout() == "4"
    assert kg.upgrade() == ("each date at its precision",)
    assert _dates(kg) == written
    assert kg.layout() == rdf.LAYOUT and not kg.old_layout()


def test_layout_4_is_refused_then_upgraded_by_migrate(
        tmp_path: Path, cli, sample_articles) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    with KnowledgeGraph.open("oxigraph", path=store) as kg:
        for article, facts in sample_articles:
            kg.add_article(article, facts)
        written = _dates(kg)
        _to_layout_4(kg)
    migrated_in_place(cli, store, r"layout 4: without each date.*sportkg migrate --store"
                                  r".*in place", "added each date at its precision to")
    with KnowledgeGraph.open("oxigraph", path=store) as kg:
        assert _dates(kg) == written
        assert len(list(kg.statements())) == sum(len(facts) for _, facts in sample_articles)
