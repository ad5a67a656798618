"""`sportkg serve` as a real process: SPARQL 1.1 Protocol over HTTP, read-only, Ctrl-C."""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, TURTLE, XML, SPARQLWrapper

from .conftest import SKE, free_port, sportkg_command

START_TIMEOUT = 30.0


class Served:
    """A running `sportkg serve` process and the URLs it printed."""

    def __init__(self, process: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
        self.process = process
        self.lines = lines
        self.url = ""

    @property
    def query_url(self) -> str:
        return self.url + "query"

    def stop(self) -> tuple[int, str]:
        """Send SIGINT (Ctrl-C) and return the exit code and stderr."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=20)
        assert self.process.stderr is not None
        return code, self.process.stderr.read()


def start_serve(store: Path, *extra: str) -> Served:
    """Start `sportkg serve` on a free port and wait for the URL line it prints."""
    port = free_port()
    process = subprocess.Popen(
        [*sportkg_command(), "serve", "--store", str(store),
         "--bind", f"127.0.0.1:{port}", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    served = Served(process, lines)
    try:
        first = lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        process.kill()
        raise AssertionError("sportkg serve printed no URL") from None
    assert first.startswith("Serving "), first
    served.url = first.rsplit(" at ", 1)[1].strip()
    assert served.url == f"http://127.0.0.1:{port}/"
    return served


@pytest.fixture
def served(tiny_store: Path) -> Iterator[Served]:
    server = start_serve(tiny_store)
    yield server
    if server.process.poll() is None:  # stop it as a service manager would
        server.process.terminate()
        assert server.process.wait(timeout=30) == 0


def sparql(url: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setTimeout(10)
    return client


def test_select_json_and_xml_over_the_union_of_article_graphs(served: Served) -> None:
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?name WHERE { ?person rdfs:label ?name } ORDER BY ?name"
    )
    rows = sparql(served.query_url, query, JSON).queryAndConvert()
    names = [b["name"]["value"] for b in rows["results"]["bindings"]]  # type: ignore[index]
    assert names == ["Daan Hoekstra", "Noor Vermeulen"]  # two graphs, one default graph

    document = sparql(served.query_url, query, XML).queryAndConvert()  # SPARQL XML, as a DOM
    literals = [el.firstChild.data for el in document.getElementsByTagName("literal")]
    assert literals == ["Daan Hoekstra", "Noor Vermeulen"]


def test_construct_and_ask(served: Served) -> None:
    construct = (
        "PREFIX sk: <https://w3id.org/sportkg/ontology#>\n"
        "CONSTRUCT { ?b sk:engagedTo ?a } WHERE { ?a sk:engagedTo ?b }"
    )
    for fmt in (TURTLE, XML):
        graph = sparql(served.query_url, construct, fmt).queryAndConvert()
        if fmt == TURTLE:
            import rdflib

            graph = rdflib.Graph().parse(data=graph, format="turtle")
        triples = {(str(s), str(o)) for s, _, o in graph}
        assert triples == {(SKE + "daan-hoekstra", SKE + "noor-vermeulen")}

    ask = "ASK { <%s> ?p ?o }"
    assert sparql(served.query_url, ask % (SKE + "daan-hoekstra"), JSON).queryAndConvert()[
        "boolean"
    ] is True
    missing = sparql(served.query_url, ask % (SKE + "nobody"), XML).queryAndConvert()
    assert missing.getElementsByTagName("boolean")[0].firstChild.data == "false"


def test_update_is_refused_in_read_only_mode_and_ctrl_c_stops_cleanly(served: Served) -> None:
    client = SPARQLWrapper(served.query_url, updateEndpoint=served.url + "update")
    client.setMethod("POST")
    client.setQuery("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    with pytest.raises(Exception) as refused:
        client.query()
    assert "403" in str(refused.value) or "read-only" in str(refused.value).lower()
    count = sparql(served.query_url, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", JSON)
    assert count.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "5"

    code, stderr = served.stop()
    assert code == 0, stderr
    assert "Stopped." in stderr
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(served.query_url + "?query=ASK%7B%7D", timeout=2)


def test_writable_server_accepts_updates(tiny_store: Path) -> None:
    server = start_serve(tiny_store, "--writable", "--timeout", "5")
    try:
        request = urllib.request.Request(
            server.url + "update", data=b"INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
            headers={"Content-Type": "application/sparql-update"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status in (200, 204)
        ask = sparql(server.query_url, "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }", JSON)
        assert ask.queryAndConvert()["boolean"] is True
    finally:
        code, _ = server.stop()
    assert code == 0


def test_missing_store_is_a_one_line_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [*sportkg_command(), "serve", "--store", str(tmp_path / "nope")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("sportkg: error: store ")
    assert "nope" in result.stderr and "sportkg build" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_bind_is_a_one_line_error(tiny_store: Path) -> None:
    result = subprocess.run(
        [*sportkg_command(), "serve", "--store", str(tiny_store), "--bind", "localhost"],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert "HOST:PORT" in result.stderr


def test_serves_a_store_built_by_the_knowledge_graph(built_store: Path) -> None:
    server = start_serve(built_store)
    try:
        query = (
            "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
            "PREFIX p: <http://www.wikidata.org/prop/>\n"
            "PREFIX ps: <http://www.wikidata.org/prop/statement/>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
            "PREFIX sk: <https://w3id.org/sportkg/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?name ?award ?file ?g WHERE {\n"
            "  ?who p:P166 ?st . ?st ps:P166 ?a .\n"
            "  GRAPH ?g { ?st prov:wasDerivedFrom ?ref . ?ref sk:sourceFile ?file }\n"
            "  ?who rdfs:label ?name . ?a rdfs:label ?award }"
        )
        rows = sparql(server.query_url, query, JSON).queryAndConvert()["results"]["bindings"]
        assert [(r["name"]["value"], r["award"]["value"], r["file"]["value"]) for r in rows] == [
            ("Noor Vermeulen", "European champion 1500 m", "nl_01.txt")
        ]
        assert rows[0]["g"]["value"].startswith("https://w3id.org/sportkg/article/")
    finally:
        code, _ = server.stop()
    assert code == 0


def test_a_broken_store_or_a_busy_port_is_a_one_line_error(tmp_path: Path,
                                                           tiny_store: Path) -> None:
    import socket

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "CURRENT").write_text("garbage")
    result = subprocess.run(
        [*sportkg_command(), "serve", "--store", str(broken), "--bind",
         f"127.0.0.1:{free_port()}"], capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("sportkg: error: the Oxigraph server for ")
    assert "Corruption" in result.stderr and len(result.stderr.strip().splitlines()) == 1

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [*sportkg_command(), "serve", "--store", str(tiny_store), "--bind",
             f"127.0.0.1:{port}"], capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 1
    assert f"127.0.0.1:{port} is already in use" in result.stderr
