"""Answer Wikidata's label service locally: rewrite `SERVICE wikibase:label { ... }` away.

Queries written for the Wikidata Query Service ask for labels with
`SERVICE wikibase:label { bd:serviceParam wikibase:language "en,nl" . }`. No
other engine knows that service, and sending it out as a federated call fails,
so `rewrite()` replaces the block with plain SPARQL over the graph's own
`rdfs:label`, `schema:description` and `skos:altLabel` triples:

- automatic mode: every variable `?xLabel`, `?xDescription` or `?xAltLabel` that
  the query mentions outside the block gets a value when `?x` is bound in the
  group around the block (and the label variable is not bound there already);
- explicit mode: `?x rdfs:label ?name` (or `schema:description`, `skos:altLabel`)
  inside the block binds `?name`; as on Wikidata, this turns automatic mode off;
- languages are tried in the order given (`"en,nl"`: English, else Dutch), by exact
  language tag, then `mul` (names that are the same in every language, which is how
  sportkg tags the names of people, teams and places); `[AUTO_LANGUAGE]` means English;
- a label falls back to the local name of the IRI (`Q42`, `noor-vermeulen`) when no
  language has one, as Wikidata's service does; descriptions have no fallback; alt
  labels are joined with ", ".

The block is found by a small SPARQL tokenizer (strings, IRIs and comments are
single tokens, so braces or the word SERVICE inside them change nothing), and the
new patterns go at the end of the group that held the block. Queries without the
service come back unchanged.

Examples:
    >>> q = 'SELECT ?p ?pLabel WHERE { ?p a <urn:Person> . ' \\
    ...     'SERVICE wikibase:label { bd:serviceParam wikibase:language "en". } }'
    >>> print(rewrite(q))  # doctest: +NORMALIZE_WHITESPACE
    SELECT ?p ?pLabel WHERE { ?p a <urn:Person> .
      OPTIONAL { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?_pLabel_1
                 FILTER(LCASE(LANG(?_pLabel_1)) = "en") }
      OPTIONAL { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?_pLabel_2
                 FILTER(LCASE(LANG(?_pLabel_2)) = "mul") }
      BIND(COALESCE(?_pLabel_1, ?_pLabel_2,
                    IF(isIRI(?p), REPLACE(STR(?p), "^.*[/#]", ""), STR(?p))) AS ?pLabel)
    }
    >>> rewrite("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import QueryError

WIKIBASE = "http://wikiba.se/ontology#"
BIGDATA = "http://www.bigdata.com/rdf#"
LABEL_SERVICE = WIKIBASE + "label"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA_DESCRIPTION = "http://schema.org/description"
SKOS_ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"

WDQS_PREFIXES = {
    "wd": "http://www.wikidata.org/entity/",
    "wds": "http://www.wikidata.org/entity/statement/",
    "wdv": "http://www.wikidata.org/value/",
    "wdref": "http://www.wikidata.org/reference/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "wdtn": "http://www.wikidata.org/prop/direct-normalized/",
    "wdno": "http://www.wikidata.org/prop/novalue/",
    "wdata": "https://www.wikidata.org/wiki/Special:EntityData/",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "psv": "http://www.wikidata.org/prop/statement/value/",
    "psn": "http://www.wikidata.org/prop/statement/value-normalized/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "pqv": "http://www.wikidata.org/prop/qualifier/value/",
    "pqn": "http://www.wikidata.org/prop/qualifier/value-normalized/",
    "pr": "http://www.wikidata.org/prop/reference/",
    "prv": "http://www.wikidata.org/prop/reference/value/",
    "prn": "http://www.wikidata.org/prop/reference/value-normalized/",
    "wikibase": WIKIBASE,
    "bd": BIGDATA,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dct": "http://purl.org/dc/terms/",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "ontolex": "http://www.w3.org/ns/lemon/ontolex#",
}
"""Prefixes the Wikidata Query Service predeclares (its `hint:` query hints aside)."""

WELL_KNOWN_PREFIXES = WDQS_PREFIXES
"""Prefixes used to read a query's prefixed names when the query does not declare them."""

AUTO_LANGUAGE = "en"
"""What `[AUTO_LANGUAGE]` stands for (Wikidata takes it from the browser; here: English)."""

SUFFIXES = {"Label": RDFS_LABEL, "AltLabel": SKOS_ALT_LABEL, "Description": SCHEMA_DESCRIPTION}
"""Automatic mode: variable suffix and the property its value comes from."""

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7]+)
  | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w:%\-]|\\.|\.(?=[\w:%\-]))*)
  | (?P<name>[^\W\d][\w]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)
  | (?P<punct>\^\^|&&|\|\||<=|>=|!=|.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One lexical token of a query: its kind, text and character span."""

    kind: str
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        """True when the token is one of the keywords `words` (any case)."""
        return self.kind == "name" and self.text.upper() in words


def tokenize(sparql: str) -> list[Token]:
    """The query's tokens without white space and comments.

    Examples:
        >>> [t.text for t in tokenize('SELECT ?x { ?x <urn:a> "}" } # }')]
        ['SELECT', '?x', '{', '?x', '<urn:a>', '"}"', '}']
    """
    tokens = []
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            tokens.append(Token(kind, match.group(), match.start(), match.end()))
    return tokens


@dataclass
class _Block:
    """One `SERVICE wikibase:label { ... }` block of a query."""

    first: int  # index of the SERVICE token
    open: int  # index of its `{`
    close: int  # index of its `}`
    last: int  # last token removed with the block (the `}` or a following `.`)
    group_open: int  # `{` of the group around the block
    group_close: int
    languages: list[str] = field(default_factory=list)
    explicit: list[tuple[str, str, str]] = field(default_factory=list)  # (entity, property, var)


def _matching(tokens: list[Token]) -> dict[int, int]:
    """Index of the matching bracket for every `{`, `}`, `(`, `)`, `[`, `]` token.

    Raises:
        QueryError: brackets do not balance.
    """
    pairs = {"}": "{", ")": "(", "]": "["}
    stack: list[int] = []
    match: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.kind != "punct":
            continue
        if token.text in "{([":
            stack.append(index)
        elif token.text in pairs:
            if not stack or tokens[stack[-1]].text != pairs[token.text]:
                raise QueryError(f"unbalanced {token.text!r} at character {token.start}")
            opened = stack.pop()
            match[opened], match[index] = index, opened
    if stack:
        raise QueryError(f"unclosed {tokens[stack[-1]].text!r} at character "
                         f"{tokens[stack[-1]].start}")
    return match


def prefixes(tokens: list[Token]) -> dict[str, str]:
    """The PREFIX declarations of a query, prefix (without colon) to namespace IRI."""
    declared: dict[str, str] = {}
    for index, token in enumerate(tokens[:-2]):
        if token.is_word("PREFIX") and tokens[index + 1].kind == "pname":
            name = tokens[index + 1].text
            iri = tokens[index + 2]
            if name.endswith(":") and iri.kind == "iri":
                declared[name[:-1]] = iri.text[1:-1]
    return declared


def resolve(token: Token, declared: dict[str, str]) -> str | None:
    """The full IRI of an IRI or prefixed-name token (None for anything else or unknown)."""
    if token.kind == "iri":
        return token.text[1:-1]
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = declared.get(prefix, WELL_KNOWN_PREFIXES.get(prefix))
        return None if namespace is None else namespace + re.sub(r"\\(.)", r"\1", local)
    return None


def service_endpoints(sparql: str) -> list[str]:
    """The endpoint of every SERVICE clause (an IRI, or `?var` for a variable endpoint).

    Examples:
        >>> service_endpoints('SELECT * { SERVICE <http://a.example/sparql> { ?s ?p ?o } }')
        ['http://a.example/sparql']
        >>> service_endpoints('SELECT * { ?s ?p "SERVICE <http://b/>" }')
        []
    """
    tokens = tokenize(sparql)
    declared = prefixes(tokens)
    found = []
    for index in range(len(tokens)):
        target = _service_target(tokens, index)
        if target is None:
            continue
        endpoint = tokens[target]
        if endpoint.kind == "var":
            found.append(endpoint.text)
        else:
            found.append(resolve(endpoint, declared) or endpoint.text)
    return found


def _service_target(tokens: list[Token], index: int) -> int | None:
    """The index of the endpoint token when `tokens[index]` opens `SERVICE [SILENT] <endpoint>`."""
    if not tokens[index].is_word("SERVICE"):
        return None
    target = index + 1
    if target < len(tokens) and tokens[target].is_word("SILENT"):
        target += 1
    return target if target < len(tokens) else None


def _find_blocks(tokens: list[Token], match: dict[int, int],
                 declared: dict[str, str]) -> list[_Block]:
    """The label-service blocks, with their languages and explicit bindings."""
    blocks = []
    for index in range(len(tokens)):
        target = _service_target(tokens, index)
        if target is None or target + 1 >= len(tokens) \
                or resolve(tokens[target], declared) != LABEL_SERVICE:
            continue
        opened = target + 1
        if tokens[opened].text != "{":
            raise QueryError("SERVICE wikibase:label must be followed by a { ... } block")
        closed = match[opened]
        last = closed
        if closed + 1 < len(tokens) and tokens[closed + 1].text == ".":
            last = closed + 1
        group_open = max((i for i, j in match.items()
                          if tokens[i].text == "{" and i < index and j > closed), default=-1)
        if group_open < 0:
            raise QueryError("SERVICE wikibase:label must be inside a WHERE { ... } group")
        block = _Block(index, opened, closed, last, group_open, match[group_open])
        _read_parameters(tokens[opened + 1:closed], declared, block)
        blocks.append(block)
    return blocks


_STRUCTURE = frozenset(".;,{}()[]")
_LANGUAGE = re.compile(r"[a-z]{1,8}(?:-[a-z0-9]{1,8})*")


def _read_parameters(body: list[Token], declared: dict[str, str], block: _Block) -> None:
    """Read the triples inside a label-service block into `block`.

    Raises:
        QueryError: the block is not a list of simple triples, or names no language.
    """
    terms = [t for t in body if t.kind != "lang"]
    position = 0

    def term() -> Token:
        nonlocal position
        if position >= len(terms) or terms[position].text in _STRUCTURE:
            raise QueryError("SERVICE wikibase:label holds only simple triples such as "
                             'bd:serviceParam wikibase:language "en,nl" .')
        position += 1
        return terms[position - 1]

    while position < len(terms):
        subject = term()
        while True:
            predicate = term()
            while True:
                value = term()
                _read_triple(subject, predicate, value, declared, block)
                if position < len(terms) and terms[position].text == ",":
                    position += 1
                    continue
                break
            if position < len(terms) and terms[position].text == ";":
                position += 1
                if position < len(terms) and terms[position].text not in ".;":
                    continue
            break
        if position < len(terms) and terms[position].text == ".":
            position += 1
        elif position < len(terms) and terms[position].text != ";":
            raise QueryError(f"unexpected {terms[position].text!r} in SERVICE wikibase:label")
    if not block.languages:
        raise QueryError('SERVICE wikibase:label needs a language: add '
                         'bd:serviceParam wikibase:language "en" . to the block')


def _read_triple(subject: Token, predicate: Token, value: Token,
                 declared: dict[str, str], block: _Block) -> None:
    """Record one triple of the block: a language parameter or an explicit binding."""
    if resolve(predicate, declared) == WIKIBASE + "language":
        if value.kind != "string":
            raise QueryError("wikibase:language takes a string such as \"en,nl\"")
        text = value.text.strip("\"'")
        for language in text.split(","):
            language = language.strip().lower()
            if language == "[auto_language]":
                language = AUTO_LANGUAGE
            if language and not _LANGUAGE.fullmatch(language):
                raise QueryError(f"wikibase:language {language!r} is not a language code "
                                 "such as en or pt-br")
            if language and language not in block.languages:
                block.languages.append(language)
        return
    prop = resolve(predicate, declared)
    variables = value.kind == "var" and subject.kind == "var"
    if prop is not None and prop in SUFFIXES.values() and variables:
        block.explicit.append((subject.text, prop, value.text))


def _bound_variables(tokens: list[Token], start: int, end: int,
                     skip: Iterable[tuple[int, int]] = ()) -> list[str]:
    """Variables that a group's patterns bind, in order of first appearance.

    A variable counts when it stands in a triple pattern (directly inside braces or
    brackets), after `AS`, or in a `VALUES` header; not when it only appears in a
    filter expression or inside `MINUS` / `EXISTS`.
    """
    skipped = list(skip)
    found: list[str] = []
    # each open bracket: its text, whether it hides its variables, whether it is a subquery
    stack: list[tuple[str, bool, bool]] = []
    values_header = False
    for index in range(start, end):
        if any(a <= index <= b for a, b in skipped):
            continue
        token = tokens[index]
        previous = tokens[index - 1] if index > 0 else None
        if token.text in ("{", "(", "[") and token.kind == "punct":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            hides = bool(stack and stack[-1][1]) or (
                token.text == "{" and (
                    (previous is not None and previous.is_word("MINUS", "EXISTS"))
                    or bool(stack and stack[-1][2])))  # a subquery's own WHERE group
            subquery = token.text == "{" and following is not None and following.is_word(
                "SELECT")
            stack.append((token.text, hides, subquery))
            continue
        if token.text in ("}", ")", "]") and token.kind == "punct":
            if stack:
                stack.pop()
            if token.text == ")":
                values_header = False
            continue
        if token.is_word("VALUES"):
            values_header = True
        if token.kind != "var" or (stack and stack[-1][1]):
            continue
        in_pattern = not stack or stack[-1][0] in "{["
        after_as = previous is not None and previous.is_word("AS")
        if (in_pattern or after_as or values_header) and token.text[1:] not in found:
            found.append(token.text[1:])
    return found


def _all_variables(tokens: list[Token]) -> set[str]:
    return {t.text[1:] for t in tokens if t.kind == "var"}


def _fresh(base: str, taken: set[str]) -> str:
    """A variable name starting with `base` that the query does not use yet (now taken)."""
    number = 1
    while f"{base}_{number}" in taken:
        number += 1
    taken.add(f"{base}_{number}")
    return f"{base}_{number}"


def _lang_filter(var: str, language: str) -> str:
    return f'FILTER(LCASE(LANG(?{var})) = "{language}")'


def _patterns(entity: str, prop: str, target: str, languages: list[str],
              taken: set[str]) -> str:
    """SPARQL that binds `?target` to the `prop` value of `?entity` in the first language."""
    helpers = []
    lines = []
    if prop != SCHEMA_DESCRIPTION and "mul" not in languages:
        languages = [*languages, "mul"]  # names the same in every language, as on Wikidata
    for language in languages:
        helper = _fresh("_" + target, taken)
        helpers.append(f"?{helper}")
        if prop == SKOS_ALT_LABEL:
            item = _fresh("_" + target + "_alt", taken)
            lines.append(
                f"OPTIONAL {{ SELECT ?{entity} (GROUP_CONCAT(?{item}; separator=\", \") "
                f"AS ?{helper}) WHERE {{ ?{entity} <{prop}> ?{item} "
                f"{_lang_filter(item, language)} }} GROUP BY ?{entity} }}")
        else:
            lines.append(f"OPTIONAL {{ ?{entity} <{prop}> ?{helper} "
                         f"{_lang_filter(helper, language)} }}")
    fallback = list(helpers)
    if prop == RDFS_LABEL:
        fallback.append(
            f'IF(isIRI(?{entity}), REPLACE(STR(?{entity}), "^.*[/#]", ""), STR(?{entity}))')
    lines.append(f"BIND(COALESCE({', '.join(fallback)}) AS ?{target})")
    return "\n  ".join(lines)


def rewrite(sparql: str) -> str:
    """The query with every `SERVICE wikibase:label` block answered from the graph's labels.

    Prefixes that the Wikidata Query Service predeclares (`wd:`, `wdt:`, `p:`, ...)
    are declared when the query uses them without declaring them
    (`declare_prefixes`). Returns the query unchanged when it has neither.

    Raises:
        QueryError: the label service block is malformed (no language, not simple triples)
            or the query's brackets do not balance.

    Examples:
        >>> q = '''SELECT ?x ?label WHERE { ?x ?p ?o
        ...   SERVICE wikibase:label { bd:serviceParam wikibase:language "nl,en" .
        ...                            ?x rdfs:label ?label } }'''
        >>> "?label" in rewrite(q) and "SERVICE" not in rewrite(q)
        True
    """
    return declare_prefixes(_answer_labels(sparql))


def _answer_labels(sparql: str) -> str:
    """The query with every `SERVICE wikibase:label` block replaced by label patterns."""
    if "service" not in sparql.lower():
        return sparql
    tokens = tokenize(sparql)
    if not any(t.is_word("SERVICE") for t in tokens):
        return sparql
    match = _matching(tokens)
    declared = prefixes(tokens)
    blocks = _find_blocks(tokens, match, declared)
    if not blocks:
        return sparql
    block_spans = [(b.first, b.last) for b in blocks]
    taken = _all_variables(tokens)
    mentioned = {
        t.text[1:] for i, t in enumerate(tokens)
        if t.kind == "var" and not any(a <= i <= b for a, b in block_spans)
    }
    insertions: dict[int, list[str]] = {}
    added: list[str] = []
    for block in blocks:
        bound = _bound_variables(tokens, block.group_open + 1, block.group_close, block_spans)
        if block.explicit:
            wanted = [(entity[1:], prop, target[1:]) for entity, prop, target in block.explicit]
        else:
            wanted = []
            for name in sorted(mentioned, key=lambda n: min(
                    t.start for t in tokens if t.kind == "var" and t.text[1:] == n)):
                for suffix, prop in SUFFIXES.items():
                    entity = name[: -len(suffix)]
                    if name.endswith(suffix) and entity in bound and name not in bound:
                        if suffix == "Label" and name.endswith("AltLabel"):
                            continue
                        wanted.append((entity, prop, name))
        patterns = [
            _patterns(entity, prop, target, block.languages, taken)
            for entity, prop, target in wanted if target not in added
        ]
        added.extend(target for _, _, target in wanted)
        if patterns:
            insertions.setdefault(block.group_close, []).extend(patterns)
    text = _splice(sparql, tokens, blocks, insertions)
    helpers = taken - _all_variables(tokens)
    return _expand_star(text, added, helpers) if added else text


def _splice(sparql: str, tokens: list[Token], blocks: list[_Block],
            insertions: dict[int, list[str]]) -> str:
    """The query text with the blocks cut out and the patterns put before their group's `}`."""
    edits: list[tuple[int, int, str]] = []
    for block in blocks:
        edits.append((tokens[block.first].start, tokens[block.last].end, ""))
    for close, patterns in insertions.items():
        at = tokens[close].start
        edits.append((at, at, "\n  " + "\n  ".join(patterns) + "\n"))
    out = sparql
    for start, end, text in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + text + out[end:]
    return out


def _expand_star(sparql: str, labels: list[str], helpers: set[str]) -> str:
    """Replace `SELECT *` of the outer query by its variables, so helper variables stay hidden."""
    tokens = tokenize(sparql)
    select = next((i for i, t in enumerate(tokens) if t.is_word("SELECT")), None)
    if select is None:
        return sparql
    star = select + 1
    if star < len(tokens) and tokens[star].is_word("DISTINCT", "REDUCED"):
        star += 1
    if star >= len(tokens) or tokens[star].text != "*":
        return sparql
    opened = next((i for i in range(star, len(tokens)) if tokens[i].text == "{"), None)
    if opened is None:
        return sparql
    match = _matching(tokens)
    bound = _bound_variables(tokens, opened + 1, match[opened])
    names = [name for name in bound if name not in helpers]
    names += [label for label in labels if label not in names]
    projection = " ".join(f"?{name}" for name in names)
    return sparql[: tokens[star].start] + projection + sparql[tokens[star].end:]


def declare_prefixes(sparql: str) -> str:
    """The query with a PREFIX line for each WDQS-predeclared prefix it uses but does not declare.

    The Wikidata Query Service knows `wd:`, `wdt:`, `p:`, `ps:`, `pq:`, `wikibase:` and
    more (`WDQS_PREFIXES`) without declarations; other engines reject such queries. The
    missing declarations go before the first character of the query, on its first line,
    so the line numbers of error messages stay right. A prefix the query declares itself
    is left alone, and other unknown prefixes stay an error of the engine.

    Examples:
        >>> print(declare_prefixes("SELECT ?x WHERE { ?x wdt:P31 wd:Q5 }"))
        ... # doctest: +NORMALIZE_WHITESPACE
        PREFIX wd: <http://www.wikidata.org/entity/>
        PREFIX wdt: <http://www.wikidata.org/prop/direct/> SELECT ?x WHERE { ?x wdt:P31 wd:Q5 }
        >>> declare_prefixes("PREFIX wd: <urn:x:> SELECT * { ?x ?p wd:Q5 }")
        'PREFIX wd: <urn:x:> SELECT * { ?x ?p wd:Q5 }'
    """
    if ":" not in sparql:
        return sparql
    tokens = tokenize(sparql)
    declared = prefixes(tokens)
    used: dict[str, None] = {}
    for index, token in enumerate(tokens):
        if token.kind != "pname" or (index > 0 and tokens[index - 1].is_word("PREFIX")):
            continue
        prefix = token.text.partition(":")[0]
        if prefix in WDQS_PREFIXES and prefix not in declared:
            used[prefix] = None
    if not used:
        return sparql
    head = " ".join(f"PREFIX {prefix}: <{WDQS_PREFIXES[prefix]}>" for prefix in sorted(used))
    return head + " " + sparql
