"""Run the Oxigraph SPARQL server (`oxigraph serve`) as a child process, and `sportkg serve`.

The one process manager of the project. `OxigraphServer` starts the `oxigraph` binary
(from the PyPI package of that name) over a store directory on a free port of
127.0.0.1, waits until it answers, and stops it; the child dies with this process even
when that is killed. The sparql store tests, the knowledge-base tests and `sportkg serve`
all use it.

`Served` is `sportkg serve` itself: an `OxigraphServer` on a private loopback port
behind the HTTP front of `explore/endpoint.py`, which listens on the asked address,
answers Wikidata's label service, refuses other SERVICE calls, bounds each query, sets
CORS and guards updates (decision 6). `stop_on_signals` turns SIGINT, SIGTERM and SIGHUP
into KeyboardInterrupt, so both stop cleanly.

Examples:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, OxigraphServer(Path(tmp)) as server:
    ...     server.query_url.startswith("http://127.0.0.1:")
    True
    >>> parse_bind("[::1]:8000")
    ('::1', 8000)
"""

from __future__ import annotations

import ctypes
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING

from ..errors import ConfigError, StoreError

if TYPE_CHECKING:
    from .endpoint import Front

HOST = "127.0.0.1"
DEFAULT_BIND = "127.0.0.1:7878"
"""Where `sportkg serve` listens by default."""
DEFAULT_TIMEOUT = 30.0
"""Seconds a query of `sportkg serve` may take, results included."""


def oxigraph_binary() -> str:
    """Path of the `oxigraph` server binary (next to the running Python, else on PATH).

    Raises:
        StoreError: the binary is not installed.
    """
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file() and os.access(local, os.X_OK):
        return str(local)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise StoreError("the 'oxigraph' server binary is not installed (pip install oxigraph)")


PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process receives when its parent dies."""


def die_with_parent() -> None:
    """In a child before exec: ask Linux to send it SIGTERM when its parent dies.

    Used as `preexec_fn`, so a server child never outlives the Python process that
    started it, even when that process is killed with SIGKILL. Elsewhere a no-op.
    """
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def endpoint_url(host: str, port: int, path: str = "") -> str:
    """The URL of `path` ("query", "update", "store"; "" for the root) on a server at
    host:port, an IPv6 host in brackets: the one place both servers here derive theirs.

    Examples:
        >>> endpoint_url("127.0.0.1", 7878, "query"), endpoint_url("::1", 7878)
        ('http://127.0.0.1:7878/query', 'http://[::1]:7878/')
    """
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/{path}"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


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


class OxigraphServer:
    """An `oxigraph serve` process over a store directory, on 127.0.0.1.

    Args:
        location: the store directory (created when missing, unless read-only).
        port: the port to listen on; a free one when None.
        read_only: run `serve-read-only` (no update endpoint).
        union_default_graph: queries see the union of all named graphs by default,
            as the embedded store does.
        timeout: seconds to wait for the server to answer.
        query_timeout: seconds the server lets a query run (its `--timeout-s`); no
            bound when None.
    """

    def __init__(
        self,
        location: Path,
        *,
        port: int | None = None,
        read_only: bool = False,
        union_default_graph: bool = True,
        timeout: float = 30.0,
        query_timeout: float | None = None,
    ) -> None:
        self.location = Path(location)
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.timeout = timeout
        self.query_timeout = query_timeout
        self._requested_port = port
        self.port: int = port or 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: tempfile._TemporaryFileWrapper[bytes] | None = None

    @property
    def url(self) -> str:
        """Root URL of the server (ending in "/")."""
        return endpoint_url(HOST, self.port)

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return endpoint_url(HOST, self.port, "query")

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (absent on a read-only server)."""
        return endpoint_url(HOST, self.port, "update")

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return endpoint_url(HOST, self.port, "store")

    def command(self) -> list[str]:
        """The `oxigraph` command line of this server."""
        command = [
            oxigraph_binary(),
            "serve-read-only" if self.read_only else "serve",
            "--location",
            str(self.location),
            "--bind",
            f"{HOST}:{self.port}",
        ]
        if self.union_default_graph:
            command.append("--union-default-graph")
        if self.query_timeout is not None:
            command += ["--timeout-s", str(math.ceil(self.query_timeout))]
        return command

    def start(self) -> OxigraphServer:
        """Start the server and wait until it answers a query.

        Raises:
            StoreError: the location is a file, or the server does not come up (the
                message carries its error).
        """
        if self.location.exists() and not self.location.is_dir():
            raise StoreError(f"store path {self.location} is a file, not a directory")
        if not self.read_only:
            self.location.mkdir(parents=True, exist_ok=True)
        attempts = 1 if self._requested_port else 3  # a free port may be taken meanwhile
        error = ""
        for _ in range(attempts):
            self.port = self._requested_port or free_port()
            error = self._launch()
            if not error:
                return self
        raise StoreError(f"the Oxigraph server for {str(self.location)!r} {error}")

    def _launch(self) -> str:
        """Start the process; "" once it answers, else why it did not."""
        # The server's messages go to a temporary file, not a pipe nobody reads (a full
        # pipe would block a long-running server); they are shown if it fails to start.
        self._log = tempfile.NamedTemporaryFile(prefix="oxigraph-", suffix=".log")
        self._process = subprocess.Popen(  # noqa: S603 (a fixed binary and our own arguments)
            self.command(), stdout=self._log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
        )
        deadline = time.monotonic() + self.timeout
        ask = urllib.parse.urlencode({"query": "ASK {}"})
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return f"stopped: {self._reason() or f'exit code {self._process.returncode}'}"
            try:
                with urllib.request.urlopen(f"{self.query_url}?{ask}", timeout=2) as response:
                    if response.status == 200:
                        return ""
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        return f"did not answer within {self.timeout:.0f} s"

    def _reason(self) -> str:
        """The server's error line (its first line starting "Error", else its last line)."""
        if self._log is None:
            return ""
        self._log.flush()
        text = Path(self._log.name).read_text(encoding="utf-8", errors="replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("Error")]
        return errors[0] if errors else (lines[-1] if lines else "")

    def wait(self) -> int:
        """Block until the server process ends; its exit code."""
        if self._process is None:
            raise StoreError("the Oxigraph server is not running")
        return self._process.wait()

    def stop(self, *, grace: float = 5.0) -> None:
        """Stop the server: SIGINT, then SIGTERM, then SIGKILL, each after `grace` seconds."""
        process, self._process = self._process, None
        if process is not None:
            for sig in (signal.SIGINT, signal.SIGTERM):
                if process.poll() is not None:
                    break
                process.send_signal(sig)
                try:
                    process.wait(timeout=grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
            if process.poll() is None:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    @property
    def running(self) -> bool:
        """True while the server process is alive."""
        return self._process is not None and self._process.poll() is None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


# --------------------------------------------------------------------------- sportkg serve


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
        return endpoint_url(self.host, self.port)

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return endpoint_url(self.host, self.port, "query")

    @property
    def update_url(self) -> str:
        """The SPARQL 1.1 Protocol update endpoint (only answers with `--writable`)."""
        return endpoint_url(self.host, self.port, "update")

    @property
    def public(self) -> bool:
        """True when the address is reachable from other machines (not a loopback one)."""
        from .endpoint import is_loopback

        return not is_loopback(self.host)


def parse_bind(bind: str) -> tuple[str, int]:
    """Split "HOST:PORT" into its parts.

    Examples:
        >>> parse_bind("127.0.0.1:7878")
        ('127.0.0.1', 7878)

    Raises:
        ConfigError: when `bind` is not HOST:PORT with a port in 1..65535.
    """
    host, sep, port_text = bind.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"--bind {bind!r} is not HOST:PORT (for example 127.0.0.1:7878)")
    return host, int(port_text)


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


class Served:
    """`sportkg serve` running: the Oxigraph child behind the HTTP front, for a `with` block.

    Entering starts the child on a private loopback port (its own query timeout a second
    after the front's, which answers first), then the front on the configured address;
    leaving stops both.

    Raises:
        StoreError: the store is missing or broken, or the child does not come up.
        ConfigError: the address is taken or cannot be listened on.
    """

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.server = OxigraphServer(
            config.store, read_only=not config.writable, union_default_graph=True,
            timeout=30.0, query_timeout=math.ceil(config.timeout) + 1,
        )
        self._front: Front | None = None

    def __enter__(self) -> Served:
        from .endpoint import EndpointPolicy, start_front

        config = self.config
        check_store(config.store)
        if not port_is_free(config.host, config.port):
            raise ConfigError(
                f"{config.host}:{config.port} is already in use; choose another with --bind"
            )
        try:
            self.server.start()
            policy = EndpointPolicy(
                port=config.port, host=config.host, timeout=config.timeout,
                allowed_services=config.allow_service, cors=config.cors,
                writable=config.writable,
            )
            try:
                self._front, _ = start_front((config.host, config.port),
                                             (HOST, self.server.port), policy)
            except OSError as exc:
                raise ConfigError(
                    f"cannot listen on {config.host}:{config.port} ({exc.strerror}); "
                    "choose another address with --bind"
                ) from exc
        except BaseException:
            self.close()
            raise
        return self

    def wait(self) -> None:
        """Block while the child serves; it only ends on its own when something broke.

        Raises:
            StoreError: the child stopped (with its exit code).
        """
        code = self.server.wait()
        raise StoreError(f"the Oxigraph server stopped with exit code {code}")

    def close(self) -> None:
        """Stop the front, then the child."""
        if self._front is not None:
            self._front.shutdown()
            self._front.server_close()
            self._front = None
        self.server.stop(grace=10.0)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt.

    Explicit handlers: a shell starts background jobs with SIGINT ignored, and `kill -INT`
    should still stop a server cleanly. The previous handlers come back after the block.
    """

    def _terminate(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    stops = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, _terminate) for sig in stops}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
