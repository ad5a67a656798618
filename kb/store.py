"""The knowledge base's side of a store: its KB graph, the items its articles name, relinking.

A store (`graph.kg.KnowledgeGraph`) keeps what was pulled or loaded from Wikidata in its
KB graph. This module reads that graph back into KB records (`store_kb`), adds records
and then links what the KB now knows (`add_records`, `relink`), and pulls Wikidata's own
statements about the items the articles name (`enrich_store`).

Relinking joins the two halves of the project: the store's minted entities (from
`graph/`) go through the linker (`extract/linking.py`) with the KB. So this module sits
above both; nothing in `extract/`, `graph/` or the rest of `kb/` imports it. Its SPARQL is
in `queries/kb_store/`, with the graph IRIs bound by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..extract.linking import SPORT_LABELS, LinkContext, Linker
from ..iris import slugify
from ..model import WIKIDATA_ENTITY
from ..queries import query_text
from .io import entities_from_graph
from .kb import KnowledgeBase
from .pull import enrich

if TYPE_CHECKING:
    from ..graph.kg import KnowledgeGraph
    from .wikidata import WikidataClient


def store_kb(kg: KnowledgeGraph) -> KnowledgeBase:
    """The records in the store's KB graph as a KnowledgeBase (empty when there are none).

    The linker can then use the bundled KB plus what was pulled into the store:
    `KnowledgeBase.bundled().merge(store_kb(kg))`.
    """
    import rdflib

    result = kg.query(query_text("kb_store/kb_records"),
                      bindings={"kb": rdflib.URIRef(kg.kb_graph)})
    graph = rdflib.Graph()
    for triple in result.triples:
        graph.add(triple)
    return KnowledgeBase(entities_from_graph(graph))


def add_records(kg: KnowledgeGraph, turtle: str) -> tuple[int, int]:
    """Add KB records (Wikidata-format Turtle) to the store's KB graph, then `relink`.

    The records go in with one write, so a failure leaves the KB graph as it was.

    Returns:
        (triples added, minted entities linked to Wikidata items).
    """
    added = kg.add_kb(turtle, format="turtle")
    linked, _ = relink(kg)
    return added, linked


def linked_items(kg: KnowledgeGraph) -> list[str]:
    """The Wikidata items the articles of the store speak about (subjects and values)."""
    import rdflib

    result = kg.query(query_text("kb_store/linked_items"),
                      bindings={"kb": rdflib.URIRef(kg.kb_graph)})
    return [str(row[0]) for row in result.rows if row[0] is not None]


def enrich_store(
    kg: KnowledgeGraph, client: WikidataClient, *, batch_size: int = 50
) -> tuple[int, int]:
    """Pull Wikidata's own statements of the items the articles name into the KB graph.

    Returns:
        (items asked about, triples added).

    Raises:
        LinkingError: the endpoint failed (nothing is added then).
    """
    items = linked_items(kg)
    result = enrich(client, items, batch_size=batch_size)
    added = kg.add_kb(result.turtle, format="turtle") if items else 0
    return len(items), added


def relink(kg: KnowledgeGraph, *, threshold: float = 0.5) -> tuple[int, int]:
    """Link the store's minted entities that the KB now knows, and join minted people.

    A minted entity the KB knows becomes its Wikidata item; a person minted without a
    sport becomes the only sport-specific person of the same name (`join_bare_people`).
    Either way the store then names it by one IRI (`KnowledgeGraph.merge_entities`
    rewrites its statements) and keeps the retired IRI as `owl:sameAs` in the KB graph.

    Returns:
        (entities linked to Wikidata items, name-only people joined).
    """
    from rdflib import Literal

    base = Literal(kg.base + "entity/")
    rows = kg.query(query_text("kb_store/minted"), bindings={"base": base}).rows
    minted = [(str(e), str(label), str(etype)) for e, label, etype in rows]
    links = []
    if minted:
        kb = KnowledgeBase.bundled().merge(store_kb(kg))
        links = relink_minted(minted, kb, threshold=threshold)
        for iri, qid, _score in links:
            # renamed first: a link marks the entity as done, so it must come last
            kg.merge_entities(iri, WIKIDATA_ENTITY + qid, qid=qid)
            kg.link(iri, qid)
    rows = kg.query(query_text("kb_store/minted_people"), bindings={"base": base}).rows
    settled = {str(entity) for entity, same in rows if same is not None}
    people = {str(entity) for entity, _ in rows}
    pairs = [(a, b) for a, b in join_bare_people(people) if a not in settled]
    for bare, specific in pairs:
        kg.merge_entities(bare, specific)
    return len(links), len(pairs)


def sport_of_minted(iri: str, kb: KnowledgeBase) -> str | None:
    """The sport (QID or "sport:<name>") a minted person IRI carries ("...--speed-skating").

    Examples:
        >>> sport_of_minted("https://w3id.org/sportkg/entity/kees-stam--speed-skating",
        ...                 KnowledgeBase.bundled())
        'Q192431'
    """
    _, sep, slug = iri.rpartition("--")
    if not sep:
        return None
    for key, label in SPORT_LABELS.items():
        if slugify(label) == slug:
            return str(key)
    for entity in kb.entities():
        if entity.type == "sport" and slugify(entity.labels.get("en", "")) == slug:
            return str(entity.qid)
    return None


def relink_minted(
    minted: Iterable[tuple[str, str, str]], kb: KnowledgeBase, *, threshold: float = 0.5
) -> list[tuple[str, str, float]]:
    """Which minted entities the KB now knows: (minted IRI, QID, score) for each link.

    Args:
        minted: (IRI, label, coarse type) of entities that have no QID yet.
        kb: the knowledge base (bundled plus what was pulled or loaded).
        threshold: the NIL threshold of the linker.
    """
    linker = Linker(kb, threshold=threshold)
    found = []
    for iri, label, etype in minted:
        sport = sport_of_minted(iri, kb) if etype == "person" else None
        sports = frozenset({sport}) if sport else frozenset()
        context = LinkContext(sports=sports, local_sports=sports)
        entity, note = linker.link(label, etype, context)
        if entity.qid:
            found.append((iri, entity.qid, note.score))
    return found


def join_bare_people(people: Iterable[str]) -> list[tuple[str, str]]:
    """Pairs (name-only IRI, sport-specific IRI) of minted people that are one person.

    A person minted without a sport ("miho-takagi", from an article that named no
    sport near her) is the same as the only sport-specific person of that name
    ("miho-takagi--speed-skating"); with two or more sport-specific people of the
    name, which one is meant is unknown and nothing is joined.

    Examples:
        >>> join_bare_people(["e/a-b", "e/a-b--boxing", "e/c-d", "e/c-d--boxing",
        ...                   "e/c-d--tennis"])
        [('e/a-b', 'e/a-b--boxing')]
    """
    specific: dict[str, list[str]] = {}
    bare: set[str] = set()
    for iri in people:
        stem, sep, _ = iri.partition("--")
        if sep:
            specific.setdefault(stem, []).append(iri)
        else:
            bare.add(iri)
    return sorted(
        (iri, specific[iri][0]) for iri in bare if len(specific.get(iri, ())) == 1
    )
