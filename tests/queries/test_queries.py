"""Named queries: headers, typed parameters, safe binding, same answers on every backend."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sportkg.errors import QueryError
from sportkg.explore.server import OxigraphServer
from sportkg.graph.kg import KnowledgeGraph
from sportkg.queries import QUERY_DIR, load_query, named_queries, run_query

from ..conftest import sample_articles_and_facts

PARAMS = {
    "medals": {"athlete": "sanne bakker"},
    "person_facts": {"person": "Ruth Okafor"},
    "article_facts": {"doc": "nl_sanne"},
    "athletes": {"country": "Netherlands"},
}


def _loaded(kg, sample_articles):  # type: ignore[no-untyped-def]
    for article, facts in sample_articles:
        kg.add_article(article, facts)
    return kg


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, KnowledgeGraph]]:
    """The sample articles written once per module through each backend (oxigraph, memory, and
    sparql on a real `oxigraph serve`); the tests here only read them."""
    folder = tmp_path_factory.mktemp("query-backends")
    sample = sample_articles_and_facts()
    with (KnowledgeGraph.open("oxigraph", path=folder / "ox") as oxigraph,
          KnowledgeGraph.open("memory") as memory,
          OxigraphServer(folder / "srv") as server,
          KnowledgeGraph.open("sparql", endpoint=server.query_url) as sparql):
        yield {name: _loaded(kg, sample) for name, kg in
               (("oxigraph", oxigraph), ("memory", memory), ("sparql", sparql))}


def _answers(kg, name: str, params: dict[str, str]) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    result = run_query(kg, name, params)
    return [tuple("" if t is None else str(t) for t in row) for row in result.rows]


def test_at_least_ten_named_queries_each_with_a_header() -> None:
    queries = named_queries()
    assert len(queries) >= 10
    for query in queries:
        text = (QUERY_DIR / f"{query.name}.rq").read_text(encoding="utf-8")
        assert text.startswith("# "), query.name
        assert query.title
    assert {"medals", "wikidata_compare", "disagreements", "low_confidence"} <= {
        q.name for q in queries
    }


NON_EMPTY = {"medals", "records", "relationships", "person_facts", "athletes", "article_facts",
             "low_confidence", "disagreements", "winners"}
LOCAL_QUERIES = [q.name for q in named_queries() if q.name != "wikidata_compare"]


@pytest.mark.parametrize("name", LOCAL_QUERIES)
def test_same_answers_on_all_backends(name: str, backends: dict[str, KnowledgeGraph]) -> None:
    params = PARAMS.get(name, {})
    answers = {backend: _answers(kg, name, params) for backend, kg in backends.items()}
    assert answers["oxigraph"] == answers["memory"] == answers["sparql"]
    if name in NON_EMPTY:
        assert answers["oxigraph"], f"{name} found nothing in the sample graph"


@pytest.fixture
def kg(backends: dict[str, KnowledgeGraph]) -> KnowledgeGraph:
    """The sample articles in memory (shared by the module's tests, which only read it)."""
    return backends["memory"]


def test_medals_answer(kg) -> None:  # type: ignore[no-untyped-def]
    rows = run_query(kg, "medals").records()
    assert rows == [{
        "athleteName": "Sanne Bakker", "award": "Olympic gold medal",
        "event": "women's 1000 m, 2026 Winter Olympics",
        "date": __import__("datetime").date(2026, 2, 9), "place": "Milan", "sources": 1,
    }]
    assert len(run_query(kg, "medals", {"athlete": "Nobody Here"})) == 0


def test_relationships_low_confidence_and_disagreements(kg) -> None:  # type: ignore[no-untyped-def]
    pairs = run_query(kg, "relationships").records()
    assert [(r["personName"], r["relation"], r["partnerName"]) for r in pairs] == [
        ("Sanne Bakker", "engaged to", "Tom Visser")
    ]
    low = run_query(kg, "low_confidence").records()
    assert [float(r["confidence"]) for r in low] == [0.4, 0.55]
    assert len(run_query(kg, "low_confidence", {"threshold": "0.95"})) == 11
    clash = run_query(kg, "disagreements").records()
    assert len(clash) == 1 and {clash[0]["value1"], clash[0]["value2"]} == {"27", "28"}
    records = run_query(kg, "records").records()
    assert float(records[0]["time"]) == pytest.approx(114.3)


def test_quotes_and_braces_in_a_parameter_do_not_change_the_query(kg) -> None:  # type: ignore[no-untyped-def]
    for evil in ['Sanne Bakker" || true || "', "x\" } ?a ?b ?c { \"", "}} # comment", "\\"]:
        assert len(run_query(kg, "medals", {"athlete": evil})) == 0
    assert len(run_query(kg, "medals", {"athlete": "Sanne Bakker"})) == 1


def test_parameter_errors(kg) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="needs parameter 'person'"):
        run_query(kg, "person_facts")
    with pytest.raises(QueryError, match="no parameter 'athlet'. Available: athlete"):
        run_query(kg, "medals", {"athlet": "x"})
    with pytest.raises(QueryError, match="not a valid decimal"):
        run_query(kg, "low_confidence", {"threshold": "high"})
    with pytest.raises(QueryError, match="Unknown query 'medal'. Available: .*medals"):
        load_query("medal")


def test_query_file_and_syntax_error(kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "count.rq"
    good.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s sk:won ?o }\n", encoding="utf-8")
    assert run_query(kg, good).column("n") == [2]
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?y }\n", encoding="utf-8")
    with pytest.raises(QueryError):
        run_query(kg, bad)


def test_federated_query_against_a_local_wikidata(sample_articles, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The SERVICE query runs for real, against a local server standing in for Wikidata."""
    from sportkg.model import Article, Entity, Evidence, Statement

    fixture = ('<http://www.wikidata.org/entity/Q79031> '
               '<http://www.wikidata.org/prop/direct/P27> <http://www.wikidata.org/entity/Q30> .')
    with OxigraphServer(tmp_path / "wikidata") as wikidata:
        import urllib.request

        request = urllib.request.Request(
            wikidata.update_url, data=f"INSERT DATA {{ {fixture} }}".encode(),
            headers={"Content-Type": "application/sparql-update"}, method="POST")
        urllib.request.urlopen(request, timeout=10).close()
        text = load_query("wikidata_compare").text.replace(
            "https://query.wikidata.org/sparql", wikidata.query_url)
        article = Article("en_tyson", "Mike Tyson is American and Dutch.", "en", "2026-01-01")
        tyson = Entity.from_qid("Q79031", "Mike Tyson", "person")
        ev = Evidence("en_tyson.txt", article.text, 0, 33, "x", "2026-01-01")
        facts = [
            Statement("en_tyson", article.hash, tyson, "P27",
                      Entity.from_qid(q, label, "country"), ev, 0.9)
            for q, label in (("Q30", "United States"), ("Q55", "Netherlands"))
        ]
        with KnowledgeGraph.open("oxigraph", path=tmp_path / "ox") as kg:
            kg.add_article(article, facts)
            rows = kg.query(text).records()
    assert [(r["value"], r["inWikidata"]) for r in rows] == [
        ("Netherlands", False), ("United States", True)
    ]


def test_reports_come_a_page_at_a_time_with_their_total(kg) -> None:  # type: ignore[no-untyped-def]
    first = run_query(kg, "low_confidence", {}, limit=1)
    second = run_query(kg, "low_confidence", {}, limit=1, offset=1)
    assert (len(first), first.total, len(second), second.total) == (1, 2, 1, 2)
    assert [float(r["confidence"]) for r in [*first.records(), *second.records()]] == [0.4, 0.55]
    assert run_query(kg, "low_confidence", {}).total == 2
    with pytest.raises(QueryError, match="--limit"):
        run_query(kg, "low_confidence", {}, limit=0)


def test_a_name_is_matched_on_its_folded_form(kg) -> None:  # type: ignore[no-untyped-def]
    assert len(run_query(kg, "medals", {"athlete": "  SANNE   bakker "})) == 1
    assert len(run_query(kg, "winners", {"event": "no such race"})) == 0


def test_an_event_is_bound_in_each_branch_it_marks() -> None:
    from sportkg.queries import _unmarked, _with_people

    text = ("SELECT * WHERE { { #@values ?event\n ?a ?b ?event }\n"
            "  UNION { #@values ?event\n ?event ?c ?d } }")
    bound = _with_people(text, "event", ["http://example.org/e"])
    assert bound.count("VALUES ?event { <http://example.org/e> }") == 2
    assert "#@values" not in bound
    assert "#@values" not in _unmarked(text) and "VALUES" not in _unmarked(text)
    plain = _with_people("SELECT * WHERE { ?event ?b ?c }", "event", [])
    assert plain.index("VALUES ?event") < plain.index("?event ?b")


def test_winners_of_one_event_from_both_branches(kg) -> None:  # type: ignore[no-untyped-def]
    every = {tuple(map(str, row)) for row in run_query(kg, "winners").rows}
    assert every
    event = sorted(every)[0][0]
    one = {tuple(map(str, row)) for row in run_query(kg, "winners", {"event": event}).rows}
    assert one == {row for row in every if event.lower() in row[0].lower()}


def test_queries_read_the_precision_of_every_date_property() -> None:
    """Queries name each date-valued property's value node (`psv:P585`) to read its precision;
    a date property added to the relation table must be added to them too."""
    from sportkg.ontology.relations import RELATIONS

    dates = {key for key, relation in RELATIONS.items() if relation.value_type == "date"}
    for name in ("article_facts", "person_facts", "low_confidence"):
        text = load_query(name).text
        named = set(re.findall(r"psv:(P\d+)/wikibase:timePrecision", text))
        assert named == dates, name


def test_pages_by_confidence_follow_the_full_order(kg) -> None:  # type: ignore[no-untyped-def]
    """Pages counted per confidence value first hold the rows the whole sorted report holds."""
    whole = run_query(kg, "low_confidence", {"threshold": "1"}, limit=1000)
    confidences = [float(r["confidence"]) for r in whole.records()]
    assert confidences == sorted(confidences) and whole.total == len(confidences) >= 3
    for size in (1, 2):
        paged = []
        for offset in range(0, len(confidences) + size, size):
            page = run_query(kg, "low_confidence", {"threshold": "1"}, limit=size,
                             offset=offset)
            assert page.total == len(confidences)
            paged += [float(r["confidence"]) for r in page.records()]
        assert paged == confidences
    assert load_query("low_confidence").page_by == "confidence"


@pytest.mark.parametrize("params", [{}, {"sport": "SPEED SKATER"},
                                    {"country": "netherlands", "sport": "speed skater"},
                                    {"country": "Atlantis"}, {"sport": "speed skating"}])
def test_athletes_with_and_without_filters_on_both_stores(  # type: ignore[no-untyped-def]
        params, backends: dict[str, KnowledgeGraph]) -> None:
    on_oxigraph = run_query(backends["oxigraph"], "athletes", params)
    in_memory = run_query(backends["memory"], "athletes", params)
    rows = [tuple("" if t is None else str(t) for t in row) for row in on_oxigraph.rows]
    assert rows == [tuple("" if t is None else str(t) for t in row) for row in in_memory.rows]
    assert on_oxigraph.total == in_memory.total
    people = {row[0]: row for row in rows}
    assert on_oxigraph.total == len(people)
    if params.get("country") == "Atlantis" or params.get("sport") == "speed skating":
        assert not people and on_oxigraph.variables == ("name", "nationality",
                                                          "sportOrOccupation")
    elif params:
        assert people and all(row[2] == "speed skater" for row in people.values())
    else:
        assert "Sanne Bakker" in people


def test_lines_kept_only_when_a_parameter_is_or_is_not_given() -> None:
    from sportkg.queries import _conditional

    text = "a .  #@if ?country\nb .  #@unless ?country\nc .\n"
    assert _conditional(text, {"country"}) == "a .\n\nc .\n"
    assert _conditional(text, set()) == "\nb .\nc .\n"


def test_a_core_holding_sub_selects_is_found_by_its_braces() -> None:
    from sportkg.queries import _core

    text = ("SELECT ?a WHERE {\n  {\n    SELECT ?a ?b WHERE { { SELECT ?a WHERE { ?a ?p ?o } }\n"
            "      { SELECT ?b WHERE { ?b ?q ?r } } }\n    ORDER BY ?b ?a\n    #@page\n  }\n"
            "  ?a ?x ?y .\n}")
    prologue, core, opening, closing, keys = _core(text)
    assert core.strip().startswith("SELECT ?a ?b WHERE") and core.rstrip().endswith("} }")
    assert (text[opening], text[closing], keys) == ("{", "}", ["b", "a"])


def test_a_report_cut_from_its_whole_core_pages_in_order(kg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "named.rq"
    report.write_text(
        "# Everyone with a name, a page at a time by name.\n# @paged whole\n"
        "SELECT ?name WHERE {\n  { SELECT ?e ?label WHERE { ?e a sk:Person ; schema:name ?label }\n"
        "    ORDER BY ?label\n    #@page\n  }\n  BIND(STR(?label) AS ?name)\n}\n",
        encoding="utf-8")
    assert load_query(report).whole
    names = [str(row[0]) for row in run_query(kg, report).rows]
    assert names == sorted(names) and len(names) >= 3
    pages = [str(row[0]) for offset in range(len(names))
             for row in run_query(kg, report, limit=1, offset=offset).rows]
    assert pages == names
    beyond = run_query(kg, report, offset=len(names))
    assert (len(beyond), beyond.total) == (0, len(names))


def test_winners_come_a_page_at_a_time_in_their_order(kg) -> None:  # type: ignore[no-untyped-def]
    whole = run_query(kg, "winners")
    rows = [tuple(map(str, row)) for row in whole.rows]
    assert whole.total == len(rows) >= 2 and rows == sorted(rows)
    pages = [tuple(map(str, row)) for offset in range(len(rows))
             for row in run_query(kg, "winners", limit=1, offset=offset).rows]
    assert pages == rows


def test_disagreements_come_a_page_of_groups_at_a_time(kg) -> None:  # type: ignore[no-untyped-def]
    whole = run_query(kg, "disagreements", {})
    assert whole.total == 1 and len(whole) == 1
    beyond = run_query(kg, "disagreements", {}, offset=1)
    assert (len(beyond), beyond.total) == (0, 1)


# Every pair of differing values of a single-valued property, found by comparing all of them:
# what `disagreements` must list, read from the index graph's marks.
_ALL_PAIRS = """
SELECT DISTINCT ?subjectName ?property ?value1 ?source1 ?value2 ?source2 WHERE {
  VALUES (?link ?valueProp ?property) {
    (skp:age skps:age "sk:age") (p:P569 ps:P569 "P569") (p:P19 ps:P19 "P19")
    (p:P22 ps:P22 "P22") (p:P25 ps:P25 "P25") }
  ?subject ?link ?st1 . ?st1 ?valueProp ?v1 ; prov:wasDerivedFrom ?r1 .
  ?subject ?link ?st2 . ?st2 ?valueProp ?v2 ; prov:wasDerivedFrom ?r2 .
  FILTER(STR(?v1) < STR(?v2))
  ?subject schema:name ?name .
  OPTIONAL { ?r1 sk:sourceFile ?source1 } OPTIONAL { ?r2 sk:sourceFile ?source2 }
  OPTIONAL { ?v1 schema:name ?n1 } OPTIONAL { ?v2 schema:name ?n2 }
  OPTIONAL { ?st1 psv:P569/wikibase:timePrecision ?p1 }
  OPTIONAL { ?st2 psv:P569/wikibase:timePrecision ?p2 }
  BIND(STR(?name) AS ?subjectName)
  BIND(STR(COALESCE(?n1, IF(?p1 = 9, SUBSTR(STR(?v1), 1, 4), IF(?p1 = 10,
       SUBSTR(STR(?v1), 1, 7), SUBSTR(STR(?v1), 1, 10))), ?v1)) AS ?value1)
  BIND(STR(COALESCE(?n2, IF(?p2 = 9, SUBSTR(STR(?v2), 1, 4), IF(?p2 = 10,
       SUBSTR(STR(?v2), 1, 7), SUBSTR(STR(?v2), 1, 10))), ?v2)) AS ?value2)
}"""


def _clashing_articles(sample_articles):  # type: ignore[no-untyped-def]
    """The sample articles and three more that contradict them: a birth date at another
    precision, two birthplaces (named items), a mother, and one claim from two sources."""
    from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement

    base = "https://w3id.org/sportkg/entity/"
    ruth = Entity(base + "ruth-okafor", "Ruth Okafor", type="person")
    sanne = Entity(base + "sanne-bakker", "Sanne Bakker", type="person")
    lagos = Entity.from_qid("Q8673", "Lagos", "place")
    abuja = Entity.from_qid("Q3787", "Abuja", "place")
    ada = Entity(base + "ada-okafor", "Ada Okafor", type="person")
    eve = Entity(base + "eve-okafor", "Eve Okafor", type="person")
    added = []
    for doc, facts in (
        ("en_ruth_born", [("P569", LiteralValue("1999-05-01", "date", "day"), ruth),
                          ("P19", lagos, ruth), ("P25", ada, ruth)]),
        ("en_ruth_abuja", [("P19", abuja, ruth), ("P25", eve, ruth), ("P19", lagos, ruth)]),
        ("nl_sanne_weer", [("sk:age", LiteralValue(29, "integer"), sanne)]),
    ):
        text = f"{doc} says what it says."
        article = Article(doc, text, "en", "2026-03-01", f"{doc}.txt")
        statements = []
        for start, (prop, value, subject) in enumerate(facts):
            evidence = Evidence(article.source, text, start, len(text), "test", article.date)
            quals = ({"P585": LiteralValue("2026-03-01", "date", "day")}
                     if prop == "sk:age" else {})
            statements.append(Statement(doc, article.hash, subject, prop, value, evidence,
                                        0.7, quals))
        added.append((article, statements))
    return [*sample_articles, *added]


def test_disagreements_read_from_the_marks_list_every_differing_pair(  # type: ignore[no-untyped-def]
        make_kg, sample_articles) -> None:
    from sportkg.queries import _with_prefixes

    kg = make_kg()
    for article, facts in _clashing_articles(sample_articles):
        kg.add_article(article, facts)
    expected = sorted(tuple("" if t is None else str(t) for t in row)
                      for row in kg.query(_with_prefixes(_ALL_PAIRS)).rows)
    report = run_query(kg, "disagreements")
    assert report.total == 4  # Sanne's age, Ruth's birth date, birthplace and mother
    assert sorted(tuple("" if t is None else str(t) for t in row) for row in report.rows
                  ) == expected
    assert ("Ruth Okafor", "P569", "1999", "en_ruth.txt", "1999-05-01",
            "en_ruth_born.txt") in expected
    paged = [tuple("" if t is None else str(t) for t in row) for offset in range(4)
             for row in run_query(kg, "disagreements", limit=1, offset=offset).rows]
    assert sorted(paged) == expected


@pytest.mark.parametrize("threshold", ["0.5", "0.6", "0.805", "0.95", "1"])
def test_low_confidence_counts_what_a_filter_over_every_reading_counts(  # type: ignore[no-untyped-def]
        make_kg, sample_articles, threshold: str) -> None:
    kg = make_kg()
    for article, facts in _clashing_articles(sample_articles):
        kg.add_article(article, facts)
    expected = kg.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st "
        "<https://w3id.org/sportkg/ontology#confidence> ?c } "
        f'FILTER(?c < "{threshold}"^^<http://www.w3.org/2001/XMLSchema#decimal>) }}').rows
    report = run_query(kg, "low_confidence", {"threshold": threshold})
    assert report.total == int(str(expected[0][0])) == len(report)


def test_winners_give_each_date_at_its_precision(make_kg) -> None:  # type: ignore[no-untyped-def]
    """A win of ours dated to the month, and a Wikidata-style event (`wdt:P1346` winner, its
    date a `p:P585` statement known to the year), each listed with its date as precise as it
    is known, on every backend."""
    from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement

    kg = make_kg()
    base = "https://w3id.org/sportkg/entity/"
    mila = Entity(base + "mila-roos", "Mila Roos", type="person")
    race = Entity(base + "event/vierdaagse-van-het-veen-2026", "Vierdaagse van het Veen 2026",
                  type="event")
    win = Statement("d1", "h1", mila, "sk:won", race,
                    Evidence("d1.txt", "Mila Roos won de Vierdaagse.", 0, 28, "t", "2026-02-20"),
                    0.9, {"P585": LiteralValue("2026-02", "date", "month")})
    kg.add_article(Article("d1", "Mila Roos won de Vierdaagse.", "nl", date="2026-02-20",
                           source="d1.txt"), [win])
    wd, p = "http://www.wikidata.org/entity/", "http://www.wikidata.org/prop/"
    lines = [
        f"<{wd}Q900001> <http://www.wikidata.org/prop/direct/P1346> <{wd}Q900002> .",
        f'<{wd}Q900001> <http://schema.org/name> "Ronde van het Veen 2019"@en .',
        f'<{wd}Q900002> <http://schema.org/name> "Joris Veen"@mul .',
        f"<{wd}Q900001> <{p}P585> <{wd}statement-1> .",
        f'<{wd}statement-1> <{p}statement/P585> '
        f'"2019-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .',
        f"<{wd}statement-1> <{p}statement/value/P585> <{wd}value-1> .",
        f"<{wd}value-1> <http://wikiba.se/ontology#timePrecision> "
        f'"9"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    ]
    kg.store.write(kg.kb_graph, lines, replace=False)
    rows = {tuple(str(t) for t in row) for row in run_query(kg, "winners", {"event": "veen"}).rows}
    assert rows == {("Vierdaagse van het Veen 2026", "Mila Roos", "2026-02"),
                    ("Ronde van het Veen 2019", "Joris Veen", "2019")}
