"""The lexicon's regex alternations: every surface matches, the longest one first."""

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
