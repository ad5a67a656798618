"""The three store backends behind one small protocol: oxigraph (default), memory, sparql.

- `OxigraphStore`: embedded Oxigraph on disk through pyoxigraph; survives restarts;
  one process may write a directory at a time (a second one gets a clear error).
- `MemoryStore`: an rdflib `Dataset` in memory, for tests and notebooks.
- `SparqlStore`: any SPARQL 1.1 Query + Update endpoint through SPARQLWrapper.

Every store answers queries over the union of its named graphs by default (the
sparql backend expects an endpoint configured that way, as `oxigraph serve
--union-default-graph` or Fuseki's `unionDefaultGraph`), and writes an
article's graph in one transaction: drop the old graphs, insert the new lines.
Stores are found by name through `sportkg.registry` (entry-point group
`sportkg.stores`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast, runtime_checkable

from ..errors import ConfigError, InputError, QueryError, StoreError
from . import bindings as _bindings
from .literals import iri_nt
from .results import QueryResult

if TYPE_CHECKING:
    from rdflib.query import ResultRow
    from rdflib.term import Node

Triple = tuple["Node", "Node", "Node"]
Cell = tuple[str, str]
"""A term as (its text: an IRI's or literal's lexical form, what ORDER BY compares; its
SPARQL form, to write it back into a query)."""
TextRows = tuple[tuple[str, ...], list[tuple[Cell | None, ...]]]
"""A SELECT's variables and its rows of cells."""
Quad = tuple["Node", "Node", "Node", "Node | None"]
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class GraphWrite:
    """One named graph to write: drop `drop` (and the graph itself when `replace`), add `lines`."""

    graph: str
    lines: tuple[str, ...]
    drop: tuple[str, ...] = ()
    replace: bool = True


@runtime_checkable
class Store(Protocol):
    """What the knowledge graph needs from a backend."""

    name: ClassVar[str]

    def write(self, graph: str, lines: Sequence[str], *, drop: Sequence[str] = (),
              replace: bool = True) -> None:
        """In one transaction: drop `drop` (and `graph` if `replace`), insert `lines` in `graph`."""

    def write_many(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Apply several graph writes in one transaction (`bulk`: fast, not transactional)."""

    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of the named graphs."""

    def select_texts(self, sparql: str) -> TextRows:
        """Run a SELECT; each cell as (its text, its SPARQL form), None when unbound."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction)."""

    def triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph."""

    def quads(self) -> Iterator[Quad]:
        """Every quad (graph None for the default graph)."""

    def graphs(self) -> list[str]:
        """The names of the named graphs."""

    def close(self) -> None:
        """Release the store."""


class StoredGraph(Protocol):
    """A store with the IRI of its shared facts graph: what the NetworkX view and the
    exporters read. `KnowledgeGraph` is one; they are typed by this protocol so that they
    need not import the knowledge graph, whose methods call them."""

    @property
    def store(self) -> Store:
        """The store holding the article graphs and the facts graph."""

    @property
    def facts_graph(self) -> str:
        """The IRI of the graph holding entity descriptions and statement nodes."""


def _drops(writes: Sequence[GraphWrite]) -> list[str]:
    return list(dict.fromkeys(
        g for w in writes for g in (*w.drop, *([w.graph] if w.replace else []))
    ))


def _update_text(writes: Sequence[GraphWrite]) -> str:
    """One SPARQL update: drop the graphs to replace, then insert every graph's lines."""
    parts = [f"DROP SILENT GRAPH {iri_nt(g)}" for g in _drops(writes)]
    body = "\n".join(
        f"GRAPH {iri_nt(w.graph)} {{\n" + "\n".join(w.lines) + "\n}" for w in writes if w.lines
    )
    if body:
        parts.append(f"INSERT DATA {{\n{body}\n}}")
    return " ;\n".join(parts)


def nquads(writes: Sequence[GraphWrite]) -> bytes:
    """The lines of every write as one N-Quads buffer (each graph's name put in each line).

    A line is an N-Triples statement ending in " ."; no term holds a line break (the writer
    escapes them), so " .\n" ends a line and nowhere else.
    """
    parts = []
    for write in writes:
        if write.lines:
            text = "\n".join(write.lines) + "\n"
            parts.append(text.replace(" .\n", f" {iri_nt(write.graph)} .\n"))
    return "".join(parts).encode("utf-8")


_FORM_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\s]*>|#[^\n]*"
)
_FORM = re.compile(r"(?<![?$\w])(SELECT|CONSTRUCT|DESCRIBE|ASK)(?!\w)", re.IGNORECASE)


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first form keyword outside strings and comments.

    Examples:
        >>> query_form('# describes things\\nPREFIX a: <http://x#> SELECT ?described WHERE {}')
        'SELECT'
    """
    found = _FORM.search(_FORM_NOISE.sub(" ", text))
    return found.group(1).upper() if found else "SELECT"


@contextmanager
def _as_written() -> Iterator[None]:
    """Keep literals as written while rdflib parses ("…T00:00:00Z", not "…+00:00")."""
    import rdflib

    before = rdflib.NORMALIZE_LITERALS
    rdflib.NORMALIZE_LITERALS = False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before


MAX_NESTING = 200
"""Deepest nesting of ( [ { a query may have; deeper ones would exhaust an engine's stack."""

_OPEN, _CLOSE = "([{", ")]}"


def check_nesting(text: str, *, limit: int = MAX_NESTING) -> None:
    """Refuse a query nested deeper than `limit` brackets and braces (strings, IRIs and
    comments aside) before it reaches an engine, whose parser could crash on it.

    Examples:
        >>> check_nesting("SELECT * WHERE { { ?s ?p '{{{' } }")
        >>> check_nesting("ASK " + "{" * 300 + "}" * 300)
        Traceback (most recent call last):
        ...
        sportkg.errors.QueryError: query is nested 300 levels deep (line 1); the limit is 200

    Raises:
        QueryError: naming the depth and the line where it passes the limit.
    """
    if _deepest(text, blanked=_FORM_NOISE.sub(" ", text)) <= limit:
        return  # the common case, without the line numbers (a page's VALUES blocks of 1,000
        # rows made the exact pass take 59 ms of a `disagreements` page)
    depth = 0
    for line_number, line in enumerate(_FORM_NOISE.sub(_blank, text).split("\n"), start=1):
        for char in line:
            if char in _OPEN:
                depth += 1
                if depth > limit:
                    deepest = _deepest(text)
                    raise QueryError(
                        f"query is nested {deepest} levels deep (line {line_number}); "
                        f"the limit is {limit}"
                    )
            elif char in _CLOSE:
                depth -= 1


def _blank(match: re.Match[str]) -> str:
    """A string, IRI or comment replaced by spaces, its line breaks kept."""
    return re.sub(r"[^\n]", " ", match.group())


_NOT_A_BRACKET = re.compile(r"[^()\[\]{}]+")


def _deepest(text: str, *, blanked: str | None = None) -> int:
    """How deep the brackets of `text` nest (strings, IRIs and comments aside); `blanked` is
    the text with those already taken out."""
    if blanked is None:
        blanked = _FORM_NOISE.sub(" ", text)
    depth = deepest = 0
    for char in _NOT_A_BRACKET.sub("", blanked):
        if char in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


# ------------------------------------------------------------------------------- oxigraph


@lru_cache(maxsize=1 << 16)
def _uri(value: str) -> Node:
    from rdflib import URIRef

    return URIRef(value)


@lru_cache(maxsize=1 << 16)
def _literal(value: str, datatype: str, language: str | None) -> Node:
    from rdflib import Literal as RLiteral
    from rdflib import URIRef

    if language:
        return RLiteral(value, lang=language)
    if datatype == XSD_STRING:
        return RLiteral(value)
    # as written: rdflib would rewrite "…T00:00:00Z" as "…T00:00:00+00:00"
    return RLiteral(value, datatype=URIRef(datatype), normalize=False)


@lru_cache(maxsize=1)
def _ox_kinds() -> tuple[type, type, type, type]:
    from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode

    return NamedNode, Literal, BlankNode, DefaultGraph


def _from_ox(term: Any) -> Node | None:
    """A pyoxigraph term as an rdflib term (IRIs and literals cached: rows repeat them)."""
    named, literal, blank, default = _ox_kinds()
    kind = type(term)
    if kind is named:
        return _uri(term.value)
    if kind is literal:
        return _literal(term.value, term.datatype.value, term.language)
    if term is None or kind is default:
        return None
    if kind is blank:
        from rdflib import BNode

        return BNode(term.value)
    raise StoreError(f"unsupported RDF term {term!r}")


def texts_of(result: QueryResult) -> TextRows:
    """A query result's rows as cells (the stores whose terms are rdflib's)."""
    written: dict[Node, Cell] = {}

    def cell(term: Node | None) -> Cell | None:
        if term is None:
            return None
        found = written.get(term)
        if found is None:
            found = written[term] = (str(term), term.n3())
        return found

    return result.variables, [tuple(map(cell, row)) for row in result.rows]


class _ChunkReader:
    """A binary file over an iterator of byte chunks, for a loader that reads a file.

    An exception raised by the iterator is kept (`error`) and ends the file, so what was
    read before it is still loaded; the caller raises it afterwards.
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        self._chunk = memoryview(b"")
        self._at = 0
        self.error: BaseException | None = None

    def _next(self) -> bool:
        if self.error is not None:
            return False
        try:
            self._chunk, self._at = memoryview(next(self._chunks)), 0
        except StopIteration:
            return False
        except Exception as exc:  # kept and raised by the caller once the loader is done
            self.error = exc
            return False
        return True

    def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes (all that is left when `size` < 0); b"" at the end."""
        parts: list[bytes] = []
        wanted = size if size >= 0 else None
        while wanted is None or wanted > 0:
            if self._at >= len(self._chunk) and not self._next():
                break
            end = len(self._chunk) if wanted is None else min(len(self._chunk),
                                                               self._at + wanted)
            parts.append(bytes(self._chunk[self._at:end]))
            if wanted is not None:
                wanted -= end - self._at
            self._at = end
        return b"".join(parts)


REOPEN_WRITES = 500
"""Transactional writes after which a writer on disk closes and opens its store again.

RocksDB under Oxigraph keeps block caches (a 32 MB one shared by most column families and
a 128 MB one, as the store's `LOG` lists them) and the index and filter blocks of every
file it has read; pyoxigraph sets no limit of its own on them. They fill with the writer's
reads of a growing store (people matching, sweeps, ranks), about 45 MB per 1,000 articles
of `sportkg build`. Opening the store again empties them; every 500 writes costs well
under a second per 500 articles."""


def _guard(location: Path) -> int:
    """Take the writer's lock on a store directory: `flock` on the directory itself.

    RocksDB's own lock (its `LOCK` file) is let go whenever the store is closed, also
    when the writer opens it again (`OxigraphStore.reopen`); this lock is held from open
    to close, so no other sportkg writer can take the store in between. (It is a lock
    of its own: POSIX record locks, RocksDB's kind, belong to the process and go when any
    of its descriptors of the file is closed.)

    Raises:
        StoreError: another process holds it.
    """
    import fcntl
    import os

    try:
        location.mkdir(parents=True, exist_ok=True)
        fd = os.open(location, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise _store_error(location, "cannot open store", exc) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        raise StoreError(
            f"store {location} is locked by another process that writes to it (it holds "
            "the directory and its LOCK file); wait for that process to end, or use another "
            "--store"
        ) from exc
    return fd


class OxigraphStore:
    """Embedded Oxigraph on disk (pyoxigraph), or in memory when `path` is None."""

    name: ClassVar[str] = "oxigraph"
    uses_path: ClassVar[bool] = True

    def __init__(self, store: Any, *, path: Path | None, read_only: bool,
                 guard: int | None = None) -> None:
        self._store = store
        self.path = path
        self.read_only = read_only
        self._guard = guard
        """The descriptor holding the directory lock of a writer on disk (`_guard`)."""
        self._writes = 0
        """Transactional writes since the store was last opened (`REOPEN_WRITES`)."""
        self.loads_apart = path is not None
        """`bulk_stream(..., apart=True)` runs Oxigraph's loader in a child process (a store
        on disk): one call may then be given any number of quads, the loader bounds its
        own memory."""

    @classmethod
    def open(cls, *, path: str | Path | None = None, endpoint: str | None = None,
             update_endpoint: str | None = None, read_only: bool = False) -> OxigraphStore:
        """Open (creating unless read-only) the store directory `path`.

        Raises:
            ConfigError: an endpoint was given (that is the sparql backend).
            StoreError: `path` is a file, missing (read-only), locked by another process
                or not an Oxigraph store.
        """
        import pyoxigraph

        if endpoint or update_endpoint:
            raise ConfigError("the oxigraph backend takes a store directory, not an endpoint")
        if path is None:
            return cls(pyoxigraph.Store(), path=None, read_only=read_only)
        location = Path(path)
        if location.exists() and not location.is_dir():
            raise StoreError(f"store path {location} is a file, not a store directory")
        if read_only and not (location / "CURRENT").is_file():
            raise StoreError(f"store {location} does not exist (build or load it first)")
        if not read_only and location.is_dir() and any(location.iterdir()) and not (
            location / "CURRENT"
        ).is_file():
            raise StoreError(f"store path {location} is a directory that is not an Oxigraph store")
        guard = None
        if not read_only:
            guard = _guard(location)
        try:
            store = (
                pyoxigraph.Store.read_only(str(location)) if read_only
                else pyoxigraph.Store(str(location))
            )
        except (OSError, RuntimeError) as exc:
            _release(guard)
            raise _store_error(location, "cannot open store", exc) from exc
        return cls(store, path=location, read_only=read_only, guard=guard)

    def reopen(self) -> None:
        """Close the store and open it again, keeping the directory locked throughout.

        Everything written is flushed first, so nothing is lost or written twice; what
        goes is the memory RocksDB holds for reads (see `REOPEN_WRITES`). A store in
        memory or opened read-only is left as it is.

        Raises:
            StoreError: the flush failed, or the store cannot be opened again (a process
                that does not take the directory lock, such as `oxigraph serve`, took
                RocksDB's lock in between).
        """
        self._writes = 0
        if self.path is None or self.read_only or self._store is None:
            return
        self._release_handle()
        self._open_again()

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    def write(self, graph: str, lines: Sequence[str], *, drop: Sequence[str] = (),
              replace: bool = True) -> None:
        """Drop and insert in one SPARQL update, which Oxigraph applies atomically."""
        self.write_many([GraphWrite(graph, tuple(lines), tuple(drop), replace)])

    def write_many(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """One SPARQL update for all writes (atomic), or Oxigraph's bulk loader when `bulk`."""
        from pyoxigraph import RdfFormat

        self._writable()
        where = f"{len(writes)} graph(s) to {self.path or 'memory'}"
        try:
            drops = _drops(writes)
            if drops and not bulk:
                self._store.update(_update_text(writes))
                self._store.flush()
                self._written()
                return
            if drops:
                self._store.update(" ;\n".join(f"DROP SILENT GRAPH {iri_nt(g)}" for g in drops))
            data = nquads(writes)
            if bulk:
                self._store.bulk_load(data, format=RdfFormat.N_QUADS)
            else:  # one transaction, through the N-Quads parser (faster than INSERT DATA)
                self._store.load(data, format=RdfFormat.N_QUADS)
                # written out now: RocksDB would otherwise keep every batch in memory tables
                # (a load of 10^5 statements grew to 2.5 GB)
                self._store.flush()
                self._written()
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"cannot write {where}: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, f"cannot write {where}:", exc) from exc

    def _written(self) -> None:
        """Count a transactional write; every `REOPEN_WRITES`, open the store again."""
        self._writes += 1
        if self._writes >= REOPEN_WRITES:
            self.reopen()

    def bulk_stream(self, chunks: Iterable[bytes], *, apart: bool = False) -> None:
        """Load N-Quads chunks with one call of Oxigraph's bulk loader (not transactional).

        The loader reads the chunks as it goes (each is made when the loader asks for it),
        so what it is given is never all in memory at once. An error raised while a chunk
        is made ends the stream: the chunks before it are loaded, then the error is raised.
        With `apart` (the caller reads nothing from the store while the chunks are made), a
        store on disk runs the loader in a child process (`loads_apart`).

        Raises:
            InputError: a chunk does not parse.
            StoreError: the store refuses the write.
        """
        from pyoxigraph import RdfFormat

        self._writable()
        if apart and self.loads_apart:
            self._bulk_in_child(chunks)
            return
        reader = _ChunkReader(chunks)
        try:
            self._store.bulk_load(reader, format=RdfFormat.N_QUADS)
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"cannot bulk load into {self.path or 'memory'}: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, "cannot write", exc) from exc
        if reader.error is not None:
            raise reader.error

    def _bulk_in_child(self, chunks: Iterable[bytes]) -> None:
        """Load the chunks with Oxigraph's bulk loader in a child process (`bulkload`).

        The chunks are written into the child's standard input as they come, so making
        them here (Python) and parsing and sorting them there (Oxigraph) overlap; in one
        process they share the interpreter lock and their times add up. This process lets
        go of its store handle for the child (nothing may read the store meanwhile) and
        opens the store again afterwards, holding the directory lock throughout. Chunks
        end on a line's end, so an error raised while one is made leaves the child whole
        lines: those are loaded, then the error is raised.

        Raises:
            InputError: a chunk does not parse.
            StoreError: the store refuses the write, or the child could not be started.
        """
        import subprocess
        import sys
        import tempfile

        from . import bulkload

        assert self.path is not None
        self._release_handle()
        error: BaseException | None = None
        with tempfile.TemporaryFile() as said:
            try:
                child = subprocess.Popen(
                    [sys.executable, "-m", "sportkg.graph.bulkload", str(self.path)],
                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=said)
            except OSError as exc:
                self._open_again()
                raise _store_error(self.path, "cannot start the bulk loader for", exc) from exc
            assert child.stdin is not None
            _widen_pipe(child.stdin.fileno())
            try:
                for chunk in chunks:
                    child.stdin.write(chunk)
            except BrokenPipeError:
                pass  # the child stopped reading: its status and message say why
            except BaseException as exc:  # raised once the lines before it are loaded
                error = exc
            finally:
                close = getattr(chunks, "close", None)
                if close is not None:
                    close()  # a stream left early stops making its chunks now
                try:
                    child.stdin.close()
                except BrokenPipeError:
                    pass
                status = child.wait()
                self._open_again()
            said.seek(0)
            message = said.read().decode("utf-8", "replace").strip().splitlines()
        if error is not None and not isinstance(error, Exception):
            raise error  # an interrupt, which the child had too
        text = message[-1] if message else f"the bulk loader ended with status {status}"
        if status == bulkload.INPUT_FAILED:
            raise InputError(f"cannot bulk load into {self.path}: {text.removeprefix('input: ')}")
        if status != 0:
            raise StoreError(f"cannot write {self.path}: {text.removeprefix('store: ')}")
        if error is not None:
            raise error

    def _release_handle(self) -> None:
        """Flush and drop this process's handle of the store (the directory stays locked)."""
        import gc

        store, self._store = self._store, None
        try:
            store.flush()
        except (OSError, RuntimeError) as exc:
            self._store = store
            raise _store_error(self.path, "cannot write store", exc) from exc
        del store
        gc.collect()  # the old handle must be gone before RocksDB's lock can be taken again

    def _open_again(self) -> None:
        """Open the store directory again after `_release_handle`."""
        import pyoxigraph

        try:
            self._store = pyoxigraph.Store(str(self.path))
        except (OSError, RuntimeError) as exc:
            _release(self._guard)
            self._guard = None
            raise _store_error(self.path, "cannot open store again", exc) from exc

    def flush(self) -> None:
        """Write out what the store keeps in memory of its latest writes (Oxigraph's
        `Store.flush`): a long run of small transactions, as the ranks set at the end of a
        bulk load, otherwise holds it in the process until the store closes.

        Raises:
            StoreError: the store refuses (read-only, a full disk).
        """
        self._upkeep(self._store.flush, "cannot flush")

    def optimize(self) -> None:
        """Compact the store's files (Oxigraph's `Store.optimize`).

        Each call of the bulk loader ingests files of its own, so after a bulk load a lookup
        reads many of them; compacted, the per-row lookups of a report page took half to two
        thirds of the time at 10^5 statements. Nothing changes in what the store holds.

        Raises:
            StoreError: the store refuses (read-only, a full disk).
        """
        self._upkeep(self._store.optimize, "cannot compact")

    def _upkeep(self, work: Callable[[], None], failing: str) -> None:
        """Run one of Oxigraph's upkeep calls on a writable store, its failure a StoreError
        that says what could not be done (`failing`) to which store."""
        self._writable()
        try:
            work()
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, failing, exc) from exc

    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a query with Oxigraph, bindings injected as a VALUES block.

        (Oxigraph's own substitutions need the variable in the projection, which
        the VALUES block does not, and it keeps the three backends alike.)
        """
        from pyoxigraph import QueryBoolean, QuerySolutions

        check_nesting(sparql)
        text = _bindings.inject_values(sparql, bindings or {})
        with self._reading():
            answer = self._store.query(text, use_default_graph_as_union=True)
            if isinstance(answer, QueryBoolean):
                return QueryResult(boolean=bool(answer))
            if isinstance(answer, QuerySolutions):
                variables = tuple(v.value for v in answer.variables)
                rows = tuple(
                    tuple(_from_ox(solution[i]) for i in range(len(variables)))
                    for solution in answer
                )
                return QueryResult(variables=variables, rows=rows)
            triples = tuple(
                (_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))
                for t in answer
            )
            return QueryResult(triples=triples)  # type: ignore[arg-type]

    def select_texts(self, sparql: str) -> TextRows:
        """Run a SELECT, each cell read straight from Oxigraph's terms: a sorted report of
        thousands of rows spent a third of its time making rdflib terms of them."""
        from pyoxigraph import QuerySolutions

        check_nesting(sparql)
        with self._reading():
            answer = self._store.query(sparql, use_default_graph_as_union=True)
            if not isinstance(answer, QuerySolutions):
                raise QueryError("select_texts needs a SELECT query")
            variables = tuple(v.value for v in answer.variables)
            rows = [tuple(None if term is None else (term.value, str(term)) for term in solution)
                    for solution in answer]
        return variables, rows

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Errors of a read as the package's own: a syntax error or a failure of the engine
        as a QueryError, a damaged store as a StoreError naming it."""
        try:
            yield
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            if "Corruption" in str(exc):
                raise _store_error(self.path, "cannot read store", exc) from exc
            raise QueryError(f"query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL update atomically."""
        self._writable()
        check_nesting(sparql)
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, "update failed on", exc) from exc

    def triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph."""
        from pyoxigraph import NamedNode

        try:
            for quad in self._store.quads_for_pattern(None, None, None, NamedNode(graph)):
                yield (_from_ox(quad.subject), _from_ox(quad.predicate),  # type: ignore[misc]
                       _from_ox(quad.object))
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, "cannot read store", exc) from exc

    def quads(self) -> Iterator[Quad]:
        """Every quad in the store."""
        try:
            for quad in self._store:
                yield (_from_ox(quad.subject), _from_ox(quad.predicate),  # type: ignore[misc]
                       _from_ox(quad.object), _from_ox(quad.graph_name))
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, "cannot read store", exc) from exc

    def value_rows(self, sparql: str) -> Iterator[tuple[str | Node | None, ...]]:
        """The rows of a SELECT with IRIs as plain strings and literals as rdflib terms.

        The fast path for large results (`to_networkx`): an IRI is not turned into an
        rdflib term, and the rows are not kept in a tuple first.

        Raises:
            QueryError: a syntax error or a failure on the engine.
        """
        from pyoxigraph import Literal, NamedNode

        check_nesting(sparql)
        literal = _literal
        with self._reading():
            for solution in self._store.query(sparql, use_default_graph_as_union=True):
                # one list per row, and the common kinds without a call (a generator and a
                # call per term took a sixth of `to_networkx` at 10^5 statements)
                yield tuple([None if term is None else term.value if type(term) is NamedNode
                             else literal(term.value, term.datatype.value, term.language)
                             if type(term) is Literal else _from_ox(term)
                             for term in solution])

    def graphs(self) -> list[str]:
        """The named graphs."""
        try:
            return sorted(g.value for g in self._store.named_graphs())
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, "cannot read store", exc) from exc

    def dump(self, fmt: str) -> bytes:
        """The whole dataset in Oxigraph's own writer: N-Quads or TriG keep the graphs,
        N-Triples is their union (each triple once)."""
        from pyoxigraph import RdfFormat, Triple, serialize

        try:
            if fmt == "ntriples":
                rows = self._store.query(
                    "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
                )
                triples = (Triple(row[0], row[1], row[2]) for row in rows)
                return serialize(triples, format=RdfFormat.N_TRIPLES) or b""
            formats = {"nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG}
            data = self._store.dump(format=formats[fmt])
        except (OSError, RuntimeError) as exc:
            raise _store_error(self.path, "cannot read store", exc) from exc
        return data if isinstance(data, bytes) else str(data).encode("utf-8")

    def close(self) -> None:
        """Flush and release the directory lock.

        Raises:
            StoreError: the flush failed (a full disk, a damaged store file).
        """
        if self._store is not None:
            store, self._store = self._store, None
            try:
                if not self.read_only:
                    try:
                        store.flush()
                    except (OSError, RuntimeError) as exc:
                        raise _store_error(self.path, "cannot write store", exc) from exc
            finally:
                del store
                guard, self._guard = self._guard, None
                _release(guard)


PIPE_BYTES = 1 << 20
"""The pipe to the bulk loader's child asked for (Linux allows 1 MB to anyone by default):
fewer, larger reads than the 64 KB a pipe starts with."""


def _widen_pipe(fd: int) -> None:
    """Ask for a pipe of `PIPE_BYTES` (Linux only; elsewhere, or refused, it stays as it is)."""
    import fcntl

    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return
    try:
        fcntl.fcntl(fd, set_size, PIPE_BYTES)
    except OSError:
        pass


def _release(guard: int | None) -> None:
    """Let go of a directory lock taken by `_guard` (closing its descriptor)."""
    import os

    if guard is not None:
        os.close(guard)


def _store_error(location: Path | None, doing: str, exc: BaseException) -> StoreError:
    """An Oxigraph (RocksDB) failure as a one-line StoreError that says what to do."""
    text = " ".join(str(exc).split())
    where = location or "in memory"
    if "lock hold" in text or "LOCK:" in text or "lock file" in text.lower():
        return StoreError(
            f"store {where} is locked by another process that writes to it (its LOCK "
            "file is held); wait for that process to end, or use another --store"
        )
    if text.startswith("Corruption") or "corrupt" in text.lower():
        return StoreError(
            f"store {where} is damaged ({text[:160]}); restore it from a backup or "
            "export, or build it again"
        )
    return StoreError(f"{doing} {where}: {text[:200]}")


# --------------------------------------------------------------------------------- memory


class MemoryStore:
    """An rdflib `Dataset` in memory whose default graph is the union of the named graphs."""

    name: ClassVar[str] = "memory"
    uses_path: ClassVar[bool] = False

    def __init__(self) -> None:
        from rdflib import Dataset

        self.dataset = Dataset(default_union=True)
        self.read_only = False

    @classmethod
    def open(cls, *, path: str | Path | None = None, endpoint: str | None = None,
             update_endpoint: str | None = None, read_only: bool = False) -> MemoryStore:
        """A new empty in-memory store.

        Raises:
            ConfigError: a path or endpoint was given.
        """
        if path is not None or endpoint or update_endpoint:
            raise ConfigError("the memory backend takes neither a store path nor an endpoint")
        return cls()

    def write(self, graph: str, lines: Sequence[str], *, drop: Sequence[str] = (),
              replace: bool = True) -> None:
        """Parse first, then swap the graphs, so bad input leaves the dataset unchanged."""
        self.write_many([GraphWrite(graph, tuple(lines), tuple(drop), replace)])

    def write_many(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """Parse every graph first, then swap them in, so bad input changes nothing."""
        from rdflib import Graph, URIRef

        parsed = []
        for write in writes:
            fresh = Graph()
            try:
                with _as_written():
                    fresh.parse(data="\n".join(write.lines), format="nt")
            except Exception as exc:  # rdflib raises several parser exception types
                raise InputError(f"cannot write graph {write.graph}: {exc}") from exc
            parsed.append((write.graph, fresh))
        for name in _drops(writes):
            self.dataset.remove_graph(URIRef(name))
        for name, fresh in parsed:
            target = self.dataset.graph(URIRef(name))
            for triple in fresh:
                target.add(triple)

    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a query with rdflib, bindings injected as a VALUES block."""
        check_nesting(sparql)
        text = _bindings.inject_values(sparql, bindings or {})
        try:
            answer = self.dataset.query(text)
        except Exception as exc:  # pyparsing / rdflib errors
            raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from exc
        if answer.type == "ASK":
            return QueryResult(boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            variables = tuple(str(v) for v in answer.vars or ())
            rows = tuple(tuple(cast("ResultRow", row)) for row in answer)
            return QueryResult(variables=variables, rows=rows)
        return QueryResult(triples=tuple(cast(Triple, t) for t in answer))

    def select_texts(self, sparql: str) -> TextRows:
        """Run a SELECT; each cell as (its text, its SPARQL form)."""
        return texts_of(self.query(sparql))

    def update(self, sparql: str) -> None:
        """Run a SPARQL update with rdflib."""
        check_nesting(sparql)
        try:
            with _as_written():
                self.dataset.update(sparql)
        except Exception as exc:
            raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from exc

    def triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph."""
        from rdflib import URIRef

        yield from self.dataset.graph(URIRef(graph))

    def quads(self) -> Iterator[Quad]:
        """Every quad in the dataset."""
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        for s, p, o, g in self.dataset.quads((None, None, None, None)):
            name = getattr(g, "identifier", g)
            yield s, p, o, None if name == DATASET_DEFAULT_GRAPH_ID else name

    def graphs(self) -> list[str]:
        """The named graphs that hold triples."""
        from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

        return sorted(
            str(g.identifier) for g in self.dataset.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)
        )

    def close(self) -> None:
        """Nothing to release."""


# --------------------------------------------------------------------------------- sparql


def _from_json(cell: Mapping[str, str]) -> Node:
    from rdflib import BNode, Literal, URIRef

    kind = cell.get("type")
    value = cell.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in cell:
        return Literal(value, lang=cell["xml:lang"])
    datatype = cell.get("datatype")
    if datatype and datatype != XSD_STRING:
        # as sent, as the oxigraph backend gives it (rdflib would write "…Z" as "…+00:00")
        return Literal(value, datatype=URIRef(datatype), normalize=False)
    return Literal(value)


def _answer(url: str, raw: bytes, content_type: str, *, graph: bool) -> Any:
    """A SPARQL endpoint's answer checked and parsed: results JSON (a dict of the shape
    SPARQL 1.1 gives) or, with `graph`, Turtle as an rdflib Graph (empty when the body is).

    Raises:
        StoreError: the answer is an HTML page, empty, not UTF-8, not JSON or Turtle, or
            JSON of another shape (one line naming the endpoint).
    """
    head = raw[:512].lstrip().lower()
    if "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html")):
        raise StoreError(f"SPARQL endpoint {url} answered with an HTML page, not SPARQL "
                         "results; is the URL the query endpoint (e.g. .../query)?")
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoreError(f"SPARQL endpoint {url} answered with bytes that are not UTF-8 "
                         f"(at byte {exc.start})") from exc
    if graph:
        from rdflib import Graph

        found = Graph()
        if body.strip():
            try:
                found.parse(data=body, format="turtle")
            except Exception as exc:  # rdflib's parsers raise several exception types
                first = " ".join(str(exc).split())[:160]
                raise StoreError(f"SPARQL endpoint {url} answered with malformed Turtle: "
                                 f"{first}") from exc
        return found
    if not body.strip():
        raise StoreError(f"SPARQL endpoint {url} answered with an empty body, not SPARQL "
                         "results")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise StoreError(f"SPARQL endpoint {url} answered with something that is not JSON "
                         f"({body[:40].strip()!r}...)") from exc
    if not _results_shape(data):
        raise StoreError(f"SPARQL endpoint {url} answered with JSON that is not SPARQL "
                         "results (no boolean, or no head.vars and results.bindings)")
    return data


def _results_shape(data: Any) -> bool:
    """True when `data` has the shape of SPARQL 1.1 results JSON (ASK or SELECT)."""
    if not isinstance(data, dict):
        return False
    if "boolean" in data:
        return isinstance(data["boolean"], bool)
    head, results = data.get("head"), data.get("results")
    if not isinstance(head, dict) or not isinstance(results, dict):
        return False
    variables, bindings = head.get("vars", []), results.get("bindings")
    if not isinstance(variables, list) or not isinstance(bindings, list):
        return False
    return all(
        isinstance(row, dict) and all(
            isinstance(cell, dict) and isinstance(cell.get("value"), str)
            and cell.get("type") in ("uri", "literal", "bnode", "typed-literal")
            for cell in row.values()
        )
        for row in bindings
    )


class SparqlStore:
    """A remote SPARQL 1.1 Query + Update endpoint through SPARQLWrapper."""

    name: ClassVar[str] = "sparql"
    uses_path: ClassVar[bool] = False

    def __init__(self, endpoint: str, update_endpoint: str | None, *, read_only: bool,
                 timeout: int = 60) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint
        self.read_only = read_only
        self.timeout = timeout

    @classmethod
    def open(cls, *, path: str | Path | None = None, endpoint: str | None = None,
             update_endpoint: str | None = None, read_only: bool = False) -> SparqlStore:
        """Connect to `endpoint` (and `update_endpoint`) and check that it answers.

        When no update endpoint is given, an endpoint ending in `/query` updates
        through the sibling `/update` (Oxigraph's layout); otherwise the same URL.

        Raises:
            ConfigError: no endpoint, or a path was given.
            StoreError: the endpoint does not answer.
        """
        if path is not None:
            raise ConfigError("the sparql backend takes --endpoint URL, not a store path")
        if not endpoint:
            raise ConfigError("the sparql backend needs --endpoint URL")
        if update_endpoint is None and not read_only:
            update_endpoint = (
                endpoint[: -len("/query")] + "/update" if endpoint.endswith("/query")
                else endpoint
            )
        store = cls(endpoint, update_endpoint, read_only=read_only)
        if "boolean" not in store._request("ASK {}", update=False):
            raise StoreError(f"SPARQL endpoint {endpoint} did not answer ASK with a boolean; "
                             "is the URL a SPARQL query endpoint?")
        return store

    def _request(self, text: str, *, update: bool, accept_graph: bool = False) -> Any:
        from urllib.error import URLError

        from SPARQLWrapper import JSON, POST, POSTDIRECTLY, TURTLE, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

        url = self.update_endpoint if update else self.endpoint
        if update and (self.read_only or not url):
            raise StoreError(f"SPARQL endpoint {self.endpoint} is open read-only")
        client = SPARQLWrapper(self.endpoint, updateEndpoint=self.update_endpoint)
        client.setTimeout(self.timeout)
        client.setMethod(POST)
        if update:
            # The update as the request body (application/sparql-update), not a form: servers
            # that guard against cross-site form posts (sportkg serve --writable) accept it.
            client.setRequestMethod(POSTDIRECTLY)
        client.addCustomHttpHeader("User-Agent", "sportkg (SPARQLWrapper)")
        client.setReturnFormat(TURTLE if accept_graph else JSON)
        client.setQuery(text)
        try:
            result = client.query()
            if update:
                return None
            raw = result.response.read()
            ctype = result.response.headers.get("Content-Type", "") or ""
            return _answer(url or self.endpoint, raw, ctype, graph=accept_graph)
        except QueryBadFormed as exc:
            detail = str(exc).strip().splitlines()
            raise QueryError(f"SPARQL syntax error at {url}: {detail[-1] if detail else exc}"
                             ) from exc
        except SPARQLWrapperException as exc:
            raise QueryError(f"SPARQL endpoint {url} refused the request: {exc}") from exc
        except (URLError, ConnectionError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"SPARQL endpoint {url} is unreachable: {reason}") from exc

    def write(self, graph: str, lines: Sequence[str], *, drop: Sequence[str] = (),
              replace: bool = True) -> None:
        """One update request: drop the old graphs and insert the new lines."""
        self.write_many([GraphWrite(graph, tuple(lines), tuple(drop), replace)])

    def write_many(self, writes: Sequence[GraphWrite], *, bulk: bool = False) -> None:
        """All writes in one update request (one transaction on the server)."""
        self._request(_update_text(writes), update=True)

    def query(self, sparql: str, *, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a query on the endpoint, bindings injected as a VALUES block."""
        check_nesting(sparql)
        text = _bindings.inject_values(sparql, bindings or {})
        if query_form(text) in ("CONSTRUCT", "DESCRIBE"):
            graph = self._request(text, update=False, accept_graph=True)
            return QueryResult(triples=tuple(graph))
        data = self._request(text, update=False)
        if "boolean" in data:
            return QueryResult(boolean=bool(data["boolean"]))
        variables = tuple(data.get("head", {}).get("vars", []))
        rows = tuple(
            tuple(_from_json(b[v]) if v in b else None for v in variables)
            for b in data.get("results", {}).get("bindings", [])
        )
        return QueryResult(variables=variables, rows=rows)

    def select_texts(self, sparql: str) -> TextRows:
        """Run a SELECT; each cell as (its text, its SPARQL form)."""
        return texts_of(self.query(sparql))

    def update(self, sparql: str) -> None:
        """Send a SPARQL update."""
        check_nesting(sparql)
        self._request(sparql, update=True)

    def triples(self, graph: str) -> Iterator[Triple]:
        """The triples of one named graph (a CONSTRUCT over `GRAPH <graph>`)."""
        text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri_nt(graph)} {{ ?s ?p ?o }} }}"
        yield from self._request(text, update=False, accept_graph=True)

    def quads(self) -> Iterator[Quad]:
        """Every quad in a named graph, then the triples only in the default graph."""
        data = self._request(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }", update=False
        )
        for b in data["results"]["bindings"]:
            if not {"s", "p", "o", "g"} <= b.keys():
                raise StoreError(f"SPARQL endpoint {self.endpoint} answered a quad without "
                                 "all of ?s ?p ?o ?g")
            yield (_from_json(b["s"]), _from_json(b["p"]), _from_json(b["o"]),
                   _from_json(b["g"]))

    def graphs(self) -> list[str]:
        """The named graphs."""
        data = self._request("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", update=False)
        return sorted(b["g"]["value"] for b in data["results"]["bindings"] if "g" in b)

    def close(self) -> None:
        """Nothing to release (each request is its own connection)."""
