"""The lexicon: its regex alternations (every surface matches, the longest one first), and
the recurring events it names, won under their English names."""

from __future__ import annotations

import re

import pytest

from sportkg.extract.relations.lexicon import Lexicon, trie_alternation

KINDS = ("role", "demonym", "country", "medal", "title", "record", "place")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_surface_matches_its_kind_s_alternation_whole(lang: str, kind: str) -> None:
    lexicon = Lexicon.load()
    pattern = re.compile(rf"(?:{lexicon.alternation(kind, lang)})\Z", re.IGNORECASE)
    surfaces = lexicon.surfaces(kind, lang)
    assert surfaces
    for surface in surfaces:
        assert pattern.match(surface.upper()), surface


def test_a_longer_surface_is_tried_before_one_it_starts_with() -> None:
    words = ["wereldkampioen", "wereldkampioen op de weg", "wereld"]
    match = re.match(trie_alternation(words), "Wereldkampioen  op de weg was zij", re.IGNORECASE)
    assert match is not None and match.group(0) == "Wereldkampioen  op de weg"


def test_case_is_kept_when_asked() -> None:
    exact = re.compile(trie_alternation(["Oranje", "oranje"], ignore_case=False))
    assert exact.fullmatch("Oranje") and exact.fullmatch("oranje")
    assert exact.fullmatch("ORANJE") is None
    assert trie_alternation(["Oranje", "oranje"]) == "oranje"
    assert trie_alternation([]) == ""


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the recurring events of the sports the articles are about, by their English names
    ("en", "Sam Reed scored twice as Ghana won AFCON in 2010.",
     ("Ghana", "sk:won", "Africa Cup of Nations 2010")),
    ("nl", "Ajax won in 2019 de KNVB-beker.", ("Ajax", "sk:won", "2018–19 KNVB Cup")),
    ("en", "Tom Vale won the Open Championship at Carnoustie in 2018.",
     ("Tom Vale", "sk:won", "The Open Championship 2018")),
])
def test_a_named_event_of_the_lexicon_is_won_under_its_english_name(
        lang: str, text: str, expected: tuple[str, str, str]) -> None:
    from sportkg.model import Entity

    from .conftest import default_statements

    found = {(s.subject.label, s.property, s.value.label) for s in default_statements(lang, text)
             if isinstance(s.value, Entity)}
    assert expected in found
