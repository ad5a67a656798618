"""The examples in the explore modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["sportkg.explore.server", "sportkg.explore.endpoint", "sportkg.explore.viz",
           "sportkg.explore.profile"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
