"""The `profile`, `viz` and `serve` commands: look at a graph instead of only querying it.

A thin layer over `sportkg.explore`: options are parsed here, the work is done there,
and only this module prints.

- `sportkg profile NAME` prints everything the graph knows about a person, grouped, with
  the source of each fact (text, JSON or Markdown): `explore.profile`.
- `sportkg viz --out FILE.html` writes a self-contained HTML picture of the network:
  `explore.viz`.
- `sportkg serve` serves a store over the SPARQL 1.1 Protocol: the Oxigraph server runs
  as a child on a private loopback port behind sportkg's HTTP front (`explore.server`,
  `explore.endpoint`). Read-only unless `--writable`; Ctrl-C or SIGTERM stops both cleanly.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ConfigError
from ..explore.server import DEFAULT_BIND, DEFAULT_TIMEOUT
from .options import (
    DEFAULT_STORE,
    BackendOpt,
    ProfileFormat,
    ProfileFormatOpt,
    StoreEndpointOpt,
    StoreOpt,
)


def register(app: typer.Typer) -> None:
    """Add `profile`, `viz` and `serve` to the `sportkg` app."""

    @app.command("serve")
    def serve_command(
        store: StoreOpt = DEFAULT_STORE,
        bind: Annotated[
            str, typer.Option("--bind", help="HOST:PORT to listen on.")
        ] = DEFAULT_BIND,
        writable: Annotated[
            bool, typer.Option("--writable", help="Also accept SPARQL updates.")
        ] = False,
        timeout: Annotated[
            float,
            typer.Option("--timeout", min=1,
                         help="Seconds a query may take, results included (then 504)."),
        ] = DEFAULT_TIMEOUT,
        allow_service: Annotated[
            list[str] | None,
            typer.Option("--allow-service", metavar="HOST",
                         help="Let SERVICE (and LOAD) call this host; repeatable."),
        ] = None,
        cors: Annotated[
            list[str] | None,
            typer.Option("--cors", metavar="ORIGIN",
                         help="Allow browser pages from ORIGIN (or *) to read; repeatable."),
        ] = None,
    ) -> None:
        """Serve a store over the SPARQL 1.1 Protocol (read-only unless --writable).

        The default graph is the union of all article graphs. Wikidata's label service
        (SERVICE wikibase:label) is answered from the store's labels; other SERVICE
        calls are refused unless --allow-service names their host.
        The printed URL opens Oxigraph's query page; programs send queries to /query.
        Stop with Ctrl-C.
        """
        from ..explore.server import ServeConfig, Served, parse_bind, stop_on_signals

        host, port = parse_bind(bind)
        config = ServeConfig(
            store=Path(store), host=host, port=port, writable=writable, timeout=timeout,
            allow_service=tuple(allow_service or ()), cors=tuple(cors or ()),
        )
        try:
            with stop_on_signals(), Served(config) as served:
                mode = "read-write" if config.writable else "read-only"
                typer.echo(f"Serving {config.store} ({mode}) at {config.base_url}")
                typer.echo(f"SPARQL query endpoint:  {config.query_url}")
                if config.writable:
                    typer.echo(f"SPARQL update endpoint: {config.update_url}")
                if config.public:
                    typer.echo(
                        f"Warning: {config.host}:{config.port} is reachable from other "
                        "machines; anyone who can reach it can "
                        + ("change the store." if config.writable else "read the store."),
                        err=True,
                    )
                typer.echo("Press Ctrl-C to stop.", err=True)
                sys.stdout.flush()
                served.wait()
        except KeyboardInterrupt:
            typer.echo("Stopped.", err=True)

    @app.command("profile")
    def profile_command(
        name: Annotated[str, typer.Argument(help="The person's name (or a QID or IRI).")],
        format: ProfileFormatOpt = ProfileFormat.text,
        store: StoreOpt = DEFAULT_STORE,
        backend: BackendOpt = "oxigraph",
        store_endpoint: StoreEndpointOpt = None,
    ) -> None:
        """Everything the graph knows about a person, grouped, with the source of each fact.

        NAME is a full name, a surname, a Wikidata QID or an IRI.
        When it fits several people, the candidates are listed instead.
        """
        from ..explore.profile import profile, render
        from .graph import open_kg

        with open_kg(store, backend, store_endpoint, read_only=True) as kg:
            result = profile(kg, name)
        typer.echo(render(result, format=format.value))

    @app.command("viz")
    def viz_command(
        out: Annotated[
            Path, typer.Option("--out", "-o", metavar="FILE", help="The HTML file to write.")
        ],
        person: Annotated[
            str | None,
            typer.Option("--person", metavar="NAME", help="Centre the picture on this person."),
        ] = None,
        depth: Annotated[
            int, typer.Option("--depth", min=0, metavar="N",
                              help="Hops around --person to include.")
        ] = 2,
        title: Annotated[
            str | None, typer.Option("--title", metavar="TEXT", help="Title of the page.")
        ] = None,
        store: StoreOpt = DEFAULT_STORE,
        backend: BackendOpt = "oxigraph",
        store_endpoint: StoreEndpointOpt = None,
    ) -> None:
        """Write a self-contained HTML picture of the network (opens offline in any browser).

        Nodes are coloured by type, edges labelled by relation; hovering shows the sources.
        """
        from ..explore.viz import write_html
        from .graph import open_kg

        if out.suffix.lower() not in (".html", ".htm"):
            raise ConfigError(f"--out {str(out)!r} should end in .html")
        with open_kg(store, backend, store_endpoint, read_only=True) as kg:
            summary = write_html(kg, out, person=person, depth=depth, title=title)
        typer.echo(f"Wrote {out} ({summary.nodes} nodes, {summary.edges} edges)")
