"""The command line as a user meets it: usage mistakes, global flags, help, formats, messages.

Most tests run the app in-process with Typer's CliRunner; a few run the installed
`sportkg` in a fresh process, where the exit code is the real one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
import typer
import typer.main
from sportkg import __version__, settings
from sportkg.cli import app
from sportkg.commands.group import hoist_global_flags, rename_legacy_endpoint
from typer.testing import CliRunner

runner = CliRunner()
SPORTKG = str(Path(sys.executable).parent / "sportkg")


def _sportkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sportkg.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(autouse=True)
def _loud() -> None:
    """Each invocation starts without --quiet (the flag is process-wide state)."""
    settings.QUIET = False



def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("sportkg: error: "), stderr
    return lines[0]


# --------------------------------------------------------------------------- usage mistakes

USAGE_MISTAKES = {
    "build without paths": (["build"], "Missing argument 'PATHS'"),
    "build -q without paths": (["build", "-q"], "Missing argument 'PATHS'"),
    "unknown command": (["bild", "x"], "No such command 'bild'. Did you mean 'build'?"),
    "unknown option": (["stats", "--colour"], "No such option: --colour"),
    "not an integer": (["build", "--n-process", "abc", "x"], "'--n-process'"),
    "below the minimum": (["build", "--n-process", "0", "x"], "'--n-process'"),
    "unknown export format": (["export", "--format", "tutle"], "'tutle' is not one of"),
    "unknown query format": (["query", "medals", "-f", "xml"], "'xml' is not one of"),
    "unknown backend": (["stats", "--backend", "postgres"], "'postgres' is not one of"),
    "unknown kb command": (["kb", "pul"], "No such command 'pul'"),
    "no query name": (["query"], "give a query name"),
}


@pytest.mark.parametrize("args, needle", USAGE_MISTAKES.values(), ids=list(USAGE_MISTAKES))
def test_usage_mistakes_are_one_line_and_exit_2(
    args: list[str], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no store is created or read here
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = _one_line(result.stderr)
    assert needle in line
    assert "--help'" in line  # points at the command's help


def test_no_command_shows_the_help_as_a_usage_mistake() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: sportkg [OPTIONS] COMMAND") and "build" in result.stderr
    assert result.stdout == ""


def test_version_flag_and_command() -> None:
    flag = runner.invoke(app, ["--version"])
    assert flag.exit_code == 0 and flag.stdout == f"sportkg {__version__}\n"
    assert runner.invoke(app, ["version"]).stdout == flag.stdout


def test_an_error_is_one_line_and_debug_adds_the_traceback(tmp_path: Path) -> None:
    plain = runner.invoke(app, ["query", "medal", "--store", str(tmp_path / "st")])
    assert plain.exit_code == 1
    assert "Unknown query 'medal'. Available: " in _one_line(plain.stderr)
    for debug in (["--debug", "query", "medal"], ["query", "medal", "--debug"]):
        loud = runner.invoke(app, [*debug, "--store", str(tmp_path / "st")])
        assert loud.exit_code == 1
        assert "Traceback" in loud.stderr and "QueryError" in loud.stderr
        assert loud.stderr.strip().splitlines()[-1].startswith("sportkg: error: Unknown query")


# --------------------------------------------------------------------------- global flags


def test_hoisting_moves_only_global_flags_before_a_double_dash() -> None:
    assert hoist_global_flags(["kb", "pull", "Q1", "-v", "--debug"]) == [
        "-v", "--debug", "kb", "pull", "Q1"]
    assert hoist_global_flags(["query", "x", "--", "-q"]) == ["query", "x", "--", "-q"]


def test_quiet_after_the_command(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    loud = runner.invoke(app, ["export", "--store", str(store), "-o", str(out)])
    assert loud.exit_code == 0 and "wrote turtle" in loud.stderr
    for args in (["export", "-q"], ["-q", "export"], ["export", "--quiet"]):
        quiet = runner.invoke(app, [*args, "--store", str(store), "-o", str(out)])
        assert quiet.exit_code == 0, quiet.output
        assert quiet.stderr == ""


# --------------------------------------------------------------------------- help


def _all_commands() -> list[tuple[str, object]]:
    group = typer.main.get_command(app)
    found = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            found += [(f"{name} {sub}", c) for sub, c in subcommands.items()]
        else:
            found.append((name, command))
    return found


@pytest.mark.parametrize("name", [name for name, _ in _all_commands()])
def test_every_option_has_help_and_a_plain_metavar(name: str) -> None:
    result = runner.invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    for typer_style in ("<bool>", "<str>", "<path>", "<int", "<list", "{", "[default: None]"):
        assert typer_style not in text, f"{name}: {typer_style} in\n{text}"
    command = dict(_all_commands())[name]
    for param in command.params:  # type: ignore[attr-defined]
        assert param.help, f"{name}: {param.name} has no help"
        if param.param_type_name == "option" and not param.is_flag:
            opt = max(param.opts, key=len)
            shown = re.search(rf"^ +(?:-\w, )?{re.escape(opt)} (\S+)", text, re.MULTILINE)
            assert shown, f"{name}: {opt} is not shown with a metavar"
            metavar = shown.group(1)
            assert metavar.isupper() or metavar.startswith("["), f"{name}: {metavar}"


def test_build_help_reads_like_a_usual_tool() -> None:
    text = runner.invoke(app, ["build", "--help"]).stdout
    assert "Usage: sportkg build [OPTIONS] PATHS..." in text
    assert "--store DIR" in text and "--store-endpoint URL" in text and "--n-process N" in text
    assert "--endpoint" not in text.replace("--store-endpoint", "")


def test_store_and_wikidata_endpoint_options_are_named_for_what_they_are() -> None:
    commands = dict(_all_commands())
    for name in ("load", "query", "export", "stats", "validate", "build", "profile", "viz",
                 "kb load", "kb relink", "kb stats"):
        opts = {o for p in commands[name].params for o in p.opts}  # type: ignore[attr-defined]
        assert "--store-endpoint" in opts and "--endpoint" not in opts, name
    for name in ("link", "enrich", "kb pull"):
        opts = {o for p in commands[name].params for o in p.opts}  # type: ignore[attr-defined]
        assert {"--store-endpoint", "--wikidata-endpoint"} <= opts, name


def test_old_endpoint_option_is_a_deprecated_alias_of_what_it_meant() -> None:
    commands = dict(_all_commands())
    assert rename_legacy_endpoint(commands["stats"], ["--endpoint", "http://h/q"]) == [
        "--store-endpoint", "http://h/q"]
    assert rename_legacy_endpoint(commands["kb pull"], ["--endpoint=http://h/q", "Q1"]) == [
        "--wikidata-endpoint=http://h/q", "Q1"]
    assert rename_legacy_endpoint(commands["link"], ["x", "--", "--endpoint"]) == [
        "x", "--", "--endpoint"]
    result = runner.invoke(app, ["stats", "--backend", "oxigraph", "--endpoint", "http://h/q"])
    assert "--endpoint is deprecated; use --store-endpoint" in result.stderr


# --------------------------------------------------------------------------- formats


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
    store: Path, tmp_path: Path, out: str, fmt: str | None, parse_as: pyoxigraph.RdfFormat
) -> None:
    target = tmp_path / out
    args = ["export", "--store", str(store), "--out", str(target)]
    result = runner.invoke(app, args + (["--format", fmt] if fmt else []))
    assert result.exit_code == 0, result.output
    quads = list(pyoxigraph.parse(path=str(target), format=parse_as))
    assert len(quads) > 100
    named = {q.graph_name for q in quads if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)}
    assert bool(named) == (parse_as in (pyoxigraph.RdfFormat.N_QUADS, pyoxigraph.RdfFormat.TRIG,
                                        pyoxigraph.RdfFormat.JSON_LD))


def test_export_to_an_extension_that_names_no_format_is_a_usage_mistake(
    store: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["export", "--store", str(store), "-o", str(tmp_path / "g.txt")])
    assert result.exit_code == 2
    assert "cannot tell the export format" in _one_line(result.stderr)
    assert not (tmp_path / "g.txt").exists()


# --------------------------------------------------------------------------- outcomes said


def test_stats_counts_quads(store: Path) -> None:
    table = runner.invoke(app, ["stats", "--store", str(store)])
    assert "quads" in table.stdout and "triples" not in table.stdout
    as_json = json.loads(runner.invoke(app, ["stats", "-f", "json", "--store", str(store)]).stdout)
    assert as_json["quads"] > 0 and "triples" not in as_json


def test_sparql_backend_without_endpoint_names_the_option() -> None:
    result = runner.invoke(app, ["stats", "--backend", "sparql"])
    assert result.exit_code == 1
    assert "needs --store-endpoint URL" in _one_line(result.stderr)


def test_memory_backend_warns_that_nothing_is_kept() -> None:
    result = runner.invoke(app, ["stats", "--backend", "memory"])
    assert result.exit_code == 0
    assert "--backend memory starts empty and keeps nothing" in result.stderr


def test_a_name_that_matches_nobody_is_said_with_close_names(store: Path) -> None:
    surname = runner.invoke(app, ["query", "medals", "-p", "athlete=Bakker", "--store", str(store)])
    assert surname.exit_code == 0 and "(0 rows)" in surname.stdout
    assert "no one in the graph is named 'Bakker'" in surname.stderr
    assert "did you mean 'Sanne Bakker'?" in surname.stderr
    typo = runner.invoke(app, ["query", "person_facts", "-p", "person=Ruth Okafr",
                               "--store", str(store)])
    assert "did you mean 'Ruth Okafor'?" in typo.stderr
    found = runner.invoke(app, ["query", "medals", "-p", "athlete=sanne bakker",
                                "--store", str(store)])
    assert "Olympic gold medal" in found.stdout and found.stderr == ""
    unrelated = runner.invoke(app, ["query", "winners", "-p", "event=nothing",
                                    "--store", str(store)])
    assert unrelated.stderr == ""  # not a person's name: nothing to suggest


def test_load_says_counts_in_the_right_number(tmp_path: Path, sample_articles) -> None:  # type: ignore[no-untyped-def]
    facts = tmp_path / "facts.jsonl"
    _, statements = sample_articles[0]
    facts.write_text("".join(json.dumps(s.to_dict()) + "\n" for s in statements[:1]),
                     encoding="utf-8")
    result = runner.invoke(app, ["load", str(facts), "--store", str(tmp_path / "st")])
    assert result.exit_code == 0, result.output
    assert "loaded 1 statement: 1 article added" in result.stderr
    assert "1 article, 1 statement, 1 reference" in result.stderr


def test_build_says_which_files_it_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "nl_a.txt").write_text(" date 2025-11-22 Anna de Wit won de 1500 meter.\n",
                                     encoding="utf-8")
    (folder / "gold.jsonl").write_text('{"doc": "nl_a", "subject": "Anna de Wit"}\n',
                                       encoding="utf-8")
    result = runner.invoke(app, ["build", str(folder), "--store", str(tmp_path / "st"),
                                 "--pipeline", "rules"])
    assert result.exit_code == 0, result.output
    assert "from 1 article," in result.stderr and "0 skipped, 1 file ignored" in result.stderr
    assert f"ignored {folder / 'gold.jsonl'}: its records are not articles" in result.stderr


# --------------------------------------------------------------------------- real processes


def test_usage_mistake_in_a_real_process() -> None:
    result = subprocess.run([SPORTKG, "build", "-q"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr == "sportkg: error: Missing argument 'PATHS'; see 'sportkg build --help'\n"
    alone = subprocess.run([SPORTKG], capture_output=True, text=True, timeout=120)
    assert alone.returncode == 2 and "Usage: sportkg" in alone.stderr


def test_version_in_a_real_process() -> None:
    result = subprocess.run([SPORTKG, "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout == f"sportkg {__version__}\n"


def test_validate_exits_non_zero_on_violations(tmp_path: Path) -> None:
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
    result = _sportkg("validate", "--store", str(store_dir))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "violation" in result.stderr


# --------------------------------------------------------------------------- the pair threshold


def test_threshold_trades_precision_for_more_facts(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    from sportkg.settings import PAIR_THRESHOLD_ENV

    monkeypatch.setenv(PAIR_THRESHOLD_ENV, "")  # the option sets it; undone after the test
    article = tmp_path / "nl_proef.txt"
    article.write_text(" date 2026-03-01 Spits Tom Baxter komt over van FC Ruisdal. "
                       "Baxter speelde eerder voor Vitesse Noord.", encoding="utf-8")

    def pair_facts(*options: str) -> int:
        result = runner.invoke(app, ["extract", str(article), "--format", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return sum('"sportkg_pairs"' in line for line in result.stdout.splitlines())

    strict = pair_facts("--threshold", "0.99")
    loose = pair_facts("--threshold", "0.05")
    assert loose > strict
    bad = runner.invoke(app, ["extract", str(article), "--threshold", "1.5"])
    assert bad.exit_code == 2 and "--threshold" in bad.stderr
