"""Bind query parameters safely: Python values to RDF terms, and a VALUES block from them.

Parameters never enter a query by string formatting: each value becomes an
rdflib term, and its `n3()` form (which escapes quotes, braces and newlines)
goes into a `VALUES` block placed at the start of the query's outermost group,
so a name like `Jake" } ; DROP ALL #` stays one string literal.

Examples:
    >>> from rdflib import Literal
    >>> inject_values("SELECT ?x WHERE { ?x ?p ?name }", {"name": Literal('a"}')})
    'SELECT ?x WHERE { VALUES (?name) { ("a\\\\"}") } ?x ?p ?name }'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import QueryError

if TYPE_CHECKING:
    from rdflib.term import Node

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_KEYWORD = re.compile(r"[A-Za-z]+")


def to_term(value: Any) -> Node:
    """An rdflib term for a Python value (str, int, float, bool, date) or an rdflib term.

    Raises:
        QueryError: the value has no RDF form.
    """
    from rdflib import Literal, URIRef
    from rdflib.term import Node

    if isinstance(value, Node):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int):
        return Literal(value)
    if isinstance(value, float):
        from rdflib.namespace import XSD

        return Literal(repr(value), datatype=XSD.decimal)
    if isinstance(value, dt.date):
        from rdflib.namespace import XSD

        return Literal(value.isoformat(), datatype=XSD.date)
    if isinstance(value, str):
        return Literal(value)
    if isinstance(value, URIRef):
        return value
    raise QueryError(f"cannot bind {value!r} ({type(value).__name__}) in a query")


def terms(bindings: Mapping[str, Any] | None) -> dict[str, Node]:
    """Check variable names and convert every value to an rdflib term."""
    out: dict[str, Node] = {}
    for name, value in (bindings or {}).items():
        var = name.lstrip("?$")
        if not _VARIABLE.match(var):
            raise QueryError(f"{name!r} is not a valid SPARQL variable name")
        out[var] = to_term(value)
    return out


def _skip_string(text: str, i: int) -> int:
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and text[end - 1] == "\\":
            end = text.find(quote * 3, end + 1)
        return len(text) if end == -1 else end + 3
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == quote or text[j] == "\n":
            return j + 1
        j += 1
    return j


def _skip_group(text: str, i: int) -> int:
    depth = 0
    while i < len(text):
        i, char = _next(text, i)
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i
    return i


def _next(text: str, i: int) -> tuple[int, str]:
    """Advance past one significant character, skipping comments, strings and IRIs."""
    while i < len(text):
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = len(text) if end == -1 else end + 1
            continue
        if char in "\"'":
            i = _skip_string(text, i)
            continue
        if char == "<":
            match = _IRIREF.match(text, i)
            if match:
                i = match.end()
                continue
        return i + 1, char
    return i, ""


def group_start(sparql: str) -> int:
    """Offset just after the `{` that opens the query's outermost WHERE group.

    Raises:
        QueryError: the query has no group.
    """
    i = 0
    while i < len(sparql):
        i, char = _next(sparql, i)
        if not char:
            break
        if char == "{":
            return i
        if char.isalpha():
            match = _KEYWORD.match(sparql, i - 1)
            word = match.group(0).upper() if match else ""
            i = match.end() if match else i
            if word in ("CONSTRUCT", "DESCRIBE"):
                rest = sparql[i:].lstrip()
                if rest.startswith("{"):
                    i = _skip_group(sparql, i)
    raise QueryError("the query has no WHERE group to bind parameters in")


def inject_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with a one-row `VALUES` block of `bindings` at the start of its WHERE group."""
    if not bindings:
        return sparql
    at = group_start(sparql)
    names = " ".join("?" + name for name in bindings)
    row = " ".join(term.n3() for term in bindings.values())
    return f"{sparql[:at]} VALUES ({names}) {{ ({row}) }}{sparql[at:]}"
