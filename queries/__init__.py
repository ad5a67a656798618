"""Named SPARQL queries (`queries/*.rq`) and the functions that load and run them.

Each file starts with a comment block: the first line `# <title>`, free text,
and one line per parameter:

    # @param athlete string optional  Name of the athlete (any case).
    # @param threshold decimal default=0.6  Highest confidence listed.

Parameter types are `string`, `iri`, `qid`, `integer`, `decimal` and `date`;
values are converted to RDF terms and bound with a VALUES block (never pasted
into the text), so a name with quotes or braces cannot change the query.
Queries may use the prefixes of `sportkg.ontology.namespaces.PREFIXES`
without declaring them.

Examples:
    >>> [q.name for q in named_queries()][:3]
    ['article_facts', 'athletes', 'coaches']
    >>> load_query("medals").params[0].name
    'athlete'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sportkg.errors import QueryError

if TYPE_CHECKING:
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.graph.results import QueryResult

QUERY_DIR = Path(__file__).resolve().parent
"""Where the named queries live."""

PARAM_TYPES = ("string", "iri", "qid", "integer", "decimal", "date")
_PARAM = re.compile(r"^#\s*@param\s+(\w+)\s+(\w+)((?:\s+(?:optional|default=\S+))*)\s*(.*)$")
_QID = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True)
class Param:
    """A declared query parameter."""

    name: str
    type: str
    required: bool = True
    default: str | None = None
    help: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query with its name, title, parameters and text."""

    name: str
    title: str
    text: str
    params: tuple[Param, ...] = ()

    def param(self, name: str) -> Param:
        """The declared parameter `name`; raises QueryError naming the valid ones."""
        for param in self.params:
            if param.name == name:
                return param
        valid = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r}. Available: {valid}")


def _parse(name: str, text: str) -> NamedQuery:
    title = ""
    params: list[Param] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM.match(stripped)
        if match:
            pname, ptype, flags, help_text = match.groups()
            if ptype not in PARAM_TYPES:
                raise QueryError(
                    f"query {name!r}: parameter {pname!r} has unknown type {ptype!r}. "
                    f"Available: {', '.join(PARAM_TYPES)}"
                )
            default = None
            for flag in flags.split():
                if flag.startswith("default="):
                    default = flag[len("default="):]
            params.append(Param(pname, ptype, "optional" not in flags and default is None,
                                default, help_text.strip()))
        elif not title:
            title = stripped.lstrip("#").strip()
    if not title:
        raise QueryError(f"query {name!r} does not start with a comment saying what it answers")
    return NamedQuery(name=name, title=title, text=_with_prefixes(text), params=tuple(params))


def _with_prefixes(text: str) -> str:
    from sportkg.ontology.namespaces import PREFIXES

    declared = set(re.findall(r"(?im)^\s*PREFIX\s+(\w*):", text))
    head = "".join(
        f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if prefix not in declared
    )
    return head + text


def named_queries() -> list[NamedQuery]:
    """Every named query shipped in `queries/`, sorted by name."""
    return [load_query(path.stem) for path in sorted(QUERY_DIR.glob("*.rq"))]


def load_query(name: str | Path) -> NamedQuery:
    """The named query `name`, or the query in file `name` (ending .rq or .sparql).

    Raises:
        QueryError: no such query (the message lists the named ones) or an unreadable file.
    """
    text_name = str(name)
    if isinstance(name, Path) or text_name.endswith((".rq", ".sparql")) or "/" in text_name:
        path = Path(name)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {path}: {exc}") from exc
        if not text.lstrip().startswith("#"):
            text = f"# query from {path.name}\n" + text
        return _parse(path.stem, text)
    path = QUERY_DIR / f"{text_name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", text_name) or not path.is_file():
        names = ", ".join(p.stem for p in sorted(QUERY_DIR.glob("*.rq")))
        raise QueryError(f"Unknown query {text_name!r}. Available: {names}")
    return _parse(text_name, path.read_text(encoding="utf-8"))


def to_term(param: Param, value: Any) -> Any:
    """Convert a parameter value (often a command-line string) to an RDF term of its type.

    Raises:
        QueryError: the value does not fit the declared type.
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD
    from sportkg.graph.literals import iri_nt
    from sportkg.ontology.namespaces import PREFIXES, WD_IRI

    text = str(value)
    try:
        if param.type == "string":
            return Literal(text)
        if param.type == "integer":
            return Literal(int(text))
        if param.type == "decimal":
            float(text)
            return Literal(text, datatype=XSD.decimal)
        if param.type == "date":
            dt.date.fromisoformat(text)
            return Literal(text, datatype=XSD.date)
        if param.type == "qid":
            qid = text.rsplit("/", 1)[-1].removeprefix("wd:")
            if not _QID.match(qid):
                raise ValueError(text)
            return URIRef(WD_IRI + qid)
        prefix, _, local = text.partition(":")
        if prefix in PREFIXES and not local.startswith("//"):
            text = PREFIXES[prefix] + local
        iri_nt(text)
        return URIRef(text)
    except Exception as exc:
        raise QueryError(f"parameter {param.name}={value!r} is not a valid {param.type}") from exc


def parse_params(pairs: list[str]) -> dict[str, str]:
    """`["name=value", ...]` from the command line as a dict.

    Raises:
        QueryError: an item without "=".
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {pair!r} is not NAME=VALUE")
        out[key.strip()] = value
    return out


def bind(query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """The bindings of `params` (plus defaults) for `query`, checked against its declaration."""
    bindings: dict[str, Any] = {}
    for key, value in params.items():
        bindings[key] = to_term(query.param(key), value)
    for param in query.params:
        if param.name in bindings:
            continue
        if param.default is not None:
            bindings[param.name] = to_term(param, param.default)
        elif param.required:
            raise QueryError(
                f"query {query.name!r} needs parameter {param.name!r} ({param.type}): "
                f"--param {param.name}=..."
            )
    return bindings


def run_query(kg: KnowledgeGraph, query: str | Path | NamedQuery,
              params: Mapping[str, Any] | None = None) -> QueryResult:
    """Run a named query (or a loaded one) on `kg` with typed, safely bound parameters."""
    named = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind(named, params or {})
    try:
        return kg.query(named.text, bindings=bindings)
    except QueryError as exc:
        raise QueryError(f"query {named.name}: {exc}") from exc
