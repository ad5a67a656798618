"""Candidate pairs, their features, the pair model's arrays and the shipped classifier."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sportkg.extract.nlp import load_nlp
from sportkg.extract.relations.classifier import MODEL_DIR, PairModel, one_owner_per_award
from sportkg.extract.relations.pairs import NONE, PAIR_RELATIONS, candidates
from sportkg.model import Article
from sportkg.pipeline import extract_article

from .conftest import processed


def pairs_of(lang: str, text: str) -> dict[tuple[str, str], tuple[str, ...]]:
    doc, context = processed(lang, text)
    return {(c.subject.name, c.value.label or c.value.text): c.features
            for c in candidates(doc, context)}


def test_candidates_join_people_to_teams_countries_and_occupations() -> None:
    found = pairs_of("nl", "Middenvelder Lars Holm komt over van FC Kopenhagen. "
                           "De Noorse schaatser Sverre Lunde won in Hamar.")
    assert ("Lars Holm", "FC Kopenhagen") in found
    assert ("Sverre Lunde", "Norway") in found and ("Sverre Lunde", "speed skater") in found
    features = found[("Lars Holm", "FC Kopenhagen")]
    assert "k=person>team" in features and "o=ab" in features
    assert any(f.startswith("b=") and "van" in f for f in features)
    assert any(f.startswith("p=") for f in features)  # the parse gives a path
    # no pair across sentences, and a country is never the subject
    assert ("Lars Holm", "Norway") not in found
    assert not any(subject == "Norway" for subject, _ in found)


def test_a_pronoun_stands_for_the_person_named_before() -> None:
    found = pairs_of("en", "Tom Baxter is a striker. He has joined Luton Town.")
    assert ("Tom Baxter", "Luton Town") in found
    assert "pr=pa" in found[("Tom Baxter", "Luton Town")]


def test_medals_and_titles_are_award_values_with_their_english_label() -> None:
    found = pairs_of("nl", "Lotte Maas werd wereldkampioen op de 1000 meter. "
                           "Bij de Olympische Spelen pakte Iris Veen zilver.")
    assert ("Lotte Maas", "world champion 1000 m") in found
    assert ("Iris Veen", "Olympic silver medal") in found
    assert "k=person>award" in found[("Iris Veen", "Olympic silver medal")]
    english = pairs_of("en", "Tara Quinn took bronze in the sprint.")
    assert ("Tara Quinn", "bronze medal") in english


def test_a_country_named_as_a_side_is_a_candidate_for_its_team() -> None:
    from sportkg.extract.relations.classifier import value_of

    doc, context = processed("nl", "Nederland versloeg Oostenrijk in Zwolle met 3-1. "
                                   "De Nederlandse Lotte Maas scoorde twee keer.")
    found = {(c.subject.label or c.subject.text, c.value.label or c.value.text): c
             for c in candidates(doc, context)}
    beat = found[("Netherlands", "Austria")]
    assert "k=nation>nation" in beat.features
    assert (beat.subject_value().label, beat.subject_value().type) == (  # type: ignore[union-attr]
        "Netherlands", "team")
    assert value_of(beat, context, "sk:defeated").type == "team"  # type: ignore[union-attr]
    # an adjective is a nationality, never a side
    assert ("Lotte Maas", "Netherlands") in found
    assert found[("Lotte Maas", "Netherlands")].value.kind == "country"
    assert not any(subject == "Netherlands" and c.value.kind == "person"
                   for (subject, _), c in found.items())


def test_an_event_value_takes_the_discipline_and_edition_of_its_sentence() -> None:
    from sportkg.extract.relations.classifier import value_of

    doc, context = processed("nl", "Femke Roos won in 2021 op het WK afstanden de 3000 meter.")
    events = {value_of(c, context).label for c in candidates(doc, context)
              if c.value.kind == "event"}
    assert "3000 m, 2021 World Single Distances Championships" in {
        label.replace("women's ", "") for label in events}
    doc, context = processed("en", "Nina Ashford won the singles title at the Madrid Open.")
    events = {value_of(c, context).label for c in candidates(doc, context)
              if c.value.kind == "event"}
    assert any(label.startswith(("women's singles, ", "singles, ")) and "Madrid Open" in label
               for label in events), events


def test_pair_model_round_trips_and_gives_probabilities(tmp_path: Path) -> None:
    model = PairModel(
        features={"b=beat": 0, "k=person>person": 1},
        classes=[NONE, "sk:defeated"],
        weights=np.array([[0.0, 3.0], [0.5, 0.0]], dtype="float32"),
        bias=np.array([0.0, -1.0], dtype="float32"),
        threshold=0.6,
        thresholds={"sk:defeated": 0.55},
    )
    model.save(tmp_path, {"name": "test"})
    loaded = PairModel.load(tmp_path)
    assert loaded is not None
    assert loaded.classes == model.classes and loaded.threshold_of("sk:defeated") == 0.55
    assert loaded.threshold_of("P54") == 0.6 and loaded.threshold_of("P54", 0.2) == 0.2
    probs = loaded.probabilities([("b=beat", "k=person>person"), ("unknown",)])
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert probs[0, 1] > 0.8 and probs[1, 1] < 0.5
    assert PairModel.load(tmp_path / "missing") is None


def test_shipped_model_and_its_report() -> None:
    model = PairModel.load()
    assert model is not None
    assert NONE in model.classes and {"P54", "P27", "sk:defeated"} <= set(model.classes)
    assert set(model.classes) - {NONE} <= set(PAIR_RELATIONS)
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["license"] == "CC BY-SA 4.0" and meta["ece"] <= 0.05
    assert set(meta["thresholds"]) == set(PAIR_RELATIONS)
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert size <= 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("lang", "text", "fact"),
    [
        ("en", "Striker Tom Baxter has joined Luton Town from Exeter City. He scored twice "
               "for Luton Town on Saturday.", ("Tom Baxter", "P54", "Luton Town")),
        ("en", "The Norwegian rider Erik Dahl beat Belgian sprinter Tom Peeters in the final "
               "sprint.", ("Erik Dahl", "sk:defeated", "Tom Peeters")),
        ("nl", "De Noorse schaatser Sverre Lunde won zaterdag in Hamar de 5000 meter.",
         ("Sverre Lunde", "P27", "Norway")),
    ],
)
def test_classifier_states_facts_of_our_sentences(lang: str, text: str,
                                                  fact: tuple[str, str, str]) -> None:
    statements = extract_article(load_nlp(lang, linker=False),
                                 Article(id="x", text=text, lang=lang, date="2026-03-01"))
    found = {(s.subject.label, s.property, getattr(s.value, "label", None)): s
             for s in statements}
    assert fact in found
    assert 0.5 <= found[fact].confidence <= 1.0


def test_rules_pipeline_states_no_classifier_facts() -> None:
    text = "The Norwegian rider Erik Dahl beat Belgian sprinter Tom Peeters in the final sprint."
    statements = extract_article(load_nlp("en", pipeline="rules", linker=False),
                                 Article(id="x", text=text, lang="en", date="2026-03-01"))
    assert not [s for s in statements if s.evidence.extractor == "sportkg_pairs"]


def test_trigger_words_give_their_class_between_around_and_on_the_path() -> None:
    found = pairs_of("en", "Erik Dahl edged Tom Peeters in the sprint.")
    features = found[("Erik Dahl", "Tom Peeters")]
    assert "tb=defeat" in features and "tbk=defeat|person>person|ab" in features
    assert any(f.startswith("tp=defeat") for f in features)  # "edged" heads the path
    dutch = pairs_of("nl", "Lotte Maas won in de finale van Iris Veen en Eva Smit won van "
                           "Anna Berg.")
    assert "tb=defeat" in dutch[("Eva Smit", "Anna Berg")]  # "winnen van", two words


def test_trigger_tables_are_checked_when_read(tmp_path: Path) -> None:
    from sportkg.errors import ConfigError
    from sportkg.extract.relations.triggers import CLASSES, TRIGGER_DIR, triggers

    for lang in ("nl", "en"):
        table = triggers(lang)
        assert len(table) > 100 and set().union(*table.values()) <= CLASSES
        assert (TRIGGER_DIR / f"{lang}.tsv").is_file()
    (tmp_path / "en.tsv").write_text("lemma\tclass\nbeat\tdefeet\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"en.tsv:2: unknown trigger class 'defeet'"):
        triggers("en", tmp_path)
    (tmp_path / "nl.tsv").write_text("lemma\tclass\nversloeg\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"nl.tsv:2: expected a lemma and a class"):
        triggers("nl", tmp_path)


def test_a_medal_of_the_classifier_carries_its_event_place_and_the_win_it_implies() -> None:
    from sportkg.extract.relations.classifier import pair_facts

    doc, context = processed(
        "en", "Mara Veld won gold in the 1500 m at the 2022 Winter Olympics in Beijing.")
    model = PairModel.load(MODEL_DIR)
    assert model is not None
    facts = pair_facts(doc, context, model, threshold=0.01)
    medals = [f for f in facts if f.property == "P166" and f.subject.name == "Mara Veld"]
    assert medals, facts
    quals = dict(medals[0].qualifiers)
    assert "1500 m" in quals["P1344"].label and "2022 Winter Olympics" in quals["P1344"].label
    assert quals["P276"].label == "Beijing"
    wins = [f for f in facts if f.property == "sk:won" and f.subject.name == "Mara Veld"]
    assert any("2022 Winter Olympics" in f.value.label for f in wins)


def test_a_national_team_is_named_as_the_text_names_it_or_in_english() -> None:
    from sportkg.extract.relations.pairs import Mention, team_name

    def nation(text: str, label: str) -> Mention:
        return Mention(0, 1, 0, len(text), text, text, "nation", label)

    assert team_name(nation("Great Britain", "United Kingdom")) == "Great Britain"
    assert team_name(nation("Nederland", "Netherlands")) == "Netherlands"


def test_a_club_spell_and_a_transfer_date_the_classifier_s_team_facts() -> None:
    from sportkg.extract.relations.classifier import pair_facts

    model = PairModel.load(MODEL_DIR)
    assert model is not None
    doc, context = processed("nl", "Tussen 2001 en 2009 speelde Piet Mol bij Vitesse.")
    spells = [dict(f.qualifiers) for f in pair_facts(doc, context, model, threshold=0.01)
              if f.property == "P54" and getattr(f.subject, "name", "") == "Piet Mol"]
    assert any(q.get("P580") and q["P580"].value == "2001" and q["P582"].value == "2009"
               for q in spells), spells
    doc, context = processed("nl", "Piet Mol vertrekt bij Ajax en gaat naar FC Utrecht.")
    moves = {f.value.label: dict(f.qualifiers)
             for f in pair_facts(doc, context, model, threshold=0.01)
             if f.property == "P54" and getattr(f.subject, "name", "") == "Piet Mol"}
    assert moves.get("FC Utrecht", {}).get("P580") is not None, moves


@pytest.mark.parametrize(("text", "start"), [
    ("Kees Mol has played for Arsenal since 2019.", "2019"),
    ("Kees Mol joined Arsenal on Monday.", "2026-"),  # the news of the day
    # a year after "since" that is someone else's result starts no spell
    ("Kees Mol joined Arsenal, the first Dane there since Tom Hale in 2012.", "2026-"),
])
def test_a_spell_since_a_year_starts_that_year(text: str, start: str) -> None:
    """(`start` is the start's beginning: the news of the day is dated this year.)"""
    from sportkg.extract.relations.classifier import pair_facts

    model = PairModel.load(MODEL_DIR)
    assert model is not None
    doc, context = processed("en", text)
    starts = {str(dict(f.qualifiers)["P580"].value)
              for f in pair_facts(doc, context, model, threshold=0.01)
              if f.property == "P54" and getattr(f.subject, "name", "") == "Kees Mol"
              and "P580" in dict(f.qualifiers)}
    assert len(starts) == 1 and starts.pop().startswith(start), starts


def _spells(lang: str, text: str, person: str) -> dict[str, dict[str, Any]]:
    """Team -> qualifiers of the pair classifier's memberships of `person` in `text`."""
    from sportkg.extract.relations.classifier import pair_facts

    model = PairModel.load(MODEL_DIR)
    assert model is not None
    doc, context = processed(lang, text)
    return {f.value.label: dict(f.qualifiers)
            for f in pair_facts(doc, context, model, threshold=0.01)
            if f.property == "P54" and getattr(f.subject, "name", "") == person}


@pytest.mark.parametrize(("lang", "text", "lender", "borrower"), [
    ("en", "Kees Mol has moved to Burnley on loan from Leeds.", "Leeds", "Burnley"),
    ("nl", "Kees Mol speelt dit seizoen bij Vitesse, gehuurd van Feyenoord.", "Feyenoord",
     "Vitesse"),
])
def test_a_loan_ends_no_spell_at_the_lending_club(
    lang: str, text: str, lender: str, borrower: str
) -> None:
    spells = _spells(lang, text, "Kees Mol")
    assert lender in spells and "P582" not in spells[lender], spells
    assert borrower in spells, spells


@pytest.mark.parametrize(("lang", "text", "team", "start"), [
    # joining in a year starts the spell that year
    ("en", "Kees Mol spent three seasons at Burnley before joining Leeds in 2019.", "Leeds",
     "2019"),
    # playing for a club, or a career begun there, is no move of the article's day
    ("en", "Kees Mol, who began his career at Burnley, now plays for Leeds.", "Leeds", None),
    ("nl", "Kees Mol begon zijn loopbaan bij Vitesse en speelt nu voor Ajax.", "Vitesse",
     None),
    ("nl", "Kees Mol begon zijn loopbaan bij Vitesse en speelt nu voor Ajax.", "Ajax", None),
    # a club one scores, plays or is under contract for, with no move word: no date
    ("nl", "Kees Mol, verdediger van Feyenoord, scoorde twee keer.", "Feyenoord", None),
    ("nl", "Daarvoor speelde Kees Mol bij Vitesse.", "Vitesse", None),
    ("nl", "Kees Mol heeft een contract bij Feyenoord.", "Feyenoord", None),
])
def test_a_spell_starts_with_a_move_only(lang: str, text: str, team: str,
                                         start: str | None) -> None:
    spells = _spells(lang, text, "Kees Mol")
    assert team in spells, spells
    found = spells[team].get("P580")
    assert (None if found is None else str(found.value)) == start, spells
    if start is None:
        assert "P582" not in spells[team], spells  # nor an end on the article's day


def test_a_medal_word_goes_to_its_likeliest_owner_only() -> None:
    doc, context = processed("nl", "Anna Berg won goud en Lotte Vos pakte zilver.")
    awards = [c for c in candidates(doc, context)
              if c.value.kind == "award" and c.subject.kind == "person"]
    gold = [c for c in awards if c.value.text == "goud"]
    assert {c.subject.name for c in gold} == {"Anna Berg", "Lotte Vos"}
    scored = [(c, "P166", 0.9 if c.subject.name == "Anna Berg" else 0.6) for c in gold]
    kept = one_owner_per_award([*scored, (gold[0], "P54", 0.8)])
    assert {(c.subject.name, prop) for c, prop, _ in kept} == {
        ("Anna Berg", "P166"), (gold[0].subject.name, "P54")}
