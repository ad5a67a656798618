"""The RDF writer against a hand-written expected graph; literals; IRIs; registry; server."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sportkg import registry
from sportkg.errors import ConfigError, InputError, StoreError
from sportkg.graph import rdf
from sportkg.graph.kg import KnowledgeGraph
from sportkg.graph.literals import from_lexical, literal_nt
from sportkg.model import Entity, Evidence, LiteralValue, Statement

PREFIXES = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix p: <http://www.wikidata.org/prop/> .
@prefix ps: <http://www.wikidata.org/prop/statement/> .
@prefix pq: <http://www.wikidata.org/prop/qualifier/> .
@prefix pqv: <http://www.wikidata.org/prop/qualifier/value/> .
@prefix pr: <http://www.wikidata.org/prop/reference/> .
@prefix sk: <https://w3id.org/sportkg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix wikibase: <http://wikiba.se/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ent: <https://w3id.org/sportkg/entity/> .
"""

SPARQL_PREFIXES = PREFIXES.replace("@prefix", "PREFIX").replace("> .", ">")

EXPECTED_ARTICLE = PREFIXES + """
<https://w3id.org/sportkg/article/h1> a sk:Article ; sk:doc "d1" ; sk:contentHash "h1" ;
    sk:sourceFile "d1.txt" ; sk:sourceKey "KEYVALUE" ; sk:published "2026-02-09"^^xsd:date .
<ST> prov:wasDerivedFrom <REF> ; sk:extractor "t" ; sk:confidence 0.9 .
<REF> a wikibase:Reference ; pr:P577 "2026-02-09T00:00:00Z"^^xsd:dateTime ;
    pr:P1683 "Anna Smit won gold." ; sk:sourceFile "d1.txt" ; sk:start 0 ; sk:end 19 .
"""

EXPECTED_FACTS = PREFIXES + """
ent:anna-smit a sk:Person ; sk:entityType "person" ; rdfs:label "Anna Smit"@mul ;
    skos:prefLabel "Anna Smit"@mul ; schema:name "Anna Smit"@mul ; wdt:P31 wd:Q5 ;
    sk:nameKey "anna smit" .
wd:Q406039 a sk:Award ; sk:entityType "award" ; rdfs:label "gold medal"@en ;
    skos:prefLabel "gold medal"@en ; schema:name "gold medal"@en ; sk:qid "Q406039" .
ent:anna-smit wdt:P166 wd:Q406039 ; p:P166 <ST> .
<ST> a wikibase:Statement, wikibase:BestRank ; wikibase:rank wikibase:NormalRank ;
    ps:P166 wd:Q406039 ; pq:P585 "2026-02-01T00:00:00Z"^^xsd:dateTime ; pqv:P585 <TV> ;
    <https://w3id.org/sportkg/prop/qualifier/date/P585> "2026-02"^^xsd:gYearMonth .
<TV> a wikibase:TimeValue ; wikibase:timeValue "2026-02-01T00:00:00Z"^^xsd:dateTime ;
    wikibase:timePrecision 10 ; wikibase:timeTimezone 0 ; wikibase:timeCalendarModel wd:Q1985727 .
"""


def _fact(confidence: float = 0.9, source: str = "d1.txt") -> Statement:
    anna = Entity("https://w3id.org/sportkg/entity/anna-smit", "Anna Smit", type="person")
    return Statement("d1", "h1", anna, "P166", Entity.from_qid("Q406039", "gold medal", "award"),
                     Evidence(source, "Anna Smit won gold.", 0, 19, "t", "2026-02-09"),
                     confidence, {"P585": LiteralValue("2026-02", "date", "month")})


def _parse(text: str, **nodes: str) -> Graph:
    for name, iri in nodes.items():
        text = text.replace(f"<{name}>", f"<{iri}>").replace(f"{name}VALUE", iri)
    return Graph().parse(data=text, format="turtle")


def test_writer_matches_the_wikidata_model() -> None:
    fact = _fact(source="/some/folder/d1.txt")
    info = rdf.ArticleInfo.from_statement(fact)
    info = rdf.ArticleInfo(info.key, info.doc, info.content_hash, info.source, date="2026-02-09")
    st = rdf.statement_iri(fact)
    ref = rdf.reference_iri(info.key, fact.evidence)
    lines = rdf.article_lines(info, [fact])
    tv = next(line.split()[2][1:-1] for line in lines.shared if "/qualifier/value/P585" in line)
    assert isomorphic(rdf.to_rdflib(lines.article),
                      _parse(EXPECTED_ARTICLE, ST=st, REF=ref, KEY=info.source_key))
    assert isomorphic(rdf.to_rdflib(lines.shared), _parse(EXPECTED_FACTS, ST=st, TV=tv))
    assert "/some/folder" not in "".join(lines.article)
    assert lines.statements == (st,)


def test_iris_are_content_hashes() -> None:
    a, b = _fact(0.9), _fact(0.5)
    other = Statement("d2", "h2", a.subject, a.property, a.value, a.evidence, 0.7,
                      a.qualifiers)
    assert rdf.statement_iri(a) == rdf.statement_iri(b) == rdf.statement_iri(other)
    st = rdf.statement_iri(a)
    assert rdf.reference_iri("h1", a.evidence) != rdf.reference_iri("h2", a.evidence)
    lines = rdf.article_lines(rdf.ArticleInfo.from_statement(a), [a, b])
    confidences = [line for line in lines.article if "confidence" in line]
    assert len(confidences) == 1 and '"0.9"' in confidences[0]  # one reading: the surest
    assert confidences[0].startswith(f"<{st}> ")  # on the statement, in the article graph


def test_statements_of_one_sentence_share_its_reference() -> None:
    """Wikidata shares a reference node between statements whose references are equal: the
    statements read from one sentence cite one reference; each keeps its own reading."""
    a = _fact(0.9)
    other = Statement(a.doc_id, a.article_hash, a.subject, "P27",
                      Entity.from_qid("Q55", "Netherlands", "country"),
                      Evidence(a.evidence.source, a.evidence.sentence, a.evidence.start,
                               a.evidence.end, "other", a.evidence.published), 0.6)
    lines = rdf.article_lines(rdf.ArticleInfo.from_statement(a), [a, other])
    refs = {line.split()[0] for line in lines.article if "#Reference>" in line}
    derived = [line for line in lines.article if "wasDerivedFrom" in line]
    assert len(refs) == 1 and len(derived) == 2
    assert sum("sentence" in line or "P1683" in line for line in lines.article) == 1
    back = rdf.read_statements(rdf.to_rdflib(lines.article), rdf.to_rdflib(lines.shared))
    assert sorted((s.property, s.evidence.extractor, s.confidence) for s in back) == [
        ("P166", "t", 0.9), ("P27", "other", 0.6)]


def test_olympic_medal_is_also_written_as_participation() -> None:
    event = Entity("https://w3id.org/sportkg/entity/event/w1000", "women's 1000 m",
                   type="event")
    fact = _fact()
    fact = Statement(fact.doc_id, fact.article_hash, fact.subject, "P166", fact.value,
                     fact.evidence, 0.9,
                     {"P1344": event, "P585": LiteralValue("2026-02", "date", "month")})
    graph = rdf.to_rdflib(rdf.article_lines(rdf.ArticleInfo.from_statement(fact), [fact]).shared)
    rows = list(graph.query(SPARQL_PREFIXES + """
        SELECT ?event ?medal ?date WHERE {
          ent:anna-smit p:P1344 ?st . ?st ps:P1344 ?event ; pq:P166 ?medal ; pq:P585 ?date ;
              sk:mirrorOf ?primary . ?primary ps:P166 ?medal . ent:anna-smit wdt:P1344 ?event }"""))
    assert [(str(e), str(m)) for e, m, _ in rows] == [(event.iri, fact.value.iri)]  # type: ignore[union-attr]


def test_race_time_is_a_quantity_in_seconds() -> None:
    record = Entity.from_qid("Q1", "world record", "record")
    fact = _fact()
    fact = Statement(fact.doc_id, fact.article_hash, fact.subject, "P1000", record,
                     fact.evidence, 0.9, {"P2781": LiteralValue("1.11,84", "string")})
    lines = rdf.article_lines(rdf.ArticleInfo.from_statement(fact), [fact])
    graph = rdf.to_rdflib(lines.shared)
    (row,) = list(graph.query(SPARQL_PREFIXES + """
        SELECT ?amount ?unit ?written WHERE { ?st pq:P2781 ?amount ; pqv:P2781 ?v .
          ?v wikibase:quantityAmount ?amount ; wikibase:quantityUnit ?unit ;
             sk:asWritten ?written }"""))
    assert (float(row[0]), str(row[1]), str(row[2])) == (
        71.84, "http://www.wikidata.org/entity/Q11574", "1.11,84")
    (back,) = rdf.read_statements(rdf.to_rdflib(lines.article), graph)
    assert back.qualifiers == fact.qualifiers


@pytest.mark.parametrize("value", [
    LiteralValue("2026-02-09", "date", "day"), LiteralValue("2026", "date", "year"),
    LiteralValue(27, "integer"), LiteralValue(0.25, "decimal"), LiteralValue(3, "decimal"),
    LiteralValue(7530.5, "duration"), LiteralValue(-5, "duration"),
    LiteralValue('say "hi"\n', "string"),
])
def test_literals_round_trip(value: LiteralValue) -> None:
    term = Graph().parse(data=f"<http://a> <http://b> {literal_nt(value)} .", format="nt")
    (obj,) = list(term.objects())
    back = from_lexical(str(obj), str(obj.datatype) if obj.datatype else None)
    assert back == value


def test_bad_literal_and_iri() -> None:
    with pytest.raises(InputError, match="not a valid"):
        from_lexical("9 feb", "http://www.w3.org/2001/XMLSchema#integer")
    with pytest.raises(InputError, match="not a valid absolute IRI"):
        rdf.article_lines(rdf.ArticleInfo("k", "d"), [Statement(
            "d", "k", Entity("no scheme", "X", type="person"), "P27",
            Entity.from_qid("Q55", "Netherlands", "country"),
            Evidence("d.txt", "x", 0, 1, "t"))])


def test_registry_lists_and_rejects(monkeypatch: pytest.MonkeyPatch) -> None:
    import copy

    monkeypatch.setattr(registry, "_BUILTINS", copy.deepcopy(registry._BUILTINS))
    assert registry.names("sportkg.stores") == ["memory", "oxigraph", "sparql"]
    with pytest.raises(ConfigError, match="Unknown store backend 'x'. Available: memory"):
        registry.get("sportkg.stores", "x")
    registry.register("sportkg.exporters", "nt-again", "sportkg.graph.export:NTriplesExporter")
    assert "nt-again" in registry.names("sportkg.exporters")


def test_corrupt_store_is_a_store_error(tmp_path: Path) -> None:
    store = tmp_path / "st"
    store.mkdir()
    (store / "CURRENT").write_text("garbage\n", encoding="utf-8")
    with pytest.raises(StoreError, match=str(store)):
        KnowledgeGraph.open("oxigraph", path=store)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not an Oxigraph store"):
        KnowledgeGraph.open("oxigraph", path=tmp_path / "other")
