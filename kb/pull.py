"""Filling the knowledge base from Wikidata: pull people and items, look up labels, enrich.

These functions run the named queries in `queries/kb/` through a
`WikidataClient` and return Wikidata-format Turtle plus the parsed records.
Nothing is written anywhere here: the caller loads the Turtle into the store's
KB graph in one transaction (`KnowledgeGraph.add_kb`), so a failed pull leaves
no partial KB behind.

Two steps keep each request small: a paged SELECT lists the items (people of a
sport, participants of a Games edition, ...), then a batched CONSTRUCT
(`entities.rq`, VALUES of at most `batch_size` items) describes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, LinkingError
from ..model import WIKIDATA_ENTITY
from ..ontology.relations import FACT_RELATIONS
from .io import entities_from_graph
from .kb import LANGS, Fallback, KBEntity
from .wikidata import WikidataClient, literal_values_clause, values_clause

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries" / "kb"
"""The named queries of the KB."""

SELECTIONS = {
    "sport": ("people_by_sport", "sport"),
    "occupation": ("people_by_occupation", "occupation"),
    "edition": ("participants", "edition"),
}
"""Pull selections: kind -> (query name, variable bound by VALUES)."""


def load_kb_query(name: str) -> str:
    """The text of `queries/kb/<name>.rq`; raises ConfigError naming the known ones."""
    path = QUERY_DIR / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in QUERY_DIR.glob("*.rq")))
        raise ConfigError(f"unknown KB query {name!r}. Available: {known}")
    return path.read_text(encoding="utf-8")


def check_qid(qid: str) -> str:
    """`qid` when it looks like a Wikidata item id ("Q" + digits), else ConfigError."""
    qid = qid.strip()
    if not (qid.startswith("Q") and qid[1:].isdigit()):
        raise ConfigError(f"{qid!r} is not a Wikidata item id (like Q192431)")
    return qid


@dataclass(frozen=True)
class PullResult:
    """What a pull found: the Turtle to load, the parsed records and the request count."""

    turtle: str
    entities: tuple[KBEntity, ...]
    items: int


def select_items(
    client: WikidataClient, kind: str, qids: Sequence[str], *, page_size: int = 5000,
    limit: int | None = None,
) -> list[str]:
    """The item IRIs of a selection (`kind` in SELECTIONS) for the given QIDs, paged."""
    if kind not in SELECTIONS:
        raise ConfigError(f"unknown selection {kind!r}. Available: {', '.join(SELECTIONS)}")
    name, variable = SELECTIONS[kind]
    query = load_kb_query(name)
    values = values_clause([variable], [[WIKIDATA_ENTITY + check_qid(q)] for q in qids])
    items: list[str] = []
    for rows in client.select_pages(query, page_size=page_size, max_rows=limit, values=values):
        for row in rows:
            item = row.get("item")
            if item is None or item.kind != "uri":
                raise LinkingError(f"endpoint {client.endpoint} returned a row without ?item")
            items.append(item.value)
    return list(dict.fromkeys(items))


def describe(
    client: WikidataClient, items: Sequence[str], *, batch_size: int = 200
) -> PullResult:
    """Labels, aliases and key statements of `items` (CONSTRUCT in VALUES batches)."""
    import rdflib

    graph = rdflib.Graph()
    query = load_kb_query("entities")
    for turtle in client.construct_values(query, "item", list(items), batch_size=batch_size):
        graph.parse(data=turtle, format="turtle")
    entities = tuple(entities_from_graph(graph))
    return PullResult(graph.serialize(format="turtle"), entities, len(items))


def pull(
    client: WikidataClient, *, sports: Sequence[str] = (), occupations: Sequence[str] = (),
    editions: Sequence[str] = (), qids: Sequence[str] = (), limit: int | None = None,
    page_size: int = 5000, batch_size: int = 200,
) -> PullResult:
    """Pull people of sports / occupations / Games editions and explicit QIDs.

    Raises:
        ConfigError: nothing to pull or a bad QID.
        LinkingError: the endpoint failed (nothing is returned then).
    """
    if not (sports or occupations or editions or qids):
        raise ConfigError("nothing to pull: give --sport, --occupation, --edition or QIDs")
    items: list[str] = [WIKIDATA_ENTITY + check_qid(q) for q in qids]
    for kind, values in (("sport", sports), ("occupation", occupations), ("edition", editions)):
        if values:
            items.extend(select_items(client, kind, values, page_size=page_size, limit=limit))
    items = list(dict.fromkeys(items))
    return describe(client, items, batch_size=batch_size)


def find_by_label(client: WikidataClient, name: str) -> list[KBEntity]:
    """Items whose English or Dutch label or alias is exactly `name`, described for the KB."""
    name = " ".join(name.split())
    if not name:
        return []
    query = load_kb_query("by_label") + "\n" + literal_values_clause(
        "name", [(name, lang) for lang in LANGS]
    )
    items = [
        row["item"].value for row in client.select(query)
        if "item" in row and row["item"].value.startswith(WIKIDATA_ENTITY)
    ]
    if not items:
        return []
    return list(describe(client, list(dict.fromkeys(items))).entities)


def online_fallback(client: WikidataClient) -> Fallback:
    """A linker fallback that asks the endpoint by exact label (answers are cached)."""

    def ask(name: str, type: str) -> Iterable[KBEntity]:
        return find_by_label(client, name)

    return ask


def enrich(
    client: WikidataClient, items: Sequence[str], *, batch_size: int = 50
) -> PullResult:
    """Wikidata's own truthy statements of `items` for the relation table's Wikidata properties."""
    import rdflib

    pids = [r.key for r in FACT_RELATIONS if r.is_wikidata]
    props = ["http://www.wikidata.org/prop/direct/" + pid for pid in pids]
    query = load_kb_query("statements")
    graph = rdflib.Graph()
    iris = list(dict.fromkeys(items))
    for start in range(0, len(iris), batch_size):
        batch = iris[start : start + batch_size]
        rows = [[item, prop] for item in batch for prop in props]
        graph.parse(
            data=client.construct(f"{query}\n{values_clause(['item', 'property'], rows)}"),
            format="turtle",
        )
    return PullResult(graph.serialize(format="turtle"), (), len(iris))
