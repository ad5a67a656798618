"""The coach of a national side, named with the side before or after the coach word; not a
former or assistant coach."""

from __future__ import annotations

import pytest

from sportkg.model import Entity

from .conftest import default_statements


def _coached(lang: str, text: str) -> set[tuple[str, str]]:
    return {(s.subject.label, s.value.label) for s in default_statements(lang, text)
            if s.property == "sk:coachedBy" and isinstance(s.value, Entity)}


@pytest.mark.parametrize(("lang", "text", "side", "coach"), [
    ("en", "England manager Sarah Brooks praised her players after the win over Spain.",
     "England", "Sarah Brooks"),
    ("en", "The Canada coach Tom Hale was delighted with the draw.", "Canada", "Tom Hale"),
    ("nl", "De Canadese bondscoach Jan Smit was tevreden over de rit.", "Canada", "Jan Smit"),
    ("nl", "De bondscoach van de Noren is een Fries: Jan Smit.", "Norway", "Jan Smit"),
    ("nl", "Oranje-coach Jan Smit was na afloop trots op zijn ploeg.", "Netherlands",
     "Jan Smit"),
])
def test_a_side_is_coached_by_its_coach(lang: str, text: str, side: str, coach: str) -> None:
    assert (side, coach) in _coached(lang, text)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Former England manager Tom Hale watched from the stands."),
    ("en", "England assistant coach Tom Hale watched from the stands."),
    ("nl", "Oud-bondscoach van Canada, Jan Smit, keek toe vanaf de tribune."),
])
def test_no_side_for_a_former_or_assistant_coach(lang: str, text: str) -> None:
    assert not {c for c in _coached(lang, text) if c[0] in ("England", "Canada")}
