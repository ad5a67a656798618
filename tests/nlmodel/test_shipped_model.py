"""The shipped Dutch and English pipelines load from the package, tag, parse and find names."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
import spacy

MODELS = Path(str(files("sportkg.extract") / "models"))
LANGS = ("nl", "en")
SOURCES = {"nl": ("Alpino", "LassySmall"), "en": ("EWT", "Universal NER")}
PARSED = {
    "nl": ("De schaatsster won gisteren in Heerenveen de gouden medaille op de 1500 meter.",
           "won", "schaatsster", "winnen"),
    "en": ("The skater won the gold medal in the 1500 metres in Calgary yesterday.",
           "won", "skater", "win"),
}


def model_dir(lang: str) -> Path:
    """The shipped pipeline of a language (a failure when it is missing)."""
    path = MODELS / f"{lang}_sportkg"
    if not (path / "meta.json").is_file():
        pytest.fail(f"the {lang} pipeline is missing from the package: {path}")
    return path


@pytest.fixture(scope="module", params=LANGS)
def nlp(request: pytest.FixtureRequest) -> spacy.language.Language:
    """Each shipped pipeline, loaded once for the module."""
    return spacy.load(model_dir(request.param))


@pytest.mark.parametrize("lang", LANGS)
def test_meta_carries_licence_and_attribution(lang: str) -> None:
    path = model_dir(lang)
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == lang
    assert meta["license"] == "CC BY-SA 4.0"
    names = " ".join(source["name"] for source in meta["sources"])
    for source in SOURCES[lang]:
        assert source in names
    assert meta["sportkg_default"] is True
    assert "CC BY-SA 4.0" in (path / "LICENSE").read_text(encoding="utf-8")
    scores = meta["sportkg_test_scores"]
    assert scores["dep_las"] > 60 and scores["pos_acc"] > 85


@pytest.mark.parametrize("lang", LANGS)
def test_model_fits_the_size_budget(lang: str) -> None:
    size = sum(p.stat().st_size for p in model_dir(lang).rglob("*") if p.is_file())
    assert size <= 20 * 1024 * 1024


def test_components(nlp: spacy.language.Language) -> None:
    for name in ("tok2vec", "tagger", "morphologizer", "parser", "trainable_lemmatizer", "ner"):
        assert name in nlp.pipe_names
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "ORG", "LOC", "EVENT"}


def test_tags_lemmatises_and_parses(nlp: spacy.language.Language) -> None:
    text, verb, subject, lemma = PARSED[nlp.lang]
    doc = nlp(text)
    by_text = {token.text: token for token in doc}
    assert by_text[verb].pos_ == "VERB" and by_text[verb].lemma_ == lemma
    assert by_text[verb].morph.get("Tense") == ["Past"]
    assert by_text[subject].pos_ == "NOUN"
    roots = [token for token in doc if token.dep_ == "ROOT"]
    assert [r.text for r in roots] == [verb]
    assert [t.text for t in roots[0].children if t.dep_ == "nsubj"] == [subject]


def test_dutch_tags_obvious_words() -> None:
    doc = spacy.load(model_dir("nl"))(PARSED["nl"][0])
    pos = {token.text: token.pos_ for token in doc}
    assert pos["in"] == "ADP" and pos["Heerenveen"] == "PROPN" and pos["gouden"] == "ADJ"
    assert pos["1500"] == "NUM" and doc[0].pos_ == "DET" and doc[-1].pos_ == "PUNCT"


def test_dutch_splits_sentences() -> None:
    nlp = spacy.load(model_dir("nl"))
    doc = nlp("Zij won de race in Hamar. Daarna reisde zij terug naar Nederland.")
    assert [s.text for s in doc.sents] == [
        "Zij won de race in Hamar.",
        "Daarna reisde zij terug naar Nederland.",
    ]


def test_names_from_proper_nouns() -> None:
    from sportkg.extract.propn_names import name_candidates

    nlp = spacy.load(model_dir("nl"))
    doc = nlp("Volgens trainer Pieter de Wit reed Anouk van der Linden een persoonlijk record.")
    found = {(c.text, c.label) for c in name_candidates(doc)}
    assert ("Pieter de Wit", "person") in found
    assert ("Anouk van der Linden", "person") in found


@pytest.mark.parametrize("lang", LANGS)
def test_trained_and_auto_load_the_shipped_model(lang: str) -> None:
    from sportkg.extract.nlp import OFFICIAL, load_nlp

    for choice in ("trained", "auto"):
        if choice == "auto" and any(spacy.util.is_package(n) for n in OFFICIAL[lang]):
            continue
        nlp = load_nlp(lang, pipeline=choice, linker=False)
        assert nlp.meta["name"] == "sportkg" and nlp.lang == lang
        assert "ner" in nlp.pipe_names and "sportkg_mentions" in nlp.pipe_names
    rules = load_nlp(lang, pipeline="rules", linker=False)
    assert "ner" not in rules.pipe_names and "parser" not in rules.pipe_names


@pytest.mark.parametrize("lang", LANGS)
def test_tokenizer_on_disk_is_the_one_the_config_builds(lang: str) -> None:
    """`load_trained` builds the tokenizer from the config and skips the one on disk; that
    is only right while the packaged tokenizer has the rules and affixes spaCy's default
    builds (names kept whole, as `keep_names_whole` does to a pipeline loaded whole)."""
    from sportkg.extract.nlp import keep_names_whole, load_trained

    read = keep_names_whole(spacy.load(model_dir(lang))).tokenizer
    built = load_trained(model_dir(lang)).tokenizer
    assert read.rules == built.rules
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        ours, theirs = getattr(read, attr), getattr(built, attr)
        assert (ours is None) == (theirs is None), attr
        if ours is not None:
            assert ours.__self__.pattern == theirs.__self__.pattern, attr
    text = "De 1500m-rit van Sean O’Dowd (IRL) eindigde in 1.44,23; ’t was ’n ‘mooie’ dag."
    assert [t.text for t in read(text)] == [t.text for t in built(text)]
