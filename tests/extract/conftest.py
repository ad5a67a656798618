"""Shared pieces of the extraction tests: the rule pipelines and the facts they find."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sportkg.extract.relations.engine import PUBLISHED_KEY, ArticleContext
from sportkg.model import Article, Entity, Statement
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp

FactSet = set[tuple[str, str, object]]


def _rules_nlp(lang: str) -> Language:
    return cached_nlp(lang, pipeline="rules", linker=False)


def _facts(text: str, lang: str = "nl", date: str = "2026-02-10") -> FactSet:
    """The (subject, property, value) triples the rule pipeline finds in text."""
    article = Article(id="t", text=text, lang=lang, date=date)
    out: FactSet = set()
    for s in extract_article(_rules_nlp(lang), article):
        value = s.value.label if isinstance(s.value, Entity) else s.value.value
        out.add((s.subject.label, s.property, value))
    return out


def default_statements(lang: str, text: str, date: str = "2026-03-01") -> list[Statement]:
    """The statements the default pipeline (no linker) finds in a text published on
    `date`."""
    nlp = cached_nlp(lang, pipeline="auto", linker=False)
    return extract_article(nlp, Article(id="x", text=text, lang=lang, date=date))


def processed(lang: str, text: str, date: str = "2026-03-01") -> tuple[Doc, ArticleContext]:
    """The doc the default pipeline (no linker, no pair classifier) makes of a text
    published on `date`, and its article context."""
    nlp = cached_nlp(lang, linker=False, pairs=False)
    doc = nlp.make_doc(text)
    doc.user_data[PUBLISHED_KEY] = date
    doc = nlp(doc)
    return doc, ArticleContext.of(doc)


@pytest.fixture
def rules_nlp() -> Callable[[str], Language]:
    """The rule pipeline (no linker) of a language, loaded once per language."""
    return _rules_nlp


@pytest.fixture
def facts() -> Callable[..., FactSet]:
    """`facts(text, lang="nl", date="2026-02-10")`: the triples found in text."""
    return _facts
