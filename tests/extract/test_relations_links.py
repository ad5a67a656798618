"""The linker's notes travel with the statements whose people it linked."""

from __future__ import annotations

from sportkg.model import Article, Entity, Statement
from sportkg.pipeline import extract_articles

TEXT = (
    "Schaatsster Mirthe van Ommen (26) is verloofd met wielrenner Joost Ravenstein. "
    "Van Ommen won zondag zilver op de 1500 meter."
)


def _statements(*, linker: bool) -> list[Statement]:
    article = Article(id="links", lang="nl", date="2026-02-10", text=TEXT)
    ((_, statements),) = list(extract_articles([article], pipeline="rules", linker=linker))
    return statements


def test_notes_name_the_linked_subject_and_value() -> None:
    statements = _statements(linker=True)
    engaged = [s for s in statements if s.property == "sk:engagedTo"]
    assert len(engaged) == 1
    notes = engaged[0].evidence.links
    assert {note.mention for note in notes} == {"Mirthe van Ommen", "Joost Ravenstein"}
    value = engaged[0].value
    assert isinstance(value, Entity)
    assert {note.iri for note in notes} == {engaged[0].subject.iri, value.iri}


def test_a_literal_value_carries_only_the_subjects_note() -> None:
    statements = _statements(linker=True)
    age = next(s for s in statements if s.property == "sk:age")
    assert [note.iri for note in age.evidence.links] == [age.subject.iri]
    medal = next(s for s in statements if s.property == "P166")
    assert [note.mention for note in medal.evidence.links] == ["Van Ommen"]


def test_notes_survive_the_json_form() -> None:
    statement = next(s for s in _statements(linker=True) if s.property == "sk:engagedTo")
    again = Statement.from_dict(statement.to_dict())
    assert again.evidence.links == statement.evidence.links
    assert len(statement.to_dict()["evidence"]["links"]) == 2


def test_without_the_linker_there_are_no_notes() -> None:
    statements = _statements(linker=False)
    assert statements
    assert all(s.evidence.links == () for s in statements)
