"""The examples in the graph modules' docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "sportkg.registry", "sportkg.graph.kg", "sportkg.graph.results", "sportkg.graph.bindings",
    "sportkg.graph.literals", "sportkg.graph.nxgraph", "sportkg.graph.label_service",
    "sportkg.ontology.namespaces", "sportkg.queries", "sportkg.graph.spool", "sportkg.graph.marks",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
