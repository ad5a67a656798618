"""Convert a store written in an older layout to the current one, keeping every fact.

In layout 0.1 each article's named graph held its own copy of every statement,
entity description and reference; in layout 2 the claims were shared but each
statement had a reference of its own in each article (quote, offsets,
extractor, confidence). `migrate` reads each article's Statements back (from
its graph alone, or with the shared facts graph), writes them into a new store
in the current layout (shared facts graph, a reference per sentence, the
reading on the statement), copies the KB graph, and only then swaps the
directories, keeping the old one beside it as `<store>.old-layout` until the
user removes it.

Layout 4 is layout 5 without each date also written at its precision in one literal, and
layout 3 is layout 4 without the index graph of marks (`sportkg.graph.marks`), so a store
of layout 3 or 4 is brought up to date in place (`KnowledgeGraph.upgrade`): one update
writes what is missing from what the store holds and marks the new layout, and nothing else
changes (a store of 10^6 statements took minutes to convert the other way, and would need
twice the disk).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError
from . import rdf

if TYPE_CHECKING:
    from rdflib.term import Node


@dataclass(frozen=True)
class MigrateResult:
    """What a migration did."""

    articles: int
    statements: int | None
    """The statements rewritten; None when the store was upgraded in place (counting them took
    16 s at 10^6 statements, and none is rewritten)."""
    kb_triples: int
    backup: Path | None
    """The old store, kept beside the new one; None when the store was upgraded in place."""
    added: tuple[str, ...] = ()
    """What an upgrade in place added, in words ("the index of marks", ...)."""


def _info(graph: str, triples: list[tuple[Node, Node, Node]]) -> rdf.ArticleInfo:
    """The article node of an article graph as the writer's ArticleInfo."""
    props = rdf.index(triples).get(graph, {})

    def text(name: str) -> str | None:
        value = rdf._first(props.get(rdf._sk(name)))
        return str(value) if value is not None else None

    url = rdf._first(props.get(rdf.SCHEMA_URL))
    lang = rdf._first(props.get(rdf.DCT_LANGUAGE))
    title = rdf._first(props.get(rdf.DCT_TITLE))
    content = text("contentHash") or ""
    doc = text("doc") or ""
    return rdf.ArticleInfo(
        key=rdf.article_key(doc, content), doc=doc, content_hash=content,
        source=text("sourceFile") or "", lang=str(lang) if lang is not None else None,
        date=text("published"), url=str(url) if url is not None else None,
        title=str(title) if title is not None else None)


def migrate(path: Path) -> MigrateResult:
    """Rewrite the old-layout oxigraph store at `path` in the current layout (a store of
    layout 3: add the index graph in place).

    Raises:
        StoreError: the store cannot be opened, is already in the current layout, or
            the backup folder exists from an earlier run.
    """
    from .kg import KnowledgeGraph

    path = Path(path)
    backup = path.with_name(path.name + ".old-layout")
    work = path.with_name(path.name + ".migrating")
    articles = statements = kb_triples = 0
    with KnowledgeGraph.open("oxigraph", path=path, check_layout=False) as old:
        if not old.old_layout():
            raise StoreError(f"store {path} is already in the current layout")
        if old.layout() in rdf.IN_PLACE:
            added = old.upgrade()
            return MigrateResult(old.count("articles"), None, 0, None, added)
        if backup.exists():
            raise StoreError(f"{backup} exists from an earlier migration; move it away first")
        shutil.rmtree(work, ignore_errors=True)
        layout = old.layout()
        shared = rdf.index(old.store.triples(old.facts_graph)) if layout != "0.1" else None
        with KnowledgeGraph.open("oxigraph", path=work, base=old.base) as new:
            for graph in old.article_graphs():
                triples = list(old.store.triples(graph))
                found = rdf.read_statements(triples, triples if shared is None else shared)
                info = _info(graph, triples)
                plan = new._plan(info, found)  # noqa: SLF001 - the same writer as add_article
                new._write_batch([plan])  # noqa: SLF001
                articles += 1
                statements += len(found)
            kb = [f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in old.store.triples(old.kb_graph)]
            if kb:
                new.store.write(new.kb_graph, kb, replace=False)
                kb_triples = len(kb)
    path.rename(backup)
    work.rename(path)
    return MigrateResult(articles, statements, kb_triples, backup)
