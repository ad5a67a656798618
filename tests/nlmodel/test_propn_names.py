"""Names from proper-noun runs: particles, teams, organisations, places and KB confirmation.

The docs are built by hand with the POS tags a tagger would give, so these tests need no
trained model (the shipped one is exercised in test_shipped_model.py).
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sportkg.extract.propn_names import name_candidates, name_spans, propn_runs
from sportkg.kb.kb import KBEntity, KnowledgeBase

NLP = spacy.blank("nl")


def tagged(text: str) -> Doc:
    """A doc from "word/POS" pairs separated by spaces."""
    pairs = [item.rsplit("/", 1) for item in text.split()]
    return Doc(NLP.vocab, words=[w for w, _ in pairs], pos=[p for _, p in pairs])


def found(doc: Doc, kb: KnowledgeBase | None = None) -> list[tuple[str, str]]:
    return [(c.text, c.label) for c in name_candidates(doc, kb=kb)]


def test_particles_join_name_words() -> None:
    doc = tagged("Trainer/NOUN Joost/PROPN van/ADP 't/DET Hek/PROPN lachte/VERB ./PUNCT")
    assert found(doc) == [("Joost van 't Hek", "person")]


def test_capitalised_particle_opens_a_surname() -> None:
    doc = tagged("Gisteren/ADV won/VERB Van/ADP der/DET Berg/PROPN de/DET sprint/NOUN ./PUNCT")
    assert found(doc) == [("Van der Berg", "person")]


def test_run_does_not_end_in_a_particle() -> None:
    doc = tagged("Sanne/PROPN Bakker/PROPN van/ADP de/DET ploeg/NOUN ./PUNCT")
    assert propn_runs(doc) == [(0, 2)]


def test_teams_and_organisations() -> None:
    doc = tagged("Hij/PRON tekende/VERB bij/ADP FC/PROPN Deventer/PROPN en/CCONJ de/DET "
                 "KNSB/PROPN ./PUNCT")
    assert found(doc) == [("FC Deventer", "team"), ("KNSB", "organization")]


def test_single_unknown_word_and_places_are_dropped() -> None:
    doc = tagged("Ze/PRON reed/VERB in/ADP Hamar/PROPN en/CCONJ Inzell/PROPN ./PUNCT")
    assert found(doc) == []


def test_surname_after_full_name_is_a_person() -> None:
    doc = tagged("Mila/PROPN Hoekstra/PROPN won/VERB ./PUNCT Hoekstra/PROPN juichte/VERB ./PUNCT")
    assert found(doc) == [("Mila Hoekstra", "person"), ("Hoekstra", "person")]


def test_words_never_in_person_names_drop_the_run() -> None:
    doc = tagged("Op/ADP de/DET Olympische/ADJ Spelen/PROPN in/ADP Milaan/PROPN ./PUNCT")
    assert found(doc) == []


def test_knowledge_base_confirms_and_rejects() -> None:
    kb = KnowledgeBase(
        [
            KBEntity(iri="https://w3id.org/sportkg/entity/tessa-brink", type="person",
                     labels={"nl": "Tessa Brink", "en": "Tessa Brink"}),
            KBEntity(iri="https://w3id.org/sportkg/entity/groot-veen", type="place",
                     labels={"nl": "Groot Veen", "en": "Groot Veen"}),
        ]
    )
    doc = tagged("Tessa/PROPN Brink/PROPN reed/VERB naar/ADP Groot/PROPN Veen/PROPN ./PUNCT")
    candidates = name_candidates(doc, kb=kb)
    assert [(c.text, c.label, c.confirmed) for c in candidates] == [
        ("Tessa Brink", "person", True)
    ]
    assert candidates[0].iri == "https://w3id.org/sportkg/entity/tessa-brink"
    assert (candidates[0].start_char, candidates[0].end_char) == (0, 11)


def test_untagged_doc_gives_nothing() -> None:
    doc = NLP("Mila Hoekstra won.")
    assert name_candidates(doc) == []
    assert name_spans(doc) == []


def test_spans_carry_labels() -> None:
    doc = tagged("Bram/PROPN de/ADP Vries/PROPN won/VERB ./PUNCT")
    assert [(s.text, s.label_) for s in name_spans(doc)] == [("Bram de Vries", "person")]
