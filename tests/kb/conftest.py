"""Servers for the Wikidata client tests: a proxy that answers 429/503 before passing requests
on, a server that never answers, and a server that answers with a fixed (bad) body. The real
`oxigraph serve` with fictional Wikidata data is `wikidata_endpoint` in tests/conftest.py."""

from __future__ import annotations

import http.server
import json
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from sportkg.kb.wikidata import WikidataClient

DATA = Path(__file__).parent / "data"

FICTIONAL: dict[str, str] = json.loads(
    (DATA / "fictional_ids.json").read_text(encoding="utf-8")
)
"""The made-up Wikidata ids of the fixture people and items, by name."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Server:
    """An http.server in a thread; `hits` counts requests."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler]) -> None:
        self.hits = 0
        handler.server_state = self  # type: ignore[attr-defined]
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/query"
        # a short poll interval: shutdown() waits for the loop to look (0.5 s by default)
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def make_flaky_proxy(target: str, failures: list[tuple[int, str | None]]) -> _Server:
    """A proxy to `target` that first answers each (status, Retry-After) of `failures`."""

    class Handler(_Quiet):
        def _handle(self) -> None:
            state = self.server_state  # type: ignore[attr-defined]
            state.hits += 1
            state.user_agents.append(self.headers.get("User-Agent"))
            if failures:
                status, retry_after = failures.pop(0)
                self.send_response(status)
                if retry_after is not None:
                    self.send_header("Retry-After", retry_after)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            query = self.path.partition("?")[2]
            request = urllib.request.Request(
                target + ("?" + query if query else ""), data=body, method=self.command
            )
            for key in ("Accept", "Content-Type"):
                if self.headers.get(key):
                    request.add_header(key, self.headers[key])
            with urllib.request.urlopen(request, timeout=10) as response:
                data = response.read()
                self.send_response(response.status)
                self.send_header("Content-Type", response.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        do_GET = _handle
        do_POST = _handle

    server = _Server(Handler)
    server.user_agents = []  # type: ignore[attr-defined]
    return server


def make_fixed_server(status: int, content_type: str, body: bytes) -> _Server:
    """A server that answers every request with the same status, type and body."""

    class Handler(_Quiet):
        def _handle(self) -> None:
            self.server_state.hits += 1  # type: ignore[attr-defined]
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = _handle
        do_POST = _handle

    return _Server(Handler)


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A URL whose server accepts connections and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/query"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    sock.close()


@pytest.fixture
def unreachable_endpoint() -> str:
    """A URL on a port nobody listens on."""
    return f"http://127.0.0.1:{_free_port()}/query"


def client_for(url: str, tmp_path: Path, **kw: object) -> WikidataClient:
    """A client of `url` with short timeouts and backoff and its cache under `tmp_path`."""
    from sportkg.kb.wikidata import WikidataClient

    options: dict[str, object] = {"timeout": 5.0, "retries": 2, "backoff": 0.05,
                                  "cache_dir": tmp_path / "cache"}
    options.update(kw)
    return WikidataClient(url, **options)  # type: ignore[arg-type]
