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

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sportkg import iris, registry
from sportkg.errors import InputError, StoreError
from sportkg.graph import label_service, rdf
from sportkg.graph.results import QueryResult
from sportkg.graph.stores import GraphWrite, Store
from sportkg.model import Article, Statement
from sportkg.ontology.namespaces import SK_IRI, WIKIBASE_IRI

if TYPE_CHECKING:
    import networkx as nx

_PREFIXES = f"PREFIX sk: <{SK_IRI}>\nPREFIX wikibase: <{WIKIBASE_IRI}>\n"

_ARTICLE_GRAPHS = _PREFIXES + """
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a sk:Article ; sk:doc ?doc .
                                      OPTIONAL { ?g sk:contentHash ?hash } } }"""

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


@dataclass(frozen=True)
class _Plan:
    """An article ready to be written: its own graph and its part of the facts graph."""

    info: rdf.ArticleInfo
    graph: str
    statements: list[Statement]
    lines: rdf.ArticleLines
    fingerprint: str
    append: bool


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


def _add_shared(shared: dict[str, None], lines: rdf.ArticleLines,
                described: set[str] | None) -> None:
    """Add an article's facts-graph lines, less the descriptions already written."""
    if not described:
        shared.update(dict.fromkeys(lines.shared))
        return
    for line in lines.shared:
        if line not in described or line not in lines.described:
            shared[line] = None


def _mentions(statements: Iterable[Statement], iris: Collection[str]) -> bool:
    """True when a statement names one of `iris` as subject, value or qualifier."""
    return any(entity.iri in iris for st in statements for entity in st.entities())


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
        """The layout mark of the store ("3", "2"), "0.1" for unmarked articles, None when empty."""
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
                per article holding its own statements; 2: a reference per statement).
        """
        found = self.layout()
        if found is not None and found != rdf.LAYOUT:
            what = ("each article's graph holds its own copy of every statement"
                    if found == "0.1" else "a reference per statement and article")
            raise StoreError(
                f"store {where} was built by an older sportkg (layout {found}: {what}); "
                f"convert it with `sportkg migrate --store {where}` (keeps every fact) or "
                f"build it again"
            )

    # ------------------------------------------------------------------ writing

    @property
    def kb_graph(self) -> str:
        """The IRI of the graph that holds knowledge-base descriptions."""
        return self.base + "kb"

    @property
    def facts_graph(self) -> str:
        """The IRI of the shared graph holding entity descriptions and statement nodes."""
        return rdf.facts_graph(self.base)

    def _lookup(self, plans: list[_Plan]) -> dict[str, list[tuple[str, str, str | None]]]:
        """doc -> [(graph, source key, fingerprint)] of the stored articles these plans touch."""
        from rdflib import Literal, URIRef

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
        found: dict[str, list[tuple[str, str, str | None]]] = {}
        by_graph: dict[str, list[tuple[str, str, str | None]]] = {}
        for g, doc, source, fp in self.store.query(text).rows:
            row = (str(g), str(source) if source is not None else "",
                   str(fp) if fp is not None else None)
            found.setdefault(str(doc), []).append(row)
            by_graph.setdefault(str(g), []).append(row)
        for plan in plans:
            for row in by_graph.get(plan.graph, []):
                if row not in found.setdefault(plan.info.doc, []):
                    found[plan.info.doc].append(row)
        return found

    def _rerank_groups(self, by_key: Mapping[str, Iterable[str]]) -> None:
        """Set the ranks again of the rank groups these rule statements touch."""
        from sportkg.graph import ranks

        for keys, subjects in ranks.groups_to_rerank(by_key).items():
            ranks.rerank(self.store, self.facts_graph, subjects, keys=keys)

    def _write_batch(self, plans: list[_Plan], *, bulk: bool = False,
                     described: set[str] | None = None,
                     defer: dict[str, dict[str, None]] | None = None) -> AddResult:
        """Decide per article (new, replaced, unchanged) and write the batch in one transaction.

        Statements that a replaced article alone supported are then removed from the facts
        graph, and the ranks of the subjects the batch touched are set again.

        Args:
            described: description lines (entities, value nodes) earlier batches of one load
                wrote, left out of this one; updated, and emptied after a sweep.
            defer: when given, the rule statements written (property -> subjects) are
                added to it instead of being ranked now (a bulk load ranks once at its end).
        """
        from sportkg.graph import people, ranks, sweep

        mapping = people.canonical(self.store, self.facts_graph, self.base,
                                   (s for plan in plans for s in plan.statements))
        if mapping:
            plans = [self._plan(p.info, people.rename(p.statements, mapping), append=p.append)
                     if _mentions(p.statements, mapping) else p for p in plans]
        fresh = [p for p in plans if not p.append]
        found = self._lookup(fresh) if fresh else {}
        writes: list[GraphWrite] = []
        shared: dict[str, None] = {}
        added = replaced = unchanged = triples = 0
        stale: list[str] = []
        dropped: list[str] = []
        written: list[_Plan] = []
        for plan in plans:
            if plan.append:
                writes.append(GraphWrite(plan.graph, tuple(plan.lines.article), replace=False))
                _add_shared(shared, plan.lines, described)
                stale.append(plan.graph)
                written.append(plan)
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
                unchanged += 1
                continue
            if present or older:
                replaced += 1
                dropped += [*older, *([plan.graph] if present else [])]
            else:
                added += 1
            lines = (*plan.lines.article, rdf.fingerprint_line(plan.info, plan.fingerprint,
                                                               base=self.base))
            writes.append(GraphWrite(plan.graph, lines, drop=tuple(older), replace=present))
            _add_shared(shared, plan.lines, described)
            written.append(plan)
        gone: tuple[list[str], list[str], list[str]] = ([], [], [])
        if dropped:
            gone = sweep.supported_by(self.store, self.facts_graph, dropped)
        if writes:
            shared[rdf.layout_line(self.base)] = None
            writes.append(GraphWrite(self.facts_graph, tuple(shared), replace=False))
        triples = sum(len(w.lines) for w in writes)
        if writes:
            self.store.write_many(writes, bulk=bulk)
        for graph in dict.fromkeys(stale):
            self.store.update(
                f"{_PREFIXES}DELETE WHERE {{ GRAPH <{graph}> {{ <{graph}> sk:fingerprint ?f }} }}"
            )
        if gone[0]:
            sweep.sweep_statements(self.store, self.facts_graph, gone[0])
        by_key = defer if defer is not None else {}
        for plan in written:
            for statement in plan.statements:
                if statement.property not in ranks.RULE_KEYS:
                    continue
                touched_side = by_key.setdefault(statement.property, {})
                touched_side[statement.subject.iri] = None
                value = getattr(statement.value, "iri", None)
                if value is not None:
                    touched_side[value] = None  # holds the relation from its side too
        if defer is None:
            self._rerank_groups(by_key)
        if gone[1]:
            ranks.rerank(self.store, self.facts_graph, gone[1])
        if gone[0]:
            sweep.sweep_entities(self.store, self.facts_graph, [*gone[1], *gone[2]])
        if described is not None:
            if gone[0] or len(described) > MAX_DESCRIBED:
                described.clear()  # a sweep may have removed some of them
            else:
                described.update(line for plan in written for line in plan.lines.described)
        return AddResult(added, replaced, unchanged,
                         sum(len(p.statements) for p in plans), triples)

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
        from sportkg.graph import ranks, sweep

        graphs = [g for g, (doc, content) in self.article_graphs().items()
                  if article in (g, doc, content)]
        if not graphs:
            raise InputError(f"no article {article!r} in the graph")
        nodes, subjects, objects = sweep.supported_by(self.store, self.facts_graph, graphs)
        self.store.write_many([GraphWrite(g, (), replace=True) for g in graphs])
        sweep.sweep_statements(self.store, self.facts_graph, nodes)
        ranks.rerank(self.store, self.facts_graph, subjects)
        sweep.sweep_entities(self.store, self.facts_graph, [*subjects, *objects])
        return len(graphs)

    def load_statements(self, statements: Iterable[Statement], *, bulk: bool = False,
                        batch_size: int | None = None) -> AddResult:
        """Add Statements read from JSON lines, one named graph per article.

        Statements are grouped by their `article` hash (or `doc` without one); each
        run of consecutive statements of one article replaces that article's graph,
        a later run of an article already seen in this call is added to it. Runs
        are written in batches of about `batch_size` statements, each batch in one
        transaction.

        Args:
            statements: the statements, usually consecutive per article.
            bulk: on the oxigraph backend, load with Oxigraph's bulk loader: several
                times faster but not transactional (meant for filling a new store). Ranks
                are then set once, after the last batch, not after each one.
            batch_size: statements per transaction (default `BATCH_STATEMENTS`, or
                `BULK_BATCH_STATEMENTS` with `bulk`).

        Raises:
            InputError: a statement has an unknown property or an invalid IRI; the
                batches before it are stored, the one holding it is not.
        """
        from concurrent.futures import Future, ThreadPoolExecutor

        total = AddResult()
        seen: set[str] = set()
        batch: list[_Plan] = []
        size = 0
        run: list[Statement] = []
        run_key = ""
        # One writer thread: batch k is written (Oxigraph releases the GIL) while batch
        # k + 1 is turned into lines here; batches still go to the store in order.
        pending: Future[AddResult] | None = None
        described: set[str] = set()
        defer: dict[str, dict[str, None]] | None = {} if bulk else None
        if batch_size is None:
            batch_size = BULK_BATCH_STATEMENTS if bulk else BATCH_STATEMENTS

        def close_run() -> None:
            nonlocal size
            info = rdf.ArticleInfo.from_statement(run[0])
            batch.append(self._plan(info, list(run), append=run_key in seen))
            seen.add(run_key)
            size += len(run)

        def submit(writer: ThreadPoolExecutor, plans: list[_Plan]) -> None:
            nonlocal total, pending
            if pending is not None:
                total += pending.result()
            pending = writer.submit(self._write_batch, plans, bulk=bulk, described=described,
                                    defer=defer)

        with ThreadPoolExecutor(max_workers=1) as writer:
            try:
                for statement in statements:
                    key = rdf.article_key(statement.doc, statement.article)
                    if run and key != run_key:
                        close_run()
                        run = []
                        if size >= batch_size:
                            submit(writer, batch)
                            batch, size = [], 0
                    run_key = key
                    run.append(statement)
                if run:
                    close_run()
                if batch:
                    submit(writer, batch)
            finally:
                # The batches before a failing one are stored, as when written in turn.
                if pending is not None:
                    done, pending = pending, None
                    total += done.result()
                if defer:
                    self._rerank_groups(defer)
        return total

    def add_kb(self, data: str, *, format: str = "turtle") -> int:
        """Add RDF (entity descriptions pulled from Wikidata) to the KB graph.

        Returns:
            The number of triples parsed.

        Raises:
            InputError: the data does not parse as `format`.
        """
        from rdflib import Graph

        graph = Graph()
        try:
            graph.parse(data=data, format=format)
        except Exception as exc:  # rdflib parsers raise many exception types
            raise InputError(f"KB data is not valid {format}: {exc}") from exc
        lines = [line for line in graph.serialize(format="nt").splitlines() if line.strip()]
        if any(line.startswith("_:") or " _:" in line for line in lines):
            lines = [line for line in lines if "_:" not in line]
        self.store.write(self.kb_graph, lines, replace=False)
        return len(graph)

    def link(self, iri: str, qid: str) -> None:
        """Record that the minted entity `iri` is Wikidata item `qid` (`owl:sameAs`, KB graph)."""
        from sportkg.graph.literals import iri_nt, string_nt

        item = iri_nt("http://www.wikidata.org/entity/" + qid)
        lines = [
            f"{iri_nt(iri)} <http://www.w3.org/2002/07/owl#sameAs> {item} .",
            f"{iri_nt(iri)} <{SK_IRI}qid> {string_nt(qid)} .",
        ]
        self.store.write(self.kb_graph, lines, replace=False)

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None) -> QueryResult:
        """Run SPARQL over the union of all graphs; `bindings` are bound safely.

        Raises:
            QueryError: a syntax error or a failure on the engine.
        """
        from sportkg.graph.bindings import terms

        return self.store.query(label_service.rewrite(sparql), bindings=terms(bindings))

    def run_named(self, name: str, **params: Any) -> QueryResult:
        """Run the named query `queries/<name>.rq` with typed parameters."""
        from sportkg.queries import run_query

        return run_query(self, name, params)

    def article_graphs(self) -> dict[str, tuple[str, str]]:
        """Article graph IRI -> (doc, content hash) for every article in the store."""
        found = self.query(
            _PREFIXES + "SELECT ?g ?doc ?hash WHERE { GRAPH ?g { ?g a sk:Article ; sk:doc ?doc"
            " . OPTIONAL { ?g sk:contentHash ?hash } } } ORDER BY ?doc ?g"
        )
        return {
            str(g): (str(doc), str(h) if h is not None else "") for g, doc, h in found.rows
        }

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
        graphs = self.article_graphs()
        if article is not None:
            graphs = {
                g: v for g, v in graphs.items() if article in (g, v[0], v[1])
            }
            if not graphs:
                raise InputError(f"no article {article!r} in the graph")
        if articles is not None:
            wanted = set(articles)
            graphs = {g: v for g, v in graphs.items() if wanted & {g, v[0], v[1]}}
        if not graphs:
            return
        shared = list(self.store.triples(self.facts_graph))
        texts = (self.store.triples(graph) for graph in graphs)
        for found in rdf.read_many(texts, shared):
            yield from found

    def stats(self) -> dict[str, int]:
        """Counts of articles, statements, references, entities, persons and triples."""
        out: dict[str, int] = {}
        for name, text in STATS_QUERIES.items():
            rows = self.query(_PREFIXES + text).rows
            out[name] = int(str(rows[0][0])) if rows and rows[0][0] is not None else 0
        return out

    def to_networkx(
        self, *, properties: Collection[str] | None = None, persons_only: bool = False
    ) -> nx.MultiDiGraph:
        """The graph as a NetworkX MultiDiGraph (see `sportkg.graph.nxgraph.to_networkx`)."""
        from sportkg.graph.nxgraph import to_networkx

        return to_networkx(self, properties=properties, persons_only=persons_only)

    def serialize(self, fmt: str) -> str:
        """The whole graph in `fmt` (registry group `sportkg.exporters`)."""
        from sportkg.graph.export import serialize

        return serialize(self, fmt)

    def dump(self, path: str | Path, fmt: str) -> None:
        """Write the whole graph to `path` in `fmt`."""
        from sportkg.graph.export import dump

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
