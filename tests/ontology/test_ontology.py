"""The ontology file agrees with the relation table; the shapes accept and reject graphs."""

from __future__ import annotations

import json

import pyoxigraph
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from sportkg.graph.export import CONTEXT_PATH
from sportkg.graph.kg import KnowledgeGraph
from sportkg.graph.ontology import TTL_PATH, ontology_graph
from sportkg.graph.validate import validate_graph, validate_kg
from sportkg.ontology import namespaces as ns
from sportkg.ontology.relations import RELATIONS


def test_shipped_ttl_is_the_table() -> None:
    shipped = Graph().parse(TTL_PATH, format="turtle")
    assert isomorphic(shipped, ontology_graph()), (
        "ontology/sportkg.ttl is stale: python -m sportkg.graph.ontology > ontology/sportkg.ttl"
    )


def test_every_relation_has_both_labels_and_its_alignment() -> None:
    graph = Graph().parse(TTL_PATH, format="turtle")
    for relation in RELATIONS.values():
        term = ns.direct(relation.key)
        assert (term, RDFS.label, Literal(relation.label_en, lang="en")) in graph
        assert (term, RDFS.label, Literal(relation.label_nl, lang="nl")) in graph
        if relation.symmetric:
            assert (term, RDF.type, OWL.SymmetricProperty) in graph
    won = URIRef(ns.SK_IRI + "won")
    assert (won, OWL.inverseOf, URIRef(ns.WDT_IRI + "P1346")) in graph
    engaged = URIRef(ns.SK_IRI + "engagedTo")
    assert (engaged, SKOS.closeMatch, URIRef(ns.WDT_IRI + "P451")) in graph


def test_every_sk_term_the_writer_uses_is_declared() -> None:
    graph = Graph().parse(TTL_PATH, format="turtle")
    declared = {str(s) for s in graph.subjects(RDFS.label, None)}
    missing = [t for t in ns.SK_TERMS if ns.SK_IRI + t not in declared]
    assert missing == []


def test_ttl_parses_with_a_second_parser() -> None:
    quads = list(pyoxigraph.parse(path=str(TTL_PATH), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(TTL_PATH, format="turtle"))


def test_context_is_json_with_all_prefixes() -> None:
    context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    for prefix, iri in ns.PREFIXES.items():
        if prefix in context:
            assert context[prefix] == iri
    assert context["confidence"]["@id"] == "sk:confidence"


def test_built_graph_conforms(sample_articles) -> None:  # type: ignore[no-untyped-def]
    with KnowledgeGraph.open("memory") as kg:
        for article, facts in sample_articles:
            kg.add_article(article, facts)
        report = validate_kg(kg)
    assert report.conforms, report.messages


def _graph(sample_articles) -> Graph:  # type: ignore[no-untyped-def]
    from sportkg.graph.export import union_of

    kg = KnowledgeGraph.open("memory")
    for article, facts in sample_articles:
        kg.add_article(article, facts)
    return union_of(kg)


def violations(graph: Graph) -> str:
    """The SHACL messages of a graph that must not conform, one per line."""
    report = validate_graph(graph)
    assert not report.conforms
    return "\n".join(report.messages)


def test_statement_without_reference_or_with_two_values_violates(sample_articles) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(sample_articles)
    st = next(graph.subjects(RDF.type, URIRef(ns.WIKIBASE_IRI + "Statement")))
    graph.remove((st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    graph.add((st, URIRef(ns.PS_IRI + "P166"), URIRef(ns.WD_IRI + "Q406039")))
    graph.add((st, URIRef(ns.PS_IRI + "P27"), URIRef(ns.WD_IRI + "Q55")))
    text = violations(graph)
    assert "reference" in text and "exactly one main value" in text


def test_untyped_date_and_untyped_person_violate(sample_articles) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(sample_articles)
    sanne = URIRef("https://w3id.org/sportkg/entity/sanne-bakker")
    graph.remove((sanne, URIRef(ns.WDT_IRI + "P31"), None))
    st = next(graph.subjects(URIRef(ns.PQ_IRI + "P585"), None))
    graph.set((st, URIRef(ns.PQ_IRI + "P585"), Literal("9 februari 2026")))
    text = violations(graph)
    assert "human" in text and "P585" in text


def test_missing_date_is_only_a_warning() -> None:
    from sportkg.model import Article, Entity, Evidence, Statement

    article = Article("undated", "Anna Smit skates.", "en", None, "undated.txt")
    anna = Entity("https://w3id.org/sportkg/entity/anna-smit", "Anna Smit", type="person")
    fact = Statement("undated", article.hash, anna, "P641",
                     Entity.from_qid("Q192431", "speed skating", "sport"),
                     Evidence("undated.txt", article.text, 0, 17, "x"), 0.8)
    with KnowledgeGraph.open("memory") as kg:
        kg.add_article(article, [fact])
        report = validate_kg(kg)
    assert report.conforms
    assert any(m.startswith("Warning") for m in report.messages)


def test_a_team_typed_as_human_or_a_person_as_a_team_violates(sample_articles) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(sample_articles)
    human = URIRef(ns.WD_IRI + "Q5")
    club = URIRef("https://w3id.org/sportkg/entity/fc-voorbeeld")
    graph.add((club, RDF.type, URIRef(ns.SK_IRI + "Team")))
    graph.add((club, URIRef(ns.WDT_IRI + "P31"), human))
    sanne = URIRef("https://w3id.org/sportkg/entity/sanne-bakker")
    graph.add((sanne, URIRef(ns.WDT_IRI + "P54"), sanne))
    text = violations(graph)
    assert "cannot be typed as human" in text and "cannot be a person" in text


def test_a_person_in_a_team_conforms(sample_articles) -> None:  # type: ignore[no-untyped-def]
    graph = _graph(sample_articles)
    club = URIRef("https://w3id.org/sportkg/entity/fc-voorbeeld")
    graph.add((club, RDF.type, URIRef(ns.SK_IRI + "Team")))
    sanne = URIRef("https://w3id.org/sportkg/entity/sanne-bakker")
    graph.add((sanne, URIRef(ns.WDT_IRI + "P54"), club))
    assert validate_graph(graph).conforms
