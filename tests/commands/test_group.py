"""The command group (`commands/group.py`) as a user meets it: usage mistakes and errors as one
line with their exit code, global flags anywhere, plain help, the old `--endpoint` option.

The app runs in this process (the `cli` fixture); one usage mistake runs the installed
`sportkg` in a fresh process, where the exit code is the real one.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
import typer.main
from click.testing import Result

from sportkg.cli import app
from sportkg.commands.group import hoist_global_flags, rename_legacy_endpoint

Cli = Callable[..., Result]
Process = Callable[..., subprocess.CompletedProcess[str]]


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
    cli: Cli, args: list[str], needle: str, tmp_path: Path
) -> None:
    result = cli(*args, cwd=tmp_path)  # no store is created or read here
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    line = _one_line(result.stderr)
    assert needle in line
    assert "--help'" in line  # points at the command's help


def test_no_command_shows_the_help_as_a_usage_mistake(cli: Cli) -> None:
    result = cli()
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: sportkg [OPTIONS] COMMAND") and "build" in result.stderr
    assert result.stdout == ""


def test_an_error_is_one_line_and_debug_adds_the_traceback(cli: Cli, tmp_path: Path) -> None:
    plain = cli("query", "medal", "--store", str(tmp_path / "st"))
    assert plain.exit_code == 1
    assert "Unknown query 'medal'. Available: " in _one_line(plain.stderr)
    for debug in (["--debug", "query", "medal"], ["query", "medal", "--debug"]):
        loud = cli(*debug, "--store", str(tmp_path / "st"))
        assert loud.exit_code == 1
        assert "Traceback" in loud.stderr and "QueryError" in loud.stderr
        assert loud.stderr.strip().splitlines()[-1].startswith("sportkg: error: Unknown query")


# --------------------------------------------------------------------------- global flags


def test_hoisting_moves_only_global_flags_before_a_double_dash() -> None:
    assert hoist_global_flags(["kb", "pull", "Q1", "-v", "--debug"]) == [
        "-v", "--debug", "kb", "pull", "Q1"]
    assert hoist_global_flags(["query", "x", "--", "-q"]) == ["query", "x", "--", "-q"]


def test_quiet_after_the_command(cli: Cli, store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.ttl"
    loud = cli("export", "--store", str(store), "-o", str(out))
    assert loud.exit_code == 0 and "wrote turtle" in loud.stderr
    for args in (["export", "-q"], ["-q", "export"], ["export", "--quiet"]):
        quiet = cli(*args, "--store", str(store), "-o", str(out))
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
def test_every_option_has_help_and_a_plain_metavar(cli: Cli, name: str) -> None:
    result = cli(*name.split(), "--help")
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


def test_build_help_reads_like_a_usual_tool(cli: Cli) -> None:
    text = cli("build", "--help").stdout
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


def test_old_endpoint_option_is_a_deprecated_alias_of_what_it_meant(
    cli: Cli, tmp_path: Path
) -> None:
    commands = dict(_all_commands())
    assert rename_legacy_endpoint(commands["stats"], ["--endpoint", "http://h/q"]) == [
        "--store-endpoint", "http://h/q"]
    assert rename_legacy_endpoint(commands["kb pull"], ["--endpoint=http://h/q", "Q1"]) == [
        "--wikidata-endpoint=http://h/q", "Q1"]
    assert rename_legacy_endpoint(commands["link"], ["x", "--", "--endpoint"]) == [
        "x", "--", "--endpoint"]
    result = cli("stats", "--backend", "oxigraph", "--endpoint", "http://h/q", cwd=tmp_path)
    assert "--endpoint is deprecated; use --store-endpoint" in result.stderr


# --------------------------------------------------------------------------- a real process


def test_usage_mistake_in_a_real_process(sportkg_process: Process) -> None:
    result = sportkg_process("build", "-q")
    assert result.returncode == 2
    assert result.stderr == "sportkg: error: Missing argument 'PATHS'; see 'sportkg build --help'\n"
    alone = sportkg_process()
    assert alone.returncode == 2 and "Usage: sportkg" in alone.stderr
