"""Trigger words: the lemmas that signal a relation, one table per language.

`triggers/<lang>.tsv` lists a lemma (or a two-word expression, "winnen van") and the
class of relation it signals: a defeat, a loss (the other side won), a win, being ahead,
joining or leaving a team, coaching, an award, a record, a partner, family. The pair
classifier reads the classes of the trigger words between two mentions, on the
dependency path joining them and around them, so that a trigger learnt from one verb
carries to the other words of its class ("versloeg" → "klopte", "beat" → "edged").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...errors import ConfigError

TRIGGER_DIR = Path(__file__).resolve().parent / "triggers"

CLASSES = frozenset({"defeat", "ahead", "lose", "win", "join", "leave", "coach", "award",
                     "record", "partner", "family"})
"""The relation classes a trigger word may signal."""


@lru_cache(maxsize=4)
def triggers(lang: str, directory: Path = TRIGGER_DIR) -> dict[str, frozenset[str]]:
    """Lemma (lower case; two words joined by a space) → the classes it signals.

    Raises:
        ConfigError: when the table is missing a column or names an unknown class.
    """
    path = directory / f"{lang if lang in ('nl', 'en') else 'en'}.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read trigger table {path.name}: {exc.strerror}") from exc
    out: dict[str, set[str]] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise ConfigError(f"{path.name}:{number}: expected a lemma and a class, tab-separated")
        lemma, cls = parts[0].strip().lower(), parts[1].strip()
        if cls not in CLASSES:
            raise ConfigError(f"{path.name}:{number}: unknown trigger class {cls!r} "
                              f"(one of {', '.join(sorted(CLASSES))})")
        out.setdefault(lemma, set()).add(cls)
    return {lemma: frozenset(classes) for lemma, classes in out.items()}


def classes_of(words: list[tuple[str, str]], lang: str) -> list[str]:
    """The trigger classes of a run of tokens, given as (lemma, lower-case text) pairs; a
    two-word trigger matches two tokens in a row."""
    table = triggers(lang)
    found: list[str] = []
    for i, (lemma, text) in enumerate(words):
        for key in {lemma, text}:
            found.extend(table.get(key, ()))
        if i + 1 < len(words):
            nxt_lemma, nxt_text = words[i + 1]
            for key in {f"{lemma} {nxt_lemma}", f"{text} {nxt_text}"}:
                found.extend(table.get(key, ()))
    return found
