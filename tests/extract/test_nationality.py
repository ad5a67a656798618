"""Nationality read from the parse: plural nationality nouns before the people they name,
predicate nouns that are or carry a nationality, the country someone competes for."""

from __future__ import annotations

import pytest

from sportkg.extract.relations.engine import Concept, Person
from sportkg.extract.relations.lexicon import Lexicon
from sportkg.extract.relations.nationality import nationality_facts

from .conftest import processed


def _countries(lang: str, text: str) -> set[tuple[str, str]]:
    doc, context = processed(lang, text)
    out: set[tuple[str, str]] = set()
    for fact in nationality_facts(doc, context, "sportkg_nationality"):
        assert fact.property == "P27"
        assert isinstance(fact.subject, Person) and isinstance(fact.value, Concept)
        out.add((fact.subject.name, fact.value.label))
    return out


FOUND = [
    ("nl", "Zondag wonnen de Noren Ole Berg en Lars Dahl.",
     {("Ole Berg", "Norway"), ("Lars Dahl", "Norway")}),
    ("nl", "Na de start reden de Fransen Jean Petit en Paul Blanc weg.",
     {("Jean Petit", "France"), ("Paul Blanc", "France")}),
    ("en", "The Americans Tom Hale and Pete Rowe won bronze.",
     {("Tom Hale", "United States"), ("Pete Rowe", "United States")}),
    ("nl", "Anna Berg werd de eerste Belgische wereldkampioene.", {("Anna Berg", "Belgium")}),
    ("nl", "Anna Berg is sinds vorig jaar de jongste Nederlandse kampioene.",
     {("Anna Berg", "Netherlands")}),
    ("en", "Tom Hale became the first Briton to win the title.",
     {("Tom Hale", "United Kingdom")}),
    ("nl", "Voor Nederland kwamen Anna Berg en Joy Smit uit.",
     {("Anna Berg", "Netherlands"), ("Joy Smit", "Netherlands")}),
    ("en", "Tom Hale represented Canada in Paris.", {("Tom Hale", "Canada")}),
    # the nationality on a noun that modifies the predicate noun, in a participle clause
    ("en", "Anna Kowal beat Maria Berg on Sunday, becoming the first Polish golf player to win it.",
     {("Anna Kowal", "Poland")}),
    ("nl", "Kees Mol werd de eerste Belgische baanwielrenner met die titel.",
     {("Kees Mol", "Belgium")}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), FOUND)
def test_found(lang: str, text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _countries(lang, text)


NOT_FOUND = [
    # a nationality on another noun than the predicate describes that noun
    ("nl", "Anna Berg is de coach van de Nederlandse ploeg.", ("Anna Berg", "Netherlands")),
    # a country played against is no side of one's own
    ("en", "Tom Hale played against Canada.", ("Tom Hale", "Canada")),
    # a denied side
    ("nl", "Anna Berg kwam nooit uit voor Nederland.", ("Anna Berg", "Netherlands")),
    # a nationality after a preposition is someone else's, however the parser hangs it
    ("nl", "De Belg Tom Claes eindigde als vierde, vlak voor de Nederlander Kees Mol.",
     ("Tom Claes", "Netherlands")),
    # a plural nationality noun not followed by the people
    ("nl", "Anna Berg versloeg de Noren.", ("Anna Berg", "Norway")),
]


@pytest.mark.parametrize(("lang", "text", "unexpected"), NOT_FOUND)
def test_not_found(lang: str, text: str, unexpected: tuple[str, str]) -> None:
    assert unexpected not in _countries(lang, text)


@pytest.mark.parametrize(("lang", "plural", "country"), [
    ("nl", "Belgen", "Belgium"), ("nl", "Noren", "Norway"), ("nl", "Fransen", "France"),
    ("nl", "Duitsers", "Germany"), ("nl", "Canadezen", "Canada"),
    ("nl", "Australiërs", "Australia"), ("en", "Frenchmen", "France"),
    ("en", "Americans", "United States"), ("en", "Britons", "United Kingdom"),
])
def test_a_plural_nationality_noun_finds_its_singular(lang: str, plural: str,
                                                     country: str) -> None:
    entry = Lexicon.load().plural_of("demonym", lang, plural)
    assert entry is not None and entry.label == country


def test_a_word_that_is_no_plural_of_a_nationality_finds_none() -> None:
    lexicon = Lexicon.load()
    assert lexicon.plural_of("demonym", "nl", "Bergen") is None
    assert lexicon.plural_of("demonym", "en", "Roberts") is None


def _nationalities(lang: str, text: str) -> set[tuple[str, str]]:
    """(person, country) of the default pipeline's nationality statements."""
    from sportkg.model import Article
    from sportkg.pipeline import extract_article

    from ..conftest import cached_nlp

    statements = extract_article(cached_nlp(lang, linker=False),
                                 Article(id="x", text=text, lang=lang, date="2026-03-01"))
    return {(s.subject.label, s.value.label) for s in statements  # type: ignore[union-attr]
            if s.property == "P27"}


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Anna Berg won daarna van de Spaanse Rosa Gil, de Poolse Ewa Nowak en "
     "in de finale van Lies Wouters."),
    ("nl", "Anna Berg versloeg Rosa Gil, de Poolse titelhoudster Ewa Nowak."),
])
def test_a_nationality_before_the_next_name_is_not_the_one_before_it(lang: str,
                                                                    text: str) -> None:
    found = _nationalities(lang, text)
    assert ("Ewa Nowak", "Poland") in found
    assert ("Rosa Gil", "Poland") not in found


def test_a_nationality_in_apposition_is_still_the_name_s_before_it() -> None:
    assert ("Ewa Nowak", "Poland") in _nationalities(
        "nl", "Daarna won Ewa Nowak, de Poolse, van Rosa Gil.")


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Anna Berg krijgt concurrentie van de Belgische Rosa Gil en Ewa Nowak uit Polen."),
    ("en", "Anna Berg faces the Belgian Rosa Gil and Ewa Nowak of Poland."),
])
def test_two_people_of_a_row_each_with_a_country_share_neither(lang: str, text: str) -> None:
    found = _nationalities(lang, text)
    assert {("Rosa Gil", "Belgium"), ("Ewa Nowak", "Poland")} <= found, found
    assert ("Rosa Gil", "Poland") not in found and ("Ewa Nowak", "Belgium") not in found, found
