"""Linking the names of the shared dev gold facts (skipped when ../shared/eval is absent).

A name with a QID in the gold file must link to it; a person named without a QID is
not in the bundled KB and must be NIL.
"""

from __future__ import annotations

import json
from pathlib import Path

from sportkg.extract.linking import LinkContext, Linker
from sportkg.ontology.relations import RELATIONS

VALUE_TYPES = {"P27": "country", "P106": "occupation", "P641": "sport", "P166": "award"}


def _text(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[1:] if lines and lines[0].strip().startswith("date") else lines)


def test_gold_names_link_to_their_qids(eval_dev: Path) -> None:
    items: dict[tuple[str, str, str], str | None] = {}
    for line in (eval_dev / "gold.jsonl").open(encoding="utf-8"):
        fact = json.loads(line)
        relation = RELATIONS.get(fact["property"])
        if relation and relation.subject_types == ("person",):
            items[(fact["doc"], fact["subject"], "person")] = fact.get("subject_id")
        value = fact.get("value")
        if relation and isinstance(value, str):
            if relation.value_types == ("person",):
                items[(fact["doc"], value, "person")] = fact.get("value_id")
            elif fact["property"] in VALUE_TYPES and fact.get("value_id"):
                items[(fact["doc"], value, VALUE_TYPES[fact["property"]])] = fact["value_id"]
    linker = Linker()
    contexts: dict[str, LinkContext] = {}
    linked = correct = nil_right = nil_gold = 0
    for (doc, name, etype), qid in items.items():
        if doc not in contexts:
            contexts[doc] = LinkContext.from_text(_text(eval_dev / f"{doc}.txt"))
        entity, _ = linker.link(name, etype, contexts[doc])
        if entity.qid is not None:
            linked += 1
            correct += entity.qid == qid
        if qid is None:
            nil_gold += 1
            nil_right += entity.qid is None
    assert linked >= 50 and nil_gold >= 50
    assert correct / linked >= 0.95
    assert nil_right / nil_gold >= 0.95
