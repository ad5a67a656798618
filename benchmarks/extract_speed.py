"""Extraction speed and memory with the blank + rules pipeline.

Builds a corpus of N articles (default 5,000) by mixing the paragraphs of our own example
articles (`examples/articles/*.txt`) with a fixed random seed, then measures, each part in
its own process so peak memory is per part:

- `single`: `extract_articles(..., pipeline="rules", n_process=1)`: articles/s, words/s;
- `double`: the same with `n_process=2`;
- `overhead`: in one run, the same spaCy pipelines (`load_nlp(lang, pipeline="rules")`)
  with and without the sportkg components (`nlp.select_pipes(disable=...)`), alternating
  batches so both see the same machine state; the ratio is the time our components add
  over the pipeline without them;
- `big`: one 5 MB article through `extract_in_parts` (20,000-character parts).

Peak RSS is the process's maximum resident set size (with `n_process=2`, the larger of
the parent and its workers).

Usage:
    python benchmarks/extract_speed.py [--articles 5000] [--parts single,double,overhead,big]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "articles"
PARTS = ("single", "double", "overhead", "big")


def corpus(n: int, *, seed: int = 7) -> list:
    """N articles mixed from the example articles: 2-4 paragraphs of one language each."""
    from sportkg.extract.readers import read_paths
    from sportkg.model import Article

    by_lang: dict[str, list[str]] = {}
    for item in read_paths([EXAMPLES]):
        if isinstance(item, Article):
            paragraphs = [p.strip() for p in item.text.split("\n\n") if p.strip()]
            by_lang.setdefault(item.lang, []).extend(paragraphs)
    if not by_lang:
        raise SystemExit(f"no example articles under {EXAMPLES}")
    rng = random.Random(seed)
    langs = sorted(by_lang)
    articles = []
    for i in range(n):
        lang = langs[i % len(langs)]
        pool = by_lang[lang]
        text = "\n\n".join(rng.sample(pool, k=min(len(pool), rng.randint(2, 4)))) + "\n"
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        articles.append(
            Article(
                id=f"bench_{i:05d}", text=text, lang=lang, date=day, source=f"bench_{i:05d}.txt"
            )
        )
    return articles


def peak_rss_mb() -> float:
    """Peak RSS of this process and of its finished children, in MB (Linux: KiB units)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def words(articles: list) -> int:
    return sum(len(a.text.split()) for a in articles)


def run_extract(n: int, n_process: int) -> dict:
    from sportkg.pipeline import extract_articles

    articles = corpus(n)
    # warm up: load the pipelines outside the timed part
    list(extract_articles(articles[:4], pipeline="rules", n_process=1))
    start = time.perf_counter()
    statements = 0
    for _, found in extract_articles(articles, pipeline="rules", n_process=n_process):
        statements += len(found)
    seconds = time.perf_counter() - start
    return {
        "articles": len(articles),
        "words": words(articles),
        "statements": statements,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 1),
        "words_per_s": round(words(articles) / seconds),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def _overhead(nlp, articles: list, *, batch: int = 250) -> dict:
    """Alternate batches: without our components, with them, and end to end (with Statements)."""
    from sportkg.pipeline import extract_article

    ours = [name for name in nlp.pipe_names if name.startswith("sportkg")]
    texts = [a.text for a in articles]
    list(nlp.pipe(texts[:4]))
    base_s = comp_s = full_s = 0.0
    for i in range(0, len(texts), batch):
        chunk = texts[i : i + batch]
        start = time.perf_counter()
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(chunk):
                pass
        base_s += time.perf_counter() - start
        start = time.perf_counter()
        for _ in nlp.pipe(chunk):
            pass
        comp_s += time.perf_counter() - start
        start = time.perf_counter()
        for article in articles[i : i + batch]:
            extract_article(nlp, article)
        full_s += time.perf_counter() - start
    per_component: dict[str, float] = {}
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            per_component[name] = per_component.get(name, 0.0) + time.perf_counter() - start
    return {
        "per_component": per_component,
        "base": base_s,
        "components": comp_s,
        "end_to_end": full_s,
        "others": [name for name in nlp.pipe_names if name not in ours],
        "ours": ours,
    }


def run_overhead(n: int) -> dict:
    from sportkg.extract.nlp import load_nlp

    articles = corpus(n)
    totals = {"base": 0.0, "components": 0.0, "end_to_end": 0.0}
    per_component: dict[str, float] = {}
    for lang in sorted({a.lang for a in articles}):
        found = _overhead(load_nlp(lang, pipeline="rules"), [a for a in articles if a.lang == lang])
        for key in totals:
            totals[key] += found[key]
        for name, seconds in found["per_component"].items():
            per_component[name] = per_component.get(name, 0.0) + seconds
    result = {
        "articles": len(articles),
        "without_ours_s": round(totals["base"], 2),
        "with_ours_s": round(totals["components"], 2),
        "end_to_end_s": round(totals["end_to_end"], 2),
        "added_ratio": round((totals["components"] - totals["base"]) / totals["base"], 2),
        "added_ratio_end_to_end": round(
            (totals["end_to_end"] - totals["base"]) / totals["base"], 2
        ),
        "per_component_s": {k: round(v, 2) for k, v in per_component.items()},
        "our_components": found["ours"],
        "other_components": found["others"],
    }
    try:  # the same measure over the project's trained Dutch pipeline, when it is there
        trained = load_nlp("nl", pipeline="trained")
    except Exception as exc:  # noqa: BLE001 - optional: report why it was not measured
        result["trained_nl"] = f"not measured: {exc}"
    else:
        found = _overhead(trained, [a for a in articles if a.lang == "nl"])
        result["trained_nl"] = {
            "without_ours_s": round(found["base"], 2),
            "with_ours_s": round(found["components"], 2),
            "added_ratio": round((found["components"] - found["base"]) / found["base"], 2),
            "other_components": found["others"],
        }
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result


def run_big(megabytes: float = 5.0) -> dict:
    from sportkg.extract.chunking import extract_in_parts
    from sportkg.model import Article
    from sportkg.pipeline import extract_articles

    pool = [a.text for a in corpus(40) if a.lang == "nl"]
    text_parts: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1024 * 1024:
        text_parts.append(pool[i % len(pool)])
        size += len(pool[i % len(pool)].encode("utf-8")) + 2
        i += 1
    article = Article(
        id="big", text="\n\n".join(text_parts), lang="nl", date="2025-06-01", source="big.txt"
    )
    del text_parts
    before = peak_rss_mb()

    def run(parts: Iterator[Article]) -> Iterator:
        return extract_articles(parts, pipeline="rules", n_process=1)

    start = time.perf_counter()
    ((_, statements),) = list(extract_in_parts([article], run))
    seconds = time.perf_counter() - start
    return {
        "megabytes": round(len(article.text.encode("utf-8")) / 1024 / 1024, 2),
        "words": len(article.text.split()),
        "statements": len(statements),
        "seconds": round(seconds, 2),
        "peak_rss_mb_before": round(before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--parts", default=",".join(PARTS))
    parser.add_argument("--big-mb", type=float, default=5.0, help="size of the long article")
    parser.add_argument("--part", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.part:
        result = {
            "single": lambda: run_extract(args.articles, 1),
            "double": lambda: run_extract(args.articles, 2),
            "overhead": lambda: run_overhead(args.articles),
            "big": lambda: run_big(args.big_mb),
        }[args.part]()
        print(json.dumps(result))
        return
    for part in args.parts.split(","):
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--part",
                part,
                "--articles",
                str(args.articles),
                "--big-mb",
                str(args.big_mb),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(f"{part}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        print(f"{part}: {proc.stdout.strip().splitlines()[-1]}", flush=True)


if __name__ == "__main__":
    main()
