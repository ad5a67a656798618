"""Time sportkg's components against the bare trained spaCy pipeline on the same texts.

For each language, loads the default (trained) pipeline once, then runs `nlp.pipe` over
the articles of a folder twice per round: with sportkg's components disabled
(`select_pipes`) and with the whole pipeline. Prints articles/s of both and the ratio of
the time the components add to the time of the spaCy part (the issue's "our components
≤ 1.5× the bare pipeline"). The last of `--rounds` rounds is reported (the first warms
caches).

Usage:
    python benchmarks/components_overhead.py ../shared/eval/train [--rounds 2]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sportkg.extract.nlp import load_nlp
from sportkg.extract.readers import read_paths
from sportkg.model import Article


def main() -> None:
    """Command-line entry (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of articles (searched recursively)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds; the last is reported")
    args = parser.parse_args()
    articles = [a for a in read_paths([args.folder], glob="*.txt") if isinstance(a, Article)]
    for lang in ("nl", "en"):
        texts = [a.text for a in articles if a.lang == lang]
        if not texts:
            continue
        nlp = load_nlp(lang)
        ours = [name for name in nlp.pipe_names if name.startswith("sportkg_")]
        bare = full = 0.0
        for _ in range(max(1, args.rounds)):
            start = time.perf_counter()
            with nlp.select_pipes(disable=ours):
                list(nlp.pipe(texts))
            bare = time.perf_counter() - start
            start = time.perf_counter()
            list(nlp.pipe(texts))
            full = time.perf_counter() - start
        print(f"{lang}: {len(texts)} articles; spaCy alone {len(texts) / bare:.1f} articles/s, "
              f"whole pipeline {len(texts) / full:.1f} articles/s; sportkg's components "
              f"take {(full - bare) / bare:.2f}x the time of the spaCy part")


if __name__ == "__main__":
    main()
