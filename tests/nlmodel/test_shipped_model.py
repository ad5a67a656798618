"""The shipped Dutch pipeline loads from the package, tags, lemmatises and parses our sentences."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
import spacy

MODEL = Path(str(files("sportkg.extract") / "models" / "nl_sportkg"))
SENTENCE = "De schaatsster won gisteren in Heerenveen de gouden medaille op de 1500 meter."


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    """The shipped pipeline, loaded once for the module."""
    if not (MODEL / "meta.json").is_file():
        pytest.fail(f"the Dutch pipeline is missing from the package: {MODEL}")
    return spacy.load(MODEL)


def test_meta_carries_licence_and_attribution() -> None:
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "nl"
    assert meta["license"] == "CC BY-SA 4.0"
    names = " ".join(source["name"] for source in meta["sources"])
    assert "Alpino" in names and "LassySmall" in names
    assert isinstance(meta["sportkg_default"], bool)
    assert "CC BY-SA 4.0" in (MODEL / "LICENSE").read_text(encoding="utf-8")


def test_model_fits_the_size_budget() -> None:
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 15 * 1024 * 1024


def test_components(nlp: spacy.language.Language) -> None:
    for name in ("tok2vec", "tagger", "morphologizer", "parser", "trainable_lemmatizer"):
        assert name in nlp.pipe_names


def test_tags_obvious_words(nlp: spacy.language.Language) -> None:
    doc = nlp(SENTENCE)
    pos = {token.text: token.pos_ for token in doc}
    assert pos["schaatsster"] == "NOUN"
    assert pos["won"] == "VERB"
    assert pos["in"] == "ADP"
    assert pos["Heerenveen"] == "PROPN"
    assert pos["gouden"] == "ADJ"
    assert pos["medaille"] == "NOUN"
    assert pos["1500"] == "NUM"
    assert doc[0].pos_ == "DET"
    assert doc[-1].pos_ == "PUNCT"


def test_lemmas_and_morphology(nlp: spacy.language.Language) -> None:
    doc = nlp(SENTENCE)
    by_text = {token.text: token for token in doc}
    assert by_text["won"].lemma_ == "winnen"
    assert by_text["won"].morph.get("Tense") == ["Past"]
    assert by_text["schaatsster"].morph.get("Number") == ["Sing"]


def test_parses_one_rooted_tree(nlp: spacy.language.Language) -> None:
    doc = nlp(SENTENCE)
    roots = [token for token in doc if token.dep_ == "ROOT"]
    assert len(roots) == 1
    assert roots[0].text == "won"
    subject = [t.text for t in roots[0].children if t.dep_ == "nsubj"]
    assert subject == ["schaatsster"]


def test_splits_sentences(nlp: spacy.language.Language) -> None:
    doc = nlp("Zij won de race in Hamar. Daarna reisde zij terug naar Nederland.")
    assert [s.text for s in doc.sents] == [
        "Zij won de race in Hamar.",
        "Daarna reisde zij terug naar Nederland.",
    ]


def test_names_from_proper_nouns(nlp: spacy.language.Language) -> None:
    from sportkg.extract.propn_names import name_candidates

    doc = nlp("Volgens trainer Pieter de Wit reed Anouk van der Linden een persoonlijk record.")
    found = {(c.text, c.label) for c in name_candidates(doc)}
    assert ("Pieter de Wit", "person") in found
    assert ("Anouk van der Linden", "person") in found


def test_trained_pipeline_choice_loads_the_shipped_model() -> None:
    from sportkg.extract.nlp import load_nlp

    nlp = load_nlp("nl", pipeline="trained", linker=False)
    assert nlp.meta["name"] == "sportkg"
    assert "parser" in nlp.pipe_names and "sportkg_mentions" in nlp.pipe_names
    doc = nlp("De wielrenner won de etappe.")
    assert [t.pos_ for t in doc][:3] == ["DET", "NOUN", "VERB"]


def test_auto_follows_the_default_flag() -> None:
    from sportkg.extract.nlp import OFFICIAL, load_nlp

    if any(spacy.util.is_package(name) for name in OFFICIAL["nl"]):
        pytest.skip("an official Dutch pipeline is installed and takes precedence")
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    nlp = load_nlp("nl", pipeline="auto", linker=False)
    assert ("parser" in nlp.pipe_names) is meta["sportkg_default"]
