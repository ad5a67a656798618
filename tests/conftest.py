"""Shared fixtures: paths to the repository, the shared evaluation data, temporary stores and
the `sportkg` command line (in this process, or in a fresh one where the process matters)."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from click.testing import Result
    from spacy.language import Language

    from sportkg.explore.server import OxigraphServer

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EVAL_DEV = SHARED / "eval" / "dev"


@functools.lru_cache(maxsize=16)
def cached_nlp(lang: str, **options: str | bool) -> Language:
    """`load_nlp(lang, **options)`, built once per session: for tests that run a pipeline.

    Building one takes a second or more; the engine also keeps a pipeline for many articles.
    Tests of building pipelines call `load_nlp` themselves.
    """
    from sportkg.extract.nlp import load_nlp

    return load_nlp(lang, **options)  # type: ignore[arg-type]


def migrated_in_place(cli: Callable[..., Result], store: Path, refused: str, added: str) -> None:
    """A store of an old layout that is upgraded in place: opening it is refused with a
    message matching `refused`, `sportkg migrate` brings it up to date saying it `added`
    what was missing, and keeps no copy of the old store."""
    from sportkg.errors import StoreError
    from sportkg.graph.kg import KnowledgeGraph

    with pytest.raises(StoreError, match=refused):
        KnowledgeGraph.open("oxigraph", path=store)
    result = cli("migrate", "--store", store)
    assert result.exit_code == 0, result.output
    assert added in result.output
    assert not store.with_name(store.name + ".old-layout").exists()


@pytest.fixture
def eval_dev() -> Path:
    """The shared evaluation articles; skips the test when they are absent."""
    if not (EVAL_DEV / "gold.jsonl").is_file():
        pytest.skip("../shared/eval/dev is not present")
    return EVAL_DEV


@pytest.fixture
def oxigraph_server(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real `oxigraph serve` on 127.0.0.1 (free port) over a temporary store directory.

    Queries see the union of the named graphs; stopped after the test.
    """
    from sportkg.explore.server import OxigraphServer

    with OxigraphServer(tmp_path / "oxigraph-server") as server:
        yield server


@pytest.fixture(scope="session")
def wikidata_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The query URL of a real Oxigraph server holding tests/kb/data/fictional_wikidata.ttl."""
    import urllib.request

    from sportkg.explore.server import OxigraphServer

    location = tmp_path_factory.mktemp("wikidata-store")
    with OxigraphServer(location) as server:
        request = urllib.request.Request(
            server.store_url + "?default",
            data=(REPO / "tests" / "kb" / "data" / "fictional_wikidata.ttl").read_bytes(),
            method="POST",
            headers={"Content-Type": "text/turtle"},
        )
        urllib.request.urlopen(request, timeout=30).read()
        yield server.query_url


@pytest.fixture(scope="session")
def _sparql_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One `oxigraph serve` for the session's graphs on the sparql backend (`make_kg` empties
    it for each test): starting a server per test cost a few seconds over the suite."""
    from sportkg.explore.server import OxigraphServer

    with OxigraphServer(tmp_path_factory.mktemp("sparql-server") / "store") as server:
        yield server


@pytest.fixture(params=["oxigraph", "memory", "sparql"])
def make_kg(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A factory of empty KnowledgeGraphs on each of the three backends (parametrised).

    Calling it again reopens the same store (the oxigraph directory or the
    running SPARQL server; a memory store is kept open and handed back).
    """
    from sportkg.graph.kg import KnowledgeGraph

    backend = request.param
    opened: list[KnowledgeGraph] = []
    server = None
    if backend == "sparql":
        server = request.getfixturevalue("_sparql_server")
        with KnowledgeGraph.open("sparql", endpoint=server.query_url, check_layout=False) as kg:
            kg.store.update("DROP ALL")

    def factory() -> KnowledgeGraph:
        if backend == "memory" and opened:
            return opened[0]
        for kg in opened:
            if backend == "oxigraph":
                kg.close()
        if backend == "oxigraph":
            kg = KnowledgeGraph.open("oxigraph", path=tmp_path / "store")
        elif backend == "memory":
            kg = KnowledgeGraph.open("memory")
        else:
            assert server is not None
            kg = KnowledgeGraph.open("sparql", endpoint=server.query_url)
        opened.append(kg)
        return kg

    factory.backend = backend  # type: ignore[attr-defined]
    yield factory
    for kg in opened:
        kg.close()


def sample_articles_and_facts():  # type: ignore[no-untyped-def]
    """Three small articles of our own writing with their statements (minted people)."""
    from sportkg.model import Article, Entity, Evidence, LinkNote, LiteralValue, Statement

    base = "https://w3id.org/sportkg/entity/"
    sanne = Entity(base + "sanne-bakker", "Sanne Bakker", type="person")
    tom = Entity(base + "tom-visser", "Tom Visser", type="person")
    ruth = Entity(base + "ruth-okafor", "Ruth Okafor", type="person")
    lena = Entity(base + "lena-hartmann", "Lena Hartmann", "Q4630399", type="person")
    gold = Entity.from_qid("Q15243387", "Olympic gold medal", "award")
    nl = Entity.from_qid("Q55", "Netherlands", "country")
    milan = Entity.from_qid("Q490", "Milan", "place")
    skater = Entity.from_qid("Q10866633", "speed skater", "occupation")
    event = Entity(base + "event/women-s-1000-m-2026-winter-olympics",
                   "women's 1000 m, 2026 Winter Olympics", type="event")
    record = Entity(base + "record/world-record-800-m", "world record 800 m", type="record")
    date = LiteralValue("2026-02-09", "date", "day")

    a_text = ("Sanne Bakker (27) won maandag goud op de 1000 meter in Milaan. "
              "De Nederlandse schaatsster is verloofd met Tom Visser.")
    a = Article("nl_sanne", a_text, "nl", "2026-02-09", "nl_sanne.txt")
    ev1 = Evidence("nl_sanne.txt", a_text[:63], 0, 63, "sportkg_medals", "2026-02-09",
                   links=(LinkNote("Sanne Bakker", sanne.iri, 0.5, ()),))
    ev2 = Evidence("nl_sanne.txt", a_text[64:], 64, len(a_text), "sportkg_relations",
                   "2026-02-09")
    a_facts = [
        Statement("nl_sanne", a.hash, sanne, "P166", gold, ev1, 0.92,
                  {"P585": date, "P1344": event, "P276": milan}),
        Statement("nl_sanne", a.hash, sanne, "sk:won", event, ev1, 0.85, {"P585": date}),
        Statement("nl_sanne", a.hash, sanne, "sk:age", LiteralValue(27, "integer"), ev1, 0.9,
                  {"P585": date}),
        Statement("nl_sanne", a.hash, sanne, "P27", nl, ev2, 0.8),
        Statement("nl_sanne", a.hash, sanne, "P106", skater, ev2, 0.75),
        Statement("nl_sanne", a.hash, sanne, "sk:engagedTo", tom, ev2, 0.88),
    ]
    b_text = ("Ruth Okafor ran a world record of 1:54.30 over 800 metres on 3 March 2025, "
              "beating Lena Hartmann. Okafor was born in 1999.")
    b = Article("en_ruth", b_text, "en", "2025-03-04", "en_ruth.txt",
                url="https://example.org/news/okafor")
    ev3 = Evidence("en_ruth.txt", b_text[:96], 0, 96, "sportkg_records", "2025-03-04",
                   url="https://example.org/news/okafor")
    ev4 = Evidence("en_ruth.txt", b_text[97:], 97, len(b_text), "sportkg_people", "2025-03-04",
                   url="https://example.org/news/okafor")
    b_facts = [
        Statement("en_ruth", b.hash, ruth, "P1000", record, ev3, 0.81,
                  {"P2781": LiteralValue(114.3, "quantity", unit="s"),
                   "P585": LiteralValue("2025-03-03", "date", "day")}),
        Statement("en_ruth", b.hash, ruth, "sk:defeated", lena, ev3, 0.6),
        Statement("en_ruth", b.hash, ruth, "P569", LiteralValue("1999", "date", "year"), ev4,
                  0.7),
        Statement("en_ruth", b.hash, ruth, "sk:won",
                  Entity(base + "event/women-s-800-m-2025", "women's 800 m, 2025", type="event"),
                  ev3, 0.4, {"P2781": LiteralValue(114.3, "duration")}),
    ]
    c_text = "Sanne Bakker, 28, keek terug op haar gouden race."
    c = Article("nl_sanne_terug", c_text, "nl", "2026-02-12", "nl_sanne_terug.txt")
    ev5 = Evidence("nl_sanne_terug.txt", c_text, 0, len(c_text), "sportkg_people", "2026-02-12")
    c_facts = [
        Statement("nl_sanne_terug", c.hash, sanne, "sk:age", LiteralValue(28, "integer"), ev5,
                  0.55, {"P585": LiteralValue("2026-02-12", "date", "day")}),
    ]
    return [(a, a_facts), (b, b_facts), (c, c_facts)]


@pytest.fixture
def sample_articles():  # type: ignore[no-untyped-def]
    """[(Article, [Statement, ...]), ...]: three articles of our own writing, eleven facts."""
    return sample_articles_and_facts()


@pytest.fixture(scope="session")
def _sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three sample articles built once into a closed Oxigraph store; tests get copies."""
    from sportkg.graph.kg import KnowledgeGraph

    path = tmp_path_factory.mktemp("sample-store") / "store"
    with KnowledgeGraph.open("oxigraph", path=path) as kg:
        for article, statements in sample_articles_and_facts():
            kg.add_article(article, statements)
    return path


@pytest.fixture
def store(tmp_path: Path, _sample_store: Path) -> Path:
    """An Oxigraph store holding the three sample articles, the test's own copy (test modules
    may define their own)."""
    path = tmp_path / "store"
    shutil.copytree(_sample_store, path)
    return path


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Result]]:
    """`cli(*args, stdin=None, cwd=None)`: run `sportkg ARGS` in this process with Typer's
    CliRunner and return its result (`exit_code`, `stdout`, `stderr`).

    Each call starts as a fresh process would: without --quiet and with the pair threshold of
    the environment the test started in (both are process-wide state the options set); both
    are as they were again after the test. With `cwd`, the test stays in that folder until it
    ends. Pipelines loaded by one call serve the next ones, so tests that are not about the
    process boundary run here; `sportkg_process` runs the few that are (exit codes of a real
    process, stdin, signals, locks).
    """
    import os

    from typer.testing import CliRunner

    from sportkg import settings
    from sportkg.cli import app
    from sportkg.settings import PAIR_THRESHOLD_ENV

    runner = CliRunner()
    threshold = os.environ.get(PAIR_THRESHOLD_ENV)

    def restore_threshold() -> None:
        if threshold is None:
            os.environ.pop(PAIR_THRESHOLD_ENV, None)
        else:
            os.environ[PAIR_THRESHOLD_ENV] = threshold

    def invoke(*args: str | Path, stdin: str | None = None, cwd: Path | None = None) -> Result:
        monkeypatch.setattr(settings, "QUIET", False)
        restore_threshold()
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return runner.invoke(app, [str(arg) for arg in args], input=stdin)

    yield invoke
    restore_threshold()


@pytest.fixture
def sportkg_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`sportkg_process(*args, stdin=None, cwd=None, timeout=180)`: run the installed
    `sportkg` in a fresh process, for what only a process shows (its exit code, stdin,
    signals, a lock held by another process)."""
    script = Path(sys.executable).parent / "sportkg"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "sportkg.cli"]

    def run(*args: str | Path, stdin: str | None = None, cwd: Path | None = None,
            timeout: float = 180) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *map(str, args)], input=stdin, cwd=cwd,
                              capture_output=True, text=True, timeout=timeout, check=False)

    return run


@pytest.fixture(scope="session")
def _built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The facts of `built_store`, written once into a closed Oxigraph store."""
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.model import Entity, Evidence, Statement

    entity = "https://w3id.org/sportkg/entity/"
    noor = Entity(entity + "noor-vermeulen", "Noor Vermeulen", None, "person")
    daan = Entity(entity + "daan-hoekstra", "Daan Hoekstra", None, "person")
    kees = Entity(entity + "kees-hoekstra", "Kees Hoekstra", None, "person")
    title = Entity(entity + "award/european-champion-1500-m", "European champion 1500 m", None,
                   "award")

    def said(doc: str, sentence: str) -> Evidence:
        return Evidence(f"{doc}.txt", sentence, 0, len(sentence), "test", "2026-01-18")

    statements = [
        Statement("nl_01", "h1", noor, "P166", title,
                  said("nl_01", "Noor Vermeulen werd Europees kampioen op de 1500 meter."), 0.9),
        Statement("nl_01", "h1", noor, "sk:engagedTo", daan,
                  said("nl_01", "Vermeulen is verloofd met bokser Daan Hoekstra."), 0.8),
        Statement("nl_02", "h2", daan, "P22", kees,
                  said("nl_02", "Hoekstra is de zoon van Kees Hoekstra."), 0.85),
    ]
    location = tmp_path_factory.mktemp("built-store") / "store"
    with KnowledgeGraph.open("oxigraph", path=location) as kg:
        kg.load_statements(statements)
    return location


@pytest.fixture
def built_store(tmp_path: Path, _built_store: Path) -> Path:
    """An embedded Oxigraph store written by KnowledgeGraph with facts about fictional people
    (the test's own copy)."""
    location = tmp_path / "built-store"
    shutil.copytree(_built_store, location)
    return location
