"""The generated SHACL shapes: the writer's graph conforms, each single break is named.

Every case starts from one small graph written by the real writer
(`article_lines` + `to_rdflib`, the article's graph and its part of the facts
graph together), breaks it in exactly one way and checks the message of the
violation, like pySHACL's own manifest-driven tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from sportkg.graph.rdf import ArticleInfo, article_lines, to_rdflib
from sportkg.graph.shapes import SHAPES_PATH, shapes_turtle
from sportkg.graph.validate import ValidationReport, validate_graph
from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement
from sportkg.ontology import namespaces as ns

ENT = "https://w3id.org/sportkg/entity/"
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DATETIME = URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
XSD_GYEAR = URIRef("http://www.w3.org/2001/XMLSchema#gYear")
WIKIBASE = ns.WIKIBASE
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
SANNE = URIRef(ENT + "sanne-bakker")
TOM = URIRef(ENT + "tom-visser")
CLUB = URIRef(ENT + "team/fc-voorbeeld")
NETHERLANDS = URIRef(ns.WD_IRI + "Q55")
GOLD = URIRef(ns.WD_IRI + "Q15243387")


def _statements() -> tuple[Article, list[Statement]]:
    """One article of our own writing with a fact of every value type."""
    sanne = Entity(str(SANNE), "Sanne Bakker", type="person")
    tom = Entity(str(TOM), "Tom Visser", type="person")
    club = Entity(str(CLUB), "FC Voorbeeld", type="team")
    gold = Entity.from_qid("Q15243387", "Olympic gold medal", "award")
    nl = Entity.from_qid("Q55", "Netherlands", "country")
    milan = Entity.from_qid("Q490", "Milan", "place")
    event = Entity(ENT + "event/women-s-1000-m", "women's 1000 m", type="event")
    record = Entity(ENT + "record/track-record-1000-m", "track record 1000 m", type="record")
    day = LiteralValue("2026-02-09", "date", "day")
    text = ("Sanne Bakker (27) won goud op de 1000 meter in Milaan in 1.11,84, een baanrecord. "
            "De Nederlandse van FC Voorbeeld, geboren in 1998, is verloofd met Tom Visser.")
    article = Article("nl_shapes", text, "nl", "2026-02-09", "nl_shapes.txt",
                      url="https://example.org/nieuws/bakker")
    first = Evidence("nl_shapes.txt", text[:81], 0, 81, "sportkg_medals", "2026-02-09",
                     url=article.url)
    second = Evidence("nl_shapes.txt", text[82:], 82, len(text), "sportkg_people",
                      "2026-02-09", url=article.url)
    h = article.hash
    return article, [
        Statement("nl_shapes", h, sanne, "P166", gold, first, 0.92,
                  {"P585": day, "P1344": event, "P276": milan}),
        Statement("nl_shapes", h, sanne, "P1000", record, first, 0.8,
                  {"P2781": LiteralValue("1.11,84", "string"), "P585": day}),
        Statement("nl_shapes", h, sanne, "sk:age", LiteralValue(27, "integer"), first, 0.9,
                  {"P585": day}),
        Statement("nl_shapes", h, sanne, "P27", nl, second, 0.8),
        Statement("nl_shapes", h, sanne, "P54", club, second, 0.7),
        Statement("nl_shapes", h, sanne, "P569", LiteralValue("1998", "date", "year"), second,
                  0.7),
        Statement("nl_shapes", h, sanne, "sk:engagedTo", tom, second, 0.88),
    ]


@cache
def _lines() -> tuple[str, ...]:
    article, statements = _statements()
    lines = article_lines(ArticleInfo.from_article(article), statements)
    return (*lines.article, *lines.shared)


def valid_graph() -> Graph:
    """A fresh copy of the writer's graph of the article (its own graph and the facts)."""
    return to_rdflib(_lines())


def statement(graph: Graph, key: str) -> URIRef:
    """Sanne's primary statement node of relation `key` (not a mirror)."""
    for node in graph.objects(SANNE, ns.statement_link(key)):
        if (node, URIRef(ns.SK_IRI + "mirrorOf"), None) not in graph:
            assert isinstance(node, URIRef)
            return node
    raise AssertionError(f"no statement of {key}")


def value_node(graph: Graph, key: str, predicate: URIRef) -> URIRef:
    """The value node under `predicate` of Sanne's `key` statement."""
    node = graph.value(statement(graph, key), predicate)
    assert isinstance(node, URIRef)
    return node


def reference(graph: Graph) -> URIRef:
    """The reference of Sanne's medal."""
    ref = graph.value(statement(graph, "P166"), PROV_DERIVED)
    assert isinstance(ref, URIRef)
    return ref


def replace_predicate(graph: Graph, old: URIRef, new: URIRef) -> None:
    """Write every `old` triple with predicate `new` instead."""
    for s, o in list(graph.subject_objects(old)):
        graph.remove((s, old, o))
        graph.add((s, new, o))


def report_of(graph: Graph) -> ValidationReport:
    return validate_graph(graph)


# ----------------------------------------------------------------------------- the valid graph


def test_shipped_shapes_are_the_table() -> None:
    assert SHAPES_PATH.read_text(encoding="utf-8") == shapes_turtle(), (
        "ontology/shapes.ttl is stale: python -m sportkg.graph.shapes > ontology/shapes.ttl"
    )


def test_the_writers_graph_conforms_without_warnings() -> None:
    graph = valid_graph()
    report = report_of(graph)
    assert report.conforms, report.messages
    assert report.messages == ()
    assert set(graph) == set(valid_graph()), "validation changed the data graph"


def test_wikidata_datetime_in_a_qualifier_conforms() -> None:
    graph = valid_graph()
    times = list(graph.objects(statement(graph, "P166"), ns.PQ.P585))
    assert [t.datatype for t in times] == [XSD_DATETIME]  # type: ignore[attr-defined]
    assert report_of(graph).conforms


def test_older_date_literals_conform_without_a_value_node() -> None:
    graph = valid_graph()
    st = statement(graph, "P166")
    graph.remove((st, ns.qualifier_value_node("P585"), None))
    graph.set((st, ns.PQ.P585, Literal("2026-02-09", datatype=XSD_DATE)))
    birth = statement(graph, "P569")
    graph.remove((birth, ns.statement_value_node("P569"), None))
    graph.set((birth, ns.PS.P569, Literal("1998", datatype=XSD_GYEAR)))
    report = report_of(graph)
    assert report.conforms, report.messages


def test_a_statement_of_a_property_outside_the_table_conforms() -> None:
    graph = valid_graph()
    node = URIRef("https://w3id.org/sportkg/statement/gender")
    graph.add((SANNE, URIRef(ns.P_IRI + "P21"), node))
    for p, o in ((RDF.type, WIKIBASE.Statement), (WIKIBASE.rank, WIKIBASE.NormalRank),
                 (URIRef(ns.PS_IRI + "P21"), URIRef(ns.WD_IRI + "Q6581072")),
                 (PROV_DERIVED, reference(graph))):
        graph.add((node, p, o))
    report = report_of(graph)
    assert report.conforms, report.messages


# ----------------------------------------------------------------------------- one break each


@dataclass(frozen=True)
class Case:
    """One way to break the valid graph and a fragment of the violation it must raise."""

    id: str
    breaks: Callable[[Graph], None]
    message: str


def _remove_main_value(g: Graph) -> None:
    g.remove((statement(g, "P166"), ns.PS.P166, None))


def _foreign_main_value(g: Graph) -> None:
    st = statement(g, "P166")
    g.remove((st, ns.PS.P166, None))
    g.add((st, ns.PS.P27, NETHERLANDS))


def _second_main_value(g: Graph) -> None:
    g.add((statement(g, "P166"), ns.PS.P166, URIRef(ns.WD_IRI + "Q406039")))


def _untyped(g: Graph) -> None:
    g.remove((statement(g, "P27"), RDF.type, WIKIBASE.Statement))


def _literal_for_item(g: Graph, predicate: URIRef, key: str = "P27") -> None:
    node = SANNE if predicate == ns.direct(key) else statement(g, "P166" if key == "P276" else key)
    g.set((node, predicate, Literal("Netherlands")))


def _set(node_of: Callable[[Graph], URIRef], predicate: URIRef,
         value: URIRef | Literal | None) -> Callable[[Graph], None]:
    """A break that sets (or, with None, removes) one predicate of one node."""
    def breaks(g: Graph) -> None:
        node = node_of(g)
        if value is None:
            g.remove((node, predicate, None))
        else:
            g.set((node, predicate, value))
    return breaks


def _rank(value: URIRef | None) -> Callable[[Graph], None]:
    return _set(lambda g: statement(g, "P27"), WIKIBASE.rank, value)


def _two_ranks(g: Graph) -> None:
    g.add((statement(g, "P27"), WIKIBASE.rank, WIKIBASE.PreferredRank))


def _time_node(g: Graph) -> URIRef:
    return value_node(g, "P166", ns.qualifier_value_node("P585"))


def _quantity_node(g: Graph) -> URIRef:
    return value_node(g, "P1000", ns.qualifier_value_node("P2781"))


def _typo(old: URIRef, new: str) -> Callable[[Graph], None]:
    return lambda g: replace_predicate(g, old, URIRef(new))


def _engaged_to_a_team(g: Graph) -> None:
    g.set((SANNE, ns.direct("sk:engagedTo"), CLUB))


def _medal_is_a_person(g: Graph) -> None:
    g.set((statement(g, "P166"), ns.PS.P166, TOM))


def _team_is_a_person(g: Graph) -> None:
    g.set((SANNE, ns.WDT.P54, TOM))


def _team_typed_human(g: Graph) -> None:
    g.add((CLUB, ns.WDT.P31, URIRef(ns.WD_IRI + "Q5")))


def _person_not_human(g: Graph) -> None:
    g.remove((TOM, ns.WDT.P31, None))


def _blank_statement(g: Graph) -> None:
    g.add((SANNE, ns.P.P106, BNode()))


CASES = [
    # statement nodes and their main value
    Case("main value removed", _remove_main_value,
         "a p:P166 statement node needs exactly one main value ps:P166"),
    Case("p:P166 node holds ps:P27", _foreign_main_value,
         "ps:P27 belongs on a statement node of p:P27"),
    Case("p:P166 node holds ps:P27 (own value missing)", _foreign_main_value,
         "needs exactly one main value ps:P166"),
    Case("two main values", _second_main_value,
         "needs exactly one main value (ps: or skps:), found several"),
    Case("untyped statement node", _untyped, "must be typed wikibase:Statement"),
    Case("statement node without anything", _blank_statement,
         "must be typed wikibase:Statement"),
    Case("statement node not linked",
         lambda g: g.remove((SANNE, ns.P.P27, statement(g, "P27"))),
         "a statement node must be linked from its subject (p: or skp:)"),
    Case("no rank", _rank(None), "exactly one wikibase:rank"),
    Case("two ranks", _two_ranks, "exactly one wikibase:rank"),
    Case("unknown rank", _rank(WIKIBASE.BestRank), "exactly one wikibase:rank"),
    Case("deprecated and best rank", _rank(WIKIBASE.DeprecatedRank),
         "a deprecated statement cannot be wikibase:BestRank"),
    Case("no reference", _set(lambda g: statement(g, "P27"), PROV_DERIVED, None),
         "at least one reference"),
    # value kinds
    Case("literal as ps: item", lambda g: _literal_for_item(g, ns.PS.P27),
         "ps:P27 (country of citizenship) takes an item (an IRI)"),
    Case("literal as wdt: item", lambda g: _literal_for_item(g, ns.WDT.P27),
         "wdt:P27 (country of citizenship) takes an item (an IRI)"),
    Case("literal as pq: item", lambda g: _literal_for_item(g, ns.PQ.P276, "P276"),
         "pq:P276 (location) takes an item (an IRI)"),
    Case("text as date qualifier",
         _set(lambda g: statement(g, "P166"), ns.PQ.P585, Literal("9 februari 2026")),
         "pq:P585 (point in time) takes a date"),
    Case("dateTime without its value node",
         _set(lambda g: statement(g, "P166"), ns.qualifier_value_node("P585"), None),
         "an xsd:dateTime in pq:P585 needs its wikibase:TimeValue node (pqv:P585)"),
    Case("dateTime main value without its value node",
         _set(lambda g: statement(g, "P569"), ns.statement_value_node("P569"), None),
         "an xsd:dateTime in ps:P569 needs its wikibase:TimeValue node (psv:P569)"),
    Case("time value untyped", _set(_time_node, RDF.type, None),
         "must be typed wikibase:TimeValue"),
    Case("time precision 12", _set(_time_node, WIKIBASE.timePrecision, Literal(12)),
         "wikibase:timePrecision is one of 9 (year), 10 (month), 11 (day)"),
    Case("no time zone", _set(_time_node, WIKIBASE.timeTimezone, None),
         "one wikibase:timeTimezone"),
    Case("no calendar model", _set(_time_node, WIKIBASE.timeCalendarModel, None),
         "one wikibase:timeCalendarModel"),
    Case("race time as text",
         _set(lambda g: statement(g, "P1000"), ns.PQ.P2781, Literal("1.11,84")),
         "pq:P2781 (race time) takes an amount (xsd:decimal)"),
    Case("amount without its value node",
         _set(lambda g: statement(g, "P1000"), ns.qualifier_value_node("P2781"), None),
         "an amount in pq:P2781 needs its wikibase:QuantityValue node (pqv:P2781)"),
    Case("quantity value untyped", _set(_quantity_node, RDF.type, None),
         "must be typed wikibase:QuantityValue"),
    Case("age as text",
         _set(lambda g: statement(g, "sk:age"), ns.statement_value("sk:age"), Literal("27")),
         "skps:age (age) takes an xsd:integer"),
    Case("negative age", _set(lambda g: SANNE, ns.direct("sk:age"), Literal(-1)),
         "sk:age (age) takes an xsd:integer of at least 0"),
    # namespaces
    Case("https Wikidata namespace",
         _typo(ns.P.P166, "https://www.wikidata.org/prop/P166"),
         "https://www.wikidata.org/prop/P166: not Wikidata's namespace "
         "(http://www.wikidata.org/): write http://www.wikidata.org/prop/P166"),
    Case("Wikidata namespace without www",
         _typo(ns.WDT.P27, "http://wikidata.org/prop/direct/P27"),
         "write http://www.wikidata.org/prop/direct/P27"),
    # people, teams and what they hold
    Case("engaged to a team", _engaged_to_a_team,
         "the value of sk:engagedTo (engaged to) must be a person"),
    Case("a person as a medal", _medal_is_a_person,
         "the value of P166 (award received) cannot be a person (its values are: award)"),
    Case("a person as a team", _team_is_a_person,
         "the value of P54 (member of sports team) cannot be a person"),
    Case("a team typed human", _team_typed_human,
         "a team or organisation cannot be typed as human"),
    Case("a person not typed human", _person_not_human,
         "a person must be typed as human (wdt:P31 wd:Q5)"),
    # references and the article node
    Case("reference without quote", _set(reference, ns.PR.P1683, None),
         "a reference quotes its sentence once (pr:P1683"),
    Case("reference without source", _set(reference, URIRef(ns.SK_IRI + "sourceFile"), None),
         "a reference names its source file once"),
    Case("reference without offsets", _set(reference, URIRef(ns.SK_IRI + "start"), None),
         "one start offset"),
    Case("reading without extractor",
         _set(lambda g: statement(g, "P166"), URIRef(ns.SK_IRI + "extractor"), None),
         "names the extractor"),
    Case("confidence above 1",
         _set(lambda g: statement(g, "P166"), URIRef(ns.SK_IRI + "confidence"),
              Literal("1.5", datatype=XSD_DECIMAL)),
         "sk:confidence is an xsd:decimal in [0, 1]"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_break_is_one_named_violation(case: Case) -> None:
    graph = valid_graph()
    case.breaks(graph)
    report = report_of(graph)
    assert not report.conforms
    assert any(case.message in m for m in report.messages), "\n".join(report.messages)


def test_a_missing_publication_date_is_only_a_warning() -> None:
    graph = valid_graph()
    for ref in set(graph.subjects(RDF.type, WIKIBASE.Reference)):
        graph.remove((ref, ns.PR.P577, None))
    report = report_of(graph)
    assert report.conforms
    assert report.messages and all(m.startswith("Warning: ") for m in report.messages)
    assert all("no publication date" in m for m in report.messages)


@pytest.mark.parametrize(("key", "predicate"), [
    ("P166", URIRef(ns.SKPQD_IRI + "P585")),   # a qualifier's date
    ("P569", URIRef(ns.SKPSD_IRI + "P569")),   # a main value's date
])
def test_a_date_in_one_literal_is_one_year_month_or_day(key: str, predicate: URIRef) -> None:
    """The writer keeps each date at its precision beside its value node (a year of birth as
    xsd:gYear); the same date as an xsd:dateTime, or a second one, breaks the shapes."""
    graph = valid_graph()
    node = statement(graph, key)
    (written,) = graph.objects(node, predicate)
    assert isinstance(written, Literal)
    if key == "P569":
        assert (str(written), written.datatype) == ("1998", XSD_GYEAR)
    graph.remove((node, predicate, written))
    graph.add((node, predicate, Literal("2026-02-09T00:00:00Z", datatype=XSD_DATETIME)))
    report = report_of(graph)
    assert not report.conforms
    prefix = "skpqd:" if key == "P166" else "skpsd:"
    name = prefix + predicate.split("/")[-1]
    assert any(f"{name} (the date of" in m and "at its precision" in m for m in report.messages)
    graph = valid_graph()
    graph.add((node, predicate, Literal("1997", datatype=XSD_GYEAR)))
    assert not report_of(graph).conforms
