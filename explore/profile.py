"""Person profiles: everything the graph knows about one person, grouped, with sources.

`profile(kg, name)` finds the person (by name, surname, QID or IRI), reads every fact
in which they are the subject or the value, and groups them: sport and nationality,
family and relationships, medals and titles, records, wins, teams and coaches. The
same fact from several articles is one entry with several sources (article, date,
sentence, extractor, confidence). When the graph holds Wikidata's own statements for
the person (the KB graph, filled by `sportkg enrich`), Wikidata's values are listed
beside ours. A name that fits several people gives a profile with `candidates` only.

`render(profile, format=...)` turns a Profile into terminal text, JSON or Markdown.

Examples:
    >>> from sportkg.model import Entity, Evidence, Statement
    >>> noor = Entity("urn:noor", "Noor Vermeulen", None, "person")
    >>> nl = Entity.from_qid("Q55", "Netherlands", "country")
    >>> ev = Evidence("nl_01.txt", "De Nederlandse Noor Vermeulen won.", 0, 34, "nationality")
    >>> fact = Statement("nl_01", "h", noor, "P27", nl, ev, 0.9)
    >>> person = build_profile(noor, [fact])
    >>> [(g.title, [f.value for f in g.facts]) for g in person.groups]
    [('Sport and nationality', ['Netherlands'])]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import iris
from ..errors import ConfigError, InputError
from ..model import Entity, LiteralValue, Statement, Value
from ..ontology.relations import FACT_RELATIONS, GROUP_ORDER, RELATIONS

if TYPE_CHECKING:
    from ..graph.kg import KnowledgeGraph

FORMATS = ("text", "json", "markdown")
"""Output formats of `render`."""

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (group, tuple(r.key for r in FACT_RELATIONS if r.group == group)) for group in GROUP_ORDER
)
"""Profile sections and the relations each one shows, in display order (from the table)."""

INCOMING_LABELS: dict[str, str] = {r.key: r.incoming for r in FACT_RELATIONS if r.incoming}
"""How a fact reads from its value's side ("X father Y" is "child X" on Y's profile)."""

@dataclass(frozen=True)
class Source:
    """Where one fact was read: the article, its date, the sentence and the extractor."""

    doc: str
    source: str
    published: str | None
    sentence: str
    extractor: str
    confidence: float
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "doc": self.doc,
            "source": self.source,
            "published": self.published,
            "sentence": self.sentence,
            "extractor": self.extractor,
            "confidence": round(self.confidence, 3),
            "url": self.url,
        }


@dataclass(frozen=True)
class Fact:
    """One fact about the person, merged over every article that states it.

    Attributes:
        property: the relation key ("P166", "sk:won").
        relation: how it reads on this profile ("award received", "defeated by").
        value: the other side's label, or the literal in readable form.
        value_iri: the other side's IRI (None for literals).
        value_qid: its Wikidata QID when linked.
        incoming: True when the person is the value ("X defeated <person>").
        qualifiers: (label, value) pairs such as ("point in time", "2026-01-18").
        confidence: the highest confidence of any source.
        sources: every article sentence stating it, newest first.
    """

    property: str
    relation: str
    value: str
    value_iri: str | None
    value_qid: str | None
    incoming: bool
    qualifiers: tuple[tuple[str, str], ...]
    confidence: float
    sources: tuple[Source, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "property": self.property,
            "relation": self.relation,
            "value": self.value,
            "value_iri": self.value_iri,
            "value_qid": self.value_qid,
            "incoming": self.incoming,
            "qualifiers": {k: v for k, v in self.qualifiers},
            "confidence": round(self.confidence, 3),
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True)
class WikidataValue:
    """A value Wikidata gives for one of the person's properties (from the KB graph)."""

    property: str
    relation: str
    value: str
    value_iri: str | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"property": self.property, "relation": self.relation, "value": self.value,
                "value_iri": self.value_iri}


@dataclass(frozen=True)
class Group:
    """One section of a profile: its facts and Wikidata's values for the same properties."""

    title: str
    facts: tuple[Fact, ...]
    wikidata: tuple[WikidataValue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "title": self.title,
            "facts": [f.to_dict() for f in self.facts],
            "wikidata": [w.to_dict() for w in self.wikidata],
        }


@dataclass(frozen=True)
class Candidate:
    """A person a name could mean: IRI, label, QID and how many facts mention them."""

    iri: str
    label: str
    qid: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"iri": self.iri, "label": self.label, "qid": self.qid}


@dataclass(frozen=True)
class Profile:
    """Everything the graph knows about one person, or the candidates for an ambiguous name.

    Attributes:
        query: the name asked for.
        iri / label / qid: the person (None / "" when ambiguous).
        groups: the non-empty sections, in GROUPS order.
        articles: the documents the facts come from.
        candidates: the people the name fits when it fits more than one.
    """

    query: str
    iri: str | None
    label: str
    qid: str | None = None
    groups: tuple[Group, ...] = ()
    articles: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    same_as: tuple[str, ...] = field(default=())

    @property
    def ambiguous(self) -> bool:
        """True when the name fits several people and `candidates` lists them."""
        return bool(self.candidates)

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact of every group."""
        return tuple(f for g in self.groups for f in g.facts)

    def group(self, title: str) -> Group | None:
        """The section called `title`, if it has facts."""
        for group in self.groups:
            if group.title == title:
                return group
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (what `--format json` prints)."""
        if self.ambiguous:
            return {"query": self.query, "candidates": [c.to_dict() for c in self.candidates]}
        return {
            "query": self.query,
            "iri": self.iri,
            "label": self.label,
            "qid": self.qid,
            "same_as": list(self.same_as),
            "articles": list(self.articles),
            "groups": [g.to_dict() for g in self.groups],
        }


# --------------------------------------------------------------------------- finding people


def match_people(people: Iterable[Candidate], name: str) -> list[Candidate]:
    """The people `name` fits: exact name, QID or IRI first, else a surname or all its words.

    People with the same QID (a Wikidata IRI and a minted one) count as one.

    Examples:
        >>> people = [Candidate("urn:a", "Daan Hoekstra"), Candidate("urn:b", "Kees Hoekstra")]
        >>> [c.label for c in match_people(people, "daan hoekstra")]
        ['Daan Hoekstra']
        >>> [c.label for c in match_people(people, "Hoekstra")]
        ['Daan Hoekstra', 'Kees Hoekstra']
    """
    wanted = iris.fold(name)
    if not wanted:
        raise InputError("an empty name matches nobody; give a person's name")
    words_wanted = wanted.split()
    exact: dict[str, Candidate] = {}
    partial: dict[str, Candidate] = {}
    for person in people:
        key = person.qid or person.iri
        label = iris.fold(person.label)
        if wanted in (iris.fold(person.iri), iris.fold(person.qid or ""), label):
            exact.setdefault(key, person)
            continue
        words = label.split()
        if not words:
            continue
        if len(words_wanted) == 1:
            fits = words_wanted[0] in (words[0], words[-1])
        else:
            fits = all(w in words for w in words_wanted)
        if fits:
            partial.setdefault(key, person)
    found = exact or partial
    return sorted(found.values(), key=lambda c: (iris.fold(c.label), c.iri))


# --------------------------------------------------------------------------- building


def build_profile(
    person: Entity,
    statements: Iterable[Statement],
    *,
    query: str | None = None,
    same_as: Sequence[str] = (),
    wikidata: Iterable[WikidataValue] = (),
) -> Profile:
    """Group the statements about `person` (as subject or value) into a Profile.

    Args:
        person: the person.
        statements: statements to consider; those not about the person are ignored.
        query: the name that was asked for (default: the person's label).
        same_as: other IRIs of the same person (a minted IRI and its Wikidata IRI).
        wikidata: Wikidata's values for the person's properties.
    """
    mine = {person.iri, *same_as}
    if person.qid:
        mine.add("http://www.wikidata.org/entity/" + person.qid)
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    docs: set[str] = set()
    for statement in statements:
        value_iri = statement.value.iri if isinstance(statement.value, Entity) else None
        if statement.subject.iri in mine:
            incoming, other = False, statement.value
        elif value_iri in mine:
            incoming, other = True, statement.subject
        else:
            continue
        if statement.property not in RELATIONS:
            continue
        docs.add(statement.doc_id)
        prop, relation = statement.property, RELATIONS[statement.property]
        if incoming and relation.symmetric:
            incoming = False  # "X engaged to <person>" is "<person> engaged to X"
        elif incoming and relation.inverse:
            prop, incoming = relation.inverse, False  # "X father <person>" is "<person> child X"
        key = (prop, incoming, _value_key(other))
        entry = merged.setdefault(
            key, {"statement": statement, "other": other, "qualifiers": {}, "sources": {}}
        )
        for pid, qvalue in statement.qualifiers:
            entry["qualifiers"].setdefault(_relation_label(pid), _show(qvalue))
        evidence = statement.evidence
        source = Source(
            doc=statement.doc_id,
            source=evidence.source,
            published=evidence.published,
            sentence=evidence.sentence,
            extractor=evidence.extractor,
            confidence=statement.confidence,
            url=evidence.url,
        )
        previous = entry["sources"].get((source.doc, source.sentence))
        if previous is None or previous.confidence < source.confidence:
            entry["sources"][(source.doc, source.sentence)] = source

    for key in [k for k in merged if k[0] == "P40" and k[1]]:  # "X child <person>"
        for parent in ("P22", "P25"):  # ... is the same fact as "<person> father X"
            same = merged.get((parent, False, key[2]))
            if same is not None:
                same["sources"].update(merged.pop(key)["sources"])
                break
    facts: list[Fact] = []
    for (prop, incoming, _), entry in merged.items():
        value: Value = entry["other"]
        sources = sorted(
            entry["sources"].values(), key=lambda s: (s.published or "", s.doc), reverse=True
        )
        facts.append(
            Fact(
                property=prop,
                relation=_relation_label(prop, incoming=incoming),
                value=_show(value),
                value_iri=value.iri if isinstance(value, Entity) else None,
                value_qid=value.qid if isinstance(value, Entity) else None,
                incoming=incoming,
                qualifiers=tuple(sorted(entry["qualifiers"].items())),
                confidence=max(s.confidence for s in sources),
                sources=tuple(sources),
            )
        )
    wikidata_values = tuple(wikidata)
    groups: list[Group] = []
    for title, props in GROUPS:
        order = {p: i for i, p in enumerate(props)}
        chosen = sorted(
            (f for f in facts if f.property in order),
            key=lambda f: (order[f.property], f.incoming, _fact_date(f), iris.fold(f.value)),
        )
        wd = tuple(w for w in wikidata_values if w.property in order)
        if chosen or wd:
            groups.append(Group(title=title, facts=tuple(chosen), wikidata=wd))
    return Profile(
        query=query if query is not None else person.label,
        iri=person.iri,
        label=person.label,
        qid=person.qid,
        groups=tuple(groups),
        articles=tuple(sorted(docs)),
        same_as=tuple(sorted(set(same_as) - {person.iri})),
    )


def _fact_date(fact: Fact) -> str:
    for label, value in fact.qualifiers:
        if label == RELATIONS["P585"].label_en:
            return value
    return min((s.published or "" for s in fact.sources), default="")


def _value_key(value: Value) -> tuple[Any, ...]:
    if isinstance(value, Entity):
        return ("iri", value.iri)
    return ("literal", value.datatype, str(value.value), value.precision, value.unit)


def _relation_label(key: str, *, incoming: bool = False) -> str:
    relation = RELATIONS.get(key)
    label = relation.label_en if relation else key
    if not incoming or (relation is not None and relation.symmetric):
        return label
    return INCOMING_LABELS.get(key, f"{label} (as value)")


def _show(value: Value) -> str:
    """A readable form of a value: the label, a date, or a race time as m:ss.xx."""
    if isinstance(value, Entity):
        return str(value.label)
    return show_literal(value)


def show_literal(value: LiteralValue) -> str:
    """A literal as people write it.

    Examples:
        >>> show_literal(LiteralValue(113.41, "duration"))
        '1:53.41'
        >>> show_literal(LiteralValue(8570, "duration"))
        '2:22:50'
        >>> show_literal(LiteralValue(52.87, "quantity", unit="second"))
        '52.87 s'
        >>> show_literal(LiteralValue("2026-01", "date", "month"))
        '2026-01'
    """
    if value.datatype == "duration" and isinstance(value.value, int | float):
        seconds = float(value.value)
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        if hours:
            text = f"{int(hours)}:{int(minutes):02d}:{secs:05.2f}"
            return text[:-3] if text.endswith(".00") else text
        if minutes:
            return f"{int(minutes)}:{secs:05.2f}"
        return f"{secs:.2f} s"
    if value.datatype == "quantity" and value.unit:
        unit = {"second": "s", "seconds": "s", "metre": "m", "meter": "m"}.get(value.unit,
                                                                              value.unit)
        return f"{value.value} {unit}"
    return str(value.value)


# --------------------------------------------------------------------------- reading the graph


def profile(kg: KnowledgeGraph, name: str) -> Profile:
    """Everything `kg` knows about the person called `name` (a name, surname, QID or IRI).

    Args:
        kg: the graph.
        name: "Noor Vermeulen", "Vermeulen", "Q...", or the person's IRI.

    Returns:
        The person's Profile; when the name fits several people, a Profile whose
        `candidates` lists them (and has no facts).

    Raises:
        InputError: nobody in the graph fits `name`.
    """
    people = _people(kg)
    matches = match_people(people, name)
    if not matches:
        raise InputError(
            f"no person called {name!r} in the graph ({len({p.iri for p in people})} people); "
            "try a surname, a QID, or `sportkg query` to list people"
        )
    if len(matches) > 1:
        return Profile(query=name, iri=None, label="", candidates=tuple(matches))
    chosen = matches[0]
    same = sorted({p.iri for p in people if chosen.qid and p.qid == chosen.qid} | {chosen.iri})
    primary = next((iri for iri in same if not iri.startswith(iris.DEFAULT_BASE)), chosen.iri)
    person = Entity(iri=primary, label=chosen.label, qid=chosen.qid, type="person")
    statements: list[Statement] = []
    for iri in same:
        graphs = [row["g"] for row in _rows(kg, "profile/article_graphs", {"person": _iri(iri)})]
        statements.extend(kg.statements(articles=[g for g in graphs if g]))
    wikidata = _wikidata(kg, chosen.qid) if chosen.qid else []
    return build_profile(person, statements, query=name, same_as=same, wikidata=wikidata)


def _people(kg: KnowledgeGraph) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for row in _rows(kg, "profile/people"):
        iri = row["person"]
        if iri is None:
            continue
        label = row["label"] or iri
        same = row.get("same")
        qid = row.get("qid") or (same.rsplit("/", 1)[-1] if same else None)
        if iri not in found or len(label) > len(found[iri].label):
            found[iri] = Candidate(iri=iri, label=label, qid=qid)
    return list(found.values())


def _wikidata(kg: KnowledgeGraph, qid: str) -> list[WikidataValue]:
    wanted = {
        f"http://www.wikidata.org/prop/direct/{key}": key
        for _, props in GROUPS
        for key in props
        if not key.startswith("sk:")
    }
    bindings = {"item": _iri("http://www.wikidata.org/entity/" + qid), "kb": _iri(kg.kb_graph)}
    values: dict[tuple[str, str], WikidataValue] = {}
    for row in _rows(kg, "profile/wikidata_values", bindings):
        prop = wanted.get(row["property"] or "")
        raw = row["value"]
        if prop is None or raw is None:
            continue
        is_iri = raw.startswith(("http://", "https://"))
        label = row.get("label") or (raw.rsplit("/", 1)[-1] if is_iri else raw)
        if prop == "P569":
            label = label[:10]
        values.setdefault(
            (prop, raw),
            WikidataValue(property=prop, relation=_relation_label(prop), value=label,
                          value_iri=raw if is_iri else None),
        )
    return sorted(values.values(), key=lambda w: (w.property, w.value))


def _iri(value: str) -> Any:
    from rdflib import URIRef

    return URIRef(value)


def _rows(
    kg: KnowledgeGraph, query: str, bindings: Mapping[str, Any] | None = None
) -> list[dict[str, str | None]]:
    """Run the SELECT `queries/<query>.rq`; its rows as {variable: lexical value or None}."""
    from ..queries import query_text

    result = kg.query(query_text(query), bindings=bindings)
    return [
        {name: (None if term is None else str(term))
         for name, term in zip(result.variables, row, strict=True)}
        for row in result.rows
    ]


# --------------------------------------------------------------------------- rendering


def render(person: Profile, *, format: str = "text") -> str:
    """The profile as terminal text, JSON or Markdown.

    Raises:
        ConfigError: for an unknown format.
    """
    if format == "json":
        return json.dumps(person.to_dict(), ensure_ascii=False, indent=2)
    if format == "markdown":
        return _markdown(person)
    if format == "text":
        return _text(person)
    raise ConfigError(f"Unknown profile format {format!r}. Available: {', '.join(FORMATS)}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _qualifier_text(fact: Fact) -> str:
    return "; ".join(f"{k}: {v}" for k, v in fact.qualifiers)


def _source_line(source: Source) -> str:
    when = f", {source.published}" if source.published else ""
    return f"{source.doc}{when}, {source.extractor}, confidence {source.confidence:.2f}"


def _candidates_text(person: Profile, bullet: str) -> list[str]:
    lines = [f"{person.query!r} fits {len(person.candidates)} people:"]
    for c in person.candidates:
        qid = f" ({c.qid})" if c.qid else ""
        lines.append(f"{bullet}{c.label}{qid} <{c.iri}>")
    lines.append("Give the full name, the QID or the IRI.")
    return lines


def _text(person: Profile) -> str:
    if person.ambiguous:
        return "\n".join(_candidates_text(person, "  "))
    linked = f"Wikidata {person.qid}" if person.qid else "not linked to Wikidata"
    lines = [
        f"{person.label}  ({linked})",
        f"  {person.iri}",
        f"  {_count(len(person.facts), 'fact')} from {_count(len(person.articles), 'article')}",
    ]
    for group in person.groups:
        lines += ["", group.title.upper()]
        for fact in group.facts:
            qual = _qualifier_text(fact)
            lines.append(f"  {fact.relation}: {fact.value}" + (f"  [{qual}]" if qual else ""))
            for source in fact.sources:
                lines.append(f"      {_source_line(source)}")
                lines.append(f"        \u201c{source.sentence}\u201d")
        for value in group.wikidata:
            lines.append(f"  Wikidata: {value.relation}: {value.value}")
    if not person.groups:
        lines += ["", "No facts about this person yet."]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(person: Profile) -> str:
    if person.ambiguous:
        lines = _candidates_text(person, "- ")
        return "\n".join([lines[0], "", *lines[1:-1], "", lines[-1]])
    linked = (
        f"[{person.qid}](https://www.wikidata.org/wiki/{person.qid})"
        if person.qid else "not linked to Wikidata"
    )
    lines = [
        f"# {person.label}",
        "",
        f"{linked} · `{person.iri}` · {_count(len(person.facts), 'fact')} from "
        f"{_count(len(person.articles), 'article')}",
    ]
    for group in person.groups:
        lines += ["", f"## {group.title}", ""]
        if group.facts:
            lines += ["| relation | value | details | confidence | sources |",
                      "|---|---|---|---|---|"]
        for fact in group.facts:
            sources = "<br>".join(
                f"{_md(s.doc)}{' (' + s.published + ')' if s.published else ''}: "
                f"\u201c{_md(s.sentence)}\u201d"
                for s in fact.sources
            )
            lines.append(
                f"| {_md(fact.relation)} | {_md(fact.value)} | {_md(_qualifier_text(fact))} "
                f"| {fact.confidence:.2f} | {sources} |"
            )
        if group.wikidata:
            lines += ["", "Wikidata: " + "; ".join(
                f"{_md(w.relation)}: {_md(w.value)}" for w in group.wikidata
            )]
    return "\n".join(lines)
