"""Nationality read from the parse: the groups, predicates and sides that give it.

Three constructions name a person's country without the "de Belg X" the patterns read:

- a plural nationality noun with the people it names in apposition ("de Fransen X en Y",
  "the Americans X and Y"): each of them (the lexicon holds the singular nouns; the plural
  is brought back to one by the language's plural endings: "Belgen" → "Belg", "Noren" →
  "Noor", "Fransen" → "Fransman", "Duitsers" → "Duitser", "Frenchmen" → "Frenchman");
- a predicate noun that is a nationality or has one ("X werd de eerste Belgische
  wereldkampioene", "X was de eerste Nederlandse winnares", "X became the first Briton"):
  the subject;
- a country a person competes for ("X en Y kwamen uit voor Nederland", "X plays for
  Canada", "X represented Norway"): each subject.

Each gives `P27` with the country of the lexicon entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from .clauses import SUBJECT_DEPS, case_of, competitors, negated, subjects_of, verb_words
from .engine import ArticleContext, Concept, Fact, Person
from .lexicon import Entry, Lexicon
from .pairs import sentence_mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

COMPETING = frozenset({
    "uitkomen", "spelen", "rijden", "schaatsen", "zwemmen", "lopen", "starten", "play",
    "compete", "race", "ride", "skate", "swim", "run", "represent", "vertegenwoordigen",
})
"""Verbs (lemmas) of competing for a side: "for"/"voor" a country, or its object for
"represent"."""

FOR = frozenset({"voor", "for", "namens"})
"""Prepositions of the side someone competes for."""

BECOMING = frozenset({"worden", "zijn", "blijken", "become", "be", "remain", "blijven"})
"""Copulas and verbs of becoming whose predicate noun describes the subject."""

CONFIDENCE = 0.8
"""The confidence of a nationality read from the parse."""


def nationality_facts(doc: Doc, context: ArticleContext, name: str) -> list[Fact]:
    """The nationalities the parse gives in every sentence (see the module docstring)."""
    out: list[Fact] = []
    lexicon = Lexicon.load()
    lang = context.lang
    for index, named in enumerate(sentence_mentions(doc, context)):
        people = {i: p for i, p in competitors(
            doc, [m for m in named if m.kind == "person"], lang).items()
            if isinstance(p, Person)}
        if not people:
            continue
        countries = {i: m for m in named if m.kind in ("country", "nation")
                     for i in range(m.start, m.end)}
        sentence = context.sentences[index]
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            for person, country in _nationalities(token, people, countries, lexicon, lang):
                out.append(Fact(person, "P27", country, index, name, CONFIDENCE))
    return out


def _nationalities(token: Token, people: dict[int, Person], countries: Mapping[int, object],
                   lexicon: Lexicon, lang: str) -> Iterator[tuple[Person, Concept]]:
    """The (person, country) pairs one token states as the head of a construction."""
    entry = _plural_demonym(token, lexicon, lang)
    if entry is not None:  # "de Fransen X en Y": the people named right after it
        after = token.i + 1
        first = next((p for p in people.values()
                      if after < len(token.doc) and p.start == token.doc[after].idx), None)
        if first is not None:
            for member in _row(token.doc.text, first, people.values()):
                yield member, _country(entry)
        return
    if token.pos_ in ("NOUN", "PROPN"):
        described = _demonym(token, lexicon, lang) or next(
            (e for c in _modifiers(token) for e in [_demonym(c, lexicon, lang)]
             if e is not None), None)
        if described is not None and _is_predicate(token):
            for subject in _predicate_subjects(token):
                if subject.i in people:
                    yield people[subject.i], _country(described)
        return
    if token.pos_ not in ("VERB", "AUX") or negated(token):
        return
    lemmas = {lemma for lemma, _ in verb_words(token)}
    if not lemmas & COMPETING:
        return
    for child in token.children:
        case = case_of(child)
        if child.i not in countries or not (
                case in FOR or (case is None and child.dep_ == "obj"
                                and lemmas & {"represent", "vertegenwoordigen"})):
            continue
        country = lexicon.lookup("country", lang, child.text) or lexicon.lookup(
            "country", "en", child.text)
        if country is None:
            continue
        for subject in subjects_of(token):
            for joined in _with_conjuncts(subject):
                if joined.i in people:
                    yield people[joined.i], _country(country)


def _country(entry: Entry) -> Concept:
    """The country of a lexicon entry, as a fact value."""
    return Concept(entry.label, "country", entry.qid or None)


def _demonym(token: Token, lexicon: Lexicon, lang: str) -> Entry | None:
    """The nationality entry a word is (a noun "Belg", "Briton"; an adjective "Belgische")."""
    return lexicon.lookup("demonym", lang, token.text)


_MODIFIER_DEPS = frozenset({"amod", "compound"})


def _modifiers(noun: Token) -> Iterator[Token]:
    """The adjectives and nouns that modify a noun before it, also through one another
    ("de eerste Belgische baanwielrenner", "a Polish golf player": "Polish" modifies "golf",
    which modifies "player")."""
    for child in noun.children:
        if child.dep_ in _MODIFIER_DEPS and child.i < noun.i:
            yield child
            yield from _modifiers(child)


def _plural_demonym(token: Token, lexicon: Lexicon, lang: str) -> Entry | None:
    """The nationality entry of a capitalised plural noun ("Belgen", "Noren", "Frenchmen")."""
    if not token.text[:1].isupper() or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    found = lexicon.lookup("demonym", lang, token.text)  # "Nederlanders", "Amerikanen"
    if found is not None and token.text.endswith(("ers", "en")):
        return found
    return lexicon.plural_of("demonym", lang, token.text)


_JOINED = re.compile(r"\s*(?:,|,?\s*(?:en|and|&))\s*")
"""What stands between two people named in a row ("X, Y en Z", "X and Y")."""


def _row(text: str, first: Person, people: Iterable[Person]) -> list[Person]:
    """`first` and the people named right after it in a row ("X, Y en Z")."""
    by_start = {p.start: p for p in people}
    row = [first]
    while True:
        last = row[-1]
        nxt = next((p for start, p in sorted(by_start.items()) if start > last.end), None)
        if nxt is None or not _JOINED.fullmatch(text[last.end:nxt.start]):
            return row
        row.append(nxt)


def _with_conjuncts(token: Token) -> list[Token]:
    """A token and the tokens coordinated with it ("X en Y", "X, Y and Z")."""
    return [token, *(c for c in token.children if c.dep_ == "conj")]


def _is_predicate(noun: Token) -> bool:
    """Whether a noun is the predicate of a copula or a verb of becoming (not a noun after
    a preposition the parser gave the copula: "werd derde, voor de Nederlander X")."""
    if any(c.dep_ == "case" for c in noun.children):
        return False
    if any(c.dep_ == "cop" for c in noun.children):
        return True
    return noun.dep_ in ("xcomp", "obj", "attr") and noun.head.lemma_.lower() in BECOMING


def _predicate_subjects(noun: Token) -> Iterator[Token]:
    """The subjects a predicate noun describes: its own (with a copula), else its verb's."""
    own = [c for c in noun.children if c.dep_ in SUBJECT_DEPS]
    if own:
        for subject in own:
            yield from _with_conjuncts(subject)
        return
    if noun.head.i != noun.i:
        for subject in subjects_of(noun.head):
            yield from _with_conjuncts(subject)
