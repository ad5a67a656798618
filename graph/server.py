"""Run a real Oxigraph SPARQL server (`oxigraph serve`) on 127.0.0.1 for a store directory.

Used by the sparql store tests, the knowledge-base tests and `sportkg serve`:
the server is the `oxigraph` binary of the PyPI package of the same name,
started on a free local port and stopped when the context ends.

Examples:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, OxigraphServer(Path(tmp)) as server:
    ...     server.query_url.startswith("http://127.0.0.1:")
    True
"""

from __future__ import annotations

import ctypes
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
from pathlib import Path
from types import TracebackType

from sportkg.errors import StoreError

HOST = "127.0.0.1"


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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    """An `oxigraph serve` process over a store directory, on 127.0.0.1.

    Args:
        location: the store directory (created when missing, unless read-only).
        port: the port to listen on; a free one when None.
        read_only: run `serve-read-only` (no update endpoint).
        union_default_graph: queries see the union of all named graphs by default,
            as the embedded store does.
        timeout: seconds to wait for the server to answer.
    """

    def __init__(
        self,
        location: Path,
        *,
        port: int | None = None,
        read_only: bool = False,
        union_default_graph: bool = True,
        timeout: float = 30.0,
    ) -> None:
        self.location = Path(location)
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.timeout = timeout
        self._requested_port = port
        self.port: int = port or 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: tempfile._TemporaryFileWrapper[bytes] | None = None

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        """The SPARQL update endpoint (absent on a read-only server)."""
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return self.url + "/store"

    def start(self) -> OxigraphServer:
        """Start the server and wait until it answers a query.

        Raises:
            StoreError: the location is a file, or the server does not come up (the
                message carries the last line of its log).
        """
        if self.location.exists() and not self.location.is_dir():
            raise StoreError(f"store path {self.location} is a file, not a directory")
        if not self.read_only:
            self.location.mkdir(parents=True, exist_ok=True)
        attempts = 1 if self._requested_port else 3
        error = ""
        for _ in range(attempts):
            self.port = self._requested_port or free_port()
            error = self._launch()
            if not error:
                return self
        raise StoreError(f"oxigraph server on {self.location} did not start: {error}")

    def _launch(self) -> str:
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
        self._log = tempfile.NamedTemporaryFile(prefix="oxigraph-", suffix=".log")
        self._process = subprocess.Popen(
            command, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent,
        )
        deadline = time.monotonic() + self.timeout
        ask = urllib.parse.urlencode({"query": "ASK {}"})
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                return self._tail() or f"exit code {self._process.returncode}"
            try:
                with urllib.request.urlopen(f"{self.query_url}?{ask}", timeout=2) as response:
                    if response.status == 200:
                        return ""
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        return f"no answer within {self.timeout:.0f} s"

    def _tail(self) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        text = Path(self._log.name).read_text(encoding="utf-8", errors="replace").strip()
        lines = [line for line in text.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def stop(self) -> None:
        """Stop the server (terminate, then kill after 5 s)."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
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
