"""The relation table: every property sportkg extracts, writes, scores and documents.

This is the one place a relation is declared. The ontology (sportkg.ttl), the
RDF writer, the evaluation and the docs read it; adding a relation means adding
a row here and an extractor for it.

Examples:
    >>> RELATIONS["P166"].label_en
    'award received'
    >>> get_relation("sk:engagedTo").symmetric
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import OntologyError

SK = "https://w3id.org/sportkg/ontology#"
"""Namespace of the project's own ontology terms (prefix `sk:`)."""


@dataclass(frozen=True)
class Relation:
    """One property of the graph.

    Attributes:
        key: the id used in Statements: a Wikidata PID ("P166") or "sk:<name>".
        label_en / label_nl: human labels.
        value_type: "item" (an entity), "date", "integer", "quantity" or "string".
        subject_types / value_types: coarse entity types allowed (empty: any).
        symmetric: the relation holds in both directions (spouse, sibling).
        inverse: the key of the inverse relation, if any (P22 father -> P40 child).
        wikidata: for sk: terms, the nearest Wikidata property.
        alignment: how `wikidata` relates: "subPropertyOf", "inverseOf" or "closeMatch".
        qualifier_only: used only as a qualifier, never as the main property.
        description: one line that says what the relation means.
        group: the section of a person's profile that shows it (every main property has one).
        incoming: how it reads from the value's side ("X coached by Y" is "coach of X" on
            Y's profile); empty when it is not shown there.
        mirror: Wikidata's building blocks the project term is also written in: (property,
            extra item qualifiers), e.g. an engagement as P451 + P3831 engagement.
        single_valued: a subject has one true value (a father, a date of birth): articles
            giving two are a disagreement, which the writer marks (`graph/marks.py`) and the
            `disagreements` report lists.
    """

    key: str
    label_en: str
    label_nl: str
    value_type: str
    description: str
    subject_types: tuple[str, ...] = ()
    value_types: tuple[str, ...] = ()
    symmetric: bool = False
    inverse: str | None = None
    wikidata: str | None = None
    alignment: str | None = None
    qualifier_only: bool = False
    group: str = ""
    incoming: str = ""
    mirror: tuple[str, tuple[tuple[str, str], ...]] | None = None
    single_valued: bool = False

    @property
    def is_wikidata(self) -> bool:
        """True for Wikidata PIDs, False for the project's own sk: terms."""
        return not self.key.startswith("sk:")

    @property
    def local_name(self) -> str:
        """The name used in IRIs: "P166" or "engagedTo"."""
        return self.key[3:] if self.key.startswith("sk:") else self.key


_PERSON = ("person",)
_AGENT = ("person", "team")

_IDENTITY = "Sport and nationality"
_FAMILY = "Family and relationships"
_MEDALS = "Medals and titles"
_RECORDS = "Records"
_WINS = "Wins"
_TEAMS = "Teams and coaches"
GROUP_ORDER: tuple[str, ...] = (_IDENTITY, _FAMILY, _MEDALS, _RECORDS, _WINS, _TEAMS)
"""The profile's sections in display order."""

_TABLE: tuple[Relation, ...] = (
    # relationships
    Relation("sk:engagedTo", "engaged to", "verloofd met", "item",
             "engaged to be married (verloofd, fiancé/fiancée)",
             _PERSON, _PERSON, symmetric=True, wikidata="P451", alignment="closeMatch",
             group=_FAMILY, mirror=("P451", (("P3831", "Q157512"),))),
    Relation("P26", "spouse", "echtgenoot", "item",
             "married to (getrouwd, echtgenoot, echtgenote, wife, husband)",
             _PERSON, _PERSON, symmetric=True, group=_FAMILY),
    Relation("P451", "unmarried partner", "partner", "item",
             "in a relationship, not married or engaged (vriend, vriendin, dating)",
             _PERSON, _PERSON, symmetric=True, group=_FAMILY),
    # family
    Relation("P22", "father", "vader", "item", "the subject's father",
             _PERSON, _PERSON, inverse="P40", group=_FAMILY, single_valued=True),
    Relation("P25", "mother", "moeder", "item", "the subject's mother",
             _PERSON, _PERSON, inverse="P40", group=_FAMILY, single_valued=True),
    Relation("P40", "child", "kind", "item", "the subject's son or daughter",
             _PERSON, _PERSON, group=_FAMILY, incoming="parent"),
    Relation("P3373", "sibling", "broer of zus", "item", "brother or sister",
             _PERSON, _PERSON, symmetric=True, group=_FAMILY),
    # who they are
    Relation("P27", "country of citizenship", "nationaliteit", "item",
             "nationality (de Nederlandse ..., American ...)", _PERSON, ("country",),
             group=_IDENTITY),
    Relation("P106", "occupation", "beroep", "item",
             "occupation (speed skater, boxer, influencer, coach)", _PERSON, ("occupation",),
             group=_IDENTITY),
    Relation("P641", "sport", "sport", "item", "the sport a person or team plays",
             _AGENT, ("sport",), group=_IDENTITY),
    Relation("P569", "date of birth", "geboortedatum", "date", "date of birth", _PERSON,
             group=_IDENTITY, single_valued=True),
    Relation("sk:age", "age", "leeftijd", "integer",
             "age in years stated in an article, at the date of qualifier P585",
             _PERSON, wikidata="P569", alignment="closeMatch", group=_IDENTITY,
             single_valued=True),
    Relation("P19", "place of birth", "geboorteplaats", "item", "place of birth",
             _PERSON, ("place", "country"), group=_IDENTITY, single_valued=True),
    # career
    Relation("P54", "member of sports team", "lid van sportteam", "item",
             "plays for a team, club or cycling team (P580/P582 for transfers)",
             _PERSON, ("team", "organization"), group=_TEAMS, incoming="has member"),
    Relation("sk:coachedBy", "coached by", "getraind door", "item",
             "the subject is coached or trained by the value",
             _AGENT, _PERSON, wikidata="P286", alignment="closeMatch", group=_TEAMS,
             incoming="coach of"),
    Relation("P166", "award received", "onderscheiding ontvangen", "item",
             "a medal or a title (qualifiers: P1344 event, P585 date, P276 place)",
             _AGENT, ("award",), group=_MEDALS, incoming="awarded to"),
    Relation("sk:won", "won", "won", "item",
             "won a race, match, stage, tournament or edition",
             _AGENT, ("event",), wikidata="P1346", alignment="inverseOf", group=_WINS),
    Relation("P1000", "record held", "recordhouder van", "item",
             "a record held or set (qualifiers: P2781 race time, P585, P276)",
             _AGENT, ("record",), group=_RECORDS),
    Relation("sk:defeated", "defeated", "versloeg", "item",
             "beat a named opponent in a race or match", _AGENT, _AGENT,
             wikidata="P1346", alignment="closeMatch", group=_WINS, incoming="defeated by"),
    # qualifiers
    Relation("P585", "point in time", "tijdstip", "date", "when the fact held or happened",
             qualifier_only=True),
    Relation("P580", "start time", "begintijd", "date", "when the fact began",
             qualifier_only=True),
    Relation("P582", "end time", "eindtijd", "date", "when the fact ended",
             qualifier_only=True),
    Relation("P276", "location", "locatie", "item", "where it happened",
             value_types=("place", "country"), qualifier_only=True),
    Relation("P1344", "participant in", "deelnemer aan", "item",
             "the event the fact belongs to", value_types=("event",), qualifier_only=True),
    Relation("P2781", "race time", "racetijd", "quantity",
             "the time of a race, in seconds", qualifier_only=True),
    Relation("P1352", "ranking", "positie", "integer", "place in a ranking",
             qualifier_only=True),
    Relation("P3831", "object of statement has role", "rol van object", "item",
             "the role of the value, e.g. engagement for a P451 written for sk:engagedTo",
             qualifier_only=True),
)

RELATIONS: dict[str, Relation] = {r.key: r for r in _TABLE}
"""All relations and qualifiers by key."""

FACT_RELATIONS: tuple[Relation, ...] = tuple(r for r in _TABLE if not r.qualifier_only)
"""The relations that can be the main property of a Statement."""

QUALIFIERS: tuple[Relation, ...] = tuple(r for r in _TABLE if r.qualifier_only)
"""The relations used as qualifiers."""


def get_relation(key: str) -> Relation:
    """The relation for `key`; raises OntologyError naming the valid keys."""
    try:
        return RELATIONS[key]
    except KeyError:
        raise OntologyError(
            f"Unknown property {key!r}. Available: {', '.join(sorted(RELATIONS))}"
        ) from None
