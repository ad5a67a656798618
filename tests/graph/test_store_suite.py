"""One store suite, run against every backend: oxigraph (disk), memory, sparql (real server)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from sportkg.errors import InputError, QueryError
from sportkg.graph import rdf
from sportkg.model import Article, Entity, Evidence, Statement


def _all(sample_articles):  # type: ignore[no-untyped-def]
    return [s for _, facts in sample_articles for s in facts]


def test_add_and_read_back_round_trips(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    for article, facts in sample_articles:
        assert kg.add_article(article, facts).added == 1
    back = list(kg.statements())
    assert sorted(map(repr, back)) == sorted(map(repr, _all(sample_articles)))
    assert set(back) == set(_all(sample_articles))
    only = list(kg.statements(article="en_ruth"))
    assert set(only) == set(sample_articles[1][1])


def test_store_graph_is_isomorphic_to_writer_output(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    info = rdf.ArticleInfo.from_article(article)
    lines = rdf.article_lines(info, facts)
    own = [*lines.article,
           rdf.fingerprint_line(info, rdf.fingerprint([*lines.article, *lines.shared]))]
    shared = [*lines.shared, rdf.layout_line()]
    for graph, expected in ((info.graph_iri(), own), (kg.facts_graph, shared)):
        stored = Graph()
        for s, p, o in kg.store.triples(graph):
            if isinstance(o, Literal):  # compare values, whatever lexical form a store keeps
                o = Literal(str(o), datatype=o.datatype, lang=o.language)
            stored.add((s, p, o))
        assert isomorphic(stored, rdf.to_rdflib(expected))


def test_an_article_is_found_by_name_hash_or_graph_iri(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    for article, facts in sample_articles:
        kg.add_article(article, facts)
    (sanne, sanne_facts), (ruth, ruth_facts) = sample_articles[0], sample_articles[1]
    graph = rdf.ArticleInfo.from_article(sanne).graph_iri()
    for name in (sanne.id, sanne.hash, graph):
        assert kg.find_articles([name]) == {graph: (sanne.id, sanne.hash)}
        assert set(kg.statements(article=name)) == set(sanne_facts)
    both = set(kg.statements(articles=[graph, ruth.id, "no_such_article"]))
    assert both == {*sanne_facts, *ruth_facts}
    assert list(kg.statements(articles=["no_such_article"])) == []
    with pytest.raises(InputError, match="'no_such_article'"):
        list(kg.statements(article="no_such_article"))
    with pytest.raises(InputError, match="'no_such_article'"):
        kg.remove_article("no_such_article")
    assert kg.remove_article(graph) == 1
    assert kg.find_articles([sanne.id, sanne.hash, graph]) == {}
    assert set(kg.statements()) == set(_all(sample_articles[1:]))


def test_same_article_twice_changes_nothing(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    before = kg.stats()
    again = kg.add_article(article, facts)
    assert again.unchanged and again.unchanged_graphs == 1
    assert kg.stats() == before


def test_changed_version_replaces_old_graph(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    new = Article(article.id, article.text + " Extra zin.", article.lang, article.date,
                  article.source)
    moved = [Statement(s.doc_id, new.hash, s.subject, s.property, s.value, s.evidence,
                       s.confidence, s.qualifiers) for s in facts[:2]]
    result = kg.add_article(new, moved)
    assert result.replaced == 1 and result.added == 0
    assert set(kg.statements()) == set(moved)
    assert kg.stats()["articles"] == 1


def test_same_facts_new_extraction_replaces_graph(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    assert kg.add_article(article, facts[:3]).replaced == 1
    assert set(kg.statements()) == set(facts[:3])


def test_load_statements_groups_by_article(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    facts = _all(sample_articles)
    result = kg.load_statements(facts)
    assert result.added == 3 and result.statements == len(facts)
    assert set(kg.statements()) == set(facts)
    assert kg.load_statements(facts).unchanged
    # an article's statements split into two runs end up in one graph
    kg2 = make_kg()
    first, second = sample_articles[0][1][:3], sample_articles[0][1][3:]
    kg2.load_statements([*first, *sample_articles[2][1], *second])
    assert set(kg2.statements(article="nl_sanne")) == set(sample_articles[0][1])


def test_bulk_load_and_small_batches_round_trip(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    facts = _all(sample_articles)
    result = kg.load_statements(facts, bulk=True, batch_size=1)
    assert result.added == 3
    assert set(kg.statements()) == set(facts)
    assert kg.load_statements(facts, batch_size=2).unchanged


def test_statements_survive_reopening(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    for article, facts in sample_articles:
        kg.add_article(article, facts)
    stats = kg.stats()
    reopened = make_kg()
    assert reopened.stats() == stats
    assert set(reopened.statements()) == set(_all(sample_articles))


def test_unknown_property_leaves_store_unchanged(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    before = kg.stats()
    bad = Statement(facts[0].doc_id, article.hash, facts[0].subject, "P9999", facts[0].value,
                    facts[0].evidence)
    with pytest.raises(InputError, match="P9999"):
        kg.add_article(article, [*facts[:2], bad])
    assert kg.stats() == before
    assert set(kg.statements()) == set(facts)


def test_bad_iri_leaves_store_unchanged(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    before = kg.stats()
    broken = Entity("https://example.org/a b> } ; DROP ALL", "Broken", type="person")
    bad = Statement(facts[0].doc_id, article.hash, broken, "P27", facts[3].value, facts[0].evidence)
    with pytest.raises(InputError, match="not a valid absolute IRI"):
        kg.add_article(article, [bad])
    assert kg.stats() == before


def test_engagement_is_also_written_as_wikidata_partner(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[0]
    kg.add_article(article, facts)
    ask = """
    PREFIX wd: <http://www.wikidata.org/entity/>
    PREFIX p: <http://www.wikidata.org/prop/> PREFIX ps: <http://www.wikidata.org/prop/statement/>
    PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
    PREFIX sk: <https://w3id.org/sportkg/ontology#>
    ASK { ?a sk:engagedTo ?b . ?a p:P451 ?st . ?st ps:P451 ?b ; pq:P3831 wd:Q157512 }"""
    assert kg.query(ask).boolean is True
    assert kg.stats()["statements"] == len(facts)  # the mirror is not counted


def test_linked_minted_entity_gets_same_as(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    article, facts = sample_articles[1]
    kg.add_article(article, facts)
    ask = ("ASK { <https://w3id.org/sportkg/entity/lena-hartmann> "
           "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q4630399> }")
    assert kg.query(ask).boolean is True
    kg.link("https://w3id.org/sportkg/entity/ruth-okafor", "Q79031")
    ask2 = ("ASK { GRAPH <https://w3id.org/sportkg/kb> { "
            "<https://w3id.org/sportkg/entity/ruth-okafor> "
            "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q79031> } }")
    assert kg.query(ask2).boolean is True


def test_add_kb_goes_to_kb_graph(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    n = kg.add_kb('<http://www.wikidata.org/entity/Q55> '
                  '<http://www.w3.org/2000/01/rdf-schema#label> "Netherlands"@en .')
    assert n == 1
    found = kg.query("SELECT ?l WHERE { GRAPH ?g { ?s ?p ?l } }")
    assert [str(r[0]) for r in found] == ["Netherlands"]
    assert kg.stats()["articles"] == 0
    with pytest.raises(InputError, match="turtle"):
        kg.add_kb("this is { not turtle")


def test_bindings_cannot_change_the_query(make_kg, sample_articles) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    for article, facts in sample_articles:
        kg.add_article(article, facts)
    text = ("PREFIX schema: <http://schema.org/> "
            "SELECT DISTINCT ?e WHERE { ?e schema:name ?name } ORDER BY ?e")
    sanne = Literal("Sanne Bakker", lang="mul")  # names are tagged `mul`, as Wikidata's are
    assert [str(r[0]) for r in kg.query(text, bindings={"name": sanne})] == [
        "https://w3id.org/sportkg/entity/sanne-bakker"
    ]
    evil = 'Sanne Bakker" } ?e ?p ?name . { ?e ?p "'
    assert list(kg.query(text, bindings={"name": evil})) == []
    assert kg.query(text, bindings={"e": URIRef("https://w3id.org/sportkg/entity/tom-visser")}
                    ).column("e") == ["https://w3id.org/sportkg/entity/tom-visser"]
    assert len(kg.query(text, bindings={"name": Literal("Tom Visser", lang="mul")})) == 1


def test_syntax_error_is_a_query_error(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    with pytest.raises(QueryError):
        kg.query("SELEC ?x WHERE { ?x ?y ?z }")


def test_evidence_with_odd_text_round_trips(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    text = 'Quote "x" \\ back\nslash and tab\t and émoji 🏅 and {braces}'
    article = Article("odd", text, "en", None, "odd.txt")
    who = Entity("https://w3id.org/sportkg/entity/odd-person", 'Anne "The Rocket" Berg',
                 type="person")
    fact = Statement("odd", article.hash, who, "P641",
                     Entity.from_qid("Q192431", "speed skating", "sport"),
                     Evidence("odd.txt", text, 0, len(text), "x"), 1.0)
    kg.add_article(article, [fact])
    assert list(kg.statements()) == [fact]


def test_select_texts_gives_each_cell_its_text_and_sparql_form(make_kg) -> None:  # type: ignore[no-untyped-def]
    """The cells a sorted report writes back into its page's query: the same on every
    backend, and each SPARQL form reads back as the same term."""
    kg = make_kg()
    text = ('SELECT ?a ?b WHERE { VALUES (?a ?b) { (<https://example.org/x> "Zoë \\"Z\\""@nl) '
            '("2026-02-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> UNDEF) '
            '("plain" 7) } }')
    variables, rows = kg.select_texts(text)
    assert variables == ("a", "b")
    assert sorted(rows, key=str) == sorted([
        (("https://example.org/x", "<https://example.org/x>"), ('Zoë "Z"', '"Zoë \\"Z\\""@nl')),
        (("2026-02-01T00:00:00Z",
          '"2026-02-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'), None),
        (("plain", '"plain"'), ("7", '"7"^^<http://www.w3.org/2001/XMLSchema#integer>')),
    ], key=str)
    echoed = "SELECT ?a ?b WHERE { VALUES (?a ?b) { " + " ".join(
        "(" + " ".join("UNDEF" if c is None else c[1] for c in row) + ")" for row in rows) + " } }"
    assert kg.query(echoed).rows == kg.query(text).rows
    with pytest.raises(QueryError):
        kg.select_texts("SELECT ?a WHERE { ?a ?b }")
