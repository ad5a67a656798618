"""The `profile`, `viz` and `serve` commands: look at a graph instead of only querying it.

- `sportkg profile NAME` prints everything the graph knows about a person, grouped, with
  the source of each fact (text, JSON or Markdown).
- `sportkg viz --out FILE.html` writes a self-contained HTML picture of the network.
- `sportkg serve` serves a store over the SPARQL 1.1 Protocol: the Oxigraph server (the
  `oxigraph` binary of the PyPI package of that name) runs as a child on a private loopback
  port behind sportkg's HTTP front (`sportkg.graph.endpoint`), which answers Wikidata's
  label service, refuses other SERVICE calls, bounds each query, sets CORS and guards
  updates. Read-only unless `--writable`; Ctrl-C or SIGTERM stops both cleanly.
"""

from __future__ import annotations

import math
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO, Annotated

import typer
from sportkg.commands.options import (
    DEFAULT_STORE,
    BackendOpt,
    ProfileFormat,
    ProfileFormatOpt,
    StoreEndpointOpt,
    StoreOpt,
)
from sportkg.errors import ConfigError, StoreError

DEFAULT_BIND = "127.0.0.1:7878"
DEFAULT_TIMEOUT = 30.0
STARTUP_SECONDS = 30.0
"""How long `serve` waits for the server to answer before giving up."""


# --------------------------------------------------------------------------- serve


@dataclass(frozen=True)
class ServeConfig:
    """What `sportkg serve` starts: where the data is and how it is served.

    Attributes:
        store: the Oxigraph store directory.
        host / port: the address to listen on.
        writable: accept SPARQL updates (`oxigraph serve`) instead of `serve-read-only`.
        timeout: seconds a query may take, results included.
        allow_service: hosts that SERVICE (and LOAD) may call; none by default.
        cors: origins given Access-Control-Allow-Origin; none by default.
    """

    store: Path
    host: str
    port: int
    writable: bool = False
    timeout: float = DEFAULT_TIMEOUT
    allow_service: tuple[str, ...] = ()
    cors: tuple[str, ...] = ()

    @property
    def base_url(self) -> str:
        """The server's root URL (Oxigraph's query page)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return self.base_url + "query"

    @property
    def update_url(self) -> str:
        """The SPARQL 1.1 Protocol update endpoint (only answers with `--writable`)."""
        return self.base_url + "update"


def parse_bind(bind: str) -> tuple[str, int]:
    """Split "HOST:PORT" into its parts.

    Examples:
        >>> parse_bind("127.0.0.1:7878")
        ('127.0.0.1', 7878)
        >>> parse_bind("[::1]:8000")
        ('::1', 8000)

    Raises:
        ConfigError: when `bind` is not HOST:PORT with a port in 1..65535.
    """
    host, sep, port_text = bind.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"--bind {bind!r} is not HOST:PORT (for example 127.0.0.1:7878)")
    return host, int(port_text)


def server_command(config: ServeConfig, port: int) -> list[str]:
    """The `oxigraph` command line that serves `config` on 127.0.0.1:`port` behind the front.

    Its own timeout is a second bound a little after the front's, which answers first.
    """
    from sportkg.graph.server import oxigraph_binary

    mode = "serve" if config.writable else "serve-read-only"
    return [
        oxigraph_binary(),
        mode,
        "--location",
        str(config.store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(math.ceil(config.timeout) + 1),
    ]


def check_store(store: Path) -> None:
    """Raise a one-line error when `store` is not an Oxigraph store directory."""
    if not store.exists():
        raise StoreError(
            f"store {str(store)!r} does not exist; build one with "
            f"`sportkg build ARTICLES --store {store}`"
        )
    if not store.is_dir():
        raise StoreError(f"store {str(store)!r} is not a directory")
    if not (store / "CURRENT").is_file():
        raise StoreError(
            f"{str(store)!r} is not an Oxigraph store (no CURRENT file); "
            "pass the directory given to `sportkg build --store`"
        )


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port yet."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def wait_until_answering(
    process: subprocess.Popen[bytes], config: ServeConfig, port: int, log: IO[bytes]
) -> None:
    """Block until the child answers a query on `port`, or raise StoreError with its message."""
    probe = f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            lines = [ln.strip() for ln in log.read().decode("utf-8", "replace").splitlines()]
            errors = [ln for ln in lines if ln.startswith("Error")] or [ln for ln in lines if ln]
            reason = errors[0] if errors else f"exit code {process.returncode}"
            raise StoreError(f"the Oxigraph server for {str(config.store)!r} stopped: {reason}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    stop_process(process)
    raise StoreError(f"the Oxigraph server did not answer on {config.base_url} in time")


def stop_process(process: subprocess.Popen[bytes], *, grace: float = 10.0) -> None:
    """Stop the server: SIGINT, then SIGTERM, then SIGKILL, each after a grace period."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        if process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    process.wait()


def serve(config: ServeConfig) -> int:
    """Serve `config` in the foreground until Ctrl-C, SIGTERM or SIGHUP.

    Starts the Oxigraph child on a private loopback port (it dies with this process,
    even on SIGKILL), then the HTTP front on the asked address, and prints the URLs
    once both answer. Returns the exit code (0 after Ctrl-C or SIGTERM).
    """
    from sportkg.graph.endpoint import EndpointPolicy, is_loopback, start_front
    from sportkg.graph.server import die_with_parent, free_port

    check_store(config.store)
    if not port_is_free(config.host, config.port):
        raise ConfigError(
            f"{config.host}:{config.port} is already in use; choose another with --bind"
        )
    inner_port = free_port()
    command = server_command(config, inner_port)

    def _terminate(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    # Explicit handlers: a shell starts background jobs with SIGINT ignored, and
    # `kill -INT` should still stop the server cleanly.
    stops = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, _terminate) for sig in stops}
    # The server's messages go to a temporary file, not a pipe nobody reads (a full
    # pipe would block a long-running server); they are shown if it fails to start.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(  # noqa: S603 (a fixed binary and our own arguments)
        command, stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL,
        preexec_fn=die_with_parent,
    )
    front = None
    try:
        wait_until_answering(process, config, inner_port, log)
        policy = EndpointPolicy(
            port=config.port, host=config.host, timeout=config.timeout,
            allowed_services=config.allow_service, cors=config.cors,
            writable=config.writable,
        )
        try:
            front, _ = start_front((config.host, config.port), ("127.0.0.1", inner_port),
                                   policy)
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {config.host}:{config.port} ({exc.strerror}); "
                "choose another address with --bind"
            ) from exc
        mode = "read-write" if config.writable else "read-only"
        typer.echo(f"Serving {config.store} ({mode}) at {config.base_url}")
        typer.echo(f"SPARQL query endpoint:  {config.query_url}")
        if config.writable:
            typer.echo(f"SPARQL update endpoint: {config.update_url}")
        if not is_loopback(config.host):
            typer.echo(
                f"Warning: {config.host}:{config.port} is reachable from other machines; "
                + ("anyone who can reach it can change the store."
                   if config.writable else "anyone who can reach it can read the store."),
                err=True,
            )
        typer.echo("Press Ctrl-C to stop.", err=True)
        sys.stdout.flush()
        code = process.wait()
        raise StoreError(f"the Oxigraph server stopped with exit code {code}")
    except KeyboardInterrupt:
        typer.echo("Stopped.", err=True)
        return 0
    finally:
        if front is not None:
            front.shutdown()
            front.server_close()
        if process.poll() is None:
            stop_process(process)
        log.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)


# --------------------------------------------------------------------------- registration


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
        host, port = parse_bind(bind)
        config = ServeConfig(
            store=Path(store), host=host, port=port, writable=writable, timeout=timeout,
            allow_service=tuple(allow_service or ()), cors=tuple(cors or ()),
        )
        raise typer.Exit(serve(config))

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
        from sportkg.commands.graph import open_kg
        from sportkg.graph.profile import profile, render

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
        from sportkg.commands.graph import open_kg
        from sportkg.graph.viz import write_html

        if out.suffix.lower() not in (".html", ".htm"):
            raise ConfigError(f"--out {str(out)!r} should end in .html")
        with open_kg(store, backend, store_endpoint, read_only=True) as kg:
            summary = write_html(kg, out, person=person, depth=depth, title=title)
        typer.echo(f"Wrote {out} ({summary.nodes} nodes, {summary.edges} edges)")
