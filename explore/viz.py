"""A picture of the knowledge graph: one self-contained HTML file with an SVG network view.

The page needs nothing but a browser: the data is embedded as JSON and a small force
layout and SVG renderer written in plain JavaScript are inlined (from the package files
`static/viz.html`, `static/viz.css` and `static/viz.js`), so it opens offline and fetches
nothing. Nodes are coloured by entity type and sized by degree, edges are
coloured and labelled by relation, and hovering a node or an edge shows what it is and
the sources (article, date, sentence, confidence) behind it. Drag nodes, drag the
background to pan, scroll to zoom, and type in the search box to highlight names.

The input is the NetworkX form of a graph (`KnowledgeGraph.to_networkx()`): node keys are
IRIs with `label`, `qid` and `type` attributes; edges carry `property`, `label`,
`qualifiers`, `confidence` and `sources`. `write_html` adds each edge's evidence
(article date and sentence) to its sources so the tooltips can quote them.

Examples:
    >>> import networkx as nx
    >>> nxg = nx.MultiDiGraph()
    >>> nxg.add_node("urn:a", label="Noor Vermeulen", types="person")
    >>> nxg.add_node("urn:b", label="Daan Hoekstra", types="person")
    >>> _ = nxg.add_edge("urn:a", "urn:b", property="sk:engagedTo", label="engaged to")
    >>> html = render_html(nxg, title="Two people")
    >>> html.startswith("<!DOCTYPE html>"), "Noor Vermeulen" in html, "<script src" in html
    (True, True, False)
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..ontology.relations import RELATIONS

if TYPE_CHECKING:
    import networkx as nx

    from ..graph.kg import KnowledgeGraph

TYPE_COLOURS: dict[str, str] = {
    "person": "#2f6fb0",
    "team": "#e07b1a",
    "event": "#3a9a3a",
    "award": "#c9a227",
    "record": "#c0392b",
    "place": "#8e5ea2",
    "country": "#7a5230",
    "occupation": "#6c7a89",
    "sport": "#1aa3a3",
    "organization": "#d35f9a",
    "class": "#95a5a6",
    "concept": "#95a5a6",
    "thing": "#b0b0b0",
}
"""Fill colour of a node by its entity type (model.ENTITY_TYPES)."""

TYPE_ORDER = tuple(TYPE_COLOURS)
"""When a node has several types, the first of these it has decides its colour."""


@dataclass(frozen=True)
class VizSummary:
    """What was drawn: the number of nodes and edges and the file written (if any)."""

    nodes: int
    edges: int
    path: Path | None = None


def node_type(attrs: Mapping[str, Any]) -> str:
    """The one entity type a node is coloured by, from its `types` (or `type`) attribute.

    Examples:
        >>> node_type({"types": ["thing", "person"]})
        'person'
        >>> node_type({"types": "team award"})
        'team'
        >>> node_type({})
        'thing'
    """
    types = _as_list(attrs.get("types", attrs.get("type")))
    words = {word for entry in types for word in entry.replace(",", " ").split()}
    for candidate in TYPE_ORDER:
        if candidate in words:
            return candidate
    return "thing"


def node_label(key: str, attrs: Mapping[str, Any]) -> str:
    """A readable name for a node: its label, else the last part of its IRI."""
    label = attrs.get("label")
    if isinstance(label, str) and label.strip():
        return label
    tail = key.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return tail.replace("-", " ") or key


def relation_label(attrs: Mapping[str, Any]) -> str:
    """The English label of an edge's relation ("award received" for P166)."""
    label = attrs.get("label")
    if isinstance(label, str) and label.strip():
        return label
    prop = str(attrs.get("property", ""))
    relation = RELATIONS.get(prop)
    return relation.label_en if relation else prop or "related to"


def find_nodes(nxg: nx.MultiDiGraph, name: str, *, types: Collection[str] = ()) -> list[str]:
    """The nodes `name` fits (see `sportkg.explore.profile.match_people`).

    An exact name, QID or IRI wins over a surname or partial name. Nodes sharing the
    QID of a match (a Wikidata IRI and a minted one) are all returned.

    Examples:
        >>> import networkx as nx
        >>> nxg = nx.MultiDiGraph()
        >>> nxg.add_node("urn:a", label="Noor Vermeulen", qid=None, types="person")
        >>> find_nodes(nxg, "vermeulen")
        ['urn:a']
    """
    from .profile import Candidate, match_people

    candidates = [
        Candidate(iri=str(key), label=node_label(str(key), attrs), qid=attrs.get("qid") or None)
        for key, attrs in nxg.nodes(data=True)
        if not types or node_type(attrs) in types
    ]
    matches = match_people(candidates, name)
    qids = {m.qid for m in matches if m.qid}
    found = {m.iri for m in matches} | {c.iri for c in candidates if c.qid and c.qid in qids}
    return sorted(found)


ATTRIBUTE_TYPES = frozenset(
    {"occupation", "sport", "country", "place", "award", "record", "class", "concept"}
)
"""Node types that describe people rather than connect them: a neighbourhood includes
them but does not walk on through them (else every speed skater is two hops from every
other one, through "speed skater")."""


def neighbourhood(nxg: nx.MultiDiGraph, centres: Iterable[str], depth: int) -> nx.MultiDiGraph:
    """The subgraph of nodes at most `depth` hops (either direction) from `centres`.

    Hops go through people, teams, events and organisations; attribute-like nodes
    (`ATTRIBUTE_TYPES`: occupation, sport, country, award, ...) are reached but not
    walked through.
    """
    if depth < 0:
        raise InputError(f"depth {depth} is negative; use 0 or more")
    undirected = nxg.to_undirected(as_view=True)
    keep: set[str] = set(centres)
    frontier = set(keep)
    for _ in range(depth):
        frontier = {
            n
            for node in frontier
            if node in keep and (node in centres or node_type(nxg.nodes[node]) not in
                                 ATTRIBUTE_TYPES)
            for n in undirected.neighbors(node)
        } - keep
        if not frontier:
            break
        keep |= frontier
    return nxg.subgraph(keep).copy()


def select(
    nxg: nx.MultiDiGraph, *, person: str | None = None, depth: int = 2
) -> nx.MultiDiGraph:
    """The part of `nxg` to draw: all of it, or the neighbourhood of one person.

    Raises:
        InputError: when `person` matches nobody, or several people (listing them).
    """
    if person is None:
        return nxg
    matches = find_nodes(nxg, person, types=("person",)) or find_nodes(nxg, person)
    if not matches:
        raise InputError(f"no one named {person!r} in the graph; try `sportkg query persons`")
    if len({nxg.nodes[m].get("qid") or m for m in matches}) > 1:
        listed = "; ".join(
            f"{node_label(m, nxg.nodes[m])} <{m}>" for m in sorted(matches)[:10]
        )
        raise InputError(f"{person!r} fits {len(matches)} nodes: {listed}. Give the full name")
    return neighbourhood(nxg, matches, depth)


def network_data(nxg: nx.MultiDiGraph, *, centre: Collection[str] = ()) -> dict[str, Any]:
    """The JSON the page draws: nodes (id, label, type, qid, degree) and edges with sources.

    The same fact (two nodes, one relation, the same qualifiers) stated by several
    articles is one edge listing every source.
    """
    import networkx as nx

    degree = dict(nx.Graph(nxg.to_undirected(as_view=True)).degree())
    index: dict[str, int] = {}
    nodes: list[dict[str, Any]] = []
    for key, attrs in sorted(nxg.nodes(data=True), key=lambda item: str(item[0])):
        index[str(key)] = len(nodes)
        nodes.append(
            {
                "id": str(key),
                "label": node_label(str(key), attrs),
                "type": node_type(attrs),
                "qid": attrs.get("qid") or None,
                "degree": int(degree.get(key, 0)),
                "centre": str(key) in centre,
            }
        )
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for source, target, attrs in nxg.edges(data=True):
        confidence = attrs.get("confidence")
        edge: dict[str, Any] = {
            "source": index[str(source)],
            "target": index[str(target)],
            "property": str(attrs.get("property", "")),
            "label": relation_label(attrs),
            "confidence": float(confidence) if confidence not in (None, "") else None,
            "qualifiers": _qualifiers(attrs.get("qualifiers")),
            "sources": _sources(attrs.get("evidence") or attrs.get("sources")),
        }
        key = (edge["source"], edge["target"], edge["property"], json.dumps(edge["qualifiers"]))
        same = merged.get(key)
        if same is None:
            merged[key] = edge
            continue
        same["sources"] += [s for s in edge["sources"] if s not in same["sources"]]
        if edge["confidence"] is not None:
            same["confidence"] = max(same["confidence"] or 0.0, edge["confidence"])
    edges = sorted(merged.values(), key=lambda e: (e["source"], e["target"], e["property"]))
    return {"nodes": nodes, "edges": edges, "colours": TYPE_COLOURS}


def render_html(
    nxg: nx.MultiDiGraph, *, title: str = "sportkg network", centre: Collection[str] = ()
) -> str:
    """The complete HTML page for `nxg` (inline CSS, data and JavaScript; nothing fetched)."""
    return page_html(network_data(nxg, centre=centre), title=title)


def page_html(network: Mapping[str, Any], *, title: str) -> str:
    """The HTML page drawing `network` (the output of `network_data`)."""
    data = json.dumps(network, ensure_ascii=False, sort_keys=True)
    # Inside <script>, "</" could end the element early; "\u003c" keeps the JSON identical.
    data = data.replace("<", "\\u003c")
    page, style, script = _page_parts()
    return (
        page.replace("@@TITLE@@", html.escape(title))
        .replace("@@STYLE@@", style)
        .replace("@@SCRIPT@@", script)
        .replace("@@DATA@@", data)
    )


STATIC = Path(__file__).resolve().parent / "static"
"""The page's files, shipped as package data: `viz.html` (with @@TITLE@@, @@STYLE@@,
@@SCRIPT@@ and @@DATA@@ in place of its parts), `viz.css` and `viz.js`."""


@lru_cache(maxsize=1)
def _page_parts() -> tuple[str, str, str]:
    """The page template, its style and its script."""
    page, style, script = (
        (STATIC / name).read_text(encoding="utf-8") for name in ("viz.html", "viz.css", "viz.js")
    )
    return page, style, script


def write_html(
    kg: KnowledgeGraph,
    path: str | Path,
    *,
    person: str | None = None,
    depth: int = 2,
    title: str | None = None,
    properties: Collection[str] | None = None,
) -> VizSummary:
    """Draw `kg` (or the neighbourhood of `person`) into the HTML file `path`.

    Args:
        kg: the graph.
        path: the HTML file to write (its directory is created; written whole or not
            at all).
        person: centre the picture on this person (name, QID or IRI).
        depth: hops around `person` to include.
        title: page title (default: the person's name or "sportkg network").
        properties: only these relations (default: all).

    Returns:
        How many nodes and edges were drawn.

    Raises:
        ExportError: the file cannot be written.
    """
    nxg = kg.to_networkx(properties=properties)
    chosen = select(nxg, person=person, depth=depth)
    add_evidence(kg, chosen)
    centre = [n for n in chosen.nodes if person is not None and n in find_nodes(chosen, person)]
    if title is None:
        title = f"{person} in sportkg" if person else "sportkg network"
    from ..graph.export import atomic_file

    out = Path(path)
    network = network_data(chosen, centre=centre)
    with atomic_file(out) as handle:
        handle.write(page_html(network, title=title))
    return VizSummary(nodes=len(network["nodes"]), edges=len(network["edges"]), path=out)


def add_evidence(kg: KnowledgeGraph, nxg: nx.MultiDiGraph) -> None:
    """Give each edge an `evidence` list: source, date, sentence and extractor per article.

    Edges of `KnowledgeGraph.to_networkx` are keyed by statement IRI and name only the
    source files; the sentences come from the statements read back from the graph.
    """
    from ..graph import rdf

    wanted = {key: (s, o) for s, o, key in nxg.edges(keys=True)}
    if not wanted:
        return
    for statement in kg.statements():
        key = rdf.statement_iri(statement, base=kg.base)
        ends = wanted.get(key)
        if ends is None:
            continue
        attrs = nxg.edges[ends[0], ends[1], key]
        evidence = attrs.setdefault("evidence", [])
        item = statement.evidence.to_dict()
        item.pop("links", None)
        if item not in evidence:
            evidence.append(item)


def _qualifiers(value: Any) -> list[list[str]]:
    """Qualifiers as [label, value] pairs ("point in time", "2026-01-18")."""
    if not isinstance(value, Mapping):
        return []
    out = []
    for key, text in sorted(value.items()):
        relation = RELATIONS.get(str(key))
        out.append([relation.label_en if relation else str(key), str(text)])
    return out


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


def _sources(value: Any) -> list[dict[str, Any]]:
    """Normalise an edge's `sources` to a list of {source, published, sentence, extractor}."""
    out: list[dict[str, Any]] = []
    items: Iterable[Any]
    if value is None or value == "":
        items = []
    elif isinstance(value, str):
        items = [part for part in value.split("|") if part.strip()] if "|" in value else [value]
    elif isinstance(value, Mapping):
        items = [value]
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]
    for item in items:
        if hasattr(item, "to_dict"):
            item = item.to_dict()
        if isinstance(item, Mapping):
            out.append(
                {
                    key: item.get(key)
                    for key in ("source", "published", "sentence", "extractor", "url")
                    if item.get(key) not in (None, "")
                }
            )
        else:
            out.append({"source": str(item).strip()})
    return out
