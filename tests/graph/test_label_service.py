"""The label-service rewrite: Wikidata-style label queries answered from the graph's own labels.

Each rewritten query is run on a real engine (an in-memory pyoxigraph store, and rdflib
for a second parser), so the tests check answers, not query text.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql import prepareQuery

from sportkg.errors import QueryError
from sportkg.graph.label_service import (
    WDQS_PREFIXES,
    declare_prefixes,
    rewrite,
    service_endpoints,
)

WD = "http://www.wikidata.org/entity/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "http://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PREFIXES = (
    "PREFIX wd: <http://www.wikidata.org/entity/>\n"
    "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
)
SERVICE_EN_NL = 'SERVICE wikibase:label { bd:serviceParam wikibase:language "en,nl". }'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """Three athletes: English and Dutch labels, Dutch only, no label at all."""
    store = ox.Store()
    sport = ox.NamedNode("http://www.wikidata.org/prop/direct/P641")
    skating = ox.NamedNode(WD + "Q32112")

    def add(s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
        store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.DefaultGraph()))

    for qid in ("Q1", "Q2", "Q3"):
        add(WD + qid, sport.value, skating)
    add(WD + "Q1", RDFS + "label", ox.Literal("Noor Vermeulen", language="en"))
    add(WD + "Q1", RDFS + "label", ox.Literal("Noor Vermeulen (nl)", language="nl"))
    add(WD + "Q1", SCHEMA + "description", ox.Literal("speed skater", language="en"))
    add(WD + "Q1", SKOS + "altLabel", ox.Literal("Noortje", language="en"))
    add(WD + "Q1", SKOS + "altLabel", ox.Literal("N. Vermeulen", language="en"))
    add(WD + "Q2", RDFS + "label", ox.Literal("Daan Hoekstra", language="nl"))
    add(WD + "Q32112", RDFS + "label", ox.Literal("speed skating", language="en"))
    return store


def rows(store: ox.Store, query: str) -> list[dict[str, str | None]]:
    """Run the rewritten query; every row as variable -> value (None when unbound)."""
    text = rewrite(query)
    prepareQuery(text if "PREFIX wd:" in text else PREFIXES + text)  # rdflib parses it too
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [
        {n: (None if s[n] is None else s[n].value) for n in names} for s in solutions
    ]


def test_labels_in_the_first_language_that_has_one_else_the_local_name(store: ox.Store) -> None:
    query = PREFIXES + f"""
    SELECT ?person ?personLabel WHERE {{ ?person wdt:P641 wd:Q32112 . {SERVICE_EN_NL} }}
    ORDER BY ?person"""
    assert rows(store, query) == [
        {"person": WD + "Q1", "personLabel": "Noor Vermeulen"},
        {"person": WD + "Q2", "personLabel": "Daan Hoekstra"},
        {"person": WD + "Q3", "personLabel": "Q3"},
    ]
    dutch_first = query.replace('"en,nl"', '"nl,en"')
    assert rows(store, dutch_first)[0]["personLabel"] == "Noor Vermeulen (nl)"


def test_descriptions_alt_labels_and_several_variables(store: ox.Store) -> None:
    query = PREFIXES + f"""
    SELECT DISTINCT ?person ?personLabel ?personDescription ?personAltLabel ?sport ?sportLabel
    WHERE {{ ?person wdt:P641 ?sport . {SERVICE_EN_NL} }} ORDER BY ?person"""
    first, second, _ = rows(store, query)
    assert first["personDescription"] == "speed skater"
    assert sorted(first["personAltLabel"].split(", ")) == ["N. Vermeulen", "Noortje"]  # type: ignore[union-attr]
    assert first["sportLabel"] == "speed skating"
    assert second["personDescription"] is None and second["personAltLabel"] is None


def test_explicit_form_binds_the_named_variable_only(store: ox.Store) -> None:
    query = PREFIXES + """
    SELECT ?person ?name ?personLabel WHERE { ?person wdt:P641 wd:Q32112 .
      SERVICE wikibase:label { bd:serviceParam wikibase:language "nl" .
                               ?person rdfs:label ?name . } } ORDER BY ?person"""
    result = rows(store, query)
    assert [r["name"] for r in result] == ["Noor Vermeulen (nl)", "Daan Hoekstra", "Q3"]
    assert all(r["personLabel"] is None for r in result)  # explicit mode: no automatic labels


def test_select_star_shows_no_helper_variables(store: ox.Store) -> None:
    explicit = PREFIXES + """SELECT * WHERE { ?person wdt:P641 ?sport .
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en" .
                               ?person rdfs:label ?name } } ORDER BY ?person"""
    result = rows(store, explicit)
    assert list(result[0]) == ["person", "sport", "name"]
    assert [r["name"] for r in result] == ["Noor Vermeulen", "Q2", "Q3"]
    automatic = PREFIXES + f"SELECT * WHERE {{ ?person wdt:P641 ?sport . {SERVICE_EN_NL} }}"
    assert sorted(rows(store, automatic)[0]) == ["person", "sport"]  # as on Wikidata


def test_group_by_nested_group_and_subquery(store: ox.Store) -> None:
    grouped = PREFIXES + f"""
    SELECT ?sport ?sportLabel (COUNT(?person) AS ?athletes) WHERE {{
      {{ ?person wdt:P641 ?sport }}
      {SERVICE_EN_NL}
    }} GROUP BY ?sport ?sportLabel"""
    assert rows(store, grouped) == [
        {"sport": WD + "Q32112", "sportLabel": "speed skating", "athletes": "3"}
    ]
    inner = PREFIXES + f"""
    SELECT ?personLabel WHERE {{
      {{ SELECT ?person ?personLabel WHERE {{ ?person wdt:P641 wd:Q32112 . {SERVICE_EN_NL} }} }}
    }} ORDER BY ?personLabel"""
    assert [r["personLabel"] for r in rows(store, inner)] == [
        "Daan Hoekstra", "Noor Vermeulen", "Q3"
    ]


def test_declared_prefixes_silent_and_full_iris(store: ox.Store) -> None:
    query = PREFIXES + """PREFIX wb: <http://wikiba.se/ontology#>
    PREFIX bigdata: <http://www.bigdata.com/rdf#>
    SELECT ?person ?personLabel WHERE { ?person wdt:P641 wd:Q32112 .
      SERVICE SILENT <http://wikiba.se/ontology#label> {
        bigdata:serviceParam wb:language "[AUTO_LANGUAGE],nl" } } ORDER BY ?person"""
    assert [r["personLabel"] for r in rows(store, query)] == [
        "Noor Vermeulen", "Daan Hoekstra", "Q3"
    ]


def test_quotes_braces_and_comments_in_strings_are_left_alone(store: ox.Store) -> None:
    query = PREFIXES + """# a comment with SERVICE wikibase:label { and a brace
    SELECT ?person ?personLabel ?note WHERE { ?person wdt:P641 wd:Q32112 .
      BIND("} SERVICE wikibase:label { '" AS ?note)
      BIND('''a "{" b''' AS ?other)
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en" } } ORDER BY ?person"""
    result = rows(store, query)
    assert result[0] == {"person": WD + "Q1", "personLabel": "Noor Vermeulen",
                         "note": "} SERVICE wikibase:label { '"}
    assert "# a comment with SERVICE wikibase:label { and a brace" in rewrite(query)


def test_a_label_variable_bound_by_the_query_is_left_alone(store: ox.Store) -> None:
    query = PREFIXES + f"""SELECT ?person ?personLabel WHERE {{ ?person wdt:P641 wd:Q32112 ;
        rdfs:label ?personLabel . FILTER(LANG(?personLabel) = "en") {SERVICE_EN_NL} }}"""
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + query
    assert rows(store, query) == [{"person": WD + "Q1", "personLabel": "Noor Vermeulen"}]


def test_queries_without_the_service_come_back_unchanged() -> None:
    for query in (
        "SELECT * WHERE { ?s ?p ?o }",
        'SELECT ?s WHERE { ?s ?p "SERVICE wikibase:label { }" }',
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "ASK { ?s <urn:p> ?o } # SERVICE",
    ):
        assert rewrite(query) == query


def test_malformed_label_service_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="needs a language"):
        rewrite("SELECT ?xLabel { ?x ?p ?o SERVICE wikibase:label { } }")
    with pytest.raises(QueryError, match="not a language code"):
        rewrite('SELECT ?xLabel { ?x ?p ?o SERVICE wikibase:label { '
                'bd:serviceParam wikibase:language "en\\") } DROP ALL" } }')
    with pytest.raises(QueryError, match="unclosed"):
        rewrite('SELECT ?xLabel { ?x ?p ?o SERVICE wikibase:label { ')


def test_service_endpoints_resolve_prefixes_and_ignore_strings() -> None:
    query = """PREFIX ex: <http://other.example/>
    SELECT * { SERVICE ex:sparql { ?s ?p ?o } SERVICE SILENT ?where { ?a ?b ?c }
               FILTER(?s != "SERVICE <http://x/>") }"""
    assert service_endpoints(query) == ["http://other.example/sparql", "?where"]


def test_wdqs_prefixes_are_declared_when_a_query_uses_them_undeclared(store: ox.Store) -> None:
    query = """SELECT ?person ?personLabel WHERE {
      ?person wdt:P641 wd:Q32112 ; rdfs:label ?name .
      FILTER(LANG(?name) = "en")
      SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } }"""
    text = rewrite(query)
    assert text.count("PREFIX") == 3  # rdfs, wd, wdt; bd went with the service block
    assert declare_prefixes(query).splitlines()[1:] == query.splitlines()[1:]  # same lines
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    assert [s["personLabel"].value for s in solutions] == ["Noor Vermeulen"]


def test_declared_prefixes_win_and_other_prefixes_are_left_to_the_engine() -> None:
    own = "PREFIX wd: <urn:mine:> SELECT * WHERE { ?x ?p wd:Q5 }"
    assert declare_prefixes(own) == own
    unknown = "SELECT * WHERE { ?x ex:p ?y }"
    assert declare_prefixes(unknown) == unknown
    quoted = 'SELECT * WHERE { ?x <urn:wdt:P31> "wd:Q5" } # p:P166'
    assert declare_prefixes(quoted) == quoted
    update = "INSERT DATA { wd:Q1 wdt:P31 wd:Q5 }"
    assert declare_prefixes(update) == (
        f"PREFIX wd: <{WDQS_PREFIXES['wd']}> PREFIX wdt: <{WDQS_PREFIXES['wdt']}> " + update)


def test_the_wdqs_prefixes_agree_with_the_project_namespaces() -> None:
    from sportkg.ontology.namespaces import PREFIXES as PROJECT

    shared = set(WDQS_PREFIXES) & set(PROJECT)
    assert {"wd", "wdt", "p", "ps", "pq", "pqv", "pr", "wikibase", "bd", "rdfs", "schema",
            "xsd", "prov"} <= shared
    assert {name: WDQS_PREFIXES[name] for name in shared} == {
        name: PROJECT[name] for name in shared}


@pytest.mark.parametrize("backend", ["memory", "oxigraph"])
def test_knowledge_graph_query_answers_the_label_service(backend: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.model import Article, Entity, Evidence, Statement

    article = Article(id="demo", text="Anna Smit won gold.", lang="en", date="2026-02-09")
    anna = Entity("https://w3id.org/sportkg/entity/anna-smit", "Anna Smit", type="person")
    gold = Entity.from_qid("Q406039", "gold medal", "award")
    evidence = Evidence("demo.txt", article.text, 0, 19, "example", "2026-02-09")
    fact = Statement("demo", article.hash, anna, "P166", gold, evidence, 0.9)
    options = {"path": tmp_path / "store"} if backend == "oxigraph" else {}
    with KnowledgeGraph.open(backend, **options) as kg:
        kg.add_article(article, [fact])
        result = kg.query(
            "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n"
            "SELECT ?who ?whoLabel ?awardLabel WHERE { ?who wdt:P166 ?award . "
            'SERVICE wikibase:label { bd:serviceParam wikibase:language "nl,en" } }'
        )
        assert [(r["whoLabel"], r["awardLabel"]) for r in result.records()] == [
            ("Anna Smit", "gold medal")
        ]
