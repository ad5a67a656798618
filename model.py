"""The records that travel between extract/ and graph/: articles, entities, statements.

Everything here is a frozen dataclass with no dependency on rdflib or spaCy.
`Statement.to_dict()` / `Statement.from_dict()` define the JSON-lines form (docs/cli-extract.md,
"The statement line"), the one exchange format between `sportkg extract` and `sportkg load`.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

ENTITY_TYPES = (
    "person",
    "team",
    "event",
    "place",
    "country",
    "award",
    "record",
    "occupation",
    "sport",
    "organization",
    "class",
    "concept",
    "thing",
)
"""The coarse entity types a mention can have (the `type` of an Entity)."""

DATATYPES = ("date", "integer", "decimal", "duration", "string", "quantity")
"""Datatypes a literal value can have; `duration` is seconds, `quantity` a number with a unit."""

PRECISIONS = ("day", "month", "year")
"""Date precisions, as in Wikidata (11, 10 and 9)."""

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"


@dataclass(frozen=True)
class Article:
    """One news article: its text and what we know about where it came from.

    Attributes:
        id: the human name of the article (file stem or the `id` of a JSON-lines record).
        text: the article body (for reference-format files, without the date line).
        lang: ISO 639-1 language code, e.g. "nl" or "en".
        date: publication date "YYYY-MM-DD", or None when unknown.
        source: where it was read from (a path or "-" for stdin).
        url: the article's URL when known.
        title: the headline when known.
    """

    id: str
    text: str
    lang: str
    date: str | None = None
    source: str = ""
    url: str | None = None
    title: str | None = None

    @property
    def hash(self) -> str:
        """Content hash (hex SHA-256 of text, language and date): names the article's graph."""
        h = hashlib.sha256()
        for part in (self.text, self.lang, self.date or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True)
class Entity:
    """A person, team, event, place or concept, linked to Wikidata when `qid` is set.

    Examples:
        >>> Entity.from_qid("Q55", "Netherlands", "country").iri
        'http://www.wikidata.org/entity/Q55'
    """

    iri: str
    label: str
    qid: str | None = None
    type: str = "thing"

    def __post_init__(self) -> None:
        if not self.iri:
            raise InputError(f"Entity {self.label!r} has an empty IRI")
        if self.type not in ENTITY_TYPES:
            raise InputError(
                f"Unknown entity type {self.type!r} for {self.label!r}. "
                f"Available: {', '.join(ENTITY_TYPES)}"
            )

    @classmethod
    def from_qid(cls, qid: str, label: str, type: str = "thing") -> Entity:
        """An entity linked to Wikidata item `qid`."""
        return cls(iri=WIKIDATA_ENTITY + qid, label=label, qid=qid, type=type)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: {"iri", "label", "qid", "type"}."""
        return {"iri": self.iri, "label": self.label, "qid": self.qid, "type": self.type}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        """Parse the JSON form; raises InputError when a key is missing or mistyped."""
        try:
            iri, label = data["iri"], data["label"]
        except (KeyError, TypeError) as exc:
            raise InputError(f"entity needs 'iri' and 'label', got {data!r}") from exc
        qid = data.get("qid")
        etype = data.get("type", "thing")
        if not isinstance(iri, str) or not isinstance(label, str):
            raise InputError(f"entity 'iri' and 'label' must be strings, got {data!r}")
        if qid is not None and not isinstance(qid, str):
            raise InputError(f"entity 'qid' must be a string or null, got {qid!r}")
        return cls(iri=iri, label=label, qid=qid, type=str(etype))


def _check_calendar(value: str) -> None:
    """Raise InputError unless `value` is a calendar year, month or day (YYYY[-MM[-DD]]).

    Examples:
        >>> _check_calendar("2026-02-28")
        >>> _check_calendar("2026-02-30")
        Traceback (most recent call last):
        ...
        sportkg.errors.InputError: date '2026-02-30' is not a calendar date (...)
    """
    import datetime as dt

    parts = value.split("-")
    ok = all(part.isascii() and part.isdigit() for part in parts) and len(parts[0]) == 4
    if ok:
        try:
            dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            ok = False
    if not ok:
        raise InputError(
            f"date {value!r} is not a calendar date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )


@dataclass(frozen=True)
class LiteralValue:
    """A typed literal: a date with precision, a number, a duration in seconds, or a string.

    Examples:
        >>> LiteralValue("2026-02-09", "date", "day").to_dict()
        {'literal': '2026-02-09', 'datatype': 'date', 'precision': 'day'}
    """

    value: str | int | float
    datatype: str = "string"
    precision: str | None = None
    unit: str | None = None

    def __post_init__(self) -> None:
        if self.datatype not in DATATYPES:
            raise InputError(
                f"Unknown literal datatype {self.datatype!r}. Available: {', '.join(DATATYPES)}"
            )
        if self.datatype == "date":
            if self.precision not in PRECISIONS:
                raise InputError(
                    f"date {self.value!r} needs a precision, one of {', '.join(PRECISIONS)}"
                )
            expected = {"year": 4, "month": 7, "day": 10}[self.precision]
            if not isinstance(self.value, str) or len(self.value) != expected:
                raise InputError(
                    f"date {self.value!r} does not have {self.precision} precision "
                    "(YYYY, YYYY-MM or YYYY-MM-DD)"
                )
            _check_calendar(self.value)
        elif self.precision is not None:
            raise InputError(f"only dates have a precision, not {self.datatype} {self.value!r}")
        if self.datatype == "integer" and (
            isinstance(self.value, bool) or not isinstance(self.value, int)
        ):
            raise InputError(f"integer literal {self.value!r} is not an integer")
        if self.datatype in ("decimal", "duration", "quantity"):
            if isinstance(self.value, bool) or not isinstance(self.value, int | float):
                raise InputError(f"{self.datatype} literal {self.value!r} is not a number")
            if not math.isfinite(float(self.value)):
                raise InputError(f"{self.datatype} literal {self.value!r} is not finite")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of a literal: {"literal", "datatype"[, "precision"][, "unit"]}."""
        out: dict[str, Any] = {"literal": self.value, "datatype": self.datatype}
        if self.precision is not None:
            out["precision"] = self.precision
        if self.unit is not None:
            out["unit"] = self.unit
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LiteralValue:
        """Parse the JSON form; raises InputError on a malformed literal."""
        if "literal" not in data:
            raise InputError(f"literal needs a 'literal' key, got {data!r}")
        value = data["literal"]
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise InputError(f"literal value must be a string or number, got {value!r}")
        return cls(
            value=value,
            datatype=str(data.get("datatype", "string")),
            precision=data.get("precision"),
            unit=data.get("unit"),
        )


Value = Entity | LiteralValue
"""The value of a statement or qualifier."""


def value_from_dict(data: Any) -> Value:
    """Parse an entity or literal from its JSON form."""
    if not isinstance(data, Mapping):
        raise InputError(f"value must be a JSON object, got {data!r}")
    if "literal" in data:
        return LiteralValue.from_dict(data)
    return Entity.from_dict(data)


@dataclass(frozen=True)
class LinkNote:
    """Why a mention was linked to an entity: the score and the candidates considered."""

    mention: str
    iri: str
    score: float
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "mention": self.mention,
            "iri": self.iri,
            "score": self.score,
            "candidates": list(self.candidates),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LinkNote:
        """Parse the JSON form."""
        try:
            return cls(
                mention=str(data["mention"]),
                iri=str(data["iri"]),
                score=float(data["score"]),
                candidates=tuple(str(c) for c in data.get("candidates", ())),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed link note {data!r}") from exc


@dataclass(frozen=True)
class Evidence:
    """Where a statement came from: the article, the sentence, the offsets, the extractor.

    `start`/`end` are character offsets of the sentence in the article text.
    """

    source: str
    sentence: str
    start: int
    end: int
    extractor: str
    published: str | None = None
    url: str | None = None
    links: tuple[LinkNote, ...] = ()

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise InputError(f"evidence offsets {self.start}..{self.end} are not a valid span")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the evidence: source, published, sentence, offsets, extractor, links."""
        out: dict[str, Any] = {
            "source": self.source,
            "published": self.published,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "extractor": self.extractor,
        }
        if self.url is not None:
            out["url"] = self.url
        if self.links:
            out["links"] = [link.to_dict() for link in self.links]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        """Parse the JSON form; raises InputError when a key is missing or mistyped."""
        if not isinstance(data, Mapping):
            raise InputError(f"evidence must be a JSON object, got {data!r}")
        try:
            return cls(
                source=str(data["source"]),
                sentence=str(data["sentence"]),
                start=int(data["start"]),
                end=int(data["end"]),
                extractor=str(data["extractor"]),
                published=data.get("published"),
                url=data.get("url"),
                links=tuple(LinkNote.from_dict(x) for x in data.get("links", ())),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed evidence {data!r}: {exc}") from exc


@dataclass(frozen=True)
class Statement:
    """One fact with its qualifiers, evidence and confidence.

    `doc_id` is the article's `Article.id` and `article_hash` its `Article.hash` ("" when
    unknown); their JSON-lines keys are "doc" and "article".
    `property` is a Wikidata PID ("P166") or an ontology term ("sk:engagedTo");
    `qualifiers` is kept as a sorted tuple of (pid, value) pairs so statements
    are hashable and compare equal regardless of insertion order; the constructor
    takes a dict too.
    """

    doc_id: str
    article_hash: str
    subject: Entity
    property: str
    value: Value
    evidence: Evidence
    confidence: float = 1.0
    qualifiers: tuple[tuple[str, Value], ...] = field(default=())

    def __post_init__(self) -> None:
        quals: Any = self.qualifiers
        if isinstance(quals, Mapping):
            quals = tuple(quals.items())
        object.__setattr__(self, "qualifiers", tuple(sorted(quals, key=lambda kv: kv[0])))
        if not (0.0 <= self.confidence <= 1.0):
            raise InputError(f"confidence {self.confidence!r} is outside [0, 1]")
        if not self.property:
            raise InputError("statement has an empty property")

    def entities(self) -> tuple[Entity, ...]:
        """The entities the statement names: subject, value and qualifier values."""
        values = (self.subject, self.value, *(v for _, v in self.qualifiers))
        return tuple(v for v in values if isinstance(v, Entity))

    def qualifier(self, pid: str) -> Value | None:
        """The value of qualifier `pid`, or None."""
        for key, value in self.qualifiers:
            if key == pid:
                return value
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-lines form (docs/cli-extract.md, "The statement line")."""
        return {
            "doc": self.doc_id,
            "article": self.article_hash,
            "subject": self.subject.to_dict(),
            "property": self.property,
            "value": self.value.to_dict(),
            "qualifiers": {k: v.to_dict() for k, v in self.qualifiers},
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Statement:
        """Parse the JSON-lines form; raises InputError naming the missing or bad part."""
        if not isinstance(data, Mapping):
            raise InputError(f"statement must be a JSON object, got {type(data).__name__}")
        for key in ("doc", "subject", "property", "value", "evidence"):
            if key not in data:
                raise InputError(f"statement is missing {key!r}")
        quals = data.get("qualifiers") or {}
        if not isinstance(quals, Mapping):
            raise InputError(f"'qualifiers' must be a JSON object, got {quals!r}")
        confidence = data.get("confidence", 1.0)
        if isinstance(confidence, bool) or not isinstance(confidence, int | float):
            raise InputError(f"'confidence' must be a number, got {confidence!r}")
        if not isinstance(data["property"], str):
            raise InputError(f"'property' must be a string, got {data['property']!r}")
        return cls(
            doc_id=str(data["doc"]),
            article_hash=str(data.get("article", "")),
            subject=Entity.from_dict(data["subject"]),
            property=data["property"],
            value=value_from_dict(data["value"]),
            qualifiers=tuple((str(k), value_from_dict(v)) for k, v in quals.items()),
            evidence=Evidence.from_dict(data["evidence"]),
            confidence=float(confidence),
        )
