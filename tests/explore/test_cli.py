"""`sportkg profile` and `sportkg viz` run as real commands on an on-disk store."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from .conftest import sportkg_command


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*sportkg_command(), *args], capture_output=True, text=True,
                          timeout=120)


def test_profile_text_json_markdown_and_ambiguity(built_store: Path) -> None:
    store = ("--store", str(built_store))
    text = run("profile", "Noor Vermeulen", *store)
    assert text.returncode == 0, text.stderr
    assert text.stdout.startswith("Noor Vermeulen  (not linked to Wikidata)")
    assert "award received: European champion 1500 m" in text.stdout
    assert "engaged to: Daan Hoekstra" in text.stdout

    data = json.loads(run("profile", "kees hoekstra", "--format", "json", *store).stdout)
    assert data["groups"][0]["facts"][0]["relation"] == "child"
    assert data["groups"][0]["facts"][0]["sources"][0]["doc"] == "nl_02"

    markdown = run("profile", "Vermeulen", "-f", "markdown", *store).stdout
    assert markdown.startswith("# Noor Vermeulen")

    ambiguous = run("profile", "Hoekstra", *store)
    assert ambiguous.returncode == 0
    assert ambiguous.stdout.splitlines()[:3] == [
        "'Hoekstra' fits 2 people:",
        "  Daan Hoekstra <https://w3id.org/sportkg/entity/daan-hoekstra>",
        "  Kees Hoekstra <https://w3id.org/sportkg/entity/kees-hoekstra>",
    ]
    unknown = run("profile", "Femke Bol", *store)
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("sportkg: error: no person called 'Femke Bol'")


def test_viz_writes_a_page_and_rejects_bad_arguments(built_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "pictures" / "all.html"
    done = run("viz", "--store", str(built_store), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out} (4 nodes, 3 edges)"
    assert "Noor Vermeulen" in out.read_text(encoding="utf-8")

    near = run("viz", "--store", str(built_store), "--person", "Kees Hoekstra", "--depth", "1",
               "--out", str(tmp_path / "kees.html"))
    assert near.returncode == 0 and "(2 nodes, 1 edges)" in near.stdout

    ambiguous = run("viz", "--store", str(built_store), "--person", "Hoekstra",
                    "--out", str(tmp_path / "x.html"))
    assert ambiguous.returncode == 1 and "fits 2 nodes" in ambiguous.stderr
    wrong = run("viz", "--store", str(built_store), "--out", str(tmp_path / "x.png"))
    assert wrong.returncode == 1 and "should end in .html" in wrong.stderr
    assert not (tmp_path / "x.html").exists()
