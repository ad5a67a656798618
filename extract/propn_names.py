"""Person and organisation names from proper-noun runs, in place of a statistical NER.

No Dutch NER corpus here may be shipped in a model, but the trained Dutch pipeline
(``extract/models/nl_sportkg``) tags proper nouns well. A name is then a run of PROPN
tokens, joined by lower-case Dutch name particles ("van", "de", "van der", "van 't",
"ter", "den"...) or opened by a capitalised one ("Van der Poel", "De Jong", "Ter
Mors"). Each run becomes a `NameCandidate`:

- confirmed by the knowledge base when a KB label or alias (or initials + surname)
  names a person, team or organisation; a run the KB knows as a place, country or
  event is dropped;
- otherwise typed by its words: a club or federation word ("FC", "Team", "Bond") or an
  acronym ("KNSB") makes it a team or organisation; words that never occur in person
  names (months, countries, demonyms, event words) drop it; what remains is a person
  when it has two or more name words or a particle;
- a single unconfirmed word is kept only as the surname of a person named in full
  earlier in the doc ("Kok" after "Femke Kok").

`name_candidates` returns nothing when the doc has no part-of-speech tags (a blank
or rule pipeline): the rules of `extract/mentions.py` cover that case.

Examples:
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> nlp = spacy.blank("nl")
    >>> words = ["Gisteren", "won", "Lotte", "van", "der", "Berg", "bij", "FC", "Zwolle", "."]
    >>> pos = ["ADV", "VERB", "PROPN", "ADP", "DET", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT"]
    >>> doc = Doc(nlp.vocab, words=words, pos=pos)
    >>> [(c.text, c.label) for c in name_candidates(doc)]
    [('Lotte van der Berg', 'person'), ('FC Zwolle', 'team')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..kb.kb import KnowledgeBase

NAME_TYPES = ("person", "team", "organization")
"""The labels a name candidate can have."""

PARTICLES = frozenset(
    "van de der den ter ten te 't het in op la le du da di del della dos von zu bin al el "
    "van't".split()
)
"""Lower-case name particles that may join the words of a Dutch (or foreign) name."""

LEADING_PARTICLES = frozenset({"van", "de", "den", "der", "ter", "ten", "te", "van't", "le", "la"})
"""Particles that, capitalised, may open a surname ("Van der Poel", "De Jong")."""

TEAM_WORDS = frozenset(
    "fc afc sc vv bv sv cf ac as fk rc team club united city ploeg racing sporting "
    "real atletico athletic".split()
)
"""Words that make a name a team."""

ORGANIZATION_WORDS = frozenset(
    "bond federatie verbond vereniging stichting comité comite committee federation union "
    "association nv noc nsf uci isu fifa uefa ioc knvb knsb knau knwu kncb nob".split()
)
"""Words that make a name an organisation."""

_NOT_IN_NAMES = ("country", "demonym", "place", "olympic_host", "sport", "medal", "role")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&*]{1,6}$")
_PLACE_PREPOSITIONS = frozenset({"in", "te", "uit", "naar", "nabij", "vanuit", "richting"})


@dataclass(frozen=True)
class NameCandidate:
    """A person, team or organisation name found from proper nouns.

    Attributes:
        start: first token index.
        end: token index after the last token.
        start_char: character offset of the name in the doc.
        end_char: character offset after the name.
        text: the name as written.
        label: one of `NAME_TYPES`.
        confirmed: whether a knowledge-base entity of that type carries the name.
        iri: the confirming KB entity's IRI, else None.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    label: str
    confirmed: bool
    iri: str | None = None


def name_candidates(doc: Doc, *, kb: KnowledgeBase | None = None) -> list[NameCandidate]:
    """Person, team and organisation candidates of a tagged doc, in text order.

    Args:
        doc: a doc whose tokens carry coarse POS tags (the trained pipeline ran).
        kb: knowledge base used to confirm or reject names; None to use words only.

    Returns:
        Non-overlapping candidates; empty when the doc has no POS tags.
    """
    if not doc.has_annotation("POS"):
        return []
    out: list[NameCandidate] = []
    surnames: set[str] = set()
    for start, end in propn_runs(doc):
        span = doc[start:end]
        candidate = _classify(span, kb=kb, surnames=surnames)
        if candidate is None:
            continue
        if candidate.label == "person" and end - start > 1:
            surnames.add(_surname(span))
        out.append(candidate)
    return out


def name_spans(doc: Doc, *, kb: KnowledgeBase | None = None) -> list[Span]:
    """The candidates of `name_candidates` as labelled spaCy spans (for ``doc.spans``)."""
    from spacy.tokens import Span

    return [Span(doc, c.start, c.end, label=c.label) for c in name_candidates(doc, kb=kb)]


def propn_runs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of proper-noun runs joined or opened by name particles.

    A run never crosses a sentence start and never ends in a particle.

    Args:
        doc: a POS-tagged doc.

    Returns:
        ``(start, end)`` token index pairs in order.
    """
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        start = i
        if _is_name_word(doc[i]):
            end = i + 1
        elif _opens_surname(doc, i):
            end = _after_particles(doc, i + 1) + 1
        else:
            i += 1
            continue
        while end < n and not doc[end].is_sent_start:
            if _is_name_word(doc[end]):
                end += 1
                continue
            after = _after_particles(doc, end)
            if after > end and after < n and _is_name_word(doc[after]) \
                    and not doc[after].is_sent_start:
                end = after + 1
                continue
            break
        runs.append((start, end))
        i = end
    return runs


def _is_name_word(token: Token) -> bool:
    """A capitalised proper noun (or an initial such as "J.")."""
    return bool(token.pos_ == "PROPN" and token.text[:1].isupper())


def _is_particle(token: Token) -> bool:
    """A lower-case name particle ("van", "der", "'t")."""
    return token.text.islower() and token.text in PARTICLES


def _after_particles(doc: Doc, i: int) -> int:
    """Index of the first token from `i` that is not a lower-case particle."""
    while i < len(doc) and _is_particle(doc[i]) and (i == 0 or not doc[i].is_sent_start):
        i += 1
    return i


def _opens_surname(doc: Doc, i: int) -> bool:
    """A capitalised particle followed by particles and a proper noun ("Van der Poel")."""
    token = doc[i]
    if not token.text[:1].isupper() or token.text.lower() not in LEADING_PARTICLES:
        return False
    after = _after_particles(doc, i + 1)
    if after >= len(doc) or not _is_name_word(doc[after]) or doc[after].is_sent_start:
        return False
    # Sentence-initial "De Telegraaf"-like article + noun: only with a person-like head.
    return not (token.is_sent_start and after == i + 1 and token.text == "De"
                and token.pos_ == "DET" and doc[after].dep_ not in ("flat", "nsubj", "obj"))


def _surname(span: Span) -> str:
    """The last name word of a person run (for later single-word mentions)."""
    return span[-1].text


def _classify(
    span: Span, *, kb: KnowledgeBase | None, surnames: set[str]
) -> NameCandidate | None:
    """Type a run as person, team or organisation, or drop it (None)."""
    words = [t.text for t in span]
    label: str | None = None
    iri: str | None = None
    confirmed = False
    if kb is not None:
        for candidate in kb.lookup(span.text, limit=5):
            if candidate.match not in ("label", "alias", "initials"):
                continue
            entity_type = candidate.entity.type
            if entity_type in NAME_TYPES:
                label, iri, confirmed = entity_type, candidate.entity.iri, True
            elif len(span) == 1 or candidate.match in ("label", "alias"):
                return None  # a place, country, event... the KB knows by this name
            break
    if label is None:
        label = _label_from_words(span, words, surnames)
    if label is None:
        return None
    return NameCandidate(
        start=span.start,
        end=span.end,
        start_char=span.start_char,
        end_char=span.end_char,
        text=span.text,
        label=label,
        confirmed=confirmed,
        iri=iri,
    )


def _label_from_words(span: Span, words: list[str], surnames: set[str]) -> str | None:
    """Type an unconfirmed run from its words and context."""
    lowered = [w.lower().strip(".") for w in words]
    if any(w in TEAM_WORDS for w in lowered):
        return "team"
    if any(w in ORGANIZATION_WORDS for w in lowered) or any(_ACRONYM.match(w) for w in words):
        return "organization"
    if _has_non_name_word(span):
        return None
    name_words = [
        t for t in span if not _is_particle(t) and t.text.lower() not in LEADING_PARTICLES
    ]
    has_particle = len(name_words) < len(span)
    if len(name_words) >= 2 or (has_particle and name_words):
        previous = span.doc[span.start - 1].text.lower() if span.start else ""
        if previous in _PLACE_PREPOSITIONS and not has_particle and len(name_words) < 3:
            return None
        return "person"
    if len(span) == 1 and span.text in surnames:
        return "person"
    return None


def _has_non_name_word(span: Span) -> bool:
    """Whether the run holds a word that never belongs to a person's name."""
    from .relations.lexicon import Lexicon

    lexicon = Lexicon.load()
    lang = span.doc.lang_ or "nl"
    for token in span:
        text = token.text
        if _is_particle(token) or text.lower() in LEADING_PARTICLES:
            continue
        if lexicon.contains("nonperson", lang, text) or lexicon.contains("stopcap", lang, text) \
                or lexicon.ends_in("venue", lang, text):
            return True
        if any(lexicon.contains(kind, lang, text) for kind in _NOT_IN_NAMES):
            return True
    from .normalize import MONTHS, WEEKDAYS

    return any(t.text.lower() in MONTHS or t.text.lower() in WEEKDAYS for t in span)
