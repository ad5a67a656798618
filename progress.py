"""Progress bars for long commands: tqdm on a terminal, nothing when piped or quiet.

Examples:
    >>> list(progress([1, 2, 3], total=3, desc="articles"))
    [1, 2, 3]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from . import settings

T = TypeVar("T")


def progress_enabled(stream: TextIO | None = None) -> bool:
    """True when a bar should be drawn: `stream` (stderr) is a terminal and not --quiet."""
    stream = stream if stream is not None else sys.stderr
    if settings.QUIET:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress(
    iterable: Iterable[T],
    *,
    total: int | None = None,
    desc: str = "",
    unit: str = "it",
    stream: TextIO | None = None,
) -> Iterator[T]:
    """Iterate over `iterable`, drawing a tqdm bar on stderr when it is a terminal.

    Args:
        iterable: the work items.
        total: the number of items when known (a bar with an end), else a counter.
        desc: the label shown before the bar, e.g. "articles".
        unit: the name of one item in the rate, e.g. "article".
        stream: where the bar goes (default stderr).

    Returns:
        An iterator over the same items; the bar closes when it is exhausted.
    """
    stream = stream if stream is not None else sys.stderr
    if not progress_enabled(stream):
        return iter(iterable)
    from tqdm import tqdm

    return iter(
        tqdm(
            iterable,
            total=total,
            desc=desc,
            unit=unit,
            file=stream,
            dynamic_ncols=True,
            leave=False,
        )
    )
