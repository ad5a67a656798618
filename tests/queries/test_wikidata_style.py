"""Example queries in Wikidata's own style answer exactly, once each, wherever they run.

The queries of `queries/wikidata/*.rq` run over the invented facts of
`wikidata_fixture.py` on the three backends (embedded Oxigraph, rdflib in memory,
an `oxigraph serve` through SPARQLWrapper) and through a real `sportkg serve`
with SPARQLWrapper and rdflib's `SPARQLStore`; each in two forms, with its PREFIX
lines and without the ones the Wikidata Query Service predeclares. Every answer is
compared row by row (the queries are ordered) and must have no duplicate rows.
`docs/wikidata-queries.md` must show each query as written and its answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from sportkg.graph.kg import KnowledgeGraph
from sportkg.queries import QUERY_DIR, named_queries

from ..explore.test_serve import Served, start_serve
from .wikidata_fixture import wikidata_articles

WIKIDATA_QUERIES = QUERY_DIR / "wikidata"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "wikidata-queries.md"
ENT = "https://w3id.org/sportkg/entity/"
WD = "http://www.wikidata.org/entity/"
WDQS_PREDECLARED = frozenset(
    {"wd", "wdt", "p", "ps", "pq", "pqv", "pr", "wikibase", "bd", "rdfs", "schema", "xsd",
     "prov"}
)
"""Prefixes a Wikidata user never declares (the Wikidata Query Service knows them)."""

Rows = list[tuple[str, ...]]

EXPECTED: dict[str, tuple[tuple[str, ...], Rows]] = {
    "dutch_medals": (
        ("athlete", "athleteLabel", "medal", "medalLabel", "eventLabel", "date", "precision"),
        [("ent:fenna-de-groot", "Fenna de Groot", "wd:Q15243387", "Olympic gold medal",
          "women's 3000 m, 2026 Winter Olympics", "2026-02-07T00:00:00Z", "11"),
         ("ent:mirre-jansen", "Mirre Jansen", "ent:award/european-champion-1500-m",
          "European champion 1500 m", "women's 1500 m, 2025 European Championships",
          "2025-01-01T00:00:00Z", "9"),
         ("ent:mirre-jansen", "Mirre Jansen", "wd:Q15889641", "Olympic silver medal",
          "women's 1500 m, 2026 Winter Olympics", "2026-02-17T00:00:00Z", "11")],
    ),
    "medal_sources": (
        ("athleteLabel", "medalLabel", "url", "published"),
        [("Fenna de Groot", "Olympic gold medal", "https://example.org/nl/sport/de-groot-goud",
          "2026-02-07T00:00:00Z"),
         ("Fenna de Groot", "Olympic gold medal", "https://example.org/en/sport/de-groot-gold",
          "2026-02-08T00:00:00Z"),
         ("Mirre Jansen", "European champion 1500 m",
          "https://example.org/nl/sport/jansen-europees-kampioen", "2026-02-20T00:00:00Z"),
         ("Mirre Jansen", "Olympic silver medal",
          "https://example.org/nl/sport/jansen-europees-kampioen", "2026-02-20T00:00:00Z")],
    ),
    "well_sourced_medals": (
        ("athlete", "athleteLabel", "medal", "medalLabel", "sources"),
        [("ent:fenna-de-groot", "Fenna de Groot", "wd:Q15243387", "Olympic gold medal", "2")],
    ),
    "medals_per_country": (
        ("country", "countryLabel", "medals"),
        [("wd:Q55", "Netherlands", "3")],
    ),
    "current_records": (
        ("holder", "holderLabel", "record", "recordLabel", "time", "date"),
        [("ent:kofi-mensah", "Kofi Mensah", "ent:record/world-record-400-m-hurdles",
          "world record 400 m hurdles", "46.52", "2026-07-02T00:00:00Z")],
    ),
    "record_history": (
        ("holderLabel", "recordLabel", "time", "date", "rankName"),
        [("Kofi Mensah", "world record 400 m hurdles", "46.52", "2026-07-02T00:00:00Z",
          "PreferredRank"),
         ("Kofi Mensah", "world record 400 m hurdles", "46.8", "2025-06-14T00:00:00Z",
          "NormalRank")],
    ),
    "engaged_now": (
        ("person", "personLabel", "partner", "partnerLabel"),
        [("ent:mirre-jansen", "Mirre Jansen", "ent:luuk-smit", "Luuk Smit")],
    ),
    "engagements_and_weddings": (
        ("personLabel", "partnerLabel", "rankName", "married", "precision"),
        [("Fenna de Groot", "Bas Verhoef", "DeprecatedRank", "2025-09-01T00:00:00Z", "10"),
         ("Mirre Jansen", "Luuk Smit", "NormalRank", "", "")],
    ),
    "olympic_results_2026": (
        ("athleteLabel", "eventLabel", "medalLabel", "date"),
        [("Fenna de Groot", "women's 3000 m, 2026 Winter Olympics", "Olympic gold medal",
          "2026-02-07T00:00:00Z"),
         ("Mirre Jansen", "women's 1500 m, 2026 Winter Olympics", "Olympic silver medal",
          "2026-02-17T00:00:00Z")],
    ),
    "wins_2025": (
        ("winnerLabel", "eventLabel", "date"),
        [("Mirre Jansen", "women's 1500 m, 2025 European Championships",
          "2025-01-01T00:00:00Z"),
         ("Kofi Mensah", "men's 400 m hurdles, 2025 Bislett Games", "2025-06-14T00:00:00Z")],
    ),
    "team_starts_by_month": (
        ("player", "playerLabel", "team", "teamLabel", "start"),
        [("ent:luuk-smit", "Luuk Smit", "ent:team-polderwind", "Team Polderwind",
          "2024-03-01T00:00:00Z")],
    ),
}
"""Query name -> (projected variables, the rows it answers, in its order)."""

_DATE_TIME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:Z|\+00:00)")


def compact(value: object) -> str:
    """A value as the tables show it: `ent:`/`wd:` for IRIs, UTC times with Z, "" unbound."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(ENT):
        return "ent:" + text[len(ENT):]
    if text.startswith(WD):
        return "wd:" + text[len(WD):]
    match = _DATE_TIME.fullmatch(text)  # rdflib writes UTC as +00:00, Oxigraph as Z
    return match.group(1) + "Z" if match else text


def query_text(name: str) -> str:
    """The query as shipped, with its PREFIX lines."""
    return (WIKIDATA_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def undeclared(text: str) -> str:
    """The query as a Wikidata user writes it: without the prefixes WDQS predeclares."""
    kept = [line for line in text.splitlines()
            if not (m := re.match(r"PREFIX\s+(\w+):", line)) or m.group(1) not in WDQS_PREDECLARED]
    return "\n".join(kept) + "\n"


def forms(name: str) -> Iterator[tuple[str, str]]:
    """(form name, text) of the query with and without the predeclared prefixes."""
    text = query_text(name)
    yield "declared", text
    yield "undeclared", undeclared(text)


def mismatches(name: str, form: str, variables: Sequence[str], rows: Rows) -> list[str]:
    """What is wrong with one answer (nothing when it is exactly the expected one)."""
    header, expected = EXPECTED[name]
    problems = []
    if tuple(variables) != header:
        problems.append(f"{name} ({form}): variables {tuple(variables)} != {header}")
    if len(set(rows)) != len(rows):
        problems.append(f"{name} ({form}): duplicate rows {rows}")
    if rows != expected:
        problems.append(f"{name} ({form}): rows {rows} != expected {expected}")
    return problems


def load(kg):  # type: ignore[no-untyped-def]
    """Write the fixture articles into `kg` and return it."""
    for article, statements in wikidata_articles():
        kg.add_article(article, statements)
    return kg


def test_every_query_has_a_title_an_expected_answer_and_an_entry_in_the_docs() -> None:
    names = sorted(path.stem for path in WIKIDATA_QUERIES.glob("*.rq"))
    assert names == sorted(EXPECTED)
    assert len(names) >= 7
    docs = DOCS.read_text(encoding="utf-8")
    for name in names:
        text = query_text(name)
        assert text.startswith("# "), name
        assert "SERVICE wikibase:label" in text, name
        assert f"```sparql\n{text}```" in docs, f"{name}.rq is not shown as written in the docs"
        assert markdown_table(name) in docs, f"the answer of {name} in the docs is not current"


def test_the_queries_use_the_wikidata_idioms_between_them() -> None:
    texts = "\n".join(query_text(name) for name in EXPECTED)
    for idiom in ("p:P", "ps:P", "pq:P", "wikibase:rank wikibase:PreferredRank",
                  "FILTER NOT EXISTS { ?statement wikibase:rank wikibase:DeprecatedRank }",
                  "a wikibase:BestRank", "pqv:P585/wikibase:timePrecision",
                  "prov:wasDerivedFrom/pr:P854", 'wikibase:language "en,nl"', "YEAR(?date)",
                  '"^^xsd:dateTime', "wdt:P31 wd:Q5", "COUNT(", "GROUP BY"):
        assert idiom in texts, idiom


def test_the_named_queries_are_not_mixed_with_the_examples() -> None:
    assert not set(EXPECTED) & {query.name for query in named_queries()}


@pytest.fixture(scope="module", params=["oxigraph", "memory", "sparql"])
def fixture_kg(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    """The fixture articles written once per module on each backend (sparql on a real
    `oxigraph serve`), for the tests that only read them."""
    from sportkg.explore.server import OxigraphServer

    folder = tmp_path_factory.mktemp(f"wikidata-style-{request.param}")
    if request.param == "sparql":
        with OxigraphServer(folder / "server") as server, KnowledgeGraph.open(
                "sparql", endpoint=server.query_url) as kg:
            yield load(kg)
    else:
        options = {"path": folder / "store"} if request.param == "oxigraph" else {}
        with KnowledgeGraph.open(request.param, **options) as kg:
            yield load(kg)


def test_each_query_answers_exactly_on_every_backend(fixture_kg: KnowledgeGraph) -> None:
    problems: list[str] = []
    for name in EXPECTED:
        for form, text in forms(name):
            result = fixture_kg.query(text)
            rows = [tuple(compact(term) for term in row) for row in result.rows]
            problems += mismatches(name, form, result.variables, rows)
    assert not problems, f"{fixture_kg.store.name}:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`sportkg serve` (a real process on 127.0.0.1) over an Oxigraph store of the fixture."""
    location = tmp_path_factory.mktemp("wikidata-style") / "store"
    with KnowledgeGraph.open("oxigraph", path=location) as kg:
        load(kg)
    server = start_serve(location)
    yield server
    if server.process.poll() is None:
        code, stderr = server.stop()
        assert code == 0, stderr


def test_each_query_answers_exactly_through_sportkg_serve_with_sparqlwrapper(
        served: Served) -> None:
    problems: list[str] = []
    for name in EXPECTED:
        for form, text in forms(name):
            client = SPARQLWrapper(served.query_url)
            client.setQuery(text)
            client.setReturnFormat(JSON)
            client.setTimeout(30)
            answer = client.queryAndConvert()
            variables = answer["head"]["vars"]  # type: ignore[index]
            rows = [tuple(compact(b[v]["value"] if v in b else None) for v in variables)
                    for b in answer["results"]["bindings"]]  # type: ignore[index]
            problems += mismatches(name, form, variables, rows)
    assert not problems, "\n".join(problems)


def test_each_query_answers_exactly_through_sportkg_serve_with_rdflib_sparqlstore(
        served: Served) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    problems: list[str] = []
    for fmt in ("xml", "json"):
        graph = Graph(SPARQLStore(query_endpoint=served.query_url, returnFormat=fmt))
        for name in EXPECTED:
            for form, text in forms(name):
                result = graph.query(text)
                variables = [str(v) for v in result.vars or ()]
                rows = [tuple(compact(term) for term in row) for row in result]
                problems += mismatches(name, f"{form}, SPARQLStore {fmt}", variables, rows)
    assert not problems, "\n".join(problems)


def markdown_table(name: str) -> str:
    """The expected answer of a query as the Markdown table the docs show."""
    header, rows = EXPECTED[name]

    def cell(value: str) -> str:
        return f"`{value}`" if value else ""

    lines = ["| " + " | ".join(f"?{v}" for v in header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _wedding_from_the_other_side() -> list:  # type: ignore[type-arg]
    """The fixture with the marriage stated as "Bas Verhoef married Fenna de Groot"."""
    from sportkg.model import Statement

    out = []
    for article, statements in wikidata_articles():
        if article.id == "nl_bruiloft":
            statements = [Statement(s.doc_id, s.article_hash, s.value, s.property, s.subject,
                                    s.evidence, s.confidence, s.qualifiers)
                          for s in statements]
        out.append((article, statements))
    return out


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_a_marriage_stated_from_the_partner_ends_the_engagement(backend: str,
                                                                tmp_path: Path) -> None:
    options = {"path": tmp_path / "store"} if backend == "oxigraph" else {}
    with KnowledgeGraph.open(backend, **options) as kg:
        for article, statements in _wedding_from_the_other_side():
            kg.add_article(article, statements)
        result = kg.query(query_text("engaged_now"))
        assert [compact(row[1]) for row in result.rows] == ["Mirre Jansen"]


def test_a_symmetric_relation_is_found_from_either_side(fixture_kg: KnowledgeGraph) -> None:
    result = fixture_kg.query(f"""SELECT ?spouse ?married WHERE {{
      <{ENT}bas-verhoef> wdt:P26 ?spouse ; p:P26 ?statement .
      ?statement ps:P26 ?spouse ; a wikibase:BestRank ; pq:P580 ?married . }}""")
    assert [tuple(compact(t) for t in row) for row in result.rows] == [
        ("ent:fenna-de-groot", "2025-09-01T00:00:00Z")]


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_removing_the_wedding_article_makes_the_engagement_current_again(
        backend: str, tmp_path: Path) -> None:
    options = {"path": tmp_path / "store"} if backend == "oxigraph" else {}
    with KnowledgeGraph.open(backend, **options) as kg:
        load(kg)
        kg.remove_article("nl_bruiloft")
        result = kg.query(query_text("engaged_now"))
        assert [compact(row[1]) for row in result.rows] == ["Fenna de Groot", "Mirre Jansen"]
        history = kg.query(query_text("engagements_and_weddings"))
        assert [tuple(compact(t) for t in row) for row in history.rows] == [
            ("Fenna de Groot", "Bas Verhoef", "NormalRank", "", ""),
            ("Mirre Jansen", "Luuk Smit", "NormalRank", "", "")]


@pytest.mark.parametrize("fixture_kg", ["memory", "oxigraph"], indirect=True)
def test_times_come_back_as_written(fixture_kg: KnowledgeGraph) -> None:
    """As written on the embedded stores (rdflib reads a sparql endpoint's "Z" as "+00:00")."""
    result = fixture_kg.query(query_text("current_records"))
    assert [str(row[-1]) for row in result.rows] == ["2026-07-02T00:00:00Z"]
