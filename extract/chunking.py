"""Feed very long articles to the pipeline in paragraph-sized parts, in bounded memory.

A 5 MB article would become a spaCy `Doc` of about a million tokens (and spaCy refuses
texts over `nlp.max_length` characters). Instead, an article longer than `max_chars` is
cut at paragraph breaks (blank lines; failing that, line ends, sentence ends, spaces)
into parts of at most `max_chars` characters. Each part goes through the pipeline as its
own `Article`; the statements that come back are moved to the whole article: evidence
offsets are shifted by the part's offset, and `Statement.article_hash` is set to the whole
article's hash. Memory then grows with the part size, not the article size (the text
itself is held once, as for any article). Coreference does not cross part boundaries,
which for a 20,000-character part (several pages) is rarely a loss.

Short articles (the usual case) are passed through untouched.

Examples:
    >>> [(offset, len(text)) for offset, text in split_text("aaaa\\n\\nbbbb\\n\\ncc", max_chars=7)]
    [(0, 6), (6, 6), (12, 2)]
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator

from ..model import Article, Statement

DEFAULT_MAX_CHARS = 20_000
"""Longest text handed to the pipeline at once: longer than nearly every news article,
short enough that per-document costs that grow faster than the text stay small."""

_BREAKS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))

Extractor = Callable[[Iterable[Article]], Iterator[tuple[Article, list[Statement]]]]


def split_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[tuple[int, str]]:
    """Cut `text` into (offset, part) pieces of at most `max_chars`, at the best break.

    The pieces concatenate back to `text`; each ends just after a paragraph break when
    one falls in the second half of the window, else after a line end, a sentence end or
    a space, and only as a last resort in the middle of a word.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max_chars
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window, max_chars // 2)]
            if ends:
                cut = ends[-1]
                break
        yield start, window[:cut]
        start += cut
    if start < len(text) or not text:
        yield start, text[start:]


def split_article(
    article: Article, *, max_chars: int = DEFAULT_MAX_CHARS
) -> list[tuple[int, Article]]:
    """The parts of an article as (offset, Article) pairs; a short article is its own part."""
    if len(article.text) <= max_chars:
        return [(0, article)]
    return [
        (offset, dataclasses.replace(article, text=part))
        for offset, part in split_text(article.text, max_chars=max_chars)
    ]


def extract_in_parts(
    articles: Iterable[Article],
    extract: Extractor,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[tuple[Article, list[Statement]]]:
    """Run `extract` over articles, splitting long ones and joining their statements.

    Args:
        articles: the articles, read lazily.
        extract: a function like `sportkg.pipeline.extract_articles` with its options bound;
            it must yield one result per article it is given, in order.
        max_chars: articles longer than this are split into parts.

    Yields:
        (article, statements) for every input article, in input order; statements of a
        split article carry the whole article's hash and offsets into its whole text.
    """
    pending: dict[str, deque[tuple[Article, int, bool]]] = defaultdict(deque)
    hashes: dict[int, str] = {}
    gathered: dict[int, list[Statement]] = {}

    def parts() -> Iterator[Article]:
        for article in articles:
            pieces = split_article(article, max_chars=max_chars)
            for n, (offset, part) in enumerate(pieces):
                pending[part.hash].append((article, offset, n == len(pieces) - 1))
                yield part

    for part, statements in extract(parts()):
        whole, offset, last = pending[part.hash].popleft()
        if not pending[part.hash]:
            del pending[part.hash]
        if whole is part:
            yield whole, statements
            continue
        collected = gathered.setdefault(id(whole), [])
        whole_hash = hashes.setdefault(id(whole), whole.hash)
        collected.extend(_shift(statement, whole_hash, offset) for statement in statements)
        if last:
            del hashes[id(whole)]
            yield whole, gathered.pop(id(whole))


def _shift(statement: Statement, whole_hash: str, offset: int) -> Statement:
    evidence = dataclasses.replace(
        statement.evidence,
        start=statement.evidence.start + offset,
        end=statement.evidence.end + offset,
    )
    return dataclasses.replace(statement, article_hash=whole_hash, evidence=evidence)
