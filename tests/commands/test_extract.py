"""The extract, build and evaluate commands (`commands/extract.py`) as a user runs them.

They run in this process (the `cli` fixture); reading stdin and the exit code of a skipped
file are checked in a real `sportkg` process as well.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from sportkg.model import Statement

DATA = Path(__file__).resolve().parent.parent / "data" / "readers"

Cli = Callable[..., Result]
Process = Callable[..., subprocess.CompletedProcess[str]]

ARTICLE_NL = (
    " date 2025-11-22 Schaatsster Anna de Wit heeft zaterdag in Heerenveen de 1500 meter "
    "gewonnen. De 24-jarige Nederlandse versloeg Lotte Bos in de laatste rit.\n\n"
    "De Wit is verloofd met wielrenner Tom Vos. Haar vader Kees de Wit zat op de tribune.\n"
)


@pytest.fixture
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "nl_dewit.txt").write_text(ARTICLE_NL, encoding="utf-8")
    return folder


def statements_of(stdout: str) -> list[Statement]:
    return [Statement.from_dict(json.loads(line)) for line in stdout.splitlines() if line.strip()]


def test_extract_writes_statement_json_lines(cli: Cli, article_dir: Path) -> None:
    result = cli("extract", str(article_dir / "nl_dewit.txt"), "--pipeline", "rules")
    assert result.exit_code == 0, result.stderr
    statements = statements_of(result.stdout)
    assert statements, "the article states several facts"
    text = ARTICLE_NL.split(" ", 3)[3]
    for statement in statements:
        assert statement.doc_id == "nl_dewit"
        ev = statement.evidence
        assert 0 <= ev.start < ev.end <= len(text)
    assert "1 article," in result.stderr and "0 skipped" in result.stderr


def test_extract_table_and_out_file(cli: Cli, article_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    result = cli(
        "extract", str(article_dir), "--format", "table", "--out", str(out), "--pipeline", "rules"
    )
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split() == ["doc", "subject", "property", "value", "qualifiers", "conf"]
    assert all(line.startswith("nl_dewit") for line in lines[1:])


def test_extract_from_stdin(cli: Cli) -> None:
    result = cli("extract", "-", "--lang", "nl", "--pipeline", "rules", stdin=ARTICLE_NL)
    assert result.exit_code == 0, result.stderr
    statements = statements_of(result.stdout)
    assert statements and all(s.doc_id.startswith("stdin-") for s in statements)


def test_extract_from_stdin_and_exit_1_for_a_skipped_file(
    sportkg_process: Process, tmp_path: Path
) -> None:
    """A real process: stdin is read, and a skipped file is the process's exit code 1."""
    proc = sportkg_process("extract", "-", tmp_path / "missing.txt", "--lang", "nl",
                           "--pipeline", "rules", stdin=ARTICLE_NL)
    assert proc.returncode == 1, proc.stderr
    statements = statements_of(proc.stdout)
    assert statements and all(s.doc_id.startswith("stdin-") for s in statements)
    assert "missing.txt: no such file" in proc.stderr and "1 skipped" in proc.stderr


def test_bad_files_are_skipped_listed_and_exit_non_zero(cli: Cli, article_dir: Path) -> None:
    result = cli(
        "extract",
        str(article_dir),
        str(DATA / "image.txt"),
        str(DATA / "empty.txt"),
        str(article_dir / "missing.txt"),
        "--pipeline",
        "rules",
    )
    assert result.exit_code == 1
    assert statements_of(result.stdout), "the good article is still processed"
    assert "image.txt: binary file" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "missing.txt: no such file" in result.stderr
    assert "3 skipped" in result.stderr


def test_quiet_prints_no_summary(cli: Cli, article_dir: Path) -> None:
    result = cli("--quiet", "extract", str(article_dir), "--pipeline", "rules")
    assert result.exit_code == 0 and result.stderr == ""


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--date", "2025-02-30", "2025-02-30"), ("--lang", "Dutch", "ISO 639-1")],
)
def test_bad_options_are_one_line_errors(
    cli: Cli, article_dir: Path, option: str, value: str, message: str
) -> None:
    result = cli("extract", str(article_dir), option, value, "--pipeline", "rules")
    assert result.exit_code == 2  # a usage mistake, caught before anything is read
    assert result.stderr.startswith("sportkg: error:") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_evaluate_own_gold_json_report(cli: Cli, article_dir: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    facts = [
        {
            "doc": "nl_dewit",
            "subject": "Anna de Wit",
            "property": "sk:age",
            "value": 24,
            "qualifiers": {"P585": "2025-11-22"},
        },
        {
            "doc": "nl_dewit",
            "subject": "Anna de Wit",
            "property": "sk:engagedTo",
            "value": "Tom Vos",
        },
        {"doc": "nl_dewit", "subject": "Anna de Wit", "property": "P22", "value": "Kees de Wit"},
        {"doc": "elsewhere", "subject": "X Y", "property": "P27", "value": "Belgium"},
    ]
    gold.write_text("".join(json.dumps(f) + "\n" for f in facts), encoding="utf-8")
    result = cli(
        "evaluate",
        "--gold",
        str(gold),
        str(article_dir),
        "--format",
        "json",
        "--details",
        "--pipeline",
        "rules",
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    assert report["micro"]["gold"] == 3  # the fact of another document is not counted
    assert set(report["per_language"]) == {"nl"}
    assert {"sk:age", "sk:engagedTo", "P22"} <= set(report["per_property"])
    assert 0.0 <= report["micro"]["precision"] <= 1.0
    assert len(report["missed"]) == 3 - report["micro"]["matched_gold"]


def test_evaluate_compares_two_pipelines_side_by_side(
    cli: Cli, article_dir: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "nl_dewit", "subject": "Anna de Wit",
                                "property": "sk:age", "value": 24}) + "\n", encoding="utf-8")
    result = cli("evaluate", "--gold", str(gold), str(article_dir), "--pipeline", "rules",
               "--compare", "rules")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith(": rules | rules")
    micro = next(ln for ln in lines if ln.startswith("micro")).split()
    assert micro[-7:-4] == micro[-4:-1] and micro[-1] == "+0.000"  # the same pipeline twice
    result = cli("evaluate", "--gold", str(gold), str(article_dir), "--pipeline", "rules",
               "--compare", "rules", "--format", "json")
    assert set(json.loads(result.stdout)) == {"rules"}
    bad = cli("evaluate", "--gold", str(gold), str(article_dir), "--pipeline", "rules",
              "--compare", "no_such_pipeline")
    assert bad.exit_code != 0 and "no_such_pipeline" in bad.stderr


def test_evaluate_bad_gold_file_is_a_one_line_error(
    cli: Cli, article_dir: Path, tmp_path: Path
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a"}\n', encoding="utf-8")
    result = cli("evaluate", "--gold", str(gold), str(article_dir), "--pipeline", "rules")
    assert result.exit_code == 1
    assert result.stderr.startswith("sportkg: error:") and "gold.jsonl:1" in result.stderr


@pytest.mark.slow
def test_evaluate_on_the_shared_dev_set(cli: Cli, eval_dev: Path) -> None:
    """The documented command prints a well-formed report on the real evaluation data."""
    gold = eval_dev / "gold.jsonl"
    result = cli("evaluate", "--gold", str(gold), str(eval_dev))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for section in ("per property", "per language", "micro", "qualifier match rate"):
        assert section in out
    lines = out.splitlines()
    lang_rows = [ln.split()[0] for ln in lines[lines.index("per language") + 2 :] if ln.strip()]
    assert {"nl", "en"} <= set(lang_rows)
    micro = next(ln for ln in lines if ln.startswith("micro")).split()
    precision, recall, f1 = (float(x) for x in micro[-3:])
    assert all(0.0 <= x <= 1.0 for x in (precision, recall, f1))
    gold_count = sum(1 for line in gold.read_text(encoding="utf-8").splitlines() if line.strip())
    assert int(micro[-5]) == gold_count  # every gold fact of the data counted


def test_build_store_twice_changes_nothing(cli: Cli, article_dir: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = cli("build", str(article_dir), "--store", str(store), "--pipeline", "rules")
    assert first.exit_code == 0, first.stderr
    assert "1 article," in first.stderr and "0 skipped" in first.stderr
    graph_line = [ln for ln in first.stderr.splitlines() if "graph now" in ln]
    second = cli("build", str(article_dir), "--store", str(store), "--pipeline", "rules")
    assert second.exit_code == 0, second.stderr
    assert [ln for ln in second.stderr.splitlines() if "graph now" in ln] == graph_line
    assert "1 new" in first.stderr and "0 new, 0 replaced, 1 unchanged" in second.stderr
    (article_dir / "nl_dewit.txt").write_text(ARTICLE_NL.replace("24-jarige", "25-jarige"))
    third = cli("build", str(article_dir), "--store", str(store), "--pipeline", "rules")
    assert third.exit_code == 0, third.stderr
    assert "0 new, 1 replaced, 0 unchanged" in third.stderr
    assert [ln for ln in third.stderr.splitlines() if "graph now" in ln] == graph_line


def test_build_lists_skipped_files_and_exits_non_zero(
    cli: Cli, article_dir: Path, tmp_path: Path
) -> None:
    result = cli(
        "build",
        str(article_dir),
        str(DATA / "image.txt"),
        "--store",
        str(tmp_path / "store"),
        "--pipeline",
        "rules",
    )
    assert result.exit_code == 1
    assert "1 skipped" in result.stderr and "image.txt: binary file" in result.stderr


def test_unknown_pipeline_is_a_one_line_error(cli: Cli, article_dir: Path) -> None:
    result = cli("extract", str(article_dir), "--pipeline", "no_such_pipeline")
    assert result.exit_code == 1
    assert result.stderr.startswith("sportkg: error:") and "no_such_pipeline" in result.stderr


def test_evaluate_a_statements_file_without_the_pipeline(
    cli: Cli, article_dir: Path, tmp_path: Path
) -> None:
    extracted = cli("extract", str(article_dir), "--pipeline", "rules")
    assert extracted.exit_code == 0, extracted.stderr
    predicted = tmp_path / "predicted.jsonl"
    predicted.write_text(extracted.stdout, encoding="utf-8")
    first = statements_of(extracted.stdout)[0]
    gold = tmp_path / "gold.jsonl"
    fact = {
        "doc": first.doc_id,
        "subject": first.subject.label,
        "property": first.property,
        "value": first.value.to_dict()["literal"]
        if "literal" in first.value.to_dict()
        else first.value.to_dict()["label"],
    }
    gold.write_text(json.dumps(fact) + "\n", encoding="utf-8")
    result = cli(
        "evaluate",
        "--gold",
        str(gold),
        str(article_dir),
        "--predicted",
        str(predicted),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["micro"]["matched_gold"] == 1 and report["micro"]["recall"] == 1.0
    assert report["micro"]["predicted"] >= 1


def test_unwritable_output_is_a_one_line_error(
    cli: Cli, article_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    target = tmp_path / "a-file" / "out.jsonl"  # a missing folder is created, a file is not one
    result = cli("extract", str(article_dir), "--out", str(target), "--pipeline", "rules")
    assert result.exit_code == 1
    assert result.stderr.startswith("sportkg: error:") and "out.jsonl" in result.stderr


def test_build_says_which_files_it_ignored(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "dev"
    folder.mkdir()
    (folder / "nl_a.txt").write_text(" date 2025-11-22 Anna de Wit won de 1500 meter.\n",
                                     encoding="utf-8")
    (folder / "gold.jsonl").write_text('{"doc": "nl_a", "subject": "Anna de Wit"}\n',
                                       encoding="utf-8")
    result = cli("build", str(folder), "--store", str(tmp_path / "st"), "--pipeline", "rules")
    assert result.exit_code == 0, result.output
    assert "from 1 article," in result.stderr and "0 skipped, 1 file ignored" in result.stderr
    assert f"ignored {folder / 'gold.jsonl'}: its records are not articles" in result.stderr


def test_threshold_trades_precision_for_more_facts(cli: Cli, tmp_path: Path) -> None:
    # the option sets the threshold in the environment; `cli` undoes it before each call
    article = tmp_path / "nl_proef.txt"
    article.write_text(" date 2026-03-01 Spits Tom Baxter komt over van FC Ruisdal. "
                       "Baxter speelde eerder voor Vitesse Noord.", encoding="utf-8")

    def pair_facts(*options: str) -> int:
        result = cli("extract", str(article), "--format", "jsonl", *options)
        assert result.exit_code == 0, result.output
        return sum('"sportkg_pairs"' in line for line in result.stdout.splitlines())

    strict = pair_facts("--threshold", "0.99")
    loose = pair_facts("--threshold", "0.05")
    assert loose > strict
    bad = cli("extract", str(article), "--threshold", "1.5")
    assert bad.exit_code == 2 and "--threshold" in bad.stderr
