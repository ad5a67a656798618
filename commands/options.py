"""The options several commands share, each defined once with one help text.

- where the graph is: `--store DIR`, `--backend NAME`, `--store-endpoint URL`;
- where Wikidata is: `--wikidata-endpoint URL`;
- what to write: the `--format` of each command (checked when the command line is
  read, so a typo fails before any work starts).

`--store-endpoint` is the SPARQL endpoint of a store (backend sparql);
`--wikidata-endpoint` is Wikidata's, or any endpoint serving Wikidata-format data.
The old name `--endpoint` still works, with a deprecation warning, as the one of
the two it meant in each command (`sportkg.commands.group`).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_STORE = Path("sportkg-store")
"""The store directory when `--store` is not given."""

DEFAULT_BACKEND = "oxigraph"

WIKIDATA = "https://query.wikidata.org/sparql"
"""Wikidata's SPARQL endpoint."""


def check_backend(value: str) -> str:
    """Reject an unknown store backend while the command line is read."""
    from .. import registry

    names = registry.names("sportkg.stores")
    if value not in names:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}.")
    return value


def check_export_format(value: str | None) -> str | None:
    """Reject an unknown export format while the command line is read; return its name."""
    if value is None:
        return None
    from .. import registry
    from ..errors import ExportError
    from ..graph.export import FORMAT_ALIASES, format_name

    try:
        return format_name(value)
    except ExportError as exc:
        names = ", ".join(registry.names("sportkg.exporters"))
        raise typer.BadParameter(
            f"{value!r} is not one of {names} (or {', '.join(FORMAT_ALIASES)})."
        ) from exc


StoreOpt = Annotated[
    Path,
    typer.Option(
        "--store", metavar="DIR",
        help="Directory of the embedded Oxigraph store (backend oxigraph).",
    ),
]
BackendOpt = Annotated[
    str,
    typer.Option(
        "--backend", metavar="NAME", callback=check_backend,
        help="Where the graph lives: oxigraph (on disk in --store), sparql (a SPARQL 1.1 "
        "server at --store-endpoint) or memory (in this process only: starts empty, "
        "nothing is kept).",
    ),
]
StoreEndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--store-endpoint", metavar="URL",
        help="SPARQL 1.1 query endpoint of the store for backend sparql, e.g. "
        "http://127.0.0.1:7878/query (updates go to its /update).",
    ),
]
WikidataEndpointOpt = Annotated[
    str,
    typer.Option(
        "--wikidata-endpoint", metavar="URL",
        help="Wikidata's SPARQL endpoint, or any endpoint serving Wikidata-format data.",
    ),
]


class QueryFormat(StrEnum):
    """Output formats of `sportkg query`."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class StatsFormat(StrEnum):
    """Output formats of `sportkg stats` and `sportkg evaluate`."""

    table = "table"
    json = "json"


class StatementFormat(StrEnum):
    """Output formats of `sportkg extract`."""

    jsonl = "jsonl"
    table = "table"


class ProfileFormat(StrEnum):
    """Output formats of `sportkg profile`."""

    text = "text"
    json = "json"
    markdown = "markdown"


QueryFormatOpt = Annotated[
    QueryFormat,
    typer.Option("--format", "-f", case_sensitive=False,
                 help="table (aligned text), csv, tsv or json (SPARQL results JSON)."),
]
StatsFormatOpt = Annotated[
    StatsFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
]
StatementFormatOpt = Annotated[
    StatementFormat,
    typer.Option("--format", "-f", case_sensitive=False,
                 help="jsonl (one statement per line) or table."),
]
ProfileFormatOpt = Annotated[
    ProfileFormat,
    typer.Option("--format", "-f", case_sensitive=False, help="text, json or markdown."),
]
ExportFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", metavar="FORMAT", callback=check_export_format,
        help="turtle (ttl), trig, ntriples (nt), nquads (nq), json-ld (jsonld), rdfxml "
        "(rdf, xml) or graphml; default: the one the --out extension names, else turtle.",
    ),
]
