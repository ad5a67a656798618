"""Every RDF term the writer emits is built here: IRIs, strings and typed literals.

Terms are produced in N-Triples syntax (which is also valid Turtle, TriG and
SPARQL `INSERT DATA` syntax) because the stores load that text with their own
fast parsers; `to_rdflib` gives the same literal as an rdflib term for query
bindings and tests. Dates keep their precision through the XSD type
(`xsd:date`, `xsd:gYearMonth`, `xsd:gYear`), durations are `xsd:duration`,
numbers `xsd:integer` / `xsd:decimal`.

Examples:
    >>> literal_nt(LiteralValue("2026-02", "date", "month"))
    '"2026-02"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    >>> literal_nt(LiteralValue(74.52, "duration"))
    '"PT1M14.52S"^^<http://www.w3.org/2001/XMLSchema#duration>'
    >>> from_lexical("PT1M14.52S", XSD_NS + "duration")
    LiteralValue(value=74.52, datatype='duration', precision=None, unit=None)
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import LiteralValue

if TYPE_CHECKING:
    from rdflib import Literal

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD_NS + "string"
XSD_INTEGER = XSD_NS + "integer"
XSD_DECIMAL = XSD_NS + "decimal"
XSD_DATE = XSD_NS + "date"
XSD_DURATION = XSD_NS + "duration"
XSD_DATETIME = XSD_NS + "dateTime"

DATE_TYPES = {"day": XSD_DATE, "month": XSD_NS + "gYearMonth", "year": XSD_NS + "gYear"}
"""Date precision to its XSD datatype."""
PRECISION_OF = {v: k for k, v in DATE_TYPES.items()}

_INTEGER_TYPES = {XSD_INTEGER, XSD_NS + "int", XSD_NS + "long", XSD_NS + "nonNegativeInteger"}
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_DURATION = re.compile(
    r"^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


@lru_cache(maxsize=65536)
def iri_nt(iri: str) -> str:
    """`<iri>`; raises InputError when `iri` is not an absolute IRI N-Triples can carry.

    Examples:
        >>> iri_nt("http://www.wikidata.org/entity/Q55")
        '<http://www.wikidata.org/entity/Q55>'
    """
    if ":" not in iri or _BAD_IRI.search(iri):
        raise InputError(f"{iri!r} is not a valid absolute IRI")
    return f"<{iri}>"


def string_nt(text: str, lang: str | None = None) -> str:
    """A plain or language-tagged string literal with N-Triples escapes."""
    body = '"' + text.translate(_ESCAPES) + '"'
    return f"{body}@{lang}" if lang else body


def typed_nt(lexical: str, datatype: str) -> str:
    """A typed literal `"lexical"^^<datatype>`."""
    return '"' + lexical.translate(_ESCAPES) + '"^^<' + datatype + ">"


def _decimal_lexical(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"


def _duration_lexical(seconds: int | float) -> str:
    amount = Decimal(repr(seconds)) if isinstance(seconds, float) else Decimal(seconds)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    hours, rest = divmod(amount, 3600)
    minutes, secs = divmod(rest, 60)
    out = f"{sign}PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    if secs or out.endswith("T"):
        text = format(secs.normalize(), "f")
        out += f"{text}S"
    return out


def lexical_and_type(value: LiteralValue) -> tuple[str, str]:
    """The lexical form and XSD datatype IRI of a literal value."""
    kind = value.datatype
    if kind == "date":
        return str(value.value), DATE_TYPES[value.precision or "day"]
    if kind == "integer":
        return str(value.value), XSD_INTEGER
    if kind in ("decimal", "quantity"):
        return _decimal_lexical(value.value), XSD_DECIMAL  # type: ignore[arg-type]
    if kind == "duration":
        return _duration_lexical(value.value), XSD_DURATION  # type: ignore[arg-type]
    return str(value.value), XSD_STRING


def literal_nt(value: LiteralValue) -> str:
    """The N-Triples form of a literal value (strings are written without a datatype)."""
    lexical, datatype = lexical_and_type(value)
    if datatype == XSD_STRING:
        return string_nt(lexical)
    return typed_nt(lexical, datatype)


def to_rdflib(value: LiteralValue) -> Literal:
    """The same literal as an rdflib term."""
    from rdflib import Literal, URIRef

    lexical, datatype = lexical_and_type(value)
    if datatype == XSD_STRING:
        return Literal(lexical)
    return Literal(lexical, datatype=URIRef(datatype))


def date_time_lexical(value: LiteralValue) -> str:
    """A date as Wikidata writes it: `2026-02-01T00:00:00Z`, month and day 01 below day precision.

    Raises:
        InputError: the value is not a date of its precision.

    Examples:
        >>> date_time_lexical(LiteralValue("2026-02", "date", "month"))
        '2026-02-01T00:00:00Z'
    """
    text = str(value.value)
    precision = value.precision or "day"
    parts = text.split("-")
    wanted = {"year": 1, "month": 2, "day": 3}[precision]
    if len(parts) != wanted or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise InputError(f"{text!r} is not a date of {precision} precision")
    year, month, day = (parts + ["01", "01"])[:3]
    return f"{year}-{month}-{day}T00:00:00Z"


def from_date_time(lexical: str, precision: str) -> LiteralValue:
    """Read `2026-02-01T00:00:00Z` of a precision back into a date ("2026-02" for month).

    Raises:
        InputError: the text is not an `xsd:dateTime`.
    """
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})T", lexical)
    if not match:
        raise InputError(f"literal {lexical!r} is not a valid xsd:dateTime")
    year, month, day = match.groups()
    text = {"year": year, "month": f"{year}-{month}"}.get(precision, f"{year}-{month}-{day}")
    return LiteralValue(text, "date", precision)


def _number(lexical: str) -> int | float:
    return float(lexical) if any(c in lexical for c in ".eE") else int(lexical)


def from_lexical(lexical: str, datatype: str | None, *, unit: str | None = None,
                 quantity: bool = False) -> LiteralValue:
    """Read a literal back into a LiteralValue (inverse of `literal_nt`).

    Args:
        lexical: the literal's lexical form.
        datatype: its datatype IRI (None or xsd:string / rdf:langString for strings).
        unit: the unit of a quantity.
        quantity: read an xsd:decimal as a quantity rather than a decimal.

    Raises:
        InputError: the lexical form does not fit the datatype.
    """
    try:
        if datatype in PRECISION_OF:
            return LiteralValue(lexical, "date", PRECISION_OF[datatype])
        if datatype in _INTEGER_TYPES:
            return LiteralValue(int(lexical), "integer")
        if datatype in (XSD_DECIMAL, XSD_NS + "double", XSD_NS + "float"):
            if quantity:
                return LiteralValue(_number(lexical), "quantity", unit=unit)
            return LiteralValue(_number(lexical), "decimal")
        if datatype == XSD_DURATION:
            return LiteralValue(_parse_duration(lexical), "duration")
    except ValueError as exc:
        raise InputError(f"literal {lexical!r} is not a valid <{datatype}>") from exc
    return LiteralValue(lexical, "string")


def _parse_duration(lexical: str) -> int | float:
    match = _DURATION.match(lexical)
    if not match:
        raise ValueError(lexical)
    sign, days, hours, minutes, secs = match.groups()
    total = Decimal(days or 0) * 86400 + Decimal(hours or 0) * 3600 + Decimal(minutes or 0) * 60
    total += Decimal(secs or 0)
    if sign:
        total = -total
    if secs and "." in secs:
        return float(total)
    return int(total)
