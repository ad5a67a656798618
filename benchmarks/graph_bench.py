"""Graph benchmark: load synthetic statements once, then time the named queries and NetworkX.

The store is generated once into `--store DIR` and reused by later runs (delete the
directory to load again). Each phase runs in its own child process, so the peak RSS
printed for the load is the load's own. Prints Markdown tables.

    python benchmarks/graph_bench.py --n 100000 --store kg-1e5 --compare-bulk
    python benchmarks/graph_bench.py --n 1000000 --store kg-1e6 --bulk --repeat 3
    python benchmarks/graph_bench.py --n 100000 --store kg-1e5 --articles

`--articles` times, instead of the queries, reading one article back
(`statements(article=...)`) and removing it (`remove_article`), on a copy of the store.
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
from typing import Any

HERE = Path(__file__).resolve().parent
PARAMS: dict[str, dict[str, str]] = {
    "medals": {"athlete": "Anna de Vries 0"},
    "person_facts": {"person": "Anna de Vries 0"},
    "article_facts": {"doc": "synthetic_0000001"},
    "athletes": {"country": "Netherlands", "sport": "speed skating"},
    "records": {"athlete": "Anna de Vries 0"},
    "relationships": {"person": "Anna de Vries 0"},
    "family": {"person": "Anna de Vries 0"},
    "coaches": {"athlete": "Anna de Vries 0"},
    "teams": {"athlete": "Anna de Vries 0"},
    "winners": {"event": "women's 500 m, 2026"},
}
PAGED = {"low_confidence": {}, "disagreements": {}, "athletes": {}, "teams": {}}
"""Whole-graph reports, timed for their first page of 1,000 rows."""
SKIP = {"wikidata_compare",  # needs the Wikidata Query Service over the network
        "wikidata_gaps"}  # a knowledge-base query, measured with the KB

_EDGES = """
SELECT ?s ?p ?o ?st WHERE { GRAPH <https://w3id.org/sportkg/facts> { ?s ?p ?st .
  ?st a <http://wikiba.se/ontology#Statement> ; ?ps ?o . FILTER(isIRI(?o)) } }"""
_REFS = """
SELECT ?st ?ref WHERE { GRAPH ?g { ?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?ref } }"""


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _synthetic() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("graph_synthetic", HERE / "graph_synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(n: int, store: Path, bulk: bool, compare: bool) -> dict[str, Any]:
    """Load n synthetic statements into a new store; optionally time Oxigraph's bulk_load.

    The statements are generated into a spool first, as `sportkg load` reads and checks its
    input before it stores anything; the load time is the storing (`load_statements`).
    """
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.graph.spool import Spool

    with Spool() as spool:
        # what `sportkg load` has once it has read and checked its input: a spool of Statements
        begin = time.perf_counter()
        spool.extend(_synthetic().statements(n))
        spool_s = time.perf_counter() - begin
        begin = time.perf_counter()
        with KnowledgeGraph.open("oxigraph", path=store) as kg:
            result = kg.load_statements(spool, bulk=bulk)
            seconds = time.perf_counter() - begin
            quads = len(kg.store._store)  # type: ignore[attr-defined]
    out: dict[str, Any] = {"n": n, "bulk": bulk, "generate_and_spool_s": round(spool_s, 1),
                           "load_s": round(seconds, 1), "quads": quads,
                           "written": result.triples, "quads_per_statement": round(quads / n, 1),
                           "statements_per_s": round(n / seconds),
                           "quads_per_s": round(quads / seconds), "load_rss_mb": round(_rss_mb()),
                           "loader_child_rss_mb": round(_rss_mb(resource.RUSAGE_CHILDREN))}
    if compare:
        import pyoxigraph

        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "all.nq"
            source = pyoxigraph.Store.read_only(str(store))
            source.dump(output=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
            del source
            target = pyoxigraph.Store(str(Path(tmp) / "bulk"))
            begin = time.perf_counter()
            target.bulk_load(path=str(dump), format=pyoxigraph.RdfFormat.N_QUADS)
            target.flush()
            bulk_s = time.perf_counter() - begin
            # our bulk load ends compacted (`Store.optimize`); bulk_load's store is not, so
            # the same end state is bulk_load and then optimize
            begin = time.perf_counter()
            target.optimize()
            optimize_s = time.perf_counter() - begin
        out.update(oxigraph_bulk_load_s=round(bulk_s, 1),
                   oxigraph_bulk_quads_per_s=round(quads / bulk_s),
                   ratio=round(bulk_s / seconds, 2),
                   oxigraph_optimize_s=round(optimize_s, 1),
                   ratio_to_compacted=round((bulk_s + optimize_s) / seconds, 2))
    return out


def queries(store: Path, repeat: int, limit: int) -> dict[str, Any]:
    """Median latency of every named query (paged reports: first page of `limit` rows)."""
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.queries import named_queries, run_query

    out: dict[str, Any] = {}
    with KnowledgeGraph.open("oxigraph", path=store, read_only=True) as kg:
        for query in named_queries():
            if query.name in SKIP:
                continue
            cases = [("", PARAMS.get(query.name, {}))]
            if query.name in PAGED:
                cases = [(" (page)", PAGED[query.name])]
                if query.name in PARAMS:
                    cases.insert(0, ("", PARAMS[query.name]))
            for suffix, params in cases:
                if any(p.required and p.name not in params for p in query.params):
                    continue
                times, rows, total = [], 0, None
                for _ in range(repeat):
                    begin = time.perf_counter()
                    result = run_query(kg, query, params, limit=limit)
                    times.append(time.perf_counter() - begin)
                    rows, total = len(result), getattr(result, "total", None)
                name = query.name + suffix
                out[name] = {"ms": round(statistics.median(times) * 1000, 1), "rows": rows,
                             "total": total}
                print(f"{name}: {out[name]}", file=sys.stderr, flush=True)
    return out


def networkx(store: Path) -> dict[str, Any]:
    """to_networkx against the two SELECTs it needs at least (edges, references)."""
    import pyoxigraph

    from sportkg.graph.kg import KnowledgeGraph

    raw = pyoxigraph.Store.read_only(str(store))
    begin = time.perf_counter()
    edges = [tuple(s) for s in raw.query(_EDGES)]
    refs = [tuple(s) for s in raw.query(_REFS)]
    baseline = time.perf_counter() - begin
    del raw, edges, refs
    with KnowledgeGraph.open("oxigraph", path=store, read_only=True) as kg:
        begin = time.perf_counter()
        nxg = kg.to_networkx()
        seconds = time.perf_counter() - begin
    return {"baseline_s": round(baseline, 2), "to_networkx_s": round(seconds, 2),
            "ratio": round(seconds / baseline, 2), "nodes": nxg.number_of_nodes(),
            "edges": nxg.number_of_edges(), "rss_mb": round(_rss_mb())}


def articles(store: Path, repeat: int) -> dict[str, Any]:
    """Seconds to read back and to remove one article by name, on a copy of the store."""
    import shutil

    from sportkg.graph.kg import KnowledgeGraph

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "store"
        shutil.copytree(store, copy)
        with KnowledgeGraph.open("oxigraph", path=copy) as kg:
            for i in range(1, repeat + 1):
                doc = f"synthetic_{i:07d}"
                begin = time.perf_counter()
                found = len(list(kg.statements(article=doc)))
                read_s = time.perf_counter() - begin
                begin = time.perf_counter()
                kg.remove_article(doc)
                out[doc] = {"statements": found, "read_s": round(read_s, 2),
                            "remove_s": round(time.perf_counter() - begin, 2)}
                print(f"{doc}: {out[doc]}", file=sys.stderr, flush=True)
    return out


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True,
                          check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Load once (in a child), then query and convert (each in a child); print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000, help="statements to load")
    parser.add_argument("--store", required=True, help="store directory, reused when present")
    parser.add_argument("--bulk", action="store_true", help="load with --bulk (new store)")
    parser.add_argument("--compare-bulk", action="store_true",
                        help="also time Oxigraph's own bulk_load of the same quads")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (median)")
    parser.add_argument("--limit", type=int, default=1000, help="page size of the reports")
    parser.add_argument("--no-networkx", action="store_true")
    parser.add_argument("--articles", action="store_true",
                        help="time reading back and removing single articles instead")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args = parser.parse_args()
    store = Path(args.store)
    if args.phase == "load":
        print(json.dumps(load(args.n, store, args.bulk, args.compare_bulk)))
        return
    if args.phase == "queries":
        print(json.dumps(queries(store, args.repeat, args.limit)))
        return
    if args.phase == "articles":
        print(json.dumps(articles(store, args.repeat)))
        return
    if args.phase == "networkx":
        print(json.dumps(networkx(store)))
        return
    common = ["--n", str(args.n), "--store", str(store)]
    if not (store / "CURRENT").is_file():
        loaded = _child("--phase", "load", *common, *(["--bulk"] if args.bulk else []),
                        *(["--compare-bulk"] if args.compare_bulk else []))
        print(json.dumps(loaded), file=sys.stderr, flush=True)
        print(f"\n### load of {args.n:,} statements\n")
        for key, value in loaded.items():
            print(f"- {key}: {value}")
    if args.articles:
        timed = _child("--phase", "articles", *common, "--repeat", str(args.repeat))
        print(f"\n### single articles at {args.n:,} statements\n")
        print("| article | statements | statements(article=) s | remove_article s |")
        print("|---|---|---|---|")
        for doc, figures in timed.items():
            print(f"| {doc} | {figures['statements']} | {figures['read_s']} | "
                  f"{figures['remove_s']} |")
        return
    found = _child("--phase", "queries", *common, "--repeat", str(args.repeat),
                   "--limit", str(args.limit))
    print(f"\n### queries at {args.n:,} statements (median of {args.repeat})\n")
    print("| query | median ms | rows | total |")
    print("|---|---|---|---|")
    for name, figures in sorted(found.items()):
        print(f"| {name} | {figures['ms']} | {figures['rows']:,} | {figures['total'] or '-'} |")
    if not args.no_networkx:
        nx = _child("--phase", "networkx", *common)
        print(f"\n### to_networkx at {args.n:,} statements\n")
        for key, value in nx.items():
            print(f"- {key}: {value}")


if __name__ == "__main__":
    main()
