"""Query results in one shape for every store, and their table / CSV / TSV / JSON forms.

Every store returns a `QueryResult` holding rdflib terms, so the same query
gives comparable answers on oxigraph, memory and sparql backends.

Examples:
    >>> from rdflib import Literal, URIRef
    >>> result = QueryResult(variables=("who", "n"),
    ...                      rows=((URIRef("http://www.wikidata.org/entity/Q79031"), Literal(3)),))
    >>> print(format_result(result, "csv").strip())
    who,n
    http://www.wikidata.org/entity/Q79031,3
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError

if TYPE_CHECKING:
    from rdflib.term import Node

FORMATS = ("table", "csv", "tsv", "json")
"""Formats `format_result` writes."""


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SPARQL query.

    Attributes:
        variables: the SELECT variables, in order (empty for ASK and CONSTRUCT).
        rows: one tuple of rdflib terms (None when unbound) per solution.
        boolean: the answer of an ASK query, else None.
        triples: the triples of a CONSTRUCT or DESCRIBE query.
        total: the number of rows of the whole answer when `rows` is one page of it.
    """

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()
    total: int | None = None

    @property
    def kind(self) -> str:
        """"select", "ask" or "graph"."""
        if self.boolean is not None:
            return "ask"
        if self.triples or not self.variables and not self.rows:
            return "graph" if self.triples else "select"
        return "select"

    def __len__(self) -> int:
        return len(self.triples) if self.triples else len(self.rows)

    def __iter__(self) -> Iterator[tuple[Node | None, ...]]:
        return iter(self.rows)

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.boolean is not None else bool(len(self))

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values (IRIs as str, typed literals converted)."""
        return [
            {var: _python(term) for var, term in zip(self.variables, row, strict=True)}
            for row in self.rows
        ]

    def column(self, name: str) -> list[Any]:
        """The Python values of one variable."""
        if name not in self.variables:
            raise ConfigError(
                f"No column {name!r} in the result. Available: {', '.join(self.variables)}"
            )
        index = self.variables.index(name)
        return [_python(row[index]) for row in self.rows]


def _python(term: Node | None) -> Any:
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)


def _short(term: Node | None) -> str:
    from rdflib import Literal, URIRef

    from ..ontology.namespaces import PREFIXES

    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        best = ""
        for prefix, iri in PREFIXES.items():
            if text.startswith(iri) and len(iri) > len(PREFIXES.get(best, "")):
                rest = text[len(iri):]
                if rest and "/" not in rest and "#" not in rest:
                    best = prefix
        return f"{best}:{text[len(PREFIXES[best]):]}" if best else text
    if isinstance(term, Literal):
        return str(term)
    return str(term)


def _csv_term(term: Node | None) -> str:
    return "" if term is None else str(term)


def _json_term(term: Node) -> dict[str, str]:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}


def format_result(result: QueryResult, fmt: str) -> str:
    """Write a result as an aligned text table, CSV, TSV or SPARQL JSON results.

    Raises:
        ConfigError: `fmt` is not one of FORMATS.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown result format {fmt!r}. Available: {', '.join(FORMATS)}")
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if result.triples:
        from rdflib import Graph

        graph = Graph()
        for triple in result.triples:
            graph.add(triple)
        return str(graph.serialize(format="json-ld" if fmt == "json" else "nt"))
    if fmt == "json":
        bindings = [
            {var: _json_term(term) for var, term in zip(result.variables, row, strict=True)
             if term is not None}
            for row in result.rows
        ]
        data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt == "tsv":
        lines = ["\t".join("?" + var for var in result.variables)]
        lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_term(term) for term in row])
        return buffer.getvalue()
    cells = [[_short(term).replace("\n", " ") for term in row] for row in result.rows]
    widths = [len(var) for var in result.variables]
    for row_cells in cells:
        widths = [max(w, min(len(c), 60)) for w, c in zip(widths, row_cells, strict=True)]
    def line(values: list[str]) -> str:
        return "  ".join(
            (v if len(v) <= 60 else v[:59] + "…").ljust(w) for v, w in zip(values, widths,
                                                                          strict=True)
        ).rstrip()
    out = [line(list(result.variables)), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out) + "\n"
