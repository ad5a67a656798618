"""The knowledge graph: articles' statements in a store, queried, read back and exported.

`KnowledgeGraph` is the one object the CLI, the notebook and the other areas use.
It turns Statements into RDF (`sportkg.graph.rdf`), keeps one named graph per
article in a store (`sportkg.graph.stores`, chosen by name) and offers SPARQL,
named queries, NetworkX and serialisations on top.

Examples:
    >>> from sportkg.model import Article, Entity, Evidence, Statement
    >>> article = Article(id="demo", text="Anna Smit won gold.", lang="en", date="2026-02-09")
    >>> anna = Entity("https://w3id.org/sportkg/entity/anna-smit", "Anna Smit", type="person")
    >>> gold = Entity.from_qid("Q406039", "gold medal", "award")
    >>> evidence = Evidence("demo.txt", article.text, 0, 19, "example", "2026-02-09")
    >>> fact = Statement("demo", article.hash, anna, "P166", gold, evidence, 0.9)
    >>> with KnowledgeGraph.open("memory") as kg:
    ...     kg.add_article(article, [fact]).added
    ...     list(kg.statements()) == [fact]
    ...     kg.add_article(article, [fact]).unchanged
    1
    True
    True
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .. import iris, registry
from ..errors import InputError, StoreError
from ..model import Article, Statement
from ..ontology.namespaces import SK_IRI, WIKIBASE_IRI
from . import label_service, rdf
from .people import Known
from .results import QueryResult
from .stores import GraphWrite, Store, TextRows

if TYPE_CHECKING:
    import networkx as nx

_PREFIXES = f"PREFIX sk: <{SK_IRI}>\nPREFIX wikibase: <{WIKIBASE_IRI}>\n"


STATS_QUERIES: dict[str, str] = {
    "articles": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a sk:Article } }",
    "statements": "SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { ?st a wikibase:Statement "
                  "FILTER NOT EXISTS { ?st sk:mirrorOf ?primary } }",
    "references": "SELECT (COUNT(DISTINCT ?ref) AS ?n) WHERE { ?ref a wikibase:Reference }",
    "entities": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e sk:entityType ?type }",
    "persons": "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sk:Person }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
}
"""What `stats()` counts, one query each (prefixes sk: and wikibase: are added)."""


BATCH_STATEMENTS = 5000
"""Statements per transaction when loading JSON lines."""

BULK_BATCH_STATEMENTS = 10_000
"""Statements per bulk load: each bulk load writes new files that are compacted later, so
fewer, larger batches are cheaper, but a batch is held in memory twice (its lines, then
Oxigraph's buffers): 50,000 statements a batch peaked at 1.8 GB, 10,000 at 630 MB."""

APART_BATCH_STATEMENTS = 1000
"""Statements per batch of a bulk load whose loader runs apart (a new store on disk). Its
batches ask the store nothing, so their size costs no queries; what it costs is memory: the
lines of a batch are many small strings, and what the load keeps of each (people, claims to
rank, description lines) pins the interpreter's memory pages they were made among. At 10^5
statements the writer peaked at 441 MB with batches of 10,000 and at 194 MB with 1,000."""


STREAM_QUADS = 500_000
"""Quads per call of Oxigraph's bulk loader in a bulk load in this process (a store in
memory). Each call writes and ingests new files, so fewer calls are faster (one call per
batch of 10,000 statements cost about a third more), but what one call is given is held in
memory (about 1 GB peak for 500,000). A store on disk loads in a child process
(`OxigraphStore.loads_apart`) in one call: the child's loader sorts and writes a million
quads at a time while it reads the next, its memory bounded by that."""

CHUNK_WRITES = 64
"""Graph writes per chunk given to the bulk loader: the queue ahead of the loader (`_ahead`)
then holds two such chunks, not the lines of two whole batches (tens of MB each)."""


@dataclass(frozen=True)
class _Plan:
    """An article ready to be written: its own graph and its part of the facts graph."""

    info: rdf.ArticleInfo
    graph: str
    statements: list[Statement]
    lines: rdf.ArticleLines
    fingerprint: str
    append: bool


@dataclass
class _Batch:
    """A batch decided: what to write and drop, and what it counts."""

    plans: list[_Plan]
    writes: list[GraphWrite] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    written: list[_Plan] = field(default_factory=list)
    described: list[bytes] = field(default_factory=list)  # digests of descriptions written
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    def result(self) -> AddResult:
        return AddResult(self.added, self.replaced, self.unchanged,
                         sum(len(p.statements) for p in self.plans),
                         sum(len(w.lines) for w in self.writes))


@dataclass
class _Seen:
    """What one load has written or looked up so far: people, and article graph -> (doc,
    source key, fingerprint), so later batches need not ask the store (or cannot: a bulk
    load's stream is not visible to queries until it ends)."""

    people: Known
    articles: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)
    claims: dict[str, dict[str, rdf.Claim]] = field(default_factory=dict)
    """subject -> node -> claim of the ranked and single-valued properties a bulk load wrote
    into a new store."""


@dataclass(frozen=True)
class AddResult:
    """What adding articles or statements changed.

    Attributes:
        added: article graphs that were new.
        replaced: article graphs whose content changed or that replaced an older version.
        unchanged_graphs: article graphs already present with the same content.
        statements: statements given.
        triples: triples written.
    """

    added: int = 0
    replaced: int = 0
    unchanged_graphs: int = 0
    statements: int = 0
    triples: int = 0

    @property
    def unchanged(self) -> bool:
        """True when nothing was written."""
        return self.added == 0 and self.replaced == 0

    def __add__(self, other: AddResult) -> AddResult:
        return AddResult(
            self.added + other.added,
            self.replaced + other.replaced,
            self.unchanged_graphs + other.unchanged_graphs,
            self.statements + other.statements,
            self.triples + other.triples,
        )


MAX_DESCRIBED = 2_000_000
"""Description lines a load remembers having written (beyond that it starts again)."""


class _Written:
    """The description lines one load has written, kept as 16-byte digests.

    Kept as strings, the 70,000 description lines of a load of 10^5 statements took 14 MB
    of the writer's memory (and pinned the memory pages they were made among); a digest
    is a fixed 16 bytes, and one of 128 bits does not collide among the few million lines
    a load remembers at most (`MAX_DESCRIBED`).
    """

    def __init__(self) -> None:
        self._digests: set[bytes] = set()

    @staticmethod
    def _digest(line: str) -> bytes:
        return hashlib.blake2b(line.encode(), digest_size=16).digest()

    def __len__(self) -> int:
        return len(self._digests)

    def fresh(self, line: str) -> bytes | None:
        """The digest of a line not written yet (to remember once it is), None for one
        written before: each line is digested once per batch that names it."""
        digest = self._digest(line)
        return None if digest in self._digests else digest

    def remember(self, digests: Iterable[bytes]) -> None:
        """Remember the lines of these digests (`fresh`) as written."""
        self._digests.update(digests)

    def clear(self) -> None:
        """Forget every line (a sweep may have removed some of them)."""
        self._digests.clear()


def _add_shared(shared: dict[str, None], lines: rdf.ArticleLines,
                described: _Written | None, fresh: list[bytes]) -> None:
    """Add an article's facts-graph lines, less the descriptions already written; the
    digests of the descriptions added go to `fresh` (remembered once the batch is written)."""
    if described is None:
        shared.update(dict.fromkeys(lines.shared))
        return
    for line in lines.shared:
        if line in shared:
            continue
        # the article's own descriptions are few: ask them first, the digests after
        if line in lines.described:
            digest = described.fresh(line)
            if digest is None:
                continue
            fresh.append(digest)
        shared[line] = None


def _subjects_of(by_key: Mapping[str, Iterable[str]], keys: Collection[str]) -> list[str]:
    """The subjects written with any of these properties (property -> subjects)."""
    found: dict[str, None] = {}
    for key in keys:
        found.update(dict.fromkeys(by_key.get(key, ())))
    return list(found)


def _mentions(statements: Iterable[Statement], iris: Collection[str]) -> bool:
    """True when a statement names one of `iris` as subject, value or qualifier."""
    return any(entity.iri in iris for st in statements for entity in st.entities())


def _ahead(chunks: Iterator[bytes], *, depth: int = 2) -> Iterator[bytes]:
    """The chunks, made in a thread of their own up to `depth` ahead of the reader.

    Oxigraph's bulk loader parses in the thread that reads and sorts in another; made in
    the reading thread, the chunks would wait for the parser and the parser for them.
    An error raised while a chunk is made is raised here, in turn.
    """
    import queue
    import threading

    done = object()
    ahead: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def make() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    try:
                        ahead.put(chunk, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ahead.put(done)
        except BaseException as exc:  # handed to the reader, raised there
            ahead.put(_Failed(exc))

    maker = threading.Thread(target=make, name="sportkg-bulk-lines", daemon=True)
    maker.start()
    try:
        while True:
            item = ahead.get()
            if item is done:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        maker.join()


@dataclass(frozen=True)
class _Failed:
    """An error raised while making the chunks of a stream."""

    error: BaseException


class KnowledgeGraph:
    """Statements of many articles in one store, one named graph per article.

    Use `KnowledgeGraph.open(...)` rather than the constructor; it is a context
    manager that closes the store.
    """

    def __init__(self, store: Store, *, base: str = iris.DEFAULT_BASE) -> None:
        self.store = store
        self.base = base

    @classmethod
    def open(
        cls,
        backend: str = "oxigraph",
        *,
        path: str | Path | None = None,
        endpoint: str | None = None,
        update_endpoint: str | None = None,
        base: str = iris.DEFAULT_BASE,
        read_only: bool = False,
        check_layout: bool = True,
    ) -> KnowledgeGraph:
        """Open a graph on the store `backend` (registry group `sportkg.stores`).

        Args:
            backend: "oxigraph" (on disk at `path`, or in memory without one), "memory"
                or "sparql" (at `endpoint`, updates to `update_endpoint`).
            path: the store directory of the oxigraph backend.
            endpoint: the SPARQL query endpoint of the sparql backend.
            update_endpoint: its update endpoint (derived from `endpoint` when None).
            base: base of the IRIs the graph mints (articles, statements, references).
            read_only: open without write access (the oxigraph directory can then be read
                while another process holds it).
            check_layout: refuse a store written in an older layout (`sportkg migrate`).

        Raises:
            ConfigError: unknown backend or options it does not take.
            StoreError: the store cannot be opened.
        """
        store_class = registry.get("sportkg.stores", backend)
        store = store_class.open(
            path=path, endpoint=endpoint, update_endpoint=update_endpoint, read_only=read_only
        )
        kg = cls(store, base=base)
        if check_layout:
            try:
                kg.check_layout(str(path or endpoint or backend))
            except StoreError:
                kg.close()
                raise
        return kg

    def layout(self) -> str | None:
        """The layout mark of the store ("4", "3", "2"), "0.1" for unmarked articles, None when
        empty."""
        text = (f"{_PREFIXES}SELECT ?layout WHERE {{ GRAPH <{self.facts_graph}> "
                f"{{ <{self.facts_graph}> sk:layout ?layout }} }}")
        marks = sorted(str(row[0]) for row in self.store.query(text).rows)
        if marks:
            return marks[-1]
        articles = f"{_PREFIXES}ASK {{ GRAPH ?g {{ ?g a sk:Article }} }}"
        return "0.1" if self.store.query(articles).boolean else None

    def old_layout(self) -> bool:
        """True when the store holds articles written in an older layout (`sportkg migrate`)."""
        found = self.layout()
        return found is not None and found != rdf.LAYOUT

    def check_layout(self, where: str) -> None:
        """Refuse a store in an older layout, saying how to convert it.

        Raises:
            StoreError: the store was written by an older sportkg (layout 0.1: one graph
                per article holding its own statements; 2: a reference per statement; 3: no
                index graph of marks; 4: no dates in one literal).
        """
        found = self.layout()
        remote = "://" in where  # an endpoint: migrate the directory behind it
        command = ("`sportkg migrate --store DIR` on the directory the endpoint serves"
                   if remote else f"`sportkg migrate --store {where}`")
        if found in rdf.IN_PLACE:
            what = ("the index of disagreements and confidence values the reports read"
                    if found == "3" else "each date at its precision in one literal")
            raise StoreError(
                f"store {where} was built by an older sportkg (layout {found}: without {what}); "
                f"add it with {command} (in place, keeps every fact)"
            )
        if found is not None and found != rdf.LAYOUT:
            what = ("each article's graph holds its own copy of every statement"
                    if found == "0.1" else "a reference per statement and article")
            raise StoreError(
                f"store {where} was built by an older sportkg (layout {found}: {what}); "
                f"convert it with {command} (keeps every fact) or build it again"
            )

    def upgrade(self) -> tuple[str, ...]:
        """Bring a store of layout 3 or 4 to the current layout, in place, in one update: write
        the index graph of marks from the statements and readings it holds (layout 3), each
        date of a statement at its precision in one literal from its value node (layouts 3
        and 4), and mark the new layout; then compact the store where the backend can
        (`Store.optimize`). Returns what was added, in words.

        Raises:
            StoreError: the store is not of layout 3 or 4.
        """
        from . import marks

        found = self.layout()
        if found not in rdf.IN_PLACE:
            raise StoreError(f"only a store of layout 3 or 4 is upgraded in place, not layout "
                             f"{found}")
        steps = [rdf.dates_text()]
        added = ["each date at its precision"]
        if found == "3":
            steps.insert(0, marks.rebuild_text(self.facts_graph, self.index_graph))
            added.insert(0, "the index of marks")
        self.store.update(" ;\n".join([*steps, rdf.mark_layout_text(self.base)]))
        self._optimize()
        return tuple(added)

    # ------------------------------------------------------------------ writing

    @property
    def kb_graph(self) -> str:
        """The IRI of the graph that holds knowledge-base descriptions."""
        return self.base + "kb"

    @property
    def facts_graph(self) -> str:
        """The IRI of the shared graph holding entity descriptions and statement nodes."""
        return rdf.facts_graph(self.base)

    @property
    def index_graph(self) -> str:
        """The IRI of the graph of marks the writer keeps for the reports (`graph/marks.py`)."""
        from .marks import index_graph

        return index_graph(self.base)

    def _lookup(self, plans: list[_Plan], seen: _Seen | None = None
                ) -> dict[str, list[tuple[str, str, str | None]]]:
        """doc -> [(graph, source key, fingerprint)] of the stored articles these plans touch.

        With `seen`, the articles the load wrote count as stored (a bulk load may still be
        streaming them), and the store is not asked when it was empty when the load began.
        """
        from rdflib import Literal, URIRef

        found: dict[str, list[tuple[str, str, str | None]]] = {}
        by_graph: dict[str, list[tuple[str, str, str | None]]] = {}
        rows: list[tuple[str, str, str, str | None]] = []
        if seen is None or not seen.people.empty:
            docs = " ".join(dict.fromkeys(Literal(p.info.doc).n3() for p in plans))
            graphs = " ".join(dict.fromkeys(URIRef(p.graph).n3() for p in plans))
            text = (
                _PREFIXES
                + "SELECT DISTINCT ?g ?doc ?source ?fp WHERE {\n"
                + f"  {{ VALUES ?doc {{ {docs} }} GRAPH ?g {{ ?g sk:doc ?doc }} }}\n"
                + f"  UNION {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?g sk:doc ?doc }} }}\n"
                + "  OPTIONAL { GRAPH ?g { ?g sk:sourceKey ?source } }\n"
                + "  OPTIONAL { GRAPH ?g { ?g sk:fingerprint ?fp } }\n}"
            )
            rows = [(str(g), str(doc), str(source) if source is not None else "",
                     str(fp) if fp is not None else None)
                    for g, doc, source, fp in self.store.query(text).rows]
        if seen is not None:
            wanted = {p.info.doc for p in plans} | {p.graph for p in plans}
            written = {g: row for g, row in seen.articles.items()
                       if g in wanted or row[0] in wanted}
            rows = [r for r in rows if r[0] not in written]
            rows += [(g, *row) for g, row in written.items()]
        for g, doc, source, fp in rows:
            row = (g, source, fp)
            found.setdefault(doc, []).append(row)
            by_graph.setdefault(g, []).append(row)
        for plan in plans:
            for row in by_graph.get(plan.graph, []):
                if row not in found.setdefault(plan.info.doc, []):
                    found[plan.info.doc].append(row)
        return found

    def _rerank_groups(self, by_key: Mapping[str, Iterable[str]]) -> None:
        """Set the ranks again of the rank groups these rule statements touch, and the
        disagreement marks of the subjects of the single-valued statements among them."""
        from . import marks, ranks

        for keys, subjects in ranks.groups_to_rerank(by_key).items():
            ranks.rerank(self.store, self.facts_graph, subjects, keys=keys)
        marks.mark_disagreements(self.store, self.facts_graph, self.index_graph,
                                 _subjects_of(by_key, marks.SINGLE_VALUED))

    def _rank_load(self, touched: Mapping[str, Iterable[str]], seen: _Seen) -> None:
        """Set the ranks and disagreement marks of the subjects a bulk load touched, once, at
        its end: from the claims it wrote when it began on an empty store and swept nothing,
        else by reading the store."""
        from . import marks, ranks

        if seen.people.empty:
            ranks.rerank_written(self.store, self.facts_graph, seen.claims, touched)
            marks.write_marks(self.store, self.index_graph, marks.disagreements_written(
                seen.claims, _subjects_of(touched, marks.SINGLE_VALUED)))
        else:
            self._rerank_groups(touched)

    def _decide(self, plans: list[_Plan], *, described: _Written | None = None,
                seen: _Seen | None = None) -> _Batch:
        """Match the batch's people, and decide per article: new, replaced or unchanged."""
        from . import people

        mapping = people.canonical(self.store, self.facts_graph, self.base,
                                   (s for plan in plans for s in plan.statements),
                                   cache=seen.people if seen is not None else None)
        if mapping:
            plans = [self._plan(p.info, people.rename(p.statements, mapping), append=p.append)
                     if _mentions(p.statements, mapping) else p for p in plans]
        fresh = [p for p in plans if not p.append]
        found = self._lookup(fresh, seen) if fresh else {}
        batch = _Batch(plans)
        shared: dict[str, None] = {}
        for plan in plans:
            if plan.append:
                batch.writes.append(GraphWrite(plan.graph, tuple(plan.lines.article),
                                               replace=False))
                _add_shared(shared, plan.lines, described, batch.described)
                batch.stale.append(plan.graph)
                batch.written.append(plan)
                continue
            current: str | None = None
            present = False
            older: list[str] = []
            for graph, source, fp in found.get(plan.info.doc, []):
                if graph == plan.graph:
                    present, current = True, fp
                elif source == plan.info.source_key:
                    older.append(graph)
            if present and current == plan.fingerprint and not older:
                batch.unchanged += 1
                continue
            if present or older:
                batch.replaced += 1
                batch.dropped += [*older, *([plan.graph] if present else [])]
            else:
                batch.added += 1
            lines = (*plan.lines.article, rdf.fingerprint_line(plan.info, plan.fingerprint,
                                                               base=self.base))
            batch.writes.append(GraphWrite(plan.graph, lines, drop=tuple(older),
                                           replace=present))
            _add_shared(shared, plan.lines, described, batch.described)
            batch.written.append(plan)
        if batch.writes:
            shared[rdf.layout_line(self.base)] = None
            batch.writes.append(GraphWrite(self.facts_graph, tuple(shared), replace=False))
            listed = self._confidence_lines(batch.written, described, batch.described)
            if listed:
                batch.writes.append(GraphWrite(self.index_graph, listed, replace=False))
        return batch

    def _confidence_lines(self, plans: Iterable[_Plan], described: _Written | None,
                          fresh: list[bytes]) -> tuple[str, ...]:
        """The index lines listing the confidences of these plans' readings, less those the
        load wrote before (the digests of the others go to `fresh`)."""
        from .marks import confidence_line

        lines = dict.fromkeys(confidence_line(self.base, value) for plan in plans
                              for value in plan.lines.confidences)
        if described is None:
            return tuple(lines)
        kept: list[str] = []
        for line in lines:
            digest = described.fresh(line)
            if digest is not None:
                fresh.append(digest)
                kept.append(line)
        return tuple(kept)

    def _written(self, batch: _Batch, *, described: _Written | None, seen: _Seen | None,
                 by_key: dict[str, dict[str, None]], swept: bool, deferred: bool) -> None:
        """Note what a written batch changed: its rule statements to rank (in `by_key`), its
        description lines (in `described`), its people, articles and, when ranks are set at
        the end of the load (`deferred`), its ranked claims (in `seen`)."""
        from . import marks, ranks

        for plan in batch.written:
            for statement in plan.statements:
                if statement.property in marks.SINGLE_VALUED:
                    by_key.setdefault(statement.property, {})[statement.subject.iri] = None
                if statement.property not in ranks.RULE_KEYS:
                    continue
                touched_side = by_key.setdefault(statement.property, {})
                touched_side[statement.subject.iri] = None
                value = getattr(statement.value, "iri", None)
                if value is not None:
                    touched_side[value] = None  # holds the relation from its side too
        if described is not None:
            if swept or len(described) > MAX_DESCRIBED:
                described.clear()  # a sweep may have removed some of them
            else:
                described.remember(batch.described)
        if seen is not None:
            if swept:  # the store is written and swept: ask it again from here on
                seen.people = Known()
                seen.articles.clear()
                seen.claims.clear()
            else:
                for graph in batch.dropped:
                    seen.articles.pop(graph, None)
                for plan in batch.written:
                    seen.people.remember(plan.statements)
                    if deferred and seen.people.empty:
                        for claim in plan.lines.claims:
                            if claim.key in ranks.RANKED_KEYS or claim.key in marks.SINGLE_VALUED:
                                seen.claims.setdefault(claim.subject, {})[claim.node] = claim
                    if plan.append:
                        if plan.graph in seen.articles:
                            doc, source, _ = seen.articles[plan.graph]
                            seen.articles[plan.graph] = (doc, source, None)
                    else:
                        seen.articles[plan.graph] = (plan.info.doc, plan.info.source_key,
                                                     plan.fingerprint)

    def _write_batch(self, plans: list[_Plan], *, bulk: bool = False,
                     described: _Written | None = None,
                     defer: dict[str, dict[str, None]] | None = None,
                     seen: _Seen | None = None) -> AddResult:
        """Decide per article (new, replaced, unchanged) and write the batch in one transaction.

        Statements that a replaced article alone supported are then removed from the facts
        graph, and the ranks of the subjects the batch touched are set again.

        Args:
            described: description lines (entities, value nodes) earlier batches of one load
                wrote, left out of this one; updated, and emptied after a sweep.
            defer: when given, the rule statements written (property -> subjects) are
                added to it instead of being ranked now (a bulk load ranks once at its end).
            seen: the people and articles earlier batches of one load wrote or looked up.
        """
        batch = self._decide(plans, described=described, seen=seen)
        return self._apply(batch, bulk=bulk, described=described, defer=defer, seen=seen)

    def _apply(self, batch: _Batch, *, bulk: bool = False,
               described: _Written | None = None,
               defer: dict[str, dict[str, None]] | None = None,
               seen: _Seen | None = None) -> AddResult:
        """Write a decided batch, sweep what replaced articles alone supported, set ranks and
        disagreement marks."""
        from . import marks, ranks, sweep

        gone: tuple[list[str], list[str], list[str]] = ([], [], [])
        if batch.dropped:
            gone = sweep.supported_by(self.store, self.facts_graph, batch.dropped)
        if batch.writes:
            self.store.write_many(batch.writes, bulk=bulk)
        self._unmark(batch.stale)
        if gone[0]:
            sweep.sweep_statements(self.store, self.facts_graph, gone[0])
        touched: dict[str, dict[str, None]] = {}
        self._written(batch, described=described, seen=seen,
                      by_key=defer if defer is not None else touched, swept=bool(gone[0]),
                      deferred=defer is not None)
        if defer is None:
            self._rerank_groups(touched)
        if gone[1]:
            ranks.rerank(self.store, self.facts_graph, gone[1])
            marks.mark_disagreements(self.store, self.facts_graph, self.index_graph, gone[1])
        if gone[0]:
            sweep.sweep_entities(self.store, self.facts_graph, [*gone[1], *gone[2]])
        return batch.result()

    def _unmark(self, graphs: Iterable[str]) -> None:
        """Remove the fingerprints of article graphs a load added to (they no longer hold)."""
        for graph in dict.fromkeys(graphs):
            self.store.update(
                f"{_PREFIXES}DELETE WHERE {{ GRAPH <{graph}> {{ <{graph}> sk:fingerprint ?f }} }}"
            )

    def _plan(self, info: rdf.ArticleInfo, statements: list[Statement], *,
              append: bool = False) -> _Plan:
        lines = rdf.article_lines(info, statements, base=self.base)
        return _Plan(info, info.graph_iri(self.base), statements, lines,
                     rdf.fingerprint([*lines.article, *lines.shared]), append)

    def add_article(self, article: Article, statements: Iterable[Statement]) -> AddResult:
        """Replace the article's named graph with these statements, in one transaction.

        The same article with the same statements again changes nothing; a changed
        version (same `article.id` and `article.source`, new content hash) replaces
        the old graph.

        Raises:
            InputError: a statement has an unknown property or an invalid IRI (nothing
                is written).
            StoreError: the store refuses the write (nothing is written).
        """
        plan = self._plan(rdf.ArticleInfo.from_article(article), list(statements))
        return self._write_batch([plan])

    def remove_article(self, article: str) -> int:
        """Remove an article: its graph, its references, and every statement only it supported.

        Args:
            article: its content hash, its document name or its graph IRI.

        Returns:
            The number of article graphs removed.

        Raises:
            InputError: no such article.
        """
        from . import marks, ranks, sweep

        graphs = list(self.find_articles([article]))
        if not graphs:
            raise InputError(f"no article {article!r} in the graph")
        nodes, subjects, objects = sweep.supported_by(self.store, self.facts_graph, graphs)
        self.store.write_many([GraphWrite(g, (), replace=True) for g in graphs])
        sweep.sweep_statements(self.store, self.facts_graph, nodes)
        ranks.rerank(self.store, self.facts_graph, subjects)
        marks.mark_disagreements(self.store, self.facts_graph, self.index_graph, subjects)
        sweep.sweep_entities(self.store, self.facts_graph, [*subjects, *objects])
        return len(graphs)

    def load_statements(self, statements: Iterable[Statement], *, bulk: bool = False,
                        batch_size: int | None = None) -> AddResult:
        """Add Statements read from JSON lines, one named graph per article.

        Statements are grouped by their `article_hash` (or `doc_id` without one); each
        run of consecutive statements of one article replaces that article's graph,
        a later run of an article already seen in this call is added to it. Runs
        are written in batches of about `batch_size` statements, each batch in one
        transaction.

        Args:
            statements: the statements, usually consecutive per article.
            bulk: on the oxigraph backend, load with Oxigraph's bulk loader: several
                times faster but not transactional (meant for filling a new store). The
                batches go to the loader as one stream (a batch that replaces an article
                ends the stream and is written on its own), ranks and disagreement marks
                are set once, after the last batch, not after each one, and the store is
                compacted at the end (`Store.optimize`: each loader call leaves files of its
                own, and a lookup reads all of them; compacted, the lookups of a report page
                took half to two thirds of the time at 10^5 statements).
            batch_size: statements per transaction (default `BATCH_STATEMENTS`, or
                with `bulk` `BULK_BATCH_STATEMENTS`, `APART_BATCH_STATEMENTS` into a new
                store on disk).

        Raises:
            InputError: a statement has an unknown property or an invalid IRI; the
                batches before it are stored, the one holding it is not.
        """
        described = _Written()
        seen = _Seen(Known(empty=self._empty()))
        if batch_size is None:
            batch_size = BATCH_STATEMENTS
            if bulk:
                batch_size = APART_BATCH_STATEMENTS if self._loads_apart(seen) \
                    else BULK_BATCH_STATEMENTS
        batches = self._batches(statements, batch_size)
        if bulk and hasattr(self.store, "bulk_stream"):
            loaded = self._load_streaming(batches, described, seen)
            self._optimize()
            return loaded
        from concurrent.futures import Future, ThreadPoolExecutor

        total = AddResult()
        # One writer thread: batch k is written (Oxigraph releases the GIL) while batch
        # k + 1 is turned into lines here; batches still go to the store in order.
        pending: Future[AddResult] | None = None
        defer: dict[str, dict[str, None]] | None = {} if bulk else None
        with ThreadPoolExecutor(max_workers=1) as writer:
            try:
                for plans in batches:
                    if pending is not None:
                        total += pending.result()
                    pending = writer.submit(self._write_batch, plans, bulk=bulk,
                                            described=described, defer=defer, seen=seen)
            finally:
                # The batches before a failing one are stored, as when written in turn.
                if pending is not None:
                    done, pending = pending, None
                    total += done.result()
                if defer:
                    self._rank_load(defer, seen)
        return total

    def _optimize(self) -> None:
        """Compact the store when its backend can (Oxigraph: `Store.optimize`)."""
        optimize = getattr(self.store, "optimize", None)
        if optimize is not None:
            optimize()

    def _empty(self) -> bool:
        """True when the store holds no quad at all (a load then need not ask it anything)."""
        return not self.store.query("ASK { GRAPH ?g { ?s ?p ?o } }").boolean

    def _batches(self, statements: Iterable[Statement], batch_size: int
                 ) -> Iterator[list[_Plan]]:
        """The statements as batches of planned article runs, about `batch_size` statements
        each; a run of an article seen before in this load is planned as an addition."""
        seen: set[str] = set()
        batch: list[_Plan] = []
        size = 0
        run: list[Statement] = []
        run_key = ""

        def close_run() -> None:
            nonlocal size
            info = rdf.ArticleInfo.from_statement(run[0])
            batch.append(self._plan(info, list(run), append=run_key in seen))
            seen.add(run_key)
            size += len(run)

        for statement in statements:
            key = rdf.article_key(statement.doc_id, statement.article_hash)
            if run and key != run_key:
                close_run()
                run = []
                if size >= batch_size:
                    yield batch
                    batch, size = [], 0
            run_key = key
            run.append(statement)
        if run:
            close_run()
        if batch:
            yield batch

    def _loads_apart(self, seen: _Seen) -> bool:
        """Whether a bulk load's loader may run in a child process: while the load began on
        an empty store and swept nothing, its batches are decided from what it wrote alone,
        so the store is not read while the lines are made (and the store can so load)."""
        return seen.people.empty and getattr(self.store, "loads_apart", False)

    def _load_streaming(self, batches: Iterator[list[_Plan]], described: _Written,
                        seen: _Seen) -> AddResult:
        """A bulk load as one stream of N-Quads into Oxigraph's bulk loader.

        Each bulk load call writes and ingests new files, so a call per batch cost about a
        third more than one call for the whole load. The batches are decided as the
        loader reads (people matched and articles looked up against what the load wrote,
        which queries cannot see yet); a batch that replaces an article ends the stream,
        is written on its own (its sweep needs the store as written), and a new stream
        begins. Ranks are set once, at the end.
        """
        from .stores import nquads

        total = AddResult()
        defer: dict[str, dict[str, None]] = {}
        stale: list[str] = []
        held: list[_Batch] = []
        more = True

        def stream(limit: int | None) -> Iterator[bytes]:
            nonlocal total, more
            quads = 0
            for plans in batches:
                batch = self._decide(plans, described=described, seen=seen)
                if batch.dropped:
                    held.append(batch)
                    return
                for at in range(0, len(batch.writes), CHUNK_WRITES):
                    yield nquads(batch.writes[at:at + CHUNK_WRITES])
                stale.extend(batch.stale)
                self._written(batch, described=described, seen=seen, by_key=defer,
                              swept=False, deferred=True)
                result = batch.result()
                total += result
                quads += result.triples
                if limit is not None and quads >= limit:
                    return
            more = False

        try:
            while True:
                apart = self._loads_apart(seen)
                self.store.bulk_stream(  # type: ignore[attr-defined]
                    _ahead(stream(None if apart else STREAM_QUADS)), apart=apart)
                self._unmark(stale)
                stale.clear()
                if not held and not more:
                    break
                if not held:
                    continue
                total += self._apply(held.pop(), bulk=True, described=described, defer=defer,
                                     seen=seen)
        finally:
            # what decided the batches is not needed for the ranks: let it go before they
            # are set, which makes many short-lived objects of its own
            described.clear()
            seen.articles.clear()
            seen.people = Known(empty=seen.people.empty)
            if defer:
                self._rank_load(defer, seen)
        return total

    def add_kb(self, data: str, *, format: str = "turtle") -> int:
        """Add RDF (entity descriptions pulled from Wikidata) to the KB graph.

        Returns:
            The number of triples parsed.

        Raises:
            InputError: the data does not parse as `format`.
        """
        from rdflib import Graph, Literal, URIRef

        from .marks import CONFIDENCE, confidence_line

        graph = Graph()
        try:
            graph.parse(data=data, format=format)
        except Exception as exc:  # rdflib parsers raise many exception types
            raise InputError(f"KB data is not valid {format}: {exc}") from exc
        lines = [line for line in graph.serialize(format="nt").splitlines() if line.strip()]
        if any(line.startswith("_:") or " _:" in line for line in lines):
            lines = [line for line in lines if "_:" not in line]
        writes = [GraphWrite(self.kb_graph, tuple(lines), replace=False)]
        # confidences in the data are listed in the index, as the writer lists its readings'
        listed = tuple(confidence_line(self.base, value.n3()) for value in
                       graph.objects(None, URIRef(CONFIDENCE)) if isinstance(value, Literal))
        if listed:
            writes.append(GraphWrite(self.index_graph, listed, replace=False))
        self.store.write_many(writes)
        return len(graph)

    def merge_entities(self, retired: str, kept: str, *, qid: str | None = None) -> int:
        """Make `retired` and `kept` one entity under the IRI `kept` (see `graph.merge`).

        Every article whose statements name `retired` is stored again with those
        statements naming `kept` (each article's graph replaced in one transaction, the
        claims left without a reference swept), and `retired owl:sameAs kept` is recorded
        in the KB graph. `qid` marks `kept` as that Wikidata item.

        Returns:
            The number of statements rewritten.
        """
        from . import merge
        from .literals import iri_nt

        if retired == kept:
            raise InputError(f"cannot merge {retired} into itself")
        for iri in (retired, kept):
            iri_nt(iri)  # an absolute IRI, or an InputError naming it
        from rdflib import URIRef

        graphs = [str(row[0]) for row in self.query(merge.NAMING, bindings={
            "facts": URIRef(self.facts_graph), "iri": URIRef(retired)}).rows]
        statements = list(self.statements(articles=graphs)) if graphs else []
        entity = merge.kept_entity(statements, retired, kept, qid)
        changed = sum(1 for s in statements if s.subject.iri == retired or retired in {
            getattr(v, "iri", None) for v in (s.value, *(q for _, q in s.qualifiers))})
        if statements:
            self.load_statements(merge.renamed(statements, retired, entity))
        self.store.write(self.kb_graph, [
            f"{iri_nt(retired)} <http://www.w3.org/2002/07/owl#sameAs> {iri_nt(kept)} ."],
            replace=False)
        return changed

    def link(self, iri: str, qid: str) -> None:
        """Record that the minted entity `iri` is Wikidata item `qid` (`owl:sameAs`, KB graph)."""
        from .literals import iri_nt, string_nt

        item = iri_nt("http://www.wikidata.org/entity/" + qid)
        lines = [
            f"{iri_nt(iri)} <http://www.w3.org/2002/07/owl#sameAs> {item} .",
            f"{iri_nt(iri)} <{SK_IRI}qid> {string_nt(qid)} .",
        ]
        self.store.write(self.kb_graph, lines, replace=False)

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              rewritten: bool = False) -> QueryResult:
        """Run SPARQL over the union of all graphs; `bindings` are bound safely.

        Wikidata's label service and its predeclared prefixes are answered first
        (`label_service.rewrite`), unless the text has been through that already
        (`rewritten`): `run_query` rewrites a named query once, before a page's rows go into
        it as VALUES blocks (rewriting the 585 KB of a page of `disagreements` took 33 ms).

        Raises:
            QueryError: a syntax error or a failure on the engine.
        """
        from .bindings import terms

        text = sparql if rewritten else label_service.rewrite(sparql)
        return self.store.query(text, bindings=terms(bindings))

    def select_texts(self, sparql: str, *, rewritten: bool = False) -> TextRows:
        """Run a SELECT, each cell as (its text, its SPARQL form): for rows that are only
        sorted and written back into a query, without making rdflib terms of them.

        Raises:
            QueryError: a syntax error, a failure on the engine, or not a SELECT.
        """
        return self.store.select_texts(sparql if rewritten else label_service.rewrite(sparql))

    def article_graphs(self) -> dict[str, tuple[str, str]]:
        """Article graph IRI -> (doc, content hash) for every article in the store."""
        found = self.query(
            _PREFIXES + "SELECT ?g ?doc ?hash WHERE { GRAPH ?g { ?g a sk:Article ; sk:doc ?doc"
            " . OPTIONAL { ?g sk:contentHash ?hash } } } ORDER BY ?doc ?g"
        )
        return {
            str(g): (str(doc), str(h) if h is not None else "") for g, doc, h in found.rows
        }

    def find_articles(self, names: Collection[str]) -> dict[str, tuple[str, str]]:
        """Article graph IRI -> (doc, content hash) of the articles `names` name, in the order
        of `article_graphs()`.

        A name is a document name, a content hash or an article graph IRI; names of no
        article are left out. Each kind is an index lookup (the article node carries
        `sk:doc` and `sk:contentHash` in its own graph), so finding one article does not read
        every article graph (0.1 ms against 0.7 s for the listing at 10^5 statements, 17 s at
        10^6).
        """
        from rdflib import Literal

        from .literals import iri_nt

        if not names:
            return {}
        literals = " ".join(dict.fromkeys(Literal(name).n3() for name in names))
        graphs = []
        for name in dict.fromkeys(names):
            try:
                graphs.append(iri_nt(name))
            except InputError:
                continue  # not an IRI, so not a graph's name
        # each branch starts from its index lookup; the OPTIONAL stands outside with ?g
        # bound (inside a branch, Oxigraph read every article graph: 70 ms against 0.1 ms)
        by_graph = ("\n  UNION { VALUES ?g { " + " ".join(graphs)
                    + " } GRAPH ?g { ?g a sk:Article ; sk:doc ?doc } }") if graphs else ""
        text = (
            _PREFIXES
            + "SELECT DISTINCT ?g ?doc ?hash WHERE {\n"
            + f"  {{ VALUES ?doc {{ {literals} }} GRAPH ?g {{ ?g sk:doc ?doc ; a sk:Article }} }}\n"
            + f"  UNION {{ VALUES ?hash {{ {literals} }}\n"
            + "          GRAPH ?g { ?g sk:contentHash ?hash ; a sk:Article ; sk:doc ?doc } }"
            + by_graph
            + "\n  OPTIONAL { GRAPH ?g { ?g sk:contentHash ?hash } }\n} ORDER BY ?doc ?g"
        )
        return {str(g): (str(doc), str(h) if h is not None else "")
                for g, doc, h in self.store.query(text).rows}

    def statements(self, *, article: str | None = None,
                   articles: Collection[str] | None = None) -> Iterator[Statement]:
        """Read the Statements back, article by article.

        Args:
            article: only this article: its content hash, its document name or its
                graph IRI.
            articles: only these articles (graph IRIs, names or hashes); unknown ones
                are left out.

        Raises:
            InputError: no such `article`.
        """
        if article is None and articles is None:
            graphs = self.article_graphs()
        else:
            graphs = self.find_articles([*([article] if article is not None else []),
                                         *(articles if articles is not None else ())])
            if article is not None:
                graphs = {g: v for g, v in graphs.items() if article in (g, *v)}
                if not graphs:
                    raise InputError(f"no article {article!r} in the graph")
            if articles is not None:
                wanted = set(articles)
                graphs = {g: v for g, v in graphs.items() if wanted & {g, *v}}
        if not graphs:
            return
        if article is None and articles is None:
            shared = list(self.store.triples(self.facts_graph))
            texts: Iterable[list[Any]] = (list(self.store.triples(graph)) for graph in graphs)
        else:  # the part of the facts graph these articles need: 14 s at 10^5 read it whole
            texts = [list(self.store.triples(graph)) for graph in graphs]
            shared = self._facts_for(texts)
        for found in rdf.read_many(texts, shared):
            yield from found

    def _facts_for(self, texts: Iterable[list[Any]]) -> list[Any]:
        """The triples of the facts graph that reading these article graphs back uses: the
        statement nodes they cite, the links to them, and the descriptions (`rdf.DESCRIBING`)
        of the subjects, values and value nodes of those."""
        from rdflib import URIRef

        facts = URIRef(self.facts_graph).n3()
        nodes = list(dict.fromkeys(str(s) for triples in texts for s, p, _ in triples
                                   if str(p) == rdf.PROV_DERIVED))
        found: list[Any] = []
        named: dict[str, None] = {}
        for k in range(0, len(nodes), 500):
            block = " ".join(URIRef(n).n3() for n in nodes[k:k + 500])
            rows = self.store.query(
                f"SELECT ?s ?p ?o WHERE {{ VALUES ?st {{ {block} }} GRAPH {facts} {{\n"
                "  { ?s ?p ?st BIND(?st AS ?o) } UNION { ?st ?p ?o BIND(?st AS ?s) } } }").rows
            for s, p, o in rows:
                found.append((s, p, o))
                for term in (s, o):
                    if isinstance(term, URIRef):
                        named[str(term)] = None
        cited = set(nodes)
        iris = [iri for iri in named if iri not in cited]
        predicates = " ".join(URIRef(p).n3() for p in rdf.DESCRIBING)
        for k in range(0, len(iris), 500):
            block = " ".join(URIRef(n).n3() for n in iris[k:k + 500])
            found += self.store.query(
                f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {block} }} VALUES ?p {{ {predicates} }}"
                f" GRAPH {facts} {{ ?s ?p ?o }} }}").rows
        return found

    def stats(self) -> dict[str, int]:
        """Counts of articles, statements, references, entities, persons and triples."""
        return {name: self.count(name) for name in STATS_QUERIES}

    def count(self, name: str) -> int:
        """One of the counts of `stats()` ("articles", "statements", ...): some are quick
        (articles: 0.06 s at 10^6 statements), some are not (statements: 16 s)."""
        rows = self.query(_PREFIXES + STATS_QUERIES[name]).rows
        return int(str(rows[0][0])) if rows and rows[0][0] is not None else 0

    def to_networkx(
        self, *, properties: Collection[str] | None = None, persons_only: bool = False
    ) -> nx.MultiDiGraph:
        """The graph as a NetworkX MultiDiGraph (see `sportkg.graph.nxgraph.to_networkx`)."""
        from .nxgraph import to_networkx

        return to_networkx(self, properties=properties, persons_only=persons_only)

    def serialize(self, fmt: str) -> str:
        """The whole graph in `fmt` (registry group `sportkg.exporters`)."""
        from .export import serialize

        return serialize(self, fmt)

    def dump(self, path: str | Path, fmt: str) -> None:
        """Write the whole graph to `path` in `fmt`."""
        from .export import dump

        dump(self, Path(path), fmt)

    def close(self) -> None:
        """Close the store (flushes and releases an on-disk store)."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


__all__ = ["AddResult", "KnowledgeGraph", "StoreError"]
