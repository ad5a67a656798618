"""The graph commands: `load`, `query`, `export`, `stats`, `validate` and `migrate`.

They share `--store DIR` (the embedded Oxigraph directory, default
`sportkg-store`), `--backend oxigraph|memory|sparql` and `--store-endpoint URL`
(`sportkg.commands.options`); `open_kg` opens a graph the same way for the other
command modules.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import ConfigError, InputError, QueryError
from .group import usage_error
from .options import (
    DEFAULT_STORE,
    BackendOpt,
    ExportFormatOpt,
    QueryFormat,
    QueryFormatOpt,
    StatsFormat,
    StatsFormatOpt,
    StoreEndpointOpt,
    StoreOpt,
)
from .output import counts_text, plural, say, store_counts, warn

if TYPE_CHECKING:
    from ..graph.kg import KnowledgeGraph
    from ..graph.results import QueryResult
    from ..model import Statement
    from ..queries import NamedQuery

EndpointOpt = StoreEndpointOpt
"""The store endpoint option (the name other command modules import)."""


def open_kg(
    store: str | Path | None = DEFAULT_STORE,
    backend: str = "oxigraph",
    endpoint: str | None = None,
    read_only: bool = False,
) -> KnowledgeGraph:
    """Open the knowledge graph the CLI options describe.

    Args:
        store: the store directory (used by backends that keep one, i.e. oxigraph).
        backend: a name of the `sportkg.stores` registry.
        endpoint: SPARQL endpoint URL of the sparql backend.
        read_only: open without write access.

    A memory store starts empty and is gone when the command ends, so opening one
    from the command line warns that nothing will be kept.

    Raises:
        ConfigError: unknown backend. StoreError: the store cannot be opened.
    """
    from .. import registry
    from ..graph.kg import KnowledgeGraph

    if backend == "sparql" and not endpoint:
        raise ConfigError("the sparql backend needs --store-endpoint URL, e.g. "
                          "http://127.0.0.1:7878/query")
    if backend == "memory":
        warn("--backend memory starts empty and keeps nothing after the command ends; "
             "use --store DIR (backend oxigraph) or --backend sparql to keep the graph")
    store_class = registry.get("sportkg.stores", backend)
    path = store if getattr(store_class, "uses_path", False) else None
    return KnowledgeGraph.open(backend, path=path, endpoint=endpoint, read_only=read_only)


def _lines(path: str) -> Iterator[tuple[str, int, str]]:
    if path == "-":
        for number, line in enumerate(sys.stdin, 1):
            yield "<stdin>", number, line
        return
    file = Path(path)
    if not file.is_file():
        raise InputError(f"{path}: no such file")
    with file.open(encoding="utf-8") as handle:
        try:
            for number, line in enumerate(handle, 1):
                yield path, number, line
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def read_statements(paths: list[str]) -> Iterator[Statement]:
    """Statements from JSON-lines files ("-" for stdin), each checked as the store would.

    A line is read, turned into a Statement and checked by the writer's own term
    builders, so whatever would stop the write stops here, before anything is stored.

    Raises:
        InputError: naming `file:line` and the problem (bad JSON, a lone surrogate, an
            integer too long, a malformed statement or date, an unknown property or
            qualifier, an invalid IRI).
    """
    from ..extract.readers import parse_json_line
    from ..graph import rdf
    from ..model import Statement
    from ..ontology.relations import RELATIONS

    for path in paths:
        for name, number, line in _lines(path):
            if not line.strip():
                continue
            try:
                statement = Statement.from_dict(parse_json_line(line))
                for key in (statement.property, *(k for k, _ in statement.qualifiers)):
                    if key not in RELATIONS:
                        raise InputError(
                            f"unknown property {key!r}. Available: {', '.join(sorted(RELATIONS))}"
                        )
                rdf.check_statement(statement)
            except InputError as exc:
                raise InputError(f"{name}:{number}: {exc}") from exc
            yield statement


def load(
    paths: Annotated[
        list[str],
        typer.Argument(help="Statement JSON-lines files (from `sportkg extract`), - for stdin."),
    ],
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
    bulk: Annotated[
        bool,
        typer.Option("--bulk", help="Oxigraph bulk loader: faster, not transactional "
                     "(for filling a new store)."),
    ] = False,
) -> None:
    """Load Statements (JSON lines) into the graph, one named graph per article.

    Every line is checked before anything is written, so a bad file leaves the
    store as it was.
    """
    from ..graph.spool import Spool

    with Spool() as spool:
        spool.extend(read_statements(paths))  # every line parsed and checked once, first
        with open_kg(store, backend, store_endpoint) as kg:
            result = kg.load_statements(spool, bulk=bulk)
            stats = kg.stats()
    say(f"loaded {plural(result.statements, 'statement')}: "
        f"{plural(result.added, 'article')} added, {result.replaced} replaced, "
        f"{result.unchanged_graphs} unchanged; graph now {counts_text(stats)}")


def query(
    name: Annotated[
        str | None, typer.Argument(help="A named query (see --list) or a .rq / .sparql file.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", metavar="NAME=VALUE",
                     help="Query parameter (repeatable); see --list for each query's."),
    ] = None,
    format: QueryFormatOpt = QueryFormat.table,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Rows per page (reports such as low_confidence "
                     "show 1,000 unless told otherwise; the total goes to stderr)."),
    ] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Rows to skip (paging).")] = 0,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Run a named SPARQL query or a query file and print the result.

    When a name parameter (e.g. athlete, person) matches nobody in the graph,
    stderr says so and suggests the closest names.
    """
    from ..queries import load_query, named_queries, parse_params

    if list_ or name is None:
        for item in named_queries():
            params = " ".join(
                f"[{p.name}={p.type}]" if not p.required else f"{p.name}={p.type}"
                for p in item.params
            )
            typer.echo(f"{item.name:<22} {item.title}" + (f"  ({params})" if params else ""))
        if name is None and not list_:
            raise usage_error("give a query name or file (see the list above)")
        return
    named = load_query(name)
    values = parse_params(param or [])
    with open_kg(store, backend, store_endpoint, read_only=backend == "oxigraph") as kg:
        from ..queries import run_query

        try:
            result = run_query(kg, named, values, limit=limit, offset=offset)
        except QueryError as exc:
            raise QueryError(user_lines(str(exc), added_lines(name, named.text))) from exc
        unknown = _unknown_names(kg, named, values, result)
    typer.echo(_formatted(result, format.value, query_text=named.text), nl=False)
    if result.total is not None and (offset or len(result) < result.total):
        say(f"rows {offset + 1 if len(result) else offset}-{offset + len(result)} of "
            f"{result.total:,}; more with --offset {offset + len(result)}"
            if offset + len(result) < result.total else
            f"rows {offset + 1}-{offset + len(result)} of {result.total:,}")
    for key, value, close in unknown:
        quoted = [repr(c) for c in close]
        either = " or ".join(filter(None, [", ".join(quoted[:-1]), *quoted[-1:]]))
        hint = f"; did you mean {either}?" if close else ""
        say(f"no one in the graph is named {value!r} (--param {key}){hint}")


def _formatted(result: QueryResult, fmt: str, *, query_text: str) -> str:
    """The result in `fmt`; a CONSTRUCT or DESCRIBE without triples as an empty graph.

    A result without triples cannot tell which form it came from, so the query text
    decides: an empty graph is written as a non-empty one would be (JSON-LD `[]` for
    json, N-Triples, that is nothing, otherwise), not as an empty table of rows.
    """
    from ..graph.results import format_result
    from ..graph.stores import query_form

    if not result.triples and query_form(query_text) in ("CONSTRUCT", "DESCRIBE"):
        return "[]\n" if fmt == "json" else ""
    return format_result(result, fmt)


def added_lines(name: str, text: str) -> int:
    """How many lines were put in front of the query the user wrote (prefixes, a title)."""
    from ..queries import QUERY_DIR

    path = Path(name)
    if not (name.endswith((".rq", ".sparql")) or "/" in name):
        path = QUERY_DIR / f"{name}.rq"
    try:
        own = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 0
    return max(0, text.count("\n") - own.count("\n")) if text.endswith(own) else 0


_LINE_AT = re.compile(r"(\bat |\bline[: ]|\(line:)(\d+)")


def user_lines(message: str, offset: int) -> str:
    """`message` with the line numbers it names counted in the user's own query text.

    Examples:
        >>> user_lines("SPARQL syntax error: error at 31:1: expected ...", 27)
        'SPARQL syntax error: error at 4:1: expected ...'
        >>> user_lines("Expected SelectQuery (at char 1322), (line:29, col:3)", 26)
        'Expected SelectQuery (at char 1322), (line:3, col:3)'
    """
    if not offset:
        return message

    def shift(match: re.Match[str]) -> str:
        number = int(match.group(2))
        return match.group(1) + str(number - offset if number > offset else number)

    return _LINE_AT.sub(shift, message)


NAME_QUERY = """
PREFIX sk: <https://w3id.org/sportkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?label WHERE { ?entity sk:entityType "person" ; rdfs:label ?label . }
"""
"""The names of the people in the graph (to suggest one for a name that matches nobody)."""


def is_name_param(named: NamedQuery, key: str) -> bool:
    """True when parameter `key` of the query is a person's name ("Name of ..." in its help)."""
    return any(p.name == key and p.type in ("string", "name")
               and p.help.lower().startswith("name of")
               for p in named.params)


def close_names(value: str, names: list[str], *, limit: int = 3) -> list[str]:
    """The names closest to `value`: those with all its words, else similar spellings.

    Examples:
        >>> close_names("hassan", ["Sifan Hassan", "Ruth Okafor"])
        ['Sifan Hassan']
        >>> close_names("Ruth Okafr", ["Sifan Hassan", "Ruth Okafor"])
        ['Ruth Okafor']
        >>> close_names("hasan", ["Sifan Hassan", "Ruth Okafor"])
        ['Sifan Hassan']
    """
    import difflib

    wanted = value.casefold().split()
    by_word = [n for n in names if wanted and all(w in n.casefold().split() for w in wanted)]
    if by_word:
        return sorted(by_word)[:limit]

    def score(name: str) -> float:
        folded = name.casefold()
        whole = difflib.SequenceMatcher(None, value.casefold(), folded).ratio()
        words = [difflib.SequenceMatcher(None, " ".join(wanted), word).ratio()
                 for word in folded.split()] if len(wanted) == 1 else []
        return max([whole, *words])

    scored = sorted(((score(n), n) for n in names), key=lambda pair: (-pair[0], pair[1]))
    return [name for points, name in scored if points >= 0.75][:limit]


def _unknown_names(
    kg: KnowledgeGraph, named: NamedQuery, values: dict[str, str], result: QueryResult
) -> list[tuple[str, str, list[str]]]:
    """The name parameters of an empty result that match no one: (param, value, close names)."""
    asked = {k: v for k, v in values.items() if is_name_param(named, k)}
    if len(result) or not asked:
        return []
    names = sorted({str(row[0]) for row in kg.query(NAME_QUERY).rows if row[0] is not None})
    known = {n.casefold() for n in names}
    return [(key, value, close_names(value, names))
            for key, value in asked.items() if value.casefold() not in known]


def export_format(format: str | None, out: str) -> str:
    """The export format: `--format`, else the one the `--out` extension names, else turtle.

    Examples:
        >>> export_format(None, "graph.nq"), export_format("ttl", "graph.nq")
        ('nquads', 'turtle')

    Raises:
        UsageError: `--out` has an extension that names no format and `--format` is absent.
    """
    from ..graph.export import FORMAT_SUFFIXES, format_for_path, format_name

    if format is not None:
        return format_name(format)
    if out == "-":
        return "turtle"
    found = format_for_path(out)
    if found is None:
        suffixes = ", ".join(sorted(FORMAT_SUFFIXES))
        raise usage_error(f"cannot tell the export format from {out!r}; give --format or an "
                          f"--out extension: {suffixes}")
    return found


def export(
    format: ExportFormatOpt = None,
    out: Annotated[
        str, typer.Option("--out", "-o", metavar="FILE", help="Output file; - for stdout.")
    ] = "-",
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Export the whole graph (TriG, N-Quads and JSON-LD keep the article graphs)."""
    fmt = export_format(format, out)  # a bad format fails before the store is opened
    with open_kg(store, backend, store_endpoint, read_only=backend == "oxigraph") as kg:
        if out == "-":
            typer.echo(kg.serialize(fmt), nl=False)
            return
        kg.dump(Path(out), fmt)  # written whole or not at all
    say(f"wrote {fmt} to {out}")


def stats(
    format: StatsFormatOpt = StatsFormat.table,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Count articles, statements, references, entities, persons and quads."""
    with open_kg(store, backend, store_endpoint, read_only=backend == "oxigraph") as kg:
        counts = store_counts(kg.stats())
    if format is StatsFormat.json:
        typer.echo(json.dumps(counts))
        return
    for key, value in counts.items():
        typer.echo(f"{key:<12} {value}")


def validate(
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    store_endpoint: StoreEndpointOpt = None,
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations."""
    from ..graph.validate import validate_kg

    with open_kg(store, backend, store_endpoint, read_only=backend == "oxigraph") as kg:
        report = validate_kg(kg)
    if report.conforms:
        typer.echo(f"conforms: {plural(report.focus_nodes, 'node')} checked, no violations")
        return
    for line in report.messages[:50]:
        typer.echo(line)
    more = len(report.messages) - 50
    if more > 0:
        typer.echo(f"... and {more} more")
    typer.echo(plural(len(report.messages), "violation"), err=True)
    raise typer.Exit(1)


def migrate(store: StoreOpt = DEFAULT_STORE) -> None:
    """Convert a store built by an older sportkg to the current layout, keeping every fact.

    The old store is kept beside it as STORE.old-layout until you remove it; a store that
    only lacks the index of marks or the one-literal dates (layouts 3 and 4) gets them in
    place.
    """
    from ..graph.migrate import migrate as run_migrate

    result = run_migrate(Path(store))
    if result.backup is None or result.statements is None:
        say(f"added {' and '.join(result.added)} to {store} "
            f"({plural(result.articles, 'article')}); it is in the current layout now")
        return
    say(f"migrated {plural(result.articles, 'article')} "
        f"({plural(result.statements, 'statement')}, {plural(result.kb_triples, 'KB triple')})"
        f" to the current layout in {store}; the old store is kept as {result.backup}")


def register(app: typer.Typer) -> None:
    """Add `load`, `query`, `export`, `stats` and `validate` to the sportkg app."""
    app.command("load")(load)
    app.command("query")(query)
    app.command("export")(export)
    app.command("stats")(stats)
    app.command("validate")(validate)
    app.command("migrate")(migrate)
