"""Every exporter round-trips through a second parser: pyoxigraph for RDF, networkx for GraphML."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from sportkg import registry
from sportkg.errors import ExportError
from sportkg.graph.export import dataset_of, union_of
from sportkg.graph.kg import KnowledgeGraph

RDF_FORMATS = {
    "turtle": pyoxigraph.RdfFormat.TURTLE,
    "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "nquads": pyoxigraph.RdfFormat.N_QUADS,
    "json-ld": pyoxigraph.RdfFormat.JSON_LD,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}
NAMED = {"trig", "nquads", "json-ld"}


@pytest.fixture
def kg(sample_articles):  # type: ignore[no-untyped-def]
    with KnowledgeGraph.open("oxigraph") as graph:
        for article, facts in sample_articles:
            graph.add_article(article, facts)
        graph.add_kb('<http://www.wikidata.org/entity/Q55> '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "Nederland"@nl .')
        yield graph


def _to_rdflib(quads: list[pyoxigraph.Quad], named: bool) -> Graph:
    """pyoxigraph quads as an rdflib Graph (graph names folded into a 4th-position-free view)."""
    from sportkg.graph.stores import _from_ox

    graph = Graph()
    for quad in quads:
        graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    return graph


def test_every_registered_exporter_is_tested() -> None:
    assert set(registry.names("sportkg.exporters")) == {*RDF_FORMATS, "graphml"}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_export_parses_back_isomorphic(kg, fmt: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"graph.{fmt}"
    kg.dump(path, fmt)
    quads = list(pyoxigraph.parse(path=str(path), format=RDF_FORMATS[fmt]))
    assert isomorphic(_to_rdflib(quads, fmt in NAMED), union_of(kg))
    if fmt in NAMED:
        names = {q.graph_name.value for q in quads
                 if isinstance(q.graph_name, pyoxigraph.NamedNode)}
        assert names == set(kg.store.graphs())
        assert kg.kb_graph in names
        expected = dataset_of(kg)
        for name in names:
            per_graph = Graph()
            from sportkg.graph.stores import _from_ox

            for q in quads:
                if isinstance(q.graph_name, pyoxigraph.NamedNode) and q.graph_name.value == name:
                    per_graph.add((_from_ox(q.subject), _from_ox(q.predicate),
                                   _from_ox(q.object)))
            from rdflib import URIRef

            assert isomorphic(per_graph, expected.graph(URIRef(name)))
    else:
        assert all(isinstance(q.graph_name, pyoxigraph.DefaultGraph) for q in quads)


def test_json_ld_uses_the_context(kg) -> None:  # type: ignore[no-untyped-def]
    text = kg.serialize("json-ld")
    assert '"@context"' in text and '"confidence"' in text and '"sourceFile"' in text


def test_serialize_equals_dump(kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kg.dump(tmp_path / "g.nq", "nquads")
    lines = sorted((tmp_path / "g.nq").read_text(encoding="utf-8").splitlines())
    assert lines == sorted(kg.serialize("nquads").splitlines())
    ds = Dataset()
    ds.parse(data=kg.serialize("nquads"), format="nquads")
    assert len(ds.default_graph) == 0  # every triple is in a named graph


def test_graphml_parses_back_with_networkx(kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.graphml"
    kg.dump(path, "graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    view = kg.to_networkx()
    assert set(back.nodes) == set(view.nodes)
    assert back.number_of_edges() == view.number_of_edges()
    sanne = "https://w3id.org/sportkg/entity/sanne-bakker"
    assert back.nodes[sanne]["label"] == "Sanne Bakker"
    edges = [d for _, _, d in back.out_edges(sanne, data=True) if d["property"] == "P166"]
    assert len(edges) == 1 and '"P276": "Milan"' in edges[0]["qualifiers"]


def test_unknown_format_and_unwritable_path(kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExportError, match="Unknown export format 'tutle'. Available: graphml"):
        kg.serialize("tutle")
    (tmp_path / "dir").mkdir()
    with pytest.raises(ExportError, match="cannot write"):
        kg.dump(tmp_path / "dir", "turtle")
