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
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any, cast

from ..model import Entity, LiteralValue, Value
from ..ontology.relations import RELATIONS
from . import rdf

if TYPE_CHECKING:
    import networkx as nx

    from .stores import StoredGraph


_NODES = """
SELECT ?e ?label ?qid ?type ?prec ?written ?units ?amount WHERE {
  { GRAPH <%(facts)s> { ?e <https://w3id.org/sportkg/ontology#entityType> ?type }
    OPTIONAL { GRAPH <%(facts)s> { ?e <http://schema.org/name> ?label } }
    OPTIONAL { GRAPH <%(facts)s> { ?e <https://w3id.org/sportkg/ontology#qid> ?qid } } }
  UNION { GRAPH <%(facts)s> { ?e <http://wikiba.se/ontology#timePrecision> ?prec } }
  UNION { GRAPH <%(facts)s> { ?e <https://w3id.org/sportkg/ontology#asWritten> ?written } }
  UNION { GRAPH <%(facts)s> { ?e <https://w3id.org/sportkg/ontology#quantityUnits> ?units } }
  UNION { GRAPH <%(facts)s> { ?e <http://wikiba.se/ontology#quantityAmount> ?amount } }
}"""
"""Entities (label, QID, type) and value nodes (precision, text as written, unit, amount)."""

_EDGES = """
SELECT ?s ?link ?st ?pred ?o WHERE {
  GRAPH <%(facts)s> { ?s ?link ?st . ?st a <http://wikiba.se/ontology#Statement> }
  GRAPH <%(facts)s> { ?st ?pred ?o }
  FILTER(?pred != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>
         && ?pred != <http://wikiba.se/ontology#rank>)
}"""
"""Every statement node with one row per triple of it (less its types and rank): folded
into edges in Python, where a mirror is known by its `sk:mirrorOf` row (a MINUS of the
mirrors in the query cost more than reading their rows)."""

_READINGS = """
SELECT ?st ?ref ?conf ?source ?doc WHERE {
  { SELECT ?g ?st ?ref WHERE { GRAPH ?g { ?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?ref } } }
  { SELECT ?g ?st ?conf WHERE {
      GRAPH ?g { ?st <https://w3id.org/sportkg/ontology#confidence> ?conf } } }
  { SELECT ?g ?ref ?source WHERE {
      GRAPH ?g { ?ref <https://w3id.org/sportkg/ontology#sourceFile> ?source } } }
  { SELECT ?g ?doc WHERE { GRAPH ?g { ?g <https://w3id.org/sportkg/ontology#doc> ?doc } } }
}"""
"""Each article's reading of a statement (reference, confidence, source file, document): four
sub-selects joined whole, which took a third of the time of looking the reference, source
and document up for each statement in turn (Oxigraph feeds a sub-select no bindings)."""

_MIRROR_OF = "https://w3id.org/sportkg/ontology#mirrorOf"


def _value_rows(kg: StoredGraph, text: str) -> Iterable[tuple[Any, ...]]:
    """The rows of a SELECT with IRIs as `str` and literals as rdflib terms (the store's fast
    path where it has one: no rdflib term per IRI)."""
    from rdflib import URIRef

    fast = getattr(kg.store, "value_rows", None)
    if fast is not None:
        return cast("Iterable[tuple[Any, ...]]", fast(text))
    return (tuple(str(term) if isinstance(term, URIRef) else term for term in row)
            for row in kg.store.query(text).rows)


def _roles() -> dict[str, tuple[str, str]]:
    """Predicate IRI -> (role, key), roles "link", "value", "qualifier" and their "-node"s."""
    from ..ontology import namespaces as ns

    roles: dict[str, tuple[str, str]] = {}
    for key in RELATIONS:
        roles[str(ns.statement_link(key))] = ("link", key)
        roles[str(ns.statement_value(key))] = ("value", key)
        roles[str(ns.statement_value_node(key))] = ("value-node", key)
        roles[str(ns.qualifier(key))] = ("qualifier", key)
        roles[str(ns.qualifier_value_node(key))] = ("qualifier-node", key)
    return roles


def to_networkx(
    kg: StoredGraph,
    *,
    properties: Collection[str] | None = None,
    persons_only: bool = False,
) -> nx.MultiDiGraph:
    """Build the NetworkX view of `kg` from three SELECTs (entities, statement edges, readings).

    Args:
        kg: the knowledge graph (or any store with its facts graph, `StoredGraph`).
        properties: keep only statements with these property keys ("P26", "sk:won").
        persons_only: keep only persons and the statements between two persons.

    Raises:
        OntologyError: a property key is not in the relation table.
    """
    import networkx as nx
    from rdflib import Literal

    from ..ontology.relations import get_relation

    wanted = set(properties) if properties is not None else None
    for key in wanted or ():
        get_relation(key)
    facts = {"facts": kg.facts_graph}
    entities: dict[str, dict[str, Any]] = {}
    value_nodes: dict[str, dict[str, list[Any]]] = {}
    names = ("http://wikiba.se/ontology#timePrecision",
             "https://w3id.org/sportkg/ontology#asWritten",
             "https://w3id.org/sportkg/ontology#quantityUnits",
             "http://wikiba.se/ontology#quantityAmount")
    for e, label, qid, etype, *details in _value_rows(kg, _NODES % facts):
        if etype is None:
            props = value_nodes.setdefault(e, {})
            for name, term in zip(names, details, strict=True):
                if term is not None:
                    props.setdefault(name, []).append(term)
            continue
        attrs = entities.setdefault(e, {"label": e, "qid": "", "type": str(etype)})
        if label is not None and (attrs["label"] == e or str(label) < attrs["label"]):
            attrs["label"] = str(label)
        if qid is not None:
            attrs["qid"] = str(qid)
    roles = _roles()
    reader = rdf._Reader({})
    edges: dict[str, dict[str, Any]] = {}
    for s, link, st, pred, o in _value_rows(kg, _EDGES % facts):
        link_role = roles.get(link)
        if link_role is None or link_role[0] != "link":
            continue
        key = link_role[1]
        edge = edges.get(st)
        if edge is None:
            edge = edges[st] = {"s": s, "key": key, "value": None, "quals": {}, "refs": {},
                                "nodes": {}}
        role = roles.get(pred)
        if role is None:
            if pred == _MIRROR_OF:
                edge["mirror"] = True
            continue
        if role[0] == "value" and role[1] == key:
            edge["value"] = o
        elif role[0] == "qualifier":
            edge["quals"].setdefault(role[1], set()).add(o)
        elif role[0] in ("value-node", "qualifier-node"):
            edge["nodes"][(role[0], role[1])] = value_nodes.get(o, {})

    for st, ref, conf, source, doc in _value_rows(kg, _READINGS):
        edge = edges.get(st)
        if edge is not None:
            edge["refs"][ref] = (float(conf) if conf is not None else 1.0,
                                 str(source) if source is not None else "",
                                 str(doc) if doc is not None else "")

    def value(term: Any, props: dict[str, list[Any]] | None) -> Value:
        if not isinstance(term, Literal):
            return Entity(str(term), "", type="thing")
        reader.shared = {"node": props or {}}
        return reader.value(term, "node" if props else None)

    nxg = nx.MultiDiGraph()

    def node(iri: str) -> None:
        if iri not in nxg:
            attrs = entities.get(iri, {"label": iri, "qid": "", "type": "thing"})
            nxg.add_node(iri, **attrs)

    for st_iri, edge in sorted(edges.items()):
        key, subject, term = edge["key"], edge["s"], edge["value"]
        if term is None or not edge["refs"] or edge.get("mirror") or (
                wanted is not None and key not in wanted):
            continue
        is_entity = not isinstance(term, Literal)
        subject_type = entities.get(subject, {}).get("type", "thing")
        if persons_only and (subject_type != "person" or not is_entity
                             or entities.get(str(term), {}).get("type") != "person"):
            continue
        node(subject)
        if not is_entity:
            main = value(term, edge["nodes"].get(("value-node", key)))
            nxg.nodes[subject][key] = main.value if isinstance(main, LiteralValue) else main
            continue
        node(str(term))
        refs = sorted(edge["refs"].values(), key=lambda r: (r[2], r[1], -r[0]))
        qualifiers = {}
        for qkey, terms in sorted(edge["quals"].items()):
            qnode = edge["nodes"].get(("qualifier-node", qkey))
            for qterm in sorted(terms, key=str):
                qualifiers[qkey] = _text(value(qterm, qnode), entities)
        nxg.add_edge(
            subject, str(term), key=st_iri, property=key, label=RELATIONS[key].label_en,
            qualifiers=qualifiers, confidence=max(r[0] for r in refs),
            sources=list(dict.fromkeys(r[1] for r in refs)), doc=refs[0][2],
        )
    return nxg


def _text(value: Value, entities: dict[str, dict[str, Any]]) -> str:
    if isinstance(value, Entity):
        return str(entities.get(value.iri, {}).get("label", value.iri))
    return str(value.value)


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
