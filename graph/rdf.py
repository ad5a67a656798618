"""Statements to RDF in Wikidata's statement model, and RDF back to Statements.

Each Statement becomes, inside its article's named graph:

- the truthy triple `subject wdt:P166 value` (`sk:won` etc. for the project's own terms);
- a statement node `subject p:P166 st . st ps:P166 value ; pq:P585 ... ;
  prov:wasDerivedFrom ref ; sk:confidence 0.9`;
- a reference `ref pr:P854 <url> ; sk:sourceFile ; sk:published ; sk:sentence ;
  sk:start ; sk:end ; sk:extractor ; sk:confidence`;
- descriptions of the entities it mentions (`rdfs:label "…"@en`, `schema:name`,
  `sk:entityType`, `sk:qid`, `wdt:P31 wd:Q5` for persons, `owl:sameAs wd:Q…`
  for a minted IRI that carries a QID);
- the article node (the graph's own IRI) with its document name, content hash,
  source, date and a fingerprint of the graph.

Statement IRIs hash the article and the fact (subject, property, value,
qualifiers), reference IRIs hash the statement IRI and the evidence, so the
same fact from the same article is one node however often it is written.
An engagement (`sk:engagedTo`) is also written in the Wikidata building blocks
`P451` + `pq:P3831 wd:Q157512`, as a statement node marked `sk:mirrorOf` the
primary one; the reader skips mirrors.

The writer emits N-Triples lines (also valid Turtle and SPARQL `INSERT DATA`),
which every store loads with its own parser.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sportkg import iris
from sportkg.errors import InputError
from sportkg.graph import literals
from sportkg.graph.literals import iri_nt, literal_nt, string_nt, typed_nt
from sportkg.model import Article, Entity, Evidence, LinkNote, LiteralValue, Statement, Value
from sportkg.ontology import namespaces as ns
from sportkg.ontology.relations import RELATIONS

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
SCHEMA_NAME = ns.SCHEMA_IRI + "name"
SCHEMA_URL = ns.SCHEMA_IRI + "url"
DCT_LANGUAGE = "http://purl.org/dc/terms/language"
DCT_TITLE = "http://purl.org/dc/terms/title"
WIKIBASE_STATEMENT = ns.WIKIBASE_IRI + "Statement"
WIKIBASE_REFERENCE = ns.WIKIBASE_IRI + "Reference"
Q_HUMAN = ns.WD_IRI + "Q5"
LABEL_LANG = "en"
"""Language tag of entity labels: labels are English, as Wikidata's labels are."""

MIRRORS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "sk:engagedTo": ("P451", (("P3831", "Q157512"),)),
}
"""Project terms also written in Wikidata building blocks: key -> (pid, extra item qualifiers)."""


def _sk(name: str) -> str:
    return ns.SK_IRI + name


@dataclass(frozen=True)
class ArticleInfo:
    """What the writer records about an article: it names and describes the named graph.

    Attributes:
        key: the content hash that names the graph (derived from `doc` when unknown).
        doc: the article's human name.
        content_hash: `Article.hash` / `Statement.article` as given ("" when unknown).
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
            key=article_key(statement.doc, statement.article),
            doc=statement.doc,
            content_hash=statement.article,
            source=evidence.source,
            date=evidence.published,
            url=evidence.url,
        )

    def graph_iri(self, base: str = iris.DEFAULT_BASE) -> str:
        """The IRI of the article's named graph."""
        return iris.article_iri(self.key, base=base + "article/")


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


def statement_iri(statement: Statement, *, key: str, base: str = iris.DEFAULT_BASE) -> str:
    """Deterministic IRI of a statement node: hash of article key and the fact."""
    parts = [key, statement.subject.iri, statement.property, _value_key(statement.value)]
    for pid, value in statement.qualifiers:
        parts += [pid, _value_key(value)]
    return base + "statement/" + _digest(*parts)


def reference_iri(statement_node: str, evidence: Evidence) -> str:
    """Deterministic IRI of a reference: hash of its statement node and the evidence."""
    base = statement_node.rsplit("statement/", 1)[0]
    return base + "reference/" + _digest(
        statement_node,
        evidence.source,
        evidence.sentence,
        str(evidence.start),
        str(evidence.end),
        evidence.extractor,
        evidence.published or "",
        evidence.url or "",
    )


def _decimal(value: float) -> str:
    return typed_nt(literals._decimal_lexical(value), literals.XSD_DECIMAL)


def _integer(value: int) -> str:
    return typed_nt(str(value), literals.XSD_INTEGER)


def _date(value: str) -> str:
    try:
        return literal_nt(LiteralValue(value, "date", "day"))
    except InputError:
        return string_nt(value)


class _Lines:
    """An ordered set of N-Triples lines."""

    def __init__(self) -> None:
        self.lines: dict[str, None] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self.lines[f"{s} {p} {o} ."] = None


def _value_nt(value: Value) -> str:
    if isinstance(value, Entity):
        return iri_nt(value.iri)
    return literal_nt(value)


def _entity(out: _Lines, entity: Entity, seen: set[str]) -> None:
    if entity.iri in seen:
        return
    seen.add(entity.iri)
    s = iri_nt(entity.iri)
    out.add(s, iri_nt(RDF_TYPE), iri_nt(_sk(ns.ENTITY_CLASSES[entity.type])))
    out.add(s, iri_nt(_sk("entityType")), string_nt(entity.type))
    out.add(s, iri_nt(RDFS_LABEL), string_nt(entity.label, LABEL_LANG))
    out.add(s, iri_nt(SCHEMA_NAME), string_nt(entity.label))
    if entity.type == "person":
        out.add(s, iri_nt(str(ns.WDT.P31)), iri_nt(Q_HUMAN))
    if entity.qid:
        out.add(s, iri_nt(_sk("qid")), string_nt(entity.qid))
        wd_iri = ns.WD_IRI + entity.qid
        if entity.iri != wd_iri:
            out.add(s, iri_nt(OWL_SAMEAS), iri_nt(wd_iri))


def _check_property(statement: Statement) -> None:
    relation = RELATIONS.get(statement.property)
    if relation is None:
        raise InputError(
            f"unknown property {statement.property!r} in a statement of {statement.doc!r}. "
            f"Available: {', '.join(sorted(RELATIONS))}"
        )
    for pid, _ in statement.qualifiers:
        if pid not in RELATIONS:
            raise InputError(
                f"unknown qualifier {pid!r} in a statement of {statement.doc!r}. "
                f"Available: {', '.join(sorted(RELATIONS))}"
            )


def _units(statement: Statement) -> str | None:
    units: dict[str, str | None] = {}
    if isinstance(statement.value, LiteralValue) and statement.value.datatype == "quantity":
        units["value"] = statement.value.unit
    for pid, value in statement.qualifiers:
        if isinstance(value, LiteralValue) and value.datatype == "quantity":
            units[pid] = value.unit
    return json.dumps(units, sort_keys=True) if units else None


def article_lines(
    info: ArticleInfo, statements: Iterable[Statement], *, base: str = iris.DEFAULT_BASE
) -> list[str]:
    """The N-Triples lines of an article's named graph (no graph name; deduplicated).

    Raises:
        InputError: a statement uses a property or qualifier outside the relation table,
            or an IRI that is not valid.
    """
    out = _Lines()
    seen: set[str] = set()
    graph = info.graph_iri(base)
    g = iri_nt(graph)
    out.add(g, iri_nt(RDF_TYPE), iri_nt(_sk("Article")))
    out.add(g, iri_nt(_sk("doc")), string_nt(info.doc))
    if info.content_hash:
        out.add(g, iri_nt(_sk("contentHash")), string_nt(info.content_hash))
    if info.source:
        out.add(g, iri_nt(_sk("sourceFile")), string_nt(info.source))
    if info.date:
        out.add(g, iri_nt(_sk("published")), _date(info.date))
    if info.url:
        out.add(g, iri_nt(SCHEMA_URL), iri_nt(info.url))
    if info.lang:
        out.add(g, iri_nt(DCT_LANGUAGE), string_nt(info.lang))
    if info.title:
        out.add(g, iri_nt(DCT_TITLE), string_nt(info.title))

    grouped: dict[str, list[Statement]] = {}
    for statement in statements:
        _check_property(statement)
        grouped.setdefault(statement_iri(statement, key=info.key, base=base), []).append(
            statement
        )
    for st_iri, group in grouped.items():
        _statement(out, st_iri, group, seen)
    return list(out.lines)


def _statement(out: _Lines, st_iri: str, group: Sequence[Statement], seen: set[str]) -> None:
    first = group[0]
    key = first.property
    s = iri_nt(first.subject.iri)
    o = _value_nt(first.value)
    st = iri_nt(st_iri)
    _entity(out, first.subject, seen)
    if isinstance(first.value, Entity):
        _entity(out, first.value, seen)
    out.add(s, iri_nt(str(ns.direct(key))), o)
    out.add(s, iri_nt(str(ns.statement_link(key))), st)
    out.add(st, iri_nt(RDF_TYPE), iri_nt(WIKIBASE_STATEMENT))
    out.add(st, iri_nt(str(ns.statement_value(key))), o)
    quals: list[tuple[str, str]] = []
    for pid, value in first.qualifiers:
        if isinstance(value, Entity):
            _entity(out, value, seen)
        quals.append((iri_nt(str(ns.qualifier(pid))), _value_nt(value)))
    for p, v in quals:
        out.add(st, p, v)
    units = _units(first)
    if units:
        out.add(st, iri_nt(_sk("quantityUnits")), string_nt(units))
    confidence = max(statement.confidence for statement in group)
    out.add(st, iri_nt(_sk("confidence")), _decimal(confidence))
    refs = []
    for statement in group:
        ref = iri_nt(reference_iri(st_iri, statement.evidence))
        refs.append(ref)
        out.add(st, iri_nt(PROV_DERIVED), ref)
        _reference(out, ref, statement)

    mirror = MIRRORS.get(key)
    if mirror:
        pid, extra = mirror
        m = iri_nt(st_iri + "-" + pid)
        out.add(s, iri_nt(str(ns.direct(pid))), o)
        out.add(s, iri_nt(str(ns.statement_link(pid))), m)
        out.add(m, iri_nt(RDF_TYPE), iri_nt(WIKIBASE_STATEMENT))
        out.add(m, iri_nt(str(ns.statement_value(pid))), o)
        for qpid, qid in extra:
            out.add(m, iri_nt(str(ns.qualifier(qpid))), iri_nt(ns.WD_IRI + qid))
        for p, v in quals:
            out.add(m, p, v)
        out.add(m, iri_nt(_sk("confidence")), _decimal(confidence))
        out.add(m, iri_nt(_sk("mirrorOf")), st)
        for ref in refs:
            out.add(m, iri_nt(PROV_DERIVED), ref)


def _reference(out: _Lines, ref: str, statement: Statement) -> None:
    evidence = statement.evidence
    out.add(ref, iri_nt(RDF_TYPE), iri_nt(WIKIBASE_REFERENCE))
    if evidence.url:
        out.add(ref, iri_nt(str(ns.PR.P854)), iri_nt(evidence.url))
    out.add(ref, iri_nt(_sk("sourceFile")), string_nt(evidence.source))
    if evidence.published:
        out.add(ref, iri_nt(_sk("published")), _date(evidence.published))
    out.add(ref, iri_nt(_sk("sentence")), string_nt(evidence.sentence))
    out.add(ref, iri_nt(_sk("start")), _integer(evidence.start))
    out.add(ref, iri_nt(_sk("end")), _integer(evidence.end))
    out.add(ref, iri_nt(_sk("extractor")), string_nt(evidence.extractor))
    out.add(ref, iri_nt(_sk("confidence")), _decimal(statement.confidence))
    if evidence.links:
        notes = json.dumps([link.to_dict() for link in evidence.links], ensure_ascii=False)
        out.add(ref, iri_nt(_sk("linkNotes")), string_nt(notes))


def fingerprint(lines: Iterable[str]) -> str:
    """A hash of a graph's lines, independent of their order."""
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


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


def _first(values: list[Any] | None) -> Any:
    if not values:
        return None
    return min(values, key=str)


def _lex(term: Any) -> str:
    return str(term)


def _key_if(pred: str, kind: Any) -> str | None:
    """The relation key when `pred` is exactly `kind(key)` for a key of the table."""
    key = ns.key_of(pred)
    if key is None or key not in RELATIONS or str(kind(key)) != pred:
        return None
    return key


def read_statements(triples: Iterable[tuple[Node, Node, Node]]) -> list[Statement]:
    """Rebuild the Statements of one article's named graph from its triples.

    Mirror statement nodes (the P451 form of an engagement) are skipped. The
    statements come back sorted by evidence offsets, subject and property.
    """
    from rdflib import Literal

    by_subject: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    links: dict[str, tuple[str, str]] = {}
    for s, p, o in triples:
        pred = str(p)
        by_subject[str(s)][pred].append(o)
        if pred.startswith((ns.P_IRI, ns.SKP_IRI)) and not isinstance(o, Literal):
            key = _key_if(pred, ns.statement_link)
            if key is not None:
                links[str(o)] = (str(s), key)

    doc, content_hash = "", ""
    for props in by_subject.values():
        if _sk("Article") in {str(t) for t in props.get(RDF_TYPE, [])}:
            doc = _lex(_first(props.get(_sk("doc")))) if props.get(_sk("doc")) else ""
            if props.get(_sk("contentHash")):
                content_hash = _lex(_first(props[_sk("contentHash")]))
            break

    def entity(iri: str) -> Entity:
        props = by_subject.get(iri, {})
        label = _first(props.get(SCHEMA_NAME)) or _first(props.get(RDFS_LABEL)) or iri
        etype = _first(props.get(_sk("entityType")))
        qid = _first(props.get(_sk("qid")))
        return Entity(
            iri=iri,
            label=str(label),
            qid=str(qid) if qid is not None else None,
            type=str(etype) if etype is not None else "thing",
        )

    def value(term: Any, units: dict[str, str | None], slot: str) -> Value:
        if isinstance(term, Literal):
            datatype = str(term.datatype) if term.datatype is not None else None
            return literals.from_lexical(
                str(term), datatype, unit=units.get(slot), quantity=slot in units
            )
        return entity(str(term))

    out: dict[Statement, None] = {}
    for st_iri, (subject_iri, key) in links.items():
        props = by_subject.get(st_iri)
        if not props or props.get(_sk("mirrorOf")):
            continue
        main = props.get(str(ns.statement_value(key)))
        if not main:
            continue
        raw_units = _first(props.get(_sk("quantityUnits")))
        units: dict[str, str | None] = json.loads(str(raw_units)) if raw_units else {}
        quals: list[tuple[str, Value]] = []
        for pred, objs in props.items():
            qkey = _key_if(pred, ns.qualifier)
            if qkey is None:
                continue
            for obj in objs:
                quals.append((qkey, value(obj, units, qkey)))
        st_conf = _first(props.get(_sk("confidence")))
        for ref in props.get(PROV_DERIVED, []):
            rprops = by_subject.get(str(ref), {})
            evidence = _evidence(rprops)
            conf = _first(rprops.get(_sk("confidence"))) or st_conf
            for main_value in main:
                statement = Statement(
                    doc=doc,
                    article=content_hash,
                    subject=entity(subject_iri),
                    property=key,
                    value=value(main_value, units, "value"),
                    evidence=evidence,
                    confidence=float(conf) if conf is not None else 1.0,
                    qualifiers=tuple(quals),
                )
                out[statement] = None
    return sorted(
        out,
        key=lambda st: (st.evidence.start, st.evidence.end, st.subject.iri, st.property,
                        _value_key(st.value)),
    )


def _evidence(props: dict[str, list[Any]]) -> Evidence:
    def text(name: str) -> str | None:
        found = _first(props.get(_sk(name)))
        return str(found) if found is not None else None

    url = _first(props.get(str(ns.PR.P854)))
    notes = text("linkNotes")
    return Evidence(
        source=text("sourceFile") or "",
        sentence=text("sentence") or "",
        start=int(text("start") or 0),
        end=int(text("end") or 0),
        extractor=text("extractor") or "",
        published=text("published"),
        url=str(url) if url is not None else None,
        links=tuple(LinkNote.from_dict(n) for n in json.loads(notes)) if notes else (),
    )


def iter_lines_with_graph(lines: Iterable[str], graph: str) -> Iterator[str]:
    """N-Quads lines: each N-Triples line placed in `graph`."""
    g = iri_nt(graph)
    for line in lines:
        yield line[:-1] + g + " ."
