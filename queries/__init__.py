"""Named SPARQL queries (`queries/*.rq`) and the functions that load and run them.

Each file starts with a comment block: the first line `# <title>`, free text,
and one line per parameter:

    # @param athlete string optional  Name of the athlete (any case).
    # @param threshold decimal default=0.6  Highest confidence listed.

Parameter types are `string`, `name`, `event`, `country`, `sport`, `iri`, `qid`,
`integer`, `decimal` and `date`; values are converted to RDF terms and bound with a
VALUES block (never pasted into the text), so a name with quotes or braces cannot
change the query.
A `name` is a person's name: it is folded (`sportkg.iris.fold`) and looked up on
the indexed `sk:nameKey` before the query runs, and the variable is bound to the
IRIs of the people of that name, so the query starts from them. An `event`
is part of an event's name: the events (`sk:Event`, or items with a winner,
`wdt:P1346`) whose name holds it, in any case, are looked up first the same way; so
are a `country` (items typed `sk:Country`) and a `sport` (`sk:Sport` or `sk:Occupation`)
whose name is it, in any case.
The IRIs go where the query marks `#@values ?variable` (in each branch of a UNION),
else at the start of its outermost group. A line ending in `#@if ?variable` is kept only
when that parameter is given, one ending in `#@unless ?variable` only when it is not.

A query whose header holds `# @paged` is a whole-graph report: it is run a page
at a time (`limit`, default `DEFAULT_LIMIT` rows, and `offset`), and the result
carries the total number of rows. A report with a core sub-select (ending at `#@page`) runs
it first and puts the page's rows as a VALUES block in its place, or, when the query marks
places with `#@rows`, at each of them (inside the sub-selects that look up the page's
details: a sub-select is fed no outer bindings). With `# @paged by ?var` (its core sorted on the
number `?var` alone) the core's rows are counted per value of `?var` first, and
only the values the page needs are sorted. With `# @paged whole` (a core of few rows, such
as groups that need a pass over the whole store anyway) the core is run once without its
ORDER BY, sorted in Python on its ORDER BY variables, and cut into the page, which also
gives the total.
Queries may use the prefixes of `sportkg.ontology.namespaces.PREFIXES`
without declaring them.

Folders hold the queries modules run themselves (`query_text`), not listed as named
queries: `kb/` asks Wikidata for knowledge-base records (`kb/pull.py`), `kb_store/`
reads a store's KB graph and minted entities (`kb/store.py`), `profile/` gathers a
person's facts (`explore/profile.py`); `wikidata/` holds examples in Wikidata's style.

Examples:
    >>> [q.name for q in named_queries()][:3]
    ['article_facts', 'athletes', 'coaches']
    >>> load_query("medals").params[0].name
    'athlete'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import QueryError

if TYPE_CHECKING:
    from rdflib import Literal

    from ..graph.kg import KnowledgeGraph
    from ..graph.results import QueryResult
    from ..graph.stores import Cell

QUERY_DIR = Path(__file__).resolve().parent
"""Where the named queries live."""

PARAM_TYPES = ("string", "name", "event", "country", "sport", "iri", "qid", "integer",
               "decimal", "date")
_RESOLVED = ("name", "event", "country", "sport")
"""Types whose value is looked up as IRIs before the query runs."""
DEFAULT_LIMIT = 1000
"""Rows per page of a paged report."""
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
    paged: bool = False
    page_by: str | None = None
    whole: bool = False

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
    paged = whole = False
    page_by = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        match = _PARAM.match(stripped)
        by = re.fullmatch(r"#\s*@paged(?:\s+by\s+\?(\w+)|\s+(whole))?", stripped)
        if by:
            paged, page_by, whole = True, by.group(1), bool(by.group(2))
        elif match:
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
    _check_marks(name, text)
    return NamedQuery(name=name, title=title, text=_with_prefixes(text), params=tuple(params),
                      paged=paged, page_by=page_by, whole=whole)


_MARK_IN_PROSE = re.compile(r"#\s[^\n]*?(#@(?:page|rows|bind)\b)")


def _check_marks(name: str, text: str) -> None:
    """Refuse a page mark written inside a prose comment: the mark would be filled there as
    well (a page's rows written twice, once as a comment).

    Raises:
        QueryError: naming the query, the line and the mark.

    Examples:
        >>> _check_marks("q", "SELECT ?a { #@rows }")
        >>> _check_marks("q", "# the rows (#@rows)\\nSELECT ?a { #@rows }")
        Traceback (most recent call last):
        ...
        sportkg.errors.QueryError: query 'q', line 1: the mark #@rows is inside a comment; \
a mark must open its own comment
    """
    for number, line in enumerate(text.splitlines(), 1):
        found = _MARK_IN_PROSE.search(line)
        if found:
            raise QueryError(f"query {name!r}, line {number}: the mark {found.group(1)} is "
                             f"inside a comment; a mark must open its own comment")


def _with_prefixes(text: str) -> str:
    from ..ontology.namespaces import PREFIXES

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


def query_text(name: str) -> str:
    """The text of a query the package runs itself: `queries/<folder>/<name>.rq`.

    These are not named queries (`sportkg query --list` does not show them): each belongs
    to one module, which binds its variables (graph IRIs among them) with `bindings`.
    The prefixes of `sportkg.ontology.namespaces.PREFIXES` are declared when missing.

    Examples:
        >>> "GRAPH ?kb" in query_text("kb_store/kb_records")
        True

    Raises:
        QueryError: no such query (the message lists those of the folder).
    """
    folder, _, stem = name.rpartition("/")
    path = QUERY_DIR / folder / f"{stem}.rq"
    if not folder or not re.fullmatch(r"[a-z_]+/[a-z_]+", name) or not path.is_file():
        known = ", ".join(f"{p.parent.name}/{p.stem}" for p in
                          sorted(QUERY_DIR.glob(f"{folder or '*'}/*.rq")))
        raise QueryError(f"Unknown query {name!r}. Available: {known}")
    return _with_prefixes(path.read_text(encoding="utf-8"))


def to_term(param: Param, value: Any) -> Any:
    """Convert a parameter value (often a command-line string) to an RDF term of its type.

    Raises:
        QueryError: the value does not fit the declared type.
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from ..graph.literals import iri_nt
    from ..ontology.namespaces import PREFIXES, WD_IRI

    text = str(value)
    try:
        if param.type in ("string", *_RESOLVED):
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


_NAME_KEY = """SELECT DISTINCT ?e WHERE {
  VALUES ?key { %s } ?e <https://w3id.org/sportkg/ontology#nameKey> ?key }"""
_NOBODY = "https://w3id.org/sportkg/entity/-nobody-"
"""Bound when a name matches no one, so the query finds nothing (and says so quickly)."""


def _people(kg: KnowledgeGraph, value: Any) -> list[str]:
    """The IRIs of the people whose folded name is the folded `value` (sorted)."""
    from rdflib import Literal

    from ..iris import fold

    rows = kg.query(_NAME_KEY % Literal(fold(str(value))).n3()).rows
    return sorted(str(row[0]) for row in rows if row[0] is not None)


_EVENTS = """SELECT DISTINCT ?e WHERE {
  { ?e a <https://w3id.org/sportkg/ontology#Event> ; <http://schema.org/name> ?label .
    FILTER(CONTAINS(LCASE(STR(?label)), LCASE(%(part)s))) }
  UNION
  { ?e <http://www.wikidata.org/prop/direct/P1346> ?winner ; <http://schema.org/name> ?label .
    FILTER(CONTAINS(LCASE(STR(?label)), LCASE(%(part)s))) }
}"""
"""Events whose name holds a part (an escaped literal), the filter in each branch: with the
part in a VALUES block outside the UNION the lookup took 190 ms at 10^5 statements, 1 ms so."""


def _events(kg: KnowledgeGraph, value: Any) -> list[str]:
    """The IRIs of the events whose name holds `value`, in any case (sorted)."""
    from rdflib import Literal

    rows = kg.query(_EVENTS % {"part": Literal(str(value)).n3()}).rows
    return sorted(str(row[0]) for row in rows if row[0] is not None)


_ITEMS = """SELECT DISTINCT ?e WHERE {
  VALUES ?type { %(types)s } ?e a ?type ; <http://schema.org/name> ?label .
  FILTER(LCASE(STR(?label)) = LCASE(%(name)s)) }"""
_ITEM_TYPES = {"country": ("Country",), "sport": ("Sport", "Occupation")}
"""Parameter type -> the classes (`sk:`) of the items its value names."""


def _items(kg: KnowledgeGraph, value: Any, kind: str) -> list[str]:
    """The IRIs of the items of `kind` (`country`, `sport`) whose name is `value`, in any case
    (sorted); the type index finds the few candidates, so no name in the store is scanned."""
    from rdflib import Literal

    from ..ontology.namespaces import SK_IRI

    types = " ".join(f"<{SK_IRI}{name}>" for name in _ITEM_TYPES[kind])
    rows = kg.query(_ITEMS % {"types": types, "name": Literal(str(value)).n3()}).rows
    return sorted(str(row[0]) for row in rows if row[0] is not None)


def _resolved(kg: KnowledgeGraph, kind: str, value: Any) -> list[str]:
    """The IRIs a `name`, `event`, `country` or `sport` parameter stands for."""
    if kind == "name":
        return _people(kg, value)
    if kind == "event":
        return _events(kg, value)
    return _items(kg, value, kind)


_CONDITION = re.compile(r"(?m)^(.*?)#@(if|unless) \?(\w+)[ \t]*$")


def _conditional(text: str, given: Collection[str]) -> str:
    """`text` without the lines ending in `#@if ?variable` of parameters not given and those
    ending in `#@unless ?variable` of parameters given (the marks themselves removed)."""
    def keep(match: re.Match[str]) -> str:
        wanted = (match.group(3) in given) == (match.group(2) == "if")
        return match.group(1).rstrip() if wanted else ""

    return _CONDITION.sub(keep, text)


def _with_people(text: str, variable: str, people: list[str]) -> str:
    """`text` with `VALUES ?variable { <iri> ... }` at each `#@values ?variable` mark, else at
    the start of its outermost group.

    A mark inside each branch of a UNION binds the IRIs in every branch: Oxigraph does not
    carry a VALUES block outside a UNION into its branches, so each branch would first be
    evaluated over the whole store.
    """
    from rdflib import URIRef

    from ..graph.bindings import group_start

    block = " ".join(URIRef(iri).n3() for iri in people or [_NOBODY])
    values = f"VALUES ?{variable} {{ {block} }}"
    mark = re.compile(rf"#@values \?{variable}\b")
    if mark.search(text):
        return mark.sub(lambda _: values, text)
    at = group_start(text)
    return f"{text[:at]} {values}{text[at:]}"


def _unmarked(text: str) -> str:
    """`text` without the `#@values ?variable` marks of parameters that were not given."""
    return re.sub(r"#@values \?\w+", "", text)


BIND_MARK = "#@bind"
"""Where a paged query wants its parameters bound (inside its core sub-select)."""
PAGE_MARK = "#@page"
"""Where a paged query wants LIMIT and OFFSET (after its core sub-select's ORDER BY)."""
ROWS_MARK = "#@rows"
"""Where a paged query wants its page's rows, when not in its core's place: inside each
sub-select that looks up what the page needs (a sub-select is fed no outer bindings)."""


def _bound(text: str, bindings: Mapping[str, Any]) -> str:
    """`text` with the VALUES block of `bindings` at `#@bind`, else at its outermost group."""
    from ..graph.bindings import inject_values

    if BIND_MARK not in text:
        return inject_values(text, bindings)
    if not bindings:
        return text.replace(BIND_MARK, "")
    names = " ".join("?" + name for name in bindings)
    row = " ".join(term.n3() for term in bindings.values())
    return text.replace(BIND_MARK, f"VALUES ({names}) {{ ({row}) }}", 1)


def _with_page(text: str, opening: int, closing: int, block: str) -> str:
    """`text` with its core group (`opening` to `closing`) replaced by the page's rows, the
    VALUES `block`: at each `#@rows` mark when the query has any, else in the core's place.

    Examples:
        >>> _with_page("SELECT * { {core} { SELECT ?a { #@rows ?a ?b ?c } } }", 11, 16,
        ...            "VALUES ?a { 1 }")
        'SELECT * {  { SELECT ?a { VALUES ?a { 1 } ?a ?b ?c } } }'
    """
    if ROWS_MARK not in text:
        return f"{text[:opening]}{block}{text[closing + 1:]}"
    return f"{text[:opening]}{text[closing + 1:]}".replace(ROWS_MARK, block)


def _values(variables: tuple[str, ...], rows: Sequence[tuple[Cell | None, ...]]) -> str:
    """A VALUES block of rows of cells (None as UNDEF)."""
    names = " ".join("?" + name for name in variables)
    body = " ".join("(" + " ".join("UNDEF" if cell is None else cell[1] for cell in row) + ")"
                    for row in rows)
    return f"VALUES ({names}) {{ {body} }}"


def _core_group(text: str) -> tuple[int, int, int, int]:
    """Where the core sub-select ending at `#@page` sits: (its group's `{`, its SELECT, the
    mark, its group's `}`). The group is found by its braces, so the core may hold
    sub-selects of its own."""
    at = text.index(PAGE_MARK)
    depth = 0
    for opening in range(at - 1, -1, -1):
        if text[opening] == "}":
            depth += 1
        elif text[opening] == "{":
            if depth == 0:
                break
            depth -= 1
    else:
        raise QueryError("the #@page mark of a paged query must end a { SELECT ... } group")
    start = re.search(r"(?i)\bSELECT\b", text[opening:at])
    if start is None:
        raise QueryError("the #@page mark of a paged query must end a { SELECT ... } group")
    return opening, opening + start.start(), at, text.index("}", at)


def _paged(kg: KnowledgeGraph, text: str, limit: int, offset: int) -> tuple[str | None,
                                                                            int | None]:
    """`text` with its page applied: (the query, the core's rows on the page).

    With a core sub-select (ending at `#@page`), the core is run first and its page of rows
    replaces it as a VALUES block, so the rest of the query looks up those rows only (None
    when the page is empty); else LIMIT and OFFSET at the end (and no count of core rows).
    """
    page = f"LIMIT {limit}" + (f" OFFSET {offset}" if offset else "")
    if PAGE_MARK not in text:
        return f"{text}\n{page}", None
    found = re.search(r"(?im)^\s*SELECT\b", text)
    assert found is not None
    opening, start, at, closing = _core_group(text)
    variables, rows = kg.select_texts(text[:found.start()] + text[start:at] + page,
                                      rewritten=True)
    if not rows:  # nothing on the page (rdflib fails on an empty VALUES block)
        return None, 0
    return _with_page(text, opening, closing, _values(variables, rows)), len(rows)


def _core(text: str) -> tuple[str, str, int, int, list[str]]:
    """(prologue, core sub-select without its ORDER BY, start of its group, end of its group,
    the variables of that ORDER BY)."""
    found = re.search(r"(?im)^\s*SELECT\b", text)
    if found is None:
        raise QueryError("a paged query must be a SELECT")
    opening, start, at, closing = _core_group(text)
    core = text[start:at]
    order = [m.start() for m in re.finditer(r"(?i)\bORDER\s+BY\b", core)]
    keys: list[str] = []
    if order and "}" not in core[order[-1]:]:
        keys = re.findall(r"\?(\w+)", re.sub(r"#[^\n]*", "", core[order[-1]:]))
        core = core[:order[-1]]
    return text[:found.start()], core, opening, closing, keys


def _paged_by(kg: KnowledgeGraph, text: str, variable: str, limit: int,
              offset: int) -> tuple[str | None, int]:
    """`text` with its page applied through a count per value of `variable` (the core's sort
    key): (the query, or None past the last row; the total).

    The core's rows are counted per value first, which also gives the total; the page's
    values then bind the core, which sorts only their rows. A report over hundreds of
    thousands of rows so never sorts them all, and needs no second query for its total.
    """
    prologue, core, opening, closing, _ = _core(text)
    counts = kg.query(f"{prologue}SELECT ?{variable} (COUNT(*) AS ?n) WHERE {{ {{\n{core}\n}} }} "
                      f"GROUP BY ?{variable}", rewritten=True).rows
    ordered = sorted(((term, int(str(n))) for term, n in counts if term is not None),
                     key=lambda pair: float(str(pair[0])))
    total = sum(n for _, n in ordered)
    chosen: list[Any] = []
    before = covered = 0  # rows of the values before the first chosen one, of those chosen
    for term, n in ordered:
        if not chosen and before + n <= offset:
            before += n
            continue
        chosen.append(term)
        covered += n
        if before + covered >= offset + limit:
            break
    if not chosen:  # past the end
        return None, total
    where = core.index("{", core.index("WHERE")) + 1
    values = " ".join(term.n3() for term in chosen)
    bound = f"{core[:where]} VALUES ?{variable} {{ {values} }}{core[where:]}"
    page = f"ORDER BY ?{variable} LIMIT {limit}" + (f" OFFSET {offset - before}"
                                                    if offset > before else "")
    variables, rows = kg.select_texts(f"{prologue}{bound}\n{page}", rewritten=True)
    return _with_page(text, opening, closing, _values(variables, rows)), total


_DISTINCT = re.compile(r"(?is)^(\s*SELECT)\s+DISTINCT\b")


def _paged_whole(kg: KnowledgeGraph, text: str, limit: int,
                 offset: int) -> tuple[str | None, int]:
    """`text` with its page cut from its whole core: (the query, or None when the page is
    empty; the total).

    The core runs once, without its ORDER BY (Oxigraph sorts IRIs and strings slowly) and
    its DISTINCT (a tenth of a second over 3,000 rows of strings at 10^6 statements); its
    rows are made distinct and sorted here on the ORDER BY variables, by their text, the
    order SPARQL gives IRIs and plain strings, and the same on every backend.
    """
    prologue, core, opening, closing, order = _core(text)
    core, distinct = _DISTINCT.subn(r"\1", core, count=1)
    variables, found = kg.select_texts(prologue + core, rewritten=True)
    at = [variables.index(name) for name in order if name in variables]
    unique = dict.fromkeys(found) if distinct else found
    rows = sorted(unique, key=lambda row: ["" if row[i] is None else row[i][0] for i in at])
    page = rows[offset:offset + limit]
    if not page:
        return None, len(rows)
    return _with_page(text, opening, closing, _values(variables, page)), len(rows)


_OUTER_ORDER = re.compile(r"(?is)\bORDER\s+BY((?:\s+\?\w+)+)\s*$")


def _sort_key(term: Any, literal: type[Literal]) -> tuple[int, float, str]:
    """Where a term goes in ORDER BY: unbound first, then numbers by value, then the rest by
    their text (the order SPARQL gives plain strings). `literal` is rdflib's Literal, passed
    in so that a sort of thousands of rows does not import it for each term."""
    if term is None:
        return (0, 0.0, "")
    if isinstance(term, literal) and isinstance(term.value, (int, float, Decimal)) \
            and not isinstance(term.value, bool):
        return (1, float(term.value), str(term))
    return (2, 0.0, str(term))


def _page_result(kg: KnowledgeGraph, text: str) -> QueryResult:
    """Run a page's query; its closing ORDER BY of plain variables is done here on the page's
    rows, the whole row breaking ties (Oxigraph compares strings slowly: sorting 3,000 rows
    took a fifth of a page of `disagreements`)."""
    from dataclasses import replace

    from rdflib import Literal  # noqa: F811 (the class itself, at run time)

    order = _OUTER_ORDER.search(text)
    if order is None:
        return kg.query(text, rewritten=True)
    result = kg.query(text[:order.start()], rewritten=True)
    keys = [result.variables.index(name) for name in re.findall(r"\?(\w+)", order.group(1))
            if name in result.variables]
    rows = sorted(result.rows, key=lambda row: (tuple(_sort_key(row[i], Literal) for i in keys),
                                                tuple(_sort_key(term, Literal) for term in row)))
    return replace(result, rows=tuple(rows))


def _outer_variables(text: str) -> tuple[str, ...]:
    """The variables of the outermost SELECT of `text` (the columns of an empty page)."""
    outer = re.search(r"(?is)\bSELECT\b(.*?)\bWHERE\b", text)
    if outer is None:
        return ()
    columns = re.sub(r"(?is)\(.*?\bAS\s+(\?\w+)\s*\)", r"\1", outer.group(1))
    return tuple(re.findall(r"\?(\w+)", columns))


def _count_text(text: str) -> str:
    """The query counting the rows of a bound query: of its core sub-select (the one ending at
    `#@page`) when it has one, else of the whole query."""
    found = re.search(r"(?im)^\s*SELECT\b", text)
    if found is None:
        raise QueryError("a paged query must be a SELECT")
    prologue, body = text[:found.start()], text[found.start():]
    if PAGE_MARK in body:
        _, start, end, _ = _core_group(body)
        body = body[start:end]
    order = [m.start() for m in re.finditer(r"(?i)\bORDER\s+BY\b", body)]
    if order and "}" not in body[order[-1]:]:
        body = body[:order[-1]]
    return f"{prologue}SELECT (COUNT(*) AS ?total) WHERE {{ {{\n{body}\n}} }}"


def run_query(kg: KnowledgeGraph, query: str | Path | NamedQuery,
              params: Mapping[str, Any] | None = None, *, limit: int | None = None,
              offset: int = 0) -> QueryResult:
    """Run a named query (or a loaded one) on `kg` with typed, safely bound parameters.

    Args:
        limit: rows per page of a paged report (default `DEFAULT_LIMIT`); a query that is
            not paged takes it as a plain LIMIT when given.
        offset: rows of a paged report to skip.

    Raises:
        QueryError: a bad parameter, limit or offset, or a failure on the engine.
    """
    from dataclasses import replace

    from ..graph import label_service
    from ..graph.results import QueryResult

    named = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind(named, params or {})
    if limit is not None and limit < 1 or offset < 0:
        raise QueryError(f"--limit must be at least 1 and --offset at least 0 "
                         f"(got {limit}, {offset})")
    text = _conditional(named.text, bindings)
    try:
        # Wikidata's label service and predeclared prefixes answered once, on the named
        # query's own text: each query below is run as it is (`rewritten`)
        text = label_service.rewrite(text)
        for param in named.params:
            if param.type in _RESOLVED and param.name in bindings:
                text = _with_people(text, param.name,
                                    _resolved(kg, param.type, bindings.pop(param.name)))
        text = _bound(_unmarked(text), bindings)
        if (named.page_by or named.whole) and PAGE_MARK in text:
            size = limit or DEFAULT_LIMIT
            paged, total = (_paged_by(kg, text, named.page_by, size, offset) if named.page_by
                            else _paged_whole(kg, text, size, offset))
            if paged is None:
                return QueryResult(variables=_outer_variables(text), total=total)
            return replace(_page_result(kg, paged), total=total)
        if named.paged or limit is not None:
            size = limit or DEFAULT_LIMIT
            page, on_page = _paged(kg, text, size, offset)
            if page is None:
                result = QueryResult(variables=_outer_variables(text))
            else:
                result = (_page_result(kg, page) if PAGE_MARK in text
                          else kg.query(page, rewritten=True))
            if not named.paged:
                return result
            # the total counts the core's rows (a group of pairs, a membership with a row per
            # source): a page holding fewer of them than it could is the last one
            counted_here = len(result) if on_page is None else on_page
            if counted_here < size and (offset == 0 or counted_here > 0):
                return replace(result, total=offset + counted_here)
            counted = kg.query(_count_text(text), rewritten=True).rows
            total = int(str(counted[0][0])) if counted and counted[0][0] is not None else 0
            return replace(result, total=total)
        return kg.query(text.replace(PAGE_MARK, ""), rewritten=True)
    except QueryError as exc:
        raise QueryError(f"query {named.name}: {exc}") from exc
