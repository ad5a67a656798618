"""Race times as written in sports news ("1.11,84", "1:11.84", "36,49", "1 minute, 53.20
seconds", "18 minuten en 7 seconden") to seconds.

One parser for the whole package: the extractors read race times in articles with it
(`extract.normalize.find_race_times` finds them), the graph writes them as quantities in
seconds with it and the evaluation compares them with it.
"""

from __future__ import annotations

import re


def parse_race_time(text: str) -> float | None:
    """Seconds of a race time written as "1.11,84", "1:11.84", "1.14.17", "36,49", "41.399".

    Minutes and seconds after the first part must be below 60, so "1.75,00" is no time.

    Examples:
        >>> parse_race_time("1.11,84"), parse_race_time("36,49"), parse_race_time("2:18:33")
        (71.84, 36.49, 8313.0)
        >>> parse_race_time("1.75,00") is None, parse_race_time("geen tijd") is None
        (True, True)
    """
    spelled = SPELLED_TIME.fullmatch(text.strip())
    if spelled is not None and spelled.group("s"):
        return _spelled_seconds(spelled)
    text = text.strip().rstrip("s").strip()
    if not re.fullmatch(r"\d+(?:[.:,]\d+)*", text) or text.count(",") > 1:
        return None
    fraction = ""
    if "," in text:
        text, fraction = text.split(",")
    elif ":" in text and "." in text.rsplit(":", 1)[1]:
        text, fraction = text.rsplit(".", 1)
    elif ":" not in text and "." in text:
        text, fraction = text.rsplit(".", 1)
    parts = re.split(r"[.:]", text)
    if not all(p.isdigit() for p in parts) or (fraction and not fraction.isdigit()):
        return None
    if any(int(p) >= 60 for p in parts[1:]):
        return None
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return round(seconds + (float("0." + fraction) if fraction else 0.0), 3)


_NUMBER_WORDS: dict[str, int] = {
    word: i for words in (
        "zero one two three four five six seven eight nine ten eleven twelve".split(),
        "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf".split(),
    ) for i, word in enumerate(words)
}
_COUNT = r"(?:\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_AND = r"(?:\s*,\s*|\s+)(?:(?:and|en)\s+)?"
SPELLED_TIME = re.compile(
    rf"(?:(?P<h>{_COUNT})\s+(?:hours?|uur|uren){_AND})?"
    rf"(?:(?P<m>{_COUNT})\s+(?:minutes?|minuten|minuut){_AND})?"
    r"(?P<s>\d{1,2}(?:[.,]\d{1,3})?)\s+(?:seconds?|seconden|seconde)\b",
    re.IGNORECASE)
"""A race time in words ("3 hours, 12 minutes and 5 seconds", "two minutes 31.5 seconds",
"18 minuten en 7 seconden"); hours and minutes as digits or small number words."""


def _count(word: str | None) -> int:
    if not word:
        return 0
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _spelled_seconds(m: re.Match[str]) -> float | None:
    """Seconds of a time in words; None when minutes or seconds are not below 60.

    Examples:
        >>> parse_race_time("3 hours, 12 minutes and 5 seconds")
        11525.0
        >>> parse_race_time("two minutes 31.5 seconds"), parse_race_time("36,49 seconden")
        (151.5, 36.49)
    """
    seconds = float(m.group("s").replace(",", "."))
    minutes = _count(m.group("m"))
    if seconds >= 60 or (m.group("h") and minutes >= 60):
        return None
    return round(_count(m.group("h")) * 3600 + minutes * 60 + seconds, 3)
