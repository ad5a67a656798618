"""Extraction on a Dask cluster (`sportkg.cluster`): a real LocalCluster of two worker processes.

One cluster serves the whole module (starting one costs a few seconds); every test
compares against extraction in this process on our own texts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

pytest.importorskip("distributed")

from sportkg import cluster, pipeline  # noqa: E402
from sportkg.errors import ConfigError  # noqa: E402
from sportkg.extract.chunking import extract_in_parts  # noqa: E402
from sportkg.extract.readers import ReadFailure, read_paths  # noqa: E402
from sportkg.model import Article, Statement  # noqa: E402
from sportkg.pipeline import extract_articles  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SOURCES = [REPO / "examples" / "articles", REPO / "tests" / "data" / "extract"]
SPORTKG = str(Path(sys.executable).parent / "sportkg")


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    found = [item for item in read_paths(SOURCES) if isinstance(item, Article)]
    assert {a.lang for a in found} == {"nl", "en"} and len(found) >= 12
    return found


@pytest.fixture(scope="module")
def single(articles: list[Article]) -> dict[str, set[Statement]]:
    """Statements per article id from extraction in this process."""
    return {a.id: set(stmts) for a, stmts in extract_articles(articles, pipeline="rules")}


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    with cluster.open_client(local_cluster=2) as client:
        yield client


def test_the_cluster_has_two_worker_processes(client: object) -> None:
    workers = client.scheduler_info()["workers"]  # type: ignore[attr-defined]
    assert len(workers) == 2
    assert all(info["nthreads"] == 1 for info in workers.values())
    assert all(address.startswith("tcp://127.0.0.1:") for address in workers)
    pids = client.run(__import__("os").getpid)  # type: ignore[attr-defined]
    assert len(set(pids.values())) == 2


def test_same_statements_as_one_process(
    client: object, articles: list[Article], single: dict[str, set[Statement]]
) -> None:
    failures: list[ReadFailure] = []
    pairs = list(
        cluster.extract_on_client(
            articles, client=client, pipeline="rules", batch_size=3, failures=failures
        )
    )
    assert failures == []
    assert sorted(a.id for a, _ in pairs) == sorted(a.id for a in articles)
    assert {a.id: set(stmts) for a, stmts in pairs} == single
    assert sum(len(s) for s in single.values()) > 50


def test_each_worker_builds_a_pipeline_once_per_language(
    client: object, articles: list[Article]
) -> None:
    client.run(pipeline.clear_pipelines)  # type: ignore[attr-defined]
    list(cluster.extract_on_client(articles * 3, client=client, pipeline="rules", batch_size=2))
    loads = client.run(pipeline.pipelines_loaded).values()  # type: ignore[attr-defined]
    assert all(1 <= n <= 2 for n in loads)  # nl and en, loaded once each


def test_long_articles_are_cut_into_parts_on_the_workers(
    client: object, articles: list[Article]
) -> None:
    long = Article(
        id="long",
        text="\n\n".join(a.text for a in articles if a.lang == "nl"),
        lang="nl",
        date="2026-02-09",
        source="long.txt",
    )
    expected = {
        s
        for _, stmts in extract_in_parts(
            [long], lambda parts: extract_articles(parts, pipeline="rules"), max_chars=1500
        )
        for s in stmts
    }
    pairs = list(cluster.extract_on_client([long], client=client, pipeline="rules", max_chars=1500))
    assert len(pairs) == 1 and set(pairs[0][1]) == expected and expected
    assert all(s.article_hash == long.hash for s in expected)


def test_an_article_that_fails_is_skipped_and_the_others_finish(
    client: object, articles: list[Article], single: dict[str, set[Statement]]
) -> None:
    broken = Article(id="broken", text=12345, lang="nl", source="broken.txt")  # type: ignore[arg-type]
    failures: list[ReadFailure] = []
    batch = [*articles[:2], broken, *articles[2:4]]
    pairs = list(
        cluster.extract_on_client(
            batch, client=client, pipeline="rules", batch_size=5, failures=failures
        )
    )
    assert [f.source for f in failures] == ["broken.txt"]
    assert "extraction failed: TypeError" in failures[0].reason
    assert {a.id: set(s) for a, s in pairs} == {
        a.id: single[a.id] for a in batch if a is not broken
    }


def test_a_pipeline_that_cannot_load_stops_the_run(client: object, articles: list[Article]) -> None:
    with pytest.raises(ConfigError, match="no_such_pipeline"):
        list(cluster.extract_on_client(articles[:2], client=client, pipeline="no_such_pipeline"))


def test_options_are_checked_before_anything_starts() -> None:
    with pytest.raises(ConfigError, match="exactly one"):
        cluster.extract_on_cluster([], scheduler="tcp://127.0.0.1:8786", local_cluster=2)
    with pytest.raises(ConfigError, match="exactly one"):
        cluster.extract_on_cluster([])
    with pytest.raises(ConfigError, match="at least 1"):
        cluster.extract_on_cluster([], local_cluster=0)
    with pytest.raises(ConfigError, match="batch size"):
        cluster.extract_on_cluster([], local_cluster=1, batch_size=0)


def test_without_dask_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    with pytest.raises(ConfigError, match=r'pip install "sportkg\[dask\]"'):
        cluster.extract_on_cluster([], local_cluster=1)


def test_an_unreachable_scheduler_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        with cluster.open_client(scheduler="tcp://127.0.0.1:9", connect_timeout=1):
            pass


@pytest.mark.slow
def test_build_on_the_cluster_into_a_sparql_server(
    cli: Callable[..., Result], client: object, tmp_path: Path, oxigraph_server: object
) -> None:
    """The build on the cluster runs as a command-line user starts it; the one to compare
    with runs in this process."""
    from sportkg.graph.kg import KnowledgeGraph

    address = client.scheduler.address  # type: ignore[attr-defined]
    endpoint = oxigraph_server.query_url  # type: ignore[attr-defined]
    on_cluster = subprocess.run(
        [
            SPORTKG,
            "build",
            *map(str, SOURCES),
            "--pipeline",
            "rules",
            "--scheduler",
            address,
            "--backend",
            "sparql",
            "--store-endpoint",
            endpoint,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert on_cluster.returncode == 0, on_cluster.stderr
    here = cli("build", *SOURCES, "--pipeline", "rules", "--store", tmp_path / "store")
    assert here.exit_code == 0, here.stderr
    assert "0 skipped" in on_cluster.stderr
    remote = KnowledgeGraph.open("sparql", endpoint=endpoint)
    local = KnowledgeGraph.open("oxigraph", path=tmp_path / "store", read_only=True)
    try:
        assert remote.stats() == local.stats()
        assert set(remote.statements()) == set(local.statements())
        assert remote.stats()["articles"] == 16
    finally:
        remote.close()
        local.close()


def test_a_lost_task_reports_each_article_of_its_batch(
    client: object, articles: list[Article]
) -> None:
    batch = articles[:3]
    future = client.submit(  # type: ignore[attr-defined]
        pipeline.Job(pipeline="rules"), batch, pure=False
    )
    future.cancel()
    outcomes = list(pipeline.outcomes(batch, cluster._result(future)))
    assert [o.article for o in outcomes] == batch
    assert all(o.error == "extraction task cancelled" and not o.statements for o in outcomes)


@pytest.mark.slow
def test_extract_with_a_local_cluster_writes_the_same_statements(
    single: dict[str, set[Statement]],
) -> None:
    proc = subprocess.run(
        [SPORTKG, "extract", str(SOURCES[0]), "--pipeline", "rules", "--local-cluster", "2"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    written = [
        Statement.from_dict(json.loads(line)) for line in proc.stdout.splitlines() if line.strip()
    ]
    examples = {path.stem for path in SOURCES[0].glob("*.txt")}
    assert set(written) == {s for doc in examples for s in single[doc]}
    assert len(written) == len(set(written))
    assert "INFO" not in proc.stderr and "0 skipped" in proc.stderr
