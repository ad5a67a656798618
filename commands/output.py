"""How the commands talk to the user: status lines, warnings and counted nouns.

Status lines and warnings go to stderr, so stdout carries only results; `--quiet`
silences both.
"""

from __future__ import annotations

from collections.abc import Mapping

import typer

IRREGULAR = {"person": "people", "child": "children"}
"""Plurals that no rule gives."""

COUNT_NAMES = {"triples": "quads"}
"""Names of store counts as the CLI says them: the store counts quads (graph, s, p, o)."""


def plural(count: int, noun: str) -> str:
    """`count` and `noun`, in the plural unless the count is one.

    Only the last word changes ("minted entity" -> "minted entities").

    Examples:
        >>> plural(1, "article"), plural(2, "article"), plural(0, "minted entity")
        ('1 article', '2 articles', '0 minted entities')
        >>> plural(3, "name-only person"), plural(2, "match")
        ('3 name-only people', '2 matches')
    """
    if count == 1:
        return f"{count} {noun}"
    head, _, word = noun.rpartition(" ")
    if word in IRREGULAR:
        word = IRREGULAR[word]
    elif word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u", ""):
        word = word[:-1] + "ies"
    elif word.endswith(("s", "x", "z", "ch", "sh")):
        word += "es"
    else:
        word += "s"
    return f"{count} {head + ' ' if head else ''}{word}"


def store_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """A store's statistics under the names the CLI prints (`triples` counts quads)."""
    return {COUNT_NAMES.get(key, key): value for key, value in counts.items()}


def counts_text(counts: Mapping[str, int]) -> str:
    """Store statistics as one phrase, e.g. "3 articles, 11 statements, 190 quads".

    Examples:
        >>> counts_text({"articles": 1, "persons": 2, "triples": 5})
        '1 article, 2 people, 5 quads'
    """
    singular = {"quads": "quad", "entities": "entity", "persons": "person"}
    parts = []
    for key, value in store_counts(counts).items():
        noun = singular.get(key, key.removesuffix("s"))
        parts.append(plural(value, noun))
    return ", ".join(parts)


def say(message: str) -> None:
    """A status line on stderr, prefixed `sportkg:` (silenced by --quiet)."""
    from .. import settings

    if not settings.QUIET:
        typer.echo(f"sportkg: {message}", err=True)


def warn(message: str) -> None:
    """A warning on stderr, prefixed `sportkg: warning:` (silenced by --quiet)."""
    say(f"warning: {message}")
