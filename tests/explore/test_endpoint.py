"""The front of `sportkg serve` as Wikidata users meet it, with real processes on 127.0.0.1.

Wikidata's label service through SPARQLWrapper and rdflib's SPARQLStore; SERVICE calls
refused (a local listener sees nothing) or allowed with --allow-service; a timeout or a
failure after the results began is an error status, never a broken 200; CORS; updates
guarded on a --writable server; and no `oxigraph` child outlives `sportkg serve`.
Tests that only read share one server per set of options; the others start their own.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from .conftest import WD, free_port, write_tiny_store
from .test_serve import Served, start_serve

PREFIXES = (
    "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
    "PREFIX wikibase: <http://wikiba.se/ontology#>\n"
    "PREFIX bd: <http://www.bigdata.com/rdf#>\n"
)
LABEL_QUERY = PREFIXES + """
SELECT ?person ?personLabel ?country ?countryLabel WHERE {
  ?person wdt:P27 ?country .
  SERVICE wikibase:label { bd:serviceParam wikibase:language "nl,en". }
}"""
# Five triples joined with themselves: billions of rows, a query that never ends in time.
ENDLESS = "SELECT * WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(12)) + " }"
ENDLESS_COUNT = ENDLESS.replace("SELECT *", "SELECT (COUNT(*) AS ?n)")


def children(pid: int) -> list[tuple[int, str]]:
    """Child processes of `pid` (process id, command name), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1: stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append((int(entry.name), name))
    return found


def alive(pid: int) -> bool:
    """True while `pid` is a running (not zombie) process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def wait_gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return False


def oxigraph_child(server: Served) -> int:
    [(pid, name)] = [c for c in children(server.process.pid) if c[1] == "oxigraph"]
    return pid


def terminate(server: Served) -> int:
    """Stop `sportkg serve` as a service manager would (SIGTERM) and return its exit code."""
    child = oxigraph_child(server) if server.process.poll() is None else None
    server.process.send_signal(signal.SIGTERM)
    code = server.process.wait(timeout=30)
    if child is not None:
        assert wait_gone(child), "the oxigraph child outlived sportkg serve"
    return code


@pytest.fixture
def serving(tiny_store: Path) -> Iterator[callable]:  # type: ignore[valid-type]
    """Start `sportkg serve` with extra options; every server is stopped with SIGTERM."""
    started: list[Served] = []

    def start(*options: str) -> Served:
        server = start_serve(tiny_store, *options)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            assert terminate(server) == 0


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Served]]:
    """`shared(*options)`: one read-only `sportkg serve` per set of options, started when a test
    first asks for it and kept for the module's tests that only read; each is stopped with
    SIGTERM at the end and must exit 0 with no `oxigraph` child left."""
    store = write_tiny_store(tmp_path_factory.mktemp("endpoint") / "store")
    started: dict[tuple[str, ...], Served] = {}

    def start(*options: str) -> Served:
        if options not in started:
            started[options] = start_serve(store, *options)
        assert started[options].process.poll() is None, "the shared server stopped"
        return started[options]

    yield start
    # SIGTERM to all first, then wait for each: they stop side by side
    running = [s for s in started.values() if s.process.poll() is None]
    children = [oxigraph_child(server) for server in running]
    for server in running:
        server.process.send_signal(signal.SIGTERM)
    for server, child in zip(running, children, strict=True):
        assert server.process.wait(timeout=30) == 0
        assert wait_gone(child), "the oxigraph child outlived sportkg serve"


def request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
            timeout: float = 30) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of an HTTP request, error statuses included."""
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def ask(server: Served, query: str, accept: str = "application/sparql-results+json",
        **headers: str) -> tuple[int, dict[str, str], str]:
    url = server.query_url + "?" + urllib.parse.urlencode({"query": query})
    return request(url, headers={"Accept": accept, **headers})


def test_wikidata_label_query_through_sparqlwrapper(shared) -> None:  # type: ignore[no-untyped-def]
    server = shared()
    client = SPARQLWrapper(server.query_url)
    client.setQuery(LABEL_QUERY)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [(r["personLabel"]["value"], r["countryLabel"]["value"]) for r in rows] == [
        ("Noor Vermeulen", "Q55")  # no label for wd:Q55 in the store: its local name
    ]
    assert rows[0]["personLabel"]["xml:lang"] == "en"


def test_wikidata_label_query_through_rdflib_sparqlstore(shared) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    server = shared()
    graph = Graph(SPARQLStore(query_endpoint=server.query_url, returnFormat="xml"))
    query = LABEL_QUERY.replace("?person wdt:P27 ?country .",
                                "?person wdt:P27|wdt:P641 ?country .")
    rows = sorted((str(r.personLabel), str(r.countryLabel)) for r in graph.query(query))
    assert rows == [("Daan Hoekstra", "Q32112"), ("Noor Vermeulen", "Q55")]


def test_service_to_another_host_is_refused_and_nothing_is_sent(shared) -> None:  # type: ignore[no-untyped-def]
    server = shared()
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(1.0)
        port = listener.getsockname()[1]
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        status, _, body = ask(server, query)
        assert status == 400
        assert body.strip() == (
            f"SERVICE <http://127.0.0.1:{port}/sparql> is refused: this endpoint makes no "
            "outbound calls; allow the host with --allow-service 127.0.0.1"
        )
        with pytest.raises(TimeoutError):
            listener.accept()  # the server never called out


def test_allowed_service_is_called(shared, oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    remote = urllib.request.Request(
        oxigraph_server.update_url, data=b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
        headers={"Content-Type": "application/sparql-update"})
    urllib.request.urlopen(remote, timeout=10).close()
    server = shared("--allow-service", "127.0.0.1")
    query = f"SELECT ?o WHERE {{ SERVICE <{oxigraph_server.query_url}> {{ ?s ?p ?o }} }}"
    status, _, body = ask(server, query, accept="text/csv")
    assert status == 200
    assert body.splitlines() == ["o", "urn:x:c"]


def test_failure_after_the_results_began_is_not_a_200(shared) -> None:  # type: ignore[no-untyped-def]
    server = shared("--allow-service", "127.0.0.1")
    # The child answers 200 and then writes "Connection refused" into the body.
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/> {{ ?s ?p ?o }} }}"
    for accept in ("application/sparql-results+json", "application/sparql-results+xml",
                   "text/csv", "text/tab-separated-values"):
        status, headers, body = ask(server, query, accept=accept)
        assert status == 500, (accept, body)
        assert body.startswith("the query failed after its first results: ")
        assert "refused" in body.lower() and headers["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("query", [ENDLESS, ENDLESS_COUNT], ids=["streaming", "aggregate"])
def test_timeout_is_an_error_status(shared, query: str) -> None:  # type: ignore[no-untyped-def]
    server = shared("--timeout", "1")
    started = time.monotonic()
    status, _, body = ask(server, query, accept="text/csv")
    assert status == 504, body[:200]
    assert "--timeout" in body and time.monotonic() - started < 10
    assert ask(server, "ASK {}")[0] == 200  # still serving


def test_cors_header_only_when_asked(shared) -> None:  # type: ignore[no-untyped-def]
    plain = shared()
    status, headers, _ = ask(plain, "ASK {}", Origin="https://app.example")
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    with_cors = shared("--cors", "https://app.example")
    _, headers, _ = ask(with_cors, "ASK {}", Origin="https://app.example")
    assert headers["Access-Control-Allow-Origin"] == "https://app.example"
    _, headers, _ = ask(with_cors, "ASK {}", Origin="https://other.example")
    assert "Access-Control-Allow-Origin" not in headers


def test_writable_server_refuses_cross_origin_and_form_updates(serving) -> None:  # type: ignore[no-untyped-def]
    server = serving("--writable")
    drop = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, _, body = request(server.url + "update", data=drop,
                              headers={**form, "Origin": "https://evil.example"})
    assert status == 403 and "origin https://evil.example" in body
    status, _, body = request(server.url + "update", data=drop, headers=form)
    assert status == 403 and "application/sparql-update" in body
    status, _, _ = request(server.url + "store?default", data=b"<urn:x> <urn:y> <urn:z> .",
                           headers={"Content-Type": "text/plain",
                                    "Origin": "https://evil.example"})
    assert status == 403
    assert ask(server, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", accept="text/csv")[2].split() == [
        "n", "5"]  # nothing was dropped
    own = server.url.rstrip("/")
    status, _, _ = request(server.url + "update", headers={**form, "Origin": own},
                           data=urllib.parse.urlencode(
                               {"update": "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"}
                           ).encode())
    assert status in (200, 204)  # Oxigraph's own query page may update


def test_the_sparql_backend_writes_through_a_writable_server(serving, sample_articles) -> None:  # type: ignore[no-untyped-def]
    from sportkg.graph.kg import KnowledgeGraph

    server = serving("--writable")
    with KnowledgeGraph.open("sparql", endpoint=server.query_url) as kg:
        article, facts = sample_articles[0]
        assert kg.add_article(article, facts).added == 1
        assert set(kg.statements(article=article.id)) == set(facts)


def test_no_oxigraph_child_survives_sigterm_or_sigkill(serving) -> None:  # type: ignore[no-untyped-def]
    server = serving()
    assert terminate(server) == 0
    killed = serving()
    child = oxigraph_child(killed)
    os.kill(killed.process.pid, signal.SIGKILL)
    killed.process.wait(timeout=10)
    assert wait_gone(child), "the oxigraph child outlived a killed sportkg serve"


def test_label_service_errors_are_one_line_400s(shared) -> None:  # type: ignore[no-untyped-def]
    server = shared()
    status, _, body = ask(server, "SELECT ?xLabel { ?x ?p ?o SERVICE wikibase:label { } }")
    assert status == 400 and body.count("\n") == 1 and "needs a language" in body


def test_concurrent_queries_are_answered(shared) -> None:  # type: ignore[no-untyped-def]
    server = shared()
    results: list[int] = []

    def one() -> None:
        results.append(ask(server, LABEL_QUERY)[0])

    threads = [threading.Thread(target=one) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [200] * 8
    assert WD  # the fixture store's items are Wikidata IRIs
