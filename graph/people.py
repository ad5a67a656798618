"""One person, one IRI: match minted people against the people already in the store.

Extraction mints a person's IRI from the name, with the sport added when the
article names one (`anna-berg--cycling`), so one article's "Anna Berg" and
another's "Anna Berg, the cyclist" would be two people. Before a batch is
written, every minted person is matched on the folded name (`sk:nameKey`)
against the people in the store and in the batch; when exactly one of them is
compatible (no different sport in the IRI, no disjoint nationality), the
batch uses that person's IRI. People with a Wikidata QID are never renamed. An IRI
that a merge retired (`owl:sameAs` in the KB graph, `graph/merge.py`) is written as the
one it was merged into, so a merge lasts when its articles are read again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..iris import fold
from ..model import WIKIDATA_ENTITY, Entity, Statement, Value

if TYPE_CHECKING:
    from .stores import Store

CHUNK = 500
"""Name keys per store query."""


@dataclass
class Person:
    """What tells people of one name apart: the sport in their IRI and their nationalities."""

    iri: str
    sport: str = ""
    countries: set[str] = field(default_factory=set)

    def fits(self, other: Person) -> bool:
        """True when nothing says the two are different people."""
        if self.sport and other.sport and self.sport != other.sport:
            return False
        return not (self.countries and other.countries and not self.countries & other.countries)


def _sport(iri: str) -> str:
    """The sport a minted IRI carries after `--` ("" for none)."""
    return iri.rsplit("/", 1)[-1].partition("--")[2]


def _minted(entity: Value, base: str) -> bool:
    return (isinstance(entity, Entity) and entity.type == "person" and not entity.qid
            and entity.iri.startswith(base + "entity/"))


def _batch_people(statements: Iterable[Statement], base: str) -> dict[str, dict[str, Person]]:
    """name key -> IRI -> Person, for the minted people of a batch."""
    found: dict[str, dict[str, Person]] = defaultdict(dict)
    for statement in statements:
        for entity in statement.entities():
            if _minted(entity, base):
                found[fold(entity.label)].setdefault(
                    entity.iri, Person(entity.iri, _sport(entity.iri)))
        subject = statement.subject
        if statement.property == "P27" and _minted(subject, base) and isinstance(
                statement.value, Entity):
            found[fold(subject.label)][subject.iri].countries.add(statement.value.iri)
    return found


_QUERY = """
SELECT ?person ?key ?country WHERE {{
  VALUES ?key {{ {keys} }}
  GRAPH <{facts}> {{ ?person <https://w3id.org/sportkg/ontology#nameKey> ?key }}
  OPTIONAL {{ GRAPH <{facts}> {{ ?person <http://www.wikidata.org/prop/direct/P27> ?country }} }}
}}"""


def _stored_people(store: Store, facts: str, keys: Sequence[str]) -> dict[str, dict[str, Person]]:
    """name key -> IRI -> Person, for the people of these names already in the store."""
    from rdflib import Literal

    found: dict[str, dict[str, Person]] = defaultdict(dict)
    for start in range(0, len(keys), CHUNK):
        values = " ".join(Literal(k).n3() for k in keys[start:start + CHUNK])
        for iri, key, country in store.query(_QUERY.format(keys=values, facts=facts)).rows:
            person = found[str(key)].setdefault(str(iri), Person(str(iri), _sport(str(iri))))
            if country is not None:
                person.countries.add(str(country))
    return found


class Known:
    """The people one load has looked up in the store or written: name key -> IRI -> Person.

    A load asks the store about each name key once, and keeps the people it writes, so a
    batch needs no query for names seen before, and people written by a bulk load that is
    still streaming (not yet visible to queries) are matched all the same. With `empty`
    (the store held nothing when the load began) no key is ever asked.
    """

    def __init__(self, *, empty: bool = False) -> None:
        self.empty = empty
        self.people: dict[str, dict[str, Person]] = defaultdict(dict)
        self.by_iri: dict[str, Person] = {}
        self.asked: set[str] = set()

    def _person(self, key: str, iri: str) -> Person:
        person = self.by_iri.get(iri)
        if person is None:
            person = self.by_iri[iri] = Person(iri, _sport(iri))
        self.people[key][iri] = person
        return person

    def lookup(self, store: Store, facts: str, keys: Sequence[str]) -> dict[str, dict[str, Person]]:
        """name key -> IRI -> Person for these keys, asking the store about new keys only."""
        new = [] if self.empty else [k for k in keys if k not in self.asked]
        if new:
            for key, people in _stored_people(store, facts, new).items():
                for iri, found in people.items():
                    self._person(key, iri).countries |= found.countries
            self.asked.update(new)
        return {k: dict(self.people[k]) for k in keys if k in self.people}

    def remember(self, statements: Iterable[Statement]) -> None:
        """Keep the people (and their nationalities) of statements written."""
        for statement in statements:
            for entity in statement.entities():
                if isinstance(entity, Entity) and entity.type == "person":
                    self._person(fold(entity.label), entity.iri)
            if statement.property == "P27" and isinstance(statement.value, Entity):
                person = self.by_iri.get(statement.subject.iri)
                if person is not None:
                    person.countries.add(statement.value.iri)


_RETIRED = """SELECT ?iri ?kept WHERE {{ VALUES ?iri {{ {iris} }}
  GRAPH ?kb {{ ?iri <http://www.w3.org/2002/07/owl#sameAs> ?kept }} }}"""


def _retired(store: Store, iris: Sequence[str]) -> dict[str, str]:
    """Minted IRI -> the IRI it was merged into (`owl:sameAs`, written by a merge or a
    link), for the IRIs of a batch that were retired."""
    from .literals import iri_nt

    found: dict[str, str] = {}
    for start in range(0, len(iris), CHUNK):
        values = " ".join(iri_nt(i) for i in iris[start:start + CHUNK])
        for iri, kept in store.query(_RETIRED.format(iris=values)).rows:
            found.setdefault(str(iri), str(kept))
    return found


def canonical(store: Store, facts: str, base: str,
              statements: Iterable[Statement], *, cache: Known | None = None) -> dict[str, str]:
    """Minted person IRI -> the IRI of the one compatible person it is, where it is another:
    the IRI it was merged into when it was retired, else the one person of its name.

    Args:
        cache: the people a load has seen so far (asked of the store once per name key).
    """
    batch = _batch_people(statements, base)
    if not batch:
        return {}
    mapping = {} if cache is not None and cache.empty else _retired(
        store, sorted({iri for people in batch.values() for iri in people}))
    stored = (cache.lookup(store, facts, sorted(batch)) if cache is not None
              else _stored_people(store, facts, sorted(batch)))
    for key, people in batch.items():
        known = stored.get(key, {})
        for iri, person in people.items():
            if iri in known or iri in mapping:
                continue
            merged = Person(iri, person.sport, set(person.countries))
            merged.countries |= known.get(iri, Person(iri)).countries
            fitting = [p for p in known.values() if p.fits(merged)]
            if len(fitting) == 1:
                mapping[iri] = fitting[0].iri
                continue
            if fitting:
                continue
            # nobody of this name is stored yet: the batch's people of one name join the
            # single most specific one (the one whose IRI names a sport)
            peers = [p for p in people.values() if p.iri != iri and p.fits(person)]
            specific = [p for p in peers if p.sport]
            if not person.sport and len(specific) == 1 and all(
                    p.fits(specific[0]) for p in peers):
                mapping[iri] = specific[0].iri
    return mapping


def rename(statements: Sequence[Statement], mapping: Mapping[str, str]) -> list[Statement]:
    """The statements with every person IRI in `mapping` replaced."""

    def swap(value: Value) -> Value:
        if isinstance(value, Entity) and value.iri in mapping:
            iri = mapping[value.iri]
            qid = value.qid or (iri.removeprefix(WIKIDATA_ENTITY)
                                if iri.startswith(WIKIDATA_ENTITY) else None)
            return Entity(iri, value.label, qid, value.type)
        return value

    out = []
    for st in statements:
        subject = swap(st.subject)
        assert isinstance(subject, Entity)
        out.append(Statement(st.doc_id, st.article_hash, subject, st.property, swap(st.value),
                             st.evidence, st.confidence,
                             tuple((pid, swap(v)) for pid, v in st.qualifiers)))
    return out
