"""Race times as written in sports news ("1.11,84", "1:11.84", "36,49") to seconds.

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
