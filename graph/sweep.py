"""Remove from the shared facts graph what no article supports any more.

When an article graph is replaced or dropped, the statements it supported may
have lost their last reference. `supported_by` lists them before the drop;
`sweep` then deletes, in the facts graph, each of those statement nodes that no
article graph derives any more (with its link from the subject), and the
descriptions of entities and value nodes that no statement uses any more. The
truthy triples of the subjects are put right by `sportkg.graph.ranks.rerank`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sportkg.graph import rdf

if TYPE_CHECKING:
    from sportkg.graph.stores import Store

CHUNK = 500
"""Terms per VALUES block."""

_SUPPORTED = """
SELECT DISTINCT ?st ?s ?o WHERE {{
  VALUES ?g {{ {graphs} }}
  GRAPH ?g {{ ?st <{derived}> ?ref }}
  OPTIONAL {{ GRAPH <{facts}> {{ ?s ?link ?st . ?st ?p ?o . FILTER(isIRI(?o)) }} }}
}}"""

_STATEMENTS = """
DELETE {{ GRAPH <{facts}> {{ ?s ?link ?st . ?st ?p ?o }} }}
WHERE {{
  VALUES ?st {{ {nodes} }}
  GRAPH <{facts}> {{ ?st ?p ?o . OPTIONAL {{ ?s ?link ?st }} }}
  FILTER NOT EXISTS {{ GRAPH ?g {{ ?st <{derived}> ?ref }} }}
}}"""

_ENTITIES = """
DELETE {{ GRAPH <{facts}> {{ ?e ?p ?o }} }}
WHERE {{
  VALUES ?e {{ {nodes} }}
  GRAPH <{facts}> {{ ?e ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH <{facts}> {{ ?e a <{statement}> }} }}
  FILTER NOT EXISTS {{ GRAPH <{facts}> {{ ?x ?y ?e . ?x a <{statement}> }} }}
  FILTER NOT EXISTS {{ GRAPH <{facts}> {{ ?e ?l ?st2 . ?st2 a <{statement}> }} }}
}}"""


def _chunks(items: Sequence[str]) -> list[str]:
    return [" ".join(f"<{i}>" for i in items[k:k + CHUNK]) for k in range(0, len(items), CHUNK)]


def supported_by(store: Store, facts: str, graphs: Sequence[str]) -> tuple[list[str], list[str],
                                                                             list[str]]:
    """(statement nodes, their subjects, IRIs they point to) supported by these article graphs."""
    nodes: dict[str, None] = {}
    subjects: dict[str, None] = {}
    objects: dict[str, None] = {}
    for chunk in _chunks(list(graphs)):
        text = _SUPPORTED.format(graphs=chunk, derived=rdf.PROV_DERIVED, facts=facts)
        for st, s, o in store.query(text).rows:
            nodes[str(st)] = None
            if s is not None:
                subjects[str(s)] = None
            if o is not None:
                objects[str(o)] = None
    return list(nodes), list(subjects), list(objects)


def sweep_statements(store: Store, facts: str, nodes: Sequence[str]) -> None:
    """Delete the statement nodes among `nodes` that no article graph derives any more."""
    for chunk in _chunks(list(nodes)):
        store.update(_STATEMENTS.format(facts=facts, nodes=chunk, derived=rdf.PROV_DERIVED))


def sweep_entities(store: Store, facts: str, iris: Sequence[str]) -> None:
    """Delete the descriptions of entities and value nodes that no statement uses any more."""
    for chunk in _chunks(list(iris)):
        store.update(_ENTITIES.format(facts=facts, nodes=chunk,
                                      statement=rdf.WIKIBASE_STATEMENT))
