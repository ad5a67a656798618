"""The graph commands: `load`, `query`, `export`, `stats` and `validate`.

They share `--store DIR` (the embedded Oxigraph directory, default
`sportkg-store`), `--backend oxigraph|memory|sparql` and `--endpoint URL`;
`open_kg` opens a graph the same way for the other command modules.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sportkg.errors import InputError

if TYPE_CHECKING:
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.model import Statement

DEFAULT_STORE = Path("sportkg-store")

StoreOpt = Annotated[
    Path, typer.Option("--store", help="Store directory of the oxigraph backend.")
]
BackendOpt = Annotated[
    str, typer.Option("--backend", help="Store backend: oxigraph, memory or sparql.")
]
EndpointOpt = Annotated[
    str | None,
    typer.Option("--endpoint", help="SPARQL query endpoint URL (sparql backend)."),
]


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

    Raises:
        ConfigError: unknown backend. StoreError: the store cannot be opened.
    """
    from sportkg import registry
    from sportkg.graph.kg import KnowledgeGraph

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
    """Statements from JSON-lines files ("-" for stdin), checked against the relation table.

    Raises:
        InputError: naming `file:line` and the problem (bad JSON, a malformed
            statement, an unknown property or qualifier).
    """
    from sportkg.model import Statement
    from sportkg.ontology.relations import RELATIONS

    for path in paths:
        for name, number, line in _lines(path):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{name}:{number}: invalid JSON: {exc.msg} (column {exc.colno})"
                ) from exc
            try:
                statement = Statement.from_dict(data)
            except InputError as exc:
                raise InputError(f"{name}:{number}: {exc}") from exc
            for key in (statement.property, *(k for k, _ in statement.qualifiers)):
                if key not in RELATIONS:
                    raise InputError(
                        f"{name}:{number}: unknown property {key!r}. "
                        f"Available: {', '.join(sorted(RELATIONS))}"
                    )
            yield statement


def load(
    paths: Annotated[
        list[str],
        typer.Argument(help="Statement JSON-lines files (from `sportkg extract`), - for stdin."),
    ],
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    endpoint: EndpointOpt = None,
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
    from sportkg import settings

    if "-" in paths:
        statements = list(read_statements(paths))
    else:
        for _ in read_statements(paths):  # validate every line first
            pass
        statements = None
    with open_kg(store, backend, endpoint) as kg:
        result = kg.load_statements(
            statements if statements is not None else read_statements(paths), bulk=bulk
        )
        stats = kg.stats()
    if not settings.QUIET:
        typer.echo(
            f"loaded {result.statements} statements: {result.added} articles added, "
            f"{result.replaced} replaced, {result.unchanged_graphs} unchanged; graph now "
            + ", ".join(f"{k} {v}" for k, v in stats.items()),
            err=True,
        )


def query(
    name: Annotated[
        str | None, typer.Argument(help="A named query (see --list) or a .rq / .sparql file.")
    ] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter NAME=VALUE (repeatable)."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, tsv or json.")
    ] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    endpoint: EndpointOpt = None,
) -> None:
    """Run a named SPARQL query or a query file and print the result."""
    from sportkg.errors import ConfigError
    from sportkg.graph.results import format_result
    from sportkg.queries import load_query, named_queries, parse_params

    if list_ or name is None:
        for item in named_queries():
            params = " ".join(
                f"[{p.name}={p.type}]" if not p.required else f"{p.name}={p.type}"
                for p in item.params
            )
            typer.echo(f"{item.name:<22} {item.title}" + (f"  ({params})" if params else ""))
        if name is None and not list_:
            raise ConfigError("give a query name or file (see the list above)")
        return
    named = load_query(name)
    values = parse_params(param or [])
    with open_kg(store, backend, endpoint, read_only=backend == "oxigraph") as kg:
        from sportkg.queries import run_query

        result = run_query(kg, named, values)
    typer.echo(format_result(result, format), nl=False)


def export(
    format: Annotated[
        str,
        typer.Option("--format", "-f",
                     help="turtle, trig, ntriples, nquads, json-ld or graphml."),
    ] = "turtle",
    out: Annotated[str, typer.Option("--out", "-o", help="Output file; - for stdout.")] = "-",
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    endpoint: EndpointOpt = None,
) -> None:
    """Export the whole graph (TriG, N-Quads and JSON-LD keep the article graphs)."""
    from sportkg import settings
    from sportkg.graph.export import exporter

    exporter(format)  # an unknown format fails before the store is opened
    with open_kg(store, backend, endpoint, read_only=backend == "oxigraph") as kg:
        if out == "-":
            typer.echo(kg.serialize(format), nl=False)
            return
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        kg.dump(target, format)
    if not settings.QUIET:
        typer.echo(f"wrote {format} to {out}", err=True)


def stats(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    endpoint: EndpointOpt = None,
) -> None:
    """Count articles, statements, references, entities, persons and triples."""
    with open_kg(store, backend, endpoint, read_only=backend == "oxigraph") as kg:
        counts = kg.stats()
    if format == "json":
        typer.echo(json.dumps(counts))
        return
    for key, value in counts.items():
        typer.echo(f"{key:<12} {value}")


def validate(
    store: StoreOpt = DEFAULT_STORE,
    backend: BackendOpt = "oxigraph",
    endpoint: EndpointOpt = None,
) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations."""
    from sportkg.graph.validate import validate_kg

    with open_kg(store, backend, endpoint, read_only=backend == "oxigraph") as kg:
        report = validate_kg(kg)
    if report.conforms:
        typer.echo(f"conforms: {report.focus_nodes} nodes checked, no violations")
        return
    for line in report.messages[:50]:
        typer.echo(line)
    more = len(report.messages) - 50
    if more > 0:
        typer.echo(f"... and {more} more")
    typer.echo(f"{len(report.messages)} violations", err=True)
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `load`, `query`, `export`, `stats` and `validate` to the sportkg app."""
    app.command("load")(load)
    app.command("query")(query)
    app.command("export")(export)
    app.command("stats")(stats)
    app.command("validate")(validate)
