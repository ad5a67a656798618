"""Statements to RDF in Wikidata's statement model, and RDF back to Statements.

Every triple is stored once. A batch of Statements from one article becomes:

- in the shared facts graph (`<base>facts`), what is true whoever says it:
  entity descriptions (`rdfs:label`, `skos:prefLabel`, `schema:name` tagged with
  the language of the string, `sk:entityType`, `wdt:P31 wd:Q5` for persons,
  `sk:qid`, `owl:sameAs`), and one statement node per distinct claim
  `subject p:P166 st . st a wikibase:Statement, wikibase:BestRank ;
  wikibase:rank wikibase:NormalRank ; ps:P166 value ; pq:P585 time ; pqv:P585 tv`
  with the truthy `subject wdt:P166 value` for best-rank statements. Times are
  `xsd:dateTime` with a `wikibase:TimeValue` node (precision 9/10/11), race
  times quantities in seconds with a `wikibase:QuantityValue` node (unit
  `wd:Q11574`, the text as written in `sk:asWritten`); value nodes are named by
  a hash of the value, as Wikidata names them, and shared.
- in the article's named graph, what only that article contributes: the
  article node, one reference per sentence that supports statements
  (`ref pr:P854 url ; pr:P577 published ; pr:P1683 "sentence"@lang ;
  pr:P1476 title ; sk:start ; sk:end ; sk:sourceFile name`), each supported
  statement's `st prov:wasDerivedFrom ref`, and the article's reading of it on
  the statement node (`st sk:extractor ; sk:confidence ; sk:linkNotes`).

Statement IRIs hash the claim (subject, property, value, qualifiers), so two
articles stating one claim share one statement node with two references.
Reference IRIs hash their content (the article and the sentence), so the
statements of one sentence share one reference, as Wikidata shares equal
references. An article reading one claim in two sentences cites both and
keeps the reading of higher confidence. Olympic
medals are also written in Wikidata's `p:P1344` event + `pq:P166` medal form,
an engagement as `P451` + `pq:P3831 wd:Q157512`, and a symmetric or inverse
relation also from its value's side (a spouse on both people, a father's
child on the father), as statement nodes marked `sk:mirrorOf` the primary one;
the reader skips mirrors. Ranks beyond the
default (normal, best) are set by `sportkg.graph.ranks` once the batch is stored.

The writer emits N-Triples lines (also valid Turtle and SPARQL `INSERT DATA`),
which every store loads with its own parser.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import iris
from ..errors import InputError
from ..model import Article, Entity, Evidence, LinkNote, LiteralValue, Statement, Value
from ..ontology import namespaces as ns
from ..ontology.relations import RELATIONS
from ..racetime import parse_race_time
from . import literals
from .literals import iri_nt, literal_nt, string_nt, typed_nt

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_PREFLABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
SCHEMA_NAME = ns.SCHEMA_IRI + "name"
SCHEMA_URL = ns.SCHEMA_IRI + "url"
DCT_LANGUAGE = "http://purl.org/dc/terms/language"
DCT_TITLE = "http://purl.org/dc/terms/title"
WIKIBASE_STATEMENT = ns.WIKIBASE_IRI + "Statement"
WIKIBASE_REFERENCE = ns.WIKIBASE_IRI + "Reference"
WIKIBASE_RANK = ns.WIKIBASE_IRI + "rank"
BEST_RANK = ns.WIKIBASE_IRI + "BestRank"
NORMAL_RANK = ns.WIKIBASE_IRI + "NormalRank"
PREFERRED_RANK = ns.WIKIBASE_IRI + "PreferredRank"
DEPRECATED_RANK = ns.WIKIBASE_IRI + "DeprecatedRank"
TIME_VALUE = ns.WIKIBASE_IRI + "TimeValue"
QUANTITY_VALUE = ns.WIKIBASE_IRI + "QuantityValue"
Q_HUMAN = ns.WD_IRI + "Q5"

NAME_TYPES = frozenset({"person", "team", "organization", "place"})
"""Entity types whose label is a proper name as written, tagged `mul` (Wikidata's code for
names that are the same in every language); every other label is English."""

SECONDS = frozenset({"s", "second", "seconds", "sec"})
"""Unit names of a quantity in seconds (written with unit `wd:Q11574`)."""

PRECISIONS = {"year": 9, "month": 10, "day": 11}
"""Date precision to Wikidata's `wikibase:timePrecision`."""
PRECISION_NAMES = {v: k for k, v in PRECISIONS.items()}

MIRRORS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    key: relation.mirror for key, relation in RELATIONS.items() if relation.mirror is not None
}
"""Project terms also written in Wikidata building blocks (the table's `mirror` column)."""

INVERTED_MIRRORS: dict[str, str] = {"P166": "P1344"}
"""Properties also written the way Wikidata models them, with a qualifier as the main value:
an Olympic medal `p:P166 medal ; pq:P1344 event` is also `p:P1344 event ; pq:P166 medal`."""


def _sk(name: str) -> str:
    return ns.SK_IRI + name


def facts_graph(base: str = iris.DEFAULT_BASE) -> str:
    """The IRI of the shared graph holding entity descriptions and statement nodes."""
    return base + "facts"


LAYOUT = "5"
"""The store layout the writer produces: 5 = shared facts graph, one reference per sentence
of an article, the reading (extractor, confidence) on the statement in the article's graph,
the index graph of marks kept up to date with them (`sportkg.graph.marks`), and each date
of a statement also written at its precision in one literal (`skpqd:P585`, `skpsd:P569`).
(4: the same without those literals; 3: without the index graph either; 2: one reference
per statement and article, holding the reading; 0.1, unmarked: every article graph held its
own statements.)"""

IN_PLACE = ("3", "4")
"""Layouts `KnowledgeGraph.upgrade` brings to the current one in place."""


def dates_text() -> str:
    """The SPARQL update writing the one-literal date of each date value of each statement,
    read from its value node (what layout 5 adds to a store of layout 4)."""
    values = " ".join(f"(<{node}> <{dated}>)" for node, dated in (
        (ns.PSV_IRI, ns.SKPSD_IRI), (ns.PQV_IRI, ns.SKPQD_IRI),
        (ns.SKPSV_IRI, ns.SKPSD_IRI), (ns.SKPQV_IRI, ns.SKPQD_IRI)))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return (
        f"INSERT {{ GRAPH ?g {{ ?st ?datePredicate ?date }} }}\n"
        f"WHERE {{\n"
        f"  GRAPH ?g {{ ?st ?nodePredicate ?node .\n"
        f"    ?node <{ns.WIKIBASE_IRI}timeValue> ?t ; <{ns.WIKIBASE_IRI}timePrecision> ?p }}\n"
        f"  VALUES (?nodeBase ?dateBase) {{ {values} }}\n"
        f"  FILTER(STRSTARTS(STR(?nodePredicate), STR(?nodeBase))\n"
        f"         && !CONTAINS(STRAFTER(STR(?nodePredicate), STR(?nodeBase)), \"/\"))\n"
        f"  BIND(IRI(CONCAT(STR(?dateBase), STRAFTER(STR(?nodePredicate), STR(?nodeBase))))\n"
        f"       AS ?datePredicate)\n"
        f"  BIND(IF(?p = 9, STRDT(SUBSTR(STR(?t), 1, 4), <{xsd}gYear>),\n"
        f"          IF(?p = 10, STRDT(SUBSTR(STR(?t), 1, 7), <{xsd}gYearMonth>),\n"
        f"             STRDT(SUBSTR(STR(?t), 1, 10), <{xsd}date>))) AS ?date)\n"
        f"}}")


def layout_line(base: str = iris.DEFAULT_BASE, layout: str = LAYOUT) -> str:
    """The line marking the facts graph with the layout that wrote it."""
    return f"{iri_nt(facts_graph(base))} {iri_nt(_sk('layout'))} {string_nt(layout)} ."


def mark_layout_text(base: str = iris.DEFAULT_BASE, layout: str = LAYOUT) -> str:
    """The SPARQL update that marks the facts graph with `layout` in place of its mark."""
    facts = iri_nt(facts_graph(base))
    return (f"DELETE WHERE {{ GRAPH {facts} {{ {facts} {iri_nt(_sk('layout'))} ?layout }} }} ;\n"
            f"INSERT DATA {{ GRAPH {facts} {{ {layout_line(base, layout)} }} }}")


@dataclass(frozen=True)
class ArticleInfo:
    """What the writer records about an article: it names and describes the named graph.

    Attributes:
        key: the content hash that names the graph (derived from `doc` when unknown).
        doc: the article's human name.
        content_hash: `Article.hash` / `Statement.article_hash` as given ("" when unknown).
        source, lang, date, url, title: what is known about where it came from.
    """

    key: str
    doc: str
    content_hash: str = ""
    source: str = ""
    lang: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None

    @classmethod
    def from_article(cls, article: Article) -> ArticleInfo:
        """The info of an Article read from a file."""
        return cls(
            key=article.hash,
            doc=article.id,
            content_hash=article.hash,
            source=article.source,
            lang=article.lang,
            date=article.date,
            url=article.url,
            title=article.title,
        )

    @classmethod
    def from_statement(cls, statement: Statement) -> ArticleInfo:
        """The info a Statement carries about its article (JSON-lines input)."""
        evidence = statement.evidence
        return cls(
            key=article_key(statement.doc_id, statement.article_hash),
            doc=statement.doc_id,
            content_hash=statement.article_hash,
            source=evidence.source,
            date=evidence.published,
            url=evidence.url,
        )

    def graph_iri(self, base: str = iris.DEFAULT_BASE) -> str:
        """The IRI of the article's named graph."""
        return iris.article_iri(self.key, base=base + "article/")

    @property
    def source_name(self) -> str:
        """The file name of the source, without the folders it sat in on this machine."""
        return source_name(self.source)

    @property
    def source_key(self) -> str:
        """A hash of the full source path: tells two files of one name apart, reveals no path."""
        return _digest("source", self.source) if self.source else ""


@lru_cache(maxsize=4096)
def source_name(source: str) -> str:
    """`folder/nl_001.txt` -> `nl_001.txt`; `file.jsonl:12` -> `file.jsonl:12`; `-` stays."""
    return PurePath(source).name if source else source


def article_key(doc: str, content_hash: str) -> str:
    """The key naming an article's graph: its content hash, or a hash of `doc` without one."""
    if content_hash:
        return content_hash
    return hashlib.sha256(("doc\x00" + doc).encode("utf-8")).hexdigest()


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def _value_key(value: Value) -> str:
    if isinstance(value, Entity):
        return "iri:" + value.iri
    return f"lit:{value.datatype}:{value.precision}:{value.unit}:{value.value!r}"


def statement_iri(statement: Statement, *, base: str = iris.DEFAULT_BASE) -> str:
    """Deterministic IRI of a statement node: a hash of the claim, whoever states it."""
    parts = [statement.subject.iri, statement.property, _value_key(statement.value)]
    for pid, value in sorted(statement.qualifiers, key=lambda q: (q[0], _value_key(q[1]))):
        parts += [pid, _value_key(value)]
    return base + "statement/" + _digest(*parts)


def reference_iri(key: str, evidence: Evidence, *, base: str = iris.DEFAULT_BASE) -> str:
    """Deterministic IRI of a reference: a hash of its content, the article and the sentence.

    Every statement read from one sentence of an article shares it, as Wikidata shares one
    reference node between statements whose references are equal.
    """
    return base + "reference/" + _digest(key, evidence.sentence, str(evidence.start),
                                         str(evidence.end))


def _decimal(value: float) -> str:
    return typed_nt(literals._decimal_lexical(value), literals.XSD_DECIMAL)


def _integer(value: int) -> str:
    return typed_nt(str(value), literals.XSD_INTEGER)


class _Lines:
    """An ordered set of N-Triples lines, those describing entities and value nodes marked."""

    def __init__(self) -> None:
        self.lines: dict[str, None] = {}
        self.described: dict[str, None] = {}
        self.claims: list[Claim] = []
        self.confidences: dict[str, None] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} ."] = None

    def describe(self, s: str, p: str, o: str) -> None:
        """Add a line of an entity's or a value node's description."""
        line = f"{s} {p} {o} ."
        self.lines[line] = None
        self.described[line] = None

    def describe_lines(self, lines: Sequence[str]) -> None:
        """Add the lines of a description built before."""
        for line in lines:
            self.lines[line] = None
            self.described[line] = None


@lru_cache(maxsize=4096)
def _pred(kind: str, key: str) -> str:
    """`<…>` of a relation's predicate of one kind ("direct", "statement_link", …), cached:
    building the IRI through the closed namespaces is slow and every statement needs several."""
    return iri_nt(str(getattr(ns, kind)(key)))


_TYPE = iri_nt(RDF_TYPE)
_STATEMENT = iri_nt(WIKIBASE_STATEMENT)
_BEST = iri_nt(BEST_RANK)
_RANK = iri_nt(WIKIBASE_RANK)
_NORMAL = iri_nt(NORMAL_RANK)
_DERIVED = iri_nt(PROV_DERIVED)


# ----------------------------------------------------------------------------- values


def _time_value(out: _Lines, value: LiteralValue, base: str) -> tuple[str, str]:
    """(simple value, value node) of a date: `"2026-02-01T00:00:00Z"^^xsd:dateTime`, node."""
    simple, node, lines = _time_lines(value, base)
    out.describe_lines(lines)
    return simple, node


def _dated(value: Value) -> str | None:
    """A date value at its precision in one literal (`"2026-02"^^xsd:gYearMonth`), which the
    writer keeps beside Wikidata's simple value and value node; None for other values."""
    if isinstance(value, LiteralValue) and value.datatype == "date":
        return literal_nt(value)
    return None


@lru_cache(maxsize=1 << 16)
def _time_lines(value: LiteralValue, base: str) -> tuple[str, str, tuple[str, ...]]:
    """(simple value, value node, the node's description) of a date, cached (dates repeat)."""
    precision = value.precision or "day"
    simple = typed_nt(literals.date_time_lexical(value), literals.XSD_DATETIME)
    node = iri_nt(base + "value/" + _digest("time", simple, precision))
    out = _Lines()
    out.describe(node, _TYPE, iri_nt(TIME_VALUE))
    out.describe(node, iri_nt(ns.WIKIBASE_IRI + "timeValue"), simple)
    out.describe(node, iri_nt(ns.WIKIBASE_IRI + "timePrecision"), _integer(PRECISIONS[precision]))
    out.describe(node, iri_nt(ns.WIKIBASE_IRI + "timeTimezone"), _integer(0))
    out.describe(node, iri_nt(ns.WIKIBASE_IRI + "timeCalendarModel"), iri_nt(ns.GREGORIAN))
    return simple, node, tuple(out.lines)


def _quantity_value(out: _Lines, amount: float, value: LiteralValue,
                    base: str) -> tuple[str, str]:
    """(simple value, value node) of a quantity; race times in seconds keep the text as written."""
    simple = _decimal(amount)
    written = str(value.value) if value.datatype == "string" else None
    unit = value.unit if value.datatype == "quantity" else None
    node = iri_nt(base + "value/" + _digest("quantity", simple, written or "", unit or ""))
    out.describe(node, iri_nt(RDF_TYPE), iri_nt(QUANTITY_VALUE))
    out.describe(node, iri_nt(ns.WIKIBASE_IRI + "quantityAmount"), simple)
    if value.datatype != "quantity" or unit in SECONDS:
        out.describe(node, iri_nt(ns.WIKIBASE_IRI + "quantityUnit"), iri_nt(ns.SECOND))
    if written is not None:
        out.describe(node, iri_nt(_sk("asWritten")), string_nt(written))
    if unit is not None:
        out.describe(node, iri_nt(_sk("quantityUnits")), string_nt(unit))
    return simple, node


def _amount(key: str, value: LiteralValue) -> float | None:
    """The amount of a value written as a quantity: any quantity, and race times in seconds."""
    if value.datatype == "quantity":
        return float(value.value)
    relation = RELATIONS.get(key)
    if relation is None or relation.value_type != "quantity":
        return None
    if value.datatype == "string":
        return parse_race_time(str(value.value))
    if value.datatype == "duration":
        return float(value.value)
    return None


def _value_terms(out: _Lines, key: str, value: Value, base: str) -> tuple[str, str | None]:
    """(simple value, value node or None) of a main value or qualifier."""
    if isinstance(value, Entity):
        return iri_nt(value.iri), None
    if value.datatype == "date":
        try:
            return _time_value(out, value, base)
        except InputError:
            return string_nt(str(value.value)), None
    amount = _amount(key, value)
    if amount is not None:
        return _quantity_value(out, amount, value, base)
    return literal_nt(value), None


# ----------------------------------------------------------------------------- writing


def label_language(entity: Entity) -> str:
    """The language tag of an entity's label: `mul` for names, `en` for concepts."""
    return "mul" if entity.type in NAME_TYPES else "en"


def _entity(out: _Lines, entity: Entity, seen: set[str]) -> None:
    if entity.iri in seen:
        return
    seen.add(entity.iri)
    out.describe_lines(_entity_lines(entity))


@lru_cache(maxsize=1 << 16)
def _entity_lines(entity: Entity) -> tuple[str, ...]:
    """The description of an entity, cached: a load names the same people again and again."""
    out = _Lines()
    s = iri_nt(entity.iri)
    label = string_nt(entity.label, label_language(entity))
    out.describe(s, _TYPE, iri_nt(_sk(ns.ENTITY_CLASSES[entity.type])))
    out.describe(s, iri_nt(_sk("entityType")), string_nt(entity.type))
    out.describe(s, iri_nt(RDFS_LABEL), label)
    out.describe(s, iri_nt(SKOS_PREFLABEL), label)
    out.describe(s, iri_nt(SCHEMA_NAME), label)
    if entity.type == "person":
        out.describe(s, iri_nt(str(ns.WDT.P31)), iri_nt(Q_HUMAN))
        out.describe(s, iri_nt(_sk("nameKey")), string_nt(iris.fold(entity.label)))
    if entity.qid:
        out.describe(s, iri_nt(_sk("qid")), string_nt(entity.qid))
        wd_iri = ns.WD_IRI + entity.qid
        if entity.iri != wd_iri:
            out.describe(s, iri_nt(OWL_SAMEAS), iri_nt(wd_iri))
    return tuple(out.lines)


def _check_property(statement: Statement) -> None:
    relation = RELATIONS.get(statement.property)
    if relation is None:
        raise InputError(
            f"unknown property {statement.property!r} in a statement of {statement.doc_id!r}. "
            f"Available: {', '.join(sorted(RELATIONS))}"
        )
    for pid, _ in statement.qualifiers:
        if pid not in RELATIONS:
            raise InputError(
                f"unknown qualifier {pid!r} in a statement of {statement.doc_id!r}. "
                f"Available: {', '.join(sorted(RELATIONS))}"
            )


def check_statement(statement: Statement, *, base: str = iris.DEFAULT_BASE) -> None:
    """Raise what `article_lines` would raise for this statement, without writing its lines.

    The same term builders run (properties, IRIs, literals and value nodes), the
    references and hashes do not: a cheap check of a whole file before it is stored.

    Raises:
        InputError: an unknown property or qualifier, an IRI that is not valid.
    """
    _check_property(statement)
    scratch = _Lines()
    for key, value in ((statement.property, statement.value), *statement.qualifiers):
        _value_terms(scratch, key, value, base)
    for entity in (statement.subject, statement.value, *(v for _, v in statement.qualifiers)):
        if isinstance(entity, Entity):
            iri_nt(entity.iri)
            if entity.qid:
                iri_nt(ns.WD_IRI + entity.qid)
    if statement.evidence.url:
        iri_nt(statement.evidence.url)
    _decimal(statement.confidence)


class Claim(NamedTuple):
    """A statement node as written, with what ranking it needs (`sportkg.graph.ranks`).

    Attributes:
        node: the statement node's IRI.
        subject: the subject's IRI.
        key: the relation key (`P26`, `sk:age`).
        value: the main value in N-Triples (`<iri>`, a typed literal).
        when: the lexical form of its `P585` qualifier ("" without one).
        ended: True when it has an end time (`P582`).
        mirror_of: the primary statement of a mirror, else None.
    """

    node: str
    subject: str
    key: str
    value: str
    when: str
    ended: bool
    mirror_of: str | None


@dataclass(frozen=True)
class ArticleLines:
    """The N-Triples lines one article adds to the store.

    Attributes:
        article: lines of the article's own named graph (article node, references).
        shared: lines of the shared facts graph (entities, statement nodes, value nodes).
        statements: the statement nodes (mirrors included) the article supports.
        subjects: the subjects of those statements (their ranks may need a look).
        described: the lines of `shared` that describe entities and value nodes (the same
            for every article naming them; only a sweep removes them).
        claims: the statement nodes written (mirrors included), as ranking sees them.
        confidences: the confidences of the readings, as N-Triples decimals (listed in the
            index graph, `sportkg.graph.marks`).
    """

    article: list[str]
    shared: list[str]
    statements: tuple[str, ...]
    subjects: tuple[str, ...]
    described: frozenset[str] = frozenset()
    claims: tuple[Claim, ...] = ()
    confidences: tuple[str, ...] = ()


def article_lines(
    info: ArticleInfo, statements: Iterable[Statement], *, base: str = iris.DEFAULT_BASE
) -> ArticleLines:
    """The lines an article adds: its own named graph and its part of the facts graph.

    Raises:
        InputError: a statement uses a property or qualifier outside the relation table,
            or an IRI that is not valid.
    """
    own = _Lines()
    shared = _Lines()
    seen: set[str] = set()
    g = iri_nt(info.graph_iri(base))
    own.add(g, iri_nt(RDF_TYPE), iri_nt(_sk("Article")))
    own.add(g, iri_nt(_sk("doc")), string_nt(info.doc))
    if info.content_hash:
        own.add(g, iri_nt(_sk("contentHash")), string_nt(info.content_hash))
    if info.source:
        own.add(g, iri_nt(_sk("sourceFile")), string_nt(info.source_name))
        own.add(g, iri_nt(_sk("sourceKey")), string_nt(info.source_key))
    if info.date:
        own.add(g, iri_nt(_sk("published")), _published(info.date))
    if info.url:
        own.add(g, iri_nt(SCHEMA_URL), iri_nt(info.url))
    if info.lang:
        own.add(g, iri_nt(DCT_LANGUAGE), string_nt(info.lang))
    if info.title:
        own.add(g, iri_nt(DCT_TITLE), string_nt(info.title, info.lang))

    grouped: dict[str, list[Statement]] = {}
    for statement in statements:
        _check_property(statement)
        grouped.setdefault(statement_iri(statement, base=base), []).append(statement)
    nodes: list[str] = []
    subjects: dict[str, None] = {}
    for st_iri, group in grouped.items():
        nodes += _statement(own, shared, st_iri, group, seen, info, base)
        subjects[group[0].subject.iri] = None
    return ArticleLines(list(own.lines), list(shared.lines), tuple(nodes), tuple(subjects),
                        frozenset(shared.described), tuple(shared.claims),
                        tuple(own.confidences))


@lru_cache(maxsize=4096)
def _published_time(date: str) -> str:
    """A publication date as Wikidata writes it (`xsd:dateTime`), or the text when not a date."""
    try:
        return typed_nt(literals.date_time_lexical(LiteralValue(date, "date", "day")),
                        literals.XSD_DATETIME)
    except InputError:
        return string_nt(date)


@lru_cache(maxsize=4096)
def _published(date: str) -> str:
    try:
        return literal_nt(LiteralValue(date, "date", "day"))
    except InputError:
        return string_nt(date)


def _statement(own: _Lines, shared: _Lines, st_iri: str, group: Sequence[Statement],
               seen: set[str], info: ArticleInfo, base: str) -> list[str]:
    """Write one claim (and its mirrors) to the shared lines, its references to `own`."""
    first = group[0]
    key = first.property
    _entity(shared, first.subject, seen)
    if isinstance(first.value, Entity):
        _entity(shared, first.value, seen)
    quals: list[tuple[str, Value]] = []
    for pid, value in first.qualifiers:
        if isinstance(value, Entity):
            _entity(shared, value, seen)
        quals.append((pid, value))
    _claim(shared, st_iri, first.subject.iri, key, first.value, quals, base)
    refs: dict[str, None] = {}
    reading = group[0]
    for statement in group:
        ref = reference_iri(info.key, statement.evidence, base=base)
        if ref not in refs:
            refs[ref] = None
            own.add(iri_nt(st_iri), _DERIVED, iri_nt(ref))
            if ref not in seen:  # one sentence's reference serves all its statements
                seen.add(ref)
                _reference(own, iri_nt(ref), statement, info)
        if statement.confidence > reading.confidence:
            reading = statement
    _reading(own, iri_nt(st_iri), reading)
    nodes = [st_iri]

    mirror = MIRRORS.get(key)
    if mirror:
        pid, extra = mirror
        extra_quals = [(qpid, Entity.from_qid(qid, qid, "concept")) for qpid, qid in extra]
        nodes.append(_mirror(own, shared, st_iri, pid, first.subject.iri, first.value,
                             [*quals, *extra_quals], list(refs), base))
    relation = RELATIONS[key]
    reverse = key if relation.symmetric else relation.inverse
    if reverse is not None and isinstance(first.value, Entity):
        # Wikidata holds a spouse on both items, and a father's child on the father
        nodes.append(_mirror(own, shared, st_iri, reverse, first.value.iri, first.subject,
                             quals, list(refs), base, suffix="-reverse"))
    inverted = INVERTED_MIRRORS.get(key)
    if inverted:
        events = [v for pid, v in quals if pid == inverted]
        if len(events) == 1:
            rest = [(pid, v) for pid, v in quals if pid != inverted]
            nodes.append(_mirror(own, shared, st_iri, inverted, first.subject.iri, events[0],
                                 [(key, first.value), *rest], list(refs), base))
    return nodes


def _claim(out: _Lines, st_iri: str, subject: str, key: str, value: Value,
           quals: Sequence[tuple[str, Value]], base: str, mirror_of: str | None = None) -> None:
    """The statement node of a claim, normal and best rank, with its truthy triple."""
    s, st = iri_nt(subject), iri_nt(st_iri)
    o, node = _value_terms(out, key, value, base)
    when, ended = "", False
    out.add(s, _pred("direct", key), o)
    out.add(s, _pred("statement_link", key), st)
    out.add(st, _TYPE, _STATEMENT)
    out.add(st, _TYPE, _BEST)
    out.add(st, _RANK, _NORMAL)
    out.add(st, _pred("statement_value", key), o)
    if node is not None:
        out.add(st, _pred("statement_value_node", key), node)
        dated = _dated(value)
        if dated is not None:
            out.add(st, _pred("statement_date", key), dated)
    for pid, qvalue in quals:
        q, qnode = _value_terms(out, pid, qvalue, base)
        out.add(st, _pred("qualifier", pid), q)
        if qnode is not None:
            out.add(st, _pred("qualifier_value_node", pid), qnode)
            dated = _dated(qvalue)
            if dated is not None:
                out.add(st, _pred("qualifier_date", pid), dated)
        if pid == "P585":
            when = max(when, _lexical(q))
        elif pid == "P582":
            ended = True
    out.claims.append(Claim(st_iri, subject, key, o, when, ended, mirror_of))


def _lexical(term: str) -> str:
    """The lexical form of a literal in N-Triples (`"2026-02-09T00:00:00Z"^^<…>` -> the date)."""
    if not term.startswith('"'):
        return term
    return term[1:term.rindex('"')]


def _mirror(own: _Lines, shared: _Lines, st_iri: str, pid: str, subject: str, value: Value,
            quals: Sequence[tuple[str, Value]], refs: Sequence[str], base: str, *,
            suffix: str = "") -> str:
    """A statement node in Wikidata's building blocks for the primary `st_iri`."""
    m_iri = st_iri + "-" + pid + suffix
    _claim(shared, m_iri, subject, pid, value, quals, base, mirror_of=st_iri)
    shared.add(iri_nt(m_iri), iri_nt(_sk("mirrorOf")), iri_nt(st_iri))
    for ref in refs:
        own.add(iri_nt(m_iri), _DERIVED, iri_nt(ref))
    return m_iri


_REF = {name: iri_nt(iri) for name, iri in {
    "type": RDF_TYPE, "Reference": WIKIBASE_REFERENCE, "P854": str(ns.PR.P854),
    "P577": str(ns.PR.P577), "P1476": str(ns.PR.P1476), "P1683": str(ns.PR.P1683),
    "sourceFile": _sk("sourceFile"), "start": _sk("start"), "end": _sk("end"),
    "extractor": _sk("extractor"), "confidence": _sk("confidence"),
    "linkNotes": _sk("linkNotes")}.items()}
"""The predicates (and class) of a reference, as N-Triples terms."""


def _reference(out: _Lines, ref: str, statement: Statement, info: ArticleInfo) -> None:
    """The reference of a sentence: where it was published and what it says (shared by every
    statement read from the sentence, so several statements write the same lines)."""
    evidence = statement.evidence
    lang = info.lang
    out.add(ref, _REF["type"], _REF["Reference"])
    if evidence.url:
        out.add(ref, _REF["P854"], iri_nt(evidence.url))
    if evidence.published:
        out.add(ref, _REF["P577"], _published_time(evidence.published))
    if info.title:
        out.add(ref, _REF["P1476"], string_nt(info.title, lang))
    out.add(ref, _REF["P1683"], string_nt(evidence.sentence, lang))
    out.add(ref, _REF["sourceFile"], string_nt(source_name(evidence.source)))
    out.add(ref, _REF["start"], _integer(evidence.start))
    out.add(ref, _REF["end"], _integer(evidence.end))


def _reading(out: _Lines, st: str, statement: Statement) -> None:
    """How this article's reading of a claim was made: extractor, confidence and link notes,
    on the statement node in the article's own graph (one reading per claim and article)."""
    evidence = statement.evidence
    confidence = _decimal(statement.confidence)
    out.add(st, _REF["extractor"], string_nt(evidence.extractor))
    out.add(st, _REF["confidence"], confidence)
    out.confidences[confidence] = None
    if evidence.links:
        notes = json.dumps([link.to_dict() for link in evidence.links], ensure_ascii=False)
        out.add(st, _REF["linkNotes"], string_nt(notes))


def fingerprint(lines: Iterable[str]) -> str:
    """A hash of a graph's lines, independent of their order."""
    ordered = sorted(lines)
    ordered.append("")  # every line ends in a line break, the last one too
    return hashlib.sha256("\n".join(ordered).encode("utf-8")).hexdigest()


def fingerprint_line(info: ArticleInfo, value: str, *, base: str = iris.DEFAULT_BASE) -> str:
    """The line recording a graph's fingerprint on its article node."""
    return f"{iri_nt(info.graph_iri(base))} {iri_nt(_sk('fingerprint'))} {string_nt(value)} ."


def to_rdflib(lines: Iterable[str]) -> Graph:
    """Parse N-Triples lines into an rdflib Graph (for tests and the memory store)."""
    from rdflib import Graph

    graph = Graph()
    graph.parse(data="\n".join(lines), format="nt")
    return graph


# ----------------------------------------------------------------------------- reading back

Index = Mapping[str, Mapping[str, list[Any]]]
"""subject IRI -> predicate IRI -> objects: triples indexed for reading back."""


def index(triples: Iterable[tuple[Node, Node, Node]]) -> dict[str, dict[str, list[Any]]]:
    """Index triples by subject and predicate."""
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        out[str(s)][str(p)].append(o)
    return out


def _first(values: list[Any] | None) -> Any:
    if not values:
        return None
    return min(values, key=str)


def _key_if(pred: str, kind: Any) -> str | None:
    """The relation key when `pred` is exactly `kind(key)` for a key of the table."""
    key = ns.key_of(pred)
    if key is None or key not in RELATIONS or str(kind(key)) != pred:
        return None
    return key


DESCRIBING = (SCHEMA_NAME, RDFS_LABEL, _sk("entityType"), _sk("qid"),
              ns.WIKIBASE_IRI + "timePrecision", ns.WIKIBASE_IRI + "quantityAmount",
              _sk("asWritten"), _sk("quantityUnits"))
"""The predicates of entities and value nodes that reading Statements back uses."""

READING = (_sk("confidence"), _sk("extractor"), _sk("linkNotes"))
"""The predicates of an article's reading of a claim, on the statement in the article graph."""


class _Reader:
    """Rebuilds Statements from the shared facts index and one article's triples."""

    def __init__(self, shared: Index) -> None:
        self.shared = shared
        self.links: dict[str, tuple[str, str]] = {}
        for subject, props in shared.items():
            for pred, objs in props.items():
                if not pred.startswith((ns.P_IRI, ns.SKP_IRI)):
                    continue
                key = _key_if(pred, ns.statement_link)
                if key is None:
                    continue
                for obj in objs:
                    self.links[str(obj)] = (subject, key)

    def entity(self, iri: str) -> Entity:
        props = self.shared.get(iri, {})
        label = _first(props.get(SCHEMA_NAME)) or _first(props.get(RDFS_LABEL)) or iri
        etype = _first(props.get(_sk("entityType")))
        qid = _first(props.get(_sk("qid")))
        return Entity(
            iri=iri,
            label=str(label),
            qid=str(qid) if qid is not None else None,
            type=str(etype) if etype is not None else "thing",
        )

    def value(self, term: Any, node: Any) -> Value:
        from rdflib import Literal

        if not isinstance(term, Literal):
            return self.entity(str(term))
        datatype = str(term.datatype) if term.datatype is not None else None
        nprops = self.shared.get(str(node), {}) if node is not None else {}
        if datatype == literals.XSD_DATETIME:
            precision = _first(nprops.get(ns.WIKIBASE_IRI + "timePrecision"))
            name = PRECISION_NAMES.get(int(precision), "day") if precision is not None else "day"
            return literals.from_date_time(str(term), name)
        written = _first(nprops.get(_sk("asWritten")))
        if written is not None:
            return LiteralValue(str(written), "string")
        unit = _first(nprops.get(_sk("quantityUnits")))
        if unit is not None:
            return LiteralValue(literals._number(str(term)), "quantity", unit=str(unit))
        if nprops.get(ns.WIKIBASE_IRI + "quantityAmount"):
            return LiteralValue(literals._number(str(term)), "duration")
        return literals.from_lexical(str(term), datatype)

    def statements(self, article: Index) -> list[Statement]:
        doc, content_hash = "", ""
        for props in article.values():
            if _sk("Article") in {str(t) for t in props.get(RDF_TYPE, [])}:
                doc = str(_first(props.get(_sk("doc"))) or "")
                content_hash = str(_first(props.get(_sk("contentHash"))) or "")
                break
        out: dict[Statement, None] = {}
        for st_iri, props in article.items():
            refs = props.get(PROV_DERIVED)
            if not refs or st_iri not in self.links:
                continue
            core = self.shared.get(st_iri, {})
            if core.get(_sk("mirrorOf")):
                continue
            subject_iri, key = self.links[st_iri]
            main = core.get(str(ns.statement_value(key)))
            if not main:
                continue
            main_node = _first(core.get(str(ns.statement_value_node(key))))
            quals: list[tuple[str, Value]] = []
            for pred, objs in core.items():
                qkey = _key_if(pred, ns.qualifier)
                if qkey is None:
                    continue
                qnode = _first(core.get(str(ns.qualifier_value_node(qkey))))
                for obj in objs:
                    quals.append((qkey, self.value(obj, qnode)))
            # the reading sits on the statement node in the article's graph; older layouts
            # kept it (or part of it) on each reference
            own_reading = {pred: props[pred] for pred in READING if pred in props}
            for ref in refs:
                rprops = article.get(str(ref), {})
                reading = {**rprops, **own_reading}
                conf = _first(reading.get(_sk("confidence")))
                for main_value in main:
                    statement = Statement(
                        doc_id=doc,
                        article_hash=content_hash,
                        subject=self.entity(subject_iri),
                        property=key,
                        value=self.value(main_value, main_node),
                        evidence=_evidence(rprops, reading),
                        confidence=float(conf) if conf is not None else 1.0,
                        qualifiers=tuple(quals),
                    )
                    out[statement] = None
        return sorted(
            out,
            key=lambda st: (st.evidence.start, st.evidence.end, st.subject.iri, st.property,
                            _value_key(st.value)),
        )


def read_statements(article: Iterable[tuple[Node, Node, Node]],
                    shared: Iterable[tuple[Node, Node, Node]] | Index = ()) -> list[Statement]:
    """Rebuild the Statements of one article from its graph's triples and the facts graph.

    Mirror statement nodes (the P451 form of an engagement, the P1344 form of a medal)
    are skipped. The statements come back sorted by evidence offsets, subject and property.
    """
    shared_index = shared if isinstance(shared, Mapping) else index(shared)
    return _Reader(shared_index).statements(index(article))


def read_many(articles: Iterable[Iterable[tuple[Node, Node, Node]]],
              shared: Iterable[tuple[Node, Node, Node]]) -> Iterable[list[Statement]]:
    """The Statements of several articles against one facts graph read once.

    `shared` may be the part of the facts graph these articles need (`KnowledgeGraph`
    reads no more for a few articles): the triples of the statement nodes they cite, the
    links to those nodes, and the `DESCRIBING` triples of the IRIs these name.
    """
    reader = _Reader(index(shared))
    for triples in articles:
        yield reader.statements(index(triples))


def _evidence(props: Mapping[str, list[Any]],
              reading: Mapping[str, list[Any]] | None = None) -> Evidence:
    """The Evidence of a reference (`props`) and of the reading that cites it."""
    def text(pred: str, where: Mapping[str, list[Any]] = props) -> str | None:
        found = _first(where.get(pred))
        return str(found) if found is not None else None

    reading = props if reading is None else reading

    raw = _first(props.get(str(ns.PR.P577)))
    published = None
    if raw is not None:
        published = str(raw)[:10] if getattr(raw, "datatype", None) is not None else str(raw)
    elif props.get(_sk("published")):  # the layout of sportkg 0.1 stores
        published = text(_sk("published"))
    url = _first(props.get(str(ns.PR.P854)))
    notes = text(_sk("linkNotes"), reading)
    return Evidence(
        source=text(_sk("sourceFile")) or "",
        sentence=text(str(ns.PR.P1683)) or text(_sk("sentence")) or "",
        start=int(text(_sk("start")) or 0),
        end=int(text(_sk("end")) or 0),
        extractor=text(_sk("extractor"), reading) or "",
        published=published,
        url=str(url) if url is not None else None,
        links=tuple(LinkNote.from_dict(n) for n in json.loads(notes)) if notes else (),
    )
