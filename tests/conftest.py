"""Shared fixtures: paths to the repository, the shared evaluation data and temporary stores."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL_DEV = SHARED / "eval" / "dev"


@pytest.fixture
def eval_dev() -> Path:
    """The shared evaluation articles; skips the test when they are absent."""
    if not (EVAL_DEV / "gold.jsonl").is_file():
        pytest.skip("../shared/eval/dev is not present")
    return EVAL_DEV
