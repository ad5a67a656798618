"""The CLI entry point: exit codes of commands that fail without raising an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _sportkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sportkg.cli", *args], capture_output=True, text=True, timeout=120
    )


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


def test_version_exits_zero() -> None:
    result = _sportkg("version")
    assert result.returncode == 0 and result.stdout.strip()
