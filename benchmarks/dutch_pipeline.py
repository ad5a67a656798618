"""Extraction on Dutch articles with the rule pipeline and with the trained Dutch pipeline.

For each pipeline (`--pipeline rules` and `--pipeline trained` by default) it loads the
sportkg pipeline once with `load_nlp` (not timed), extracts statements from every Dutch article of a
folder, scores them against the gold file with `sportkg.evaluation.evaluate` and prints
per-property precision / recall / F1, the micro average and articles per second (best
of `--repeats` timed passes, one process).

Usage:
    OMP_NUM_THREADS=1 python benchmarks/dutch_pipeline.py DIR [--gold DIR/gold.jsonl] \
        [--pipelines rules,trained] [--repeats 2] [--json OUT]

DIR holds the articles (`nl_*.txt`) and, by default, `gold.jsonl`. A pipeline name
`trained+rule-sentences` runs the trained pipeline with the rule sentence splitter moved
before the parser, so the parser keeps the rule sentence boundaries (paragraphs, headlines).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def run(folder: Path, gold: Path, pipeline: str, *, repeats: int) -> dict[str, object]:
    """Extract and score the Dutch articles of `folder` with one pipeline.

    Args:
        folder: directory with `nl_*.txt` articles.
        gold: the gold JSON-lines file.
        pipeline: a `load_nlp` pipeline name ("rules", "trained", ...), optionally with
            "+rule-sentences".
        repeats: timed passes; the fastest is reported.

    Returns:
        ``{"pipeline", "articles", "seconds", "articles_per_s", "micro", "per_property"}``.
    """
    from sportkg.evaluation import evaluate
    from sportkg.extract.nlp import load_nlp
    from sportkg.extract.readers import read_paths
    from sportkg.model import Article
    from sportkg.pipeline import extract_article

    articles = [a for a in read_paths([folder], glob="nl_*.txt") if isinstance(a, Article)]
    articles = [a for a in articles if a.lang == "nl"]
    if not articles:
        raise SystemExit(f"no Dutch articles (nl_*.txt) under {folder}")
    base, _, variant = pipeline.partition("+")
    nlp = load_nlp("nl", pipeline=base)  # loaded once, outside the timing
    if variant == "rule-sentences" and "parser" in nlp.pipe_names:
        # the rule sentence splitter before the parser: the parser keeps its boundaries
        nlp.remove_pipe("sportkg_sentences")
        nlp.add_pipe("sportkg_sentences", before="parser")
    elif variant:
        raise SystemExit(f"unknown pipeline variant {variant!r} (known: rule-sentences)")
    best = float("inf")
    statements = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        statements = [s for article in articles for s in extract_article(nlp, article)]
        best = min(best, time.perf_counter() - start)
    report = evaluate(statements, gold, langs={a.id: a.lang for a in articles})
    return {
        "pipeline": pipeline,
        "articles": len(articles),
        "seconds": round(best, 3),
        "articles_per_s": round(len(articles) / best, 2),
        "micro": report.micro.to_dict(),
        "per_property": {k: v.to_dict() for k, v in sorted(report.per_property.items())},
    }


def print_table(results: list[dict[str, object]]) -> None:
    """Per-property P/R/F1 side by side, then micro averages and speed."""
    names = [str(r["pipeline"]) for r in results]
    props = sorted({p for r in results for p in r["per_property"]})  # type: ignore[attr-defined]
    head = f"{'property':<16}" + "".join(f"{n + ' P/R/F1':>24}" for n in names)
    print(head)
    for prop in [*props, "micro"]:
        cells = []
        for r in results:
            s = r["micro"] if prop == "micro" else r["per_property"].get(prop)  # type: ignore[attr-defined]
            if s is None:
                cells.append(f"{'-':>24}")
            else:
                cells.append(f"{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
        print(f"{prop:<16}" + "".join(cells))
    for r in results:
        print(f"{r['pipeline']}: {r['articles']} articles in {r['seconds']} s = "
              f"{r['articles_per_s']} articles/s")


def main() -> None:
    """Command-line entry (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder with nl_*.txt articles")
    parser.add_argument("--gold", type=Path, default=None, help="gold JSON lines")
    parser.add_argument("--pipelines", default="rules,trained")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    args = parser.parse_args()
    gold = args.gold or args.folder / "gold.jsonl"
    results = [
        run(args.folder, gold, name.strip(), repeats=args.repeats)
        for name in args.pipelines.split(",")
    ]
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
