"""Train the pair-relation classifier and measure it by document-level cross-validation.

Reads the training articles and their gold facts (``../shared/eval/train``), runs the
default sportkg pipeline on each (recogniser, mentions, coreference, pattern
extractors) once, and labels every candidate pair of a sentence with the gold pair
relation it states, or "none". Then:

1. **5-fold cross-validation by document**: the articles are dealt into five folds in
   id order; for each fold a logistic regression is fitted on the candidates of the
   other four and predicts the fifth. The pattern facts plus the predicted pair facts
   are scored with sportkg's evaluation (the rules of ``../shared/eval/README.md``) at
   several thresholds, next to the patterns alone; the calibration of the predicted
   probabilities (reliability table, expected calibration error) comes from the same
   held-out predictions.
2. **The shipped model**: fitted on all training articles, with each relation's
   threshold the one of its best cross-validated F0.5 (precision weighed twice as much
   as recall), written to ``extract/models/relations/``. A relation with fewer than 50
   positive training pairs is not stated by the classifier at all.

Usage::

    python training/train_rel.py --eval ../shared/eval --out extract/models/relations \
        [--report docs/relations-cv.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FOLDS = 5
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MIN_COUNT = 2
MIN_SUPPORT = 50
"""Positive training pairs a relation needs before the classifier states it at all: with
fewer, its weights are guesses (a win read into 'beat X in the final of the Y')."""
NEVER = 1.01
"""The threshold of a relation the classifier does not state."""
PRECISION_SLACK = 0.05
"""How much cross-validated micro precision the one-for-all threshold may cost against the
patterns alone."""
BETA = 0.5
"""Each relation's threshold maximises held-out F-beta: 0.5 weighs precision twice."""
SYMMETRIC = frozenset({"P26", "P451", "sk:engagedTo", "P3373"})


@dataclass
class Item:
    """One processed training article: doc, pattern facts, candidates and their labels."""

    article: Any
    doc: Any
    context: Any
    rule_facts: list[Any]
    candidates: list[Any]
    labels: list[str]
    attributes: list[Any] = field(default_factory=list)
    attribute_labels: list[str] = field(default_factory=list)
    fold: int = 0
    probs: Any = None
    models: dict[int, Any] = field(default_factory=dict)
    attribute_models: dict[int, Any] = field(default_factory=dict)


def label_of(cand: Any, golds: list[Any], context: Any) -> str:
    """The gold pair relation a candidate states, or "none" (names matched as in scoring)."""
    from sportkg.evaluation import jaccard, names_match
    from sportkg.extract.relations.classifier import value_of
    from sportkg.extract.relations.pairs import NONE, PAIR_RELATIONS

    stated = cand.subject_value()  # as the fact will name it ("Nederland": "Netherlands")
    subject = getattr(stated, "name", None) or getattr(stated, "label", cand.subject.name)
    value = value_of(cand, context)
    value_text = getattr(value, "name", None) or getattr(value, "label", "")
    by_tokens = cand.value.kind in ("event", "country", "occupation", "award")  # as titles
    for gold in golds:
        prop = gold.property
        if prop not in PAIR_RELATIONS or not isinstance(gold.value, str):
            continue
        same_value = names_match(value_text, gold.value) or (
            by_tokens and jaccard(value_text, gold.value) >= 0.5)
        if names_match(gold.subject, subject) and same_value:
            return prop
        if prop in SYMMETRIC and names_match(gold.value, subject) and names_match(
                gold.subject, value_text):
            return prop
        if prop in ("P22", "P25") and names_match(gold.value, subject) and names_match(
                gold.subject, value_text):
            return "P40"
    return NONE


def attribute_label(cand: Any, golds: list[Any]) -> str:
    """"yes" when the gold states the person-level candidate (names matched as in scoring)."""
    from sportkg.evaluation import names_match
    from sportkg.extract.relations.classifier import YES

    for gold in golds:
        if gold.property != cand.property or not names_match(gold.subject, cand.person.name):
            continue
        value_id = getattr(gold, "value_id", None)
        qid = getattr(cand.value, "qid", None)
        if (qid and value_id == qid) or (
                isinstance(gold.value, str) and names_match(cand.value_name(), gold.value)):
            return YES
    return NONE_ATTRIBUTE


NONE_ATTRIBUTE = "none"


def process(folder: Path) -> tuple[list[Item], list[Any]]:
    """Run the pipeline once over every article of ``folder`` and label the candidates."""
    from sportkg.evaluation import load_gold
    from sportkg.extract.nlp import load_nlp
    from sportkg.extract.readers import read_paths
    from sportkg.extract.relations.attributes import attributes
    from sportkg.extract.relations.engine import FACTS_KEY, PUBLISHED_KEY, ArticleContext
    from sportkg.extract.relations.pairs import candidates
    from sportkg.model import Article

    gold = load_gold(folder / "gold.jsonl")
    by_doc: dict[str, list[Any]] = {}
    for fact in gold:
        by_doc.setdefault(fact.doc, []).append(fact)
    nlps: dict[str, Any] = {}
    items: list[Item] = []
    articles = [a for a in read_paths([folder], glob="*.txt") if isinstance(a, Article)]
    for article in sorted(articles, key=lambda a: a.id):
        if article.lang not in nlps:
            nlps[article.lang] = load_nlp(article.lang, pairs=False)
        nlp = nlps[article.lang]
        doc = nlp.make_doc(article.text)
        doc.user_data[PUBLISHED_KEY] = article.date
        doc = nlp(doc)
        context = ArticleContext.of(doc)
        cands = candidates(doc, context)
        golds = by_doc.get(article.id, [])
        labels = [label_of(c, golds, context) for c in cands]
        rule_facts = list(doc.user_data.get(FACTS_KEY, []))
        attrs = attributes(doc, context, rule_facts)
        items.append(Item(article, doc, context, rule_facts, cands, labels, attrs,
                          [attribute_label(a, golds) for a in attrs]))
    for i, item in enumerate(items):
        item.fold = i % FOLDS
    return items, gold


def fit(items: list[Item], *, c: float) -> Any:
    """A logistic regression on the candidate pairs of ``items``, as a PairModel."""
    return fit_rows([(cand.features, label) for item in items
                     for cand, label in zip(item.candidates, item.labels, strict=True)], c=c)


def fit_attributes(items: list[Item], *, c: float) -> Any:
    """A logistic regression on the person-level candidates of ``items``, as a PairModel."""
    return fit_rows([(cand.features, label) for item in items
                     for cand, label in zip(item.attributes, item.attribute_labels,
                                            strict=True)], c=c)


def fit_rows(data: list[tuple[tuple[str, ...], str]], *, c: float) -> Any:
    """A logistic regression on (features, label) rows, as a PairModel."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from sportkg.extract.relations.classifier import PairModel

    counts: Counter[str] = Counter()
    for feats, _ in data:
        counts.update(set(feats))
    names = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    rows, cols, labels = [], [], []
    r = 0
    for feats, label in data:
        for f in set(feats):
            if f in index:
                rows.append(r)
                cols.append(index[f])
        labels.append(label)
        r += 1
    x = csr_matrix((np.ones(len(rows), dtype="float32"), (rows, cols)), shape=(r, len(names)))
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, labels)
    weights, bias = model.coef_.T, model.intercept_
    if len(model.classes_) == 2:  # one score column: the second class against the first
        weights = np.hstack([np.zeros_like(weights), weights])
        bias = np.array([0.0, bias[0]])
    return PairModel(
        features=index,
        classes=[str(k) for k in model.classes_],
        weights=weights.astype("float32"),
        bias=bias.astype("float32"),
    )


def statements(
    items: list[Item], threshold: float | None, thresholds: dict[str, float] | None = None,
    attribute_thresholds: dict[str, float] | None = None,
) -> list[Any]:
    """Pattern facts plus the held-out pair facts at ``threshold`` (None: patterns only),
    or at per-relation ``thresholds``; with ``attribute_thresholds``, also the held-out
    person-level facts."""
    from sportkg.extract.relations.classifier import attribute_facts, pair_facts
    from sportkg.extract.relations.engine import FACTS_KEY
    from sportkg.extract.relations.factuality import factual
    from sportkg.extract.statements import doc_statements

    out: list[Any] = []
    for item in items:
        facts = list(item.rule_facts)
        if thresholds is not None:
            model = item.models[item.fold]
            model.thresholds = thresholds
            facts += pair_facts(item.doc, item.context, model, found=item.candidates)
        elif threshold is not None:
            facts += pair_facts(item.doc, item.context, item.models[item.fold],
                                threshold=threshold, found=item.candidates)
        if attribute_thresholds is not None:
            model = item.attribute_models[item.fold]
            model.thresholds = attribute_thresholds
            facts += attribute_facts(item.doc, item.context, model, item.rule_facts,
                                     found=item.attributes)
        item.doc.user_data[FACTS_KEY] = factual(item.doc, item.context, facts)
        out.extend(doc_statements(item.doc, item.article))
    return out


def calibration(items: list[Item], bins: int = 10) -> dict[str, Any]:
    """Reliability table and expected calibration error of the held-out probabilities."""
    from sportkg.extract.relations.pairs import NONE

    buckets: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for item in items:
        model = item.models[item.fold]
        probs = model.probabilities([c.features for c in item.candidates])
        for row, label in zip(probs, item.labels, strict=True):
            best = max((i for i in range(len(model.classes)) if model.classes[i] != NONE),
                       key=lambda i: row[i])
            p = float(row[best])
            buckets[min(bins - 1, int(p * bins))].append((p, model.classes[best] == label))
    table = []
    total = sum(len(b) for b in buckets)
    ece = 0.0
    for i, bucket in enumerate(buckets):
        if not bucket:
            continue
        conf = sum(p for p, _ in bucket) / len(bucket)
        acc = sum(ok for _, ok in bucket) / len(bucket)
        ece += len(bucket) / total * abs(conf - acc)
        table.append({"bin": f"{i / bins:.1f}-{(i + 1) / bins:.1f}", "n": len(bucket),
                      "confidence": round(conf, 3), "accuracy": round(acc, 3)})
    return {"ece": round(ece, 4), "reliability": table}


def f_beta(precision: float, recall: float, beta: float = BETA) -> float:
    """The F-score that weighs precision 1/beta times as much as recall (F0.5: twice)."""
    if precision <= 0.0 or recall <= 0.0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


NEAR = 0.005
"""Held-out F0.5 scores this close to the best are a tie: a handful of facts of one article
moves a score by as much, and flipped a threshold between two runs of the same rules."""


def best_threshold(report: dict[str, Any], prefix: str, prop: str) -> float:
    """The threshold of the best held-out F0.5 of a relation, among the report's runs
    `"{prefix} {t}"`; of thresholds within `NEAR` of it, the one of the best F1 (then the
    higher); NEVER when no threshold finds a right fact."""
    scored: list[tuple[float, float, float]] = []
    for t in THRESHOLDS:
        scores = report[f"{prefix} {t}"]["per_property"].get(prop)
        if scores and scores["predicted"]:
            scored.append((round(f_beta(scores["precision"], scores["recall"]), 6),
                           round(scores["f1"], 6), t))
    if not scored or max(scored)[0] <= 0.0:
        return NEVER
    top = max(scored)[0]
    return max((f1, t) for f, f1, t in scored if f >= top - NEAR)[1]


def cross_validate_attributes(items: list[Item], gold: list[Any], langs: dict[str, str],
                              tuned: dict[str, float], report: dict[str, Any], *,
                              c: float) -> dict[str, float]:
    """Fit the person-attribute model per fold, score it on top of patterns and pairs at
    each threshold, and pick each relation's threshold as for the pairs."""
    from sportkg.evaluation import score
    from sportkg.extract.relations.attributes import ATTRIBUTE_RELATIONS

    for k in range(FOLDS):
        model = fit_attributes([i for i in items if i.fold != k], c=c)
        for item in items:
            if item.fold == k:
                item.attribute_models[k] = model
    before = report["per relation"]["per_property"]
    for t in THRESHOLDS:
        result = score(statements(items, None, tuned, dict.fromkeys(ATTRIBUTE_RELATIONS, t)),
                       gold, langs=langs)
        report[f"attributes {t}"] = result.to_dict()
        m = result.micro
        print(f"attributes t={t}: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}",
              file=sys.stderr)
    picked = {prop: best_threshold(report, "attributes", prop) for prop in ATTRIBUTE_RELATIONS}
    result = score(statements(items, None, tuned, picked), gold, langs=langs)
    report["with attributes"] = result.to_dict()
    report["attribute thresholds"] = picked
    m = result.micro
    print(f"with attributes {picked}: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}",
          file=sys.stderr)
    for prop in ATTRIBUTE_RELATIONS:
        b, a = before.get(prop, {}), result.per_property[prop]
        print(f"  {prop}: F1 {b.get('f1', 0):.3f} -> {a.f1:.3f} (P {a.precision:.3f} "
              f"R {a.recall:.3f})", file=sys.stderr)
    return picked


def main() -> None:
    """Command-line entry (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, required=True, help="folder holding train/")
    parser.add_argument("--out", type=Path, default=Path("extract/models/relations"))
    parser.add_argument("--report", type=Path, default=None, help="write the CV report (JSON)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    args = parser.parse_args()
    from sportkg.evaluation import score
    from sportkg.extract.relations.pairs import PAIR_RELATIONS

    started = time.perf_counter()
    items, gold = process(args.eval / "train")
    langs = {item.article.id: item.article.lang for item in items}
    positives = Counter(label for item in items for label in item.labels)
    print(f"{len(items)} articles, {sum(positives.values())} candidates: {dict(positives)}",
          file=sys.stderr)
    for k in range(FOLDS):
        model = fit([i for i in items if i.fold != k], c=args.c)
        for item in items:
            if item.fold == k:
                item.models[k] = model
    report: dict[str, Any] = {"folds": FOLDS, "articles": len(items), "c": args.c}
    base = score(statements(items, None), gold, langs=langs)
    report["patterns"] = base.to_dict()
    # the best micro F1 among thresholds that cost at most PRECISION_SLACK of precision
    floor = base.micro.precision - PRECISION_SLACK
    best = (-1.0, THRESHOLDS[-1])
    for t in THRESHOLDS:
        result = score(statements(items, t), gold, langs=langs)
        report[f"threshold {t}"] = result.to_dict()
        m = result.micro
        print(f"t={t}: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}", file=sys.stderr)
        if m.precision >= floor:
            best = max(best, (m.f1, t))
    m = base.micro
    print(f"patterns: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}", file=sys.stderr)
    # per relation: the threshold of the best held-out F0.5 of that relation (ties:
    # higher), a score that weighs precision twice as much as recall and moves smoothly
    # with the threshold (a hard precision floor flips between runs on a few facts)
    tuned: dict[str, float] = {}
    support = Counter(label for item in items for label in item.labels)
    for prop in PAIR_RELATIONS:
        if support[prop] < MIN_SUPPORT:
            tuned[prop] = NEVER
            continue
        tuned[prop] = best_threshold(report, "threshold", prop)
    result = score(statements(items, None, tuned), gold, langs=langs)
    report["per relation"] = result.to_dict()
    report["thresholds"] = tuned
    m = result.micro
    print(f"per relation {tuned}: P {m.precision:.3f} R {m.recall:.3f} F1 {m.f1:.3f}",
          file=sys.stderr)
    attribute_tuned = cross_validate_attributes(items, gold, langs, tuned, report, c=args.c)
    report["calibration"] = calibration(items)
    report["threshold"] = best[1]
    print(f"ECE {report['calibration']['ece']}; threshold {best[1]}", file=sys.stderr)
    final = fit(items, c=args.c)
    final.threshold = best[1]
    final.thresholds = tuned
    final.save(args.out, {
        "name": "sportkg pair relations",
        "license": "CC BY-SA 4.0",
        "trained_on": f"{len(items)} training articles with gold facts",
        "relations": [c for c in final.classes if c != "none"],
        "features": len(final.features),
        "cv_micro": report["per relation"]["micro"],
        "cv_micro_one_threshold": report[f"threshold {best[1]}"]["micro"],
        "cv_patterns_micro": report["patterns"]["micro"],
        "ece": report["calibration"]["ece"],
    })
    attribute_model = fit_attributes(items, c=args.c)
    attribute_model.thresholds = attribute_tuned
    attribute_model.threshold = NEVER
    attribute_model.save(args.out.parent / "attributes", {
        "name": "sportkg person attributes",
        "license": "CC BY-SA 4.0",
        "trained_on": f"{len(items)} training articles with gold facts",
        "relations": list(attribute_tuned),
        "features": len(attribute_model.features),
        "cv_micro": report["with attributes"]["micro"],
    })
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.report:
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(final.features)} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
