"""Extraction speed on a local Dask cluster against spaCy-style worker processes.

Uses the corpus of `benchmarks/extract_speed.py` (N articles mixed from the paragraphs
of our own example articles, fixed seed) and the blank + rules pipeline, and measures
articles/s for:

- `n_process=1`: `extract_articles` in this process (pipelines loaded before timing);
- `n_process=2`: the same with two worker processes (their start and pipeline loading
  are inside the timing, as they are for a user);
- `dask N`: `sportkg.cluster.extract_on_client` on a `LocalCluster` of N worker
  processes with one thread each; the cluster's start is timed apart, the workers load
  their pipelines inside the timing (on their first batch).

Every run must give the same statements as `n_process=1` (checked; a difference stops
the benchmark).

Usage:
    python benchmarks/dask_extract.py [--articles 2000] [--workers 1,2] [--batch-size 50]
"""

from __future__ import annotations

import argparse
import os
import time

from extract_speed import corpus, words


def timed_n_process(articles: list, n_process: int) -> tuple[float, set]:
    """Seconds and statements of `extract_articles` with `n_process` processes."""
    from sportkg.pipeline import extract_articles

    if n_process == 1:
        list(extract_articles(articles[:4], pipeline="rules"))  # load the pipelines first
    start = time.perf_counter()
    found = {
        s
        for _, stmts in extract_articles(articles, pipeline="rules", n_process=n_process)
        for s in stmts
    }
    return time.perf_counter() - start, found


def timed_dask(articles: list, workers: int, batch_size: int) -> tuple[float, float, set]:
    """Cluster start seconds, extraction seconds and statements on a local Dask cluster."""
    from sportkg.cluster import extract_on_client, open_client

    start = time.perf_counter()
    with open_client(local_cluster=workers) as client:
        client.wait_for_workers(workers)
        started = time.perf_counter() - start
        start = time.perf_counter()
        found = {
            s
            for _, stmts in extract_on_client(
                articles, client=client, pipeline="rules", batch_size=batch_size
            )
            for s in stmts
        }
        return started, time.perf_counter() - start, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="Dask cluster sizes, comma-separated.")
    parser.add_argument("--batch-size", type=int, default=50)
    args = parser.parse_args()

    articles = corpus(args.articles)
    n_words = words(articles)
    print(
        f"corpus: {len(articles)} articles, {n_words} words; cores: {os.cpu_count()}; "
        f"load average before: {os.getloadavg()[0]:.1f}"
    )
    print(f"{'run':<14}{'start s':>9}{'extract s':>11}{'articles/s':>12}{'statements':>12}")

    def row(name: str, started: float | None, seconds: float, found: set) -> None:
        begin = "-" if started is None else f"{started:.1f}"
        print(
            f"{name:<14}{begin:>9}{seconds:>11.1f}{len(articles) / seconds:>12.1f}{len(found):>12}",
            flush=True,
        )

    seconds, reference = timed_n_process(articles, 1)
    row("n_process=1", None, seconds, reference)
    seconds, found = timed_n_process(articles, 2)
    row("n_process=2", None, seconds, found)
    if found != reference:
        raise SystemExit("n_process=2 gave other statements than n_process=1")
    for workers in (int(w) for w in args.workers.split(",")):
        started, seconds, found = timed_dask(articles, workers, args.batch_size)
        row(f"dask {workers}", started, seconds, found)
        if found != reference:
            raise SystemExit(f"dask with {workers} workers gave other statements")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
