"""Tests of the linker and the `sportkg_linker` spaCy component, with fictional people."""

from __future__ import annotations

import json
from typing import Any

import pytest
import spacy

from sportkg.extract.linking import EntityLinker, LinkContext, Linker
from sportkg.iris import mint_entity_iri
from sportkg.kb.kb import KnowledgeBase
from sportkg.model import Entity, LinkNote

from ..kb.conftest import DATA
from ..kb.conftest import FICTIONAL as F

WD = "http://www.wikidata.org/entity/"
CASES = [json.loads(line) for line in (DATA / "fictional_linking_cases.jsonl").open()]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.bundled().merge(KnowledgeBase.from_json(DATA / "fictional_people.json"))


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy.blank("nl")


def run_component(
    nlp: Any, kb: KnowledgeBase, text: str, mentions: list[tuple[str, str]],
    canonical: dict[str, str] | None = None,
) -> dict[tuple[int, int], tuple[Entity, LinkNote]]:
    """Link `mentions` ((text, type), first occurrence of each) in `text` with the component."""
    doc = nlp.make_doc(text)
    spans, canon, at = [], {}, 0
    for surface, label in mentions:
        start = text.index(surface, at if surface in text[at:] else 0)
        span = doc.char_span(start, start + len(surface), label=label, alignment_mode="expand")
        assert span is not None, surface
        spans.append(span)
        if canonical and surface in canonical:
            canon[(span.start_char, span.end_char)] = canonical[surface]
        at = start + len(surface)
    doc.spans["sportkg_mentions"] = spans
    doc.user_data["sportkg_canonical"] = canon
    linked = EntityLinker(nlp, "sportkg_linker", kb=kb)(doc)
    return linked.user_data["sportkg_links"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_linking_case(nlp: Any, kb: KnowledgeBase, case: dict[str, Any]) -> None:
    links = run_component(nlp, kb, case["text"], [(case["mention"], case["type"])])
    ((entity, note),) = links.values()
    assert entity.qid == case["expected"], note
    assert note.iri == entity.iri
    assert note.mention == case["mention"]
    if case["expected"] is None:
        assert entity.iri.startswith("https://w3id.org/sportkg/entity/")
        assert entity.label == case["mention"]


def test_precision_on_linking_set(nlp: Any, kb: KnowledgeBase) -> None:
    linked = correct = nil = 0
    for case in CASES:
        links = run_component(nlp, kb, case["text"], [(case["mention"], case["type"])])
        ((entity, _),) = links.values()
        if entity.qid is None:
            nil += 1
        else:
            linked += 1
            correct += entity.qid == case["expected"]
    assert correct / linked >= 0.95
    assert nil >= 8


def test_nil_iris_are_stable_and_split_by_sport(nlp: Any, kb: KnowledgeBase) -> None:
    a = run_component(nlp, kb, "Schaatsster Femke Kok won de 500 meter.", [("Femke Kok", "person")])
    b = run_component(nlp, kb, "Op de ijsbaan was Femke Kok de snelste.", [("Femke Kok", "person")])
    c = run_component(nlp, kb, "Boksster Femke Kok won in de ring.", [("Femke Kok", "person")])
    iri_a = next(iter(a.values()))[0].iri
    assert iri_a == next(iter(b.values()))[0].iri
    assert iri_a == mint_entity_iri("Femke Kok", "person", disambiguator="speed skating")
    assert next(iter(c.values()))[0].iri == mint_entity_iri(
        "Femke Kok", "person", disambiguator="boxing"
    )


def test_surname_mention_uses_canonical_name(nlp: Any, kb: KnowledgeBase) -> None:
    text = "Bokser Kees Stam won. Later zei Stam dat hij moe was."
    links = run_component(
        nlp, kb, text, [("Kees Stam", "person"), ("Stam", "person")],
        canonical={"Kees Stam": "Kees Stam", "Stam": "Kees Stam"},
    )
    assert {e.qid for e, _ in links.values()} == {F["kees_stam_boxer"]}
    assert sorted(n.mention for _, n in links.values()) == ["Kees Stam", "Stam"]


def test_one_person_one_entity_per_doc(nlp: Any, kb: KnowledgeBase) -> None:
    text = ("Schaatsster Femke Kok won de 500 meter. Haar vriend, bokser Rico Maas, keek toe. "
            "Femke Kok was blij.")
    links = run_component(
        nlp, kb, text, [("Femke Kok", "person"), ("Rico Maas", "person"), ("Femke Kok", "person")]
    )
    kok = {e.iri for (s, _), (e, _) in links.items() if text[s:].startswith("Femke")}
    assert kok == {mint_entity_iri("Femke Kok", "person", disambiguator="speed skating")}


def test_note_lists_scored_candidates(kb: KnowledgeBase) -> None:
    entity, note = Linker(kb).link("Kees Stam", "person", LinkContext())
    assert entity.qid is None
    assert len(note.candidates) == 2
    iri, score = note.candidates[0].split(" ")
    assert iri.removeprefix(WD) in set(F.values()) and 0 <= float(score) <= 1


def test_doc_without_mentions(nlp: Any) -> None:
    doc = EntityLinker(nlp, "sportkg_linker")(nlp.make_doc("Geen namen hier."))
    assert doc.user_data["sportkg_links"] == {}


def test_fallback_is_asked_once_and_its_records_are_used(kb: KnowledgeBase) -> None:
    from sportkg.kb.kb import KBEntity

    asked: list[str] = []

    def fallback(name: str, type: str) -> list[KBEntity]:
        asked.append(name)
        return [KBEntity(iri=WD + F["ada_fictief"], qid=F["ada_fictief"],
                         type="person", labels={"en": "Ada Fictief"})]

    linker = Linker(KnowledgeBase(kb.entities()), fallback=fallback)
    assert linker.link("Ada Fictief", "person")[0].qid == F["ada_fictief"]
    assert linker.link("Bert Onbekend", "person")[0].qid is None
    linker.link("Bert Onbekend", "person")
    assert asked == ["Ada Fictief", "Bert Onbekend"]


def test_nil_person_takes_the_sport_beside_their_name(nlp: Any, kb: KnowledgeBase) -> None:
    text = ("Schaatsster Anna Vos won goud op de 1000 meter. Haar vriend, bokser Rico Maas, "
            "keek toe. Maas juichte op de tribune van de ijsbaan.")
    links = run_component(
        nlp, kb, text, [("Anna Vos", "person"), ("Rico Maas", "person"), ("Maas", "person")],
        canonical={"Anna Vos": "Anna Vos", "Rico Maas": "Rico Maas", "Maas": "Rico Maas"},
    )
    iris = {text[s:e]: entity.iri for (s, e), (entity, _) in links.items()}
    assert iris["Anna Vos"] == mint_entity_iri("Anna Vos", "person", disambiguator="speed skating")
    boxer = mint_entity_iri("Rico Maas", "person", disambiguator="boxing")
    assert iris["Rico Maas"] == iris["Maas"] == boxer
    assert all(note.iri == entity.iri for entity, note in links.values())


def test_sport_words_need_their_sport_sense() -> None:
    assert LinkContext.from_text("Ze liet trots haar ring zien.").sports == frozenset()
    assert LinkContext.from_text("Hij stond weer in de ring.").sports == {"Q32112"}
    assert LinkContext.from_text("Ze won de sprint in de Grand Prix.").sports == {
        "sport:formula_one"
    }
