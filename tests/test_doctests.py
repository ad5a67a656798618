"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import sportkg

SKIP = ("sportkg.cli",)


def _modules() -> list[str]:
    found = ["sportkg"]
    for info in pkgutil.walk_packages(sportkg.__path__, prefix="sportkg."):
        top = info.name.split(".")[1]
        if top in ("tests", "benchmarks", "training", "examples", "build") or info.name in SKIP:
            continue
        found.append(info.name)
    return sorted(found)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring examples failed in {name}"
