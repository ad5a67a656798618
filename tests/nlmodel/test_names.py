"""People told from clubs, places and events: the recogniser and the mention layer."""

from __future__ import annotations

import pytest

from sportkg.model import Article
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp

ENTITIES = {
    "en": [
        ("Tottenham Hotspur beat Arsenal 2-1 on Sunday, and Sinéad O'Brien scored twice "
         "for the visitors.",
         {("Tottenham Hotspur", "ORG"), ("Arsenal", "ORG"), ("Sinéad O'Brien", "PERSON")}),
        ("Swimmer Anna Kowalczyk won the 200m freestyle at the World Championships in Doha.",
         {("Anna Kowalczyk", "PERSON"), ("World Championships", "EVENT"), ("Doha", "LOC")}),
        ("Coach Erik Lindqvist praised Sinéad O'Brien after the race.",
         {("Erik Lindqvist", "PERSON"), ("Sinéad O'Brien", "PERSON")}),
    ],
    "nl": [
        ("Schaatsster Marrit ter Mors-de Vries en Dylan van 't Hof reden een baanrecord "
         "in Thialf.",
         {("Marrit ter Mors-de Vries", "PERSON"), ("Dylan van 't Hof", "PERSON"),
          ("Thialf", "LOC")}),
        ("Feyenoord versloeg Ajax met 3-0 in De Kuip.",
         {("Feyenoord", "ORG"), ("Ajax", "ORG")}),
        ("Real Madrid was in de halve finale te sterk voor Bayern München.",
         {("Real Madrid", "ORG"), ("Bayern München", "ORG")}),
    ],
}


@pytest.fixture(scope="module", params=("nl", "en"))
def nlp(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The default sportkg pipeline of each language (the trained one)."""
    return cached_nlp(request.param, linker=False)


def mentions(doc) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(m.text, m.label_) for m in doc.spans["sportkg_mentions"]}


def test_recogniser_labels_our_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    for text, expected in ENTITIES[nlp.lang]:
        doc = nlp(text)
        assert expected <= {(e.text, e.label_) for e in doc.ents}, text


def test_clubs_are_no_people(nlp) -> None:  # type: ignore[no-untyped-def]
    text = {
        "en": "Tottenham Hotspur beat Arsenal 2-1 and Real Madrid knocked out Bayern Munich.",
        "nl": "Real Madrid was in de halve finale te sterk voor Bayern München.",
    }[nlp.lang]
    doc = nlp(text)
    people = {t for t, label in mentions(doc) if label == "person"}
    assert not people, people
    facts = extract_article(nlp, Article(id="c", text=text, lang=nlp.lang, date="2026-03-01"))
    assert not [f for f in facts if f.subject.type == "person"]


def test_names_stay_whole() -> None:
    en = cached_nlp("en", linker=False)
    found = mentions(en("Lucy Bronze-Walker and Sinéad O'Brien both scored for England."))
    assert {("Lucy Bronze-Walker", "person"), ("Sinéad O'Brien", "person")} <= found
    assert ("England", "person") not in found
    found = mentions(en("Coach Erik Lindqvist praised Sinéad O'Brien and Ella Smith-Jones."))
    assert ("Ella Smith-Jones", "person") in found  # whatever the recogniser reads
    nl = cached_nlp("nl", linker=False)
    found = mentions(nl("Schaatsster Marrit ter Mors-de Vries en Dylan van 't Hof reden een "
                        "baanrecord in Thialf."))
    assert {("Marrit ter Mors-de Vries", "person"), ("Dylan van 't Hof", "person")} <= found


def test_sentence_initial_noun_does_not_join_the_name() -> None:
    nl = cached_nlp("nl", linker=False)
    doc = nl("Zwemzussen Anna en Lotte de Groot wonnen zaterdag goud op het NK in Eindhoven.")
    texts = {t for t, _ in mentions(doc)}
    assert not any(t.startswith("Zwemzussen") for t in texts)
    assert ("Lotte de Groot", "person") in mentions(doc)
    assert ("Anna", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_rules_pipeline_keeps_the_old_behaviour() -> None:
    rules = cached_nlp("en", pipeline="rules", linker=False)
    doc = rules("Swimmer Anna Kowalczyk won the 200m freestyle in Doha.")
    assert ("Anna Kowalczyk", "person") in mentions(doc)
    assert not doc.ents


def test_two_people_in_a_row_after_a_verb_are_two_names() -> None:
    nl = cached_nlp("nl", linker=False)
    # a surname of someone named before, then a full name: subject and object of "versloeg"
    found = mentions(nl("Daan Vos won goud. In de finale versloeg Vos Kees Mol."))
    assert {("Vos", "person"), ("Kees Mol", "person")} <= found
    # a name never ends in a particle ("Vos de Fries Kees Mol": "de Fries" is a nationality)
    found = mentions(nl("Daan Vos won goud. Zondag versloeg Vos de Fries Kees Mol."))
    assert ("Vos de", "person") not in found and ("Kees Mol", "person") in found


def test_an_event_before_a_name_is_not_part_of_it() -> None:
    nl = cached_nlp("nl", linker=False)
    found = mentions(nl("Daan Vos verloor de finale van Wimbledon van Kees Mol."))
    assert ("Kees Mol", "person") in found
    assert not any(text.startswith("Wimbledon van") for text, _ in found)
    # nor a function word after an event
    found = mentions(nl("Anna Berg en Joy Smit wonnen vorig jaar het EK met de ploeg."))
    assert not any(text.endswith(" met") for text, _ in found)


def test_a_capitalised_word_after_a_neuter_article_is_no_person() -> None:
    nl = cached_nlp("nl", linker=False)
    found = mentions(nl("Nederland won goud bij het toernooi in het Drentse Assen."))
    assert not any(kind == "person" for _, kind in found)


def test_a_span_with_a_lower_case_word_that_is_no_particle_is_no_name() -> None:
    nl = cached_nlp("nl", linker=False)
    found = mentions(nl("Naast de overgang van Kees Mol werkt Vitesse ook aan een nieuwe spits."))
    assert not any(text.startswith("Naast") for text, _ in found)


def test_a_person_the_article_only_names_by_one_name_is_a_person() -> None:
    en = cached_nlp("en", linker=False)
    text = ("Castellani took ninth place in Jerez on Sunday. Castellani came back from a "
            "long way behind Tom Hale. Castellani now leads the standings by four points.")
    found = mentions(en(text))
    assert ("Castellani", "person") in found
    # said once, a lone capitalised word opening a sentence stays out
    assert ("Relatie", "person") not in mentions(
        cached_nlp("nl", linker=False)("Relatie met Tom Hale is voorbij."))


def test_a_town_inside_an_event_s_name_is_no_person() -> None:
    found = mentions(cached_nlp("nl", linker=False)(
        "De marathon van Berlijn is gewonnen door Kees Bakker."))
    assert ("marathon van Berlijn", "event") in found
    assert ("Berlijn", "person") not in found


def test_two_full_names_around_van_are_two_people() -> None:
    found = mentions(cached_nlp("nl", linker=False)(
        "Daarna verloor Piet de Vries van Karin Holm."))
    assert ("Piet de Vries", "person") in found
    assert ("Karin Holm", "person") in found
