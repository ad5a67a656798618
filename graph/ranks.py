"""Statement ranks as Wikidata sets them, and the truthy triples that follow from them.

The writer gives every statement normal rank and `wikibase:BestRank`. Some
claims say more once other claims are known, so after each write (after a bulk
load: once, at its end) the rank groups it touched are looked at again, each
subject's statements of the properties in `RANK_GROUPS`:

- a record (P1000) set again: the newest statement of a record (latest `P585`)
  is preferred, so the truthy `wdt:P1000` and `BestRank` follow the current one;
- an age (`sk:age`) stated at several dates: the latest is preferred;
- an ended engagement: `sk:engagedTo` with an end time (`P582`), or a couple who
  have since married (`P26` between the same people), is deprecated.

Best rank is then Wikidata's rule: the preferred statements of a subject and
property if there are any, else the normal ones; deprecated never. The truthy
triple `subject wdt:P value` exists exactly for the best-rank statements.
A mirror statement (`sk:mirrorOf`) takes the rank of its primary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ontology import namespaces as ns
from ..ontology.relations import RELATIONS
from . import rdf

if TYPE_CHECKING:
    from .stores import Store

LATEST_PREFERRED: dict[str, str] = {"P1000": "value", "sk:age": "subject"}
"""Properties whose latest statement (by `P585`) is preferred, grouped per value or per subject."""

ENDED_BY: dict[str, str] = {"sk:engagedTo": "P26"}
"""A relation deprecated once the same two people hold the other one (engaged -> married)."""

RULE_KEYS = frozenset({*LATEST_PREFERRED, *ENDED_BY, *ENDED_BY.values()})
"""Properties whose statements can change the rank of others: their subjects are re-ranked."""

CHUNK = 500
"""Subjects per re-rank query."""

FLUSH_CHUNKS = 10
"""Chunks of ranks set from a load's claims between two flushes of a store that can: at
3 x 10^5 statements the ranks grew the writer by 64 MB unflushed, by 30 MB flushed so."""

P585 = str(ns.qualifier("P585"))
P582 = str(ns.qualifier("P582"))
MIRROR_OF = "https://w3id.org/sportkg/ontology#mirrorOf"
RANKS = {rdf.NORMAL_RANK, rdf.PREFERRED_RANK, rdf.DEPRECATED_RANK}


@dataclass
class _Claim:
    """One statement node as stored: what ranking needs to know."""

    iri: str
    subject: str
    key: str
    value: Any = None
    rank: str | None = None
    best: bool = False
    when: str = ""
    ended: bool = False
    mirror_of: str | None = None
    types: set[str] = field(default_factory=set)


def _nt(term: Any) -> str:
    """An IRI given as text, or an rdflib term, in N-Triples."""
    if isinstance(term, str) and not hasattr(term, "n3"):
        return f"<{term}>"
    return str(term.n3())


def _rows(store: Store, text: str) -> Iterable[Sequence[Any]]:
    """The rows of a query, IRIs as text where the store has that fast path (no rdflib term
    per IRI: most of the re-rank rows are IRIs)."""
    fast = getattr(store, "value_rows", None)
    return fast(text) if fast is not None else store.query(text).rows


def rank_of(claim: _Claim, claims: Sequence[_Claim]) -> str:
    """The rank the rules give `claim` among the claims of its subject."""
    if claim.key in ENDED_BY:
        other = ENDED_BY[claim.key]
        if claim.ended or any(c.key == other and _same(c.value, claim.value) for c in claims):
            return rdf.DEPRECATED_RANK
    group_by = LATEST_PREFERRED.get(claim.key)
    if group_by is not None:
        group = [c for c in claims if c.key == claim.key
                 and (group_by == "subject" or _same(c.value, claim.value))]
        dated = [c.when for c in group if c.when]
        if len(group) > 1 and dated and claim.when == max(dated) and dated.count(claim.when) == 1:
            return rdf.PREFERRED_RANK
    return rdf.NORMAL_RANK


def _same(a: Any, b: Any) -> bool:
    return a is not None and b is not None and str(a) == str(b)


def desired(claims: Sequence[_Claim]) -> tuple[dict[str, str], set[str], set[tuple[str, str, str]]]:
    """(rank per statement, best-rank statements, truthy triples) of one subject's claims."""
    own = {c.iri for c in claims}
    # a claim ranks by the rules among this subject's claims; a mirror of a claim of the
    # same subject (an engagement's P451 form) takes its primary's rank, while a mirror
    # written from the value's side (the spouse's P26) ranks as a claim of its own
    primary = [c for c in claims if c.mirror_of is None or c.mirror_of not in own]
    ranks: dict[str, str] = {}
    for claim in primary:
        ranks[claim.iri] = rank_of(claim, primary)
    for claim in claims:
        if claim.iri not in ranks:
            ranks[claim.iri] = ranks.get(str(claim.mirror_of), rdf.NORMAL_RANK)
    by_property: dict[str, list[_Claim]] = defaultdict(list)
    for claim in claims:
        by_property[claim.key].append(claim)
    best: set[str] = set()
    truthy: set[tuple[str, str, str]] = set()
    for key, group in by_property.items():
        top = rdf.PREFERRED_RANK if any(ranks[c.iri] == rdf.PREFERRED_RANK for c in group) \
            else rdf.NORMAL_RANK
        for claim in group:
            if ranks[claim.iri] == top and claim.value is not None:
                best.add(claim.iri)
                truthy.add((claim.subject, str(ns.direct(key)), _nt(claim.value)))
    return ranks, best, truthy


RANKED_KEYS = frozenset({*RULE_KEYS, *(pid for pid, _ in rdf.MIRRORS.values())})
"""Properties whose ranks the rules can change: the rule properties and their mirrors (P451).
Every other statement keeps the normal rank, best rank and truthy triple the writer gave it."""

# Each subject's truthy triples and statement links of the properties asked for, the links
# joined with their statement nodes' triples: two branches that Oxigraph answers with index
# lookups per subject (an OPTIONAL inside the GRAPH block made it scan every statement).
_QUERY = """
SELECT ?s ?p ?o ?sp ?so WHERE {{
  VALUES ?s {{ {subjects} }}
  {{ VALUES ?p {{ {direct} }} GRAPH <{facts}> {{ ?s ?p ?o }} }}
  UNION
  {{ VALUES ?p {{ {links} }} GRAPH <{facts}> {{ ?s ?p ?o . ?o ?sp ?so }}
     FILTER(?sp IN ({wanted})) }}
}}"""


def _predicates(keys: Iterable[str] | None) -> dict[str, str]:
    """The truthy and statement-link predicates of these properties (None: every property)."""
    chosen = sorted(RELATIONS if keys is None else keys)
    wanted = [rdf.RDF_TYPE, rdf.WIKIBASE_RANK, P585, P582, MIRROR_OF,
              *(str(ns.statement_value(key)) for key in chosen)]
    return {"direct": " ".join(f"<{ns.direct(key)}>" for key in chosen),
            "links": " ".join(f"<{ns.statement_link(key)}>" for key in chosen),
            "wanted": ", ".join(f"<{iri}>" for iri in wanted)}


def _roles() -> dict[str, tuple[str, str]]:
    """Predicate IRI -> ("direct" | "link" | "value", relation key), for every relation."""
    roles: dict[str, tuple[str, str]] = {}
    for key in RELATIONS:
        roles[str(ns.direct(key))] = ("direct", key)
        roles[str(ns.statement_link(key))] = ("link", key)
        roles[str(ns.statement_value(key))] = ("value", key)
    return roles


ROLES = _roles()


def _claims(rows: Iterable[Sequence[Any]]) -> tuple[dict[str, list[_Claim]],
                                                      set[tuple[str, str, str]]]:
    """Claims per subject and the truthy triples stored now, from the re-rank query rows."""
    claims: dict[str, dict[str, _Claim]] = defaultdict(dict)
    stored: set[tuple[str, str, str]] = set()
    for s, p, o, sp, so in rows:
        subject, pred = str(s), str(p)
        role = ROLES.get(pred)
        if role is None:
            continue
        kind, key = role
        if kind == "direct":
            stored.add((subject, pred, _nt(o)))
            continue
        if kind != "link" or sp is None:
            continue
        claim = claims[subject].setdefault(str(o), _Claim(str(o), subject, key))
        spred = str(sp)
        if ROLES.get(spred) == ("value", key):
            claim.value = so
        elif spred == rdf.WIKIBASE_RANK:
            claim.rank = str(so)
        elif spred == rdf.RDF_TYPE:
            claim.types.add(str(so))
            claim.best = claim.best or str(so) == rdf.BEST_RANK
        elif spred == P585:
            claim.when = max(claim.when, str(so))
        elif spred == P582:
            claim.ended = True
        elif spred == MIRROR_OF:
            claim.mirror_of = str(so)
    return {s: list(c.values()) for s, c in claims.items()}, stored


def rerank(store: Store, facts: str, subjects: Iterable[str], *,
           keys: Iterable[str] | None = None) -> int:
    """Set ranks, `BestRank` and truthy triples of these subjects' statements; returns changes.

    Args:
        keys: only the statements of these properties (after a write that removed nothing,
            `RANKED_KEYS` is enough: no other rank can change); None for every property.
    """
    predicates = _predicates(keys)
    changed = 0
    todo = list(dict.fromkeys(subjects))
    for start in range(0, len(todo), CHUNK):
        chunk = todo[start:start + CHUNK]
        text = _QUERY.format(subjects=" ".join(f"<{s}>" for s in chunk), facts=facts,
                             **predicates)
        per_subject, stored = _claims(_rows(store, text))
        changed += _set(store, facts, per_subject, stored)
    return changed


class _Written(str):
    """A value as the writer wrote it, in N-Triples (so `_nt` gives it back as it is)."""

    def n3(self) -> str:
        return str(self)


def rerank_written(store: Store, facts: str, written: Mapping[str, Mapping[str, rdf.Claim]],
                   touched: Mapping[str, Iterable[str]]) -> int:
    """`rerank` from the claims a load wrote, without reading the store; returns changes.

    Only right when the store held nothing else of these subjects' rank groups: a bulk load
    into a new store, nothing swept. The writer gave every claim normal rank, best rank and
    its truthy triple, which is what `rerank` would have read back.

    Args:
        written: subject -> statement node -> claim, every claim of a ranked property the
            load wrote.
        touched: property -> subjects written with it (as `groups_to_rerank` takes).
    """
    changed = 0
    chunks = 0
    flush = getattr(store, "flush", None)
    for keys, subjects in groups_to_rerank(touched).items():
        for start in range(0, len(subjects), CHUNK):
            chunks += 1
            if flush is not None and chunks % FLUSH_CHUNKS == 0:
                flush()
            per_subject: dict[str, list[_Claim]] = {}
            stored: set[tuple[str, str, str]] = set()
            for subject in subjects[start:start + CHUNK]:
                claims = [
                    _Claim(c.node, c.subject, c.key, _Written(c.value), rdf.NORMAL_RANK, True,
                           c.when, c.ended, c.mirror_of, {rdf.WIKIBASE_STATEMENT, rdf.BEST_RANK})
                    for c in written.get(subject, {}).values() if c.key in keys]
                if claims:
                    per_subject[subject] = claims
                    stored |= {(subject, str(ns.direct(c.key)), c.value) for c in claims}
            changed += _set(store, facts, per_subject, stored)
    return changed


def _set(store: Store, facts: str, per_subject: Mapping[str, Sequence[_Claim]],
         stored: set[tuple[str, str, str]]) -> int:
    """Write the ranks, best ranks and truthy triples the rules give these claims."""
    wanted: set[tuple[str, str, str]] = set()
    remove: list[str] = []
    add: list[str] = []
    for claims in per_subject.values():
        ranks, best, truthy = desired(claims)
        wanted |= truthy
        for claim in claims:
            st = f"<{claim.iri}>"
            if claim.rank != ranks[claim.iri]:
                if claim.rank is not None:
                    remove.append(f"{st} <{rdf.WIKIBASE_RANK}> <{claim.rank}> .")
                add.append(f"{st} <{rdf.WIKIBASE_RANK}> <{ranks[claim.iri]}> .")
            if claim.best and claim.iri not in best:
                remove.append(f"{st} <{rdf.RDF_TYPE}> <{rdf.BEST_RANK}> .")
            elif not claim.best and claim.iri in best:
                add.append(f"{st} <{rdf.RDF_TYPE}> <{rdf.BEST_RANK}> .")
    remove += [f"<{s}> <{p}> {o} ." for s, p, o in stored - wanted]
    add += [f"<{s}> <{p}> {o} ." for s, p, o in wanted - stored]
    if remove or add:
        store.update(_data_update(facts, remove, add))
    return len(remove) + len(add)


def _data_update(graph: str, remove: Sequence[str], add: Sequence[str]) -> str:
    parts = []
    if remove:
        body = "\n".join(remove)
        parts.append(f"DELETE DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    if add:
        body = "\n".join(add)
        parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}} }}")
    return " ;\n".join(parts)


def _group(key: str) -> frozenset[str]:
    """The properties whose ranks a statement of rule property `key` can change (with mirrors)."""
    keys = {key}
    for ended, by in ENDED_BY.items():
        if key in (ended, by):
            keys |= {ended, by}
    keys |= {rdf.MIRRORS[k][0] for k in list(keys) if k in rdf.MIRRORS}
    return frozenset(keys)


RANK_GROUPS: dict[str, frozenset[str]] = {key: _group(key) for key in sorted(RULE_KEYS)}
"""Rule property -> the properties to rank again when a subject gets a statement of it: a
record or an age ranks among its own kind only, an engagement and a marriage together."""


def groups_to_rerank(statements: Mapping[str, Iterable[str]]) -> dict[frozenset[str], list[str]]:
    """Properties to rank again -> the subjects whose statements of them a write may change.

    Only the rank groups a write touches are read again (a new age: that person's ages,
    not every rule claim of the person), so the cost no longer grows with the claims a
    subject already has of other properties.

    Args:
        statements: property key -> subjects written with it (for a symmetric relation, the
            values too, which hold it from their side).

    Examples:
        >>> groups_to_rerank({"sk:age": ["a"], "P27": ["b"]})
        {frozenset({'sk:age'}): ['a']}
    """
    per_subject: dict[str, set[str]] = {}
    for key, subjects in statements.items():
        group = RANK_GROUPS.get(key)
        if group is None:
            continue
        for subject in subjects:
            per_subject.setdefault(subject, set()).update(group)
    out: dict[frozenset[str], list[str]] = {}
    for subject, keys in per_subject.items():
        out.setdefault(frozenset(keys), []).append(subject)
    return out
