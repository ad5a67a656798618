"""Normalisers: turn the words of a news article into typed values.

Dates relative to the publication date ("maandag", "vorig jaar", "on Sunday",
"3 februari 2024"), ages ("27-jarige", "twintigjarige", "35-year-old"),
distances ("1000 meter", "1,000m", "500 m"), race times ("1.11,84",
"1:11.84", "37,15") and rankings ("tweede", "third"). Everything here is pure
Python and language data; nothing needs spaCy.

Examples:
    >>> resolve_weekday("maandag", "2026-02-10")
    '2026-02-09'
    >>> parse_distance("1,000m")
    1000
    >>> find_race_times("Kok reed 1.11,84.")
    [('1.11,84', 71.84, 9)]
    >>> parse_ranking("tweede")
    2
"""

from __future__ import annotations

import datetime as _dt
import re

from ..racetime import SPELLED_TIME, parse_race_time

WEEKDAYS: dict[str, int] = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
    "zaterdag": 5, "zondag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
"""Weekday names (Dutch and English) -> Python weekday number."""

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
"""Month names and abbreviations (Dutch and English) -> month number."""

NUMBER_WORDS: dict[str, int] = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
    "negentien": 19, "twintig": 20, "eenentwintig": 21, "tweeëntwintig": 22,
    "dertig": 30, "veertig": 40, "vijftig": 50,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
"""Number words for ages and counts."""

ORDINALS: dict[str, int] = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
    "zevende": 7, "achtste": 8, "negende": 9, "tiende": 10,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
    "elfde": 11, "twaalfde": 12, "dertiende": 13, "veertiende": 14, "vijftiende": 15,
    "zestiende": 16, "zeventiende": 17, "achttiende": 18, "negentiende": 19,
    "twintigste": 20, "eenentwintigste": 21,
    "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
}
"""Ordinal words for rankings and the stages of a stage race (up to 21)."""


def parse_date(text: str | None) -> _dt.date | None:
    """Parse "YYYY-MM-DD" into a date, None when absent or malformed."""
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def resolve_weekday(word: str, published: str | None) -> str | None:
    """The date of a weekday named in an article: the latest such day on or before publication.

    Examples:
        >>> resolve_weekday("zondag", "2026-02-16")
        '2026-02-15'
        >>> resolve_weekday("Friday", "2024-11-16")
        '2024-11-15'
    """
    pub = parse_date(published)
    day = WEEKDAYS.get(_weekday_stem(word))
    if pub is None or day is None:
        return None
    delta = (pub.weekday() - day) % 7
    return (pub - _dt.timedelta(days=delta)).isoformat()


def _weekday_stem(word: str) -> str:
    w = word.lower()
    for suffix in ("avond", "middag", "ochtend", "nacht", "morgen"):
        if w.endswith(suffix) and w[: -len(suffix)] in WEEKDAYS:
            return w[: -len(suffix)]
    return w


_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)\.?(?:\s+(\d{4}))?\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]+)\s+(\d{4})\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_WEEKDAY = re.compile(
    r"\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)(?:avond|middag|ochtend|nacht)?\b",
    re.IGNORECASE,
)
_RELATIVE_YEAR = re.compile(
    r"\b(vorig jaar|afgelopen jaar|last year|dit jaar|this year|een jaar eerder|"
    r"a year earlier|the year before|het jaar ervoor|"
    r"(\w+) jaar (?:geleden|eerder)|(\w+) years (?:ago|earlier))\b",
    re.IGNORECASE,
)
_ERA = re.compile(
    r"\b(?:(?:de|the)\s+jaren\s+(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|"
    r"negentig|'?[1-9]0)|the\s+(?:19|20)?[0-9]0'?s|the\s+(?:twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties)|(?:begin|eind|midden)\s+jaren\s+\w+|"
    r"destijds|in\s+(?:zijn|haar|his|her)\s+(?:jeugd|youth|tienerjaren|teens)|"
    r"as\s+a\s+(?:child|boy|girl|teenager)|als\s+(?:kind|tiener|jongen|meisje))\b",
    re.IGNORECASE,
)
"""A time of the past no day, month or year pins down: a decade ("in de jaren negentig",
"the 1990s"), "destijds", one's youth. A sentence with one is not about the days of its
article."""

_TODAY = re.compile(r"\b(vandaag|today|gisteren|yesterday|vanavond|tonight)\b", re.IGNORECASE)


_EARLIER_BY = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|een|één|twee|drie|vier|vijf|zes|zeven|"
    r"\d{1,2})\s+(?P<unit>days?|weeks?|dag|dagen|week|weken)\s+"
    r"(?:earlier|before|previously|eerder|daarvoor|ervoor|tevoren)\b",
    re.IGNORECASE,
)


def days_earlier(sentence: str) -> int | None:
    """How many days before the story's last dated moment a sentence is set, when it says
    so ("een week eerder", "three days earlier"); None when it does not.

    Examples:
        >>> days_earlier("Een week eerder won hij de Ronde van Vlaanderen.")
        7
        >>> days_earlier("Two days before, she had crashed."), days_earlier("Ze won.")
        (2, None)
    """
    match = _EARLIER_BY.search(sentence)
    if match is None:
        return None
    word = match.group("n").lower()
    count = 1 if word in ("a", "an") else parse_count(word)
    if count is None:
        return None
    return count * (7 if match.group("unit").lower().startswith("week") else 1)


def names_an_era(sentence: str) -> bool:
    """Whether a sentence places itself in an undated past ("in de jaren negentig").

    Examples:
        >>> names_an_era("Zijn vader was in de jaren negentig Nederlands kampioen.")
        True
        >>> names_an_era("She won the title in the 1990s."), names_an_era("Ze won zaterdag.")
        (True, False)
    """
    return _ERA.search(sentence) is not None


def names_relative_day(sentence: str) -> bool:
    """Whether a sentence places itself on a day only the publication date pins down
    ("dinsdag", "on Sunday", "gisteren"): in an undated article it speaks of the story's
    own days, though its date stays unresolved.

    Examples:
        >>> names_relative_day("Stam won dinsdag goud."), names_relative_day("Stam won goud.")
        (True, False)
    """
    return _WEEKDAY.search(sentence) is not None or _TODAY.search(sentence) is not None


def find_date(sentence: str, published: str | None) -> tuple[str, str] | None:
    """The date a sentence speaks of, resolved against the publication date.

    Returns (value, precision) with precision "day", "month" or "year", or None.
    An explicit day ("3 februari 2024", "July 1") wins over a weekday, which wins
    over a month with a year, a bare year or a relative year ("vorig jaar").

    Examples:
        >>> find_date("Leerdam won maandag goud.", "2026-02-10")
        ('2026-02-09', 'day')
        >>> find_date("Vorig jaar won hij zilver.", "2020-02-02")
        ('2019', 'year')
        >>> find_date("In maart 2025 vroeg hij haar ten huwelijk.", None)
        ('2025-03', 'month')
    """
    pub = parse_date(published)
    candidates = [(m.start(), int(m.group(1)), m.group(2), m.group(3))
                  for m in _DAY_MONTH.finditer(sentence)]
    candidates += [(m.start(), int(m.group(2)), m.group(1), m.group(3))
                   for m in _MONTH_DAY.finditer(sentence)]
    for _, day, month_word, year in sorted(candidates):
        month = MONTHS.get(month_word.lower())
        if month is None or not 1 <= day <= 31:
            continue
        if year is None:
            if pub is None:
                continue
            y = pub.year
            try:
                candidate = _dt.date(y, month, day)
            except ValueError:
                continue
            if candidate > pub + _dt.timedelta(days=60):
                y -= 1
        else:
            y = int(year)
        try:
            return _dt.date(y, month, day).isoformat(), "day"
        except ValueError:
            continue
    weekday = _WEEKDAY.search(sentence)
    if weekday and pub is not None:
        resolved = resolve_weekday(weekday.group(1), published)
        if resolved:
            return resolved, "day"
    today = _TODAY.search(sentence)
    if today and pub is not None:
        word = today.group(1).lower()
        back = 1 if word in ("gisteren", "yesterday") else 0
        return (pub - _dt.timedelta(days=back)).isoformat(), "day"
    for m in _MONTH_YEAR.finditer(sentence):
        month = MONTHS.get(m.group(1).lower())
        if month is not None:
            return f"{int(m.group(2)):04d}-{month:02d}", "month"
    year = _YEAR.search(sentence)
    if year:
        return year.group(1), "year"
    rel = _RELATIVE_YEAR.search(sentence)
    if rel and pub is not None:
        phrase = rel.group(1).lower()
        if phrase in ("vorig jaar", "afgelopen jaar", "last year", "een jaar eerder",
                      "a year earlier", "the year before", "het jaar ervoor"):
            return str(pub.year - 1), "year"
        if phrase in ("dit jaar", "this year"):
            return str(pub.year), "year"
        count = rel.group(2) or rel.group(3)
        n = parse_count(count) if count else None
        if n is not None:
            return str(pub.year - n), "year"
    return None


def parse_count(word: str) -> int | None:
    """A small number written as digits or as a word ("vier", "four")."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


_AGE_WORD = re.compile(r"^([a-zëé]+?)jarige?$")


def parse_age_word(word: str) -> int | None:
    """The age in "27-jarige", "twintigjarige", "35-year-old", "four-year-old".

    Examples:
        >>> parse_age_word("27-jarige"), parse_age_word("twintigjarige")
        (27, 20)
        >>> parse_age_word("35-year-old")
        35
    """
    w = word.lower()
    m = re.match(r"^(\d{1,3})[-\s]?(?:jarige?|year[-\s]old)$", w)
    if m:
        return _plausible_age(int(m.group(1)))
    m = re.match(r"^([a-z]+)[-\s]year[-\s]old$", w)
    if m:
        n = NUMBER_WORDS.get(m.group(1))
        return _plausible_age(n) if n else None
    m = _AGE_WORD.match(w)
    if m:
        n = NUMBER_WORDS.get(m.group(1))
        return _plausible_age(n) if n else None
    return None


def _plausible_age(n: int) -> int | None:
    return n if 0 < n < 110 else None


_DISTANCE = re.compile(
    r"(?<![\d.,])(\d{1,2}(?:[.,\s]\d{3})|\d{2,5})(?:\s?(?:-\s?)?(meter|metres|meters|metre|m)\b"
    r"|(?=\s(?:freestyle|butterfly|backstroke|breaststroke|individual\s+medley|vrije\s+slag|"
    r"vlinderslag|rugslag|schoolslag|wisselslag)\b))",
    re.IGNORECASE,
)
"""A distance: a number with its unit, or before a swimming stroke ("the 1500 freestyle")."""

_SWIM_DISTANCES = frozenset({50, 100, 200, 400, 800, 1500})
"""The distances a swimming stroke is raced over, written without a unit."""


def parse_distance(text: str) -> int | None:
    """Metres in "1000 meter", "1,000m", "500 m", "10.000 meter"; None when absent.

    Examples:
        >>> parse_distance("op de 10.000 meter")
        10000
    """
    found = find_distances(text)
    return found[0][0] if found else None


def find_distances(text: str) -> list[tuple[int, int, int]]:
    """Every distance in `text` as (metres, start, end) character positions."""
    out: list[tuple[int, int, int]] = []
    for m in _DISTANCE.finditer(text):
        value = int(re.sub(r"[^\d]", "", m.group(1)))
        if (60 <= value <= 50000) if m.group(2) else value in _SWIM_DISTANCES:
            out.append((value, m.start(), m.end()))
    return out


RANKING = re.compile(r"[A-Z]{2,5}\s+(?:nr\.\s*|no\.\s*)?\d{1,4}")
"""A ranking after a name ("(IJF 12)", "(ATP 30)"): no team, whatever the recogniser says."""


_RACE_TIME = re.compile(r"\b(?:\d{1,2}[:.]\d{2}[:.,]\d{2,3}|\d{2}[,.]\d{2,3})\b")
"""A race time in running text: m.ss,hh / m:ss.hh / h:mm:ss, or ss,hh."""


_DISTANCE_UNIT = re.compile(r"\s*(?:m|km|meter|meters|metres|kilometer|kilometers)\b")
"""A unit after a number: the number is a distance, not a time."""


def find_race_times(text: str) -> list[tuple[str, float, int]]:
    """Every race time in `text`, in digits or in words: (as written, seconds, start position).

    The times are found here and read by `sportkg.racetime.parse_race_time`.
    """
    out: list[tuple[str, float, int]] = []
    spelled = [m for m in SPELLED_TIME.finditer(text)
               if m.group("m") or m.group("h")]  # "in 36.49 seconds" is found as digits
    for m in _RACE_TIME.finditer(text):
        if _DISTANCE_UNIT.match(text, m.end()) or any(s.start() <= m.start() < s.end()
                                                     for s in spelled):
            continue  # "de 10.000 meter": a distance with a thousands point
        seconds = parse_race_time(m.group(0))
        if seconds is not None and 5 <= seconds < 36000:
            out.append((m.group(0), seconds, m.start()))
    for m in spelled:
        seconds = parse_race_time(m.group(0))
        if seconds is not None and 5 <= seconds < 36000:
            out.append((m.group(0), seconds, m.start()))
    return sorted(out, key=lambda found: found[2])


def parse_ranking(word: str) -> int | None:
    """A place in a ranking: "tweede", "third", "2e", "3rd"."""
    w = word.strip().lower()
    if w in ORDINALS:
        return ORDINALS[w]
    m = re.match(r"^(\d{1,3})(?:e|de|ste|st|nd|rd|th)$", w)
    return int(m.group(1)) if m else None
