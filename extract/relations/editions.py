"""The edition of a named competition: "Tour de France 2019", "2020–21 Serie A".

A tournament or race held once a year is named by its year. A league, a national cup
or a club competition is played over a season that spans two years, and its edition
is the season: a title won "in 2021" is the 2020–21 one, the season that ends that
year. Which competitions run over a season is a table (lexicon kind ``season``:
league, divisie, cup, beker, ...); words that make one match of it a single-year
event (``season_final``: final, finale, grand final) are another.
"""

from __future__ import annotations

import re

from ...iris import fold
from .lexicon import Lexicon

_SEASON = re.compile(r"\b((?:19|20)\d\d)\s*[/–-]\s*((?:19|20)?\d\d)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
SINCE_YEAR = re.compile(
    r"\b(?:since|sinds|sedert)\s+(?:[\w’'.-]+\s+){0,4}?(?:in\s+|\()?(?:19|20)\d\d\b",
    re.IGNORECASE)
"""A year a sentence counts from, or the last time before ("since Tokyo 2020", "sinds 2008",
"the first Dane to take the title since X in 2011"): not when its own result happened."""

SINCE_START = re.compile(r"\b(?:since|sinds|sedert)\s+((?:19|20)\d\d)\b(?!\s*[/–-]\s*\d)",
                         re.IGNORECASE)
"""The year a spell runs from ("sinds 2019", "since 2020"); not "since X in 2012", which
counts from someone else's result."""

def since_start(text: str, published: str | None) -> str | None:
    """The year a spell a sentence tells "since" starts (`SINCE_START`), unless it lies
    after the article's own year."""
    since = SINCE_START.search(text)
    if since is None or (published and since.group(1) > published[:4]):
        return None
    return since.group(1)


UNTIL_YEAR = re.compile(r"\b(?:tot|until|till|through)\s+(?:\w+\s+){0,3}?(?:19|20)\d\d\b",
                        re.IGNORECASE)
"""A year a contract runs to ("verlengd tot 2028", "tot het einde van 2028", "until the
summer of 2027"): when a spell ends, not when one begins."""

_DATING_YEAR = re.compile(r"(?<!\bsinds\s)(?<!\bsince\s)(?<!\bsedert\s)\b(?:19|20)\d\d\b",
                          re.IGNORECASE)
"""A year that may date an edition: not the start of a period ("sinds 1999 ongeslagen
op het WK", "unbeaten since 2019": no title of 1999)."""


def names_edition(name: str) -> bool:
    """Whether a competition's name already holds its year ("Giro d'Italia 2019")."""
    return _YEAR.search(name) is not None


def edition_year(name: str) -> str | None:
    """The first year a competition's name (or any text) holds ("Giro d'Italia 2019":
    "2019"), None for none."""
    found = _YEAR.search(name)
    return found.group(0) if found else None


def seasonal(name: str, lexicon: Lexicon | None = None) -> bool:
    """Whether a competition's name says it is played over a season (a league, a cup),
    and not one final of it."""
    lexicon = lexicon or Lexicon.load()
    plain = fold(name)  # "Primera División" is found as "Division"
    return bool(lexicon.find_all("season", "en", plain)) and not lexicon.find_all(
        "season_final", "en", plain)


def season(end_year: int) -> str:
    """The season ending in `end_year`: ``season(2021) == "2020–21"``."""
    return f"{end_year - 1}–{end_year % 100:02d}"


def named_season(text: str) -> str | None:
    """A season the text spells out ("2016/17", "2016-2017", "2016–17"), normalised."""
    found = _SEASON.search(text)
    if found is None:
        return None
    first, second = int(found.group(1)), int(found.group(2)[-2:])
    if (first + 1) % 100 != second:
        return None  # "1998-03": not a season
    return season(first + 1)


def edition_label(name: str, text: str, year: str | None = None,
                  lexicon: Lexicon | None = None) -> str:
    """The edition of competition `name` that `text` (its sentence) speaks of.

    A season the sentence spells out comes first; then, for a competition played over a
    season, the season ending in the sentence's year (else `year`, the year the article
    is dated); for any other, that year after the name. A name that already holds a year
    stays as it is.
    """
    if names_edition(name):
        return name
    spelled = named_season(text)
    if spelled is not None and seasonal(name, lexicon):
        return f"{spelled} {name}"
    found = _DATING_YEAR.search(SINCE_YEAR.sub(" ", text))
    named = found.group(0) if found else year
    if named is None:
        return name
    if seasonal(name, lexicon):
        return f"{season(int(named))} {name}"
    return f"{name} {named}"


_CLAUSE_BREAK = re.compile(r"[,;:–—]\s*|\s(?=(?:that|which|who|when|after|since|die|dat|toen|nadat|"
                           r"sinds|waarin|waarmee)\b)", re.IGNORECASE)


def clause_of(text: str, at: int) -> str:
    """The clause of `text` around character `at`: cut at punctuation and before a word
    that opens a subordinate clause ("won the marathon on Sunday, breaking the record
    that X had set in 2021": the year is the record's, not the marathon's)."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() > at:
            end = m.start()
            break
    return text[start:end]


def dating_text(text: str, at: int) -> str:
    """The part of a sentence whose years may date an event of the reported days named at
    character `at`: its own clause when that names no year, since a year another clause
    names is that clause's ("won the marathon on Sunday, breaking the record that X set in
    2021": not 2021's marathon); else the whole sentence."""
    own = clause_of(text, at)
    return text if _DATING_YEAR.search(own) else own


def edition_at(name: str, text: str, year: str | None, at: int) -> str:
    """`edition_label` of the competition named at character `at` of its sentence `text`:
    for an event of the reported days (`year` given), read in `dating_text`."""
    return edition_label(name, dating_text(text, at) if year is not None else text, year)
