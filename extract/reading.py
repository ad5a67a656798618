"""A reading of articles from files, folders or stdin: lazy, with what a summary needs.

The extraction engine (`sportkg.pipeline.extract`) takes any iterable of Articles; a
`Reading` is the one the command line and the Python API give it when the input is paths:
it yields the Articles, keeps the files and records that could not be read (and reports
each through `on_failure` as it happens), counts what it read, and notes the files in a
folder that hold no articles (a gold or statements file).

Example:
    >>> from pathlib import Path
    >>> import sportkg
    >>> examples = Path(sportkg.__file__).parent / "examples" / "articles"
    >>> reading = Reading([str(examples)], glob="*.txt")
    >>> sum(1 for _ in reading) == reading.articles > 0
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Article
from .readers import DEFAULT_MAX_BYTES, ReadFailure, input_files, read_paths


@dataclass
class Reading:
    """Reads articles lazily while keeping what the summary needs: failures, counts, languages.

    What it keeps grows with the input files and the failures, not with the articles
    read (the languages only when asked for).

    Iterating yields only Articles; failures are collected in `failures` (and printed
    to stderr as they happen unless quiet).
    """

    paths: list[str]
    glob: str = "*"
    lang: str | None = None
    date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    exclude: tuple[Path, ...] = ()
    keep_langs: bool = False
    """Keep the language of every article in `langs` (evaluation needs them)."""
    on_failure: Callable[[ReadFailure], None] | None = None
    """Called with each file or record that cannot be read, as it happens (the command
    line says it on stderr)."""
    failures: list[ReadFailure] = field(default_factory=list)
    langs: dict[str, str] = field(default_factory=dict)
    articles: int = 0
    ignored: list[str] = field(default_factory=list)
    """Files found in a directory that hold no articles (a gold or statements file)."""

    @classmethod
    def of(
        cls,
        paths: list[str],
        *,
        glob: str,
        lang: str | None,
        date: str | None,
        max_mb: int,
        exclude: tuple[Path, ...] = (),
        keep_langs: bool = False,
        on_failure: Callable[[ReadFailure], None] | None = None,
    ) -> Reading:
        """The reading the commands' shared options ask for (`--max-mb` in megabytes)."""
        return cls(list(paths), glob=glob, lang=lang, date=date, max_bytes=max_mb * 1024 * 1024,
                   exclude=exclude, keep_langs=keep_langs, on_failure=on_failure)

    def total(self) -> int | None:
        """The number of articles when every input is a text file (else unknown: None)."""
        count = 0
        for item in input_files(self.paths, glob=self.glob, exclude=self.exclude):
            if isinstance(item, ReadFailure):
                continue
            if item == "-" or Path(item[0]).suffix.lower() in (".jsonl", ".ndjson"):
                return None
            count += 1
        return count

    def __iter__(self) -> Iterator[Article]:
        # what is kept grows with the files found, not with the articles read
        unseen = dict.fromkeys(
            str(item[0]) for item in input_files(self.paths, glob=self.glob, exclude=self.exclude)
            if isinstance(item, tuple) and item[1]
        )
        for item in read_paths(
            self.paths,
            glob=self.glob,
            lang=self.lang,
            date=self.date,
            max_bytes=self.max_bytes,
            exclude=self.exclude,
        ):
            unseen.pop(item.source, None)
            unseen.pop(item.source.rpartition(":")[0], None)  # a JSON-lines record: file:line
            if isinstance(item, ReadFailure):
                self.failures.append(item)
                if self.on_failure is not None:
                    self.on_failure(item)
                continue
            self.articles += 1
            if self.keep_langs:
                self.langs[item.id] = item.lang
            yield item
        self.ignored = list(unseen)

