"""The knowledge base: entity records in Wikidata's shape and a fast candidate index.

A `KnowledgeBase` holds `KBEntity` records (QID or minted IRI, English and
Dutch labels and aliases, description, types, sport, country, birth date,
gender, prior) and answers `lookup(name)` with ranked `Candidate`s. The index
keys are normalised names (`normalize_name`: lower-case, accents folded,
punctuation dropped); people are also indexed by surname and by initials plus
surname ("J. Leerdam"), and every name token goes into a token index used when
no whole-name key matches. The bundled KB (`KnowledgeBase.bundled()`) ships
with the package in `kb/data/kb_bundled.json`.

Examples:
    >>> kb = KnowledgeBase.bundled()
    >>> kb.lookup("Nederland")[0].entity.qid
    'Q55'
    >>> kb.lookup("olympisch goud", type="award")[0].entity.labels["en"]
    'Olympic gold medal'
    >>> kb.lookup("Tyson")[0].match
    'surname'
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..iris import fold
from ..model import ENTITY_TYPES, WIKIDATA_ENTITY, Entity

BUNDLED_PATH = Path(__file__).resolve().parent / "data" / "kb_bundled.json"
"""The knowledge base shipped with the package."""

LANGS = ("en", "nl")
"""Languages of labels and aliases."""

MATCH_SCORES: Mapping[str, float] = {
    "label": 1.0,
    "alias": 0.95,
    "initials": 0.8,
    "surname": 0.7,
    "tokens": 0.6,
}
"""Name-match quality of each kind of match (the best case of `tokens`)."""

_MATCH_CODES = ("label", "alias", "initials", "surname")
_CODE = {name: i for i, name in enumerate(_MATCH_CODES)}

COMPATIBLE_TYPES: Mapping[str, frozenset[str]] = {
    "person": frozenset({"person"}),
    "team": frozenset({"team", "organization"}),
    "organization": frozenset({"organization", "team"}),
    "event": frozenset({"event"}),
    "place": frozenset({"place", "country"}),
    "country": frozenset({"country", "place"}),
    "award": frozenset({"award"}),
    "record": frozenset({"record"}),
    "occupation": frozenset({"occupation"}),
    "sport": frozenset({"sport"}),
    "class": frozenset({"class", "event"}),
    "concept": frozenset({"concept"}),
    "thing": frozenset(ENTITY_TYPES),
}
"""Mention type -> entity types a mention of that type may link to."""

_DETERMINERS = frozenset({"de", "het", "een", "the", "a", "an"})
"""Leading words dropped from a name that matches no key as written."""

_APOSTROPHES = re.compile(r"['\u2019\u02bc`]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def normalize_name(text: str) -> str:
    """The index key of a name: folded (lower-case, no accents), apostrophes removed,
    other punctuation turned into spaces, whitespace collapsed.

    Examples:
        >>> normalize_name("  Milano-Cortina 2026 ")
        'milano cortina 2026'
        >>> normalize_name("Ireen Wüst")
        'ireen wust'
        >>> normalize_name("J. O'Neill")
        'j oneill'
    """
    folded = text.lower() if text.isascii() else fold(text)  # fold() of ASCII is lower()
    return " ".join(_NON_WORD.sub(" ", _APOSTROPHES.sub("", folded)).split())


def types_compatible(mention_type: str | None, entity_type: str) -> bool:
    """Whether a mention of `mention_type` may refer to an entity of `entity_type`."""
    if mention_type is None:
        return True
    return entity_type in COMPATIBLE_TYPES.get(mention_type, frozenset({mention_type}))


@dataclass(frozen=True, slots=True)
class KBEntity:
    """One entity of the knowledge base, shaped like a Wikidata item.

    Attributes:
        iri: the entity IRI (`wd:Q…` for Wikidata items, a minted IRI otherwise).
        type: coarse type, one of `model.ENTITY_TYPES`.
        labels: language -> label ("en", "nl").
        aliases: language -> alternative names.
        qid: the Wikidata QID, or None for entities Wikidata does not have (verified).
        description: a one-line English description.
        instance_of: P31 values (QIDs).
        occupations: P106 values (QIDs).
        sports: P641 values (QIDs).
        countries: P27 / P1532 values (QIDs).
        birth_date: P569 as "YYYY[-MM[-DD]]".
        gender: P21 value (QID).
        related: QIDs whose mention in the same article makes this entity more likely
            (e.g. the Olympic Games for an Olympic medal, the club of a player).
        prior: popularity in [0, 1] (from sitelinks when pulled from Wikidata).
        sitelinks: number of Wikipedia sitelinks, when known.
        verified: how the QID was checked ("A": two or more agreeing sources, "B": one
            explicit source; "" when pulled from Wikidata itself).
    """

    iri: str
    type: str
    labels: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    qid: str | None = None
    description: str = ""
    instance_of: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()
    sports: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    birth_date: str | None = None
    gender: str | None = None
    related: tuple[str, ...] = ()
    prior: float = 0.0
    sitelinks: int = 0
    verified: str = ""

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise InputError(
                f"KB entity {self.iri!r} has unknown type {self.type!r}. "
                f"Available: {', '.join(ENTITY_TYPES)}"
            )
        if not any(self.labels.values()):
            raise InputError(f"KB entity {self.iri!r} has no label")
        if not 0.0 <= self.prior <= 1.0:
            raise InputError(f"KB entity {self.iri!r} has prior {self.prior!r} outside [0, 1]")

    def __hash__(self) -> int:
        return hash(self.iri)

    @property
    def label(self) -> str:
        """The English label, else the Dutch one (labels in the graph are English)."""
        return self.labels.get("en") or next(v for v in self.labels.values() if v)

    @property
    def sport(self) -> str | None:
        """The first P641 sport QID, or None."""
        return self.sports[0] if self.sports else None

    @property
    def country(self) -> str | None:
        """The first P27 country QID, or None."""
        return self.countries[0] if self.countries else None

    def names(self) -> set[str]:
        """Every label and alias in both languages (as written, not normalised)."""
        out = {v for v in self.labels.values() if v}
        for values in self.aliases.values():
            out.update(v for v in values if v)
        return out

    def to_entity(self) -> Entity:
        """The `model.Entity` a mention linked to this record becomes."""
        return Entity(iri=self.iri, label=self.label, qid=self.qid, type=self.type)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used by `kb_bundled.json` (empty fields left out)."""
        out: dict[str, Any] = {"iri": self.iri} if self.qid is None else {"qid": self.qid}
        out["type"] = self.type
        out["labels"] = dict(self.labels)
        if any(self.aliases.values()):
            out["aliases"] = {k: list(v) for k, v in self.aliases.items() if v}
        for key in ("description", "birth_date", "gender"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("instance_of", "occupations", "sports", "countries", "related"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.prior:
            out["prior"] = self.prior
        if self.sitelinks:
            out["sitelinks"] = self.sitelinks
        if self.verified:
            out["verified"] = self.verified
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> KBEntity:
        """Parse the JSON form; raises InputError naming the bad record."""
        if not isinstance(data, Mapping):
            raise InputError(f"KB record must be a JSON object, got {data!r}")
        try:
            qid = data.get("qid")
            iri = data.get("iri") or (WIKIDATA_ENTITY + qid if qid else None)
            if not iri:
                raise InputError(f"KB record needs 'qid' or 'iri': {data!r}")
            labels = {str(k): str(v) for k, v in dict(data.get("labels") or {}).items()}
            aliases = {
                str(k): tuple(str(a) for a in v)
                for k, v in dict(data.get("aliases") or {}).items()
            }
            return cls(
                iri=str(iri),
                type=str(data.get("type", "thing")),
                labels=labels,
                aliases=aliases,
                qid=str(qid) if qid else None,
                description=str(data.get("description", "")),
                instance_of=tuple(data.get("instance_of", ())),
                occupations=tuple(data.get("occupations", ())),
                sports=tuple(data.get("sports", ())),
                countries=tuple(data.get("countries", ())),
                birth_date=data.get("birth_date"),
                gender=data.get("gender"),
                related=tuple(data.get("related", ())),
                prior=float(data.get("prior", 0.0)),
                sitelinks=int(data.get("sitelinks", 0)),
                verified=str(data.get("verified", "")),
            )
        except (TypeError, ValueError) as exc:
            raise InputError(f"malformed KB record {data!r}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class KBProperty:
    """A Wikidata property the project uses, with its labels (for tables, profiles, docs).

    Attributes:
        pid: the property id ("P166").
        labels: language -> label ("en", "nl").
        datatype: Wikidata's value type ("item", "time", "quantity", "external-id", ...).
        verified: how the id was checked ("A" or "B", as for `KBEntity.verified`).
    """

    pid: str
    labels: Mapping[str, str]
    datatype: str = ""
    verified: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used under "properties" in `kb_bundled.json`."""
        out: dict[str, Any] = {"pid": self.pid, "labels": dict(self.labels)}
        if self.datatype:
            out["datatype"] = self.datatype
        if self.verified:
            out["verified"] = self.verified
        return out

    @classmethod
    def from_dict(cls, data: Any) -> KBProperty:
        """Parse the JSON form; raises InputError naming the bad record."""
        if not isinstance(data, Mapping) or not re.fullmatch(r"P\d+", str(data.get("pid"))):
            raise InputError(f"KB property record needs a 'pid' like 'P166': {data!r}")
        labels = data.get("labels")
        if not isinstance(labels, Mapping) or not any(labels.values()):
            raise InputError(f"KB property {data['pid']} has no label")
        return cls(
            pid=str(data["pid"]),
            labels={str(k): str(v) for k, v in labels.items()},
            datatype=str(data.get("datatype", "")),
            verified=str(data.get("verified", "")),
        )


@dataclass(frozen=True)
class Candidate:
    """A KB entity a name may refer to, with the name-match quality and kind.

    `match` is "label", "alias", "initials", "surname" or "tokens".
    """

    entity: KBEntity
    score: float
    match: str


Fallback = Callable[[str, str], Iterable[KBEntity]]
"""Asked with (name, type) for more KB records when the KB has no candidate (e.g. a
Wikidata label search: `kb.pull.online_fallback`)."""


def _person_keys(key: str) -> Iterator[tuple[str, str]]:
    """Surname and initials keys of a normalised person name ("femke van der pol")."""
    tokens = key.split()
    if len(tokens) < 2:
        return
    initial = tokens[0][0]
    for i in range(1, len(tokens)):
        surname = " ".join(tokens[i:])
        yield surname, "surname"
        yield f"{initial} {surname}", "initials"


class KnowledgeBase:
    """A set of KBEntity records with a lookup index over their names.

    The index maps a normalised name to entity positions with the kind of
    match, and each name token to the positions of entities that have it; the
    positions are small ints shared between postings, so memory grows with the
    number of names, not with lookups.
    """

    def __init__(
        self, entities: Iterable[KBEntity] = (), *, properties: Iterable[KBProperty] = ()
    ) -> None:
        """Build the index; a later record with an IRI already present replaces the earlier one."""
        self.properties: dict[str, KBProperty] = {p.pid: p for p in properties}
        """Property id -> its record (the properties the project uses, with labels)."""
        self._entities: list[KBEntity] = []
        self._by_iri: dict[str, int] = {}
        self._names: dict[str, array[int]] = {}
        self._tokens: dict[str, set[int]] = {}
        self._stale: set[int] = set()
        self._unsorted: set[str] = set()
        self._shared = False
        self._name_tokens: dict[int, tuple[tuple[str, ...], ...]] = {}
        """Token sets of each entity's labels and aliases (for the token-overlap score)."""
        for entity in entities:
            self.add(entity)
        self._sort_postings()

    # ------------------------------------------------------------------ building
    def add(self, entity: KBEntity) -> None:
        """Add (or replace, by IRI) one record and index its names.

        Raises:
            ConfigError: on the shared bundled KB (extend a copy: `merge` or
                `KnowledgeBase(kb.entities())`).
        """
        if self._shared:
            raise ConfigError(
                "the bundled knowledge base is shared and read-only; "
                "add to a copy (KnowledgeBase.bundled().merge(...))"
            )
        old = self._by_iri.get(entity.iri)
        if old is not None:
            self._stale.add(old)
        pos = len(self._entities)
        self._entities.append(entity)
        self._by_iri[entity.iri] = pos
        if entity.qid and entity.qid != entity.iri:
            self._by_iri.setdefault(WIKIDATA_ENTITY + entity.qid, pos)
        labels = {normalize_name(v) for v in entity.labels.values() if v}
        aliases = {normalize_name(a) for vs in entity.aliases.values() for a in vs} - labels
        seen: dict[str, int] = {}
        for key in labels:
            seen[key] = _CODE["label"]
        for key in aliases:
            seen.setdefault(key, _CODE["alias"])
        if entity.type == "person":
            for full in labels:
                for key, kind in _person_keys(full):
                    if key not in seen or seen[key] > _CODE[kind]:
                        seen[key] = _CODE[kind]
        self._name_tokens[pos] = tuple(
            tuple(sys.intern(t) for t in k.split()) for k in labels | aliases if k
        )
        tokens: set[str] = set()
        for key, code in seen.items():
            if not key:
                continue
            self._names.setdefault(key, array("l")).append(pos * 4 + code)
            self._unsorted.add(key)
            if code <= _CODE["alias"]:
                tokens.update(key.split())
        for token in tokens:
            self._tokens.setdefault(token, set()).add(pos)

    def _sort_postings(self) -> None:
        """Order each name's postings by match kind, then prior (highest first), then IRI."""
        entities = self._entities
        for key in self._unsorted:
            postings = self._names[key]
            if len(postings) > 1:
                self._names[key] = array("l", sorted(
                    postings,
                    key=lambda c: (c & 3, -entities[c >> 2].prior, entities[c >> 2].iri),
                ))
        self._unsorted.clear()

    def merge(self, other: KnowledgeBase) -> KnowledgeBase:
        """A new KB with the records of both; `other` wins where IRIs (or property ids) collide."""
        return KnowledgeBase(
            [*self.entities(), *other.entities()],
            properties=[*self.properties.values(), *other.properties.values()],
        )

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self._entities) - len(self._stale)

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and iri in self._by_iri

    def entities(self) -> Iterator[KBEntity]:
        """Every record, in insertion order."""
        for pos, entity in enumerate(self._entities):
            if pos not in self._stale:
                yield entity

    def get(self, iri_or_qid: str) -> KBEntity | None:
        """The record with this IRI or QID, or None."""
        key = iri_or_qid if "/" in iri_or_qid else WIKIDATA_ENTITY + iri_or_qid
        pos = self._by_iri.get(key)
        return None if pos is None else self._entities[pos]

    def exact(self, key: str) -> list[KBEntity]:
        """Entities with a label or alias whose normalised form is `key` (already normalised)."""
        return [
            self._entities[code // 4]
            for code in self._names.get(key, ())
            if code % 4 <= _CODE["alias"] and code // 4 not in self._stale
        ]

    def lookup(
        self, name: str, *, type: str | None = None, limit: int = 10
    ) -> list[Candidate]:
        """Candidates for `name`, best first (name-match score, then prior).

        Whole-name keys are tried first (label, alias, initials + surname,
        surname); only when none matches does the token index propose entities
        sharing the name's rarest tokens, scored by token overlap.

        Args:
            name: the mention text, as written.
            type: the mention's coarse type; only compatible entities are returned.
            limit: at most this many candidates.
        """
        key = normalize_name(name)
        if not key:
            return []
        allowed = None if type is None else COMPATIBLE_TYPES.get(type, frozenset({type}))
        if self._unsorted:
            self._sort_postings()
        entities, stale = self._entities, self._stale
        out: list[Candidate] = []
        seen: set[int] = set()
        for code in self._names.get(key, ()):  # sorted: best kind first, then prior
            pos = code >> 2
            if pos in seen or (stale and pos in stale):
                continue
            seen.add(pos)
            entity = entities[pos]
            if allowed is not None and entity.type not in allowed:
                continue
            match = _MATCH_CODES[code & 3]
            out.append(Candidate(entity, MATCH_SCORES[match], match))
            if len(out) == limit:
                break
        if out or seen:
            return out
        head, _, rest = key.partition(" ")
        if rest and head in _DETERMINERS:  # "de Verenigde Staten", "the United States"
            return self.lookup(rest, type=type, limit=limit)
        found = self._token_candidates(key, allowed)
        out = [Candidate(entities[pos], score, "tokens") for pos, score in found.items()]
        out.sort(key=lambda c: (-c.score, -c.entity.prior, c.entity.iri))
        return out[:limit]

    def _token_candidates(
        self, key: str, allowed: frozenset[str] | None, *, max_candidates: int = 50,
        max_common: int = 1000,
    ) -> dict[int, float]:
        """Entities sharing enough of the name's tokens, scored by token overlap (Jaccard).

        A name of several tokens needs two shared tokens, one of them held by at
        most `max_common` entities; set intersections keep this cheap even when
        the other token (like "van") is very common.
        """
        tokens = set(key.split())
        sets = sorted((self._tokens[t] for t in tokens if t in self._tokens), key=len)[:3]
        if not sets or (len(tokens) > 1 and len(sets) < 2):
            return {}
        if len(tokens) == 1:
            chosen = list(itertools.islice(sets[0], max_candidates))
        else:  # in at least two of the (up to three) rarest tokens' postings
            pool: set[int] = set()
            for i, smaller in enumerate(sets):
                if len(smaller) > max_common:  # two common tokens are weak evidence
                    break
                for larger in sets[i + 1 :]:
                    pool |= smaller & larger
            chosen = list(itertools.islice(pool, max_candidates))
        found: dict[int, float] = {}
        for pos in chosen:
            entity = self._entities[pos]
            if pos in self._stale or (allowed is not None and entity.type not in allowed):
                continue
            overlap = 0.0
            for names in self._name_tokens[pos]:
                theirs = set(names)
                overlap = max(overlap, len(tokens & theirs) / len(tokens | theirs))
            if overlap >= 0.34:
                found[pos] = round(MATCH_SCORES["tokens"] * overlap, 4)
        return found

    # ------------------------------------------------------------------ files
    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> KnowledgeBase:
        """Build from JSON-form records (see `KBEntity.from_dict`)."""
        return cls(KBEntity.from_dict(r) for r in records)

    @classmethod
    def from_json(cls, path: str | Path) -> KnowledgeBase:
        """Read a KB JSON file: {"entities": [record, ...]} or a bare list of records."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"cannot read knowledge base {path}: {exc.strerror}") from exc
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON: {exc.msg} (line {exc.lineno})") from exc
        records = data.get("entities") if isinstance(data, Mapping) else data
        if not isinstance(records, list):
            raise InputError(f"{path}: expected a list of KB records under 'entities'")
        props = data.get("properties", []) if isinstance(data, Mapping) else []
        if not isinstance(props, list):
            raise InputError(f"{path}: expected a list of property records under 'properties'")
        try:
            properties = [KBProperty.from_dict(p) for p in props]
            return cls(
                (KBEntity.from_dict(r) for r in records), properties=properties
            )
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc

    def to_json(self) -> str:
        """The JSON form read by `from_json`."""
        body: dict[str, Any] = {"entities": [e.to_dict() for e in self.entities()]}
        if self.properties:
            body["properties"] = [p.to_dict() for p in self.properties.values()]
        return json.dumps(body, ensure_ascii=False, indent=1)

    @classmethod
    def bundled(cls) -> KnowledgeBase:
        """The KB shipped with the package (medals, sports, occupations, places, Games)."""
        return _bundled()


@lru_cache(maxsize=1)
def _bundled() -> KnowledgeBase:
    kb = KnowledgeBase.from_json(BUNDLED_PATH)
    kb._shared = True
    return kb
