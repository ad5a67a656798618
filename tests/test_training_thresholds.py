"""How `make train-rel` picks each relation's threshold from its cross-validated scores."""

from __future__ import annotations

from typing import Any

from sportkg.training.train_rel import NEVER, THRESHOLDS, best_threshold


def _report(scores: dict[float, tuple[float, float]]) -> dict[str, Any]:
    """A report with one relation's held-out (precision, recall) per threshold."""
    out: dict[str, Any] = {}
    for t in THRESHOLDS:
        p, r = scores.get(t, (0.0, 0.0))
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        out[f"threshold {t}"] = {"per_property": {"P54": {
            "precision": p, "recall": r, "f1": f1, "predicted": 1 if p else 0}}}
    return out


def test_the_best_f05_wins_when_it_stands_clear() -> None:
    report = _report({0.4: (0.60, 0.50), 0.7: (0.90, 0.45)})
    assert best_threshold(report, "threshold", "P54") == 0.7


def test_within_a_hair_of_the_best_f05_the_best_f1_wins() -> None:
    # F0.5 0.6635 at 0.4 against 0.6672 at 0.6: a tie, and 0.4 finds more
    report = _report({0.4: (0.7568, 0.4444), 0.6: (0.7938, 0.4074)})
    assert best_threshold(report, "threshold", "P54") == 0.4


def test_a_relation_never_right_is_never_stated() -> None:
    assert best_threshold(_report({}), "threshold", "P54") == NEVER
