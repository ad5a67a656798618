"""Statements kept on disk between checking a file and storing it.

`sportkg load` reads every line before it writes anything, so a bad line leaves
the store as it was. Keeping a million parsed Statements in memory would take
gigabytes, and parsing the JSON twice would double the work, so the checked
Statements are pickled to a temporary file in chunks and read back in order.

Examples:
    >>> from sportkg.model import Entity, Evidence, Statement
    >>> anna = Entity("https://w3id.org/sportkg/entity/anna", "Anna", type="person")
    >>> fact = Statement("d", "", anna, "P26", anna, Evidence("d.txt", "s", 0, 1, "x"), 0.5)
    >>> with Spool(chunk=2) as spool:
    ...     spool.extend([fact] * 5)
    ...     len(list(spool)), len(spool)
    (5, 5)
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import IO

from ..model import Statement

CHUNK = 5000
"""Statements per pickled chunk."""


class Spool:
    """An append-then-read sequence of Statements in a temporary file."""

    def __init__(self, *, chunk: int = CHUNK) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="sportkg-spool-")
        self._chunk = chunk
        self._buffer: list[Statement] = []
        self._count = 0

    def _flush(self) -> None:
        if self._buffer:
            pickle.dump(self._buffer, self._file, protocol=pickle.HIGHEST_PROTOCOL)
            self._buffer = []

    def extend(self, statements: Iterable[Statement]) -> None:
        """Append statements (the whole iterable is consumed)."""
        for statement in statements:
            self._buffer.append(statement)
            self._count += 1
            if len(self._buffer) >= self._chunk:
                self._flush()
        self._flush()

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Statement]:
        self._flush()
        self._file.seek(0)
        while True:
            try:
                chunk: list[Statement] = pickle.load(self._file)
            except EOFError:
                return
            yield from chunk

    def close(self) -> None:
        """Delete the temporary file."""
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
