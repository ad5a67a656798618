"""Score extracted Statements against a gold file of facts (precision, recall, F1).

The rules are those of the evaluation data's README:

- A predicted fact matches a gold fact of the same document when the properties are
  equal (symmetric properties in either direction; `P22`/`P25` and `P40` as inverses,
  subject and value swapped) and subject and value match.
- **Names** match when, after lower-casing and removing accents and punctuation, they are
  equal, or one name's tokens are contained in the other's and the last tokens are
  equal, or one name is a single word equal to the other's first or last word.
- **QIDs** match when both sides give one and they are equal. When both sides give a QID
  and they differ, the two are different things and do not match, whatever the names say
  (so "Olympic silver medal" Q15889641 never matches "Olympic gold medal" Q15243387,
  although the token sets overlap by half).
- **Numbers** match exactly; **dates** match at the gold's precision (gold `2025-03`
  matches a predicted `2025-03-14`, not `2025`).
- **Titles, medals, records and events** (values of `P166`, `P1000`, `sk:won` and the
  `P1344` qualifier) match when their normalised token sets have Jaccard >= 0.5, or
  their QIDs are equal.
- Each gold fact is matched at most once, each predicted fact at most once (a maximum
  matching per document). Predicted statements that state the same fact twice (same
  document, property, subject, value and qualifiers after normalisation; either direction
  for a symmetric property), e.g. from two sentences, are one predicted fact.

Scores are reported per property, per language (of the article), and micro-averaged.
A cross-inverse match (gold `P22`, predicted `P40`) counts for `P22` on the recall side
and for `P40` on the precision side. The qualifier match rate is the share of matched
facts with gold qualifiers whose every gold qualifier is also predicted with a matching
value (dates at gold precision, `P2781` race times as seconds, `P1344` events by Jaccard,
`P276` places by the name rules); extra predicted qualifiers are not penalised.

Examples:
    >>> names_match("Mathieu van der Poel", "Van der Poel")
    True
    >>> names_match("Femke Kok", "Femke Leerdam")
    False
    >>> round(jaccard("women's 1000 m, 2026 Winter Olympics", "women's 1,000m Winter Olympics"), 2)
    0.83
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .extract.readers import json_lines
from .model import Entity, LiteralValue, Statement, Value
from .ontology.relations import FACT_RELATIONS, RELATIONS
from .racetime import parse_race_time

TITLE_PROPERTIES = frozenset({"P166", "P1000", "sk:won"})
"""Properties whose values are titles, medals, records or events (matched by Jaccard)."""

TITLE_QUALIFIERS = frozenset({"P1344"})
DATE_QUALIFIERS = frozenset({"P585", "P580", "P582"})
DURATION_QUALIFIERS = frozenset({"P2781"})
NUMBER_QUALIFIERS = frozenset({"P1352"})

INVERSE_PAIRS = frozenset({("P22", "P40"), ("P25", "P40"), ("P40", "P22"), ("P40", "P25")})
"""(gold property, predicted property) pairs that match with subject and value swapped."""

JACCARD_THRESHOLD = 0.5

GoldValue = str | int | float
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")
_DIGIT_GROUP = re.compile(r"(?<=\d)[.,\u202f\u00a0](?=\d{3}(?!\d))")
_NON_WORD = re.compile(r"[^\w]+|_")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")


# ---------------------------------------------------------------- normalisation and rules


def tokens(text: str) -> list[str]:
    """Normalised tokens: lower-case, no accents, no punctuation, digits apart from letters.

    Apostrophes and thousands separators are removed ("women's" -> "womens", "1,000" ->
    "1000"), other punctuation separates words ("Paris–Roubaix" -> "paris roubaix").

    Examples:
        >>> tokens("Women's 1,000m, Paris–Roubaix")
        ['womens', '1000', 'm', 'paris', 'roubaix']
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = _APOSTROPHES.sub("", plain)
    plain = _DIGIT_GROUP.sub("", plain)
    plain = _NON_WORD.sub(" ", plain)
    plain = _DIGIT_LETTER.sub(" ", plain)
    return plain.split()


def names_match(a: str, b: str) -> bool:
    """The name rule: equal, contained with the same last token, or a single first/last word.

    Examples:
        >>> names_match("Leerdam", "Jutta Leerdam"), names_match("Jutta", "Jutta Leerdam")
        (True, True)
        >>> names_match("Jake Paul", "Logan Paul")
        False
    """
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if set(short) <= set(long) and short[-1] == long[-1]:
        return True
    return len(short) == 1 and short[0] in (long[0], long[-1])


def jaccard(a: str, b: str) -> float:
    """Jaccard overlap of the normalised token sets of two titles (0.0 when both are empty)."""
    sa, sb = set(tokens(a)), set(tokens(b))
    if not sa and not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def dates_match(gold: str, predicted: str) -> bool:
    """A predicted date matches at the gold's precision (YYYY, YYYY-MM or YYYY-MM-DD).

    Examples:
        >>> dates_match("2025-03", "2025-03-14"), dates_match("2025-03-14", "2025-03")
        (True, False)
    """
    gold, predicted = gold.strip(), predicted.strip()
    if not _DATE.match(gold) or not _DATE.match(predicted):
        return False
    return len(predicted) >= len(gold) and predicted[: len(gold)] == gold


# ---------------------------------------------------------------- gold facts


@dataclass(frozen=True)
class GoldFact:
    """One line of a gold file.

    Attributes:
        doc: the article's id (file stem).
        subject / value: names (value may be a number or a date string).
        property: a key of the relation table.
        subject_id / value_id: Wikidata QIDs where known.
        qualifiers: (pid, value) pairs, sorted.
        line: the line number in the gold file.
    """

    doc: str
    subject: str
    property: str
    value: GoldValue
    subject_id: str | None = None
    value_id: str | None = None
    qualifiers: tuple[tuple[str, GoldValue], ...] = ()
    line: int = 0


def load_gold(path: str | Path) -> list[GoldFact]:
    """Read a gold file (JSON lines); raises InputError naming `file:line` on a bad line."""
    path = Path(path)
    facts: list[GoldFact] = []
    for number, data in json_lines(path, what="gold file"):
        facts.append(_gold_fact(data, where=f"{path}:{number}", line=number))
    if not facts:
        raise InputError(f"{path}: gold file has no facts")
    return facts


def _gold_fact(data: Any, *, where: str, line: int) -> GoldFact:
    if not isinstance(data, dict):
        raise InputError(f"{where}: a gold fact must be a JSON object")
    for key in ("doc", "subject", "property", "value"):
        if key not in data:
            raise InputError(f"{where}: gold fact is missing {key!r}")
    value = data["value"]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{where}: gold 'value' must be a name, number or date, got {value!r}")
    quals = data.get("qualifiers") or {}
    if not isinstance(quals, dict):
        raise InputError(f"{where}: gold 'qualifiers' must be a JSON object")
    return GoldFact(
        doc=str(data["doc"]),
        subject=str(data["subject"]),
        property=str(data["property"]),
        value=value,
        subject_id=data.get("subject_id") or None,
        value_id=data.get("value_id") or None,
        qualifiers=tuple(sorted((str(k), v) for k, v in quals.items())),
        line=line,
    )


# ---------------------------------------------------------------- matching one fact


def _qids_decide(gold_qid: str | None, value: Value) -> bool | None:
    """True/False when both sides give a QID (equal or not), None when a side has none."""
    if gold_qid and isinstance(value, Entity) and value.qid:
        return bool(gold_qid == value.qid)
    return None


def _as_text(value: Value) -> str:
    return value.label if isinstance(value, Entity) else str(value.value)


def _as_number(value: Value) -> float | None:
    raw: Any = value.value if isinstance(value, LiteralValue) else value.label
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    try:
        return float(str(raw).strip())
    except ValueError:
        return None


def _as_seconds(value: Value) -> float | None:
    if isinstance(value, LiteralValue) and isinstance(value.value, int | float):
        return float(value.value)
    return parse_race_time(_as_text(value))


def value_matches(
    kind: str, gold: GoldValue, predicted: Value, *, gold_qid: str | None = None
) -> bool:
    """Whether a predicted value matches a gold value under the rule for `kind`.

    Args:
        kind: "name", "title", "date", "number" or "duration".
        gold: the gold value.
        predicted: the predicted Entity or LiteralValue.
        gold_qid: the gold QID, if any.

    Examples:
        >>> value_matches("number", 27, LiteralValue(27, "integer"))
        True
        >>> value_matches("title", "Olympic gold medal", Entity.from_qid("Q15889641",
        ...               "Olympic silver medal", "award"), gold_qid="Q15243387")
        False
    """
    if kind in ("name", "title"):
        decided = _qids_decide(gold_qid, predicted)
        if decided is not None:
            return decided
        if kind == "title":
            return jaccard(str(gold), _as_text(predicted)) >= JACCARD_THRESHOLD
        return names_match(str(gold), _as_text(predicted))
    if kind == "date":
        return dates_match(str(gold), _as_text(predicted))
    if kind == "number":
        number = _as_number(predicted)
        if isinstance(gold, str):
            try:
                gold = float(gold)
            except ValueError:
                return False
        return number is not None and number == float(gold)
    if kind == "duration":
        gold_seconds = float(gold) if not isinstance(gold, str) else parse_race_time(gold)
        seconds = _as_seconds(predicted)
        return (
            gold_seconds is not None
            and seconds is not None
            and abs(gold_seconds - seconds) < 0.0051
        )
    raise ValueError(f"unknown value kind {kind!r}")


def value_kind(prop: str, gold: GoldValue) -> str:
    """The rule a property's values are compared by."""
    if isinstance(gold, int | float):
        return "number"
    relation = RELATIONS.get(prop)
    if relation is not None and relation.value_type == "date":
        return "date"
    if prop in TITLE_PROPERTIES:
        return "title"
    return "name"


def qualifier_kind(pid: str, gold: GoldValue) -> str:
    """The rule a qualifier's values are compared by."""
    if pid in DATE_QUALIFIERS:
        return "date"
    if pid in DURATION_QUALIFIERS:
        return "duration"
    if pid in NUMBER_QUALIFIERS or isinstance(gold, int | float):
        return "number"
    if pid in TITLE_QUALIFIERS:
        return "title"
    return "name"


def _subject_matches(gold: GoldFact, subject: Entity) -> bool:
    return value_matches("name", gold.subject, subject, gold_qid=gold.subject_id)


def _fact_matches(gold: GoldFact, statement: Statement) -> bool:
    """Subject, property and value match (either direction or inverse where allowed)."""
    kind = value_kind(gold.property, gold.value)
    if statement.property == gold.property:
        if _subject_matches(gold, statement.subject) and value_matches(
            kind, gold.value, statement.value, gold_qid=gold.value_id
        ):
            return True
        relation = RELATIONS.get(gold.property)
        if relation is None or not relation.symmetric:
            return False
    elif (gold.property, statement.property) not in INVERSE_PAIRS:
        return False
    # Swapped: the predicted value is the gold subject and the predicted subject the gold value.
    if not isinstance(statement.value, Entity):
        return False
    return value_matches(
        "name", gold.subject, statement.value, gold_qid=gold.subject_id
    ) and value_matches(kind, gold.value, statement.subject, gold_qid=gold.value_id)


def qualifier_matches(gold: GoldFact, statement: Statement) -> dict[str, bool]:
    """For each gold qualifier: whether the statement has it with a matching value."""
    out: dict[str, bool] = {}
    for pid, gold_value in gold.qualifiers:
        predicted = statement.qualifier(pid)
        out[pid] = predicted is not None and value_matches(
            qualifier_kind(pid, gold_value), gold_value, predicted
        )
    return out


# ---------------------------------------------------------------- scores and report


@dataclass(frozen=True)
class Scores:
    """Counts and precision / recall / F1 of one slice (a property, a language, or all).

    `matched_predicted` and `matched_gold` differ only where a cross-inverse match counts
    for different properties on the two sides.
    """

    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0

    @property
    def precision(self) -> float:
        """Matched predicted facts / predicted facts (0.0 when nothing was predicted)."""
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold facts / gold facts (0.0 when there is no gold fact)."""
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rounded scores as plain JSON."""
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "matched_predicted": self.matched_predicted,
            "matched_gold": self.matched_gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class FactMatch:
    """A gold fact and the predicted statement that matched it, with the qualifier outcome."""

    gold: GoldFact
    statement: Statement
    qualifiers: tuple[tuple[str, bool], ...] = ()

    @property
    def qualifiers_match(self) -> bool:
        """Every gold qualifier is predicted with a matching value."""
        return all(ok for _, ok in self.qualifiers)


@dataclass(frozen=True)
class QualifierScores:
    """How many matched facts got their gold qualifiers right, overall and per qualifier."""

    facts: int = 0
    facts_all_match: int = 0
    per_qualifier: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Share of matched facts with gold qualifiers whose qualifiers all match."""
        return self.facts_all_match / self.facts if self.facts else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Counts and rates as plain JSON."""
        return {
            "facts_with_qualifiers": self.facts,
            "facts_all_match": self.facts_all_match,
            "rate": round(self.rate, 4),
            "per_qualifier": {
                pid: {"matched": ok, "total": total, "rate": round(ok / total, 4) if total else 0.0}
                for pid, (ok, total) in sorted(self.per_qualifier.items())
            },
        }


@dataclass(frozen=True)
class EvaluationReport:
    """The outcome of `evaluate`: scores per property, per language, micro, and the details."""

    micro: Scores
    per_property: Mapping[str, Scores]
    per_language: Mapping[str, Scores]
    per_language_property: Mapping[str, Mapping[str, Scores]]
    qualifiers: QualifierScores
    matches: tuple[FactMatch, ...]
    missed: tuple[GoldFact, ...]
    spurious: tuple[Statement, ...]
    docs: tuple[str, ...]

    def to_dict(self, *, details: bool = False) -> dict[str, Any]:
        """The report as plain JSON; `details` adds the missed and spurious facts."""
        out: dict[str, Any] = {
            "documents": len(self.docs),
            "micro": self.micro.to_dict(),
            "per_language": {k: v.to_dict() for k, v in self.per_language.items()},
            "per_property": {k: v.to_dict() for k, v in self.per_property.items()},
            "per_language_property": {
                lang: {k: v.to_dict() for k, v in props.items()}
                for lang, props in self.per_language_property.items()
            },
            "qualifiers": self.qualifiers.to_dict(),
        }
        if details:
            out["missed"] = [
                {"doc": g.doc, "subject": g.subject, "property": g.property, "value": g.value}
                for g in self.missed
            ]
            out["spurious"] = [
                {
                    "doc": s.doc_id,
                    "subject": s.subject.label,
                    "property": s.property,
                    "value": _as_text(s.value),
                    "sentence": s.evidence.sentence,
                }
                for s in self.spurious
            ]
        return out


def evaluate(
    predicted: Iterable[Statement],
    gold_path: str | Path,
    *,
    langs: Mapping[str, str],
) -> EvaluationReport:
    """Score predicted statements against the gold file, for the documents in `langs`.

    Args:
        predicted: the statements extracted from the articles.
        gold_path: the gold JSON-lines file.
        langs: document id -> language of every evaluated article. Gold facts of other
            documents are ignored, so a subset of the articles can be scored.

    Returns:
        The report.

    Raises:
        InputError: when the gold file is unreadable or malformed.
    """
    return score(predicted, load_gold(gold_path), langs=langs)


def score(
    predicted: Iterable[Statement],
    gold: Sequence[GoldFact],
    *,
    langs: Mapping[str, str],
) -> EvaluationReport:
    """Like `evaluate`, with gold facts already loaded."""
    facts_by_doc: dict[str, list[list[Statement]]] = defaultdict(list)
    index: dict[tuple[str, ...], list[Statement]] = {}
    for statement in predicted:
        key = _fact_key(statement)
        if key in index:
            index[key].append(statement)
        else:
            index[key] = [statement]
            facts_by_doc[statement.doc_id].append(index[key])
    gold_by_doc: dict[str, list[GoldFact]] = defaultdict(list)
    for fact in gold:
        if fact.doc in langs:
            gold_by_doc[fact.doc].append(fact)
    docs = tuple(sorted(set(langs) | set(facts_by_doc)))

    matches: list[FactMatch] = []
    missed: list[GoldFact] = []
    spurious: list[Statement] = []
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for doc in docs:
        lang = langs.get(doc, "unknown")
        preds, golds = facts_by_doc.get(doc, []), gold_by_doc.get(doc, [])
        pairing = _match_doc(preds, golds)
        for i, group in enumerate(preds):
            counts[(lang, group[0].property)][0] += 1
            if i in pairing:
                counts[(lang, group[0].property)][2] += 1
            else:
                spurious.append(group[0])
        matched_gold = {g: i for i, g in pairing.items()}
        for j, fact in enumerate(golds):
            counts[(lang, fact.property)][1] += 1
            if j in matched_gold:
                counts[(lang, fact.property)][3] += 1
                matches.append(_best_match(fact, preds[matched_gold[j]])[0])
            else:
                missed.append(fact)
    return _report(counts, matches, missed, spurious, docs)


def _fact_key(statement: Statement) -> tuple[str, ...]:
    subject = " ".join(tokens(statement.subject.label))
    value = " ".join(tokens(_as_text(statement.value)))
    relation = RELATIONS.get(statement.property)
    if relation is not None and relation.symmetric and value < subject:
        subject, value = value, subject
    quals = tuple(f"{pid}={' '.join(tokens(_as_text(v)))}" for pid, v in statement.qualifiers)
    return (statement.doc_id, statement.property, subject, value, *quals)


def _match_doc(preds: list[list[Statement]], golds: list[GoldFact]) -> dict[int, int]:
    """A maximum matching predicted fact -> gold fact (Kuhn's augmenting paths).

    Candidates are tried best first (all qualifiers right, then fewer; then the closest
    value, so "women's 3000 m, ..." takes its own race before one it half overlaps), so
    among equally large matchings the one with better qualifiers tends to win.
    """
    edges: list[list[int]] = []
    for group in preds:
        found: list[tuple[int, float, int]] = []
        for j, fact in enumerate(golds):
            if any(_fact_matches(fact, statement) for statement in group):
                closeness = max(_closeness(fact, statement) for statement in group)
                found.append((-_best_match(fact, group)[1], -closeness, j))
        edges.append([j for _, _, j in sorted(found)])
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(preds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _closeness(fact: GoldFact, statement: Statement) -> float:
    """How close a statement's value is to the gold value: token overlap of their texts."""
    return jaccard(_as_text(statement.value), str(fact.value))


def _best_match(fact: GoldFact, group: list[Statement]) -> tuple[FactMatch, int]:
    """The statement of a matching group that gets most gold qualifiers right, and that count."""
    best: tuple[FactMatch, int] | None = None
    for statement in group:
        if not _fact_matches(fact, statement):
            continue
        outcome = qualifier_matches(fact, statement)
        hits = sum(outcome.values())
        if best is None or hits > best[1]:
            best = (FactMatch(fact, statement, tuple(sorted(outcome.items()))), hits)
    if best is None:
        raise ValueError(f"no statement of the group matches gold line {fact.line}")
    return best


def _report(
    counts: Mapping[tuple[str, str], list[int]],
    matches: list[FactMatch],
    missed: list[GoldFact],
    spurious: list[Statement],
    docs: tuple[str, ...],
) -> EvaluationReport:
    order = {r.key: i for i, r in enumerate(FACT_RELATIONS)}

    def total(rows: Iterable[list[int]]) -> Scores:
        p = g = mp = mg = 0
        for row in rows:
            p, g, mp, mg = p + row[0], g + row[1], mp + row[2], mg + row[3]
        return Scores(p, g, mp, mg)

    props = sorted({prop for _, prop in counts}, key=lambda k: (order.get(k, len(order)), k))
    lang_names = sorted({lang for lang, _ in counts})
    per_property = {prop: total(v for (_, p), v in counts.items() if p == prop) for prop in props}
    per_language = {
        lang: total(v for (la, _), v in counts.items() if la == lang) for lang in lang_names
    }
    per_language_property = {
        lang: {
            prop: total(v for (la, p), v in counts.items() if la == lang and p == prop)
            for prop in props
            if (lang, prop) in counts
        }
        for lang in lang_names
    }
    with_quals = [m for m in matches if m.gold.qualifiers]
    per_qualifier: dict[str, tuple[int, int]] = {}
    for m in with_quals:
        for pid, ok in m.qualifiers:
            hit, seen = per_qualifier.get(pid, (0, 0))
            per_qualifier[pid] = (hit + int(ok), seen + 1)
    qualifiers = QualifierScores(
        facts=len(with_quals),
        facts_all_match=sum(1 for m in with_quals if m.qualifiers_match),
        per_qualifier=per_qualifier,
    )
    return EvaluationReport(
        micro=total(counts.values()),
        per_property=per_property,
        per_language=per_language,
        per_language_property=per_language_property,
        qualifiers=qualifiers,
        matches=tuple(matches),
        missed=tuple(missed),
        spurious=tuple(spurious),
        docs=docs,
    )
