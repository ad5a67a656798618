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
