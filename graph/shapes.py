"""Build the SHACL shapes (ontology/shapes.ttl) from the relation table.

The shapes say what a well-formed sportkg graph is. The part that follows the
layout of the statement model is generated, one block per relation of the
table, so a new relation is checked without an edit here:

- the statement node of every `p:`/`skp:` link holds exactly one main value of
  the link's own property (`ps:P166` under `p:P166`, never `ps:P27`), and a main
  value sits only under a link of its property;
- values have the kind the table declares, as main value (`ps:`), truthy value
  (`wdt:`) and qualifier (`pq:`): an IRI for items, `xsd:dateTime` (or
  `xsd:date`, `xsd:gYearMonth`, `xsd:gYear` in older data) with a
  `wikibase:TimeValue` node for dates, `xsd:decimal` with a
  `wikibase:QuantityValue` node for quantities, `xsd:integer` for integers;
- both ends of a relation between persons are persons, and the value of an item
  relation whose value types exclude persons is no person;
- every statement node (typed, or the object of a link) is a
  `wikibase:Statement` with one rank, `wikibase:BestRank` only when not
  deprecated, and at least one reference.

The rest is written by hand in `FIXED` below: references (source file, quote,
offsets, a warning without a publication date), readings (an extractor and a
confidence in [0, 1] on a statement that has a reference),
entity descriptions, persons typed human, teams not human, the article node, and
three checks over the whole graph with SPARQL targets: a single main value per
statement node, a link to every typed statement node (of any property), and no
predicate in a mistyped Wikidata namespace (`https://www.wikidata.org/…`,
`http://wikidata.org/…`).

A test checks that the shipped file equals what this module builds. Regenerate
with `python -m sportkg.graph.shapes > ontology/shapes.ttl`.

Examples:
    >>> "skshape:P166-statement a sh:NodeShape" in shapes_turtle()
    True
"""

from __future__ import annotations

from pathlib import Path

from ..ontology import namespaces as ns
from ..ontology.relations import RELATIONS, SK, Relation

SHAPES_PATH = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
"""The shipped shapes file."""

SHAPES_IRI = "https://w3id.org/sportkg/shapes#"
"""Namespace of the shapes (prefix `skshape:`)."""

MIN_INCLUSIVE: dict[str, int] = {"sk:age": 0}
"""Lower bounds of integer relations beyond their datatype."""

HEADER = """\
# SHACL shapes of a well-formed sportkg graph (checked by `sportkg validate` and the tests).
# Generated from sportkg/ontology/relations.py by
# `python -m sportkg.graph.shapes > ontology/shapes.ttl`; edit the table or
# sportkg/graph/shapes.py, not this file.
"""

PREFIXES: dict[str, str] = {
    "sh": "http://www.w3.org/ns/shacl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": ns.SCHEMA_IRI,
    "wikibase": ns.WIKIBASE_IRI,
    "wd": ns.WD_IRI,
    "wdt": ns.WDT_IRI,
    "p": ns.P_IRI,
    "ps": ns.PS_IRI,
    "psv": ns.PSV_IRI,
    "pq": ns.PQ_IRI,
    "pqv": ns.PQV_IRI,
    "pr": ns.PR_IRI,
    "sk": SK,
    "skp": ns.SKP_IRI,
    "skps": ns.SKPS_IRI,
    "skpsv": ns.SKPSV_IRI,
    "skpq": ns.SKPQ_IRI,
    "skpqv": ns.SKPQV_IRI,
    "skpsd": ns.SKPSD_IRI,
    "skpqd": ns.SKPQD_IRI,
    "skshape": SHAPES_IRI,
}
"""Prefixes of the shapes file."""

TYPO_NAMESPACES = ("https://www.wikidata.org/", "http://wikidata.org/", "https://wikidata.org/")
"""Mistyped spellings of Wikidata's namespaces (which all start `http://www.wikidata.org/`)."""

FIXED = """\
skshape:
    sh:declare [ sh:prefix "sk" ; sh:namespace "https://w3id.org/sportkg/ontology#"^^xsd:anyURI ] .

# A date as Wikidata writes it (xsd:dateTime), or as older data wrote it.
skshape:DateValue
    sh:or ( [ sh:datatype xsd:dateTime ] [ sh:datatype xsd:date ] [ sh:datatype xsd:gYearMonth ]
            [ sh:datatype xsd:gYear ] ) .

# A person: typed sk:Person, or typed human in Wikidata's way.
skshape:PersonValue
    sh:or ( [ sh:class sk:Person ] [ sh:property [ sh:path wdt:P31 ; sh:hasValue wd:Q5 ] ] ) .

# Rank rule of Wikidata: a deprecated statement is never a best-rank one.
skshape:BestRankShape
    a sh:NodeShape ;
    sh:targetClass wikibase:BestRank ;
    sh:property [
        sh:path wikibase:rank ;
        sh:not [ sh:in ( wikibase:DeprecatedRank ) ] ;
        sh:message "a deprecated statement cannot be wikibase:BestRank" ;
    ] .

# A statement node holds one main value, whatever its property (one query over the graph).
skshape:OneMainValueShape
    a sh:NodeShape ;
    sh:target [
        a sh:SPARQLTarget ;
        sh:prefixes skshape: ;
        sh:select \"\"\"
            SELECT ?this WHERE {
              ?this ?p ?v .
              FILTER((STRSTARTS(STR(?p), "http://www.wikidata.org/prop/statement/")
                      || STRSTARTS(STR(?p), "https://w3id.org/sportkg/prop/statement/"))
                     && !CONTAINS(STR(?p), "/statement/value/")
                     && !CONTAINS(STR(?p), "/statement/date/"))
            } GROUP BY ?this HAVING (COUNT(?v) > 1)\"\"\" ;
    ] ;
    sh:in ( ) ;
    sh:message "a statement node needs exactly one main value (ps: or skps:), found several" .

# A typed statement node is linked from its subject by a p: or skp: link of any property.
skshape:LinkedStatementShape
    a sh:NodeShape ;
    sh:target [
        a sh:SPARQLTarget ;
        sh:prefixes skshape: ;
        sh:select \"\"\"
            SELECT ?this WHERE {
              ?this a <http://wikiba.se/ontology#Statement> .
              FILTER NOT EXISTS {
                ?s ?p ?this .
                FILTER(STRSTARTS(STR(?p), "http://www.wikidata.org/prop/P")
                       || STRSTARTS(STR(?p), "https://w3id.org/sportkg/prop/"))
              }
            }\"\"\" ;
    ] ;
    sh:in ( ) ;
    sh:message "a statement node must be linked from its subject (p: or skp:)" .

# Wikidata's namespaces are http://www.wikidata.org/...; https:// or a missing www. is a typo.
skshape:WikidataNamespaceShape
    a sh:NodeShape ;
    sh:target [
        a sh:SPARQLTarget ;
        sh:prefixes skshape: ;
        sh:select \"\"\"
            SELECT DISTINCT ?this WHERE {
              ?this ?p ?o .
              FILTER(REGEX(STR(?p), "^(https://(www[.])?|http://)wikidata[.]org/"))
            }\"\"\" ;
    ] ;
    sh:sparql [
        a sh:SPARQLConstraint ;
        sh:message "not Wikidata's namespace (http://www.wikidata.org/): write {?right}" ;
        sh:prefixes skshape: ;
        sh:select \"\"\"
            SELECT DISTINCT $this ?path ?right WHERE {
              $this ?path ?o .
              FILTER(REGEX(STR(?path), "^(https://(www[.])?|http://)wikidata[.]org/"))
              BIND(IRI(REPLACE(STR(?path), "^(https://(www[.])?|http://)wikidata[.]org/",
                               "http://www.wikidata.org/")) AS ?right)
            }\"\"\" ;
    ] .

skshape:ReadingShape
    a sh:NodeShape ;
    sh:targetSubjectsOf sk:confidence, sk:extractor ;
    sh:property [ sh:path sk:extractor ; sh:minCount 1 ;
                  sh:message "a reading names the extractor of the fact (sk:extractor)" ] ;
    sh:property [
        sh:path sk:confidence ; sh:minCount 1 ; sh:datatype xsd:decimal ;
        sh:minInclusive 0 ; sh:maxInclusive 1 ;
        sh:message "sk:confidence is an xsd:decimal in [0, 1]" ;
    ] ;
    sh:property [ sh:path prov:wasDerivedFrom ; sh:minCount 1 ;
                  sh:message "a reading (sk:confidence) belongs to a statement with a reference" ] .

skshape:ReferenceShape
    a sh:NodeShape ;
    sh:targetClass wikibase:Reference ;
    sh:property [ sh:path sk:sourceFile ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ;
                  sh:message "a reference names its source file once (sk:sourceFile, a string)" ] ;
    sh:property [ sh:path pr:P1683 ; sh:minCount 1 ; sh:maxCount 1 ;
                  sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] ) ;
                  sh:message "a reference quotes its sentence once (pr:P1683, a string)" ] ;
    sh:property [ sh:path sk:start ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ;
                  sh:message "a reference has one start offset (sk:start, an xsd:integer)" ] ;
    sh:property [ sh:path sk:end ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ;
                  sh:message "a reference has one end offset (sk:end, an xsd:integer)" ] ;
    sh:property [ sh:path pr:P854 ; sh:nodeKind sh:IRI ;
                  sh:message "pr:P854 (reference URL) takes an IRI" ] ;
    sh:property [ sh:path pr:P577 ; sh:maxCount 1 ; sh:datatype xsd:dateTime ;
                  sh:message "pr:P577 (publication date) is one xsd:dateTime" ] ;
    sh:property [
        sh:path pr:P577 ;
        sh:minCount 1 ;
        sh:severity sh:Warning ;
        sh:message "the reference has no publication date (the article's date is unknown)" ;
    ] .

skshape:EntityShape
    a sh:NodeShape ;
    sh:targetSubjectsOf sk:entityType ;
    sh:property [ sh:path sk:entityType ; sh:minCount 1 ;
                  sh:in ( "person" "team" "event" "place" "country" "award" "record"
                          "occupation" "sport" "organization" "class" "concept" "thing" ) ] ;
    sh:property [ sh:path rdfs:label ; sh:minCount 1 ; sh:datatype rdf:langString ] ;
    sh:property [ sh:path schema:name ; sh:minCount 1 ] ;
    sh:property [ sh:path sk:qid ; sh:maxCount 1 ; sh:pattern "^Q[1-9][0-9]*$" ] .

skshape:PersonShape
    a sh:NodeShape ;
    sh:targetClass sk:Person ;
    sh:property [
        sh:path wdt:P31 ; sh:hasValue wd:Q5 ;
        sh:message "a person must be typed as human (wdt:P31 wd:Q5)" ;
    ] ;
    sh:property [ sh:path sk:entityType ; sh:hasValue "person" ] .

skshape:HumanIsNoTeamShape
    a sh:NodeShape ;
    sh:targetClass sk:Team, sk:Organization ;
    sh:not [ sh:property [ sh:path wdt:P31 ; sh:hasValue wd:Q5 ] ] ;
    sh:message "a team or organisation cannot be typed as human (wdt:P31 wd:Q5)" .

skshape:ArticleShape
    a sh:NodeShape ;
    sh:targetClass sk:Article ;
    sh:property [ sh:path sk:doc ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ] ;
    sh:property [ sh:path sk:published ; sh:maxCount 1 ; sh:datatype xsd:date ] .
"""
"""Shapes that do not follow from the relation table, in Turtle."""

_DATE_KINDS = ("xsd:dateTime as Wikidata writes it "
               "(xsd:date, xsd:gYearMonth or xsd:gYear in older data)")


def _string(text: str) -> str:
    """A Turtle string literal of `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Terms:
    """The prefixed names of one relation's predicates (`p:P166`, `skps:won`, ...)."""

    def __init__(self, relation: Relation) -> None:
        name = relation.local_name
        wikidata = relation.is_wikidata
        self.relation = relation
        self.shape = "skshape:" + name
        self.link = ("p:" if wikidata else "skp:") + name
        self.value = ("ps:" if wikidata else "skps:") + name
        self.value_node = ("psv:" if wikidata else "skpsv:") + name
        self.direct = ("wdt:" if wikidata else "sk:") + name
        self.qualifier = ("pq:" if wikidata else "skpq:") + name
        self.qualifier_node = ("pqv:" if wikidata else "skpqv:") + name
        self.value_date = "skpsd:" + name
        self.qualifier_date = "skpqd:" + name

    def label(self, term: str) -> str:
        """`ps:P166 (award received)`: a predicate with the relation's label, for messages."""
        return f"{term} ({self.relation.label_en})"


def _kind(relation: Relation) -> tuple[str, str]:
    """(SHACL constraint, wording) of the values a relation takes."""
    value_type = relation.value_type
    if value_type == "item":
        return "sh:nodeKind sh:IRI", "takes an item (an IRI), not a literal"
    if value_type == "date":
        return "sh:node skshape:DateValue", "takes a date: " + _DATE_KINDS
    if value_type == "quantity":
        return "sh:datatype xsd:decimal", "takes an amount (xsd:decimal)"
    if value_type == "integer":
        bound = MIN_INCLUSIVE.get(relation.key)
        if bound is not None:
            return (f"sh:datatype xsd:integer ; sh:minInclusive {bound}",
                    f"takes an xsd:integer of at least {bound}")
        return "sh:datatype xsd:integer", "takes an xsd:integer"
    return ("sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] )",
            "takes a string")


def _wrap(items: list[str], sep: str, indent: str, width: int = 96) -> str:
    """`items` joined by `sep`, broken onto lines of `indent` that stay within `width`."""
    lines: list[str] = []
    line = ""
    for item in items:
        candidate = f"{line}{sep}{item}" if line else item
        if line and len(indent) + len(candidate) > width:
            lines.append(line + sep.rstrip())
            line = item
        else:
            line = candidate
    lines.append(line)
    return ("\n" + indent).join(lines)


def _property(path: str, constraints: str, message: str) -> str:
    """One `sh:property [ ... ]` block."""
    return (f"    sh:property [\n        sh:path {path} ; {constraints} ;\n"
            f"        sh:message {_string(message)} ;\n    ]")


def _shape(name: str, target: str, parts: list[str]) -> str:
    """A node shape with a target and its constraints, as Turtle."""
    return f"{name} a sh:NodeShape ;\n    {target} ;\n" + " ;\n".join(parts) + " .\n"


def _value_node_rule(value: str, node: str, value_type: str) -> tuple[str, str]:
    """(constraint, message) requiring the value node of a dateTime or quantity value."""
    if value_type == "date":
        condition = f"[ sh:property [ sh:path {value} ; sh:not [ sh:datatype xsd:dateTime ] ] ]"
        message = f"an xsd:dateTime in {value} needs its wikibase:TimeValue node ({node})"
    else:
        condition = f"[ sh:property [ sh:path {value} ; sh:maxCount 0 ] ]"
        message = f"an amount in {value} needs its wikibase:QuantityValue node ({node})"
    rule = (f"    sh:or ( {condition}\n"
            f"            [ sh:property [ sh:path {node} ; sh:minCount 1 ] ] )")
    return rule, f"    sh:message {_string(message)}"


def _one_literal_date(path: str, beside: str) -> str:
    """The date at its precision in one literal the writer keeps beside a date value
    (`skpqd:P585 "2026"^^xsd:gYear`): at most one, a year, a month or a day."""
    return _property(path, "sh:maxCount 1 ;\n        sh:or ( [ sh:datatype xsd:gYear ] "
                     "[ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:date ] )",
                     f"{path} (the date of {beside} at its precision) is one xsd:gYear, "
                     f"xsd:gYearMonth or xsd:date")


def _relation_shapes(relation: Relation) -> str:
    """The shapes of one relation: its statement nodes, main values, truthy values, qualifiers."""
    t = _Terms(relation)
    constraint, wording = _kind(relation)
    valued = relation.value_type in ("date", "quantity")
    blocks = [f"# {relation.key}: {relation.label_en} ({relation.value_type})\n"]

    statement = [
        _property(t.value, "sh:minCount 1 ; sh:maxCount 1",
                  f"a {t.link} statement node needs exactly one main value {t.label(t.value)}"),
        _property(t.value, constraint, f"{t.label(t.value)} {wording}"),
    ]
    if valued:
        statement.append(_property(t.value_node, "sh:maxCount 1",
                                   f"a {t.link} statement node has at most one {t.value_node}"))
        statement += _value_node_rule(t.value, t.value_node, relation.value_type)
    if relation.value_type == "date":
        statement.append(_one_literal_date(t.value_date, t.link))
    blocks.append(_shape(f"{t.shape}-statement", f"sh:targetObjectsOf {t.link}", statement))

    blocks.append(_shape(f"{t.shape}-value", f"sh:targetSubjectsOf {t.value}", [
        _property(f"[ sh:inversePath {t.link} ]", "sh:minCount 1",
                  f"{t.value} belongs on a statement node of {t.label(t.link)}; "
                  f"this node is not the object of a {t.link} link"),
    ]))
    blocks.append(_shape(f"{t.shape}-direct", f"sh:targetSubjectsOf {t.direct}", [
        _property(t.direct, constraint, f"{t.label(t.direct)} {wording}"),
    ]))
    qualifier = [_property(t.qualifier, constraint, f"{t.label(t.qualifier)} {wording}")]
    if valued:
        qualifier += _value_node_rule(t.qualifier, t.qualifier_node, relation.value_type)
    if relation.value_type == "date":
        qualifier.append(_one_literal_date(t.qualifier_date, t.qualifier))
    blocks.append(_shape(f"{t.shape}-qualifier", f"sh:targetSubjectsOf {t.qualifier}",
                         qualifier))

    if relation.value_type == "item" and relation.subject_types == relation.value_types == (
        "person",
    ):
        blocks.append(_shape(
            f"{t.shape}-persons",
            f"sh:targetSubjectsOf {t.direct}, {t.link}",
            ["    sh:node skshape:PersonValue ;\n    sh:message "
             + _string(f"the subject of {t.label(relation.key)} must be a person")],
        ))
        blocks.append(_shape(
            f"{t.shape}-person-value",
            f"sh:targetObjectsOf {t.direct}, {t.value}",
            ["    sh:node skshape:PersonValue ;\n    sh:message "
             + _string(f"the value of {t.label(relation.key)} must be a person")],
        ))
    elif relation.value_type == "item" and relation.value_types and (
        "person" not in relation.value_types
    ):
        kinds = ", ".join(relation.value_types)
        blocks.append(_shape(
            f"{t.shape}-not-a-person",
            f"sh:targetObjectsOf {t.direct}, {t.value}, {t.qualifier}",
            ["    sh:not skshape:PersonValue ;\n    sh:message "
             + _string(f"the value of {t.label(relation.key)} cannot be a person "
                       f"(its values are: {kinds})")],
        ))
    return "\n".join(blocks)


def _statement_shape(terms: list[_Terms]) -> str:
    """Every statement node: typed, ranked once, referenced."""
    links = _wrap([t.link for t in terms], ", ", " " * 8)
    return _shape("skshape:StatementShape", f"sh:targetClass wikibase:Statement ;\n"
                  f"    sh:targetObjectsOf {links}", [
        "    sh:class wikibase:Statement ;\n    sh:message "
        + _string("a statement node (the object of a p: or skp: link) "
                  "must be typed wikibase:Statement"),
        _property("wikibase:rank", "sh:minCount 1 ; sh:maxCount 1 ;\n        sh:in ( "
                  "wikibase:NormalRank wikibase:PreferredRank wikibase:DeprecatedRank )",
                  "a statement node needs exactly one wikibase:rank: "
                  "NormalRank, PreferredRank or DeprecatedRank"),
        _property("prov:wasDerivedFrom", "sh:minCount 1 ; sh:class wikibase:Reference",
                  "a statement needs at least one reference (prov:wasDerivedFrom "
                  "a wikibase:Reference)"),
    ])


def _value_node_shapes(terms: list[_Terms]) -> str:
    """Time and quantity value nodes: the class and the fields Wikidata gives them."""
    dates = [t for t in terms if t.relation.value_type == "date"]
    quantities = [t for t in terms if t.relation.value_type == "quantity"]
    time_targets = _wrap([n for t in dates for n in (t.value_node, t.qualifier_node)], ", ",
                         " " * 8)
    quantity_targets = _wrap([n for t in quantities for n in (t.value_node, t.qualifier_node)],
                             ", ", " " * 8)
    time = _shape("skshape:TimeValueShape", f"sh:targetClass wikibase:TimeValue ;\n"
                  f"    sh:targetObjectsOf {time_targets}", [
        "    sh:class wikibase:TimeValue ;\n    sh:message "
        + _string("a time value node must be typed wikibase:TimeValue"),
        _property("wikibase:timeValue", "sh:minCount 1 ; sh:maxCount 1 ; "
                  "sh:datatype xsd:dateTime",
                  "a time value node has one wikibase:timeValue (xsd:dateTime)"),
        _property("wikibase:timePrecision", "sh:minCount 1 ; sh:maxCount 1 ; sh:in ( 9 10 11 )",
                  "wikibase:timePrecision is one of 9 (year), 10 (month), 11 (day)"),
        _property("wikibase:timeTimezone", "sh:minCount 1 ; sh:maxCount 1 ; "
                  "sh:datatype xsd:integer",
                  "a time value node has one wikibase:timeTimezone (xsd:integer minutes)"),
        _property("wikibase:timeCalendarModel", "sh:minCount 1 ; sh:maxCount 1 ; "
                  "sh:nodeKind sh:IRI",
                  "a time value node has one wikibase:timeCalendarModel (an item IRI)"),
    ])
    quantity = _shape("skshape:QuantityValueShape", f"sh:targetClass wikibase:QuantityValue ;\n"
                      f"    sh:targetObjectsOf {quantity_targets}", [
        "    sh:class wikibase:QuantityValue ;\n    sh:message "
        + _string("a quantity value node must be typed wikibase:QuantityValue"),
        _property("wikibase:quantityAmount", "sh:minCount 1 ; sh:maxCount 1 ; "
                  "sh:datatype xsd:decimal",
                  "a quantity value node has one wikibase:quantityAmount (xsd:decimal)"),
        _property("wikibase:quantityUnit", "sh:maxCount 1 ; sh:nodeKind sh:IRI",
                  "a quantity value node has at most one wikibase:quantityUnit (an item IRI)"),
    ])
    return time + "\n" + quantity


def shapes_turtle() -> str:
    """The shapes as Turtle text (the content of ontology/shapes.ttl)."""
    terms = [_Terms(relation) for relation in RELATIONS.values()]
    prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    parts = [
        HEADER + prefixes,
        "# ---- written by hand ----\n\n" + FIXED,
        "# ---- generated: statement nodes and value nodes ----\n\n" + _statement_shape(terms),
        _value_node_shapes(terms),
        "# ---- generated: one block per relation of the table ----\n",
        *(_relation_shapes(t.relation) for t in terms),
    ]
    return "\n".join(parts)


if __name__ == "__main__":
    print(shapes_turtle(), end="")
