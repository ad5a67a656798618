"""Extraction on a Dask cluster: articles out to dask.distributed workers, statements back.

Extraction is independent per article, so beyond one machine it runs on Dask workers
(on one machine `sportkg.pipeline.extract_articles(..., n_process=N)` does the same job
with less machinery). The client cuts the articles into batches (50 by default) and
submits them; each worker process loads the sportkg spaCy pipeline of a language once
(a per-process cache, `_worker_nlp`) and keeps it for every later batch; results come
back as batches finish (`distributed.as_completed`), so the caller can write each
article's graph while the others are still being processed.

Only a bounded number of batches is in flight at a time (twice the number of worker
threads, at least four), so a corpus of millions of articles is read lazily and the
client's memory does not grow with it.

Workers return the statements of each article of a batch, in batch order; the client
pairs them with the articles it kept, so article texts cross the network once. Long
articles are cut into parts on the worker (`sportkg.extract.chunking`), exactly as in
one process, so the statements are the same as single-process extraction.

An article the pipeline fails on is reported as a `ReadFailure` (the others finish); a
batch whose task is lost (its worker died, for example) reports each of its articles
the same way. A pipeline that cannot be loaded at all (an unknown `--pipeline`) stops
the run with a `ConfigError` naming it.

Dask is optional: `pip install "sportkg[dask]"`. (The module is `sportkg.cluster`, not
`sportkg.distributed`: the repository root is the package, so a root `distributed.py`
would stand in for dask's own `distributed` whenever the root is on `sys.path`, as with
`python -m pytest` run there, and break dask itself.)

Examples:
    >>> from sportkg.model import Article
    >>> articles = [Article(id="a", text="Kok won goud.", lang="nl", date="2026-02-09")]
    >>> with open_client(local_cluster=1) as client:  # doctest: +SKIP
    ...     pairs = list(extract_on_client(articles, client=client, pipeline="rules"))
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sportkg.errors import ConfigError
from sportkg.extract.chunking import DEFAULT_MAX_CHARS
from sportkg.extract.readers import ReadFailure
from sportkg.model import Article, Statement

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

DEFAULT_BATCH_SIZE = 50
"""Articles per task: large enough that scheduling costs vanish next to spaCy's work,
small enough that a few hundred articles still spread over every worker."""

INSTALL_HINT = 'pip install "sportkg[dask]"'

Outcome = tuple[list[Statement], str | None]
"""What a worker returns per article: its statements, or no statements and the reason
the pipeline failed on it."""


@dataclass(frozen=True)
class PipelineUnavailable:
    """What a worker returns for a batch when the pipeline cannot be loaded there.

    Returned rather than raised so the worker does not log a failed task; the client
    raises it as a ConfigError.
    """

    message: str


def _require_dask() -> None:
    """Import dask.distributed or explain how to install it.

    Raises:
        ConfigError: when dask.distributed is not installed.
    """
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            f"running on a Dask cluster needs dask.distributed ({exc}); {INSTALL_HINT}"
        ) from exc


@contextmanager
def open_client(
    *,
    scheduler: str | None = None,
    local_cluster: int | None = None,
    connect_timeout: float = 10.0,
) -> Iterator[Client]:
    """A dask.distributed client: to a running scheduler, or to a cluster started here.

    Args:
        scheduler: address of a running scheduler, e.g. "tcp://10.0.0.5:8786".
        local_cluster: start a `LocalCluster` with this many worker processes (one
            thread each) on 127.0.0.1, closed again on exit.
        connect_timeout: seconds to wait for the scheduler to answer.

    Yields:
        The connected client.

    Raises:
        ConfigError: when dask is missing, when both or neither option is given, when
            `local_cluster` is below 1, or when the scheduler cannot be reached.
    """
    if (scheduler is None) == (local_cluster is None):
        raise ConfigError("give exactly one of a scheduler address or a local cluster size")
    if local_cluster is not None and local_cluster < 1:
        raise ConfigError(f"local cluster size must be at least 1, not {local_cluster}")
    _require_dask()
    from distributed import Client, LocalCluster

    with _quiet_dask_logs():
        if local_cluster is not None:
            with (
                LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=local_cluster,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    # no dashboard, and the scheduler's own HTTP endpoint on a free port
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                ) as cluster,
                Client(cluster) as client,  # type: ignore[no-untyped-call]
            ):
                yield client
            return
        try:
            client = Client(scheduler, timeout=connect_timeout)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler!r}: {exc}") from exc
        with client:
            yield client


@contextmanager
def _quiet_dask_logs() -> Iterator[None]:
    """Keep dask's INFO lines (cluster start, workers joining) off stderr unless asked for.

    dask.distributed sets its logger to INFO; when the application's root logger is at
    WARNING or above (the sportkg CLI without --verbose), those lines would still reach
    the root handler. They are raised to the root level for the duration.
    """
    import logging

    logger = logging.getLogger("distributed")
    before = logger.level
    root = logging.getLogger().getEffectiveLevel()
    if root > logging.INFO and logger.getEffectiveLevel() < root:
        logger.setLevel(root)
    try:
        yield
    finally:
        logger.setLevel(before)


@functools.cache
def _worker_nlp(lang: str, pipeline: str, linker: bool) -> Language:
    """The sportkg pipeline for `lang`, built once per worker process and then reused."""
    from sportkg.extract.nlp import load_nlp

    return load_nlp(lang, pipeline=pipeline, linker=linker)


def _extract_batch(
    batch: list[Article], *, pipeline: str, linker: bool, max_chars: int
) -> list[Outcome] | PipelineUnavailable:
    """Run on a worker: the statements of each article of `batch`, in batch order.

    An article the pipeline fails on gives ([], reason); a pipeline that cannot be loaded
    gives `PipelineUnavailable` for the whole batch.
    """
    from sportkg.extract.chunking import extract_in_parts
    from sportkg.pipeline import extract_article

    def run(parts: Iterable[Article]) -> Iterator[tuple[Article, list[Statement]]]:
        for part in parts:
            nlp = _worker_nlp(part.lang, pipeline, linker)
            yield part, extract_article(nlp, part)

    outcomes: list[Outcome] = []
    for article in batch:
        try:
            _worker_nlp(article.lang, pipeline, linker)  # a load error is not the article's
        except ConfigError as exc:
            return PipelineUnavailable(str(exc))
        try:
            parts = extract_in_parts([article], run, max_chars=max_chars)
            found = [statement for _, statements in parts for statement in statements]
        except Exception as exc:  # noqa: BLE001 - one article must not stop the others
            outcomes.append(([], f"extraction failed: {type(exc).__name__}: {exc}"))
        else:
            outcomes.append((found, None))
    return outcomes


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _slots(client: Client) -> int:
    """How many batches to keep in flight: two per worker thread, at least four."""
    workers = client.scheduler_info().get("workers", {})
    threads = sum(int(info.get("nthreads", 1)) for info in workers.values())
    return max(4, 2 * threads)


def _name(article: Article) -> str:
    return str(article.source or article.id)


def extract_on_client(
    articles: Iterable[Article],
    *,
    client: Client,
    pipeline: str = "auto",
    linker: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    failures: list[ReadFailure] | None = None,
) -> Iterator[tuple[Article, list[Statement]]]:
    """Extract statements on the workers of `client`, yielding articles as they finish.

    Args:
        articles: the articles, read lazily.
        client: a connected dask.distributed client (see `open_client`).
        pipeline: "auto", "rules", "trained" or an installed spaCy package name; every
            worker must have it.
        linker: link mentions to the knowledge base.
        batch_size: articles per task.
        max_chars: longer articles are extracted in parts of at most this many characters.
        failures: articles the pipeline failed on are appended here (and not yielded).

    Yields:
        (article, statements) pairs in completion order, not input order.

    Raises:
        ConfigError: when `batch_size` is below 1 or the pipeline cannot be loaded.
    """
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    from distributed import as_completed

    batches = _batches(articles, batch_size)
    in_flight: dict[str, list[Article]] = {}
    queue = as_completed()  # type: ignore[no-untyped-call]

    def submit(batch: list[Article]) -> None:
        future = client.submit(
            _extract_batch,
            batch,
            pipeline=pipeline,
            linker=linker,
            max_chars=max_chars,
            pure=False,
        )
        in_flight[str(future.key)] = batch
        queue.add(future)  # type: ignore[no-untyped-call]

    for batch in itertools.islice(batches, _slots(client)):
        submit(batch)
    try:
        for future in queue:
            batch = in_flight.pop(str(future.key))
            following = next(batches, None)
            if following is not None:
                submit(following)
            yield from _collect(future, batch, failures)
    finally:
        for future in list(queue.futures):
            future.cancel()


def _collect(
    future: Any, batch: list[Article], failures: list[ReadFailure] | None
) -> Iterator[tuple[Article, list[Statement]]]:
    """The successful (article, statements) pairs of a finished task; failures recorded."""
    outcomes: list[Outcome] | PipelineUnavailable
    if future.status == "finished":
        outcomes = future.result()
    else:  # "error" (the task raised, or its worker died too often) or "cancelled"
        exc = future.exception() if future.status == "error" else None
        if isinstance(exc, ConfigError):
            raise exc
        lost = (
            f"extraction task failed: {type(exc).__name__}: {exc}"
            if exc is not None
            else f"extraction task {future.status}"
        )
        outcomes = [([], lost)] * len(batch)
    future.release()
    if isinstance(outcomes, PipelineUnavailable):
        raise ConfigError(outcomes.message)
    for article, (statements, reason) in zip(batch, outcomes, strict=True):
        if reason is not None:
            if failures is not None:
                failures.append(ReadFailure(_name(article), reason))
            continue
        yield article, statements


def extract_on_cluster(
    articles: Iterable[Article],
    *,
    scheduler: str | None = None,
    local_cluster: int | None = None,
    pipeline: str = "auto",
    linker: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_chars: int = DEFAULT_MAX_CHARS,
    failures: list[ReadFailure] | None = None,
) -> Iterator[tuple[Article, list[Statement]]]:
    """`extract_on_client` with the client opened (and closed) around the iteration.

    The options are checked, and dask's presence too, when this is called, before any
    article is read; the cluster starts at the first `next()`.

    Raises:
        ConfigError: on inconsistent options or when dask.distributed is not installed.
    """
    if (scheduler is None) == (local_cluster is None):
        raise ConfigError("give exactly one of a scheduler address or a local cluster size")
    if local_cluster is not None and local_cluster < 1:
        raise ConfigError(f"local cluster size must be at least 1, not {local_cluster}")
    if batch_size < 1:
        raise ConfigError(f"batch size must be at least 1, not {batch_size}")
    _require_dask()

    def run() -> Iterator[tuple[Article, list[Statement]]]:
        with open_client(scheduler=scheduler, local_cluster=local_cluster) as client:
            yield from extract_on_client(
                articles,
                client=client,
                pipeline=pipeline,
                linker=linker,
                batch_size=batch_size,
                max_chars=max_chars,
                failures=failures,
            )

    return run()
