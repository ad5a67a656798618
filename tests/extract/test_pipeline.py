"""The extraction pipeline: load_nlp paths, extract_articles, robustness on any text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from sportkg.errors import ConfigError
from sportkg.extract import nlp as nlp_module
from sportkg.extract.components import RELATION_COMPONENTS
from sportkg.extract.nlp import load_nlp
from sportkg.extract.relations.engine import ArticleContext
from sportkg.model import Article, Statement
from sportkg.pipeline import extract_article, extract_articles

from ..conftest import cached_nlp

STORY = (
    "Schaatsster Noor Vink (23) won zaterdag in Heerenveen de 1500 meter. "
    "Ze versloeg haar landgenote Lisa Dam. Haar vriend Joep Raaf juichte."
)


def _rules(lang: str) -> Language:
    return cached_nlp(lang, pipeline="rules", linker=False)


def test_rules_pipeline_has_every_component_in_order() -> None:
    nlp = load_nlp("nl", pipeline="rules")
    assert nlp.pipe_names == [
        "sportkg_sentences", "sportkg_mentions", "sportkg_coref", "sportkg_linker",
        *RELATION_COMPONENTS,
    ]
    assert "sportkg_linker" not in load_nlp("en", pipeline="rules", linker=False).pipe_names
    trained = ["sportkg_pairs", "sportkg_attributes"]
    assert load_nlp("en", pipeline="rules", pairs=True).pipe_names[-2:] == trained
    assert load_nlp("en", linker=False).pipe_names[-6:] == [
        "sportkg_clauses", "sportkg_moves", "sportkg_nationality", *trained,
        "sportkg_factuality"]


def test_auto_is_the_shipped_pipeline_under_the_sentences() -> None:
    nlp = load_nlp("en", pipeline="auto", linker=False)
    assert nlp.lang == "en"
    assert nlp.pipe_names[0] == "sportkg_sentences" and "ner" in nlp.pipe_names


def test_trained_for_a_language_without_one_is_blank_plus_rules() -> None:
    nlp = load_nlp("de", pipeline="trained", linker=False)
    assert nlp.pipe_names[0] == "sportkg_sentences" and "sportkg_medals" in nlp.pipe_names


def test_unknown_pipeline_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no_such_pipeline"):
        load_nlp("nl", pipeline="no_such_pipeline")


def test_trained_pipeline_missing_is_a_config_error(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: Path) -> None:
    monkeypatch.setattr(nlp_module, "MODELS_DIR", tmp_path)
    with pytest.raises(ConfigError, match="no trained sportkg pipeline"):
        load_nlp("nl", pipeline="trained")


def _save_tagged_pipeline(path: Path, *, default: bool) -> None:
    base = spacy.blank("nl")
    base.add_pipe("sentencizer")
    base.to_disk(path)
    meta = json.loads((path / "meta.json").read_text())
    meta["sportkg_default"] = default
    (path / "meta.json").write_text(json.dumps(meta))


def test_trained_and_auto_use_the_shipped_dutch_pipeline(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    _save_tagged_pipeline(tmp_path / "nl_sportkg", default=True)
    monkeypatch.setattr(nlp_module, "MODELS_DIR", tmp_path)
    for choice in ("trained", "auto"):
        nlp = load_nlp("nl", pipeline=choice, linker=False)
        assert nlp.pipe_names[:2] == ["sportkg_sentences", "sentencizer"]
        assert "sportkg_medals" in nlp.pipe_names
    doc = extract_article(load_nlp("nl", pipeline="auto", linker=False),
                          Article(id="x", text=STORY, lang="nl", date="2026-02-08"))
    assert any(s.property == "sk:age" for s in doc)


def test_auto_ignores_a_shipped_pipeline_not_marked_default(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    _save_tagged_pipeline(tmp_path / "nl_sportkg", default=False)
    monkeypatch.setattr(nlp_module, "MODELS_DIR", tmp_path)
    assert "sentencizer" not in load_nlp("nl", pipeline="auto", linker=False).pipe_names


def test_extract_articles_yields_each_article_with_its_statements() -> None:
    articles = [
        Article(id="a", text=STORY, lang="nl", date="2026-02-08", source="a.txt"),
        Article(id="b", text="Nothing happens here.", lang="en", date=None),
    ]
    results = list(extract_articles(articles, pipeline="rules", linker=False))
    assert [a.id for a, _ in results] == ["a", "b"]
    statements = results[0][1]
    props = {(s.subject.label, s.property) for s in statements}
    assert ("Noor Vink", "sk:age") in props
    assert ("Noor Vink", "sk:defeated") in props
    assert ("Noor Vink", "P451") in props
    assert results[1][1] == []
    for s in statements:
        assert s.doc_id == "a" and s.article_hash == articles[0].hash
        assert s.evidence.source == "a.txt" and s.evidence.published == "2026-02-08"
        assert Statement.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_linker_links_kb_entities() -> None:
    text = "Bokser Mike Tyson (58) verloor van Jake Paul."
    ((_, statements),) = list(
        extract_articles([Article(id="t", text=text, lang="nl", date="2024-11-16")],
                         pipeline="rules")
    )
    tyson = {s.subject.qid for s in statements if s.subject.label == "Mike Tyson"}
    assert tyson == {"Q79031"}


@pytest.mark.slow
def test_two_processes_give_the_same_statements_in_order() -> None:
    articles = [
        Article(id=f"a{i}", text=STORY.replace("23", str(20 + i)), lang="nl", date="2026-02-08")
        for i in range(20)
    ]
    single = list(extract_articles(articles, pipeline="rules", linker=False))
    double = list(extract_articles(articles, pipeline="rules", linker=False, n_process=2))
    assert [a.id for a, _ in double] == [a.id for a, _ in single]
    assert [sorted(map(repr, s)) for _, s in double] == [sorted(map(repr, s)) for _, s in single]


TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400
) | st.lists(
    st.sampled_from(["Jutta", "Leerdam", "van", "der", "De", "(27)", "27-jarige", "goud",
                     "won", "haar", "verloofde", "Jake", "Paul", "\n", ".", ",", "1000",
                     "meter", "maandag", "record", "olympisch", "versloeg", "uit", "Japan",
                     "’s", "🙂", "é", "  "]),
    max_size=60,
).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, lang=st.sampled_from(["nl", "en"]),
       date=st.sampled_from([None, "2026-02-10", "1999-12-31"]))
def test_any_text_gives_statements_with_evidence_inside_it(text: str, lang: str,
                                                           date: str | None) -> None:
    article = Article(id="h", text=text, lang=lang, date=date)
    for statement in extract_article(_rules(lang), article):
        ev = statement.evidence
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start : ev.end] == ev.sentence
        assert 0.0 <= statement.confidence <= 1.0


PARSE_TEXT = st.lists(
    st.sampled_from(["Anna", "Berg", "Tom", "Hale", "de", "Fransen", "Americans", "die", "who",
                     ",", ".", "niet", "not", "won", "verloor", "lost", "to", "van", "finale",
                     "final", "Ajax", "Everton", "verruilde", "voor", "signed", "left", "met",
                     "with", "zich", "versterkte", "werd", "derde", "took", "third", "ahead",
                     "of", "hij", "she", "maar", "and", "en", "het", "If", "Als", "kan", "wil",
                     "Nederland", "Canada", "England", "titelverdediger", "defending",
                     "champion", "\n"]),
    max_size=40,
).map(" ".join)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PARSE_TEXT, lang=st.sampled_from(["nl", "en"]))
def test_the_parse_readers_take_any_sentence(text: str, lang: str) -> None:
    """The default pipeline (clause, move and nationality readers, the factuality filter)
    on word salad of the words they look for: statements with evidence inside the text."""
    article = Article(id="p", text=text, lang=lang, date="2026-02-10")
    for statement in extract_article(cached_nlp(lang, linker=False), article):
        ev = statement.evidence
        assert text[ev.start : ev.end] == ev.sentence
        assert 0.0 <= statement.confidence <= 1.0


@pytest.mark.slow
def test_shipped_trained_dutch_pipeline_extracts_the_same_story() -> None:
    if nlp_module.trained_path("nl") is None:
        pytest.skip("no trained Dutch pipeline shipped")
    nlp = load_nlp("nl", pipeline="trained", linker=False)
    assert nlp.pipe_names[0] == "sportkg_sentences" and "parser" in nlp.pipe_names
    statements = extract_article(nlp, Article(id="x", text=STORY, lang="nl", date="2026-02-08"))
    found = {(s.subject.label, s.property) for s in statements}
    assert {("Noor Vink", "sk:age"), ("Noor Vink", "sk:defeated")} <= found


@pytest.mark.parametrize("pipeline", ["auto", "rules"])
def test_an_apostrophe_between_letters_stays_inside_its_name(pipeline: str) -> None:
    nlp = cached_nlp("nl", pipeline=pipeline, linker=False, pairs=False)
    words = [t.text for t in nlp.tokenizer("Trainer Marc Dell’Acqua zag Sean O’Dowd "
                                           "in de Giro d’Italia en Hamilton’s auto.")]
    assert {"Dell’Acqua", "O’Dowd", "d’Italia"} <= set(words)
    assert "’s" in words  # a possessive is still split off
    assert [t.text for t in nlp.tokenizer("z’n vrouw")] == ["z’n", "vrouw"]
    assert nlp.tokenizer.to_bytes()  # the tokenizer still serialises
    names = [p.name for s in ArticleContext.of(
        nlp("Trainer Luc Vander’haege was tevreden.")).sentences for p in s.people]
    assert names == ["Luc Vander’haege"]


def _people(lang: str, text: str) -> set[str]:
    doc = cached_nlp(lang, linker=False, pairs=False)(text)
    return {p.name for s in ArticleContext.of(doc).sentences for p in s.people}


@pytest.mark.parametrize(("lang", "text", "person"), [
    ("nl", "In het Kees Smitstadion scoorde Jan Smit twee keer.", "Jan Smit"),
    ("en", "At the Royal Albert Theatre, Tom Hale beat Pete Rowe.", "Tom Hale"),
])
def test_a_venue_named_after_someone_is_no_person(lang: str, text: str, person: str) -> None:
    names = _people(lang, text)
    assert person in names
    assert not any(n.endswith(("stadion", "Theatre")) for n in names), names


def test_a_surname_ending_in_a_venue_word_is_still_a_name() -> None:
    nlp = cached_nlp("nl", pipeline="rules", linker=False)
    names = {p.name for s in ArticleContext.of(nlp("Lucia Marena won de finale.")).sentences
             for p in s.people}
    assert names == {"Lucia Marena"}


@pytest.mark.parametrize(("lang", "text", "person"), [
    ("en", "Oslo - Henrik Dahl won the sprint on Sunday.", "Henrik Dahl"),
    ("nl", "Gent \u2013 Jan Claes won zondag de sprint.", "Jan Claes"),
])
def test_a_dateline_before_a_name_is_no_part_of_it(lang: str, text: str, person: str) -> None:
    names = _people(lang, text)
    assert person in names
    assert not any(" - " in n or " \u2013 " in n for n in names), names
