"""Time the first page of each whole-graph report, each run in a new process (a cold start,
as `sportkg query` has), optionally alternating with an earlier version of the code.

    python benchmarks/report_pages.py --store kg-1e6 --rounds 2
    git archive f8734fd | (mkdir -p /tmp/before/sportkg && tar -x -C /tmp/before/sportkg)
    python benchmarks/report_pages.py --store kg-1e6 --before /tmp/before

`--before DIR` runs each case with `PYTHONPATH=DIR` (a folder holding an export of the
earlier commit as `sportkg/`) just before the same case with this checkout, so the two
figures of a case are taken a few seconds apart on the same (shared) machine. With
`--before-store DIR` the earlier version reads a store of its own (a store of the layout it
wrote, when this checkout's layout differs):

    python benchmarks/report_pages.py --store kg-1e6-new --before /tmp/before --before-store kg-1e6
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

CASES: dict[str, tuple[str, dict[str, str]]] = {
    "athletes (page)": ("athletes", {}),
    "athletes (country + sport)": ("athletes", {"country": "Netherlands",
                                                "sport": "speed skating"}),
    "disagreements (page)": ("disagreements", {}),
    "low_confidence (page)": ("low_confidence", {}),
    "teams (page)": ("teams", {}),
}

_CHILD = """
import json, sys, time
from sportkg.graph.kg import KnowledgeGraph
from sportkg.queries import run_query
name, params = sys.argv[2], json.loads(sys.argv[3])
with KnowledgeGraph.open("oxigraph", path=sys.argv[1], read_only=True) as kg:
    begin = time.perf_counter()
    result = run_query(kg, name, params, limit=1000)
    seconds = time.perf_counter() - begin
print(json.dumps([round(seconds * 1000), len(result), result.total]))
"""


def _run(store: str, name: str, params: dict[str, str], path: str | None) -> list[int]:
    """[ms, rows, total] of the first page of one report, in a new process."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if path:
        env["PYTHONPATH"] = path
    done = subprocess.run([sys.executable, "-c", _CHILD, store, name, json.dumps(params)],
                          env=env, capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Run every case `--rounds` times; print a Markdown table of the times in ms."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", required=True, help="an Oxigraph store (graph_bench.py)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--before", help="folder holding an earlier version as sportkg/")
    parser.add_argument("--before-store", help="the store the earlier version reads "
                        "(default: --store)")
    args = parser.parse_args()
    stores = {"before": args.before_store or args.store, "now": args.store}
    found: dict[tuple[str, str], list[list[int]]] = {}
    for _ in range(args.rounds):
        for case, (name, params) in CASES.items():
            versions = [("before", args.before), ("now", None)] if args.before else [
                ("now", None)]
            for label, path in versions:
                figures = _run(stores[label], name, params, path)
                found.setdefault((case, label), []).append(figures)
                print(case, label, figures, file=sys.stderr, flush=True)
    labels = ["before", "now"] if args.before else ["now"]
    print("| report | " + " | ".join(f"{label} (ms)" for label in labels) + " | rows / total |")
    print("|---|" + "---|" * len(labels) + "---|")
    for case in CASES:
        times = [", ".join(f"{f[0]:,}" for f in found[(case, label)]) for label in labels]
        last = found[(case, "now")][-1]
        print(f"| {case} | " + " | ".join(times) + f" | {last[1]:,} / {last[2]:,} |")


if __name__ == "__main__":
    main()
