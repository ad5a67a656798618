"""The knowledge graph as a NetworkX MultiDiGraph, for analysis in a notebook.

Nodes are entities (keyed by IRI) with `label`, `qid` and `type`, plus their
literal facts (age, date of birth, ...) as attributes named by property key;
each statement whose value is an entity is one edge (key: the statement
node's IRI) carrying `property`, `label`, `qualifiers`, `confidence` and
`sources`. The same fact from two articles is one edge with two sources.

Examples:
    >>> from sportkg.graph.kg import KnowledgeGraph
    >>> with KnowledgeGraph.open("memory") as kg:
    ...     to_networkx(kg).number_of_nodes()
    0
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from sportkg.graph import rdf
from sportkg.model import Entity, LiteralValue, Value
from sportkg.ontology.relations import RELATIONS

if TYPE_CHECKING:
    import networkx as nx
    from sportkg.graph.kg import KnowledgeGraph


def _text(value: Value) -> str:
    if isinstance(value, Entity):
        return value.label
    return str(value.value)


def _node(nxg: nx.MultiDiGraph, entity: Entity) -> None:
    if entity.iri not in nxg:
        nxg.add_node(entity.iri, label=entity.label, qid=entity.qid or "", type=entity.type)


def to_networkx(
    kg: KnowledgeGraph,
    *,
    properties: Collection[str] | None = None,
    persons_only: bool = False,
) -> nx.MultiDiGraph:
    """Build the NetworkX view of `kg`.

    Args:
        kg: the knowledge graph.
        properties: keep only statements with these property keys ("P26", "sk:won").
        persons_only: keep only persons and the statements between two persons.

    Raises:
        OntologyError: a property key is not in the relation table.
    """
    import networkx as nx
    from sportkg.ontology.relations import get_relation

    wanted = set(properties) if properties is not None else None
    for key in wanted or ():
        get_relation(key)
    nxg = nx.MultiDiGraph()
    for statement in kg.statements():
        if wanted is not None and statement.property not in wanted:
            continue
        subject, value = statement.subject, statement.value
        if persons_only and (
            subject.type != "person" or not isinstance(value, Entity) or value.type != "person"
        ):
            continue
        _node(nxg, subject)
        if isinstance(value, LiteralValue):
            nxg.nodes[subject.iri][statement.property] = value.value
            continue
        _node(nxg, value)
        key = rdf.statement_iri(statement, base=kg.base)
        source = statement.evidence.source
        if nxg.has_edge(subject.iri, value.iri, key):
            edge = nxg.edges[subject.iri, value.iri, key]
            edge["confidence"] = max(edge["confidence"], statement.confidence)
            if source not in edge["sources"]:
                edge["sources"].append(source)
            continue
        relation = RELATIONS[statement.property]
        nxg.add_edge(
            subject.iri,
            value.iri,
            key=key,
            property=statement.property,
            label=relation.label_en,
            qualifiers={pid: _text(v) for pid, v in statement.qualifiers},
            confidence=statement.confidence,
            sources=[source],
            doc=statement.doc,
        )
    return nxg


def flat_for_graphml(nxg: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose list and dict attributes are JSON strings (GraphML holds scalars only)."""
    flat = nxg.copy()

    def fix(attrs: dict[str, Any]) -> None:
        for name, value in list(attrs.items()):
            if isinstance(value, list | dict | tuple):
                attrs[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            elif value is None:
                attrs[name] = ""

    for _, attrs in flat.nodes(data=True):
        fix(attrs)
    for _, _, attrs in flat.edges(data=True):
        fix(attrs)
    return flat
