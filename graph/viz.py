"""A picture of the knowledge graph: one self-contained HTML file with an SVG network view.

The page needs nothing but a browser: the data is embedded as JSON and a small force
layout and SVG renderer written in plain JavaScript are inlined, so it opens offline
and fetches nothing. Nodes are coloured by entity type and sized by degree, edges are
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sportkg.errors import InputError
from sportkg.ontology.relations import RELATIONS

if TYPE_CHECKING:
    import networkx as nx
    from sportkg.graph.kg import KnowledgeGraph

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
    """The nodes `name` fits (see `sportkg.graph.profile.match_people`).

    An exact name, QID or IRI wins over a surname or partial name. Nodes sharing the
    QID of a match (a Wikidata IRI and a minted one) are all returned.

    Examples:
        >>> import networkx as nx
        >>> nxg = nx.MultiDiGraph()
        >>> nxg.add_node("urn:a", label="Noor Vermeulen", qid=None, types="person")
        >>> find_nodes(nxg, "vermeulen")
        ['urn:a']
    """
    from sportkg.graph.profile import Candidate, match_people

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
    return (
        _PAGE.replace("@@TITLE@@", html.escape(title))
        .replace("@@STYLE@@", _STYLE)
        .replace("@@SCRIPT@@", _SCRIPT)
        .replace("@@DATA@@", data)
    )


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
    from sportkg.graph.export import atomic_file

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
    from sportkg.graph import rdf

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


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>@@TITLE@@</title>
<style>@@STYLE@@</style>
</head>
<body>
<header>
  <h1>@@TITLE@@</h1>
  <span id="counts"></span>
  <input id="search" type="search" placeholder="Find a name" aria-label="Find a name">
  <label><input id="show-labels" type="checkbox" checked> relation labels</label>
  <div id="legend" aria-label="Node types"></div>
</header>
<svg id="network" role="img" aria-label="Network of people, teams, events and awards"></svg>
<div id="tooltip" role="tooltip" hidden></div>
<script id="graph-data" type="application/json">@@DATA@@</script>
<script>@@SCRIPT@@</script>
</body>
</html>
"""

_STYLE = """
html, body { margin: 0; height: 100%; font: 13px/1.35 system-ui, sans-serif; color: #222; }
body { display: flex; flex-direction: column; background: #fbfbfa; }
header { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center;
         padding: 6px 12px; border-bottom: 1px solid #ddd; background: #fff; }
h1 { font-size: 16px; margin: 0; }
#counts { color: #666; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 10px; }
#legend span { display: inline-flex; align-items: center; gap: 4px; }
#legend i { width: 11px; height: 11px; border-radius: 50%; display: inline-block; }
#network { flex: 1; width: 100%; cursor: grab; user-select: none; }
#network.panning { cursor: grabbing; }
.edge path { fill: none; stroke-width: 1.6; opacity: 0.75; }
.edge text { font-size: 9px; fill: #555; paint-order: stroke; stroke: #fbfbfa; stroke-width: 3px; }
.edge:hover path { stroke-width: 3.2; opacity: 1; }
.node circle { stroke: #fff; stroke-width: 1.5; cursor: pointer; }
.node.centre circle { stroke: #111; stroke-width: 2.5; }
.node text { font-size: 11px; paint-order: stroke; stroke: #fbfbfa; stroke-width: 3px;
             pointer-events: none; }
.node.hit circle { stroke: #ff2d55; stroke-width: 3; }
.dim, .fade { opacity: 0.15; }
.hide-labels .edge text { display: none; }
#tooltip { position: fixed; max-width: 420px; background: #fff; border: 1px solid #bbb;
           border-radius: 4px; padding: 6px 8px; box-shadow: 0 2px 8px rgba(0,0,0,.15);
           pointer-events: none; font-size: 12px; }
#tooltip b { font-size: 13px; }
#tooltip ul { margin: 4px 0 0; padding-left: 16px; }
#tooltip .muted { color: #666; }
"""

_SCRIPT = r"""
"use strict";
(function () {
  const started = performance.now();
  const SVGNS = "http://www.w3.org/2000/svg";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const nodes = data.nodes, edges = data.edges, colours = data.colours;
  const svg = document.getElementById("network");
  const tooltip = document.getElementById("tooltip");
  const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
                   "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d"];

  function el(name, attrs, parent) {
    const node = document.createElementNS(SVGNS, name);
    for (const key in attrs) node.setAttribute(key, attrs[key]);
    if (parent) parent.appendChild(node);
    return node;
  }
  function text(s) { return document.createTextNode(s == null ? "" : String(s)); }
  function hash(s) {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    return Math.abs(h);
  }
  const relationColour = {};
  edges.forEach(function (e) {
    if (!(e.property in relationColour)) {
      relationColour[e.property] = PALETTE[hash(e.property) % PALETTE.length];
    }
  });

  // ---- layout: deterministic start on a sunflower spiral, then a force simulation
  const n = nodes.length;
  nodes.forEach(function (d, i) {
    const r = 30 * Math.sqrt(i + 0.5), a = i * 2.399963;
    d.x = r * Math.cos(a); d.y = r * Math.sin(a); d.vx = 0; d.vy = 0;
    d.r = 6 + 2.2 * Math.sqrt(d.degree);
  });
  function simulate(steps) {
    const k = 90, repulse = k * k, spring = 0.04, gravity = 0.012;
    for (let step = 0; step < steps; step++) {
      const cool = 1 - step / steps;
      for (let i = 0; i < n; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < n; j++) {
          const b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = (i - j) * 0.1; dy = 0.1; d2 = dx * dx + dy * dy; }
          if (d2 > 360000) continue;
          const f = repulse / d2;
          a.vx += dx * f / 60; a.vy += dy * f / 60; b.vx -= dx * f / 60; b.vy -= dy * f / 60;
        }
      }
      edges.forEach(function (e) {
        const a = nodes[e.source], b = nodes[e.target];
        if (a === b) return;
        const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        const f = spring * (d - k) / d;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      });
      nodes.forEach(function (d) {
        if (d.fixed) { d.vx = 0; d.vy = 0; return; }
        d.vx -= d.x * gravity; d.vy -= d.y * gravity;
        const speed = Math.sqrt(d.vx * d.vx + d.vy * d.vy), limit = 40 * cool + 1;
        if (speed > limit) { d.vx *= limit / speed; d.vy *= limit / speed; }
        d.x += d.vx; d.y += d.vy; d.vx *= 0.6; d.vy *= 0.6;
      });
    }
  }
  simulate(n > 600 ? 80 : n > 200 ? 200 : 400);

  // ---- drawing
  const defs = el("defs", {}, svg);
  Object.keys(relationColour).forEach(function (prop, i) {
    const marker = el("marker", { id: "arrow" + i, viewBox: "0 0 10 10", refX: "10", refY: "5",
      markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
    el("path", { d: "M0,0 L10,5 L0,10 z", fill: relationColour[prop] }, marker);
    relationColour[prop] = { colour: relationColour[prop], marker: "url(#arrow" + i + ")" };
  });
  const world = el("g", { id: "world" }, svg);
  const edgeLayer = el("g", { class: "edges" }, world);
  const nodeLayer = el("g", { class: "nodes" }, world);

  // parallel edges between one pair bend apart
  const pairCount = {};
  edges.forEach(function (e) {
    const key = Math.min(e.source, e.target) + "-" + Math.max(e.source, e.target);
    e.rank = pairCount[key] = (pairCount[key] || 0) + 1;
  });
  edges.forEach(function (e) {
    const g = el("g", { class: "edge", "data-property": e.property }, edgeLayer);
    const style = relationColour[e.property];
    e.path = el("path", { stroke: style.colour, "marker-end": style.marker }, g);
    e.text = el("text", { "text-anchor": "middle" }, g);
    e.text.appendChild(text(e.label));
    e.g = g;
    g.addEventListener("mousemove", function (ev) { showEdge(e, ev); });
    g.addEventListener("mouseleave", hideTooltip);
  });
  nodes.forEach(function (d, i) {
    const g = el("g", { class: "node" + (d.centre ? " centre" : ""), "data-id": d.id,
                        "data-type": d.type }, nodeLayer);
    d.circle = el("circle", { r: d.r.toFixed(1), fill: colours[d.type] || colours.thing }, g);
    d.text = el("text", { dx: (d.r + 3).toFixed(1), dy: "4" }, g);
    d.text.appendChild(text(d.label));
    d.g = g;
    g.addEventListener("mousemove", function (ev) { showNode(d, ev); });
    g.addEventListener("mouseenter", function () { focus(i); });
    g.addEventListener("mouseleave", function () { hideTooltip(); focus(null); });
    g.addEventListener("pointerdown", function (ev) { startDrag(ev, d); });
  });

  function place() {
    edges.forEach(function (e) {
      const a = nodes[e.source], b = nodes[e.target];
      let dx = b.x - a.x, dy = b.y - a.y;
      const len = Math.sqrt(dx * dx + dy * dy) || 1;
      const bend = (e.rank - 1) * 18 * (e.rank % 2 ? 1 : -1) + (a === b ? 30 : 0);
      const mx = (a.x + b.x) / 2 - dy / len * bend, my = (a.y + b.y) / 2 + dx / len * bend;
      // stop the arrow at the target's rim
      const tx = b.x - (b.x - mx) / (Math.hypot(b.x - mx, b.y - my) || 1) * b.r;
      const ty = b.y - (b.y - my) / (Math.hypot(b.x - mx, b.y - my) || 1) * b.r;
      e.path.setAttribute("d", "M" + a.x.toFixed(1) + "," + a.y.toFixed(1) + " Q" +
        mx.toFixed(1) + "," + my.toFixed(1) + " " + tx.toFixed(1) + "," + ty.toFixed(1));
      e.text.setAttribute("x", ((a.x + b.x) / 4 + mx / 2).toFixed(1));
      e.text.setAttribute("y", ((a.y + b.y) / 4 + my / 2).toFixed(1));
    });
    nodes.forEach(function (d) {
      d.g.setAttribute("transform", "translate(" + d.x.toFixed(1) + "," + d.y.toFixed(1) + ")");
    });
  }

  // ---- view box: fit, zoom, pan
  let view = { x: -100, y: -100, w: 200, h: 200 };
  function setView() {
    const box = [view.x, view.y, view.w, view.h];
    svg.setAttribute("viewBox", box.map(function (v) { return v.toFixed(1); }).join(" "));
  }
  function fit() {
    if (!n) { setView(); return; }
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (d) {
      x0 = Math.min(x0, d.x - d.r); y0 = Math.min(y0, d.y - d.r);
      x1 = Math.max(x1, d.x + d.r + 8 * d.label.length); y1 = Math.max(y1, d.y + d.r);
    });
    const pad = 30;
    view = { x: x0 - pad, y: y0 - pad,
             w: Math.max(x1 - x0 + 2 * pad, 100), h: Math.max(y1 - y0 + 2 * pad, 100) };
    setView();
  }
  function toWorld(ev) {
    const rect = svg.getBoundingClientRect();
    const scale = Math.max(view.w / rect.width, view.h / rect.height);
    const ox = view.x + (view.w - rect.width * scale) / 2;
    const oy = view.y + (view.h - rect.height * scale) / 2;
    return { x: ox + (ev.clientX - rect.left) * scale, y: oy + (ev.clientY - rect.top) * scale };
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    const p = toWorld(ev), f = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    view = { x: p.x - (p.x - view.x) * f, y: p.y - (p.y - view.y) * f,
             w: view.w * f, h: view.h * f };
    setView();
  }, { passive: false });
  let drag = null;
  function startDrag(ev, d) {
    ev.stopPropagation();
    drag = { node: d, start: toWorld(ev) };
    d.fixed = true;
  }
  svg.addEventListener("pointerdown", function (ev) {
    drag = { node: null, start: toWorld(ev), view: Object.assign({}, view) };
    svg.classList.add("panning");
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    if (drag.node) {
      const p = toWorld(ev); drag.node.x = p.x; drag.node.y = p.y; place();
    } else {
      const rect = svg.getBoundingClientRect();
      const scale = Math.max(drag.view.w / rect.width, drag.view.h / rect.height);
      const dx = (ev.clientX - rect.left) * scale + drag.view.x - drag.start.x;
      const dy = (ev.clientY - rect.top) * scale + drag.view.y - drag.start.y;
      view = { x: drag.view.x - dx, y: drag.view.y - dy, w: drag.view.w, h: drag.view.h };
      setView();
    }
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    svg.classList.remove("panning");
  });

  // ---- tooltips
  function line(parent, tag, s, cls) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    node.appendChild(text(s)); parent.appendChild(node); return node;
  }
  function position(ev) {
    tooltip.hidden = false;
    const x = Math.min(ev.clientX + 14, window.innerWidth - tooltip.offsetWidth - 6);
    const y = Math.min(ev.clientY + 14, window.innerHeight - tooltip.offsetHeight - 6);
    tooltip.style.left = Math.max(0, x) + "px"; tooltip.style.top = Math.max(0, y) + "px";
  }
  function showNode(d, ev) {
    tooltip.textContent = "";
    line(tooltip, "b", d.label);
    const linked = d.qid ? " · Wikidata " + d.qid : " · not linked to Wikidata";
    line(tooltip, "div", d.type + linked, "muted");
    line(tooltip, "div", d.degree + " connection" + (d.degree === 1 ? "" : "s"));
    line(tooltip, "div", d.id, "muted");
    position(ev);
  }
  function showEdge(e, ev) {
    tooltip.textContent = "";
    line(tooltip, "b", nodes[e.source].label + " — " + e.label + " → " + nodes[e.target].label);
    const conf = e.confidence == null ? "" : " · confidence " + e.confidence.toFixed(2);
    line(tooltip, "div", e.property + conf, "muted");
    e.qualifiers.forEach(function (q) { line(tooltip, "div", q[0] + ": " + q[1]); });
    if (e.sources.length) {
      const list = line(tooltip, "ul", "");
      e.sources.forEach(function (s) {
        const when = s.published ? " (" + s.published + ")" : "";
        const item = line(list, "li", (s.source || "source") + when);
        if (s.sentence) line(item, "div", "“" + s.sentence + "”", "muted");
      });
    } else {
      line(tooltip, "div", "no source recorded", "muted");
    }
    position(ev);
  }
  function hideTooltip() { tooltip.hidden = true; }
  // hovering a node fades everything that is not one of its facts or neighbours
  function focus(index) {
    const near = {};
    if (index !== null) {
      near[index] = true;
      edges.forEach(function (e) {
        if (e.source === index || e.target === index) { near[e.source] = near[e.target] = true; }
      });
    }
    nodes.forEach(function (d, j) { d.g.classList.toggle("fade", index !== null && !near[j]); });
    edges.forEach(function (e) {
      const mine = e.source === index || e.target === index;
      e.g.classList.toggle("fade", index !== null && !mine);
    });
  }

  // ---- header: counts, legend, search, label toggle
  document.getElementById("counts").textContent = n + " nodes · " + edges.length + " edges";
  const legend = document.getElementById("legend");
  const present = {};
  nodes.forEach(function (d) { present[d.type] = (present[d.type] || 0) + 1; });
  Object.keys(colours).forEach(function (type) {
    if (!present[type]) return;
    const item = document.createElement("span");
    const dot = document.createElement("i"); dot.style.background = colours[type];
    item.appendChild(dot); item.appendChild(text(type + " (" + present[type] + ")"));
    legend.appendChild(item);
  });
  document.getElementById("search").addEventListener("input", function (ev) {
    const q = ev.target.value.trim().toLowerCase();
    nodes.forEach(function (d) {
      const hit = q && d.label.toLowerCase().indexOf(q) >= 0;
      d.g.classList.toggle("hit", !!hit);
      d.g.classList.toggle("dim", !!q && !hit);
    });
    edges.forEach(function (e) { e.g.classList.toggle("dim", !!q); });
  });
  document.getElementById("show-labels").addEventListener("change", function (ev) {
    svg.classList.toggle("hide-labels", !ev.target.checked);
  });

  place();
  fit();
  window.sportkg = { nodes: n, edges: edges.length, drawn: nodeLayer.childNodes.length };
  const took = Math.round(performance.now() - started);
  document.documentElement.setAttribute("data-layout-ms", String(took));
  document.documentElement.setAttribute("data-ready", "true");
})();
"""
