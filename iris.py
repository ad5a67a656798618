"""Stable IRIs for entities that Wikidata does not (yet) know, and for articles.

Minted IRIs are derived only from normalised names and disambiguating facts,
so the same person gets the same IRI across articles and runs.

Examples:
    >>> mint_entity_iri("Jutta Leerdam", "person")
    'https://w3id.org/sportkg/entity/jutta-leerdam'
    >>> mint_entity_iri("Jutta Leerdam", "person", disambiguator="speed skating")
    'https://w3id.org/sportkg/entity/jutta-leerdam--speed-skating'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

DEFAULT_BASE = "https://w3id.org/sportkg/"
"""Default base of every IRI the project mints."""

ENTITY_BASE = DEFAULT_BASE + "entity/"
ARTICLE_BASE = DEFAULT_BASE + "article/"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents and collapse whitespace: the key names are compared by.

    Memoised, and ASCII text skips the Unicode decomposition: the lexicon folds every
    phrase it is asked about, most of them many times and nearly all of them ASCII.
    """
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().split())


def slugify(text: str) -> str:
    """A lower-case ASCII slug of `text` ("Femke Kok" -> "femke-kok"); never empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return slug or "x"


def mint_entity_iri(
    label: str, type: str, *, disambiguator: str | None = None, base: str = ENTITY_BASE
) -> str:
    """The minted IRI of an unlinked entity: base + slug of its name [+ "--" + disambiguator].

    Non-person types are prefixed with the type ("event/...") so a team and a
    person of the same name stay apart.
    """
    slug = slugify(label)
    if type not in ("person", "thing"):
        slug = f"{type}/{slug}"
    if disambiguator:
        slug = f"{slug}--{slugify(disambiguator)}"
    return base + slug


def article_iri(content_hash: str, *, base: str = ARTICLE_BASE) -> str:
    """The IRI of an article's named graph, from its content hash."""
    return base + content_hash
