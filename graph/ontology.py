"""Build the OWL ontology (ontology/sportkg.ttl) from the relation table.

The ontology is generated, not hand-kept: classes, the project's own
properties with English and Dutch labels and their alignment to Wikidata
(`rdfs:subPropertyOf`, `owl:inverseOf`, `skos:closeMatch`), descriptions of the
Wikidata properties we use, and the provenance terms. A test checks that the
shipped file equals what this module builds, so the table and the file agree.

Regenerate with `python -m sportkg.graph.ontology > ontology/sportkg.ttl`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..ontology import namespaces as ns
from ..ontology.relations import RELATIONS

if TYPE_CHECKING:
    from rdflib import Graph

ONTOLOGY_IRI = "https://w3id.org/sportkg/ontology"
TTL_PATH = Path(__file__).resolve().parent.parent / "ontology" / "sportkg.ttl"

CLASSES: dict[str, tuple[str, str, str | None]] = {
    "Person": ("person", "persoon", "Q5"),
    "Team": ("team", "team", None),
    "Event": ("sporting event", "sportevenement", "Q16510064"),
    "Place": ("place", "plaats", None),
    "Country": ("country", "land", None),
    "Award": ("award, medal or title", "onderscheiding, medaille of titel", None),
    "Record": ("record", "record", None),
    "Occupation": ("occupation", "beroep", None),
    "Sport": ("sport", "sport", None),
    "Organization": ("organization", "organisatie", None),
    "Class": ("class", "klasse", None),
    "Concept": ("concept", "begrip", None),
    "Thing": ("thing", "ding", None),
    "Article": ("news article", "nieuwsartikel", None),
    "Statement": ("statement", "bewering", None),
    "Reference": ("reference", "bron", None),
}
"""sk: classes: local name -> (English label, Dutch label, closest Wikidata class)."""

TERMS: dict[str, tuple[str, str, str, str]] = {
    "entityType": ("entity type", "entiteitstype", "string", "coarse type of an entity"),
    "qid": ("Wikidata ID", "Wikidata-ID", "string", "the Wikidata item an entity is linked to"),
    "confidence": ("confidence", "betrouwbaarheid", "decimal",
                   "how sure the extractor is, between 0 and 1"),
    "mirrorOf": ("mirror of", "spiegel van", "iri",
                 "a statement written in Wikidata building blocks for a project statement"),
    "quantityUnits": ("quantity unit", "eenheid", "string",
                      "the unit of a quantity value node, as the article's statement named it"),
    "asWritten": ("as written", "zoals geschreven", "string",
                  "a quantity as the article wrote it (a race time such as 1.11,84)"),
    "sourceKey": ("source key", "bronsleutel", "string",
                  "hash of the source path: tells two files of one name apart"),
    "sourceFile": ("source file", "bronbestand", "string",
                   "the name of the article file a fact came from (no folders)"),
    "published": ("published", "gepubliceerd", "date", "publication date of the article"),
    "sentence": ("sentence", "zin", "string", "the sentence a fact was read from"),
    "start": ("start offset", "beginpositie", "integer", "character offset where it starts"),
    "end": ("end offset", "eindpositie", "integer", "character offset where it ends"),
    "extractor": ("extractor", "extractor", "string", "the component that found the fact"),
    "linkNotes": ("link notes", "koppelnotities", "string",
                  "JSON list: why mentions were linked to entities"),
    "doc": ("document name", "documentnaam", "string", "the human name of an article"),
    "layout": ("store layout", "opslagindeling", "string",
               "the layout version of the store that holds the facts graph"),
    "nameKey": ("name key", "naamsleutel", "string",
                "a person's name folded to lower case without accents: how names are matched"),
    "disagreementOn": ("disagreement on", "onenigheid over", "iri",
                       "index: the articles give this subject more than one value of the "
                       "single-valued property whose statement link is the value"),
    "confidenceValue": ("confidence value", "betrouwbaarheidswaarde", "decimal",
                        "index: a confidence some reading in the store was written with"),
    "contentHash": ("content hash", "inhoudshash", "string", "SHA-256 of the article text"),
    "fingerprint": ("fingerprint", "vingerafdruk", "string", "hash of an article graph"),
    "language": ("language", "taal", "string", "language of an article"),
    "title": ("title", "titel", "string", "headline of an article"),
}
"""Provenance and description terms: name -> (en label, nl label, value type, comment)."""

_XSD = {"string": "string", "decimal": "decimal", "date": "date", "integer": "integer"}


def ontology_graph() -> Graph:
    """The ontology as an rdflib Graph, built from the relation table and the tables above."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

    graph = Graph()
    for prefix, iri in ns.PREFIXES.items():
        graph.bind(prefix, iri, replace=True)
    onto = URIRef(ONTOLOGY_IRI)
    graph.add((onto, RDF.type, OWL.Ontology))
    graph.add((onto, RDFS.label, Literal("sportkg ontology", lang="en")))
    graph.add((onto, RDFS.comment, Literal(
        "Classes and properties of knowledge graphs of sports personalities, aligned with "
        "Wikidata's statement model.", lang="en")))
    graph.add((onto, OWL.versionInfo, Literal(__version__)))

    def labels(term: URIRef, en: str, nl: str) -> None:
        graph.add((term, RDFS.label, Literal(en, lang="en")))
        graph.add((term, RDFS.label, Literal(nl, lang="nl")))
        graph.add((term, RDFS.isDefinedBy, onto))

    for name, (en, nl, qid) in CLASSES.items():
        term = URIRef(ns.SK_IRI + name)
        graph.add((term, RDF.type, OWL.Class))
        labels(term, en, nl)
        if qid:
            graph.add((term, SKOS.closeMatch, URIRef(ns.WD_IRI + qid)))
    for name, (en, nl, kind, comment) in TERMS.items():
        term = URIRef(ns.SK_IRI + name)
        graph.add((term, RDF.type,
                   OWL.ObjectProperty if kind == "iri" else OWL.DatatypeProperty))
        labels(term, en, nl)
        graph.add((term, RDFS.comment, Literal(comment, lang="en")))
        if kind != "iri":
            graph.add((term, RDFS.range, XSD[_XSD[kind]]))

    for relation in RELATIONS.values():
        direct = ns.direct(relation.key)
        kind = OWL.ObjectProperty if relation.value_type == "item" else OWL.DatatypeProperty
        graph.add((direct, RDF.type, kind))
        labels(direct, relation.label_en, relation.label_nl)
        graph.add((direct, RDFS.comment, Literal(relation.description, lang="en")))
        graph.add((direct, URIRef(ns.SK_IRI + "valueType"), Literal(relation.value_type)))
        if relation.symmetric:
            graph.add((direct, RDF.type, OWL.SymmetricProperty))
        if relation.inverse:
            graph.add((direct, OWL.inverseOf, ns.direct(relation.inverse)))
        if relation.subject_types:
            for etype in relation.subject_types:
                graph.add((direct, URIRef(ns.SK_IRI + "subjectType"),
                           URIRef(ns.SK_IRI + ns.ENTITY_CLASSES[etype])))
        if relation.wikidata and relation.alignment:
            target = URIRef(ns.WDT_IRI + relation.wikidata)
            predicate = {
                "subPropertyOf": RDFS.subPropertyOf,
                "inverseOf": OWL.inverseOf,
                "closeMatch": SKOS.closeMatch,
            }[relation.alignment]
            graph.add((direct, predicate, target))
        if not relation.is_wikidata:
            for make, role in ((ns.statement_link, "statement"),
                               (ns.statement_value, "value"),
                               (ns.qualifier, "qualifier")):
                term = make(relation.key)
                graph.add((term, RDF.type, OWL.ObjectProperty if role == "statement"
                           else RDF.Property))
                graph.add((term, RDFS.label, Literal(f"{relation.label_en} ({role})", lang="en")))
                graph.add((term, RDFS.label, Literal(f"{relation.label_nl} ({role})", lang="nl")))
                graph.add((term, URIRef(ns.SK_IRI + "relation"), direct))
    for name, en, nl in (("valueType", "value type", "waardetype"),
                         ("subjectType", "subject type", "onderwerptype"),
                         ("relation", "relation", "relatie")):
        term = URIRef(ns.SK_IRI + name)
        graph.add((term, RDF.type, OWL.AnnotationProperty))
        labels(term, en, nl)
    return graph


def ontology_turtle() -> str:
    """The ontology as Turtle text (the content of ontology/sportkg.ttl)."""
    header = (
        "# sportkg ontology: generated from sportkg/ontology/relations.py by\n"
        "# `python -m sportkg.graph.ontology > ontology/sportkg.ttl`; edit the table, not this.\n"
    )
    return header + ontology_graph().serialize(format="turtle")


if __name__ == "__main__":
    print(ontology_turtle(), end="")
