"""Score the named-entity recogniser of a pipeline, per label, on held-out sets.

Three measurements (the model card reports all three):

* **per label** precision / recall / F1 on a gold ``DocBin`` (the own-words test file
  ``test-own.spacy``, and for English the UNER EWT test file ``test-uner.spacy``, whose
  labels are PER/ORG/LOC only), plus the **ORG/PERSON confusion**: the share of gold
  PERSON and ORG spans whose exact span was predicted with the other label;
* **person names in extraction gold** (``--articles``, e.g. ``../shared/eval/dev``),
  for the recogniser alone and for sportkg's mention layer on top of it:
  *recall* is the share of distinct person names of the gold facts (subjects of
  nationality, occupation, age, family, ... facts; values of family, partner and coach
  facts) that occur in their article and are covered by a PERSON span (full name, or
  its surname alone where the text only has that); *precision* is, over PERSON spans
  whose text is a name the gold types (person, team, place or event), the share that
  are gold persons. The gold lists only names with facts, so this precision counts
  confusions with typed names, not spans the gold never mentions.

Usage::

    python training/evaluate_ner.py extract/models/en_sportkg \
        --test training/corpus-ner-en/test-own.spacy --articles ../shared/eval/dev --lang en
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prepare_ner import (  # noqa: E402
    LABELS,
    article_texts,
    fold,
    gold_by_doc,
    slot_types,
    surname,
)


def per_label(model: object, test: Path) -> dict[str, object]:
    """Per-label P/R/F1 and the ORG/PERSON confusion of ``model`` on a gold DocBin."""
    from spacy.tokens import DocBin

    nlp = model
    gold_docs = list(DocBin().from_disk(test).get_docs(nlp.vocab))  # type: ignore[attr-defined]
    counts: dict[str, Counter[str]] = {label: Counter() for label in LABELS}
    confused = 0
    person_org = 0
    for gold, pred in zip(gold_docs, nlp.pipe(d.text for d in gold_docs), strict=True):  # type: ignore[attr-defined]
        gold_spans = {(e.start_char, e.end_char): e.label_ for e in gold.ents}
        pred_spans = {(e.start_char, e.end_char): e.label_ for e in pred.ents}
        for key, label in gold_spans.items():
            counts[label]["gold"] += 1
            if pred_spans.get(key) == label:
                counts[label]["match"] += 1
            if label in ("PERSON", "ORG"):
                person_org += 1
                other = "ORG" if label == "PERSON" else "PERSON"
                confused += pred_spans.get(key) == other
        for label in pred_spans.values():
            if label == "EVENT" and test.name == "test-uner.spacy":
                continue  # UNER marks no events
            if label in counts:
                counts[label]["pred"] += 1
    result: dict[str, object] = {}
    for label, c in counts.items():
        if not c["gold"]:
            continue
        p = c["match"] / c["pred"] if c["pred"] else 0.0
        r = c["match"] / c["gold"]
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[label] = {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3), "gold": c["gold"]}
    total = {k: sum(c[k] for c in counts.values() if c["gold"]) for k in ("pred", "gold", "match")}
    p = total["match"] / total["pred"] if total["pred"] else 0.0
    r = total["match"] / total["gold"] if total["gold"] else 0.0
    result["micro"] = {"P": round(p, 3), "R": round(r, 3),
                       "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "gold": total["gold"]}
    result["org_person_confusion"] = round(confused / person_org, 4) if person_org else 0.0
    return result


def person_names(
    model: object, folder: Path, lang: str, *, mentions: bool = False
) -> dict[str, object]:
    """Recall and precision of PERSON spans on the person names of an extraction gold file.

    With ``mentions``, ``model`` is a sportkg pipeline and its person mentions (the
    recogniser's people merged with the rule runs) are scored instead of ``doc.ents``.
    """
    facts = gold_by_doc(folder)
    found = total = typed = typed_person = 0
    missed: list[str] = []
    for stem, text in article_texts(folder, lang):
        types = slot_types(facts.get(stem, []))
        doc = model(text)  # type: ignore[operator]
        if mentions:
            spans = [fold(m.text) for m in doc.spans["sportkg_mentions"] if m.label_ == "person"]
        else:
            spans = [fold(e.text) for e in doc.ents if e.label_ == "PERSON"]
        span_set = set(spans)
        folded_text = fold(text)
        for name, label in types.items():
            if label != "PERSON":
                continue
            key, last = fold(name), fold(surname(name))
            if key not in folded_text and (not last or last not in folded_text):
                continue  # the gold resolved a name the text never writes in full
            total += 1
            if key in span_set or (last and last in span_set) or any(
                    key in s or s in key and len(s) > 3 for s in span_set):
                found += 1
            else:
                missed.append(f"{stem}: {name}")
        by_name = {fold(n): label for n, label in types.items()}
        for span in spans:
            if span in by_name:
                typed += 1
                typed_person += by_name[span] == "PERSON"
    recall = found / total if total else 0.0
    precision = typed_person / typed if typed else 0.0
    return {"recall": round(recall, 3), "names": total, "precision": round(precision, 3),
            "typed_spans": typed, "missed": missed}


def main() -> None:
    """Command-line entry (see the module docstring)."""
    import spacy

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--test", type=Path, action="append", default=[], help="gold DocBin")
    parser.add_argument("--articles", type=Path, default=None, help="extraction gold folder")
    parser.add_argument("--lang", choices=("nl", "en"), required=True)
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    scores: dict[str, object] = {}
    for test in args.test:
        scores[test.stem] = per_label(nlp, test)
    if args.articles is not None:
        scores["gold-person-names"] = person_names(nlp, args.articles, args.lang)
        from sportkg.extract.nlp import load_nlp

        full = load_nlp(args.lang, pipeline=str(args.model), linker=False)
        scores["gold-person-names-mentions"] = person_names(
            full, args.articles, args.lang, mentions=True
        )
    printable = json.loads(json.dumps(scores))
    for key in ("gold-person-names", "gold-person-names-mentions"):
        if key in printable:
            printable[key]["missed"] = len(printable[key]["missed"])
    print(json.dumps(printable, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
