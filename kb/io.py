"""Reading and writing knowledge-base records: Wikidata JSON, Wikidata-format RDF (Turtle).

- `entities_from_wikidata_json`: the `wbgetentities` answer ({"entities": {...}}),
  a single entity object, or dump lines (one entity per line, in a JSON array
  with trailing commas, as in `latest-all.json`).
- `entities_from_turtle` / `entities_from_graph`: Wikidata's RDF shape
  (`rdfs:label` / `skos:altLabel` @en/@nl, `schema:description`, `wdt:P31`,
  `P106`, `P641`, `P27`, `P1532`, `P569`, `P21`, `wikibase:sitelinks`, plus
  `sk:entityType` for our own records).
- `entities_to_turtle`: the same shape, loaded into the store's KB graph.
- `read_kb_file`: any of these files, compressed or not.

This is the KB's own I/O, not the graph's: it reads and writes Wikidata's shape of an
item (labels, aliases, truthy `wdt:` values), which is not the statement model
`graph/rdf.py` writes, and the linker in `extract/` reads KB files through it, so it
cannot go through `graph/` (which `extract/` never reaches).

Everything is parsed completely before anything is returned, so a bad file
never leaves part of a KB behind; errors name the source.

Examples:
    >>> from sportkg.kb.kb import KnowledgeBase
    >>> ttl = entities_to_turtle([KnowledgeBase.bundled().get("Q79031")])
    >>> [e.labels["en"] for e in entities_from_turtle(ttl, source="example")]
    ['Mike Tyson']
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import ENTITY_TYPES, WIKIDATA_ENTITY
from ..ontology.relations import SK
from .kb import LANGS, KBEntity, KnowledgeBase

if TYPE_CHECKING:
    import rdflib

WDT = "http://www.wikidata.org/prop/direct/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SCHEMA_DESCRIPTION = "http://schema.org/description"
SCHEMA_NAME = "http://schema.org/name"
SITELINKS = "http://wikiba.se/ontology#sitelinks"
ENTITY_TYPE = SK + "entityType"

_EVENT_CLASSES = frozenset(
    {"Q5389", "Q82414", "Q18608583", "Q114609228", "Q16510064", "Q13406554"}
)
"""P31 values (from the verified ids) that make an item an event."""


def prior_from_sitelinks(sitelinks: int) -> float:
    """A popularity prior in [0, 1]: log10(1 + sitelinks) / 3, capped (1000 sitelinks -> 1).

    Examples:
        >>> prior_from_sitelinks(0), prior_from_sitelinks(99)
        (0.0, 0.6667)
    """
    return round(min(1.0, math.log10(1 + max(0, sitelinks)) / 3), 4)


def infer_type(qid: str | None, instance_of: Iterable[str], declared: str | None = None) -> str:
    """The coarse type of an item: declared, else human -> person, else the bundled KB's, else
    an event class -> event, else "thing"."""
    if declared in ENTITY_TYPES:
        return str(declared)
    classes = set(instance_of)
    if "Q5" in classes:
        return "person"
    if qid:
        known = KnowledgeBase.bundled().get(qid)
        if known is not None:
            return str(known.type)
    if classes & _EVENT_CLASSES:
        return "event"
    return "thing"


def _make(
    *, qid: str | None, iri: str, labels: dict[str, str], aliases: dict[str, list[str]],
    description: str, claims: Mapping[str, list[str]], birth_date: str | None,
    sitelinks: int, declared: str | None = None,
) -> KBEntity | None:
    """A KBEntity from collected parts; None when it has no English or Dutch label."""
    if not labels and any(aliases.values()):
        lang = next(k for k, v in aliases.items() if v)
        labels = {lang: aliases[lang].pop(0)}
    if not labels:
        return None
    instance_of = tuple(claims.get("P31", ()))
    countries = tuple(dict.fromkeys([*claims.get("P27", ()), *claims.get("P1532", ())]))
    sports = tuple(claims.get("P641", ()))
    occupations = tuple(claims.get("P106", ()))
    genders = claims.get("P21")
    gender = genders[0] if genders else None
    return KBEntity(
        iri=iri,
        qid=qid,
        type=infer_type(qid, instance_of, declared),
        labels=labels,
        aliases={k: tuple(dict.fromkeys(v)) for k, v in aliases.items() if v},
        description=description,
        instance_of=instance_of,
        occupations=occupations,
        sports=sports,
        countries=countries,
        birth_date=birth_date,
        gender=gender,
        related=tuple(dict.fromkeys([*sports, *countries])),
        prior=prior_from_sitelinks(sitelinks),
        sitelinks=sitelinks,
    )


# ---------------------------------------------------------------------- Wikidata JSON


def _wikidata_time(value: Mapping[str, Any]) -> str | None:
    """"+1966-06-30T00:00:00Z" with precision 11/10/9 -> "1966-06-30" / "1966-06" / "1966"."""
    raw = str(value.get("time", ""))
    if len(raw) < 11 or raw[0] not in "+-" or raw[0] == "-":
        return None
    date = raw[1:11]
    precision = int(value.get("precision", 11))
    if precision >= 11:
        return date
    if precision == 10:
        return date[:7]
    if precision == 9:
        return date[:4]
    return None


def _entity_from_json(data: Mapping[str, Any]) -> KBEntity | None:
    qid = data.get("id")
    if not isinstance(qid, str) or not qid.startswith("Q"):
        raise InputError(f"entity without a Q id: {str(data)[:80]}")
    labels = {
        lang: str(v["value"]) for lang, v in (data.get("labels") or {}).items() if lang in LANGS
    }
    aliases = {
        lang: [str(a["value"]) for a in values]
        for lang, values in (data.get("aliases") or {}).items()
        if lang in LANGS
    }
    descriptions = data.get("descriptions") or {}
    description = str((descriptions.get("en") or descriptions.get("nl") or {}).get("value", ""))
    claims: dict[str, list[str]] = {}
    birth: str | None = None
    for pid, statements in (data.get("claims") or {}).items():
        for statement in statements:
            if statement.get("rank") == "deprecated":
                continue
            snak = statement.get("mainsnak") or {}
            value = (snak.get("datavalue") or {}).get("value")
            if isinstance(value, Mapping) and "id" in value:
                claims.setdefault(pid, []).append(str(value["id"]))
            elif pid == "P569" and isinstance(value, Mapping) and birth is None:
                birth = _wikidata_time(value)
    sitelinks = len(data.get("sitelinks") or {})
    return _make(
        qid=qid, iri=WIKIDATA_ENTITY + qid, labels=labels, aliases=aliases,
        description=description, claims=claims, birth_date=birth, sitelinks=sitelinks,
    )


def entities_from_wikidata_json(text: str, *, source: str) -> list[KBEntity]:
    """Parse Wikidata entity JSON (wbgetentities, one entity, or dump lines).

    Raises:
        InputError: naming `source` and the line when the JSON is malformed.
    """
    stripped = text.strip()
    if not stripped:
        raise InputError(f"{source}: empty file, expected Wikidata JSON")
    objects: list[Mapping[str, Any]] = []
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        data = None
        for lineno, line in enumerate(stripped.splitlines(), 1):
            line = line.strip().rstrip(",")
            if line in ("", "[", "]"):
                continue
            try:
                objects.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(
                    f"{source}: line {lineno} is not valid JSON ({exc.msg})"
                ) from exc
    if data is not None:
        if isinstance(data, Mapping) and isinstance(data.get("entities"), Mapping):
            objects = list(data["entities"].values())
        elif isinstance(data, Mapping) and "id" in data:
            objects = [data]
        elif isinstance(data, list):
            objects = data
        else:
            raise InputError(f"{source}: not Wikidata entity JSON (no 'entities' or 'id')")
    out = []
    for obj in objects:
        if not isinstance(obj, Mapping):
            raise InputError(f"{source}: expected entity objects, got {str(obj)[:60]!r}")
        if "missing" in obj:
            continue
        try:
            entity = _entity_from_json(obj)
        except (InputError, TypeError, AttributeError, KeyError, ValueError) as exc:
            raise InputError(f"{source}: malformed entity {obj.get('id')!r}: {exc}") from exc
        if entity is not None:
            out.append(entity)
    return out


# ---------------------------------------------------------------------- RDF


def entities_from_turtle(text: str, *, source: str, format: str = "turtle") -> list[KBEntity]:
    """Parse Wikidata-format Turtle (or N-Triples with `format="nt"`) into records."""
    import rdflib

    graph = rdflib.Graph()
    try:
        graph.parse(data=text, format=format)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not valid {format}: {first}") from exc
    return entities_from_graph(graph)


def entities_from_graph(graph: rdflib.Graph) -> list[KBEntity]:
    """Records for every subject of `graph` that has an English or Dutch label or alias."""
    from rdflib import Literal, URIRef

    parts: dict[str, dict[str, Any]] = {}
    for s, p, o in graph:
        if not isinstance(s, URIRef):
            continue
        rec = parts.setdefault(
            str(s), {"labels": {}, "aliases": {}, "description": "", "claims": {},
                     "birth": None, "sitelinks": 0, "type": None},
        )
        pred = str(p)
        if isinstance(o, Literal):
            lang = o.language
            if pred == RDFS_LABEL and lang in LANGS:
                rec["labels"][lang] = str(o)
            elif pred == SCHEMA_NAME and lang in LANGS:
                rec["labels"].setdefault(lang, str(o))
            elif pred == SKOS_ALT and lang in LANGS:
                rec["aliases"].setdefault(lang, []).append(str(o))
            elif pred == SCHEMA_DESCRIPTION and (lang == "en" or not rec["description"]):
                rec["description"] = str(o)
            elif pred == WDT + "P569":
                rec["birth"] = str(o)[:10] if "T" in str(o) else str(o)
            elif pred == SITELINKS:
                try:
                    rec["sitelinks"] = int(o)
                except (TypeError, ValueError):
                    pass
            elif pred == ENTITY_TYPE:
                rec["type"] = str(o)
        elif isinstance(o, URIRef) and pred.startswith(WDT):
            value = str(o)
            if value.startswith(WIKIDATA_ENTITY):
                rec["claims"].setdefault(pred[len(WDT):], []).append(value[len(WIKIDATA_ENTITY):])
    out = []
    for iri, rec in sorted(parts.items()):
        qid = iri[len(WIKIDATA_ENTITY):] if iri.startswith(WIKIDATA_ENTITY) else None
        for values in rec["claims"].values():
            values.sort()
        for values in rec["aliases"].values():
            values.sort()
        entity = _make(
            qid=qid, iri=iri, labels=rec["labels"], aliases=rec["aliases"],
            description=rec["description"], claims=rec["claims"], birth_date=rec["birth"],
            sitelinks=rec["sitelinks"], declared=rec["type"],
        )
        if entity is not None:
            out.append(entity)
    return out


def entities_to_graph(entities: Iterable[KBEntity]) -> rdflib.Graph:
    """The records as a Wikidata-format rdflib Graph."""
    from rdflib import XSD, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDFS, SKOS

    wd = Namespace(WIKIDATA_ENTITY)
    wdt = Namespace(WDT)
    schema = Namespace("http://schema.org/")
    sk = Namespace(SK)
    wikibase = Namespace("http://wikiba.se/ontology#")
    graph = Graph()
    for prefix, ns in (("wd", wd), ("wdt", wdt), ("schema", schema), ("sk", sk),
                       ("wikibase", wikibase), ("skos", SKOS)):
        graph.bind(prefix, ns)
    for entity in entities:
        s = URIRef(entity.iri)
        for lang, label in entity.labels.items():
            if label:
                graph.add((s, RDFS.label, Literal(label, lang=lang)))
        for lang, values in entity.aliases.items():
            for alias in values:
                graph.add((s, SKOS.altLabel, Literal(alias, lang=lang)))
        if entity.description:
            graph.add((s, schema.description, Literal(entity.description, lang="en")))
        graph.add((s, sk.entityType, Literal(entity.type)))
        if entity.qid:
            graph.add((s, sk.qid, Literal(entity.qid)))
        for pid, values in (("P31", entity.instance_of), ("P106", entity.occupations),
                            ("P641", entity.sports), ("P27", entity.countries),
                            ("P21", (entity.gender,) if entity.gender else ())):
            for qid in values:
                graph.add((s, wdt[pid], wd[qid]))
        if entity.birth_date:
            kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(entity.birth_date))
            graph.add((s, wdt.P569, Literal(entity.birth_date, datatype=kind)))
        if entity.sitelinks:
            graph.add((s, wikibase.sitelinks, Literal(entity.sitelinks)))
    return graph


def entities_to_turtle(entities: Iterable[KBEntity]) -> str:
    """The records as Wikidata-format Turtle."""
    return entities_to_graph(entities).serialize(format="turtle")


# ---------------------------------------------------------------------- files

TURTLE_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".turtle": "turtle"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
STRICT_FORMATS = {"turtle": "TURTLE", "nt": "N_TRIPLES"}
"""Oxigraph's names of the RDF formats checked by its strict parser before rdflib reads them."""


def check_rdf_syntax(path: Path, format: str) -> None:
    """Refuse a Turtle or N-Triples file Oxigraph's parser rejects (such as an IRI with a
    space, which rdflib only warns about, and the store would refuse), naming file and line.

    Raises:
        InputError: `file:line: problem`.
    """
    import pyoxigraph

    name = STRICT_FORMATS[format]
    try:
        for _ in pyoxigraph.parse(path=str(path), format=getattr(pyoxigraph.RdfFormat, name)):
            pass
    except SyntaxError as exc:
        message = str(exc.msg).split(": ", 1)[-1]
        raise InputError(f"{path}:{exc.lineno}: not valid {name.replace('_', '-').title()}: "
                         f"{message}") from exc
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from exc


def read_kb_file(path: str | Path) -> list[KBEntity]:
    """Read KB records from a Wikidata JSON file or a Turtle / N-Triples file.

    Files ending in .gz or .bz2 (as Wikidata's dumps) are decompressed first; an
    uncompressed Turtle or N-Triples file is first checked by Oxigraph's strict parser.

    Raises:
        InputError: the file is missing, has an unknown suffix, or is malformed.
    """
    path = Path(path)
    suffixes = [x.lower() for x in path.suffixes]
    compression = suffixes[-1] if suffixes and suffixes[-1] in (".gz", ".bz2") else None
    suffix = (suffixes[-2] if compression and len(suffixes) > 1 else
              "" if compression else path.suffix.lower())
    if suffix not in TURTLE_SUFFIXES and suffix not in JSON_SUFFIXES:
        known = ", ".join(sorted([*TURTLE_SUFFIXES, *JSON_SUFFIXES]))
        raise InputError(
            f"{path}: unknown KB file type {suffix or '(none)'!r}. Available: {known} "
            "(optionally .gz or .bz2)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if suffix in TURTLE_SUFFIXES and compression is None:
        check_rdf_syntax(path, TURTLE_SUFFIXES[suffix])
    try:
        if compression == ".gz":
            import gzip

            data = gzip.decompress(data)
        elif compression == ".bz2":
            import bz2

            data = bz2.decompress(data)
    except (OSError, EOFError, ValueError) as exc:  # not compressed as its suffix says
        raise InputError(f"{path}: cannot decompress: {exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text") from exc
    if suffix in TURTLE_SUFFIXES:
        entities = entities_from_turtle(text, source=str(path), format=TURTLE_SUFFIXES[suffix])
    elif _is_sportkg_json(text):
        try:
            entities = list(KnowledgeBase.from_records(json.loads(text)["entities"]).entities())
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc
    else:
        entities = entities_from_wikidata_json(text, source=str(path))
    if not entities:
        raise InputError(f"{path}: no entities with an English or Dutch label")
    return entities


def _is_sportkg_json(text: str) -> bool:
    """Whether `text` is our own KB JSON ({"entities": [records]}), not Wikidata's."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return False
    return isinstance(data, Mapping) and isinstance(data.get("entities"), list)
