"""RDF namespaces of the graph: Wikidata's statement model plus the project's own terms.

`WD` is open (any item); `WDT`, `P`, `PS`, `PQ`, `PR` and `SK` are closed
`DefinedNamespace`s listing exactly the terms the project uses, so a typo fails
at first use. The Wikidata property namespaces are built from the relation
table (`sportkg.ontology.relations`) plus the few properties the writer needs
for references and typing, so a new relation needs no edit here.

For the project's own relations (`sk:engagedTo`, `sk:won`, ...) the statement
model mirrors Wikidata's layout under `https://w3id.org/sportkg/prop/`:

| Wikidata | sportkg |
|---|---|
| `wdt:P166` (truthy) | `sk:engagedTo` |
| `p:P166` (subject to statement node) | `skp:engagedTo` |
| `ps:P166` (statement node to value) | `skps:engagedTo` |
| `pq:P585` (qualifier) | `skpq:<name>` |

Examples:
    >>> str(WDT.P166)
    'http://www.wikidata.org/prop/direct/P166'
    >>> str(direct("sk:engagedTo"))
    'https://w3id.org/sportkg/ontology#engagedTo'
    >>> str(statement_value("sk:engagedTo"))
    'https://w3id.org/sportkg/prop/statement/engagedTo'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from ..errors import OntologyError
from . import relations
from .relations import RELATIONS

SK_IRI: str = relations.SK
"""The project's ontology namespace (declared with the relation table)."""
WD_IRI = "http://www.wikidata.org/entity/"
WDT_IRI = "http://www.wikidata.org/prop/direct/"
P_IRI = "http://www.wikidata.org/prop/"
PS_IRI = "http://www.wikidata.org/prop/statement/"
PQ_IRI = "http://www.wikidata.org/prop/qualifier/"
PR_IRI = "http://www.wikidata.org/prop/reference/"
PSV_IRI = "http://www.wikidata.org/prop/statement/value/"
PQV_IRI = "http://www.wikidata.org/prop/qualifier/value/"
PRV_IRI = "http://www.wikidata.org/prop/reference/value/"
WIKIBASE_IRI = "http://wikiba.se/ontology#"
SCHEMA_IRI = "http://schema.org/"
SKP_IRI = "https://w3id.org/sportkg/prop/"
SKPS_IRI = SKP_IRI + "statement/"
SKPQ_IRI = SKP_IRI + "qualifier/"
SKPSV_IRI = SKP_IRI + "statement/value/"
SKPQV_IRI = SKP_IRI + "qualifier/value/"
SKPSD_IRI = SKP_IRI + "statement/date/"
SKPQD_IRI = SKP_IRI + "qualifier/date/"
BD_IRI = "http://www.bigdata.com/rdf#"

GREGORIAN = "http://www.wikidata.org/entity/Q1985727"
"""The calendar model of every time value (proleptic Gregorian calendar)."""
SECOND = "http://www.wikidata.org/entity/Q11574"
"""The unit of race times (second)."""

WD = Namespace(WD_IRI)
"""Wikidata items: open, any QID."""

WIKIBASE = Namespace(WIKIBASE_IRI)
SCHEMA = Namespace(SCHEMA_IRI)

EXTRA_PIDS = (
    "P31", "P279", "P854", "P248", "P813", "P3831", "P1346", "P286", "P361", "P577",
    "P1683", "P1476", "P407",
)
"""Wikidata properties the writer and ontology use beyond the relation table."""

WIKIDATA_PIDS: tuple[str, ...] = tuple(
    sorted(
        {r.key for r in RELATIONS.values() if r.is_wikidata} | set(EXTRA_PIDS),
        key=lambda pid: int(pid[1:]),
    )
)
"""Every Wikidata PID the closed namespaces accept."""

SK_TERMS: tuple[str, ...] = (
    # classes
    "Person", "Team", "Event", "Place", "Country", "Award", "Record", "Occupation",
    "Sport", "Organization", "Class", "Concept", "Thing", "Article", "Statement",
    "Reference",
    # entity description
    "entityType", "qid",
    # statement node
    "confidence", "mirrorOf", "quantityUnits", "asWritten",
    # reference
    "sourceFile", "sourceKey", "published", "sentence", "start", "end", "extractor",
    "linkNotes",
    # article node
    "doc", "contentHash", "fingerprint", "language", "title",
    # store
    "layout", "nameKey", "disagreementOn", "confidenceValue",
    # annotations of the ontology
    "valueType", "subjectType", "relation",
    # relations of the table
    *sorted(r.local_name for r in RELATIONS.values() if not r.is_wikidata),
)
"""Every term of the sk: namespace; ontology/sportkg.ttl declares each one."""


def _closed(name: str, iri: str, terms: tuple[str, ...]) -> type[DefinedNamespace]:
    """A closed rdflib DefinedNamespace with `terms` (built from the relation table)."""
    attrs = {
        "_NS": Namespace(iri),
        "_fail": True,
        "_warn": False,
        "__annotations__": {term: URIRef for term in terms},
    }
    return type(name, (DefinedNamespace,), attrs)


WDT = _closed("WDT", WDT_IRI, WIKIDATA_PIDS)
"""Truthy (direct) Wikidata properties: `wdt:P166`."""
P = _closed("P", P_IRI, WIKIDATA_PIDS)
"""Subject to statement node: `p:P166`."""
PS = _closed("PS", PS_IRI, WIKIDATA_PIDS)
"""Statement node to main value: `ps:P166`."""
PQ = _closed("PQ", PQ_IRI, WIKIDATA_PIDS)
"""Statement node to qualifier value: `pq:P585`."""
PR = _closed("PR", PR_IRI, WIKIDATA_PIDS)
"""Reference node to reference value: `pr:P854`."""
SK = _closed("SK", SK_IRI, SK_TERMS)
"""The project's ontology: classes, relations and provenance terms."""

_SK_RELATIONS = tuple(r.local_name for r in RELATIONS.values() if not r.is_wikidata)
SKP = _closed("SKP", SKP_IRI, _SK_RELATIONS)
SKPS = _closed("SKPS", SKPS_IRI, _SK_RELATIONS)
SKPQ = _closed("SKPQ", SKPQ_IRI, _SK_RELATIONS)

PREFIXES: dict[str, str] = {
    "wd": WD_IRI,
    "wdt": WDT_IRI,
    "p": P_IRI,
    "ps": PS_IRI,
    "pq": PQ_IRI,
    "pr": PR_IRI,
    "psv": PSV_IRI,
    "pqv": PQV_IRI,
    "prv": PRV_IRI,
    "wikibase": WIKIBASE_IRI,
    "sk": SK_IRI,
    "skp": SKP_IRI,
    "skps": SKPS_IRI,
    "skpq": SKPQ_IRI,
    "skpsv": SKPSV_IRI,
    "skpqv": SKPQV_IRI,
    "skpsd": SKPSD_IRI,
    "skpqd": SKPQD_IRI,
    "bd": BD_IRI,
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
    "schema": SCHEMA_IRI,
    "dct": str(DCT),
}
"""Prefixes bound in serialisations and available to every named query."""

ENTITY_CLASSES: dict[str, str] = {
    "person": "Person",
    "team": "Team",
    "event": "Event",
    "place": "Place",
    "country": "Country",
    "award": "Award",
    "record": "Record",
    "occupation": "Occupation",
    "sport": "Sport",
    "organization": "Organization",
    "class": "Class",
    "concept": "Concept",
    "thing": "Thing",
}
"""Entity type (model.ENTITY_TYPES) to the local name of its sk: class."""


def _check(key: str) -> None:
    if key not in RELATIONS and key not in EXTRA_PIDS:
        raise OntologyError(f"Unknown property {key!r}. Available: {', '.join(sorted(RELATIONS))}")


def direct(key: str) -> URIRef:
    """The truthy predicate of a relation key: `wdt:P166` or `sk:engagedTo`."""
    _check(key)
    if key.startswith("sk:"):
        return URIRef(SK_IRI + key[3:])
    return URIRef(WDT_IRI + key)


def statement_link(key: str) -> URIRef:
    """Subject to statement node: `p:P166` or `skp:engagedTo`."""
    _check(key)
    if key.startswith("sk:"):
        return URIRef(SKP_IRI + key[3:])
    return URIRef(P_IRI + key)


def statement_value(key: str) -> URIRef:
    """Statement node to main value: `ps:P166` or `skps:engagedTo`."""
    _check(key)
    if key.startswith("sk:"):
        return URIRef(SKPS_IRI + key[3:])
    return URIRef(PS_IRI + key)


def qualifier(key: str) -> URIRef:
    """Statement node to qualifier value: `pq:P585` or `skpq:<name>`."""
    _check(key)
    if key.startswith("sk:"):
        return URIRef(SKPQ_IRI + key[3:])
    return URIRef(PQ_IRI + key)


def statement_value_node(key: str) -> URIRef:
    """Statement node to the value node of its main value: `psv:P569`."""
    _check(key)
    if key.startswith("sk:"):
        return URIRef(SKPSV_IRI + key[3:])
    return URIRef(PSV_IRI + key)


def qualifier_value_node(key: str) -> URIRef:
    """Statement node to the value node of a qualifier: `pqv:P585`."""
    _check(key)
    if key.startswith("sk:"):
        return URIRef(SKPQV_IRI + key[3:])
    return URIRef(PQV_IRI + key)


def statement_date(key: str) -> URIRef:
    """Statement node to its main value's date at its precision, in one literal:
    `skpsd:P569 "1994-03"^^xsd:gYearMonth` beside `ps:P569` and its value node."""
    _check(key)
    return URIRef(SKPSD_IRI + key.removeprefix("sk:"))


def qualifier_date(key: str) -> URIRef:
    """Statement node to a date qualifier at its precision, in one literal:
    `skpqd:P585 "2026"^^xsd:gYear` beside `pq:P585` and its value node. A report reads a
    date as written with one lookup, where the precision takes two more (`pqv:P585` to the
    value node, then `wikibase:timePrecision`)."""
    _check(key)
    return URIRef(SKPQD_IRI + key.removeprefix("sk:"))


def key_of(iri: str) -> str | None:
    """The relation key of a truthy, statement, value or qualifier predicate IRI, else None.

    Examples:
        >>> key_of("http://www.wikidata.org/prop/qualifier/P585")
        'P585'
        >>> key_of("https://w3id.org/sportkg/prop/statement/won")
        'sk:won'
    """
    for base in (WDT_IRI, PS_IRI, PQ_IRI, PR_IRI):
        if iri.startswith(base) and "/" not in iri[len(base):]:
            return iri[len(base):]
    if iri.startswith(P_IRI) and "/" not in iri[len(P_IRI):]:
        return iri[len(P_IRI):]
    for base in (SKPS_IRI, SKPQ_IRI):
        if iri.startswith(base) and "/" not in iri[len(base):]:
            return "sk:" + iri[len(base):]
    if iri.startswith(SKP_IRI) and "/" not in iri[len(SKP_IRI):]:
        return "sk:" + iri[len(SKP_IRI):]
    if iri.startswith(SK_IRI) and iri[len(SK_IRI):] in _SK_RELATIONS:
        return "sk:" + iri[len(SK_IRI):]
    return None
