"""Articles in, Statements out: the one extraction engine of sportkg.

`extract(articles, executor=...)` runs the sportkg spaCy pipeline of each article's
language over the articles and yields one `Outcome` per article: the article with its
Statements, or the article with the reason the pipeline failed on it (one failing
article never stops the others). Every path goes through it: the `extract`, `build` and
`evaluate` commands, the Python API (`extract_articles`) and the Dask cluster
(`sportkg.cluster.DaskExecutor`). Where the work runs is the executor's choice:

- `InProcess()` (the default): in this process, one article at a time, lazily;
- `Processes(n)`: `n` spawned worker processes, batches of articles, input order;
- `sportkg.cluster.DaskExecutor`: the workers of a Dask cluster, completion order.

In every process the same `Job` does the work: it takes each article's pipeline from
the process's one pipeline cache (`pipeline_for`), cuts long articles into parts
(`sportkg.extract.chunking`), and runs each part inside spaCy's memory zone, so the
strings a part adds to the vocabulary are dropped again and memory does not grow with
the number of articles. A pipeline is built again after `RENEW_AFTER` articles, which
also bounds whatever its components keep between documents.

Examples:
    >>> from sportkg.model import Article
    >>> text = "Schaatsster Femke van der Pol (24) won maandag goud."
    >>> article = Article(id="demo", text=text, lang="nl", date="2026-02-10")
    >>> [(s.property, str(s.value.label if hasattr(s.value, "label") else s.value.value))
    ...  for _, stmts in extract_articles([article], pipeline="rules") for s in stmts][:2]
    [('P166', 'gold medal'), ('P106', 'speed skater')]
    >>> [outcome.error for outcome in extract([article], pipeline="rules")]
    [None]
"""

from __future__ import annotations

import itertools
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias

from .errors import ConfigError, ExtractionError
from .extract.chunking import DEFAULT_MAX_CHARS
from .model import Article, Statement

if TYPE_CHECKING:
    from concurrent.futures import Future

    from spacy.language import Language

RENEW_AFTER = 5_000
"""Articles a pipeline extracts before it is built again (about a second's work), so what
its components remember between documents stays bounded however long the run."""

CACHED_PIPELINES = 4
"""Pipelines one process keeps (two languages, two pipeline choices); the least recently
used goes first."""


@dataclass(frozen=True)
class Outcome:
    """One article after extraction: its statements, or why the pipeline failed on it."""

    article: Article
    statements: tuple[Statement, ...] = ()
    error: str | None = None

    @property
    def failed(self) -> bool:
        """True when the pipeline failed on the article (it then has no statements)."""
        return self.error is not None


@dataclass(frozen=True)
class PipelineUnavailable:
    """A batch's answer when its pipeline cannot be loaded: the run stops with a ConfigError.

    Returned rather than raised, so a Dask worker does not log a failed task.
    """

    message: str


@dataclass(frozen=True)
class BatchLost:
    """A batch's answer when its task never finished (its worker died, it was cancelled)."""

    reason: str


Found: TypeAlias = tuple[tuple[Statement, ...], str | None]
"""What a worker returns per article: its statements, or none and why it failed. The
article itself does not travel back; the caller still holds it."""

BatchResult: TypeAlias = list[Found] | PipelineUnavailable | BatchLost


class Executor(Protocol):
    """Where a `Job` runs: this process, worker processes or a cluster."""

    def run(
        self, job: Job, articles: Iterable[Article]
    ) -> Iterator[tuple[list[Article], BatchResult]]:
        """Run `job` over batches of `articles`, yielding each batch with its result."""
        ...


class _PipelineCache:
    """The pipelines of this process, one per (language, pipeline, linker, threshold).

    The pair threshold is part of the key because `--threshold` sets it through the
    environment when the pipeline is built. A lock per pipeline keeps two threads from
    running one pipeline (and its memory zone) at the same time.
    """

    def __init__(self, size: int = CACHED_PIPELINES, renew_after: int = RENEW_AFTER) -> None:
        self.size = size
        self.renew_after = renew_after
        self.loads = 0
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, ...], _Entry] = OrderedDict()

    def entry(self, lang: str, pipeline: str, linker: bool) -> _Entry:
        """The cached pipeline for these options, built (again) when needed."""
        from .settings import PAIR_THRESHOLD_ENV

        key = (lang, pipeline, str(linker), os.environ.get(PAIR_THRESHOLD_ENV, ""))
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.uses >= self.renew_after:
                from .extract.nlp import load_nlp

                entry = _Entry(load_nlp(lang, pipeline=pipeline, linker=linker))
                self.loads += 1
                self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return entry

    def clear(self) -> None:
        """Forget every pipeline and the count of loads."""
        with self._lock:
            self._entries.clear()
            self.loads = 0


class _Entry:
    """A cached pipeline, how many texts it has extracted, and the lock for using it."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.uses = 0
        self.lock = threading.Lock()


PIPELINES = _PipelineCache()
"""The one pipeline cache of this process (each worker process has its own)."""


def pipelines_loaded() -> int:
    """How many pipelines this process has built since the cache was last cleared."""
    return PIPELINES.loads


def clear_pipelines() -> None:
    """Forget this process's pipelines (they are built again on next use)."""
    PIPELINES.clear()


def pipeline_for(lang: str, *, pipeline: str = "auto", linker: bool = True) -> Language:
    """The sportkg pipeline of `lang` from this process's cache (built on first use).

    Raises:
        ConfigError: when the pipeline cannot be loaded.
    """
    return PIPELINES.entry(lang, pipeline, linker).nlp


def extract_article(nlp: Language, article: Article) -> list[Statement]:
    """The Statements of one article (not cut into parts), using a loaded pipeline."""
    from .extract.relations.engine import PUBLISHED_KEY
    from .extract.statements import doc_statements

    doc = nlp.make_doc(article.text)
    doc.user_data[PUBLISHED_KEY] = article.date
    doc = nlp(doc)
    return doc_statements(doc, article)


@dataclass(frozen=True)
class Job:
    """Extract a batch of articles in whichever process runs it (picklable).

    Args:
        pipeline: "auto", "rules", "trained" or an installed spaCy package name.
        linker: link mentions to the knowledge base (else minted IRIs only).
        max_chars: longer articles are extracted in parts of at most this many characters.
    """

    pipeline: str = "auto"
    linker: bool = True
    max_chars: int = DEFAULT_MAX_CHARS

    def __call__(self, batch: list[Article]) -> list[Found] | PipelineUnavailable:
        """The statements of each article of `batch`, in batch order."""
        found: list[Found] = []
        for article in batch:
            try:
                PIPELINES.entry(article.lang, self.pipeline, self.linker)
            except ConfigError as exc:  # the pipeline's fault, not the article's
                return PipelineUnavailable(str(exc))
            try:
                statements = tuple(self.statements(article))
            except Exception as exc:  # noqa: BLE001 - one article must not stop the others
                found.append(((), f"extraction failed: {type(exc).__name__}: {exc}"))
            else:
                found.append((statements, None))
        return found

    def statements(self, article: Article) -> list[Statement]:
        """The Statements of one article, long ones extracted in parts and joined."""
        from .extract.chunking import extract_in_parts

        def run(parts: Iterable[Article]) -> Iterator[tuple[Article, list[Statement]]]:
            for part in parts:
                entry = PIPELINES.entry(part.lang, self.pipeline, self.linker)
                with entry.lock, entry.nlp.memory_zone():
                    entry.uses += 1
                    found = extract_article(entry.nlp, part)
                yield part, found

        return [s for _, found in extract_in_parts([article], run, max_chars=self.max_chars)
                for s in found]


class InProcess:
    """Run the job here, one article at a time, as the articles are read."""

    def run(
        self, job: Job, articles: Iterable[Article]
    ) -> Iterator[tuple[list[Article], BatchResult]]:
        """Each article as a batch of one, with its result."""
        for article in articles:
            yield [article], job([article])


class Processes:
    """Run the job in `n_process` spawned worker processes, results in input order.

    Articles go out in batches of `batch_size`; at most two batches per process are in
    flight, so the articles are read lazily and memory stays bounded.
    """

    def __init__(self, n_process: int, *, batch_size: int = 16) -> None:
        if n_process < 1:
            raise ConfigError(f"n_process must be at least 1, not {n_process}")
        if batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {batch_size}")
        self.n_process = n_process
        self.batch_size = batch_size

    def run(
        self, job: Job, articles: Iterable[Article]
    ) -> Iterator[tuple[list[Article], BatchResult]]:
        """Each batch with its result, in input order."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=self.n_process, mp_context=context) as pool:
            pending: deque[tuple[list[Article], Future[list[Found] | PipelineUnavailable]]]
            pending = deque()
            for batch in batches(articles, self.batch_size):
                pending.append((batch, pool.submit(job, batch)))
                while len(pending) > 2 * self.n_process:
                    yield _finished(*pending.popleft())
            while pending:
                yield _finished(*pending.popleft())


def _finished(
    batch: list[Article], future: Future[list[Found] | PipelineUnavailable]
) -> tuple[list[Article], BatchResult]:
    """A batch with its result, or lost when its worker process died."""
    try:
        return batch, future.result()
    except Exception as exc:  # noqa: BLE001 - a broken pool loses the batch, not the run
        return batch, BatchLost(f"extraction task failed: {type(exc).__name__}: {exc}")


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of `size` (the last one shorter), read lazily."""
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def extract(
    articles: Iterable[Article],
    *,
    pipeline: str = "auto",
    linker: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
    executor: Executor | None = None,
) -> Iterator[Outcome]:
    """Extract Statements from articles, lazily: one Outcome per article.

    Args:
        articles: the articles (any iterable; consumed lazily).
        pipeline: "auto", "rules", "trained" or an installed spaCy package name
            (see `sportkg.extract.nlp.load_nlp`).
        linker: link mentions to the knowledge base (else minted IRIs only).
        max_chars: longer articles are extracted in parts of at most this many characters.
        executor: where the work runs (default: this process, in input order).

    Yields:
        An Outcome per article: its statements, or the reason the pipeline failed on it.

    Raises:
        ConfigError: when the pipeline cannot be loaded.
    """
    job = Job(pipeline=pipeline, linker=linker, max_chars=max_chars)
    for batch, result in (executor or InProcess()).run(job, articles):
        yield from outcomes(batch, result)


def outcomes(batch: list[Article], result: BatchResult) -> Iterator[Outcome]:
    """The Outcome of each article of a batch from what its task returned.

    Raises:
        ConfigError: when the batch's pipeline could not be loaded.
    """
    if isinstance(result, PipelineUnavailable):
        raise ConfigError(result.message)
    if isinstance(result, BatchLost):
        for article in batch:
            yield Outcome(article, error=result.reason)
        return
    for article, (statements, error) in zip(batch, result, strict=True):
        yield Outcome(article, statements, error)


def extract_articles(
    articles: Iterable[Article],
    *,
    pipeline: str = "auto",
    n_process: int = 1,
    linker: bool = True,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[tuple[Article, list[Statement]]]:
    """Extract Statements from articles, lazily, in input order, as (article, statements).

    The short form of `extract` for code that wants every article or an exception.

    Args:
        articles: the articles (any iterable; consumed lazily).
        pipeline: "auto", "rules", "trained" or an installed spaCy package name.
        n_process: worker processes; 1 runs in this process.
        linker: link mentions to the knowledge base (else minted IRIs only).
        max_chars: longer articles are extracted in parts of at most this many characters.

    Raises:
        ConfigError: when the pipeline cannot be loaded.
        ExtractionError: at the first article the pipeline fails on (use `extract` to go
            on past it).
    """
    executor = Processes(n_process) if n_process > 1 else InProcess()
    for outcome in extract(articles, pipeline=pipeline, linker=linker, max_chars=max_chars,
                           executor=executor):
        if outcome.error is not None:
            name = outcome.article.source or outcome.article.id
            raise ExtractionError(f"{name}: {outcome.error}")
        yield outcome.article, list(outcome.statements)
