"""The reliability sweep: bad input, faults and attacks, each with the outcome it must have.

Every case runs the real command (in-process with CliRunner, or as a process where the
exit code or a signal matters) and checks the contract of docs/reliability.md: one line
on stderr naming the file (and line) or the option, a non-zero exit code, the store as it
was, and a bounded time. HTTP faults come from listeners started here on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

SPORTKG = [sys.executable, "-m", "sportkg.cli"]
NOBODY = 65534

ARTICLE_NL = " date 2025-11-22 Schaatsster Anna de Wit won zaterdag goud op de 1500 meter.\n"


def one_line_error(stderr: str, *needles: str) -> str:
    """The single error line of `stderr`; warnings before it are allowed."""
    lines = [ln for ln in stderr.strip().splitlines() if "warning" not in ln.lower()]
    errors = [ln for ln in lines if ln.startswith("sportkg: error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    return errors[0]


Invoke = Callable[..., tuple[int, str, str]]


@pytest.fixture
def invoke(cli: Callable[..., Result]) -> Invoke:
    """`invoke(*args, stdin=None)`: run the app in this process: (exit code, stdout, stderr)."""

    def run_here(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
        result = cli(*args, stdin=stdin)
        return result.exit_code, result.stdout, result.stderr

    return run_here


def run(*args: str, cwd: Path | None = None, stdin: str | None = None,
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run `sportkg` in a fresh process."""
    return subprocess.run([*SPORTKG, *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=timeout)


@pytest.fixture
def facts(tmp_path: Path, sample_articles) -> list[dict]:  # type: ignore[no-untyped-def]
    """The sample statements as JSON objects (the form `sportkg load` reads)."""
    return [s.to_dict() for _, statements in sample_articles for s in statements]


def write_lines(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path



def quads_of(store: Path) -> set[str]:
    """Every quad of a closed Oxigraph store, as N-Quads lines."""

    with contextlib.closing(_ReadOnly(store)) as opened:
        return {str(q) for q in opened.store}


class _ReadOnly:
    def __init__(self, path: Path) -> None:
        import pyoxigraph

        self.store = pyoxigraph.Store.read_only(str(path))

    def close(self) -> None:
        del self.store


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """Run the block with the permissions of an unprivileged user.

    Root reads and writes whatever the mode bits say, so as root the effective user
    becomes `nobody` for the block; other users are unprivileged already.
    """
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user may enter (pytest's tmp_path is private to root)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="sportkg-reliab-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder, ignore_errors=True)


# ----------------------------------------------------------------------------- crashes


def test_deeply_nested_query_is_refused_before_the_engine(store: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.rq"
    deep.write_text("SELECT * WHERE " + "{" * 5000 + "}" * 5000 + "\n", encoding="utf-8")
    started = time.monotonic()
    proc = run("query", str(deep), "--store", str(store))
    assert proc.returncode == 1, proc.stderr  # was -11 (SIGSEGV, exit 139 in a shell)
    one_line_error(proc.stderr, "nested 5000 levels deep (line 1)", "limit is 200")
    assert time.monotonic() - started < 60
    fine = tmp_path / "fine.rq"
    fine.write_text("ASK " + "{" * 150 + "}" * 150 + "\n", encoding="utf-8")
    assert run("query", str(fine), "--store", str(store)).returncode == 0


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_nesting_limit_holds_for_every_backend(backend: str, tmp_path: Path) -> None:
    from sportkg.errors import QueryError
    from sportkg.graph.kg import KnowledgeGraph

    path = tmp_path / "st" if backend == "oxigraph" else None
    with KnowledgeGraph.open(backend, path=path) as kg:
        with pytest.raises(QueryError, match="nested 201 levels"):
            kg.query("ASK " + "{" * 201 + "}" * 201)
        with pytest.raises(QueryError, match="nested"):
            kg.store.update("INSERT DATA " + "{" * 300 + "}" * 300)
        # brackets inside strings, IRIs and comments do not count
        assert kg.query('ASK { FILTER("' + "{" * 300 + '" != "") } # ' + "(" * 300).boolean


def test_integer_of_5001_digits_in_statements(
    invoke: Invoke, tmp_path: Path, facts: list[dict]
) -> None:
    record = dict(facts[2])  # sk:age 27
    assert record["value"]["datatype"] == "integer"
    line = json.dumps(record).replace('"literal": 27', '"literal": ' + "9" * 5001)
    bad = tmp_path / "big.jsonl"
    bad.write_text(json.dumps(facts[0]) + "\n" + line + "\n", encoding="utf-8")
    code, _, err = invoke("load", str(bad), "--store", str(tmp_path / "st"))
    assert code == 1
    one_line_error(err, "big.jsonl:2:", "4300 digits")
    assert not (tmp_path / "st").exists()


def test_lone_surrogate_in_doc(invoke: Invoke, tmp_path: Path, facts: list[dict]) -> None:
    bad = tmp_path / "surrogate.jsonl"
    bad.write_text(json.dumps({**facts[0], "doc": "\ud800"}) + "\n", encoding="utf-8")
    assert "\\ud800" in bad.read_text(encoding="utf-8")
    code, _, err = invoke("load", str(bad), "--store", str(tmp_path / "st"))
    assert code == 1
    one_line_error(err, "surrogate.jsonl:1:", "lone surrogate U+D800")


def test_lone_surrogate_in_an_article_record(invoke: Invoke, tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        json.dumps({"id": "a", "text": "Anna \udc00 won.", "lang": "nl", "date": "2025-01-01"})
        + "\n" + json.dumps({"id": "b", "text": ARTICLE_NL, "lang": "nl"}) + "\n",
        encoding="utf-8",
    )
    code, out, err = invoke("extract", str(articles), "--pipeline", "rules")
    assert code == 1  # the bad record is skipped and named, the other one is read
    assert "articles.jsonl:1: not valid text: a lone surrogate U+DC00" in err
    assert "extracted from 1 article" in err and "Traceback" not in err


@pytest.mark.parametrize("glob", ["/etc/*", "../*", "sub/../../*", "~/*"])
def test_glob_cannot_leave_the_folder(invoke: Invoke, glob: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_NL, encoding="utf-8")
    code, out, err = invoke("extract", str(folder), "--glob", glob, "--pipeline", "rules")
    assert code == 2 and out == ""
    one_line_error(err, "must stay inside the directory")


def test_viz_into_a_folder_that_cannot_be_written(invoke: Invoke, store: Path, tmp_path: Path,
                                                  shared_dir: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    code, _, err = invoke("viz", "--store", str(store), "--out", str(tmp_path / "a-file/x.html"))
    assert code == 1
    one_line_error(err, "cannot write", "x.html", "a part of its folder is a file")

    from sportkg.errors import ExportError
    from sportkg.graph.export import atomic_file

    locked = shared_dir / "read-only"
    locked.mkdir()
    locked.chmod(0o555)
    with as_nobody(), pytest.raises(ExportError, match="cannot write .*x.html: Permission denied"):
        with atomic_file(locked / "x.html") as handle:
            handle.write("<html></html>")
    assert list(locked.iterdir()) == []


def _damage(store: Path) -> None:
    """Flip a byte in every 97 of the store's table files (each keeps its length)."""
    for table in sorted(store.glob("*.sst")):
        data = bytearray(table.read_bytes())
        for i in range(0, len(data), 97):
            data[i] ^= 0xFF
        table.write_bytes(bytes(data))


def _limit_memory() -> None:
    """At most 4 GB of address space: a damaged store can make an engine allocate wildly."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def test_flipped_bytes_in_a_store_file(store: Path) -> None:
    import pyoxigraph

    # compact the store into table files first, so the bytes flipped are in them
    kept = pyoxigraph.Store(str(store))
    kept.optimize()
    kept.flush()
    del kept
    _damage(store)
    for args in (["query", "medals"], ["export", "--format", "nq", "--out", "-"],
                 ["profile", "Sanne Bakker"]):
        proc = subprocess.run([*SPORTKG, *args, "--store", str(store)], capture_output=True,
                              text=True, timeout=120, preexec_fn=_limit_memory)
        assert proc.returncode == 1, (args, proc.returncode, proc.stderr[-400:])
        line = one_line_error(proc.stderr, str(store))
        assert "locked" not in line  # 'block checksum mismatch' was taken for a lock
        assert "damaged" in line, line


def test_close_failure_is_a_store_error(tmp_path: Path) -> None:
    from sportkg.errors import StoreError
    from sportkg.graph.stores import OxigraphStore

    class Failing:
        def flush(self) -> None:
            raise RuntimeError("Corruption: block checksum mismatch in 000012.sst")

    opened = OxigraphStore(Failing(), path=tmp_path / "st", read_only=False)
    with pytest.raises(StoreError, match=r"store .*st is damaged \(Corruption"):
        opened.close()
    opened.close()  # a second close does nothing


def test_kb_load_turtle_with_a_space_in_an_iri(invoke: Invoke, store: Path, tmp_path: Path) -> None:
    before = quads_of(store)
    bad = tmp_path / "kb.ttl"
    bad.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<http://www.wikidata.org/entity/Q1> rdfs:label "ok"@en .\n'
        '<http://www.wikidata.org/entity/Q2 x> rdfs:label "bad"@en .\n',
        encoding="utf-8",
    )
    code, _, err = invoke("kb", "load", str(bad), "--store", str(store))
    assert code == 1
    one_line_error(err, "kb.ttl:3:", "Invalid IRI")
    assert quads_of(store) == before


# ----------------------------------------------------------------------------- sparql backend


class _Canned(http.server.BaseHTTPRequestHandler):
    """Answers every request with the server's canned status, type and body."""

    def _answer(self) -> None:
        status, ctype, body = self.server.canned  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def canned_endpoint(status: int, ctype: str, body: bytes) -> Iterator[str]:
    """A local HTTP listener that answers everything with one canned response."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
    server.canned = (status, ctype, body)  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        server.shutdown()
        server.server_close()


SPARQL_ANSWERS = {
    "html": ("text/html", b"<!DOCTYPE html><html><body>Welcome</body></html>",
             "an HTML page"),
    "empty": ("application/sparql-results+json", b"", "an empty body"),
    "not utf-8": ("application/sparql-results+json", b'{"boolean": "\xff\xfe"}',
                  "not UTF-8"),
    "not json": ("application/sparql-results+json", b"boolean = true", "not JSON"),
    "wrong shape": ("application/sparql-results+json", b'{"results": [1, 2]}',
                    "not SPARQL results"),
    "ask as string": ("application/sparql-results+json", b'{"boolean": "yes"}',
                      "not SPARQL results"),
}


@pytest.mark.parametrize("kind", list(SPARQL_ANSWERS))
def test_sparql_backend_with_a_broken_answer(invoke: Invoke, kind: str) -> None:
    ctype, body, needle = SPARQL_ANSWERS[kind]
    with canned_endpoint(200, ctype, body) as url:
        code, _, err = invoke("stats", "--backend", "sparql", "--store-endpoint", url)
    assert code == 1
    one_line_error(err, url, needle)


def test_sparql_backend_with_bindings_of_the_wrong_shape() -> None:
    from sportkg.errors import StoreError
    from sportkg.graph.stores import SparqlStore

    wrong = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": "not a term"}]}}'
    with canned_endpoint(200, "application/sparql-results+json", wrong) as url:
        endpoint = SparqlStore(url, None, read_only=True)
        with pytest.raises(StoreError, match="not SPARQL results"):
            endpoint.query("SELECT ?s WHERE { ?s ?p ?o }")


# ----------------------------------------------------------------------------- lost data


def test_load_checks_every_line_before_the_first_write(invoke: Invoke, store: Path, tmp_path: Path,
                                                       facts: list[dict]) -> None:
    """A bad IRI at line 12,000 used to come after 10,000 statements were committed."""
    before = quads_of(store)
    records = []
    for i in range(12_000):
        record = json.loads(json.dumps(facts[i % len(facts)]))
        record["doc"] = f"doc-{i // 4}"
        record["article"] = ""
        records.append(record)
    records[11_999]["subject"]["iri"] = "https://w3id.org/sportkg/entity/bad iri"
    big = write_lines(tmp_path / "many.jsonl", records)
    started = time.monotonic()
    code, _, err = invoke("load", str(big), "--store", str(store))
    assert code == 1
    one_line_error(err, "many.jsonl:12000:", "not a valid absolute IRI")
    assert quads_of(store) == before
    assert time.monotonic() - started < 120


@pytest.mark.parametrize(
    "literal, precision",
    [("2026-02-30", "day"), ("2026-13", "month"), ("2026-00-10", "day"), ("20x6", "year")],
)
def test_load_refuses_impossible_dates(invoke: Invoke, literal: str, precision: str, store: Path,
                                       tmp_path: Path, facts: list[dict]) -> None:
    before = quads_of(store)
    record = json.loads(json.dumps(facts[0]))
    record["qualifiers"]["P585"] = {"literal": literal, "datatype": "date",
                                    "precision": precision}
    bad = write_lines(tmp_path / "dates.jsonl", [facts[1], record])
    code, _, err = invoke("load", str(bad), "--store", str(store))
    assert code == 1
    one_line_error(err, "dates.jsonl:2:", f"date {literal!r} is not a calendar date")
    assert quads_of(store) == before


def test_extract_out_onto_its_own_input(invoke: Invoke, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE_NL, encoding="utf-8")
    for out in (article, tmp_path / "." / "a.txt"):
        code, _, err = invoke("extract", str(tmp_path), "--out", str(out), "--pipeline", "rules")
        assert code == 2
        one_line_error(err, "is one of the inputs")
        assert article.read_text(encoding="utf-8") == ARTICLE_NL


def test_extract_out_is_atomic(invoke: Invoke, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_NL, encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    out.write_text("previous content\n", encoding="utf-8")
    # a pipeline that cannot be loaded fails after --out was opened: the old file stays
    code, _, err = invoke("extract", str(articles), "--out", str(out), "--pipeline", "nope_x")
    assert code == 1 and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "facts.jsonl"]
    code, _, err = invoke("extract", str(articles), "--out", str(out), "--pipeline", "rules")
    assert code == 0, err
    assert out.read_text(encoding="utf-8").startswith('{"doc": "a"')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "facts.jsonl"]


def test_evaluate_out_is_atomic(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sportkg.commands import extract as commands

    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_NL, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a", "subject": "Anna de Wit", "property": "P166",
                                "value": "gold medal"}) + "\n", encoding="utf-8")
    out = tmp_path / "report.txt"
    out.write_text("previous report\n", encoding="utf-8")
    code, _, err = invoke("evaluate", str(articles), "--gold", str(gold), "--out", str(gold))
    assert code == 2 and "is one of the inputs" in err  # the gold file is not overwritten
    assert gold.read_text(encoding="utf-8").startswith('{"doc": "a"')

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("the report failed half-way")

    monkeypatch.setattr(commands, "format_report", broken)
    code, _, err = invoke("evaluate", str(articles), "--gold", str(gold), "--out", str(out),
                          "--pipeline", "rules")
    assert code != 0
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "gold.jsonl", "report.txt"]
    monkeypatch.undo()
    code, stdout, err = invoke("evaluate", str(articles), "--gold", str(gold), "--out", str(out),
                               "--pipeline", "rules", "-f", "json")
    assert code == 0, err
    assert stdout == "" and json.loads(out.read_text(encoding="utf-8"))["micro"]["gold"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "gold.jsonl", "report.txt"]


def test_export_and_viz_out_are_atomic(invoke: Invoke, store: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from sportkg.graph import export

    target = tmp_path / "graph.nq"
    target.write_text("old\n", encoding="utf-8")

    def broken(self: object, kg: object, stream: object) -> None:
        stream.write(b"<a> <b> <c> <g> .\n")  # type: ignore[attr-defined]
        raise RuntimeError("the writer failed half-way")

    monkeypatch.setattr(export.NQuadsExporter, "dump", broken)
    code, _, err = invoke("export", "--store", str(store), "--out", str(target))
    assert code == 1
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    page = tmp_path / "net.html"
    code, _, err = invoke("viz", "--store", str(store), "--out", str(page))
    assert code == 0, err
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert oct(page.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_piped_articles_do_not_replace_each_other(invoke: Invoke, tmp_path: Path) -> None:
    st = str(tmp_path / "st")
    first = " date 2025-11-22 Schaatsster Anna de Wit won zaterdag goud op de 1500 meter.\n"
    second = " date 2025-11-23 Schaatser Kees Stam won zondag zilver op de 5000 meter.\n"
    for text in (first, second):
        code, _, err = invoke("build", "-", "--store", st, "--lang", "nl", "--pipeline",
                              "rules", stdin=text)
        assert code == 0, err
    code, out, _ = invoke("stats", "--store", st, "-f", "json")
    assert json.loads(out)["articles"] == 2
    code, _, err = invoke("build", "-", "--store", st, "--lang", "nl", "--pipeline",
                          "rules", stdin=first)
    assert "0 new, 0 replaced, 1 unchanged" in err  # the same text again is the same article


def test_unreadable_subfolder_is_named_counted_and_exits_1(
    invoke: Invoke, shared_dir: Path
) -> None:
    folder = shared_dir / "articles"
    (folder / "open").mkdir(parents=True)
    (folder / "closed").mkdir()
    (folder / "open" / "a.txt").write_text(ARTICLE_NL, encoding="utf-8")
    (folder / "closed" / "b.txt").write_text(ARTICLE_NL, encoding="utf-8")
    for path in (shared_dir, folder, folder / "open"):
        path.chmod(0o755)
    (folder / "open" / "a.txt").chmod(0o644)
    (folder / "closed").chmod(0o000)
    invoke("extract", str(folder / "open"), "--pipeline", "rules")  # import what it needs
    with as_nobody():
        code, _, err = invoke("extract", str(folder), "--pipeline", "rules")
    assert code == 1, err
    assert f"skipped {folder / 'closed'}: directory cannot be read: Permission denied" in err
    assert "extracted from 1 article" in err and "1 skipped" in err
    with as_nobody():
        code, _, err = invoke("extract", str(folder / "closed"), "--pipeline", "rules")
    assert code == 1
    assert "directory cannot be read" in err and "has no files matching" not in err


# ----------------------------------------------------------------------------- unclear


def test_symlink_loop_and_broken_link_are_named(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "broken").symlink_to(tmp_path / "nothing")
    code, _, err = invoke("extract", str(tmp_path / "loop"), str(tmp_path / "broken"),
                          "--pipeline", "rules")
    assert code == 1
    assert "loop: symbolic link loop" in err
    assert "broken: broken symbolic link" in err
    assert "no such file" not in err


def test_query_syntax_error_names_the_line_of_the_users_text(invoke: Invoke, store: Path,
                                                              tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = ) .\n  ?s ?q ?r .\n}\n",
                   encoding="utf-8")
    code, _, err = invoke("query", str(bad), "--store", str(store))
    assert code == 1
    line = one_line_error(err, "SPARQL syntax error")
    assert " at 4:" in line or " at 3:" in line, line  # not 30 lines further down
    code, _, err = invoke("query", str(bad), "--backend", "memory")
    assert "(line:3," in one_line_error(err)


def test_empty_construct_result_is_not_an_error(
    invoke: Invoke, store: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.rq"
    empty.write_text("CONSTRUCT { ?s ?p ?o } WHERE { ?s <http://example.org/none> ?o }\n",
                     encoding="utf-8")
    for fmt in ("table", "json", "csv"):
        code, out, err = invoke("query", str(empty), "--store", str(store), "-f", fmt)
        assert code == 0, err
        assert err == ""
        # an empty graph, as a non-empty CONSTRUCT would be written: JSON-LD, N-Triples
        assert out == ("[]\n" if fmt == "json" else ""), (fmt, out)


def test_empty_describe_result_is_an_empty_graph(
    invoke: Invoke, store: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.rq"
    empty.write_text("# what is described?\n"
                     "DESCRIBE ?s WHERE { ?s <http://example.org/none> ?o }\n", encoding="utf-8")
    code, out, _ = invoke("query", str(empty), "--store", str(store), "-f", "json")
    assert code == 0 and json.loads(out) == []
    select = tmp_path / "select.rq"
    select.write_text("SELECT ?s WHERE { ?s <http://example.org/none> ?o }\n", encoding="utf-8")
    code, out, _ = invoke("query", str(select), "--store", str(store), "-f", "json")
    assert code == 0 and json.loads(out)["head"]["vars"] == ["s"]


def test_ctrl_c_says_interrupted(tmp_path: Path) -> None:
    proc = subprocess.Popen([*SPORTKG, "build", "-", "--store", str(tmp_path / "st"),
                             "--lang", "nl", "--pipeline", "rules"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # reading stdin, which stays open
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == "sportkg: interrupted", err


# ----------------------------------------------------------------------------- hangs


class _Trickle(http.server.BaseHTTPRequestHandler):
    """Sends a SPARQL JSON answer one byte a second: each read is quick, the whole is not."""

    def do_GET(self) -> None:
        body = b'{"head": {"vars": []}, "results": {"bindings": []}}' * 2
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.5)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


class _RetryLater(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(429)
        self.send_header("Retry-After", "100000")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def listener(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_wikidata_timeout_is_a_whole_request_deadline() -> None:
    from sportkg.errors import LinkingError
    from sportkg.kb.wikidata import WikidataClient

    with listener(_Trickle) as url:
        client = WikidataClient(url, timeout=2, retries=0, cache_dir=None)
        started = time.monotonic()
        with pytest.raises(LinkingError, match="no answer within 2 s"):
            client.select("SELECT * WHERE { ?s ?p ?o }")
        assert time.monotonic() - started < 6


def test_wikidata_retry_after_is_capped_and_said(caplog: pytest.LogCaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from sportkg.errors import LinkingError
    from sportkg.kb import wikidata

    waits: list[float] = []
    here = threading.get_ident()
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        """Note the client's waits instead of sleeping them (other threads sleep as usual)."""
        if threading.get_ident() == here:
            waits.append(seconds)
        else:
            real_sleep(seconds)

    monkeypatch.setattr(wikidata.time, "sleep", sleep)
    with listener(_RetryLater) as url:
        client = wikidata.WikidataClient(url, timeout=5, retries=1, cache_dir=None)
        with caplog.at_level("WARNING"), pytest.raises(LinkingError, match="HTTP 429"):
            client.select("SELECT * WHERE { ?s ?p ?o }")
    assert waits == [wikidata.MAX_RETRY_AFTER] and wikidata.MAX_RETRY_AFTER <= 60
    assert "waiting 60 s" in caplog.text and "Retry-After" in caplog.text


@pytest.mark.slow
def test_nquads_export_of_many_graphs_is_linear(invoke: Invoke, tmp_path: Path) -> None:
    """1,500 article graphs export as N-Quads in seconds (rdflib took minutes)."""
    import pyoxigraph

    path = tmp_path / "st"
    data = "".join(
        f"<https://w3id.org/sportkg/entity/p{i}> <http://www.w3.org/2000/01/rdf-schema#label> "
        f'"person {i}" <https://w3id.org/sportkg/article/a{i}> .\n'
        for i in range(1500)
    )
    kept = pyoxigraph.Store(str(path))
    kept.load(data.encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    kept.flush()
    del kept
    for fmt, out in (("nquads", "g.nq"), ("trig", "g.trig"), ("ntriples", "g.nt")):
        started = time.monotonic()
        code, _, err = invoke("export", "--store", str(path), "--out", str(tmp_path / out))
        assert code == 0, err
        assert time.monotonic() - started < 20, fmt
        parsed = list(pyoxigraph.parse(path=str(tmp_path / out),
                                       format=pyoxigraph.RdfFormat.from_extension(out[2:])))
        assert len(parsed) == 1500


# ----------------------------------------------------------------------------- security


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_on_all_interfaces_warns(store: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([*SPORTKG, "serve", "--store", str(store), "--bind",
                             f"0.0.0.0:{port}"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        warned = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            warned += line
            if "Press Ctrl-C" in line or not line:
                break
        assert "0.0.0.0" in warned and "reachable from other machines" in warned, warned
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)


@pytest.mark.slow
def test_serve_survives_a_deeply_nested_query(store: Path) -> None:
    import urllib.error
    import urllib.parse
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen([*SPORTKG, "serve", "--store", str(store), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/query"
    try:
        _wait_for(lambda: _answers(url + "?query=ASK%7B%7D"))
        deep = urllib.parse.urlencode({"query": "ASK " + "{" * 5000 + "}" * 5000}).encode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, data=deep, timeout=60)
        assert refused.value.code == 400
        assert _answers(url + "?query=ASK%7B%7D")  # still serving
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)


def _answers(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


# ----------------------------------------------------------------------------- concurrency


@pytest.mark.slow
def test_two_builds_on_one_store(invoke: Invoke, tmp_path: Path) -> None:
    """The second build fails at once naming the lock; the first one loses nothing."""
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE_NL, encoding="utf-8")
    store = tmp_path / "st"
    first = subprocess.Popen([*SPORTKG, "build", "-", "--store", str(store), "--lang", "nl",
                              "--pipeline", "rules"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: (store / "LOCK").exists())
        time.sleep(1)
        second = run("build", str(articles), "--store", str(store), "--pipeline", "rules")
        assert second.returncode == 1
        one_line_error(second.stderr, str(store), "locked by another process", "LOCK")
    finally:
        _, err = first.communicate(ARTICLE_NL.replace("Anna", "Bea"), timeout=120)
    assert first.returncode == 0, err
    code, out, _ = invoke("stats", "--store", str(store), "-f", "json")
    assert json.loads(out)["articles"] == 1


@pytest.mark.slow
def test_reader_during_a_write(
    invoke: Invoke, store: Path, tmp_path: Path, facts: list[dict]
) -> None:
    """A read-only reader beside a writer gets an answer or a one-line error, never a crash.

    Oxigraph calls a read-only opener beside a writer undefined behaviour, so the docs
    advise serving a copy; this checks that nothing worse than an error line happens.
    """
    records = []
    for i in range(3000):
        record = json.loads(json.dumps(facts[i % len(facts)]))
        record["doc"], record["article"] = f"w-{i // 3}", ""
        records.append(record)
    big = write_lines(tmp_path / "w.jsonl", records)
    writer = subprocess.Popen([*SPORTKG, "load", str(big), "--store", str(store)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        outcomes = []
        while writer.poll() is None and len(outcomes) < 5:
            reader = run("stats", "--store", str(store), "-f", "json", timeout=120)
            assert reader.returncode in (0, 1), reader.stderr
            if reader.returncode:
                one_line_error(reader.stderr, str(store))
            outcomes.append(reader.returncode)
    finally:
        _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    code, out, _ = invoke("stats", "--store", str(store), "-f", "json")
    assert json.loads(out)["articles"] == 3 + 1000


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
