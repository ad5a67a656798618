"""The knowledge-base commands: `kb pull`, `kb load`, `kb stats`, `kb lookup`, `link`, `enrich`.

A thin layer over `sportkg.kb` (records, files, the Wikidata client, pulls and the
store's KB graph) and `sportkg.extract.linking`: options are parsed here, the work is
done there, and only this module prints. Pulled and loaded records go into the store's
KB graph in one write (`kb.store.add_records`), so a failure leaves the KB as it was.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .group import SportKGGroup
from .options import (
    DEFAULT_STORE,
    WIKIDATA,
    BackendOpt,
    StoreEndpointOpt,
    StoreOpt,
    WikidataEndpointOpt,
)
from .output import plural, say

if TYPE_CHECKING:
    from ..graph.kg import KnowledgeGraph
    from ..kb.wikidata import WikidataClient

kb_app = typer.Typer(
    name="kb",
    help="The knowledge base: pull from Wikidata, load files, show what it holds.",
    no_args_is_help=True,
    cls=SportKGGroup,
    rich_markup_mode=None,
)

OfflineOpt = Annotated[
    bool, typer.Option("--offline", help="Answer from the query cache only; never use the network.")
]
TimeoutOpt = Annotated[
    float, typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds per request.")
]
RetriesOpt = Annotated[
    int, typer.Option("--retries", min=0, metavar="N", help="Retries on 429, 5xx, timeout.")
]
CacheOpt = Annotated[
    Path | None,
    typer.Option("--cache-dir", metavar="DIR",
                 help="Query cache directory (default: ~/.cache/sportkg)."),
]
ThresholdOpt = Annotated[
    float,
    typer.Option("--threshold", min=0.0, max=1.0, metavar="SCORE",
                 help="Link a name only when its best candidate scores at least this (0-1)."),
]


def _client(
    endpoint: str, *, offline: bool, timeout: float, retries: int, cache_dir: Path | None
) -> WikidataClient:
    from ..kb.wikidata import DEFAULT_CACHE_DIR, WikidataClient

    return WikidataClient(
        endpoint, offline=offline, timeout=timeout, retries=retries,
        cache_dir=cache_dir if cache_dir is not None else DEFAULT_CACHE_DIR,
    )


@contextmanager
def _opened(
    store: Path, backend: str, endpoint: str | None, *, read_only: bool = False
) -> Iterator[KnowledgeGraph]:
    """The store (through the graph area's `open_kg`), open for a `with` block and closed
    after it (also when the block fails)."""
    from .graph import open_kg

    kg = open_kg(store, backend, endpoint, read_only=read_only)
    try:
        yield kg
    finally:
        kg.close()


@kb_app.command("relink")
def relink_command(
    threshold: ThresholdOpt = 0.5,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Link minted entities of the store to KB items where the KB now knows them, and name
    each by one IRI (the old one kept as owl:sameAs)."""
    from ..kb.store import relink

    with _opened(store, backend, store_endpoint) as kg:
        linked, joined = relink(kg, threshold=threshold)
    say(f"{plural(linked, 'minted entity')} linked to Wikidata items, "
        f"{plural(joined, 'name-only person')} joined to the one sport-specific person of "
        "their name (statements rewritten; the old IRIs kept as owl:sameAs)")


@kb_app.command("merge")
def merge_command(
    retired: Annotated[str, typer.Argument(metavar="RETIRED",
                                           help="The IRI to retire (a minted entity).")],
    kept: Annotated[str, typer.Argument(metavar="KEPT",
                                        help="The IRI to keep (minted, or wd:Q... / Q...).")],
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Make two IRIs one entity: every statement naming RETIRED is rewritten to KEPT, and
    RETIRED is kept as owl:sameAs of KEPT."""
    retired, _ = _entity_iri(retired)
    kept, qid = _entity_iri(kept)
    with _opened(store, backend, store_endpoint) as kg:
        changed = kg.merge_entities(retired, kept, qid=qid)
    say(f"{plural(changed, 'statement')} rewritten from {retired} to {kept}")


def _entity_iri(text: str) -> tuple[str, str | None]:
    """An IRI as a user writes it ("Q123", "wd:Q123", a full IRI) and its QID, if any."""
    from ..model import WIKIDATA_ENTITY

    bare = text.removeprefix("wd:").removeprefix(WIKIDATA_ENTITY)
    if bare[:1] == "Q" and bare[1:].isdigit():
        return WIKIDATA_ENTITY + bare, bare
    return text, None


@kb_app.command("pull")
def pull(
    qids: Annotated[
        list[str] | None, typer.Argument(metavar="QIDS", help="Wikidata items to pull (Q...).")
    ] = None,
    sport: Annotated[
        list[str] | None,
        typer.Option("--sport", metavar="QID", help="Pull the people of this sport."),
    ] = None,
    occupation: Annotated[
        list[str] | None,
        typer.Option("--occupation", metavar="QID",
                     help="Pull the people with this occupation."),
    ] = None,
    edition: Annotated[
        list[str] | None,
        typer.Option("--edition", metavar="QID",
                     help="Pull the participants of this Games edition."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, metavar="N",
                                 help="At most this many items per selection.")
    ] = None,
    page_size: Annotated[
        int, typer.Option("--page-size", min=1, metavar="N", help="Rows per page.")
    ] = 5000,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, metavar="N",
                          help="Items per CONSTRUCT request.")
    ] = 200,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="FILE",
                                  help="Also write the pulled Turtle to this file.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Pull and report, but do not touch the store.")
    ] = False,
    wikidata_endpoint: WikidataEndpointOpt = WIKIDATA,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 60.0,
    retries: RetriesOpt = 4,
    cache_dir: CacheOpt = None,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Fill the KB from Wikidata: people of a sport / occupation / Games edition, or QIDs."""
    from ..kb.pull import pull as run_pull
    from ..kb.store import add_records

    client = _client(wikidata_endpoint, offline=offline, timeout=timeout, retries=retries,
                     cache_dir=cache_dir)
    result = run_pull(
        client, sports=sport or (), occupations=occupation or (), editions=edition or (),
        qids=qids or (), limit=limit, page_size=page_size, batch_size=batch_size,
    )
    if out is not None:
        from ..graph.export import atomic_file

        with atomic_file(out) as handle:  # written whole or not at all
            handle.write(result.turtle)
    added = linked = 0
    if not dry_run:
        with _opened(store, backend, store_endpoint) as kg:
            added, linked = add_records(kg, result.turtle)
    people = sum(1 for e in result.entities if e.type == "person")
    say(f"pulled {plural(len(result.entities), 'item')} "
        f"({plural(people, 'person')}) from {wikidata_endpoint} "
        f"in {plural(client.requests, 'request')}; {plural(added, 'triple')} added to the KB "
        f"graph; {plural(linked, 'minted entity')} linked")


@kb_app.command("load")
def load(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILES",
        help="Wikidata JSON (wbgetentities or dump lines), our KB JSON, or Turtle files.")],
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Load KB records from files into the store's KB graph (all files, or nothing)."""
    from ..kb.io import entities_to_turtle, read_kb_file
    from ..kb.store import add_records

    entities = [entity for path in files for entity in read_kb_file(path)]
    with _opened(store, backend, store_endpoint) as kg:
        added, linked = add_records(kg, entities_to_turtle(entities))
    say(f"loaded {plural(len(entities), 'item')} from {plural(len(files), 'file')}; "
        f"{plural(added, 'triple')} added to the KB graph; "
        f"{plural(linked, 'minted entity')} linked")


@kb_app.command("stats")
def stats(
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
    bundled_only: Annotated[
        bool, typer.Option("--bundled", help="Only the KB shipped with sportkg.")
    ] = False,
) -> None:
    """Count KB entities by type: the bundled KB and the store's KB graph."""
    from collections import Counter

    from ..kb.kb import KnowledgeBase
    from ..kb.store import store_kb

    rows: list[tuple[str, Counter[str]]] = [
        ("bundled", Counter(e.type for e in KnowledgeBase.bundled().entities()))
    ]
    if not bundled_only:
        with _opened(store, backend, store_endpoint, read_only=True) as kg:
            rows.append(("store", Counter(e.type for e in store_kb(kg).entities())))
    for name, counts in rows:
        detail = ", ".join(f"{t} {n}" for t, n in sorted(counts.items()))
        typer.echo(f"{name}: {plural(sum(counts.values()), 'entity')}"
                   + (f" ({detail})" if detail else ""))


@kb_app.command("lookup")
def lookup(
    name: Annotated[str, typer.Argument(help="A name as it appears in a text.")],
    type: Annotated[
        str | None, typer.Option("--type", metavar="TYPE", help="Mention type, e.g. person.")
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, metavar="N", help="Show at most this many candidates.")
    ] = 10,
) -> None:
    """Show the bundled KB's candidates for a name (match kind and score)."""
    from ..kb.kb import KnowledgeBase

    for cand in KnowledgeBase.bundled().lookup(name, type=type, limit=limit):
        typer.echo(f"{cand.score:.2f}\t{cand.match}\t{cand.entity.qid or cand.entity.iri}\t"
                   f"{cand.entity.label}\t{cand.entity.type}")


def link(
    names: Annotated[list[str], typer.Argument(
        metavar="NAMES",
        help="Names to link; with --articles, article files or directories (- for stdin).")],
    type: Annotated[
        str, typer.Option("--type", metavar="TYPE", help="Mention type (person, award, ...).")
    ] = "person",
    context: Annotated[
        str, typer.Option("--context", metavar="TEXT",
                          help="Text around the names (sport, nationality words).")
    ] = "",
    articles: Annotated[
        bool, typer.Option("--articles", help="Find the mentions in articles and link each.")
    ] = False,
    online: Annotated[
        bool, typer.Option("--online", help="Ask --wikidata-endpoint by exact label when the "
                                            "KB cannot resolve a name (answers are cached).")
    ] = False,
    with_store: Annotated[
        bool, typer.Option("--with-store", help="Also use the KB graph of --store.")
    ] = False,
    threshold: ThresholdOpt = 0.5,
    pipeline: Annotated[
        str, typer.Option("--pipeline", metavar="NAME", help="spaCy pipeline for --articles.")
    ] = "auto",
    wikidata_endpoint: WikidataEndpointOpt = WIKIDATA,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 30.0,
    retries: RetriesOpt = 2,
    cache_dir: CacheOpt = None,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Link names (or every mention of articles) to the KB and, with --online, to Wikidata.

    Prints one JSON line per name or mention: the entity and the link note (score and
    scored candidates).
    """
    from ..extract.linking import EntityLinker, LinkContext, Linker
    from ..kb.kb import KnowledgeBase
    from ..kb.pull import online_fallback
    from ..kb.store import store_kb

    kb = KnowledgeBase.bundled()
    if with_store:
        with _opened(store, backend, store_endpoint, read_only=True) as kg:
            kb = kb.merge(store_kb(kg))
    fallback = None
    if online or offline:
        client = _client(wikidata_endpoint, offline=offline, timeout=timeout, retries=retries,
                         cache_dir=cache_dir)
        fallback = online_fallback(client)
    if articles:
        _link_articles(names, EntityLinker(None, kb=kb, threshold=threshold, fallback=fallback),
                       pipeline=pipeline)
        return
    linker = Linker(kb, threshold=threshold, fallback=fallback)
    base = LinkContext.from_text(context, kb=kb) if context else LinkContext()
    for name in names:
        local = base.with_sentence(context, at=context.find(name), kb=kb) \
            if context and name in context else base
        entity, note = linker.link(name, type, local)
        typer.echo(json.dumps({"entity": entity.to_dict(), "note": note.to_dict()},
                              ensure_ascii=False))


def _link_articles(paths: list[str], component: Any, *, pipeline: str) -> None:
    """Run mention detection over the articles and print every mention's link decision."""
    from ..extract.readers import ReadFailure, read_paths
    from ..model import Article
    from ..pipeline import pipeline_for

    failed = False
    for item in read_paths(paths):
        if isinstance(item, ReadFailure) or not isinstance(item, Article):
            typer.echo(f"sportkg: {item}", err=True)
            failed = True
            continue
        nlp = pipeline_for(item.lang, pipeline=pipeline, linker=False)
        doc = component(nlp(item.text))
        for (start, end), (entity, note) in sorted(doc.user_data["sportkg_links"].items()):
            typer.echo(json.dumps({
                "doc": item.id, "start": start, "end": end, "mention": doc.text[start:end],
                "entity": entity.to_dict(), "note": note.to_dict(),
            }, ensure_ascii=False))
    if failed:
        # SystemExit, not typer.Exit: the app runs with standalone_mode=False, where click
        # turns typer.Exit into a return value instead of the exit code
        sys.exit(1)


def enrich(
    wikidata_endpoint: WikidataEndpointOpt = WIKIDATA,
    offline: OfflineOpt = False,
    timeout: TimeoutOpt = 60.0,
    retries: RetriesOpt = 4,
    cache_dir: CacheOpt = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, metavar="N",
                          help="Items per request to Wikidata.")
    ] = 50,
    report: Annotated[
        bool, typer.Option("--report", help="Then print the facts Wikidata lacks or disputes.")
    ] = False,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Pull Wikidata's own statements of the linked entities into the KB graph."""
    from ..kb.store import enrich_store

    client = _client(wikidata_endpoint, offline=offline, timeout=timeout, retries=retries,
                     cache_dir=cache_dir)
    with _opened(store, backend, store_endpoint) as kg:
        items, added = enrich_store(kg, client, batch_size=batch_size)
        say(f"enriched {plural(items, 'linked item')} from {wikidata_endpoint}; "
            f"{plural(added, 'triple')} added")
        if report:
            from ..graph.results import format_result
            from ..queries import run_query

            answer = run_query(kg, "wikidata_gaps")
            typer.echo(format_result(answer, "table"))


def register(app: typer.Typer) -> None:
    """Add `kb` (pull, load, relink, stats, lookup), `link` and `enrich` to the CLI."""
    app.add_typer(kb_app, name="kb")
    app.command("link")(link)
    app.command("enrich")(enrich)
