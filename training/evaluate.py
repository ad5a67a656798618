"""Score a trained Dutch pipeline on the held-out UD test corpus.

Prints (and optionally writes as JSON) part-of-speech, fine tag, morphology, lemma,
UAS/LAS and sentence-boundary scores, plus words per second, for a pipeline
directory such as ``extract/models/nl_sportkg`` or ``training/output/model-best``.
The test corpus is ``training/corpus/test.spacy`` written by ``training/prepare.py``:
the current UD Dutch Alpino and LassySmall test files, never used in training.

Usage::

    OMP_NUM_THREADS=1 python training/evaluate.py extract/models/nl_sportkg \
        --test training/corpus/test.spacy --json training/output/test-scores.json
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

#: score keys of ``Language.evaluate`` reported, with the names used in the model card
REPORTED = {
    "pos_acc": "POS",
    "tag_acc": "fine tag",
    "morph_acc": "morphology",
    "lemma_acc": "lemma",
    "dep_uas": "UAS",
    "dep_las": "LAS",
    "sents_f": "sentence F",
}


def evaluate(model: Path, test: Path, *, repeats: int = 1) -> dict[str, float]:
    """Evaluate ``model`` on the gold ``test`` DocBin.

    Args:
        model: a ``nlp.to_disk`` directory.
        test: a ``.spacy`` file with gold annotation.
        repeats: how many times to time a full pass over the test texts (best is kept).

    Returns:
        Scores in percent (keys of ``REPORTED``), ``words_per_second`` (wall clock) and
        ``words_per_cpu_second`` (process CPU time, steadier on a shared machine) for
        the whole pipeline on raw text, and ``words`` (test size).
    """
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model)
    gold = list(DocBin().from_disk(test).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    scores = nlp.evaluate(examples)
    result = {
        key: round(100 * float(scores[key]), 2) for key in REPORTED if scores.get(key) is not None
    }
    texts = [doc.text for doc in gold]
    words = sum(len(doc) for doc in gold)
    best = best_cpu = float("inf")
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    result["words_per_second"] = round(words / best)
    result["words_per_cpu_second"] = round(words / best_cpu)
    result["words"] = words
    return result


def main() -> None:
    """Command-line entry: ``python training/evaluate.py MODEL [--test FILE] [--json FILE]``."""
    parser = argparse.ArgumentParser(description="Score a pipeline on the held-out UD test set")
    parser.add_argument("model", type=Path, help="pipeline directory (nlp.to_disk output)")
    parser.add_argument("--test", type=Path, default=Path("training/corpus/test.spacy"))
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes (best is kept)")
    args = parser.parse_args()
    if not args.test.is_file():
        raise SystemExit(f"evaluate: {args.test} not found; run training/prepare.py first")
    result = evaluate(args.model, args.test, repeats=args.repeats)
    for key, label in REPORTED.items():
        if key in result:
            print(f"{label:<12} {result[key]:6.2f}")
    print(f"{'words/s':<12} {result['words_per_second']:6d}  (wall clock)")
    cpu = result["words_per_cpu_second"]
    print(f"{'words/cpu-s':<12} {cpu:6d}  ({result['words']} test words)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
