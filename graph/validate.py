"""SHACL validation of a graph against ontology/shapes.ttl (pySHACL).

The shapes (generated from the relation table by `sportkg.graph.shapes`) are
checked on the union of all graphs (entity descriptions of one article and the
KB graph together); warnings (a reference without a date) do not make a graph
non-conforming. SHACL-AF is on: two checks over the whole graph (one main value
per statement node, mistyped Wikidata namespaces) use SPARQL targets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..errors import OntologyError
from .shapes import SHAPES_PATH

if TYPE_CHECKING:
    from rdflib import Graph

    from .kg import KnowledgeGraph


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a SHACL check.

    Attributes:
        conforms: no violations (warnings allowed).
        messages: one line per result: severity, focus node, path and message.
        focus_nodes: number of nodes the shapes targeted.
    """

    conforms: bool
    messages: tuple[str, ...]
    focus_nodes: int


@cache
def _parsed_shapes() -> Graph:
    """The shapes file parsed once per process (never handed out: pySHACL adds to its graph)."""
    from rdflib import Graph

    try:
        return Graph().parse(SHAPES_PATH, format="turtle")
    except Exception as exc:  # rdflib parsers raise many exception types
        raise OntologyError(f"{SHAPES_PATH.name} does not parse: {exc}") from exc


def shapes_graph() -> Graph:
    """The SHACL shapes as a fresh rdflib Graph (a copy of the file parsed once)."""
    from rdflib import Graph

    graph = Graph()
    graph += _parsed_shapes()
    return graph


def validate_graph(data: Graph) -> ValidationReport:
    """Check one rdflib Graph against the shapes; `data` is read, never changed.

    No rules or inference run, so pySHACL validates in place instead of copying `data`.
    """
    import pyshacl
    from rdflib import Graph as RGraph
    from rdflib import URIRef
    from rdflib.namespace import RDF, SH

    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True,
        inplace=True,
    )
    assert isinstance(results, RGraph)
    messages = []
    for result in results.objects(None, SH.result):  # not the nested sh:detail results
        severity = str(results.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1]
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        text = results.value(result, SH.resultMessage)
        messages.append(
            f"{severity}: {focus} {path if isinstance(path, URIRef) else ''}: {text}".replace(
                "  ", " "
            )
        )
    focus_count = len({s for s in data.subjects(RDF.type, None)})
    return ValidationReport(bool(conforms), tuple(sorted(messages)), focus_count)


def validate_kg(kg: KnowledgeGraph) -> ValidationReport:
    """Check a whole knowledge graph (the union of its graphs)."""
    from .export import union_of

    return validate_graph(union_of(kg))
