"""The spaCy components: registration, sentences, mentions and name coreference."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from sportkg.extract.components import RELATION_COMPONENTS

from ..conftest import cached_nlp

BASE = ("sportkg_sentences", "sportkg_mentions", "sportkg_coref")


@functools.cache
def _nlp(lang: str, *names: str) -> Language:
    """A blank pipeline with the named components (the base ones by default), built once."""
    nlp = spacy.blank(lang)
    for name in names or BASE:
        nlp.add_pipe(name)
    return nlp


def test_every_factory_is_registered_through_the_entry_point() -> None:
    for name in (*BASE, "sportkg_linker", *RELATION_COMPONENTS):
        assert Language.has_factory(name), name


def test_relation_components_cover_every_family() -> None:
    assert {n.removeprefix("sportkg_") for n in RELATION_COMPONENTS} == {
        "medals", "wins", "records", "partners", "family", "identity", "age", "teams", "coaches"
    }


def test_sentences_split_on_punctuation_and_lines_but_not_initials() -> None:
    nlp = _nlp("en", "sportkg_sentences")
    doc = nlp("A headline without a stop\nJ.D. Smith won in 1:12.31. She was happy!")
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "A headline without a stop", "J.D. Smith won in 1:12.31.", "She was happy!"
    ]


def test_person_names_with_dutch_particles() -> None:
    doc = _nlp("nl")("Schaatsster Anouk van 't Hof won. Daarna juichte Pim de Wit.")
    people = [s.text for s in doc.spans["sportkg_mentions"] if s.label_ == "person"]
    assert people == ["Anouk van 't Hof", "Pim de Wit"]


def test_kb_and_lexicon_mentions_are_typed() -> None:
    doc = _nlp("nl")("De Nederlandse bokser Tim Rood won goud in Milaan.")
    typed = {(s.text, s.label_) for s in doc.spans["sportkg_mentions"]}
    assert ("Tim Rood", "person") in typed
    assert ("goud", "award") in typed
    assert ("Milaan", "place") in typed
    assert ("bokser", "occupation") in typed


def test_event_and_venue_names_are_not_people() -> None:
    doc = _nlp("en")("Lena Vos skated at the Olympic Games in the Speed Skating Stadium.")
    people = [s.text for s in doc.spans["sportkg_mentions"] if s.label_ == "person"]
    assert people == ["Lena Vos"]


def test_surname_and_first_name_refer_back_to_the_full_name() -> None:
    doc = _nlp("nl")("Mirte van der Laan won. Van der Laan juichte, en Mirte huilde. Laan lachte.")
    canonical = doc.user_data["sportkg_canonical"]
    assert set(canonical.values()) == {"Mirte van der Laan"}
    assert len(canonical) == 4


def test_sentence_initial_word_is_trimmed_from_a_known_name() -> None:
    doc = _nlp("nl")("Ruben Smit won. Blije Ruben Smit zwaaide.")
    names = [s.text for s in doc.spans["sportkg_mentions"] if s.label_ == "person"]
    assert names == ["Ruben Smit", "Ruben Smit"]


def test_lone_capitalised_words_are_dropped_unless_introduced() -> None:
    doc = _nlp("en")("Anna Berg and her daughter Lily visited Heerlen yesterday.")
    canonical = doc.user_data["sportkg_canonical"]
    assert sorted(canonical.values()) == ["Anna Berg", "Lily"]


def test_relation_component_adds_facts_to_user_data() -> None:
    nlp = _nlp("nl", *BASE, "sportkg_age")
    doc = nlp("Schaatser Bram Veen (24) won.")
    facts = doc.user_data["sportkg_facts"]
    assert [(f.subject.name, f.property, f.value.value) for f in facts] == [
        ("Bram Veen", "sk:age", 24)
    ]


def test_components_accept_an_empty_doc() -> None:
    nlp = _nlp("en", *BASE, *RELATION_COMPONENTS)
    doc = nlp("")
    assert doc.user_data.get("sportkg_facts", []) == []


def test_hyphenated_given_names_stay_whole_and_a_country_is_no_person() -> None:
    nlp = cached_nlp("en", linker=False, pairs=False)
    doc = nlp("Defending champion Park Ji-woo of South Korea won silver. "
              "Kim Min-seo took bronze for South Korea.")
    found = {(s.text, s.label_) for s in doc.spans["sportkg_mentions"]}
    assert ("Park Ji-woo", "person") in found and ("Kim Min-seo", "person") in found
    assert ("South Korea", "country") in found
    assert not any(text.endswith("-") for text, _ in found)


def test_a_name_after_a_competition_word_is_a_person() -> None:
    nlp = cached_nlp("en", linker=False, pairs=False)
    doc = nlp("At the Olympics Tom Hale won gold in the relay with Rob Dunn and Ken Bell.")
    found = {(s.text, s.label_) for s in doc.spans["sportkg_mentions"]}
    assert ("Tom Hale", "person") in found
    assert not any(label == "person" and "Olympics" in text for text, label in found)


def test_a_name_joined_by_hyphens_is_one_mention() -> None:
    """"Paris-Roubaix" is one race, not the town before its hyphen, in either pipeline."""
    for nlp in (_nlp("en"), cached_nlp("en", linker=False, pairs=False)):
        doc = nlp("Tom Hale won Paris-Roubaix on Sunday and Liège-Bastogne-Liège in April. "
                  "He lives in Paris.")
        found = {(s.text, s.label_) for s in doc.spans["sportkg_mentions"]}
        assert ("Paris-Roubaix", "event") in found, found
        assert ("Liège-Bastogne-Liège", "event") in found, found
        assert ("Paris", "place") in found, found  # a town on its own is still one


def test_a_team_s_role_word_is_no_person() -> None:
    """"de Belgische Ferrari-coureur": a role word joined to its team, not a name; the
    name after it is the person, in either pipeline."""
    for nlp in (_nlp("nl"), cached_nlp("nl", linker=False, pairs=False)):
        for text, people in [
            ("In de kwalificatie reed de Belgische Ferrari-coureur de snelste ronde.", set()),
            ("De Belgische Ferrari-coureur Kees Mol won de race.", {"Kees Mol"}),
        ]:
            doc = nlp(text)
            found = {s.text for s in doc.spans["sportkg_mentions"] if s.label_ == "person"}
            assert found == people, (text, found)
