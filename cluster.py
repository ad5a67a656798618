"""Extraction on a Dask cluster: articles out to dask.distributed workers, statements back.

Extraction is independent per article, so beyond one machine it runs on Dask workers
(on one machine `sportkg.pipeline.Processes` does the same job with less machinery).
`DaskExecutor` is an executor of the one extraction engine, `sportkg.pipeline.extract`:
the engine's `Job` runs on the workers exactly as it runs in one process (the same
pipeline cache per worker process, the same cutting of long articles into parts, the
same memory zone per part), so the statements are those of single-process extraction.
The executor cuts the articles into batches (50 by default) and submits them; results
come back as batches finish (`distributed.as_completed`), so the caller can write each
article's graph while the others are still being processed.

Only a bounded number of batches is in flight at a time (twice the number of worker
threads, at least four), so a corpus of millions of articles is read lazily and the
client's memory does not grow with it. Workers return the statements of each article
of a batch, in batch order; the client pairs them with the articles it kept, so
article texts cross the network once.

An article the pipeline fails on is reported as a failed `Outcome` (a `ReadFailure` in
`extract_on_client`; the others finish); a batch whose task is lost (its worker died,
for example) reports each of its articles the same way. A pipeline that cannot be
loaded at all (an unknown `--pipeline`) stops the run with a `ConfigError` naming it.

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

import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .extract.chunking import DEFAULT_MAX_CHARS
from .extract.readers import ReadFailure
from .model import Article, Statement
from .pipeline import (
    BatchLost,
    BatchResult,
    Executor,
    InProcess,
    Job,
    Outcome,
    Processes,
    batches,
    extract,
)

if TYPE_CHECKING:
    from distributed import Client

DEFAULT_BATCH_SIZE = 50
"""Articles per task: large enough that scheduling costs vanish next to spaCy's work,
small enough that a few hundred articles still spread over every worker."""

INSTALL_HINT = 'pip install "sportkg[dask]"'

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


def _slots(client: Client) -> int:
    """How many batches to keep in flight: two per worker thread, at least four."""
    workers = client.scheduler_info().get("workers", {})
    threads = sum(int(info.get("nthreads", 1)) for info in workers.values())
    return max(4, 2 * threads)


def _name(article: Article) -> str:
    return str(article.source or article.id)


class DaskExecutor:
    """Run extraction jobs on the workers of a Dask cluster (`sportkg.pipeline.Executor`).

    Give a connected `client`, or a `scheduler` address, or a `local_cluster` size (the
    client is then opened when the run starts and closed when it ends). Batches come back
    in completion order; a batch whose task is lost reports each of its articles.

    Raises:
        ConfigError: on inconsistent options or when dask.distributed is not installed.
    """

    def __init__(
        self,
        *,
        client: Client | None = None,
        scheduler: str | None = None,
        local_cluster: int | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        if client is None:
            if (scheduler is None) == (local_cluster is None):
                raise ConfigError(
                    "give exactly one of a scheduler address or a local cluster size"
                )
            if local_cluster is not None and local_cluster < 1:
                raise ConfigError(f"local cluster size must be at least 1, not {local_cluster}")
        if batch_size < 1:
            raise ConfigError(f"batch size must be at least 1, not {batch_size}")
        _require_dask()
        self.client = client
        self.scheduler = scheduler
        self.local_cluster = local_cluster
        self.batch_size = batch_size

    def run(
        self, job: Job, articles: Iterable[Article]
    ) -> Iterator[tuple[list[Article], BatchResult]]:
        """Each batch with its result, as the workers finish them."""
        if self.client is not None:
            yield from self._run(self.client, job, articles)
            return
        with open_client(scheduler=self.scheduler, local_cluster=self.local_cluster) as client:
            yield from self._run(client, job, articles)

    def _run(
        self, client: Client, job: Job, articles: Iterable[Article]
    ) -> Iterator[tuple[list[Article], BatchResult]]:
        from distributed import as_completed

        pending = batches(articles, self.batch_size)
        in_flight: dict[str, list[Article]] = {}
        queue = as_completed()  # type: ignore[no-untyped-call]

        def submit(batch: list[Article]) -> None:
            future = client.submit(job, batch, pure=False)
            in_flight[str(future.key)] = batch
            queue.add(future)  # type: ignore[no-untyped-call]

        for batch in itertools.islice(pending, _slots(client)):
            submit(batch)
        try:
            for future in queue:
                batch = in_flight.pop(str(future.key))
                following = next(pending, None)
                if following is not None:
                    submit(following)
                yield batch, _result(future)
        finally:
            for future in list(queue.futures):
                future.cancel()


def _result(future: Any) -> BatchResult:
    """What a finished task returned, or the batch lost with the reason; the future released.

    Raises:
        ConfigError: when the task itself raised one.
    """
    result: BatchResult
    if future.status == "finished":
        result = future.result()
    else:  # "error" (the task raised, or its worker died too often) or "cancelled"
        exc = future.exception() if future.status == "error" else None
        if isinstance(exc, ConfigError):
            raise exc
        result = BatchLost(
            f"extraction task failed: {type(exc).__name__}: {exc}"
            if exc is not None
            else f"extraction task {future.status}"
        )
    future.release()
    return result


def _pairs(
    outcomes: Iterable[Outcome], failures: list[ReadFailure] | None
) -> Iterator[tuple[Article, list[Statement]]]:
    """(article, statements) of the articles that succeeded; the others go to `failures`."""
    for outcome in outcomes:
        if outcome.error is not None:
            if failures is not None:
                failures.append(ReadFailure(_name(outcome.article), outcome.error))
            continue
        yield outcome.article, list(outcome.statements)


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

    `sportkg.pipeline.extract` with a `DaskExecutor`, as (article, statements) pairs.

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
    executor = DaskExecutor(client=client, batch_size=batch_size)
    return _pairs(
        extract(articles, pipeline=pipeline, linker=linker, max_chars=max_chars,
                executor=executor),
        failures,
    )


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
    executor = DaskExecutor(scheduler=scheduler, local_cluster=local_cluster,
                            batch_size=batch_size)
    return _pairs(
        extract(articles, pipeline=pipeline, linker=linker, max_chars=max_chars,
                executor=executor),
        failures,
    )


def executor_for(
    *, n_process: int = 1, scheduler: str | None = None, local_cluster: int | None = None
) -> Executor:
    """The executor the command-line options ask for.

    Raises:
        ConfigError: when a cluster option is combined with `n_process` > 1, on bad
            cluster options, or when dask is not installed.
    """
    if scheduler is not None or local_cluster is not None:
        if n_process > 1:
            raise ConfigError(
                "--n-process cannot be combined with --scheduler or --local-cluster "
                "(the cluster's workers are the processes)"
            )
        return DaskExecutor(scheduler=scheduler, local_cluster=local_cluster)
    return Processes(n_process) if n_process > 1 else InProcess()
