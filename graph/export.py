"""Exporters: the whole graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML or GraphML.

TriG, N-Quads and JSON-LD keep the named graphs (one per article, plus the KB
graph); Turtle, N-Triples and RDF/XML are a flattened view of their union; GraphML
is the NetworkX view of `sportkg.graph.nxgraph`. Exporters are found by name in
the `sportkg.exporters` registry group; each is a small class with `dump`.
rdflib's short names (`ttl`, `nt`, `nq`, `jsonld`, `xml`, ...) and file extensions
(`format_for_path`) name the same formats.

Examples:
    >>> format_name("ttl"), format_name("JSONLD"), format_for_path("out/graph.nq")
    ('turtle', 'json-ld', 'nquads')
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar, Protocol, cast

from .. import registry
from ..errors import ConfigError, ExportError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph
    from rdflib.term import IdentifiedNode

    from .stores import StoredGraph

CONTEXT_PATH = Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"

FORMAT_ALIASES: dict[str, str] = {
    "ttl": "turtle",
    "nt": "ntriples",
    "nt11": "ntriples",
    "nq": "nquads",
    "jsonld": "json-ld",
    "rdf": "rdfxml",
    "xml": "rdfxml",
    "rdf/xml": "rdfxml",
    "pretty-xml": "rdfxml",
}
"""Short names (rdflib's and the usual file extensions) of the exporters' formats."""

FORMAT_SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
    ".graphml": "graphml",
}
"""The export format a file extension stands for (as rdflib's `guess_format`)."""


class Exporter(Protocol):
    """Writes a knowledge graph in one format."""

    name: ClassVar[str]

    def dump(self, kg: StoredGraph, stream: io.BytesIO) -> None:
        """Write the graph to a binary stream."""


def dataset_of(kg: StoredGraph) -> Dataset:
    """The store's quads as an rdflib Dataset with the project's prefixes bound."""
    from rdflib import Dataset

    from ..ontology.namespaces import PREFIXES

    dataset = Dataset()
    for prefix, iri in PREFIXES.items():
        dataset.bind(prefix, iri, replace=True)
    for s, p, o, g in kg.store.quads():
        # graph names are IRIs (or blank nodes), never literals
        target = (dataset.graph(cast("IdentifiedNode", g)) if g is not None
                  else dataset.default_graph)
        target.add((s, p, o))
    return dataset


def union_of(kg: StoredGraph) -> Graph:
    """All triples of every graph in one rdflib Graph (the flattened view)."""
    from rdflib import Graph

    from ..ontology.namespaces import PREFIXES

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
    native: ClassVar[bool] = False
    """Whether a store with its own writer (Oxigraph's `dump`) serialises this format."""

    def dump(self, kg: StoredGraph, stream: io.BytesIO) -> None:
        native = getattr(kg.store, "dump", None)
        if self.native and native is not None:
            # Oxigraph's writer streams in linear time; rdflib's Dataset slows down with
            # every graph added (quadratic in the number of articles).
            stream.write(native(self.name))
            return
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
    native = True


class TrigExporter(_RdflibExporter):
    """TriG: every named graph kept."""

    name = "trig"
    rdflib_format = "trig"
    native = True
    named_graphs = True


class NQuadsExporter(_RdflibExporter):
    """N-Quads: every named graph kept, one quad per line."""

    name = "nquads"
    rdflib_format = "nquads"
    native = True
    named_graphs = True


class RdfXmlExporter(_RdflibExporter):
    """RDF/XML: the union of all graphs (graph names are not kept)."""

    name = "rdfxml"
    rdflib_format = "xml"


class JsonLdExporter:
    """JSON-LD with the project's context (short keys, typed values), graphs kept."""

    name: ClassVar[str] = "json-ld"

    def dump(self, kg: StoredGraph, stream: io.BytesIO) -> None:
        context = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
        data = dataset_of(kg).serialize(format="json-ld", context=context, auto_compact=True,
                                        encoding="utf-8")
        stream.write(data)


class GraphMLExporter:
    """GraphML of the NetworkX view (entities as nodes, one edge per statement)."""

    name: ClassVar[str] = "graphml"

    def dump(self, kg: StoredGraph, stream: io.BytesIO) -> None:
        import networkx as nx

        from .nxgraph import flat_for_graphml, to_networkx

        nx.write_graphml(flat_for_graphml(to_networkx(kg)), stream, encoding="utf-8")


def format_name(fmt: str) -> str:
    """The exporter name `fmt` stands for: a registered name or a short alias, in any case.

    Raises:
        ExportError: unknown format (the message lists the names and the short names).
    """
    key = fmt.strip().lower()
    key = FORMAT_ALIASES.get(key, key)
    names = registry.names("sportkg.exporters")
    if key not in names:
        raise ExportError(
            f"Unknown export format {fmt!r}. Available: {', '.join(names)} "
            f"(or the short names {', '.join(FORMAT_ALIASES)})"
        )
    return key


def format_for_path(path: str | Path) -> str | None:
    """The export format the extension of `path` asks for, or None when it names none."""
    return FORMAT_SUFFIXES.get(Path(path).suffix.lower())


def exporter(fmt: str) -> Exporter:
    """The exporter for `fmt` (a name or a short name, see `format_name`).

    Raises:
        ExportError: unknown format (the message lists the available ones).
    """
    try:
        return registry.get("sportkg.exporters", format_name(fmt))()  # type: ignore[no-any-return]
    except ConfigError as exc:
        raise ExportError(str(exc)) from exc


def serialize(kg: StoredGraph, fmt: str) -> str:
    """The whole graph as text in `fmt`."""
    stream = io.BytesIO()
    exporter(fmt).dump(kg, stream)
    return stream.getvalue().decode("utf-8")


def dump(kg: StoredGraph, path: Path, fmt: str) -> None:
    """Write the whole graph to `path` in `fmt` (written to a temporary file, then renamed).

    Raises:
        ExportError: unknown format or the file cannot be written.
    """
    chosen = exporter(fmt)
    with atomic_file(path, "wb") as handle:
        chosen.dump(kg, handle)  # type: ignore[arg-type]


@contextmanager
def atomic_file(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A file to write `path` through: a hidden temporary file in the same folder, moved
    over `path` (`os.replace`) only when the block ends without an error, so `path`
    holds either its old content or the whole new one, never a part.

    Args:
        path: the file to write; its folder is created.
        mode: "w" (UTF-8 text) or "wb".

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     with atomic_file(Path(folder) / "out.txt") as handle:
        ...         _ = handle.write("done")
        ...     (Path(folder) / "out.txt").read_text()
        'done'

    Raises:
        ExportError: the folder or the file cannot be written (naming the file and why).
    """
    import os
    import tempfile

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except (FileExistsError, NotADirectoryError) as exc:
        raise ExportError(f"cannot write {target}: a part of its folder is a file") from exc
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        handle: IO[Any] = (
            os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding="utf-8")
        )
        with handle:
            yield handle
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    import os

    try:
        os.unlink(tmp)
    except OSError:
        pass
