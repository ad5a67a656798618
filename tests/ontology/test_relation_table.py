"""The relation table is the one truth: every relation reaches extraction, the graph, the
shapes, the profile and the evaluation from its row alone."""

from __future__ import annotations

import pytest

from sportkg.explore.profile import GROUPS, INCOMING_LABELS
from sportkg.extract.relations.engine import PATTERNS_PATH
from sportkg.extract.relations.pairs import PAIR_RELATIONS
from sportkg.graph.rdf import MIRRORS
from sportkg.graph.shapes import shapes_turtle
from sportkg.ontology import namespaces as ns
from sportkg.ontology.relations import FACT_RELATIONS, GROUP_ORDER, RELATIONS

PATTERN_PROPERTIES = {line.split("\t")[2]
                      for line in PATTERNS_PATH.read_text(encoding="utf-8").splitlines()[1:]
                      if line.strip() and not line.startswith("#")}
DERIVED = {"P641"}  # from occupations, medals in a one-sport article and the protagonist


@pytest.mark.parametrize("relation", FACT_RELATIONS, ids=lambda r: r.key)
def test_every_relation_has_a_producer_a_profile_group_and_a_shape(relation) -> None:  # type: ignore[no-untyped-def]
    key = relation.key
    assert key in PATTERN_PROPERTIES | set(PAIR_RELATIONS) | DERIVED, f"nothing extracts {key}"
    assert relation.group in GROUP_ORDER, f"{key} is in no profile section"
    assert any(key in keys for _, keys in GROUPS)
    assert str(ns.statement_link(key)) in shapes_turtle() or \
        f"{'skp' if key.startswith('sk:') else 'p'}:{relation.local_name}" in shapes_turtle()


def test_derived_tables_follow_the_columns() -> None:
    assert INCOMING_LABELS == {r.key: r.incoming for r in FACT_RELATIONS if r.incoming}
    assert MIRRORS == {k: r.mirror for k, r in RELATIONS.items() if r.mirror}
    assert [group for group, _ in GROUPS] == list(GROUP_ORDER)
