"""The NetworkX view: entity nodes, one edge per statement, filters by property and persons."""

from __future__ import annotations

import pytest

from sportkg.errors import OntologyError
from sportkg.graph.kg import KnowledgeGraph

E = "https://w3id.org/sportkg/entity/"


@pytest.fixture
def kg(sample_articles):  # type: ignore[no-untyped-def]
    with KnowledgeGraph.open("memory") as graph:
        for article, facts in sample_articles:
            graph.add_article(article, facts)
        yield graph


def test_nodes_and_edges(kg) -> None:  # type: ignore[no-untyped-def]
    nxg = kg.to_networkx()
    assert nxg.nodes[E + "sanne-bakker"]["label"] == "Sanne Bakker"
    assert nxg.nodes[E + "sanne-bakker"]["type"] == "person"
    assert nxg.nodes[E + "lena-hartmann"]["qid"] == "Q4630399"
    assert nxg.nodes["http://www.wikidata.org/entity/Q55"]["qid"] == "Q55"
    # literal facts are node attributes, not nodes
    assert nxg.nodes[E + "ruth-okafor"]["P569"] == "1999"
    entity_facts = [s for _, facts in kg_facts(kg) for s in facts]
    assert nxg.number_of_edges() == len(entity_facts)
    (edge,) = [d for _, v, d in nxg.out_edges(E + "sanne-bakker", data=True)
               if d["property"] == "P166"]
    assert edge["label"] == "award received"
    assert edge["qualifiers"] == {"P1344": "women's 1000 m, 2026 Winter Olympics",
                                  "P276": "Milan", "P585": "2026-02-09"}
    assert edge["confidence"] == pytest.approx(0.92) and edge["sources"] == ["nl_sanne.txt"]


def kg_facts(kg):  # type: ignore[no-untyped-def]
    from sportkg.model import Entity

    facts = [s for s in kg.statements() if isinstance(s.value, Entity)]
    return [(None, facts)]


def test_filters(kg) -> None:  # type: ignore[no-untyped-def]
    people = kg.to_networkx(persons_only=True)
    assert set(people.nodes) == {E + "sanne-bakker", E + "tom-visser", E + "ruth-okafor",
                                 E + "lena-hartmann"}
    assert sorted(d["property"] for _, _, d in people.edges(data=True)) == [
        "sk:defeated", "sk:engagedTo"]
    won = kg.to_networkx(properties=["sk:won"])
    assert {d["property"] for _, _, d in won.edges(data=True)} == {"sk:won"}
    assert won.number_of_edges() == 2
    with pytest.raises(OntologyError, match="Unknown property 'P9'"):
        kg.to_networkx(properties=["P9"])


def test_value_rows_give_iris_as_text_and_literals_as_terms() -> None:
    from rdflib import Literal

    from sportkg.graph.stores import OxigraphStore

    store = OxigraphStore.open()
    store.write("http://example.org/g", ['<http://example.org/a> <http://example.org/p> "x"@nl .',
                                         "<http://example.org/a> <http://example.org/q> "
                                         "<http://example.org/b> ."])
    rows = sorted(store.value_rows(
        "SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/r> ?none } }"),
        key=str)
    assert rows == [("http://example.org/a", "http://example.org/b", None),
                    ("http://example.org/a", Literal("x", lang="nl"), None)]
    assert all(type(row[0]) is str for row in rows)
