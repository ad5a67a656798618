"""`sportkg profile` and `sportkg viz` (`commands/explore.py`) on an on-disk store, run in this
process (the `cli` fixture). `sportkg serve` runs as a real process in tests/explore/."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

Cli = Callable[..., Result]


def test_profile_text_json_markdown_and_ambiguity(cli: Cli, built_store: Path) -> None:
    store = ("--store", str(built_store))
    text = cli("profile", "Noor Vermeulen", *store)
    assert text.exit_code == 0, text.stderr
    assert text.stdout.startswith("Noor Vermeulen  (not linked to Wikidata)")
    assert "award received: European champion 1500 m" in text.stdout
    assert "engaged to: Daan Hoekstra" in text.stdout

    data = json.loads(cli("profile", "kees hoekstra", "--format", "json", *store).stdout)
    assert data["groups"][0]["facts"][0]["relation"] == "child"
    assert data["groups"][0]["facts"][0]["sources"][0]["doc"] == "nl_02"

    markdown = cli("profile", "Vermeulen", "-f", "markdown", *store).stdout
    assert markdown.startswith("# Noor Vermeulen")

    ambiguous = cli("profile", "Hoekstra", *store)
    assert ambiguous.exit_code == 0
    assert ambiguous.stdout.splitlines()[:3] == [
        "'Hoekstra' fits 2 people:",
        "  Daan Hoekstra <https://w3id.org/sportkg/entity/daan-hoekstra>",
        "  Kees Hoekstra <https://w3id.org/sportkg/entity/kees-hoekstra>",
    ]
    unknown = cli("profile", "Femke Bol", *store)
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("sportkg: error: no person called 'Femke Bol'")


def test_viz_writes_a_page_and_rejects_bad_arguments(
    cli: Cli, built_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pictures" / "all.html"
    done = cli("viz", "--store", str(built_store), "--out", str(out))
    assert done.exit_code == 0, done.stderr
    assert done.stdout.strip() == f"Wrote {out} (4 nodes, 3 edges)"
    assert "Noor Vermeulen" in out.read_text(encoding="utf-8")

    near = cli("viz", "--store", str(built_store), "--person", "Kees Hoekstra", "--depth", "1",
               "--out", str(tmp_path / "kees.html"))
    assert near.exit_code == 0 and "(2 nodes, 1 edges)" in near.stdout

    ambiguous = cli("viz", "--store", str(built_store), "--person", "Hoekstra",
                    "--out", str(tmp_path / "x.html"))
    assert ambiguous.exit_code == 1 and "fits 2 nodes" in ambiguous.stderr
    wrong = cli("viz", "--store", str(built_store), "--out", str(tmp_path / "x.png"))
    assert wrong.exit_code == 1 and "should end in .html" in wrong.stderr
    assert not (tmp_path / "x.html").exists()
