"""Entity linking: from a mention to a Wikidata item of the KB, or to a stable minted IRI.

`Linker.link(name, type, context)` ranks the KB's candidates for a name by

- name-match quality (label > alias > initials + surname > surname > shared tokens),
- type compatibility (a person mention never links to a team or a medal),
- context: sport words and nationality words in the mention's sentence and in
  the article, and the other entities mentioned in the article (an Olympic
  medal is more likely when the Olympic Games are mentioned),
- a prior (popularity) when the KB has one,

and links to the best candidate when its score reaches the NIL threshold.
Otherwise the mention is NIL and gets `iris.mint_entity_iri(name, type)`;
people whose sport is clear from the context get the sport as disambiguator
("kees-stam--speed-skating"), so two people of the same name in different
sports get different IRIs. Each decision comes with a `LinkNote` holding the
score and the scored candidates.

`EntityLinker` is the spaCy component (`sportkg_linker`): it reads
`doc.spans["sportkg_mentions"]` and `doc.user_data["sportkg_canonical"]` and
writes `doc.user_data["sportkg_links"]`.

Examples:
    >>> linker = Linker()
    >>> entity, note = linker.link("olympisch goud", "award")
    >>> entity.qid, note.score >= 0.5
    ('Q15243387', True)
    >>> linker.link("Kees Stam", "person", LinkContext.from_text("De schaatser won.")
    ...             )[0].iri
    'https://w3id.org/sportkg/entity/kees-stam--speed-skating'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from ..iris import mint_entity_iri
from ..kb.kb import Candidate, Fallback, KnowledgeBase, normalize_name
from ..model import ENTITY_TYPES, Entity, LinkNote

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

DEFAULT_THRESHOLD = 0.5
"""Candidates scoring below this are not linked (the mention is NIL)."""

SPORT_CUES: Mapping[str, tuple[str, ...]] = {
    # Wikidata sports of the bundled KB
    "Q192431": ("ijsbaan", "schaatsbaan", "thialf", "ploegenachtervolging", "massastart",
                "500 meter", "1000 meter", "1500 meter", "3000 meter", "5000 meter",
                "10 000 meter", "10.000 meter", "ice rink", "oval", "team pursuit",
                "mass start", "500m", "1000m", "1500m", "skates", "schaatsen"),
    "Q193654": ("shorttrackbaan", "aflossing", "relay", "short track"),
    "Q32112": ("in de ring", "in the ring", "boksring", "boxing ring", "knock out",
               "knockout", "ko", "zwaargewicht", "heavyweight",
               "bokswedstrijd", "bokspartij", "boxing match", "bout", "gevecht", "fight",
               "bokshandschoenen", "boxing gloves", "titelgevecht", "title fight"),
    # sports without a verified QID: only used to tell same-name people apart
    "sport:cycling": ("wielrennen", "wielrenner", "wielrenster", "renner", "rennster",
                      "cycling", "cyclist", "peloton", "etappe", "stage win", "tour de france",
                      "giro", "vuelta", "tijdrit", "time trial"),
    "sport:football": ("voetbal", "voetballer", "voetbalster", "football", "footballer",
                       "soccer", "eredivisie", "doelpunt", "goal", "keeper", "spits",
                       "striker", "premier league", "champions league"),
    "sport:tennis": ("tennis", "tennisser", "tennisster", "tennis player", "wimbledon",
                     "roland garros", "grand slam"),
    "sport:athletics": ("atletiek", "hardloper", "hardloopster", "marathon", "athletics",
                        "runner", "hurdles", "horden", "meerkamp", "meerkampster", "zevenkamp",
                        "heptathlon", "decathlon", "tienkamp"),
    "sport:formula_one": ("formule 1", "formula one", "formula 1", "f1", "grand prix",
                          "coureur", "racing driver", "f1 driver", "pole position"),
    "sport:darts": ("darts", "darter", "dartster", "pdc", "bullseye"),
    "sport:swimming": ("zwemmen", "zwemmer", "zwemster", "swimming", "swimmer", "zwembad"),
    "sport:football_american": ("american football", "nfl", "quarterback", "super bowl"),
}
"""Words that point to a sport (beyond the KB's own sport and occupation names)."""

EVENT_CUES: Mapping[str, tuple[str, ...]] = {
    # the Olympic Games: adjectives and phrases that name no edition
    "Q5389": ("olympisch", "olympische", "olympic", "olympics", "olympian", "de spelen",
              "the games", "olympisch kampioen", "olympisch kampioene", "olympic champion"),
    # other championships: a medal won there is not an Olympic medal
    "championship": ("wk", "ek", "nk", "wereldkampioenschap", "wereldkampioenschappen",
                     "europees kampioenschap", "europese kampioenschappen",
                     "nederlands kampioenschap", "nederlandse kampioenschappen",
                     "world championship", "world championships", "european championship",
                     "european championships", "world cup", "wereldbeker", "worlds"),
}
"""Words that point to a kind of event (co-mention context for medals and titles)."""

SPORT_LABELS: Mapping[str, str] = {
    "sport:cycling": "cycling",
    "sport:football": "football",
    "sport:tennis": "tennis",
    "sport:athletics": "athletics",
    "sport:swimming": "swimming",
    "sport:football_american": "american football",
    "sport:formula_one": "formula one",
    "sport:darts": "darts",
    "Q2215841": "cycling",
    "Q2736": "football",
    "Q847": "tennis",
    "Q542": "athletics",
    "Q1968": "formula one",
    "Q131471": "darts",
}
"""Disambiguator labels of sports whose minted-IRI word is not their KB label: the cue
sports without a QID, and the KB sports the cues also name (a footballer is
`--football`, whether a cue word or the KB's "association football" told the sport)."""

CUE_SPORT_QIDS: Mapping[str, str] = {
    "sport:cycling": "Q2215841",
    "sport:football": "Q2736",
    "sport:tennis": "Q847",
    "sport:athletics": "Q542",
    "sport:formula_one": "Q1968",
    "sport:darts": "Q131471",
}
"""Cue sports that are sports of the bundled KB: one sport when telling people apart."""

_MAX_NGRAM = 4


@dataclass(frozen=True)
class LinkContext:
    """What the article around a mention says: sports, countries and co-mentioned entities.

    Attributes:
        sports: sports (QIDs or "sport:<name>") evoked anywhere in the article.
        countries: countries (QIDs) named or implied by a nationality word in the article.
        qids: KB entities mentioned in the article (exact label or alias), plus event cues
            ("Q5389" for Olympic words, "championship" for other championships).
        local_qids: the same for the mention's own sentence.
        local_distance: tokens between the mention and the nearest sport word of its
            sentence (None without one); 0 to 2 is an apposition ("bokser Jake Paul").
        local_sports: sports evoked in the mention's own sentence.
        local_countries: countries evoked in the mention's own sentence.
    """

    sports: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    qids: frozenset[str] = frozenset()
    local_sports: frozenset[str] = frozenset()
    local_countries: frozenset[str] = frozenset()
    local_qids: frozenset[str] = frozenset()
    local_distance: int | None = None
    sport_counts: Mapping[str, int] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, *, kb: KnowledgeBase | None = None) -> LinkContext:
        """The article-level context of `text` (sports, countries, mentioned KB entities)."""
        found = _scan(text, kb or KnowledgeBase.bundled())
        counts: dict[str, int] = {}
        for _, sport in found.sports:
            counts[sport] = counts.get(sport, 0) + 1
        return cls(
            sports=frozenset(counts),
            countries=frozenset(c for _, c in found.countries),
            qids=frozenset(found.qids),
            sport_counts=counts,
        )

    def with_sentence(
        self, sentence: str, *, at: int | None = None, kb: KnowledgeBase | None = None
    ) -> LinkContext:
        """This context plus the sports and countries of the mention's sentence.

        Args:
            sentence: the sentence of the mention.
            at: the mention's character offset in `sentence`; when given, only the
                sport and nationality words nearest to the mention count, so in
                "schaatsster A en bokser B" A is a skater and B a boxer.
            kb: the knowledge base whose names are recognised.
        """
        found = _scan(sentence, kb or KnowledgeBase.bundled())
        position = None if at is None else len(normalize_name(sentence[:at]).split())
        return replace(
            self,
            local_sports=_nearest(found.sports, position),
            local_distance=(
                None if position is None or not found.sports
                else min(abs(i - position) for i, _ in found.sports)
            ),
            local_countries=_nearest(found.countries, position),
            local_qids=found.qids,
        )

    def with_qids(self, qids: Iterable[str]) -> LinkContext:
        """This context with more co-mentioned entities."""
        return replace(self, qids=self.qids | frozenset(qids))

    @property
    def sport(self) -> str | None:
        """The one sport this context points to: the sentence's, else the article's, else None."""
        for pool in (self.local_sports, self.sports):
            roots = {_sport_root(s) for s in pool}
            if len(roots) == 1:
                return next(iter(roots))
        if self.sport_counts and not self.local_sports:
            ranked = sorted(self.sport_counts.items(), key=lambda kv: -kv[1])
            if len(ranked) > 1 and ranked[0][1] >= 3 * ranked[1][1]:
                return _sport_root(ranked[0][0])
        return None


def _sport_root(sport: str) -> str:
    """The sport people are told apart by: a cue sport is its KB sport ("sport:football" is
    Q2736), and short track and long track count as speed skating."""
    sport = CUE_SPORT_QIDS.get(sport, sport)
    return "Q192431" if sport in ("Q193654", "Q17165362") else sport


_CUE_INDEX: dict[str, str] = {
    normalize_name(cue): sport for sport, cues in SPORT_CUES.items() for cue in cues
}
_EVENT_INDEX: dict[str, str] = {
    normalize_name(cue): event for event, cues in EVENT_CUES.items() for cue in cues
}


@dataclass(frozen=True)
class _Found:
    """Sports and countries (with token positions) and KB entities named in a text."""

    sports: tuple[tuple[int, str], ...]
    countries: tuple[tuple[int, str], ...]
    qids: frozenset[str]


@lru_cache(maxsize=2048)
def _scan_cached(text: str, kb: KnowledgeBase) -> _Found:
    return _scan_uncached(text, kb)


def _scan(text: str, kb: KnowledgeBase) -> _Found:
    """Scan `text`; sentences are cached (mentions share them), whole articles are not."""
    if len(text) > 2000:
        return _scan_uncached(text, kb)
    return _scan_cached(text, kb)


def _scan_uncached(text: str, kb: KnowledgeBase) -> _Found:
    """Sports, countries and KB entities named in `text` (n-grams of up to four tokens)."""
    tokens = normalize_name(text).split()
    sports: list[tuple[int, str]] = []
    countries: list[tuple[int, str]] = []
    qids: set[str] = set()
    for i in range(len(tokens)):
        for n in range(1, _MAX_NGRAM + 1):
            if i + n > len(tokens):
                break
            key = " ".join(tokens[i : i + n])
            sport = _CUE_INDEX.get(key)
            if sport:
                sports.append((i, sport))
            event = _EVENT_INDEX.get(key)
            if event:
                qids.add(event)
            if len(key) < 3:
                continue
            for entity in kb.exact(key):
                if entity.qid is None:
                    continue
                qids.add(entity.qid)
                if entity.type == "country":
                    countries.append((i, entity.qid))
                elif entity.type == "sport":
                    sports.append((i, entity.qid))
                elif entity.type == "occupation":
                    sports.extend((i, s) for s in entity.sports)
    return _Found(tuple(sports), tuple(countries), frozenset(qids))


def _nearest(found: tuple[tuple[int, str], ...], position: int | None) -> frozenset[str]:
    """The values found nearest to token `position` (all of them when it is None)."""
    if not found:
        return frozenset()
    if position is None:
        return frozenset(v for _, v in found)
    best = min(abs(i - position) for i, _ in found)
    return frozenset(v for i, v in found if abs(i - position) == best)


class LinkerProtocol(Protocol):
    """What every linker does: `Linker` (the knowledge base, optionally Wikidata) is one."""

    def link(
        self, name: str, type: str, context: LinkContext | None = None
    ) -> tuple[Entity, LinkNote]:
        """Link one mention."""
        ...


ONLINE_SKIP_TYPES = frozenset({"record", "thing"})
"""Mention types never asked online (records are not Wikidata items; "thing" is too vague)."""

class Linker:
    """Links names to KB entities with a NIL threshold; see the module docstring.

    Args:
        kb: the knowledge base (default: the bundled one).
        threshold: the NIL threshold on the final score.
        fallback: called with (name, type) when the KB has no candidate at or
            above the threshold; records it returns are added to the KB.
    """

    def __init__(
        self,
        kb: KnowledgeBase | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        fallback: Fallback | None = None,
    ) -> None:
        self.kb = kb if kb is not None else KnowledgeBase.bundled()
        self.threshold = threshold
        self.fallback = fallback
        self._asked: set[tuple[str, str]] = set()

    def link(
        self, name: str, type: str, context: LinkContext | None = None
    ) -> tuple[Entity, LinkNote]:
        """Link `name` (a mention of coarse `type`) in `context`.

        Returns:
            The linked KB entity, or a NIL entity with a minted IRI, and the LinkNote.
        """
        context = context or LinkContext()
        etype = type if type in ENTITY_TYPES else "thing"
        scored = self.score(name, etype, context)
        if (
            (not scored or scored[0][1] < self.threshold)
            and self.fallback is not None
            and etype not in ONLINE_SKIP_TYPES
            and len(normalize_name(name)) >= 3
        ):
            key = (normalize_name(name), etype)
            if key not in self._asked:
                self._asked.add(key)
                found = list(self.fallback(name, etype))
                if found:
                    if self.kb is KnowledgeBase.bundled():
                        self.kb = KnowledgeBase(self.kb.entities())
                    for record in found:
                        self.kb.add(record)
                    scored = self.score(name, etype, context)
        shown = tuple(f"{c.entity.iri} {s:.3f}" for c, s in scored[:5])
        if scored and scored[0][1] >= self.threshold:
            best, score = scored[0]
            entity = best.entity.to_entity()
            return entity, LinkNote(mention=name, iri=entity.iri, score=score, candidates=shown)
        entity = self.mint(name, etype, context)
        top = scored[0][1] if scored else 0.0
        return entity, LinkNote(mention=name, iri=entity.iri, score=top, candidates=shown)

    def score(
        self, name: str, type: str, context: LinkContext
    ) -> list[tuple[Candidate, float]]:
        """The KB candidates for `name` with their final scores, best first."""
        candidates = self.kb.lookup(name, type=None if type == "thing" else type)
        raw = [(c, _final_score(c, type, context)) for c in candidates]
        raw.sort(key=lambda cs: (-cs[1], cs[0].entity.iri))
        if len(raw) > 1 and raw[0][0].entity.type == "person":
            top = raw[0][1]
            if top - raw[1][1] < 0.1:  # two people fit about equally well: do not guess
                raw = [(c, round(s * 0.45, 4) if top - s < 0.1 else s) for c, s in raw]
        return [(c, min(1.0, s)) for c, s in raw]

    def mint(
        self, name: str, type: str, context: LinkContext, *, sport: str | None = None
    ) -> Entity:
        """The NIL entity of `name`: a minted IRI, with the sport for people when it is clear.

        Args:
            name: the (canonical) name.
            type: the coarse type.
            context: where the sport of a person comes from when `sport` is None.
            sport: the person's sport (QID or "sport:<name>"), when already decided.
        """
        disambiguator = None
        if type == "person":
            sport = sport or context.sport
            if sport is not None:
                disambiguator = _sport_label(sport, self.kb)
        iri = mint_entity_iri(name, type, disambiguator=disambiguator)
        return Entity(iri=iri, label=name, qid=None, type=type)


def _sport_label(sport: str, kb: KnowledgeBase) -> str:
    if sport in SPORT_LABELS:
        return SPORT_LABELS[sport]
    entity = kb.get(sport) or KnowledgeBase.bundled().get(sport)
    return entity.labels.get("en", sport) if entity is not None else sport


def _final_score(candidate: Candidate, type: str, context: LinkContext) -> float:
    """Name-match quality adjusted by type, context and prior (may exceed 1 before clipping)."""
    entity = candidate.entity
    score = candidate.score
    if type not in ("thing", entity.type):
        score -= 0.05  # compatible but not the same type (a place mention of a country)
    entity_sports = {_sport_root(s) for s in entity.sports}
    if entity_sports:
        local = {_sport_root(s) for s in context.local_sports}
        anywhere = {_sport_root(s) for s in context.sports}
        if local and entity_sports & local:
            score += 0.15
        elif local and entity.type == "person":
            score -= 0.6
        elif anywhere and entity_sports & anywhere:
            score += 0.1
        elif anywhere and entity.type == "person":
            score -= 0.4
    if entity.type == "person" and entity.countries and context.local_countries:
        if set(entity.countries) & context.local_countries:
            score += 0.05
        else:
            score -= 0.3
    related = set(entity.related)
    if related & context.local_qids:
        score += 0.15
    elif entity.type == "award" and related and "championship" in context.local_qids:
        score -= 0.2  # "WK-goud": a medal of another championship
    elif related & context.qids:
        # an article-wide hint, weaker than the sentence; none when the article also
        # speaks of other championships
        if "championship" not in context.qids:
            score += 0.06
    elif entity.type == "award" and related and "championship" in context.qids:
        score -= 0.04
    score += 0.05 * float(entity.prior)
    return round(max(0.0, float(score)), 4)


# ---------------------------------------------------------------------- spaCy component


class EntityLinker:
    """The `sportkg_linker` spaCy component: links every mention of the doc.

    Reads `doc.spans["sportkg_mentions"]` (label_ = coarse type) and
    `doc.user_data["sportkg_canonical"]` ((start_char, end_char) -> fullest
    name), writes `doc.user_data["sportkg_links"]`: (start_char, end_char) ->
    (Entity, LinkNote). Mentions of one canonical name get one decision.

    Args:
        nlp: the pipeline (unused; part of spaCy's factory signature).
        name: the component name.
        kb: the knowledge base (default: the bundled one).
        threshold: the NIL threshold.
        fallback: see `Linker`.
        kb_paths: KB files (our JSON, Wikidata JSON or Turtle) added to `kb` or the
            bundled KB; strings so they can live in a spaCy config.
        endpoint: a Wikidata SPARQL endpoint asked by exact label for names the KB
            cannot resolve (answers are cached on disk); None: no online linking.
        offline: with `endpoint`, answer from the cache only.
    """

    def __init__(
        self,
        nlp: Language | None,
        name: str = "sportkg_linker",
        *,
        kb: KnowledgeBase | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        fallback: Fallback | None = None,
        kb_paths: Sequence[str] = (),
        endpoint: str | None = None,
        offline: bool = False,
    ) -> None:
        self.name = name
        if kb_paths:
            from ..kb.io import read_kb_file

            extra = [record for path in kb_paths for record in read_kb_file(path)]
            kb = KnowledgeBase([*(kb or KnowledgeBase.bundled()).entities(), *extra])
        if endpoint and fallback is None:
            from ..kb.pull import online_fallback
            from ..kb.wikidata import WikidataClient

            fallback = online_fallback(WikidataClient(endpoint, offline=offline))
        self.linker = Linker(kb, threshold=threshold, fallback=fallback)

    def __call__(self, doc: Doc) -> Doc:
        """Link the doc's mentions and store the decisions in doc.user_data."""
        mentions = list(doc.spans["sportkg_mentions"]) if "sportkg_mentions" in doc.spans else []
        canonical: Mapping[tuple[int, int], str] = doc.user_data.get("sportkg_canonical", {})
        links: dict[tuple[int, int], tuple[Entity, LinkNote]] = {}
        if not mentions:
            doc.user_data["sportkg_links"] = links
            return doc
        kb = self.linker.kb
        base = LinkContext.from_text(doc.text, kb=kb)
        # first pass: what is linked confidently is context for the rest
        sure: set[str] = set()
        for span in mentions:
            entity, note = self.linker.link(span.text, span.label_, base)
            if entity.qid and note.score >= 0.9:
                sure.add(entity.qid)
        context = base.with_qids(sure)
        decided: dict[tuple[str, str, str, int], tuple[Entity, LinkNote]] = {}
        votes: dict[str, Counter[str]] = {}
        for span in mentions:
            key = (span.start_char, span.end_char)
            name = canonical.get(key) or span.text
            sentence, at = _sentence_of(span)
            local = context.with_sentence(sentence, at=at, kb=kb)
            if span.label_ == "person" and local.local_distance is not None:
                weight = 3 if local.local_distance <= 2 else 1
                for sport in {_sport_root(x) for x in local.local_sports}:
                    votes.setdefault(normalize_name(name), Counter())[sport] += weight
            memo = (normalize_name(name), span.label_, sentence, at)
            if memo not in decided:
                decided[memo] = self.linker.link(name, span.label_, local)
            entity, note = decided[memo]
            links[key] = (entity, replace(note, mention=span.text))
        self._settle_people(links, canonical, votes, context)
        doc.user_data["sportkg_links"] = links
        return doc

    def _settle_people(
        self,
        links: dict[tuple[int, int], tuple[Entity, LinkNote]],
        canonical: Mapping[tuple[int, int], str],
        votes: Mapping[str, Counter[str]],
        context: LinkContext,
    ) -> None:
        """One entity per person in the doc; NIL people get the sport their mentions show.

        The sport of a NIL person is the one the sport words next to their mentions
        point to most (a word right beside the name, as in "bokser Jake Paul", counts
        three times), else the article's sport; a tie goes to the article's sport
        when it is one of the tied ones, else gives no sport.
        """
        _unify_people(links, canonical)
        minted: dict[str, Entity] = {}
        for key, (entity, note) in list(links.items()):
            if entity.type != "person" or entity.qid is not None:
                continue
            name = canonical.get(key) or entity.label
            norm = normalize_name(name)
            if norm not in minted:
                counts = votes.get(norm) or Counter()
                ranked = counts.most_common()
                sport = None
                if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                    sport = ranked[0][0]
                elif ranked:  # a tie: the article's sport if it is one of them, else none
                    tied = {s for s, n in ranked if n == ranked[0][1]}
                    sport = context.sport if context.sport in tied else ""
                minted[norm] = self.linker.mint(
                    entity.label, "person", context if sport is None else LinkContext(),
                    sport=sport or None,
                )
            fresh = minted[norm]
            links[key] = (fresh, replace(note, iri=fresh.iri))

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the KB is configured, not trained."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> EntityLinker:
        """Nothing to load."""
        return self


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c\u2018(]?[A-Z0-9\u00c0-\u00de])|\n\s*\n")


def _sentence_of(span: Span) -> tuple[str, int]:
    """The sentence of `span` and the span's offset in it.

    Uses the doc's sentences when a parser or sentencizer set them, else
    splits the text at sentence-final punctuation followed by a capital.
    """
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        sent = span.sent
        return sent.text, span.start_char - sent.start_char
    text = doc.text
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, span.start_char):
        start = match.end()
    end_match = _SENTENCE_END.search(text, span.end_char)
    end = end_match.start() if end_match else len(text)
    return text[start:end], span.start_char - start


def _unify_people(
    links: dict[tuple[int, int], tuple[Entity, LinkNote]],
    canonical: Mapping[tuple[int, int], str],
) -> None:
    """Give every mention of one person in a doc the same entity.

    A person's mentions may be decided in different sentences with different
    sport context; the article means one person, so the decision with the
    highest score wins for all mentions of the same canonical name.
    """
    best: dict[str, tuple[Entity, LinkNote]] = {}
    for key, (entity, note) in links.items():
        if entity.type != "person":
            continue
        name = normalize_name(canonical.get(key) or entity.label)
        held = best.get(name)
        if held is None or _rank(entity, note) > _rank(*held):
            best[name] = (entity, note)
    for key, (entity, note) in list(links.items()):
        if entity.type != "person":
            continue
        chosen = best[normalize_name(canonical.get(key) or entity.label)]
        if chosen[0] != entity:
            links[key] = (chosen[0], replace(chosen[1], mention=note.mention))


def _rank(entity: Entity, note: LinkNote) -> tuple[int, int, float]:
    """Linked beats NIL; a NIL with a sport disambiguator beats a bare one."""
    return (entity.qid is not None, "--" in entity.iri, note.score)
