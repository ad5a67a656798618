"""The graph commands end to end in a real `sportkg` process: results, exit codes, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sportkg.graph.kg import KnowledgeGraph


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `sportkg ARGS` in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "sportkg.cli", *args], cwd=cwd, capture_output=True, text=True,
        input=stdin, timeout=120,
    )


@pytest.fixture
def facts_file(tmp_path: Path, sample_articles) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "facts.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for _, facts in sample_articles:
            for statement in facts:
                handle.write(json.dumps(statement.to_dict(), ensure_ascii=False) + "\n")
    return path


def _one_line_error(
    result: subprocess.CompletedProcess[str], *needles: str, code: int = 1
) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sportkg: error: "), result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.slow
def test_load_stats_query_export_validate(tmp_path: Path, facts_file: Path) -> None:
    assert run("load", str(facts_file), "--store", "st", cwd=tmp_path).returncode == 0
    stats = run("stats", "--store", "st", "--format", "json", cwd=tmp_path)
    assert json.loads(stats.stdout)["statements"] == 11
    again = run("load", str(facts_file), "--store", "st", cwd=tmp_path)
    assert "3 unchanged" in again.stderr
    assert json.loads(run("stats", "--store", "st", "--format", "json", cwd=tmp_path).stdout
                      ) == json.loads(stats.stdout)
    medals = run("query", "medals", "--store", "st", cwd=tmp_path)
    assert medals.returncode == 0 and "Sanne Bakker" in medals.stdout
    assert "Olympic gold medal" in medals.stdout and "(1 row)" in medals.stdout
    as_json = run("query", "person_facts", "--param", "person=Ruth Okafor", "--format", "json",
                  "--store", "st", cwd=tmp_path)
    bindings = json.loads(as_json.stdout)["results"]["bindings"]
    assert {b["property"]["value"] for b in bindings} == {"P1000", "P569", "sk:defeated",
                                                          "sk:won"}
    tsv = run("query", "low_confidence", "-f", "tsv", "--store", "st", cwd=tmp_path)
    assert tsv.stdout.splitlines()[0].startswith("?confidence\t")
    csv = run("query", "relationships", "-f", "csv", "--store", "st", cwd=tmp_path)
    assert csv.stdout.splitlines()[1] == "Sanne Bakker,engaged to,Tom Visser,nl_sanne.txt"
    out = run("export", "--format", "nquads", "--out", "out/g.nq", "--store", "st", cwd=tmp_path)
    assert out.returncode == 0 and (tmp_path / "out" / "g.nq").stat().st_size > 0
    valid = run("validate", "--store", "st", cwd=tmp_path)
    assert valid.returncode == 0 and valid.stdout.startswith("conforms")


def test_load_from_stdin(tmp_path: Path, facts_file: Path) -> None:
    result = run("load", "-", "--store", "st", cwd=tmp_path,
                 stdin=facts_file.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr
    with KnowledgeGraph.open("oxigraph", path=tmp_path / "st", read_only=True) as kg:
        assert kg.stats()["articles"] == 3


def test_query_file(tmp_path: Path, facts_file: Path) -> None:
    run("load", str(facts_file), "--store", "st", cwd=tmp_path)
    (tmp_path / "who.rq").write_text(
        "# persons\nSELECT DISTINCT ?n WHERE { ?p a sk:Person ; schema:name ?n } ORDER BY ?n\n",
        encoding="utf-8")
    result = run("query", "who.rq", "-f", "csv", "--store", "st", cwd=tmp_path)
    assert result.stdout.split() == ["n", "Lena", "Hartmann", "Ruth", "Okafor", "Sanne",
                                     "Bakker", "Tom", "Visser"]


def test_malformed_line_names_file_and_line_and_loads_nothing(tmp_path: Path,
                                                               facts_file: Path) -> None:
    lines = facts_file.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([*lines[:4], '{"doc": "x", "subject": ', *lines[4:]]) + "\n",
                   encoding="utf-8")
    _one_line_error(run("load", str(bad), "--store", "st", cwd=tmp_path), "bad.jsonl:5",
                    "not valid JSON")
    assert not (tmp_path / "st").exists() or run(
        "stats", "--store", "st", "-f", "json", cwd=tmp_path).stdout.find('"statements": 0') >= 0


def test_unknown_property_leaves_store_as_it_was(tmp_path: Path, facts_file: Path) -> None:
    run("load", str(facts_file), "--store", "st", cwd=tmp_path)
    before = run("stats", "--store", "st", "-f", "json", cwd=tmp_path).stdout
    records = [json.loads(line) for line in facts_file.read_text(encoding="utf-8").splitlines()]
    records[2]["property"] = "P9999"
    bad = tmp_path / "unknown.jsonl"
    bad.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    _one_line_error(run("load", str(bad), "--store", "st", cwd=tmp_path), "unknown.jsonl:3",
                    "'P9999'")
    assert run("stats", "--store", "st", "-f", "json", cwd=tmp_path).stdout == before


def test_store_path_that_is_a_file(tmp_path: Path, facts_file: Path) -> None:
    (tmp_path / "afile").write_text("not a store", encoding="utf-8")
    _one_line_error(run("load", str(facts_file), "--store", "afile", cwd=tmp_path),
                    "afile", "is a file")
    _one_line_error(run("stats", "--store", "afile", cwd=tmp_path), "is a file")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "not a store"


def test_locked_store(tmp_path: Path, facts_file: Path) -> None:
    run("load", str(facts_file), "--store", "st", cwd=tmp_path)
    with KnowledgeGraph.open("oxigraph", path=tmp_path / "st") as kg:  # holds the lock
        before = kg.stats()
        _one_line_error(run("load", str(facts_file), "--store", "st", cwd=tmp_path),
                        "st", "locked")
        # reading is still possible while another process writes
        assert run("query", "medals", "--store", "st", cwd=tmp_path).returncode == 0
        assert kg.stats() == before


def test_missing_store_for_reading(tmp_path: Path) -> None:
    _one_line_error(run("query", "medals", "--store", "nothing-here", cwd=tmp_path),
                    "nothing-here", "does not exist")


def test_sparql_errors(tmp_path: Path, facts_file: Path, oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    from sportkg.explore.server import free_port

    url = oxigraph_server.query_url
    assert run("load", str(facts_file), "--backend", "sparql", "--store-endpoint", url,
               cwd=tmp_path).returncode == 0
    medals = run("query", "medals", "--backend", "sparql", "--store-endpoint", url, cwd=tmp_path)
    assert "Sanne Bakker" in medals.stdout
    (tmp_path / "broken.rq").write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    _one_line_error(run("query", "broken.rq", "--backend", "sparql", "--store-endpoint", url,
                        cwd=tmp_path), "query broken:", "syntax error")
    dead = f"http://127.0.0.1:{free_port()}/query"
    _one_line_error(run("stats", "--backend", "sparql", "--store-endpoint", dead, cwd=tmp_path),
                    dead, "unreachable")


def test_syntax_error_on_embedded_store(tmp_path: Path, facts_file: Path) -> None:
    run("load", str(facts_file), "--store", "st", cwd=tmp_path)
    (tmp_path / "broken.rq").write_text("SELECT ?x WHERE { ?x ?y }", encoding="utf-8")
    _one_line_error(run("query", "broken.rq", "--store", "st", cwd=tmp_path), "syntax error")


def test_bad_names_list_the_valid_ones(tmp_path: Path) -> None:
    # usage mistakes, caught while the command line is read: exit code 2
    _one_line_error(run("export", "--format", "tutle", cwd=tmp_path),
                    "'tutle' is not one of graphml, json-ld", code=2)
    _one_line_error(run("stats", "--backend", "postgres", cwd=tmp_path),
                    "'postgres' is not one of memory, oxigraph, sparql", code=2)
    _one_line_error(run("query", "medal", cwd=tmp_path), "Unknown query 'medal'")
