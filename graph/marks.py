"""The index graph: marks the writer keeps beside the statements, so that whole-graph reports
read an index instead of grouping every statement in the store.

The graph `<base>index` holds two kinds of marks:

- **Disagreements.** `subject sk:disagreementOn p:P569` when the articles give the subject
  more than one value of a single-valued property (`SINGLE_VALUED`, from the relation
  table): two dates of birth, two fathers, two ages. The writer sets the marks of the
  subjects each write touches, as it sets their ranks (`sportkg.graph.ranks`): after a write,
  for the subjects of the single-valued statements it wrote; after a replaced or removed
  article is swept, for the subjects of the statements it supported; after a bulk load into
  an empty store, from the claims it wrote. The `disagreements` report reads the marks (one
  index scan) instead of grouping every single-valued statement of the store (0.6 s and
  more at 10^6 statements).
- **Confidence values.** `<index> sk:confidenceValue 0.57` for every confidence a reading
  was written with, written with the reading. The `low_confidence` report counts its rows per
  confidence value; with the values known, each count is one index lookup of that value,
  not a pass over every reading of the store with a filter. A value no reading has any more
  stays listed and counts nothing, so removing an article needs no work here.

Every backend keeps the marks the same way (SPARQL updates and N-Triples lines), and a store
written before the marks existed (layout 3) gets them from `rebuild_text` (`sportkg
migrate`).

Examples:
    >>> SINGLE_VALUED
    ('P22', 'P25', 'P569', 'sk:age', 'P19')
    >>> decimal = '"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    >>> confidence_line("https://w3id.org/sportkg/", decimal).split()[:2]
    ['<https://w3id.org/sportkg/index>', '<https://w3id.org/sportkg/ontology#confidenceValue>']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..ontology import namespaces as ns
from ..ontology.relations import RELATIONS
from .literals import iri_nt

if TYPE_CHECKING:
    from . import rdf
    from .stores import Store

SINGLE_VALUED: tuple[str, ...] = tuple(key for key, relation in RELATIONS.items()
                                       if relation.single_valued)
"""Properties of which a subject has one true value: more than one is a disagreement."""

DISAGREEMENT = ns.SK_IRI + "disagreementOn"
CONFIDENCE_VALUE = ns.SK_IRI + "confidenceValue"
CONFIDENCE = ns.SK_IRI + "confidence"

CHUNK = 500
"""Subjects per marking update."""

LINES_PER_UPDATE = 10_000
"""Marks per INSERT DATA when the marks of a whole load are written at once."""


def index_graph(base: str) -> str:
    """The IRI of the graph holding the marks."""
    return base + "index"


def confidence_line(base: str, confidence: str) -> str:
    """The line listing a confidence (an N-Triples decimal) in the index graph."""
    graph = iri_nt(index_graph(base))
    return f"{graph} <{CONFIDENCE_VALUE}> {confidence} ."


def _pairs() -> str:
    """`(link value)` rows of a VALUES block: the statement link and value predicate of each
    single-valued property."""
    return " ".join(f"(<{ns.statement_link(key)}> <{ns.statement_value(key)}>)"
                    for key in SINGLE_VALUED)


# The marks of some subjects set again in one request (one transaction on Oxigraph and on a
# SPARQL server): their marks dropped, then the groups with more than one value marked.
_MARK = """
DELETE {{ GRAPH <{index}> {{ ?s <{mark}> ?link }} }}
WHERE {{ VALUES ?s {{ {subjects} }} GRAPH <{index}> {{ ?s <{mark}> ?link }} }} ;
INSERT {{ GRAPH <{index}> {{ ?s <{mark}> ?link }} }}
WHERE {{
  SELECT ?s ?link WHERE {{
    VALUES ?s {{ {subjects} }}
    VALUES (?link ?valueProp) {{ {pairs} }}
    GRAPH <{facts}> {{ ?s ?link ?st . ?st ?valueProp ?v }}
  }}
  GROUP BY ?s ?link
  HAVING (COUNT(DISTINCT ?v) > 1)
}}"""


def mark_disagreements(store: Store, facts: str, index: str, subjects: Iterable[str]) -> None:
    """Set the disagreement marks of these subjects from the statements stored now.

    Args:
        facts: the facts graph, whose statements are read.
        index: the index graph, whose marks of these subjects are replaced.
        subjects: IRIs of subjects whose single-valued statements a write may have changed.
    """
    todo = list(dict.fromkeys(subjects))
    for start in range(0, len(todo), CHUNK):
        chunk = " ".join(iri_nt(s) for s in todo[start:start + CHUNK])
        store.update(_MARK.format(index=index, facts=facts, mark=DISAGREEMENT,
                                  subjects=chunk, pairs=_pairs()))


def disagreements_written(written: Mapping[str, Mapping[str, rdf.Claim]],
                          subjects: Iterable[str]) -> list[tuple[str, str]]:
    """(subject, statement link) of the groups with more than one value among these claims.

    Only right when the claims are all the store holds of these subjects: a bulk load into
    an empty store that swept nothing.

    Args:
        written: subject -> statement node -> claim, every claim of a single-valued property
            the load wrote (values in N-Triples, as the writer wrote them, so equal values
            are equal strings).
        subjects: the subjects to look at.
    """
    found: list[tuple[str, str]] = []
    for subject in dict.fromkeys(subjects):
        values: dict[str, set[str]] = {}
        for claim in written.get(subject, {}).values():
            if claim.key in SINGLE_VALUED:
                values.setdefault(claim.key, set()).add(claim.value)
        found += [(subject, str(ns.statement_link(key))) for key in SINGLE_VALUED
                  if len(values.get(key, ())) > 1]
    return found


def write_marks(store: Store, index: str, marks: Sequence[tuple[str, str]]) -> None:
    """Add disagreement marks (subject, statement link) to the index graph."""
    for start in range(0, len(marks), LINES_PER_UPDATE):
        body = "\n".join(f"{iri_nt(s)} <{DISAGREEMENT}> {iri_nt(link)} ."
                         for s, link in marks[start:start + LINES_PER_UPDATE])
        store.update(f"INSERT DATA {{ GRAPH <{index}> {{\n{body}\n}} }}")


def _groups_whole(facts: str) -> str:
    """The disagreeing groups of the whole store: per property, its links and values as two
    sub-selects joined whole (fed one link at a time, the values took four times as long)."""
    branches = []
    for key in SINGLE_VALUED:
        link, value = ns.statement_link(key), ns.statement_value(key)
        branches.append(
            f"{{ {{ SELECT ?s ?st WHERE {{ GRAPH <{facts}> {{ ?s <{link}> ?st }} }} }}\n"
            f"  {{ SELECT ?st ?v WHERE {{ GRAPH <{facts}> {{ ?st <{value}> ?v }} }} }}\n"
            f"  BIND(<{link}> AS ?link) }}")
    return (f"SELECT ?s ?link WHERE {{\n{' UNION '.join(branches)}\n}}\n"
            f"GROUP BY ?s ?link HAVING (COUNT(DISTINCT ?v) > 1)")


def rebuild_text(facts: str, index: str) -> str:
    """The update writing every mark of a store again from its statements and readings.

    For a store written before the marks existed (`KnowledgeGraph.upgrade`, `sportkg
    migrate`): the disagreements of the whole facts graph, and the confidence of every
    reading in any graph.
    """
    return (f"DROP SILENT GRAPH <{index}> ;\n"
            f"INSERT {{ GRAPH <{index}> {{ ?s <{DISAGREEMENT}> ?link }} }}\n"
            f"WHERE {{ {{ {_groups_whole(facts)} }} }} ;\n"
            f"INSERT {{ GRAPH <{index}> {{ <{index}> <{CONFIDENCE_VALUE}> ?c }} }}\n"
            f"WHERE {{ SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?st <{CONFIDENCE}> ?c }} }} }}")
