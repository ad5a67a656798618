"""The graph commands (`commands/graph.py`) end to end: results, exit codes, errors.

They run in this process (the `cli` fixture); loading from stdin and a store locked by
another process are checked with a real `sportkg` process.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import Result

from sportkg.graph.kg import KnowledgeGraph

Cli = Callable[..., Result]
Process = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def facts_file(tmp_path: Path, sample_articles) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "facts.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for _, facts in sample_articles:
            for statement in facts:
                handle.write(json.dumps(statement.to_dict(), ensure_ascii=False) + "\n")
    return path


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("sportkg: error: "), stderr
    return lines[0]


def _one_line_error(
    result: Result | subprocess.CompletedProcess[str], *needles: str, code: int = 1
) -> None:
    returned = (result.returncode if isinstance(result, subprocess.CompletedProcess)
                else result.exit_code)
    assert returned == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sportkg: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_load_stats_query_export_validate(cli: Cli, tmp_path: Path, facts_file: Path) -> None:
    assert cli("load", str(facts_file), "--store", "st", cwd=tmp_path).exit_code == 0
    stats = cli("stats", "--store", "st", "--format", "json", cwd=tmp_path)
    assert json.loads(stats.stdout)["statements"] == 11
    again = cli("load", str(facts_file), "--store", "st", cwd=tmp_path)
    assert "3 unchanged" in again.stderr
    assert json.loads(cli("stats", "--store", "st", "--format", "json", cwd=tmp_path).stdout
                      ) == json.loads(stats.stdout)
    medals = cli("query", "medals", "--store", "st", cwd=tmp_path)
    assert medals.exit_code == 0 and "Sanne Bakker" in medals.stdout
    assert "Olympic gold medal" in medals.stdout and "(1 row)" in medals.stdout
    as_json = cli("query", "person_facts", "--param", "person=Ruth Okafor", "--format", "json",
                  "--store", "st", cwd=tmp_path)
    bindings = json.loads(as_json.stdout)["results"]["bindings"]
    assert {b["property"]["value"] for b in bindings} == {"P1000", "P569", "sk:defeated",
                                                          "sk:won"}
    tsv = cli("query", "low_confidence", "-f", "tsv", "--store", "st", cwd=tmp_path)
    assert tsv.stdout.splitlines()[0].startswith("?confidence\t")
    csv = cli("query", "relationships", "-f", "csv", "--store", "st", cwd=tmp_path)
    assert csv.stdout.splitlines()[1] == "Sanne Bakker,engaged to,Tom Visser,nl_sanne.txt"
    out = cli("export", "--format", "nquads", "--out", "out/g.nq", "--store", "st", cwd=tmp_path)
    assert out.exit_code == 0 and (tmp_path / "out" / "g.nq").stat().st_size > 0
    valid = cli("validate", "--store", "st", cwd=tmp_path)
    assert valid.exit_code == 0 and valid.stdout.startswith("conforms")


def test_load_from_stdin(sportkg_process: Process, tmp_path: Path, facts_file: Path) -> None:
    result = sportkg_process("load", "-", "--store", "st", cwd=tmp_path,
                             stdin=facts_file.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    with KnowledgeGraph.open("oxigraph", path=tmp_path / "st", read_only=True) as kg:
        assert kg.stats()["articles"] == 3


def test_query_file(cli: Cli, tmp_path: Path, facts_file: Path) -> None:
    cli("load", str(facts_file), "--store", "st", cwd=tmp_path)
    (tmp_path / "who.rq").write_text(
        "# persons\nSELECT DISTINCT ?n WHERE { ?p a sk:Person ; schema:name ?n } ORDER BY ?n\n",
        encoding="utf-8")
    result = cli("query", "who.rq", "-f", "csv", "--store", "st", cwd=tmp_path)
    assert result.stdout.split() == ["n", "Lena", "Hartmann", "Ruth", "Okafor", "Sanne",
                                     "Bakker", "Tom", "Visser"]


def test_malformed_line_names_file_and_line_and_loads_nothing(
    cli: Cli, tmp_path: Path, facts_file: Path
) -> None:
    lines = facts_file.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*lines[:4], '{"doc": "x", "subject": ', *lines[4:]]) + "\n",
                   encoding="utf-8")
    _one_line_error(cli("load", str(bad), "--store", "st", cwd=tmp_path), "bad.jsonl:5",
                    "not valid JSON")
    assert not (tmp_path / "st").exists() or cli(
        "stats", "--store", "st", "-f", "json", cwd=tmp_path).stdout.find('"statements": 0') >= 0


def test_unknown_property_leaves_store_as_it_was(
    cli: Cli, tmp_path: Path, facts_file: Path
) -> None:
    cli("load", str(facts_file), "--store", "st", cwd=tmp_path)
    before = cli("stats", "--store", "st", "-f", "json", cwd=tmp_path).stdout
    records = [json.loads(line) for line in facts_file.read_text(encoding="utf-8").splitlines()]
    records[2]["property"] = "P9999"
    bad = tmp_path / "unknown.jsonl"
    bad.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    _one_line_error(cli("load", str(bad), "--store", "st", cwd=tmp_path), "unknown.jsonl:3",
                    "'P9999'")
    assert cli("stats", "--store", "st", "-f", "json", cwd=tmp_path).stdout == before


def test_store_path_that_is_a_file(cli: Cli, tmp_path: Path, facts_file: Path) -> None:
    (tmp_path / "afile").write_text("not a store", encoding="utf-8")
    _one_line_error(cli("load", str(facts_file), "--store", "afile", cwd=tmp_path),
                    "afile", "is a file")
    _one_line_error(cli("stats", "--store", "afile", cwd=tmp_path), "is a file")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "not a store"


def test_locked_store(
    cli: Cli, sportkg_process: Process, tmp_path: Path, facts_file: Path
) -> None:
    cli("load", str(facts_file), "--store", "st", cwd=tmp_path)
    with KnowledgeGraph.open("oxigraph", path=tmp_path / "st") as kg:  # holds the lock
        before = kg.stats()
        _one_line_error(sportkg_process("load", str(facts_file), "--store", "st", cwd=tmp_path),
                        "st", "locked")
        # reading is still possible while another process writes
        assert sportkg_process("query", "medals", "--store", "st", cwd=tmp_path).returncode == 0
        assert kg.stats() == before


def test_missing_store_for_reading(cli: Cli, tmp_path: Path) -> None:
    _one_line_error(cli("query", "medals", "--store", "nothing-here", cwd=tmp_path),
                    "nothing-here", "does not exist")


def test_sparql_errors(cli: Cli, tmp_path: Path, facts_file: Path, oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    from sportkg.explore.server import free_port

    url = oxigraph_server.query_url
    assert cli("load", str(facts_file), "--backend", "sparql", "--store-endpoint", url,
               cwd=tmp_path).exit_code == 0
    medals = cli("query", "medals", "--backend", "sparql", "--store-endpoint", url, cwd=tmp_path)
    assert "Sanne Bakker" in medals.stdout
    (tmp_path / "broken.rq").write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    _one_line_error(cli("query", "broken.rq", "--backend", "sparql", "--store-endpoint", url,
                        cwd=tmp_path), "query broken:", "syntax error")
    dead = f"http://127.0.0.1:{free_port()}/query"
    _one_line_error(cli("stats", "--backend", "sparql", "--store-endpoint", dead, cwd=tmp_path),
                    dead, "unreachable")


def test_syntax_error_on_embedded_store(cli: Cli, tmp_path: Path, facts_file: Path) -> None:
    cli("load", str(facts_file), "--store", "st", cwd=tmp_path)
    (tmp_path / "broken.rq").write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    _one_line_error(cli("query", "broken.rq", "--store", "st", cwd=tmp_path), "syntax error")


def test_bad_names_list_the_valid_ones(cli: Cli, tmp_path: Path) -> None:
    # usage mistakes, caught while the command line is read: exit code 2
    _one_line_error(cli("export", "--format", "tutle", cwd=tmp_path),
                    "'tutle' is not one of graphml, json-ld", code=2)
    _one_line_error(cli("stats", "--backend", "postgres", cwd=tmp_path),
                    "'postgres' is not one of memory, oxigraph, sparql", code=2)
    _one_line_error(cli("query", "medal", cwd=tmp_path), "Unknown query 'medal'")


# --------------------------------------------------------------------------- export formats


@pytest.mark.parametrize(
    "out, fmt, parse_as",
    [
        ("graph.nq", None, pyoxigraph.RdfFormat.N_QUADS),
        ("graph.ttl", None, pyoxigraph.RdfFormat.TURTLE),
        ("graph.jsonld", None, pyoxigraph.RdfFormat.JSON_LD),
        ("graph.rdf", None, pyoxigraph.RdfFormat.RDF_XML),
        ("graph.trig", None, pyoxigraph.RdfFormat.TRIG),
        ("graph.out", "nt", pyoxigraph.RdfFormat.N_TRIPLES),
        ("graph.out", "NQ", pyoxigraph.RdfFormat.N_QUADS),
        ("graph.out", "xml", pyoxigraph.RdfFormat.RDF_XML),
        ("graph.nq", "ttl", pyoxigraph.RdfFormat.TURTLE),  # --format wins over the extension
    ],
)
def test_export_format_from_the_option_or_the_extension(
    cli: Cli, store: Path, tmp_path: Path, out: str, fmt: str | None, parse_as: pyoxigraph.RdfFormat
) -> None:
    target = tmp_path / out
    result = cli("export", "--store", str(store), "--out", str(target),
                 *(["--format", fmt] if fmt else []))
    assert result.exit_code == 0, result.output
    quads = list(pyoxigraph.parse(path=str(target), format=parse_as))
    assert len(quads) > 100
    named = {q.graph_name for q in quads if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)}
    assert bool(named) == (parse_as in (pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG,
                                        pyoxigraph.RdfFormat.JSON_LD))


def test_export_to_an_extension_that_names_no_format_is_a_usage_mistake(
    cli: Cli, store: Path, tmp_path: Path
) -> None:
    result = cli("export", "--store", str(store), "-o", str(tmp_path / "g.txt"))
    assert result.exit_code == 2
    assert "cannot tell the export format" in _one_line(result.stderr)
    assert not (tmp_path / "g.txt").exists()


# --------------------------------------------------------------------------- outcomes said


def test_stats_counts_quads(cli: Cli, store: Path) -> None:
    table = cli("stats", "--store", str(store))
    assert "quads" in table.stdout and "triples" not in table.stdout
    as_json = json.loads(cli("stats", "-f", "json", "--store", str(store)).stdout)
    assert as_json["quads"] > 0 and "triples" not in as_json


def test_sparql_backend_without_endpoint_names_the_option(cli: Cli) -> None:
    result = cli("stats", "--backend", "sparql")
    assert result.exit_code == 1
    assert "needs --store-endpoint URL" in _one_line(result.stderr)


def test_memory_backend_warns_that_nothing_is_kept(cli: Cli) -> None:
    result = cli("stats", "--backend", "memory")
    assert result.exit_code == 0
    assert "--backend memory starts empty and keeps nothing" in result.stderr


def test_a_name_that_matches_nobody_is_said_with_close_names(cli: Cli, store: Path) -> None:
    surname = cli("query", "medals", "-p", "athlete=Bakker", "--store", str(store))
    assert surname.exit_code == 0 and "(0 rows)" in surname.stdout
    assert "no one in the graph is named 'Bakker'" in surname.stderr
    assert "did you mean 'Sanne Bakker'?" in surname.stderr
    typo = cli("query", "person_facts", "-p", "person=Ruth Okafr", "--store", str(store))
    assert "did you mean 'Ruth Okafor'?" in typo.stderr
    found = cli("query", "medals", "-p", "athlete=sanne bakker", "--store", str(store))
    assert "Olympic gold medal" in found.stdout and found.stderr == ""
    unrelated = cli("query", "winners", "-p", "event=nothing", "--store", str(store))
    assert unrelated.stderr == ""  # not a person's name: nothing to suggest


def test_load_says_counts_in_the_right_number(cli: Cli, tmp_path: Path, sample_articles) -> None:  # type: ignore[no-untyped-def]
    facts = tmp_path / "facts.jsonl"
    _, statements = sample_articles[0]
    facts.write_text("".join(json.dumps(s.to_dict()) + "\n" for s in statements[:1]),
                     encoding="utf-8")
    result = cli("load", str(facts), "--store", str(tmp_path / "st"))
    assert result.exit_code == 0, result.output
    assert "loaded 1 statement: 1 article added" in result.stderr
    assert "1 article, 1 statement, 1 reference" in result.stderr


def test_validate_exits_non_zero_on_violations(sportkg_process: Process, tmp_path: Path) -> None:
    """`validate` ends with typer.Exit(1): its exit code is checked where a shell sees it."""
    import pyoxigraph as ox

    store_dir = tmp_path / "store"
    store = ox.Store(str(store_dir))
    store.load(
        b"<https://w3id.org/sportkg/article/x> {"
        b" <https://w3id.org/sportkg/statement/s1>"
        b" a <http://wikiba.se/ontology#Statement> . }",
        ox.RdfFormat.TRIG,
    )
    store.flush()
    del store
    result = sportkg_process("validate", "--store", str(store_dir))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "violation" in result.stderr
