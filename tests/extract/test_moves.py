"""Team moves read from the parse: a club that signs, lends or lets go of a person, a person
who leaves a club, in either word order, with the start or end the move gives."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.engine import Concept, Person
from sportkg.extract.relations.moves import move_facts

from ..conftest import cached_nlp
from .conftest import processed


def _moves(lang: str, text: str) -> set[tuple[str, str, str | None]]:
    """(person, team, the qualifier the move gives) for each membership read."""
    doc, context = processed(lang, text)
    out: set[tuple[str, str, str | None]] = set()
    for fact in move_facts(doc, context, "sportkg_moves"):
        assert isinstance(fact.subject, Person) and isinstance(fact.value, Concept)
        assert fact.property == "P54"
        key = fact.qualifiers[0][0] if fact.qualifiers else None
        out.add((fact.subject.name, fact.value.label, key))
    return out


FOUND = [
    # a club takes someone on: the person joins it (and leaves the club named with "van")
    ("nl", "Feyenoord trok zondag Kees Mol aan.", ("Kees Mol", "Feyenoord", "P580")),
    ("nl", "Vitesse contracteerde Kees Mol.", ("Kees Mol", "Vitesse", "P580")),
    ("nl", "Vitesse huurde vorig seizoen Kees Mol van Chelsea.",
     ("Kees Mol", "Vitesse", "P580")),
    ("en", "Everton appointed Tom Hale as their new manager.",
     ("Tom Hale", "Everton", "P580")),
    # a club lets someone go: the person leaves it (and joins the club it is sold to)
    ("nl", "Ajax verkocht Kees Mol aan Feyenoord.", ("Kees Mol", "Ajax", "P582")),
    ("nl", "Ajax verkocht Kees Mol aan Feyenoord.", ("Kees Mol", "Feyenoord", "P580")),
    ("en", "Everton released Tom Hale.", ("Tom Hale", "Everton", "P582")),
    ("en", "Everton sold Tom Hale to Leeds.", ("Tom Hale", "Leeds", "P580")),
    # a passive's agent is the club that acts
    ("nl", "Kees Mol werd door Vitesse ontslagen.", ("Kees Mol", "Vitesse", "P582")),
    # a loan: the lending club keeps the person, the other has them from now
    ("en", "Chelsea loaned Tom Hale to Everton.", ("Tom Hale", "Everton", "P580")),
    # a club that reinforces itself with someone takes them on
    ("nl", "Vitesse versterkt zich voor het nieuwe seizoen met verdediger Kees Mol.",
     ("Kees Mol", "Vitesse", "P580")),
    # one club swapped for another
    ("nl", "Anna Berg verruilde Ajax afgelopen zomer voor PSV.", ("Anna Berg", "Ajax", "P582")),
    ("nl", "Anna Berg verruilde Ajax afgelopen zomer voor PSV.", ("Anna Berg", "PSV", "P580")),
    # a relative clause on the person
    ("en", "The coach praised Tom Hale, who left Everton last year.",
     ("Tom Hale", "Everton", "P582")),
    ("nl", "Bij Feyenoord speelt nu ook Kees Mol, die vorig jaar Vitesse verliet.",
     ("Kees Mol", "Vitesse", "P582")),
    # the person leaves, in several words
    ("en", "Tom Hale left Everton.", ("Tom Hale", "Everton", "P582")),
    ("nl", "Kees Mol stopt bij Vitesse.", ("Kees Mol", "Vitesse", "P582")),
    ("nl", "Kees Mol zegt Vitesse vaarwel.", ("Kees Mol", "Vitesse", "P582")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_found(lang: str, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in _moves(lang, text)


NOT_FOUND = [
    # a denied move is none
    ("nl", "Ajax haalde Kees Mol niet.", ("Kees Mol", "Ajax", "P580")),
    ("en", "Everton did not sign Tom Hale.", ("Tom Hale", "Everton", "P580")),
    # someone named beside the person is not the one who moves
    ("nl", "De trainer van Kees Mol werd door Vitesse ontslagen.",
     ("Kees Mol", "Vitesse", "P582")),
    # a loan does not end the lending club's spell
    ("en", "Chelsea loaned Tom Hale to Everton.", ("Tom Hale", "Chelsea", "P582")),
    # stopping with a sport is leaving no club
    ("nl", "Kees Mol stopt met schaatsen bij de senioren.", ("Kees Mol", "senioren", "P582")),
]


@pytest.mark.parametrize(("lang", "text", "unexpected"), NOT_FOUND)
def test_not_found(lang: str, text: str, unexpected: tuple[str, str, str | None]) -> None:
    assert unexpected not in _moves(lang, text)


def test_the_reader_runs_in_the_default_pipeline_but_not_in_the_rules_one() -> None:
    assert "sportkg_moves" in cached_nlp("nl", linker=False).pipe_names
    assert "sportkg_moves" not in cached_nlp("nl", pipeline="rules", linker=False).pipe_names
