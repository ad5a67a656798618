"""How large a network the HTML picture handles: page size and layout time in chromium.

Builds synthetic networks in the shape `KnowledgeGraph.to_networkx()` gives (people with
a sport, a country and an occupation, a few awards, and person-to-person facts), writes
the page with `sportkg.explore.viz.render_html`, opens it in headless chromium with
`--dump-dom`, and reads the layout time the page records in `data-layout-ms`.

    python benchmarks/viz_layout.py [--sizes 100 300 1000 2000]

Prints one row per size: nodes, edges, Python render time, page size, chromium layout
and drawing time (the page's own clock) and wall time of the whole browser run.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from sportkg.explore.viz import render_html

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
SPORTS = ("speed skating", "cycling", "association football", "boxing", "athletics", "darts")
COUNTRIES = ("Netherlands", "Belgium", "United Kingdom", "Norway", "United States", "Japan")
RELATIONS = (("sk:engagedTo", "engaged to"), ("P22", "father"), ("sk:coachedBy", "coached by"),
             ("sk:defeated", "defeated"), ("P3373", "sibling"))


def synthetic(people: int, *, seed: int = 7) -> nx.MultiDiGraph:
    """A network with `people` persons and about 3.5 facts each."""
    rng = random.Random(seed)
    nxg = nx.MultiDiGraph()
    for name in SPORTS:
        nxg.add_node(f"urn:sport:{name}", label=name, qid="", type="sport")
    for name in COUNTRIES:
        nxg.add_node(f"urn:country:{name}", label=name, qid="", type="country")
    for i in range(people):
        person = f"urn:person:{i}"
        nxg.add_node(person, label=f"Athlete {i}", qid="", type="person")
        source = {"source": f"nl_{i % 50:03d}.txt", "published": "2026-01-18",
                  "sentence": f"Athlete {i} won again.", "extractor": "bench"}
        nxg.add_edge(person, f"urn:sport:{rng.choice(SPORTS)}", property="P641", label="sport",
                     confidence=0.8, evidence=[source])
        nxg.add_edge(person, f"urn:country:{rng.choice(COUNTRIES)}", property="P27",
                     label="country of citizenship", confidence=0.8, evidence=[source])
        if i and rng.random() < 0.8:
            prop, label = rng.choice(RELATIONS)
            nxg.add_edge(person, f"urn:person:{rng.randrange(i)}", property=prop, label=label,
                         confidence=0.7, evidence=[source])
        if rng.random() < 0.3:
            award = f"urn:award:{rng.randrange(max(1, people // 10))}"
            nxg.add_node(award, label=f"Title {award.rsplit(':', 1)[1]}", qid="", type="award")
            nxg.add_edge(person, award, property="P166", label="award received",
                         confidence=0.9, evidence=[source])
    return nxg


def layout_ms(page: Path, chromium: str, profile: Path) -> tuple[int | None, float]:
    """The page's own layout time and the wall time of the chromium run."""
    started = time.perf_counter()
    dom = subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=600,
    ).stdout
    wall = time.perf_counter() - started
    found = re.search(r'data-layout-ms="(\d+)"', dom)
    return (int(found.group(1)) if found else None), wall


def main() -> int:
    """Run the benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 2000])
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    print("| people | nodes | edges | render (s) | page (KiB) | layout in chromium (ms) "
          "| chromium wall (s) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            nxg = synthetic(size)
            started = time.perf_counter()
            page_text = render_html(nxg, title=f"{size} people")
            render = time.perf_counter() - started
            page = Path(tmp) / f"net{size}.html"
            page.write_text(page_text, encoding="utf-8")
            if chromium:
                ms, wall = layout_ms(page, chromium, Path(tmp) / f"profile{size}")
                shown = (str(ms) if ms is not None else "no result", f"{wall:.1f}")
            else:
                shown = ("chromium not installed", "")
            print(f"| {size} | {nxg.number_of_nodes()} | {nxg.number_of_edges()} | "
                  f"{render:.2f} | {len(page_text.encode()) // 1024} | {shown[0]} | {shown[1]} |")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
