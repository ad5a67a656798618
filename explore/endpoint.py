"""The HTTP front of `sportkg serve`: a SPARQL endpoint that Wikidata users can point at.

`sportkg serve` runs the Oxigraph server (`oxigraph serve`) as a child process on a
private loopback port (`explore.server.Served`), and this front listens on the address
the user asked for.
It relays the SPARQL 1.1 Protocol to the child and adds what the child lacks:

- `SERVICE wikibase:label` is answered locally (`sportkg.graph.label_service`);
- any other `SERVICE`, and `LOAD` in updates, is refused with 400 unless its host is
  allowed (`--allow-service HOST`), so the endpoint makes no outbound calls by default;
- every answer is read in full (spilling to a temporary file when large) and checked
  before a status line is sent: the child writes its errors into a 200 body once results
  have started (a timeout, a failing SERVICE), and the front turns that into a 500;
- `--timeout` bounds each request, streaming results and aggregates alike (504);
- `--cors ORIGIN` sets Access-Control-Allow-Origin; without it there is none;
- updates (and Graph Store writes) are refused from other origins and as bare form posts,
  so a web page cannot `DROP ALL` on a `--writable` server.

Examples:
    >>> policy = EndpointPolicy(port=7878, allowed_services=("query.wikidata.org",))
    >>> policy.service_refusal("SELECT * { SERVICE <https://query.wikidata.org/sparql> {} }")
    >>> print(policy.service_refusal("SELECT * { SERVICE <http://evil.example/> {} }"))
    ... # doctest: +ELLIPSIS
    SERVICE <http://evil.example/> is refused: ...; allow the host with --allow-service evil.example
"""

from __future__ import annotations

import http.client
import ipaddress
import shutil
import socket
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import IO, Any

from ..errors import QueryError
from ..graph import label_service
from ..graph.stores import check_nesting

SPOOL_BYTES = 8 * 1024 * 1024
"""Answers up to this size are buffered in memory, larger ones in a temporary file."""

CHUNK = 64 * 1024

FORM = "application/x-www-form-urlencoded"
SIMPLE_TYPES = frozenset({FORM, "multipart/form-data", "text/plain"})
"""Content types a web page can POST to another site without asking first (CORS)."""

HOP_BY_HOP = frozenset({
    "connection", "keep-alive", "transfer-encoding", "content-length", "te", "trailer",
    "upgrade", "proxy-authenticate", "proxy-authorization", "server", "date",
})

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """True when `host` is a loopback name or address (only this machine can connect).

    Examples:
        >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
        (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_matches(iri: str, allowed: tuple[str, ...]) -> bool:
    parts = urllib.parse.urlsplit(iri)
    host = (parts.hostname or "").lower()
    with_port = f"{host}:{parts.port}" if parts.port else host
    return any(entry.lower() in (host, with_port) for entry in allowed)


def outbound_targets(sparql: str) -> list[tuple[str, str]]:
    """What a query or update would fetch from elsewhere: ("SERVICE" | "LOAD", IRI or ?var).

    The label service is not outbound (it is rewritten away before this is asked).

    Examples:
        >>> outbound_targets('LOAD <http://a.example/data.ttl> INTO GRAPH <urn:g>')
        [('LOAD', 'http://a.example/data.ttl')]
    """
    targets = [("SERVICE", endpoint) for endpoint in label_service.service_endpoints(sparql)]
    tokens = label_service.tokenize(sparql)
    declared = label_service.prefixes(tokens)
    for index, token in enumerate(tokens):
        if token.is_word("LOAD"):
            following = tokens[index + 1: index + 3]
            source = next((t for t in following if not t.is_word("SILENT")), None)
            if source is not None:
                targets.append(("LOAD", label_service.resolve(source, declared) or source.text))
    return targets


@dataclass(frozen=True)
class EndpointPolicy:
    """What the front lets through.

    Attributes:
        port: the port the front listens on (for the server's own origins).
        host: the address the front listens on.
        timeout: seconds a query may take, results included.
        allowed_services: hosts (or host:port) that SERVICE and LOAD may reach.
        cors: origins that may read answers from a browser ("*" for any).
        writable: whether updates and Graph Store writes are accepted.
    """

    port: int
    host: str = "127.0.0.1"
    timeout: float = 30.0
    allowed_services: tuple[str, ...] = ()
    cors: tuple[str, ...] = ()
    writable: bool = False

    @property
    def own_origins(self) -> frozenset[str]:
        """Origins of pages served by this endpoint itself (Oxigraph's query page)."""
        if is_loopback(self.host) or self.host in ("0.0.0.0", "::", ""):
            names: tuple[str, ...] = LOOPBACK_NAMES
        else:
            names = (f"[{self.host}]" if ":" in self.host else self.host,)
        return frozenset(f"http://{name}:{self.port}" for name in names)

    def service_refusal(self, sparql: str) -> str | None:
        """A one-line reason to refuse the request, or None when every outbound call is allowed."""
        for kind, target in outbound_targets(sparql):
            if target.startswith(("?", "$")):
                return (f"{kind} {target} is refused: the endpoint of a SERVICE must be an IRI "
                        "whose host is allowed with --allow-service")
            if not _host_matches(target, self.allowed_services):
                host = urllib.parse.urlsplit(target).hostname or target
                return (f"{kind} <{target}> is refused: this endpoint makes no outbound calls; "
                        f"allow the host with --allow-service {host}")
        return None

    def cors_origin(self, origin: str | None) -> str | None:
        """The Access-Control-Allow-Origin value for a request from `origin` (None: no header)."""
        if "*" in self.cors:
            return "*"
        if origin and origin in self.cors:
            return origin
        return None

    def write_refusal(self, origin: str | None, content_type: str) -> str | None:
        """A one-line reason to refuse an update from `origin`, or None when it may write."""
        if not self.writable:
            return ("this endpoint is read-only; start `sportkg serve --writable` "
                    "to accept updates")
        if origin is not None:
            if origin in self.own_origins or (origin in self.cors and origin != "*"):
                return None
            return (f"updates from origin {origin} are refused; name it with --cors to "
                    "allow a web application to write")
        if content_type in SIMPLE_TYPES:
            return (f"{content_type} updates without an Origin header are refused (a web page "
                    "could send them); send the update as application/sparql-update")
        return None


def answer_problem(content_type: str, body: IO[bytes]) -> str | None:
    """Why a 200 answer is not a complete document of its type, or None when it is.

    The Oxigraph server appends its error message to the body when a query fails after
    the results began; a real parser of the announced format finds the break.

    Examples:
        >>> import io
        >>> answer_problem("text/csv", io.BytesIO(b"n\\r\\n1\\r\\n"))
        >>> answer_problem("application/sparql-results+json",
        ...                io.BytesIO(b'{"head":{"vars":["n"]},"results":{"bindings":[Timeout'))
        'Timeout'
    """
    import pyoxigraph as ox

    media = content_type.split(";")[0].strip().lower()
    results = ox.QueryResultsFormat.from_media_type(media) if media else None
    rdf = ox.RdfFormat.from_media_type(media) if media and results is None else None
    if results is None and rdf is None:
        return None
    body.seek(0)
    try:
        if results == ox.QueryResultsFormat.CSV:
            body.seek(0, 2)
            if body.tell() > 0:
                body.seek(-1, 2)
                if body.read(1) not in (b"\n", b"\r"):
                    raise SyntaxError("the CSV results end in the middle of a row")
        elif results is not None:
            parsed = ox.parse_query_results(body, results)
            if isinstance(parsed, ox.QuerySolutions):
                for _ in parsed:
                    pass
        else:
            for _ in ox.parse(body, rdf):
                pass
    except (SyntaxError, ValueError, OSError) as exc:
        return _tail(body) or str(exc)
    finally:
        body.seek(0)
    return None


def _tail(body: IO[bytes]) -> str:
    """The message the server appended to a broken body (text after the last complete item)."""
    body.seek(0, 2)
    size = body.tell()
    body.seek(max(0, size - 400))
    text = body.read().decode("utf-8", "replace")
    cut = max(text.rfind(mark) for mark in ("}", "]", ">", "\n", "["))
    message = text[cut + 1:].strip()
    return message if 0 < len(message) <= 300 else ""


class Front(ThreadingHTTPServer):
    """The listening front: relays to the Oxigraph child at `upstream` under `policy`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], upstream: tuple[str, int],
                 policy: EndpointPolicy) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, FrontHandler)
        self.upstream = upstream
        self.policy = policy


class FrontHandler(BaseHTTPRequestHandler):
    """One request to the front: check, rewrite, relay, check the answer, reply."""

    server: Front
    protocol_version = "HTTP/1.1"
    server_version = "sportkg"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the command prints its own lines, and a busy endpoint would flood them."""

    # ------------------------------------------------------------------ methods

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        """Queries, the query page and Graph Store reads."""
        self._handle()

    def do_HEAD(self) -> None:  # noqa: N802
        """As GET, without a body."""
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        """Queries and updates (form or direct), Graph Store writes."""
        self._handle()

    def do_PUT(self) -> None:  # noqa: N802
        """Graph Store writes."""
        self._handle()

    def do_DELETE(self) -> None:  # noqa: N802
        """Graph Store deletes."""
        self._handle()

    def do_OPTIONS(self) -> None:  # noqa: N802
        """CORS preflight: allowed origins learn the methods and headers they may use."""
        self.send_response(204)
        allowed = self.server.policy.cors_origin(self.headers.get("Origin"))
        if allowed:
            self._cors_headers()
            self.send_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # ------------------------------------------------------------------ routing

    def _handle(self) -> None:
        try:
            body = self._read_body()
        except ValueError as exc:
            self._fail(411, str(exc))
            return
        path, _, query_string = self.path.partition("?")
        content_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        policy = self.server.policy
        if path == "/query" and self.command in ("GET", "POST"):
            self._sparql("query", query_string, body, content_type)
        elif path == "/update" and self.command == "POST":
            refusal = policy.write_refusal(self.headers.get("Origin"), content_type)
            if refusal:
                self._fail(403, refusal)
            else:
                self._sparql("update", query_string, body, content_type)
        elif path == "/update":
            self._fail(405, "updates are POST requests to /update")
        else:
            if self.command in ("POST", "PUT", "DELETE"):
                refusal = policy.write_refusal(self.headers.get("Origin"), content_type)
                if refusal:
                    self._fail(403, refusal)
                    return
            headers = {name: value for name, value in self.headers.items()
                       if name.lower() not in HOP_BY_HOP and name.lower() != "host"}
            self._relay(self.command, self.path, body, headers, deadline=None)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            raise ValueError("send the request body with a Content-Length")
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _sparql(self, operation: str, query_string: str, body: bytes, content_type: str) -> None:
        """Check and rewrite a query or update, then relay it as a direct POST."""
        params = urllib.parse.parse_qsl(query_string, keep_blank_values=True)
        if self.command == "POST" and content_type == FORM:
            params += urllib.parse.parse_qsl(body.decode("utf-8", "replace"),
                                             keep_blank_values=True)
            texts = [value for name, value in params if name == operation]
        elif self.command == "POST":
            texts = [body.decode("utf-8", "replace")]
        else:
            texts = [value for name, value in params if name == operation]
        if len(texts) != 1:
            self._fail(400, f"send exactly one '{operation}' (as a parameter or the POST body)")
            return
        try:
            check_nesting(texts[0])  # the engine's parser would crash on deeper nesting
            text = label_service.rewrite(texts[0])
        except QueryError as exc:
            self._fail(400, str(exc))
            return
        refusal = self.server.policy.service_refusal(text)
        if refusal:
            self._fail(400, refusal)
            return
        rest = urllib.parse.urlencode([(n, v) for n, v in params if n != operation])
        headers = {
            "Content-Type": f"application/sparql-{operation}; charset=utf-8",
            "Accept": self.headers.get("Accept", "*/*"),
        }
        deadline = time.monotonic() + self.server.policy.timeout
        path = f"/{operation}" + (f"?{rest}" if rest else "")
        self._relay("POST", path, text.encode("utf-8"), headers, deadline=deadline)

    # ------------------------------------------------------------------ relaying

    def _relay(self, method: str, path: str, body: bytes, headers: dict[str, str],
               *, deadline: float | None) -> None:
        """Send the request to the child, read the whole answer, check it, then reply."""
        host, port = self.server.upstream
        timeout = self.server.policy.timeout
        first_wait = timeout if deadline is not None else max(timeout, 60.0)
        connection = http.client.HTTPConnection(host, port, timeout=first_wait)
        spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        try:
            try:
                connection.request(method, path, body=body or None, headers=headers)
                response = connection.getresponse()
                while True:
                    if deadline is not None:
                        left = deadline - time.monotonic()
                        if left <= 0:
                            raise TimeoutError
                        if connection.sock is not None:
                            connection.sock.settimeout(left)
                    chunk = response.read1(CHUNK)
                    if not chunk:
                        break
                    spool.write(chunk)
            except TimeoutError:
                self._fail(504, f"the query ran longer than {timeout:g} s (--timeout); "
                           "make it more selective or start the server with a longer --timeout")
                return
            except (OSError, http.client.HTTPException) as exc:
                self._fail(502, f"the Oxigraph server did not answer: {exc}")
                return
            finally:
                connection.close()
            content_type = response.getheader("Content-Type", "")
            if response.status == 200 and self.command != "HEAD":
                problem = answer_problem(content_type, spool)
                if problem:
                    self._fail(500, f"the query failed after its first results: {problem}")
                    return
            self._reply(response.status, response.getheaders(), spool)
        finally:
            spool.close()

    def _reply(self, status: int, headers: list[tuple[str, str]], body: IO[bytes]) -> None:
        size = body.seek(0, 2)
        body.seek(0)
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP and not name.lower().startswith("access-control"):
                self.send_header(name, value)
        self._cors_headers()
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.command != "HEAD":
            try:
                shutil.copyfileobj(body, self.wfile, CHUNK)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

    def _cors_headers(self) -> None:
        allowed = self.server.policy.cors_origin(self.headers.get("Origin"))
        if allowed:
            self.send_header("Access-Control-Allow-Origin", allowed)
            if allowed != "*":
                self.send_header("Vary", "Origin")

    def _fail(self, status: int, message: str) -> None:
        """Reply with `status` and a one-line plain-text message."""
        data = (message + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self._cors_headers()
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def start_front(address: tuple[str, int], upstream: tuple[str, int],
                policy: EndpointPolicy) -> tuple[Front, threading.Thread]:
    """Bind the front and serve it in a background thread; stop it with `front.shutdown()`."""
    front = Front(address, upstream, policy)
    thread = threading.Thread(target=front.serve_forever, name="sportkg-front", daemon=True)
    thread.start()
    return front, thread
