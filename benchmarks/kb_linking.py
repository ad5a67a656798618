"""Linking quality: precision of linked mentions and NIL decisions.

Two sets:

- `cases`: tests/kb/data/fictional_linking_cases.jsonl, our own sentences with fictional
  people (same-name people in different sports, surname-only mentions, medals, Games).
- `dev`: the names in the gold facts of ../shared/eval/dev (when present). A name with a
  QID in the gold file must link to that QID; a person named without a QID must be NIL,
  unless a verified person of the bundled KB has exactly that name as label (then the
  gold file just does not give the QID, and that QID is expected). Context is the
  article text.
- `dev-scan`: every bundled-KB name found in the dev articles (as a gazetteer would find
  it), linked with its sentence as context. Links whose QID is not among the article's
  gold QIDs are printed for review (most are right but not part of a gold fact).

With `--extraction`, also runs the extraction pipeline over the dev articles with and
without the linker and prints micro precision / recall / F1 of both runs.

Usage:
    python benchmarks/kb_linking.py [--dev DIR] [--extraction]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from sportkg.extract.linking import LinkContext, Linker
from sportkg.kb.kb import KnowledgeBase, normalize_name
from sportkg.ontology.relations import RELATIONS

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "kb" / "data" / "fictional_linking_cases.jsonl"
PEOPLE = REPO / "tests" / "kb" / "data" / "fictional_people.json"
DEV = REPO.parent / "shared" / "eval" / "dev"

VALUE_TYPES = {"P27": "country", "P106": "occupation", "P641": "sport", "P166": "award",
               "P19": "place", "P54": "team", "P1000": "record", "sk:won": "event"}


def _article_text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].strip().startswith("date"):
        lines = lines[1:]
    return "\n".join(lines)


def dev_items(dev: Path) -> list[tuple[str, str, str, str | None]]:
    """(doc, name, type, expected qid or None) for every distinct gold name we can type."""
    items: dict[tuple[str, str, str], str | None] = {}
    for line in (dev / "gold.jsonl").open(encoding="utf-8"):
        fact = json.loads(line)
        prop = fact["property"]
        relation = RELATIONS.get(prop)
        subject_types = relation.subject_types if relation else ()
        if subject_types == ("person",) or fact.get("subject_id") == "Q79031":
            items[(fact["doc"], fact["subject"], "person")] = fact.get("subject_id")
        value = fact.get("value")
        if not isinstance(value, str):
            continue
        if relation and relation.value_types == ("person",):
            items[(fact["doc"], value, "person")] = fact.get("value_id")
        elif prop in VALUE_TYPES and (fact.get("value_id") or VALUE_TYPES[prop] == "person"):
            items[(fact["doc"], value, VALUE_TYPES[prop])] = fact.get("value_id")
    kb = KnowledgeBase.bundled()
    for (doc, name, etype), qid in items.items():
        if qid is None and etype == "person":
            named = [e for e in kb.exact(normalize_name(name))
                     if e.type == "person" and e.verified and e.labels.get("en") == name]
            if len(named) == 1:
                items[(doc, name, etype)] = named[0].qid
    return [(d, n, t, q) for (d, n, t), q in sorted(items.items())]


def score(results: list[tuple[str | None, str | None]]) -> dict[str, float]:
    predicted = [(e, g) for e, g in results if e is not None]
    correct = sum(1 for e, g in predicted if e == g)
    nil_gold = [(e, g) for e, g in results if g is None]
    with_qid = [(e, g) for e, g in results if g is not None]
    return {
        "mentions": len(results),
        "linked": len(predicted),
        "precision": correct / len(predicted) if predicted else 1.0,
        "recall_on_qids": (
            sum(1 for e, g in with_qid if e == g) / len(with_qid) if with_qid else 1.0
        ),
        "nil": sum(1 for e, _ in results if e is None),
        "nil_correct": sum(1 for e, _ in nil_gold if e is None),
        "nil_gold": len(nil_gold),
    }


def run_cases() -> dict[str, float]:
    kb = KnowledgeBase.bundled().merge(KnowledgeBase.from_json(PEOPLE))
    linker = Linker(kb)
    results = []
    for line in CASES.open(encoding="utf-8"):
        case = json.loads(line)
        text, mention = case["text"], case["mention"]
        context = LinkContext.from_text(text, kb=kb).with_sentence(
            text, at=text.index(mention), kb=kb
        )
        entity, _ = linker.link(mention, case["type"], context)
        results.append((entity.qid, case["expected"]))
    return score(results)


def run_dev(dev: Path) -> tuple[dict[str, float], list[str]]:
    linker = Linker()
    results, errors = [], []
    contexts: dict[str, LinkContext] = {}
    for doc, name, etype, qid in dev_items(dev):
        if doc not in contexts:
            contexts[doc] = LinkContext.from_text(_article_text(dev / f"{doc}.txt"))
        entity, note = linker.link(name, etype, contexts[doc])
        results.append((entity.qid, qid))
        if entity.qid != qid:
            errors.append(f"{doc}: {name!r} ({etype}) -> {entity.qid} expected {qid} "
                          f"[{', '.join(note.candidates[:3])}]")
    return score(results), errors


def run_scan(dev: Path) -> tuple[Counter[str], list[str]]:
    """Link every bundled-KB name found in the dev articles; list links outside the gold QIDs."""
    import re

    from sportkg.extract.linking import _SENTENCE_END

    gold: dict[str, set[str]] = {}
    for line in (dev / "gold.jsonl").open(encoding="utf-8"):
        fact = json.loads(line)
        for key in ("subject_id", "value_id"):
            if fact.get(key):
                gold.setdefault(fact["doc"], set()).add(fact[key])
    kb = KnowledgeBase.bundled()
    linker = Linker(kb)
    counts: Counter[str] = Counter()
    review = []
    for path in sorted(dev.glob("*.txt")):
        text = _article_text(path)
        context = LinkContext.from_text(text, kb=kb)
        seen: set[int] = set()
        for entity in kb.entities():
            if entity.type == "class":
                continue
            for name in entity.names():
                pattern = r"(?<![\w-])" + re.escape(name) + r"(?![\w-])"
                for m in re.finditer(pattern, text, flags=re.IGNORECASE):
                    if m.start() in seen:
                        continue
                    seen.add(m.start())
                    start = 0
                    for end_match in _SENTENCE_END.finditer(text, 0, m.start()):
                        start = end_match.end()
                    stop_match = _SENTENCE_END.search(text, m.end())
                    stop = stop_match.start() if stop_match else len(text)
                    local = context.with_sentence(text[start:stop], at=m.start() - start, kb=kb)
                    linked, _ = linker.link(m.group(0), entity.type, local)
                    counts["mentions"] += 1
                    counts["linked"] += linked.qid is not None
                    if linked.qid in gold.get(path.stem, set()):
                        counts["in gold"] += 1
                    else:
                        review.append(
                            f"{path.stem}: {m.group(0)!r} -> {linked.qid} ({linked.label})"
                        )
    return counts, review


def run_extraction(dev: Path) -> None:
    """Extraction F1 on the dev set with the linker off and on."""
    from sportkg.evaluation import evaluate
    from sportkg.extract.readers import read_paths
    from sportkg.model import Article
    from sportkg.pipeline import extract_articles

    articles = [a for a in read_paths([str(p) for p in sorted(dev.glob("*.txt"))])
                if isinstance(a, Article)]
    langs = {a.id: a.lang for a in articles}
    for linker in (False, True):
        statements = [s for _, found in extract_articles(articles, linker=linker)
                      for s in found]
        micro = evaluate(statements, dev / "gold.jsonl", langs=langs).micro
        p = micro.matched_predicted / micro.predicted if micro.predicted else 0.0
        r = micro.matched_gold / micro.gold if micro.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        linked = sum(1 for s in statements if s.subject.qid)
        print(f"extraction linker={'on' if linker else 'off'} statements={len(statements)} "
              f"P={p:.3f} R={r:.3f} F1={f1:.3f} subjects-with-QID={linked}")
    # the same person across articles: one IRI? (people in the statements of the last run)
    seen: dict[str, dict[str, set[str]]] = {}
    for statement in statements:
        for entity in (statement.subject, statement.value):
            if getattr(entity, "type", None) == "person":
                label, iri = entity.label, entity.iri  # type: ignore[union-attr]
                seen.setdefault(label, {}).setdefault(iri, set()).add(statement.doc_id)
    several = {n: d for n, d in seen.items() if len(set().union(*d.values())) > 1}
    split = {n: {i.rsplit("/", 1)[-1]: sorted(docs) for i, docs in d.items()}
             for n, d in several.items() if len(d) > 1}
    print(f"people in statements of more than one article: {len(several)}, "
          f"with one IRI in all: {len(several) - len(split)}")
    for name, iris in sorted(split.items()):
        print(f"  split {name}: {iris}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--extraction", action="store_true")
    args = parser.parse_args()
    for name, figures in [("cases", run_cases())]:
        print(name, _fmt(figures))
    if (args.dev / "gold.jsonl").is_file():
        figures, errors = run_dev(args.dev)
        print("dev", _fmt(figures))
        kinds = Counter(e.split("(")[1].split(")")[0] for e in errors)
        for line in errors:
            print("  miss", line)
        if kinds:
            print("  misses by type:", dict(kinds))
        counts, review = run_scan(args.dev)
        print("dev-scan", " ".join(f"{k}={v}" for k, v in counts.items()),
              f"review={len(review)}")
        for line in review:
            print("  review", line)
        if args.extraction:
            run_extraction(args.dev)
    else:
        print(f"dev: {args.dev} not present, skipped")


def _fmt(figures: dict[str, float]) -> str:
    return (f"mentions={figures['mentions']} linked={figures['linked']} "
            f"precision={figures['precision']:.3f} recall(QID)={figures['recall_on_qids']:.3f} "
            f"NIL={figures['nil']} (correct NIL {figures['nil_correct']}/{figures['nil_gold']})")


if __name__ == "__main__":
    main()
