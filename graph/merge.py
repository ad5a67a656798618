"""One entity, one IRI: the statements that name a retired IRI, rewritten to name the kept one.

When two IRIs turn out to be one person (a name minted without a sport and the same
name minted with one, or a minted person the knowledge base now links to a Wikidata
item), `owl:sameAs` alone leaves two nodes: a profile lists both, a query counts both,
NetworkX draws both. `KnowledgeGraph.merge_entities` finds the articles whose statements
name the retired IRI (`NAMING`), reads their statements back, rewrites them with
`renamed`, and stores them again as a new extraction of those articles: each article's
graph is replaced in one transaction, the claims on the retired IRI lose their last
reference and are swept, and the retired IRI stays only as `owl:sameAs` of the kept one
in the knowledge-base graph, so a link made earlier still finds its entity.
"""

from __future__ import annotations

import dataclasses

from ..model import Entity, Statement, Value
from ..ontology.namespaces import WIKIBASE_IRI

PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
"""The property that ties a statement node to a reference in an article's graph."""


NAMING = f"""SELECT DISTINCT ?g WHERE {{
  {{ GRAPH ?facts {{ ?iri ?p ?st . ?st a <{WIKIBASE_IRI}Statement> }} }}
  UNION {{ GRAPH ?facts {{ ?st a <{WIKIBASE_IRI}Statement> ; ?q ?iri }} }}
  GRAPH ?g {{ ?st <{PROV_DERIVED}> ?ref }}
}}"""
"""The article graphs (`?g`) supporting a statement of the facts graph (`?facts`, bound)
that names `?iri` (bound) as subject, value or qualifier value."""


def renamed(statements: list[Statement], retired: str, kept: Entity) -> list[Statement]:
    """The statements with every entity of IRI `retired` (subject, value, qualifier value,
    the linker's notes) replaced by `kept`; a statement about the kept entity itself that
    would now relate it to itself is dropped."""
    def swap(value: Value) -> Value:
        return kept if isinstance(value, Entity) and value.iri == retired else value

    out: list[Statement] = []
    for statement in statements:
        subject = kept if statement.subject.iri == retired else statement.subject
        value = swap(statement.value)
        if isinstance(value, Entity) and value.iri == subject.iri:
            continue
        links = tuple(dataclasses.replace(note, iri=kept.iri) if note.iri == retired else note
                      for note in statement.evidence.links)
        evidence = dataclasses.replace(statement.evidence, links=links)
        out.append(dataclasses.replace(
            statement,
            subject=subject,
            value=value,
            qualifiers=tuple((pid, swap(v)) for pid, v in statement.qualifiers),
            evidence=evidence,
        ))
    return out


def kept_entity(statements: list[Statement], retired: str, kept: str,
                qid: str | None = None) -> Entity:
    """The entity `kept` stands for: its own label and type where a statement names it,
    else the retired entity's (the same person under another IRI)."""
    found: dict[str, Entity] = {}
    for statement in statements:
        for value in (statement.subject, statement.value, *(v for _, v in statement.qualifiers)):
            if isinstance(value, Entity) and value.iri in (retired, kept):
                found.setdefault(value.iri, value)
    base = found.get(kept) or found.get(retired)
    if base is None:
        return Entity(iri=kept, label=kept.rsplit("/", 1)[-1], qid=qid)
    own_qid = base.qid if base.iri == kept else None
    return Entity(iri=kept, label=base.label, qid=qid or own_qid, type=base.type)

