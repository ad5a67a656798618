"""The statement model on every backend: one node per claim, a reference per article, ranks,
set semantics of the default graph, and removal of what no article supports any more."""

from __future__ import annotations

import pytest

from sportkg.errors import InputError
from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement

PREFIXES = """
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX pr: <http://www.wikidata.org/prop/reference/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX sk: <https://w3id.org/sportkg/ontology#>
PREFIX skp: <https://w3id.org/sportkg/prop/>
PREFIX skps: <https://w3id.org/sportkg/prop/statement/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ENT = "https://w3id.org/sportkg/entity/"
MILA = Entity(ENT + "mila-roos", "Mila Roos", type="person")
JOEP = Entity(ENT + "joep-dekker", "Joep Dekker", type="person")
GOLD = Entity.from_qid("Q406039", "gold medal", "award")
RECORD = Entity(ENT + "record/track-record-500-m", "track record 500 m", type="record")


def _article(doc: str, text: str, date: str = "2026-01-10") -> Article:
    return Article(doc, text, "nl", date, f"{doc}.txt", url=f"https://example.org/{doc}")


def _fact(article: Article, prop: str, value: Entity | LiteralValue,
          quals: dict[str, Entity | LiteralValue] | None = None,
          subject: Entity = MILA, confidence: float = 0.8) -> Statement:
    evidence = Evidence(article.source, article.text, 0, len(article.text), "test",
                        article.date, url=article.url)
    return Statement(article.id, article.hash, subject, prop, value, evidence, confidence,
                     quals or {})


def _count(kg, where: str) -> int:  # type: ignore[no-untyped-def]
    rows = kg.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows
    return int(rows[0][0])


def _two_sources(make_kg):  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("bron_a", "Mila Roos won goud.")
    b = _article("bron_b", "Goud voor Mila Roos.", "2026-01-11")
    kg.add_article(a, [_fact(a, "P166", GOLD, confidence=0.7)])
    kg.add_article(b, [_fact(b, "P166", GOLD, confidence=0.9)])
    return kg, a, b


def test_one_claim_from_two_articles_is_one_statement_with_two_references(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg, _, _ = _two_sources(make_kg)
    assert _count(kg, f"<{MILA.iri}> p:P166 ?st") == 1
    assert _count(kg, f"<{MILA.iri}> wdt:P166 ?v") == 1
    assert _count(kg, f"<{MILA.iri}> rdfs:label ?l") == 1
    assert _count(kg, f"<{MILA.iri}> p:P166 ?st . ?st prov:wasDerivedFrom ?ref") == 2
    urls = kg.query(PREFIXES + f"""SELECT ?url WHERE {{ <{MILA.iri}> p:P166 ?st .
        ?st prov:wasDerivedFrom/pr:P854 ?url }} ORDER BY ?url""").column("url")
    assert urls == ["https://example.org/bron_a", "https://example.org/bron_b"]
    assert kg.stats()["statements"] == 1 and kg.stats()["references"] == 2
    assert len(list(kg.statements())) == 2  # one per article, each with its own evidence


def test_removing_one_source_keeps_the_claim_removing_both_drops_it(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg, a, b = _two_sources(make_kg)
    assert kg.remove_article("bron_a") == 1
    assert _count(kg, f"<{MILA.iri}> p:P166 ?st . ?st prov:wasDerivedFrom ?ref") == 1
    assert _count(kg, f"<{MILA.iri}> wdt:P166 wd:Q406039") == 1
    assert kg.remove_article(b.hash) == 1
    assert _count(kg, "?s p:P166 ?st") == 0
    assert _count(kg, "?s wdt:P166 ?v") == 0
    # entities no statement uses are gone too; only the layout mark and the index's list of
    # confidence values (a value no reading has counts nothing) stay
    assert _count(kg, "GRAPH ?g { ?s ?p ?o FILTER(?p NOT IN (sk:layout, sk:confidenceValue)) }"
                  ) == 0
    with pytest.raises(InputError, match="bron_a"):
        kg.remove_article("bron_a")


def test_replacing_an_article_drops_the_claims_it_no_longer_makes(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("bron_a", "Mila Roos won goud en is Nederlandse.")
    nl = Entity.from_qid("Q55", "Netherlands", "country")
    kg.add_article(a, [_fact(a, "P166", GOLD), _fact(a, "P27", nl)])
    kg.add_article(a, [_fact(a, "P27", nl)])  # a new extraction of the same article
    assert _count(kg, "?s p:P166 ?st") == 0
    assert _count(kg, "?s wdt:P166 ?v") == 0
    assert _count(kg, "?award a sk:Award") == 0
    assert _count(kg, f"<{MILA.iri}> wdt:P27 wd:Q55") == 1
    assert kg.add_article(a, [_fact(a, "P27", nl)]).unchanged


def test_the_default_graph_is_a_set(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg, _, _ = _two_sources(make_kg)
    c = _article("bron_c", "Mila Roos en Joep Dekker zijn verloofd.")
    kg.add_article(c, [_fact(c, "sk:engagedTo", JOEP), _fact(c, "P166", GOLD)])
    rows = kg.query(PREFIXES + "SELECT ?person ?label WHERE { ?person wdt:P31 wd:Q5 ; "
                    "rdfs:label ?label }").rows
    assert sorted(str(r[1]) for r in rows) == ["Joep Dekker", "Mila Roos"]
    pairs = kg.query(PREFIXES + "SELECT ?a ?b WHERE { ?a sk:engagedTo ?b }").rows
    assert sorted((str(a), str(b)) for a, b in pairs) == [  # held from both sides, once each
        (JOEP.iri, MILA.iri), (MILA.iri, JOEP.iri)]


def test_a_record_set_again_makes_the_newest_preferred(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    old = _article("oud", "Mila Roos reed een baanrecord van 37,80.", "2025-11-01")
    new = _article("nieuw", "Mila Roos verbeterde haar baanrecord tot 37,41.", "2026-01-10")
    kg.add_article(old, [_fact(old, "P1000", RECORD, {
        "P2781": LiteralValue("37,80", "string"),
        "P585": LiteralValue("2025-11-01", "date", "day")})])
    assert _count(kg, "?st a wikibase:BestRank ; wikibase:rank wikibase:NormalRank") == 1
    kg.add_article(new, [_fact(new, "P1000", RECORD, {
        "P2781": LiteralValue("37,41", "string"),
        "P585": LiteralValue("2026-01-10", "date", "day")})])
    best = kg.query(PREFIXES + """SELECT ?time ?rank WHERE { ?s p:P1000 ?st .
        ?st a wikibase:BestRank ; wikibase:rank ?rank ; pq:P2781 ?time }""").rows
    assert [(float(t), str(r)) for t, r in best] == [  # type: ignore[arg-type]
        (37.41, "http://wikiba.se/ontology#PreferredRank")]
    assert _count(kg, "?st wikibase:rank wikibase:NormalRank") == 1
    kg.remove_article("nieuw")
    assert _count(kg, "?st a wikibase:BestRank ; wikibase:rank wikibase:NormalRank ; "
                      "pq:P2781 37.8") == 1


def test_an_engagement_that_led_to_marriage_is_deprecated(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("verloofd", "Mila Roos en Joep Dekker zijn verloofd.", "2024-05-01")
    b = _article("getrouwd", "Mila Roos en Joep Dekker zijn getrouwd.", "2026-01-10")
    kg.add_article(a, [_fact(a, "sk:engagedTo", JOEP)])
    assert _count(kg, f"<{MILA.iri}> sk:engagedTo ?b") == 1
    kg.add_article(b, [_fact(b, "P26", JOEP)])
    assert _count(kg, f"<{MILA.iri}> sk:engagedTo ?b") == 0
    assert _count(kg, f"<{MILA.iri}> wdt:P451 ?b") == 0  # the mirror follows its primary
    # the engagement, its P451 form and the engagement held from Joep's side
    assert _count(kg, "?st wikibase:rank wikibase:DeprecatedRank") == 3
    assert _count(kg, f"<{JOEP.iri}> sk:engagedTo ?b") == 0
    assert _count(kg, f"<{MILA.iri}> wdt:P26 <{JOEP.iri}>") == 1
    assert _count(kg, f"<{JOEP.iri}> wdt:P26 <{MILA.iri}>") == 1
    kg.remove_article("getrouwd")
    assert _count(kg, f"<{MILA.iri}> sk:engagedTo <{JOEP.iri}>") == 1


def test_times_are_wikidata_date_times_with_precision(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    a = _article("jaar", "Mila Roos won in 2019 goud.")
    kg.add_article(a, [_fact(a, "P166", GOLD, {"P585": LiteralValue("2019", "date", "year")})])
    rows = kg.query(PREFIXES + """
        PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?t ?precision WHERE { ?s p:P166 ?st . ?st pq:P585 ?t ;
          pqv:P585 [ wikibase:timePrecision ?precision ] .
          FILTER(?t >= "2019-01-01T00:00:00Z"^^xsd:dateTime && YEAR(?t) = 2019) }""").rows
    assert [(str(t)[:19], int(p)) for t, p in rows] == [("2019-01-01T00:00:00", 9)]  # type: ignore[arg-type]
    (back,) = kg.statements()
    assert back.qualifiers == (("P585", LiteralValue("2019", "date", "year")),)


def test_one_person_one_iri_across_articles(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    cyclist = Entity(ENT + "anna-berg--cycling", "Anna Berg", type="person")
    bare = Entity(ENT + "anna-berg", "Anna Berg", type="person")
    piet = Entity(ENT + "piet-berg", "Piet Berg", type="person")
    a = _article("verloving", "Wielrenster Anna Berg is verloofd met Tom Hale.")
    b = _article("familie", "Anna Berg, 27, is de dochter van Piet Berg.")
    kg.add_article(a, [_fact(a, "sk:engagedTo", JOEP, subject=cyclist)])
    kg.add_article(b, [_fact(b, "P22", piet, subject=bare),
                       _fact(b, "sk:age", LiteralValue(27, "integer"), subject=bare)])
    people = kg.query(PREFIXES + "SELECT ?p WHERE { ?p sk:nameKey \"anna berg\" }").column("p")
    assert people == [cyclist.iri]
    assert _count(kg, f"<{cyclist.iri}> wdt:P22 <{piet.iri}>") == 1
    assert kg.add_article(b, [_fact(b, "P22", piet, subject=bare),
                              _fact(b, "sk:age", LiteralValue(27, "integer"),
                                    subject=bare)]).unchanged


def test_people_of_one_name_in_different_sports_stay_apart(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    skater = Entity(ENT + "anna-berg--speed-skating", "Anna Berg", type="person")
    cyclist = Entity(ENT + "anna-berg--cycling", "Anna Berg", type="person")
    bare = Entity(ENT + "anna-berg", "Anna Berg", type="person")
    a = _article("schaatsen", "Schaatsster Anna Berg won goud.")
    b = _article("wielrennen", "Wielrenster Anna Berg won goud.")
    c = _article("kort", "Anna Berg won goud.")
    kg.add_article(a, [_fact(a, "P166", GOLD, subject=skater)])
    kg.add_article(b, [_fact(b, "P166", GOLD, subject=cyclist)])
    kg.add_article(c, [_fact(c, "P166", GOLD, subject=bare)])  # which one? left alone
    people = kg.query(PREFIXES + "SELECT ?p WHERE { ?p sk:nameKey \"anna berg\" } ORDER BY ?p"
                      ).column("p")
    assert people == [bare.iri, cyclist.iri, skater.iri]


def _age(article: Article, years: int, subject: Entity = MILA) -> Statement:
    return _fact(article, "sk:age", LiteralValue(years, "integer"),
                 {"P585": LiteralValue(article.date, "date", "day")}, subject=subject)


@pytest.mark.parametrize("bulk", [False, True])
def test_loading_in_batches_ranks_as_one_write(make_kg, bulk: bool) -> None:  # type: ignore[no-untyped-def]
    """Ranks set per touched group after each batch (or once after a bulk load) are those of
    one write: the latest age is preferred, an engagement followed by a marriage deprecated,
    and a group no later batch touches keeps its ranks."""
    kg = make_kg()
    older = _article("leeftijd_oud", "Mila Roos (24) en Joep Dekker zijn verloofd.",
                     "2025-01-10")
    newer = _article("leeftijd_nieuw", "Mila Roos (25) trouwde met Joep Dekker.", "2026-01-10")
    facts = [_age(older, 24), _fact(older, "sk:engagedTo", JOEP), _age(older, 30, JOEP),
             _age(newer, 25), _fact(newer, "P26", JOEP)]
    if bulk and kg.store.name != "oxigraph":
        pytest.skip("bulk loading is Oxigraph's")
    kg.load_statements(facts, bulk=bulk, batch_size=1)
    preferred = kg.query(PREFIXES + """SELECT ?s ?age WHERE { ?s skp:age ?st .
        ?st wikibase:rank wikibase:PreferredRank ; skps:age ?age }""").rows
    assert [(str(s), int(a)) for s, a in preferred] == [(MILA.iri, 25)]  # type: ignore[call-overload]
    assert _count(kg, f"<{MILA.iri}> sk:age ?a") == 1
    assert _count(kg, f"<{JOEP.iri}> sk:age 30") == 1  # a single age stays normal and best
    assert _count(kg, "?st wikibase:rank wikibase:DeprecatedRank") == 3
    assert _count(kg, f"<{MILA.iri}> sk:engagedTo ?b") == 0


def _quads(kg) -> set[str]:  # type: ignore[no-untyped-def]
    return {" ".join(term.n3() for term in quad if term is not None)
            for quad in kg.store.quads()}


@pytest.mark.parametrize(("begin_empty", "replace", "apart"), [
    (True, True, True), (True, False, True), (False, True, True), (True, True, False)])
def test_bulk_stream_writes_what_a_transactional_load_writes(tmp_path, monkeypatch,  # type: ignore[no-untyped-def]
                                                             begin_empty: bool,
                                                             replace: bool,
                                                             apart: bool) -> None:
    """A bulk load streams its batches to Oxigraph's loader (in a child process while the
    store it began on was empty, else in calls of at most STREAM_QUADS quads), matches
    people and looks up articles against what it wrote, ends the stream for a batch that
    replaces an article, and ranks from the claims it wrote (into an empty store) or from
    the store: the same quads as one transactional load. Ranks set from the claims flush
    the store between their chunks."""
    from sportkg.graph import kg as kg_module
    from sportkg.graph import ranks
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.graph.stores import OxigraphStore

    monkeypatch.setattr(kg_module, "STREAM_QUADS", 40)
    monkeypatch.setattr(ranks, "CHUNK", 1)
    monkeypatch.setattr(ranks, "FLUSH_CHUNKS", 1)
    flushed: list[int] = []
    real_flush = OxigraphStore.flush

    def flush(store: OxigraphStore) -> None:
        flushed.append(1)
        real_flush(store)

    monkeypatch.setattr(OxigraphStore, "flush", flush)
    older = _article("leeftijd_oud", "Mila Roos (24) en Joep Dekker zijn verloofd.",
                     "2025-01-10")
    newer = _article("leeftijd_nieuw", "Mila Roos (25) trouwde met Joep Dekker.", "2026-01-10")
    again = _article("leeftijd_nieuw", "Mila Roos (26) trouwde met Joep Dekker.", "2026-01-10")
    record = _article("record", "Mila Roos reed een baanrecord.", "2026-01-12")
    bare = Entity(ENT + "mila-roos--speed-skating", "Mila Roos", type="person")
    first = [_fact(older, "P166", GOLD)] if not begin_empty else []
    facts = [_age(older, 24), _fact(older, "sk:engagedTo", JOEP), _age(older, 30, JOEP),
             _age(newer, 25), _fact(newer, "P26", JOEP),
             _fact(record, "P1000", RECORD, {"P585": LiteralValue("2026-01-12", "date", "day")},
                   subject=bare),
             _age(again, 26), _fact(again, "P26", JOEP)]  # replaces leeftijd_nieuw
    if not replace:
        facts = facts[:-2]
    stores = {}
    for bulk in (False, True):
        with KnowledgeGraph.open("oxigraph", path=tmp_path / f"bulk-{bulk}") as kg:
            kg.store.loads_apart = apart  # type: ignore[attr-defined]
            if first:
                kg.load_statements(first)
            result = kg.load_statements(facts, bulk=bulk, batch_size=1)
            assert (result.added, result.replaced) == (3 - (not begin_empty),
                                                       (not begin_empty) + replace)
            stores[bulk] = _quads(kg)
            assert _count(kg, f"<{bare.iri}> ?p ?o") == 0  # matched to Mila Roos
    assert stores[True] == stores[False]
    assert bool(flushed) == (begin_empty and not replace)


def test_merging_two_iris_rewrites_every_statement_to_the_kept_one(make_kg) -> None:  # type: ignore[no-untyped-def]
    kg = make_kg()
    # two sports, two IRIs: the writer keeps them apart (a skater who races bikes in
    # summer, or two people) until someone says they are one
    item = Entity(ENT + "mila-roos--speed-skating", "Mila Roos", type="person")
    minted = Entity(ENT + "mila-roos--cycling", "Mila Roos", type="person")
    a = _article("bron_a", "Mila Roos won goud.")
    b = _article("bron_b", "Joep Dekker is verloofd met Mila Roos.", "2026-01-11")
    kg.add_article(a, [_fact(a, "P166", GOLD, subject=item)])
    kg.add_article(b, [_fact(b, "sk:engagedTo", minted, subject=JOEP),
                       _fact(b, "P27", Entity.from_qid("Q55", "Netherlands", "country"),
                             subject=minted)])
    assert kg.merge_entities(minted.iri, item.iri) == 2
    named = {s.subject.iri for s in kg.statements()} | {
        s.value.iri for s in kg.statements() if isinstance(s.value, Entity)}
    assert minted.iri not in named and item.iri in named
    # the retired IRI is gone from the facts, kept as owl:sameAs of the kept one
    assert _count(kg, f"GRAPH <{kg.facts_graph}> {{ ?s ?p <{minted.iri}> }}") == 0
    assert _count(kg, f"GRAPH <{kg.facts_graph}> {{ <{minted.iri}> ?p ?o }}") == 0
    assert _count(kg, f"<{minted.iri}> <http://www.w3.org/2002/07/owl#sameAs> <{item.iri}>") == 1
    # one person: every claim about her on one subject, the engagement pointing at it
    props = {s.property for s in kg.statements() if s.subject.iri == item.iri}
    assert {"P166", "P27"} <= props
    assert ("sk:engagedTo", item.iri) in {(s.property, getattr(s.value, "iri", None))
                                          for s in kg.statements() if s.subject == JOEP}
    assert kg.stats()["articles"] == 2
    assert kg.merge_entities(minted.iri, item.iri) == 0  # done once, nothing left to do
    # the merge lasts: the article read again, or a new one, names the kept IRI
    c = _article("bron_c", "Mila Roos fietst ook.", "2026-01-12")
    kg.add_article(c, [_fact(c, "P106", Entity.from_qid("Q2309784", "cyclist", "occupation"),
                             subject=minted)])
    assert minted.iri not in {s.subject.iri for s in kg.statements()}
    with pytest.raises(InputError, match="into itself"):
        kg.merge_entities(item.iri, item.iri)
