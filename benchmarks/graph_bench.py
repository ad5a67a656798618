"""Graph benchmark: load synthetic statements, run the named queries, build the NetworkX view.

Each backend runs in its own child process so peak RSS is its own. Prints one
Markdown table row per backend and a median latency table per query.

    python benchmarks/graph_bench.py --n 100000
    python benchmarks/graph_bench.py --n 2000 --backends oxigraph,memory
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BACKENDS = ("oxigraph", "oxigraph-bulk", "memory")
PARAMS = {
    "medals": {"athlete": "Anna de Vries 0"},
    "person_facts": {"person": "Anna de Vries 0"},
    "article_facts": {"doc": "synthetic_0000001"},
    "athletes": {"country": "Netherlands", "sport": "speed skating"},
    "records": {"athlete": "Anna de Vries 0"},
    "relationships": {"person": "Anna de Vries 0"},
    "winners": {"event": "women's 500 m, 2026"},
}
SKIP = {"wikidata_compare",  # needs the Wikidata Query Service over the network
        "wikidata_gaps"}  # a knowledge-base query, measured with the KB


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _synthetic():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location("graph_synthetic", HERE / "graph_synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def child(backend: str, n: int, repeat: int, store: Path, networkx: bool) -> dict[str, object]:
    """Load, query and convert in this process; return the figures."""
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.queries import named_queries, run_query

    synthetic = _synthetic()
    out: dict[str, object] = {"backend": backend, "n": n}
    if backend == "memory":
        kg = KnowledgeGraph.open("memory")
    else:
        kg = KnowledgeGraph.open("oxigraph", path=store)
    start = time.perf_counter()
    result = kg.load_statements(synthetic.statements(n), bulk=backend == "oxigraph-bulk")
    seconds = time.perf_counter() - start
    print(f"loaded in {seconds:.1f} s", file=sys.stderr, flush=True)
    out.update(load_s=round(seconds, 1), statements_per_s=round(n / seconds),
               triples=result.triples, load_rss_mb=round(_rss_mb()))
    latencies: dict[str, float] = {}
    for query in named_queries():
        if query.name in SKIP or (query.name not in PARAMS and any(
                p.required for p in query.params)):
            continue
        times = []
        for _ in range(repeat):
            begin = time.perf_counter()
            rows = len(run_query(kg, query, PARAMS.get(query.name, {})))
            times.append(time.perf_counter() - begin)
        latencies[query.name] = round(statistics.median(times) * 1000, 1)
        print(f"{query.name}: {latencies[query.name]} ms", file=sys.stderr, flush=True)
        out.setdefault("rows", {})[query.name] = rows  # type: ignore[index]
    out["query_ms"] = latencies
    if networkx:
        begin = time.perf_counter()
        nxg = kg.to_networkx()
        out.update(networkx_s=round(time.perf_counter() - begin, 1),
                   networkx_edges=nxg.number_of_edges(), rss_mb=round(_rss_mb()))
    kg.close()
    return out


def main() -> None:
    """Run every backend in a child process and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="statements to load")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--memory-repeat", type=int, default=1,
                        help="runs per query on the (slow) memory backend")
    parser.add_argument("--skip", default="", help="comma-separated queries to leave out")
    parser.add_argument("--no-networkx", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args()
    SKIP.update(name for name in args.skip.split(",") if name)
    if args.child:
        print(json.dumps(child(args.child, args.n, args.repeat, Path(args.store),
                               not args.no_networkx)))
        return
    results = []
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            command = [sys.executable, __file__, "--child", backend, "--n", str(args.n),
                       "--repeat", str(args.memory_repeat if backend == "memory" else args.repeat),
                       "--store", str(Path(tmp) / "store")]
            if args.no_networkx:
                command.append("--no-networkx")
            if args.skip:
                command += ["--skip", args.skip]
            done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print(f"\n### {args.n:,} statements\n")
    print("| backend | load s | statements/s | triples | peak RSS after load (MB) | "
          "to_networkx s | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['backend']} | {r['load_s']} | {r['statements_per_s']:,} | "
              f"{r['triples']:,} | {r['load_rss_mb']:,} | {r.get('networkx_s', '-')} | "
              f"{r.get('rss_mb', '-')} |")
    names = sorted({q for r in results for q in r["query_ms"]})
    print("\n| query | " + " | ".join(f"{r['backend']} median ms" for r in results) + " |")
    print("|---|" + "---|" * len(results))
    for name in names:
        print(f"| {name} | " + " | ".join(str(r["query_ms"].get(name, "-")) for r in results)
              + " |")
    totals = {r["backend"]: sum(r["query_ms"].values()) for r in results}
    if "memory" in totals:
        for backend, total in totals.items():
            if backend != "memory" and total:
                print(f"\nsum of medians: {backend} {total:.0f} ms, memory "
                      f"{totals['memory']:.0f} ms, ratio {totals['memory'] / total:.1f}x")


if __name__ == "__main__":
    main()
