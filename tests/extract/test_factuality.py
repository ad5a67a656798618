"""Results a sentence denies, makes conditional or only wishes for are not stated, by any
extractor (patterns, clause reader, classifiers); results told as done still are."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.engine import FACTS_KEY, Concept, Fact, Person
from sportkg.extract.relations.factuality import factual
from sportkg.model import Article, Entity
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp
from .conftest import processed

RESULTS = ("P166", "sk:won", "sk:defeated", "P1000")


def _results(lang: str, text: str) -> set[tuple[str, str, str]]:
    """The results the default pipeline states for a text."""
    article = Article(id="t", text=text, lang=lang, date="2026-03-01")
    return {(s.subject.label, s.property,
             s.value.label if isinstance(s.value, Entity) else str(s.value.value))
            for s in extract_article(cached_nlp(lang, linker=False), article)
            if s.property in RESULTS}


DENIED = [
    ("nl", "Femke Dorp won zondag niet de 1000 meter van de Olympische Spelen in Milaan."),
    ("nl", "Femke Dorp won geen medaille op de Olympische Spelen in Milaan."),
    ("nl", "Femke Dorp wil op de Olympische Spelen in Milaan goud winnen."),
    ("nl", "Femke Dorp hoopt op de Spelen in Milaan goud te winnen."),
    ("nl", "Femke Dorp kan zondag de 1000 meter van de Olympische Spelen in Milaan winnen."),
    ("nl", "Femke Dorp versloeg zaterdag Iris Veen niet."),
    ("nl", "Femke Dorp wist Iris Veen niet te verslaan."),
    ("nl", "Femke Dorp reed geen wereldrecord in Calgary."),
    ("en", "Gemma Lowe did not win gold at the Olympic Games in Milan."),
    ("en", "Gemma Lowe never won the Australian Open."),
    ("en", "Gemma Lowe wants to win gold at the Olympic Games in Milan."),
    ("en", "Gemma Lowe failed to win a medal at the Olympic Games in Milan."),
    ("en", "Gemma Lowe could win the 1000 m at the Olympic Games in Milan on Sunday."),
    ("en", "Gemma Lowe did not set a world record in Calgary."),
    ("en", "If Gemma Lowe wins the 1000 m at the Olympic Games in Milan, she will be champion."),
]


@pytest.mark.parametrize(("lang", "text"), DENIED)
def test_a_result_denied_or_wished_for_is_not_stated(lang: str, text: str) -> None:
    assert _results(lang, text) == set()


DONE = [
    ("nl", "Femke Dorp won zondag goud op de 1000 meter van de Olympische Spelen in Milaan.",
     ("Femke Dorp", "P166", "Olympic gold medal")),
    ("nl", "Femke Dorp versloeg zaterdag Iris Veen in de finale.",
     ("Femke Dorp", "sk:defeated", "Iris Veen")),
    ("en", "Gemma Lowe won gold at the Olympic Games in Milan.",
     ("Gemma Lowe", "P166", "Olympic gold medal")),
    # "could only" tells what happened
    ("en", "Gemma Lowe could only finish third in the 1000 m at the Olympic Games in Milan.",
     ("Gemma Lowe", "P166", "Olympic bronze medal")),
    # a denial after the result does not reach back to it
    ("en", "After winning gold at the Olympic Games in Milan, Gemma Lowe never raced again.",
     ("Gemma Lowe", "P166", "Olympic gold medal")),
]


@pytest.mark.parametrize(("lang", "text", "fact"), DONE)
def test_a_result_told_as_done_stays(lang: str, text: str,
                                     fact: tuple[str, str, str]) -> None:
    assert fact in _results(lang, text)


def test_a_title_that_describes_its_subject_stays_when_the_sentence_denies_a_win() -> None:
    doc, context = processed("nl", "Wereldkampioene Femke Dorp won zaterdag niet.")
    person = Person("Femke Dorp", doc.text.index("Femke"), doc.text.index(" won"))
    title = Fact(person, "P166", Concept("world champion", "award"), 0, "test", 0.9,
                 descriptive=True)
    win = Fact(person, "sk:won", Concept("1000 m, 2026 World Cup", "event"), 0, "test", 0.9)
    assert factual(doc, context, [title, win]) == [title]


def test_facts_other_than_results_are_not_judged() -> None:
    doc, context = processed("nl", "Femke Dorp won niet, zei haar coach Iris Veen.")
    coached = Fact(Person("Femke Dorp", 0, 10), "sk:coachedBy", Person("Iris Veen", 0, 0),
                   0, "test", 0.9)
    assert factual(doc, context, [coached]) == [coached]
    assert "sportkg_factuality" in cached_nlp("nl", linker=False).pipe_names
    assert FACTS_KEY not in doc.user_data or all(
        f.property not in RESULTS for f in doc.user_data[FACTS_KEY])


def test_a_place_below_first_takes_back_the_classifier_s_win_of_that_sentence() -> None:
    text = ("Anna Berg won zaterdag de Ronde van Vlaanderen. Titelverdediger Lisa Holm werd "
            "vierde in de Ronde van Vlaanderen.")
    found = _results("nl", text)
    assert ("Lisa Holm", "sk:won", "Tour of Flanders 2026") not in found
    # a defending champion won the edition before
    assert ("Lisa Holm", "sk:won", "Tour of Flanders 2025") in found
    assert ("Anna Berg", "sk:won", "Tour of Flanders 2026") in found


def test_a_place_below_first_beats_no_one_in_that_sentence() -> None:
    found = _results("en", "At the Grand Prix of Spain on Sunday, Tom Hale took third ahead of "
                           "Pete Rowe in fourth.")
    assert ("Tom Hale", "sk:defeated", "Pete Rowe") not in found
    found = _results("en", "At the Grand Prix of Spain on Sunday, Tom Hale won ahead of Pete Rowe.")
    assert ("Tom Hale", "sk:defeated", "Pete Rowe") in found


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Gemma Lowe won the title in Leeds without beating Iris Veen."),
    ("nl", "Femke Dorp won de titel in Utrecht zonder Iris Veen te verslaan."),
])
def test_a_defeat_done_without_is_not_stated(lang: str, text: str) -> None:
    """A clause opened by "without" denies its result; the title in the main clause is still
    won, but the rival was not beaten: the defeat is judged by its own verb."""
    assert not {r for r in _results(lang, text) if r[1] == "sk:defeated"}
