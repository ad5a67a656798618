"""World and European championships by the names their sport gives them.

An article names a championship the way its readers do ("het EK", "Euro 2022", "the
European Championship", "de WK", "the World Cup" of a team sport); the graph names it as
Wikidata names its editions, which depends on the sport and, in team sports, on whether
the men or the women played it: "UEFA Women's Euro 2017", "2025 Women's EuroHockey
Championship", "2018 Men's Hockey World Cup", "2024 European Athletics Championships". The
names are the lexicon's rows of kind `championship_name` (surface "world" or "european",
the sport, and "men" or "women" where the sport's championships are held apart; extra
"year last" where the year follows the name). A name the table does not hold, or a team
sport's championship whose players' gender the article does not tell, is left as it is.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, TypeVar, cast

from .engine import Concept, Person, gender_in
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .engine import ArticleContext, Fact

T = TypeVar("T")

_YEAR = re.compile(r"(?<![\w–-])((?:19|20)\d\d(?:[–-]\d\d)?)(?![\w–-])")
"""A year or season in an event's name ("2017", "2023–24")."""

GENERIC: dict[str, str] = {
    "ek": "european", "europees kampioenschap": "european",
    "europese kampioenschappen": "european", "european championship": "european",
    "european championships": "european", "euro": "european", "euros": "european",
    "wk": "world", "wereldkampioenschap": "world", "wereldkampioenschappen": "world",
    "world championship": "world", "world championships": "world",
}
"""The everyday names of a sport's world and European championship, in either language."""

TEAM_WORLD_CUP = "world cup"
"""In a team sport, the World Cup is its world championship (elsewhere a season of races)."""


def official_name(label: str, sport: str, gender: str, *, team_sport: bool) -> str:
    """The name of the championship edition `label` as its sport names it, or `label`.

    Args:
        label: an event's name, maybe after a discipline ("women's 500 m, WK 2019").
        sport: the sport's English label ("field hockey").
        gender: "women's", "men's" or "" (unknown).
        team_sport: whether the sport is played by teams (a World Cup is then a
            championship).

    Examples:
        >>> official_name("EK 2017", "association football", "women's", team_sport=True)
        "UEFA Women's Euro 2017"
        >>> official_name("2018 World Cup", "field hockey", "men's", team_sport=True)
        "2018 Men's Hockey World Cup"
        >>> official_name("European Championships 2024", "athletics", "", team_sport=False)
        '2024 European Athletics Championships'
        >>> official_name("World Cup 2026", "speed skating", "", team_sport=False)
        'World Cup 2026'
    """
    head, comma, edition = label.rpartition(", ")
    found = _YEAR.search(edition)
    year = found.group(1) if found else ""
    base = " ".join(_YEAR.sub(" ", edition).split()).lower()
    scope = GENERIC.get(base)
    if scope is None and team_sport and base == TEAM_WORLD_CUP:
        scope = "world"
    if scope is None:
        return label
    lexicon = Lexicon.load()
    entry = None
    if gender:
        entry = lexicon.lookup("championship_name", "*", f"{scope} {sport} {gender[:-2]}")
    if entry is None:
        entry = lexicon.lookup("championship_name", "*", f"{scope} {sport}")
    if entry is None:
        return label
    if not year:
        named = entry.label
    elif entry.extra == "year last":
        named = f"{entry.label} {year}"
    else:
        named = f"{year} {entry.label}"
    return f"{head}{comma}{named}"


def official_championships(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Facts with each championship they name (a win's event, a result's `P1344`) called
    as the article's sport calls it (see the module docstring); other facts as they are."""
    if context.sport is None:
        return facts
    lexicon = Lexicon.load()
    out: list[Fact] = []
    for fact in facts:
        if not (fact.property == "sk:won" or any(k == "P1344" for k, _ in fact.qualifiers)):
            out.append(fact)  # names no event: its sentence need not be read
            continue
        sentence = context.sentences[fact.sentence]
        subject = fact.subject.name if isinstance(fact.subject, Person) else None
        gender = gender_in(context, sentence, subject) or _article_gender(context)
        sport = _sport_of(context, sentence.text, subject)
        team = lexicon.contains("team_sport", context.lang, sport)
        value = _renamed(fact.value, sport, gender, team) if fact.property == "sk:won" \
            else fact.value
        quals = tuple((k, _renamed(v, sport, gender, team) if k == "P1344" else v)
                      for k, v in fact.qualifiers)
        if value is fact.value and quals == fact.qualifiers:
            out.append(fact)
        else:
            out.append(dataclasses.replace(fact, value=value, qualifiers=quals))
    return out


def _renamed(value: T, sport: str, gender: str, team: bool) -> T:
    """An event value under its sport's name for it (`official_name`); any other as it is."""
    if not isinstance(value, Concept) or value.type != "event":
        return value
    name = official_name(value.label, sport, gender, team_sport=team)
    if name == value.label:
        return value
    return cast(T, dataclasses.replace(value, label=name, qid=None))


def _sport_of(context: ArticleContext, text: str, subject: str | None) -> str:
    """The sport of a result: the one its sentence names ("plays handball and won the
    European Championship" in a football report), else the one the subject's role words
    name, else the article's."""
    named = {e.label for e in Lexicon.load().find_all("sport", context.lang, text)}
    if len(named) == 1:
        return named.pop()
    own = context.role_sports.get(subject, set()) if subject is not None else set()
    if len(own) == 1:
        return next(iter(own))
    return context.sport.label if context.sport is not None else ""


def _article_gender(context: ArticleContext) -> str:
    """"women's" or "men's" when every person whose gender the article tells is a woman, or
    every one a man; else ""."""
    genders = set(context.gender.values())
    if genders == {"female"}:
        return "women's"
    if genders == {"male"}:
        return "men's"
    return ""
