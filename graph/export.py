"""Exporters: the whole graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD or GraphML.

TriG, N-Quads and JSON-LD keep the named graphs (one per article, plus the KB
graph); Turtle and N-Triples are a flattened view of their union; GraphML is
the NetworkX view of `sportkg.graph.nxgraph`. Exporters are found by name in
the `sportkg.exporters` registry group; each is a small class with `dump`.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from sportkg import registry
from sportkg.errors import ConfigError, ExportError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph
    from sportkg.graph.kg import KnowledgeGraph

CONTEXT_PATH = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"


class Exporter(Protocol):
    """Writes a knowledge graph in one format."""

    name: ClassVar[str]

    def dump(self, kg: KnowledgeGraph, stream: io.BytesIO) -> None:
        """Write the graph to a binary stream."""


def dataset_of(kg: KnowledgeGraph) -> Dataset:
    """The store's quads as an rdflib Dataset with the project's prefixes bound."""
    from rdflib import Dataset
    from sportkg.ontology.namespaces import PREFIXES

    dataset = Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, replace=True)
    for s, p, o, g in kg.store.quads():
        target = dataset.graph(g) if g is not None else dataset.default_graph
        target.add((s, p, o))
    return dataset


def union_of(kg: KnowledgeGraph) -> Graph:
    """All triples of every graph in one rdflib Graph (the flattened view)."""
    from rdflib import Graph
    from sportkg.ontology.namespaces import PREFIXES

    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, replace=True)
    for s, p, o, _ in kg.store.quads():
        graph.add((s, p, o))
    return graph


class _RdflibExporter:
    name: ClassVar[str] = ""
    rdflib_format: ClassVar[str] = ""
    named_graphs: ClassVar[bool] = False

    def dump(self, kg: KnowledgeGraph, stream: io.BytesIO) -> None:
        source: Any = dataset_of(kg) if self.named_graphs else union_of(kg)
        stream.write(source.serialize(format=self.rdflib_format, encoding="utf-8"))


class TurtleExporter(_RdflibExporter):
    """Turtle: the union of all graphs (graph names are not kept)."""

    name = "turtle"
    rdflib_format = "turtle"


class NTriplesExporter(_RdflibExporter):
    """N-Triples: the union of all graphs, one triple per line."""

    name = "ntriples"
    rdflib_format = "nt"


class TrigExporter(_RdflibExporter):
    """TriG: every named graph kept."""

    name = "trig"
    rdflib_format = "trig"
    named_graphs = True


class NQuadsExporter(_RdflibExporter):
    """N-Quads: every named graph kept, one quad per line."""

    name = "nquads"
    rdflib_format = "nquads"
    named_graphs = True


class JsonLdExporter:
    """JSON-LD with the project's context (short keys, typed values), graphs kept."""

    name: ClassVar[str] = "json-ld"

    def dump(self, kg: KnowledgeGraph, stream: io.BytesIO) -> None:
        context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
        data = dataset_of(kg).serialize(format="json-ld", context=context, auto_compact=True,
                                        encoding="utf-8")
        stream.write(data)


class GraphMLExporter:
    """GraphML of the NetworkX view (entities as nodes, one edge per statement)."""

    name: ClassVar[str] = "graphml"

    def dump(self, kg: KnowledgeGraph, stream: io.BytesIO) -> None:
        import networkx as nx
        from sportkg.graph.nxgraph import flat_for_graphml

        nx.write_graphml(flat_for_graphml(kg.to_networkx()), stream, encoding="utf-8")


def exporter(fmt: str) -> Exporter:
    """The exporter for `fmt`.

    Raises:
        ExportError: unknown format (the message lists the available ones).
    """
    try:
        return registry.get("sportkg.exporters", fmt)()  # type: ignore[no-any-return]
    except ConfigError as exc:
        raise ExportError(str(exc)) from exc


def serialize(kg: KnowledgeGraph, fmt: str) -> str:
    """The whole graph as text in `fmt`."""
    stream = io.BytesIO()
    exporter(fmt).dump(kg, stream)
    return stream.getvalue().decode("utf-8")


def dump(kg: KnowledgeGraph, path: Path, fmt: str) -> None:
    """Write the whole graph to `path` in `fmt` (written to a temporary file, then renamed).

    Raises:
        ExportError: unknown format or the file cannot be written.
    """
    chosen = exporter(fmt)
    stream = io.BytesIO()
    chosen.dump(kg, stream)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(stream.getvalue())
        tmp.replace(path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
