"""The winner of a race beat the one who took its silver medal.

Beating a named opponent is `sk:defeated` (winner → loser) in a race as in a match. A
report tells the winner and the medals in different sentences and words ("X won the 500 m
... Y took silver"); the silver medal's event (its `P1344`) ties the two: the one winner of
an event beat the one who took its silver. A silver named with its race but not its
edition ("silver in the women's 1500 m") is of the won event that race begins, and one
without a gender ("500 m") of the won event it fits, told last before it. Those placed
second in words are read with the wins of the sentences before (`families`,
`_wins_from_ranks`).
"""

from __future__ import annotations

import re

from ...model import LiteralValue
from .engine import Concept, Fact, Person, name_of

EXTRACTOR = "sportkg_runners_up"

FACTOR = 0.9
"""The share of the win's and the silver's confidence the defeat keeps."""

_GENDER = re.compile(r"^(?:women's|men's|mixed)\s+")

_NEAR = 2
"""Sentences a silver may follow the win of its event by, when its event fits several."""


def _silver(fact: Fact) -> str | None:
    """The event label of a silver medal fact (its `P1344`), else None."""
    if fact.property != "P166" or fact.descriptive or not isinstance(fact.value, Concept) or \
            not fact.value.label.lower().endswith("silver medal"):
        return None
    event = dict(fact.qualifiers).get("P1344")
    return event.label if isinstance(event, Concept) else None


def _fits(label: str, won: str) -> bool:
    """Whether event `label` names won event `won` in fewer words: without its gender, or
    its race without the edition."""
    if label.startswith(("women's", "men's")) and won.startswith(("women's", "men's")) and \
            label.split()[0] != won.split()[0]:
        return False  # the other gender's race
    a, b = _GENDER.sub("", label), _GENDER.sub("", won)
    return a == b or b.startswith(a + ", ")


def _won_near(winners: dict[str, list[Fact]], label: str, sentence: int) -> str | None:
    """The won event a silver's event names in fewer words ("women's 1500 m" of "women's
    1500 m, 2025 World Cup"): of those it fits, the one whose win was told last at or
    before the silver's sentence, at most `_NEAR` sentences before; else None."""
    fits = [(max((w.sentence for w in wins if w.sentence <= sentence), default=-1), won)
            for won, wins in winners.items() if _fits(label, won)]
    near = [f for f in fits if f[0] >= 0 and sentence - f[0] <= _NEAR]
    return max(near)[1] if near else None


def defeats_of_runners_up(facts: list[Fact]) -> list[Fact]:
    """`sk:defeated` of each event's one winner over the one who took its silver medal,
    dated and placed as the win, with the event as `P1344`; none between a person and a
    team."""
    winners: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.property == "sk:won" and isinstance(fact.value, Concept) and \
                not fact.descriptive:
            winners.setdefault(fact.value.label, []).append(fact)
    if not winners:
        return []
    seconds: dict[str, dict[str, tuple[Person | Concept, float]]] = {}
    for fact in facts:
        label = _silver(fact)
        if label is None:
            continue
        event = label if label in winners else _won_near(winners, label, fact.sentence)
        if event is not None:
            seconds.setdefault(event, {})[name_of(fact.subject)] = (fact.subject,
                                                                     fact.confidence)
    out: list[Fact] = []
    for label, runners in seconds.items():
        wins = winners[label]
        names = {name_of(w.subject) for w in wins}
        beaten = [found for name, found in runners.items() if name not in names]
        if len(names) != 1 or len(beaten) != 1:
            continue
        win = max(wins, key=lambda w: w.confidence)
        loser, confidence = beaten[0]
        if isinstance(loser, Person) != isinstance(win.subject, Person) or \
                not isinstance(win.value, Concept):
            continue  # a skater beats skaters, a team teams
        quals: list[tuple[str, Concept | LiteralValue]] = [("P1344", win.value)]
        quals += [(k, v) for k, v in win.qualifiers if k in ("P585", "P276")]
        out.append(Fact(win.subject, "sk:defeated", loser, win.sentence, EXTRACTOR,
                        round(min(win.confidence, confidence) * FACTOR, 3), tuple(quals)))
    return out
