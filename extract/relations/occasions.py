"""On which occasions a result was won: a list of years is one result per year ("won the
Open in 2010, 2011 and 2013"); a count of wins with no year is no result of the
article's days ("has won the Tour four times", "vier keer de Ronde gewonnen"); the year of
"since X in 2011" is X's result's.

Each reads the sentence of a fact the extractors already made, and rewrites its event's
year: the extractors date an event by the first year a sentence names, or by the
article's day when it names none.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import LiteralValue
from .editions import edition_year
from .engine import Concept, Fact, Person

if TYPE_CHECKING:
    from .engine import ArticleContext

RESULTS = frozenset({"sk:won", "P166"})
"""The properties whose event an occasion dates: a win's value, a medal's `P1344`."""

_YEAR = r"(?:19|20)\d\d"
_YEAR_LIST = re.compile(
    rf"\b(?P<items>{_YEAR}(?:\s*,\s*{_YEAR})*\s*,?\s+(?:en|and|&)\s+"
    rf"(?:(?:again|also|once\s+more|opnieuw|nogmaals|ook)\s+)?(?:in\s+)?{_YEAR}"
    rf"|{_YEAR}(?:\s*,\s*{_YEAR}){{2,}})\b(?!\s*[/–-]\s*\d)")
"""Three or more years joined by commas, or two or more closed by "en"/"and" ("in 2015
and again in 2018", "in 2015 en opnieuw in 2018")."""

_SEASON_OR_YEAR = re.compile(rf"\b{_YEAR}(?:\s*[–/-]\s*\d{{2,4}})?\b")

_NUMBER_WORDS = (
    r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,2}")
_COUNTED = re.compile(
    rf"(?:\b(?<!de\s)(?<!het\s)(?<!the\s)(?:{_NUMBER_WORDS})(?:\s+|-)(?:keer|maal|times)\b"
    rf"|\b(?:twice|thrice|tweemaal|driemaal|viermaal|vijfmaal)\b)(?!\s*,?\s+(?:and|en)\s)"
    rf"|\b(?:{_NUMBER_WORDS})\s+(?:[\w'’.-]+\s+){{0,4}}?(?:titles|titels|zeges|wins|"
    rf"victories|overwinningen)\b",
    re.IGNORECASE)
"""A count of wins ("vier keer", "four times", "twice", "tweemaal", "four Tour de France
titles"); not an ordinal occasion ("voor de vierde keer", "for the fourth time": that one
is now), nor a count that describes the winner ("two-time champion X won on Sunday"), nor
one of the verb before a second ("attacked twice and won the stage")."""


def _redated(event: Concept, year: str, other: str) -> Concept:
    """The same competition in another year's edition, named in the same form."""
    return Concept(re.sub(rf"\b{year}\b", other, event.label, count=1), event.type)


def _event_of(fact: Fact) -> Concept | None:
    if fact.property == "sk:won":
        return fact.value if isinstance(fact.value, Concept) else None
    event = dict(fact.qualifiers).get("P1344")
    return event if isinstance(event, Concept) else None


def _with_event(fact: Fact, event: Concept, year: str) -> Fact:
    # the place and time of the fact's own occasion are not another's
    quals = [(k, v) for k, v in fact.qualifiers if k not in ("P585", "P1344", "P276", "P2781")]
    if fact.property == "P166":
        quals.insert(0, ("P1344", event))
    quals.append(("P585", LiteralValue(year, "date", "year")))
    value = event if fact.property == "sk:won" else fact.value
    return dataclasses.replace(fact, value=value, qualifiers=tuple(quals))


def listed_years(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Each win or medal dated by one year of a list its sentence gives, and one more for
    every other year of the list ("won the Australian Open in 2010, 2011 and 2013": three
    wins). Only a list right after the event, or right after "in"/"at" in a sentence
    that names a single competition, dates it."""
    out: list[Fact] = []
    seen: set[tuple[object, ...]] = set()
    for fact in facts:
        out.append(fact)
        event = _event_of(fact) if fact.property in RESULTS else None
        year = edition_year(event.label) if event is not None else None
        if event is None or year is None or not 0 <= fact.sentence < len(context.sentences):
            continue
        for years in _lists(context.sentences[fact.sentence].text):
            if year not in years:
                continue
            for other in years:
                if other == year:
                    continue
                added = _with_event(fact, _redated(event, year, other), other)
                key = (added.subject, added.property, added.value, added.qualifiers)
                if key not in seen:
                    seen.add(key)
                    out.append(added)
            break
    return _unlisted_dropped(context, out)


def _result_key(fact: Fact) -> tuple[object, ...] | None:
    """A result without its date: who, what and, for a win, the event without its year."""
    if fact.property not in RESULTS or not isinstance(fact.value, Concept):
        return None
    value = _SEASON_OR_YEAR.sub("", fact.value.label).strip(" ,") if fact.property == \
        "sk:won" else fact.value.label
    return (fact.sentence, getattr(fact.subject, "name", None) or fact.subject, fact.property,
            value)


def _year_of(fact: Fact) -> str | None:
    event = _event_of(fact)
    year = edition_year(event.label) if event is not None else None
    date = dict(fact.qualifiers).get("P585")
    return year or (str(date.value)[:4] if isinstance(date, LiteralValue) else None)


def _unlisted_dropped(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Without a result the sentence also gives for each year of its list, dated by none of
    them ("X, who won gold in 2016 and 2020, retired on Monday": no gold of that Monday)."""
    listed: dict[int, set[str]] = {}
    for fact in facts:
        if fact.property in RESULTS and 0 <= fact.sentence < len(context.sentences) and \
                fact.sentence not in listed:
            listed[fact.sentence] = {y for years in _lists(
                context.sentences[fact.sentence].text) for y in years}
    read = [(fact, _result_key(fact), _year_of(fact)) for fact in facts]
    dated = {key for fact, key, year in read
             if key is not None and year in listed.get(fact.sentence, ())}
    return [fact for fact, key, year in read
            if not (key in dated and listed.get(fact.sentence)
                    and year not in listed[fact.sentence])]


_SINCE_NAMED = re.compile(
    rf"\b(?:since|sinds|sedert)\s+(?:[\w’'.-]+\s+){{0,4}}?⟨P(?P<k>\d+)⟩\s*(?:in\s+|\()?"
    rf"(?P<year>{_YEAR})\b", re.IGNORECASE)
"""The last one before, named with the year of their result ("the first Dane to take the
title since X in 2011", "de eerste Nederlander sinds X in 2011")."""


def since_years(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A win or medal of the person a "since X in YEAR" phrase names is of that year's
    edition: the year counts from their result, and the sentence's own result, of another
    year, is the other subject's ("the first Dane to take the title since X in 2011").
    A win of the sentence's subject implies X's win of the same event in that year, which
    is added when no reader stated it ("sinds X in 2011 die de Ronde won")."""
    out: list[Fact] = []
    for fact in facts:
        event = _event_of(fact) if fact.property in RESULTS else None
        year = edition_year(event.label) if event is not None else None
        named = _since_named(context, fact) if event is not None and year is not None else None
        if event is None or year is None or named is None or named == year:
            out.append(fact)
            continue
        out.append(_with_event(fact, _redated(event, year, named), named))
    return out + list(_wins_of_the_last_before(context, out))


_WIN_WORDS = re.compile(r"\b(?:win|wins|won|winning|winnen|wint|wonnen|gewonnen|winnaar)\b",
                        re.IGNORECASE)
"""Words of winning: a sentence with two names two results, and the one a "since X"
phrase counts from is not known."""


def _wins_of_the_last_before(context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
    """X's win in YEAR of the event a subject wins in a sentence that names them "the
    first since X in YEAR" (X is not the subject; one win per X and event)."""
    have = {(f.subject.name, f.value.label) for f in facts if f.property == "sk:won"
            and isinstance(f.subject, Person) and isinstance(f.value, Concept)}
    for fact in facts:
        if fact.property != "sk:won" or not isinstance(fact.value, Concept) or not \
                isinstance(fact.subject, Person) or not 0 <= fact.sentence < len(
                    context.sentences):
            continue
        year = edition_year(fact.value.label)
        if year is None:
            continue
        sentence = context.sentences[fact.sentence]
        if len(_WIN_WORDS.findall(sentence.text)) > 1:
            continue  # "won X ... and became the first since Y to win two majors": which?
        for m in _SINCE_NAMED.finditer(sentence.masked):
            k = int(m.group("k"))
            if k >= len(sentence.people) or sentence.people[k].name == fact.subject.name \
                    or m.group("year") >= year:
                continue
            person = sentence.people[k]
            event = _redated(fact.value, year, m.group("year"))
            if (person.name, event.label) in have:
                continue
            have.add((person.name, event.label))
            yield Fact(person, "sk:won", event,
                       fact.sentence, fact.extractor, round(fact.confidence * 0.9, 3),
                       (("P585", LiteralValue(m.group("year"), "date", "year")),))


def _since_named(context: ArticleContext, fact: Fact) -> str | None:
    """The year a "since X in YEAR" phrase of the fact's sentence gives its subject X."""
    if not isinstance(fact.subject, Person) or not 0 <= fact.sentence < len(context.sentences):
        return None
    sentence = context.sentences[fact.sentence]
    for m in _SINCE_NAMED.finditer(sentence.masked):
        k = int(m.group("k"))
        if k < len(sentence.people) and sentence.people[k].name == fact.subject.name:
            return m.group("year")
    return None


def _lists(text: str) -> Iterator[list[str]]:
    for found in _YEAR_LIST.finditer(text):
        yield re.findall(_YEAR, found.group("items"))


def counted_wins(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A win or medal the sentence counts ("heeft vier keer de Ronde gewonnen", "has won
    four Tour de France titles") without naming a year: the competition, undated, not the
    edition of the article's days."""
    out: list[Fact] = []
    for fact in facts:
        event = _event_of(fact) if fact.property in RESULTS else None
        if event is None or not 0 <= fact.sentence < len(context.sentences):
            out.append(fact)
            continue
        text = context.sentences[fact.sentence].text
        year = edition_year(event.label)
        if year is None or year in text or not _COUNTED.search(text):
            out.append(fact)
            continue
        bare = Concept(re.sub(r"\s{2,}", " ", _SEASON_OR_YEAR.sub("", event.label)).strip(" ,"),
                       event.type)
        quals = tuple((k, bare if k == "P1344" else v) for k, v in fact.qualifiers
                      if k != "P585")
        value = bare if fact.property == "sk:won" else fact.value
        out.append(dataclasses.replace(fact, value=value, qualifiers=quals))
    return out
