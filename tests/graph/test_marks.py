"""The index graph of marks on every backend: disagreements appear and go as articles come and
go, every confidence a reading has is listed, a bulk load marks what a rebuild marks, and a
store of layout 3 is refused, then given its marks in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from sportkg.errors import StoreError
from sportkg.graph import marks, rdf
from sportkg.graph.kg import KnowledgeGraph
from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement
from sportkg.queries import run_query

from ..conftest import migrated_in_place

ENT = "https://w3id.org/sportkg/entity/"
MILA = Entity(ENT + "mila-roos", "Mila Roos", type="person")
JOEP = Entity(ENT + "joep-dekker", "Joep Dekker", type="person")
KEES = Entity(ENT + "kees-roos", "Kees Roos", type="person")
AGE_LINK = "https://w3id.org/sportkg/prop/age"
FATHER_LINK = "http://www.wikidata.org/prop/P22"


def _article(doc: str, text: str, date: str = "2026-01-10") -> Article:
    return Article(doc, text, "nl", date, f"{doc}.txt")


def _fact(article: Article, prop: str, value: Entity | LiteralValue, *,
          subject: Entity = MILA, confidence: float = 0.8) -> Statement:
    evidence = Evidence(article.source, article.text, 0, len(article.text), "test",
                        article.date)
    quals: dict[str, Entity | LiteralValue] = {}
    if prop == "sk:age":
        quals = {"P585": LiteralValue(article.date, "date", "day")}
    return Statement(article.id, article.hash, subject, prop, value, evidence, confidence,
                     quals)


def _age(article: Article, years: int, confidence: float = 0.8) -> Statement:
    return _fact(article, "sk:age", LiteralValue(years, "integer"), confidence=confidence)


def _marks(kg: KnowledgeGraph) -> set[tuple[str, str]]:
    """(subject, statement link) of every disagreement mark."""
    rows = kg.query(f"SELECT ?s ?link WHERE {{ GRAPH <{kg.index_graph}> "
                    f"{{ ?s <{marks.DISAGREEMENT}> ?link }} }}").rows
    return {(str(s), str(link)) for s, link in rows}


def _confidences(kg: KnowledgeGraph) -> set[float]:
    rows = kg.query(f"SELECT ?c WHERE {{ GRAPH <{kg.index_graph}> "
                    f"{{ ?i <{marks.CONFIDENCE_VALUE}> ?c }} }}").rows
    return {float(row[0]) for row in rows}


def _rebuilt(kg: KnowledgeGraph) -> set[tuple[str, str]]:
    """The marks a rebuild from the statements gives (the index is put back afterwards)."""
    before = _marks(kg)
    kg.store.update(marks.rebuild_text(kg.facts_graph, kg.index_graph))
    found = _marks(kg)
    kg.store.update(f"DROP SILENT GRAPH <{kg.index_graph}>")
    marks.write_marks(kg.store, kg.index_graph, sorted(before))
    return found


def test_a_disagreement_is_marked_when_a_second_article_contradicts(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("bron_a", "Mila Roos (27) won goud.")
    b = _article("bron_b", "Mila Roos, 28, keek terug.", "2026-01-12")
    kg.add_article(a, [_age(a, 27)])
    assert _marks(kg) == set()
    assert run_query(kg, "disagreements").total == 0
    kg.add_article(b, [_age(b, 28)])
    assert _marks(kg) == {(MILA.iri, AGE_LINK)}
    clash = run_query(kg, "disagreements").records()
    assert [(r["subjectName"], r["value1"], r["value2"]) for r in clash] == [
        ("Mila Roos", "27", "28")]
    assert kg.remove_article("bron_b") == 1
    assert _marks(kg) == set()
    assert run_query(kg, "disagreements").total == 0


def test_a_replaced_article_that_now_agrees_takes_the_mark_away(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("bron_a", "Mila Roos is de dochter van Kees Roos.")
    b = _article("bron_b", "Mila Roos, dochter van Joep Dekker.")
    kg.add_article(a, [_fact(a, "P22", KEES)])
    kg.add_article(b, [_fact(b, "P22", JOEP)])
    assert _marks(kg) == {(MILA.iri, FATHER_LINK)}
    kg.add_article(b, [_fact(b, "P22", KEES)])  # a new extraction of the same article
    assert _marks(kg) == set()
    kg.add_article(b, [_fact(b, "P22", JOEP), _age(b, 30)])
    assert _marks(kg) == {(MILA.iri, FATHER_LINK)} == _rebuilt(kg)


def test_the_same_value_twice_is_no_disagreement(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("bron_a", "Mila Roos (27) won goud.")
    b = _article("bron_b", "Mila Roos, 27, keek terug.", "2026-01-12")
    kg.add_article(a, [_age(a, 27)])
    kg.add_article(b, [_age(b, 27)])  # two statements (two dates), one value
    assert _marks(kg) == set() == _rebuilt(kg)


def test_loads_mark_what_a_rebuild_marks(make_kg) -> None:  # type: ignore[no-untyped-def]
    articles = [_article(f"bron_{i}", f"Mila Roos is {age}.", f"2026-01-{10 + i}")
                for i, age in enumerate((27, 28, 27))]
    facts = [_age(article, age) for article, age in zip(articles, (27, 28, 27), strict=True)]
    facts.append(_fact(articles[0], "P22", KEES, subject=JOEP))
    for bulk in (True, False):
        kg = make_kg()
        kg.load_statements(facts, bulk=bulk, batch_size=1)
        assert _marks(kg) == {(MILA.iri, AGE_LINK)} == _rebuilt(kg)
        kg.remove_article("bron_1")
        assert _marks(kg) == set()
        if make_kg.backend == "memory":  # the same store object: start the second load anew
            kg.store.update("CLEAR ALL")


def test_every_confidence_of_a_reading_is_listed_and_stays(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("bron_a", "Mila Roos (27) won goud.")
    kg.add_article(a, [_age(a, 27, confidence=0.45), _fact(a, "P22", KEES, confidence=0.9)])
    assert _confidences(kg) == {0.45, 0.9}
    kg.remove_article("bron_a")
    assert _confidences(kg) == {0.45, 0.9}  # listed still, counting nothing
    assert run_query(kg, "low_confidence").total == 0
    kg.add_kb(f"<{ENT}x> <{marks.CONFIDENCE}> 0.25 .")  # data of any graph, as Turtle
    assert _confidences(kg) == {0.25, 0.45, 0.9}
    assert run_query(kg, "low_confidence").total == 1


def _layout_3(path: Path) -> None:
    """A store as sportkg wrote it before the index graph: its marks and layout 4 taken away."""
    a = _article("bron_a", "Mila Roos (27) won goud.")
    b = _article("bron_b", "Mila Roos, 28, keek terug.", "2026-01-12")
    with KnowledgeGraph.open("oxigraph", path=path) as kg:
        kg.add_article(a, [_age(a, 27, confidence=0.5)])
        kg.add_article(b, [_age(b, 28, confidence=0.4)])
        kg.store.update(f"DROP GRAPH <{kg.index_graph}> ;\n{rdf.mark_layout_text(kg.base, '3')}")


def test_layout_3_is_refused_then_given_its_marks_in_place(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    _layout_3(store)
    migrated_in_place(cli, store, r"layout 3.*sportkg migrate --store .*in place",
                      "added the index of marks")
    with KnowledgeGraph.open("oxigraph", path=store) as kg:
        assert kg.layout() == rdf.LAYOUT
        assert _marks(kg) == {(MILA.iri, AGE_LINK)}
        assert _confidences(kg) == {0.4, 0.5}
        assert run_query(kg, "low_confidence").total == 2
        assert run_query(kg, "disagreements").total == 1


def test_an_endpoint_of_an_old_layout_says_to_migrate_the_directory_behind_it(
        _sparql_server) -> None:  # type: ignore[no-untyped-def]
    with KnowledgeGraph.open("sparql", endpoint=_sparql_server.query_url,
                             check_layout=False) as kg:
        kg.store.update("DROP ALL")
        a = _article("bron_a", "Mila Roos (27) won goud.")
        kg.add_article(a, [_age(a, 27, confidence=0.5)])
        kg.store.update(rdf.mark_layout_text(kg.base, "3"))
    try:
        with pytest.raises(StoreError, match="on the directory the endpoint serves"):
            KnowledgeGraph.open("sparql", endpoint=_sparql_server.query_url)
    finally:
        with KnowledgeGraph.open("sparql", endpoint=_sparql_server.query_url,
                                 check_layout=False) as kg:
            kg.store.update("DROP ALL")
