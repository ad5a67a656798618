"""From the facts of a processed doc to Statements: entities, evidence, merging.

People become the entity the linker chose for their mention
(`doc.user_data["sportkg_links"]`), or a minted IRI of their canonical name
when no linker ran; other values become Wikidata items when the lexicon gives
a QID, else when their name is a label or alias of exactly one knowledge-base
item of a compatible type (a team "Ajax", an occupation "association football
player"; the linker's decision for a mention of that name first, then the
bundled KB), minted IRIs otherwise. Evidence is the sentence with its character
offsets in the article text. The same fact found twice is stated once, with
the highest confidence and the union of its qualifiers; an unmarried-partner
fact is dropped when the same pair is engaged or married.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..iris import fold, mint_entity_iri
from ..model import Article, Entity, Evidence, LinkNote, LiteralValue, Statement, Value
from ..ontology.relations import RELATIONS
from .relations.championships import official_championships
from .relations.classifier import TRAINED_EXTRACTORS
from .relations.coaches import side_coaches
from .relations.editions import UNTIL_YEAR, edition_year, names_edition, since_start
from .relations.engine import (
    CONTEXT_KEY,
    FACTS_KEY,
    PEOPLE_IN_A_ROW,
    ArticleContext,
    Concept,
    Fact,
    Person,
    Sentence,
    gender_in,
    name_of,
    olympic_year,
    side_country,
    sport_season,
)
from .relations.families import PAST_MARKERS
from .relations.occasions import counted_wins, listed_years, since_years
from .relations.runnersup import defeats_of_runners_up
from .relations.teamnames import full_team_names, name_words
from .relations.titles import (
    CHAMPIONSHIP,
    race_of_edition,
    titles_of_tournaments,
    tournament_edition,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .relations.lexicon import Lexicon

LINKS_KEY = "sportkg_links"


def doc_statements(doc: Doc, article: Article) -> list[Statement]:
    """The Statements of a doc the sportkg pipeline has processed."""
    facts: list[Fact] = doc.user_data.get(FACTS_KEY, [])
    context = doc.user_data.get(CONTEXT_KEY)
    if not facts or not isinstance(context, ArticleContext):
        return []
    links: Mapping[tuple[int, int], tuple[Entity, object]] = doc.user_data.get(LINKS_KEY, {})
    facts = _no_win_for_the_beaten(context, _no_win_for_the_placed(context, _described(
        context, _no_result_for_the_venue(context, _no_defeat_of_standings(context, facts)))))
    facts = _tallies(context, _no_missed_titles(context, facts))
    facts = since_years(context, listed_years(context, counted_wins(context, facts)))
    facts = [*facts, *shared_by_lists(context, facts)]
    facts = [*facts, *shared_by_object_lists(context, facts)]
    facts = [*facts, *shared_by_sides(context, facts)]
    facts = [*facts, *medals_of_finals(context, facts)]
    facts = [*facts, *wins_of_finals(context, facts)]
    facts = [*facts, *wins_of_winners(facts)]
    facts = [*facts, *awards_of_winners(facts)]
    facts = [*facts, *titles_of_tournaments(context, facts)]
    facts = [*facts, *defeats_of_runners_up(facts)]
    facts = timed_later(context, facts)
    facts = defeats_in_wins(context, facts)
    facts = dated_moves(context, facts)
    facts = [*facts, *side_coaches(context)]
    facts = [*facts, *shared_by_squads(context, facts)]
    facts = [*facts, *_sport_of_winners(context, facts)]
    facts = [*facts, *sport_of_occupations(facts)]
    facts = _dated_by_event(_awards_of_their_events(tennis_disciplines(
        context, official_championships(context, facts))))
    facts = full_team_names(doc, context, facts)
    links = _same_person_same_link(context, facts, links)
    length = len(context.text)
    merged: dict[tuple[str, ...], Statement] = {}
    order: list[tuple[str, ...]] = []
    for fact in facts:
        statement = _statement(fact, context, links, article, length)
        if statement is None:
            continue
        key = _key(statement)
        held = merged.get(key)
        if held is None:
            merged[key] = statement
            order.append(key)
        else:
            merged[key] = _merge(held, statement)
    statements = _merge_same_teams(_merge_same_wins(_merge_undetailed(_one_award_per_reading(
        [merged[k] for k in order]))))
    return _drop_weaker_partners(statements)


_ORDINAL_BELOW = (r"(?:tweede|derde|vierde|vijfde|zesde|zevende|achtste|negende|tiende|second|"
                  r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:e|de|ste|th|nd|rd))")
_PLACED_BELOW = re.compile(
    r"⟨P(?P<p>\d+)⟩\s+(?:(?:(?-i:[a-z]+)\s+){0,3}?(?:werd|werden|eindigde|eindigden|finishte|"
    r"finished|came|placed|was)\s+(?:als\s+|in\s+)?(?:(?-i:[a-z]+)\s+){0,2}?|(?:took|pakte)\s+)"
    + _ORDINAL_BELOW + r"\b(?!\s+(?:title|titel|crown|kroon|gold|goud|win|zege))", re.IGNORECASE)
"""A person of a sentence placed below first ("X werd vierde", "X finished fifth")."""


def _no_win_for_the_placed(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Without the classifier's wins that a place below first or a defeat in the same
    sentence contradicts: who took silver or bronze, finished fourth or was beaten did not
    win that race; nor the defeats of someone a sentence places below first ("X took
    third, ahead of Y"): a defeat is the winner's, as the evaluation data counts it."""
    placed = {(f.subject.name, f.sentence) for f in facts
              if f.property == "P166" and isinstance(f.subject, Person)
              and isinstance(f.value, Concept) and f.value.label.split()[-2:-1] in (
                  ["silver"], ["bronze"])}
    below: set[tuple[str, int]] = set()  # placed below first in words: beat no one there
    for sentence in context.sentences:
        for m in _PLACED_BELOW.finditer(sentence.masked):
            k = int(m.group("p"))
            if k < len(sentence.people):
                below.add((sentence.people[k].name, sentence.index))
    placed |= below
    # nor did someone the sentence has beaten win there ("beat X in the final": X lost it)
    placed |= {(f.value.name, f.sentence) for f in facts
               if f.property == "sk:defeated" and isinstance(f.value, Person)}
    if not placed:
        return facts
    return [f for f in facts if not (
        isinstance(f.subject, Person) and (
            (f.property == "sk:won" and f.extractor in TRAINED_EXTRACTORS
             and (f.subject.name, f.sentence) in placed)
            or (f.property == "sk:defeated" and (f.subject.name, f.sentence) in below)))]


def _awards_of_their_events(facts: list[Fact]) -> list[Fact]:
    """A medal or title keeps the event, date and place of its sentence only when the event
    is of its kind: "Olympic champion X took second at the World Championships" does not
    make an Olympic title one of those championships (a title that describes someone; its
    own Games are not named)."""
    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        event = quals.get("P1344")
        award = fact.value.label if isinstance(fact.value, Concept) else ""
        if fact.property != "P166" or not isinstance(event, Concept) or \
                "Olympic" not in award or "Olympics" in event.label or \
                not names_edition(event.label):  # a bare race ("1000 m") may be theirs
            out.append(fact)
            continue
        kept = tuple((k, v) for k, v in fact.qualifiers if k not in ("P1344", "P585", "P276"))
        out.append(dataclasses.replace(fact, qualifiers=kept))
    return out


def _dated_by_event(facts: list[Fact]) -> list[Fact]:
    """A result whose event names its edition is dated in that edition's year: the date of
    the sentence's own days is not that of an edition its relative clause names ("X, who
    won the Giro in 2019, crashed on Sunday": 2019). A date in the year after stays (a
    season's end, Games held a year late)."""
    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        event = fact.value if fact.property == "sk:won" else quals.get("P1344")
        date = quals.get("P585")
        edition = edition_year(event.label) if isinstance(event, Concept) else None
        if edition is None or not isinstance(date, LiteralValue) or str(date.value)[:4] in (
                edition, str(int(edition) + 1)):
            out.append(fact)
            continue
        quals["P585"] = LiteralValue(edition, "date", "year")
        out.append(dataclasses.replace(fact, qualifiers=tuple(quals.items())))
    return out


VENUE_WORDS = frozenset({"in", "at", "te", "op", "naar"})
"""Prepositions before a country that is where something happened ("wereldkampioen
geworden in Spanje"), not who took part."""


def _no_result_for_the_venue(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Without the classifiers' results of a country its sentence names only as a venue:
    "De Nederlandse hockeysters zijn wereldkampioen geworden in Spanje" makes Spain no
    champion. A country the sentence also names otherwise ("Spanje won in Spanje") keeps
    what the classifier gives it."""
    from .relations.lexicon import Lexicon

    finder = Lexicon.load().finder("country", context.lang)
    if finder is None:
        return facts

    def venue_only(f: Fact) -> bool:
        if f.extractor not in TRAINED_EXTRACTORS or f.property not in RESULT_KINDS or \
                not isinstance(f.subject, Concept) or not 0 <= f.sentence < len(
                    context.sentences):
            return False
        text = context.sentences[f.sentence].text
        country = _country_key(f.subject.label, "en")
        named = [m for m in finder.finditer(text)
                 if _country_key(m.group("w"), context.lang) == country]
        return bool(named) and all(
            "".join(text[:m.start()].split()[-1:]).lower() in VENUE_WORDS for m in named)

    return [f for f in facts if not venue_only(f)]


RESULT_KINDS = frozenset({"P166", "sk:won", "sk:defeated"})
"""Properties of what a competitor achieved, which a venue does not."""


_STANDING = re.compile(
    r"\b(?:remain|remains|remained|remaining|stay|stays|stayed|staying|kept|keeps|keep|"
    r"keeping|leads|lies|sits)\b(?:(?![.;]|\b(?:after|"
    r"when|as|and|but)\b).){0,80}?\bahead\s+of\s+[^.;]*?(?P<name>⟨P\d+⟩)", re.IGNORECASE)
"""A lead kept in a ranking ("stayed nine seconds ahead of X", "kept the yellow jersey,
a minute ahead of X"): a standing, not a race won over X."""


def _no_defeat_of_standings(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Without the defeats of the people a sentence puts behind someone in a ranking they
    lead: being ahead in the standings beats no one in a race or match."""
    behind: set[tuple[int, str]] = set()
    for sentence in context.sentences:
        for m in _STANDING.finditer(sentence.masked):
            tail = sentence.masked[m.start("name"):]
            for k in re.findall(r"⟨P(\d+)⟩", tail[:200]):
                if int(k) < len(sentence.people):
                    behind.add((sentence.index, sentence.people[int(k)].name))
    if not behind:
        return facts
    return [f for f in facts if not (
        f.property == "sk:defeated" and isinstance(f.value, Person)
        and (f.sentence, f.value.name) in behind)]


def _described(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Without the classifiers' facts that contradict how the article describes a person:
    a nationality or national side of another country than the one it gives them ("de
    Amerikaanse X, de Deense Y": Denmark is Y's, not X's; the Australian in a Dutch report
    plays for Australia), an athlete's occupation for its coach ("bondscoach X" among
    the skaters is no skater). What a pattern or parse reader states stays (a dual
    nationality, a coach who still races, are said in words)."""
    from .relations.attributes import is_coach
    from .relations.roles import sport_of_occupation

    athletes = sport_of_occupation()

    def contradicted(f: Fact) -> bool:
        if f.extractor not in TRAINED_EXTRACTORS or not isinstance(f.subject, Person) \
                or not isinstance(f.value, Concept):
            return False
        name = f.subject.name
        if f.property in ("P27", "P54") and context.nations.get(name):
            return not _of_nations(f, context.nations[name])
        roles = context.roles.get(name, set())
        return f.property == "P106" and is_coach(roles) and f.value.label in athletes \
            and f.value.label not in roles

    return [f for f in facts if not contradicted(f)]


def _of_nations(fact: Fact, nations: set[str]) -> bool:
    """Whether a nationality or national side is of one of `nations` (a club always is;
    England's side is a Briton's)."""
    from .relations.lexicon import Lexicon

    label = fact.value.label if isinstance(fact.value, Concept) else ""
    if fact.property == "P54":
        if " national " not in label:
            return True
        label = side_country(label)
        if "United Kingdom" in nations and Lexicon.load().contains("home_nation", "en", label):
            return True
    return label in nations


_TO_WIN = re.compile(r"[\s,]*(?:[\d()–-]+[\s,]*)*(?:to\s+(?:win|claim|clinch|take|capture)|"
                     r"om\s+.{0,40}?te\s+winnen)\b", re.IGNORECASE)
"""An infinitive of winning right after a name (a score between them at most), whose
winner is the subject of the clause it hangs on."""


def _no_win_for_the_beaten(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A win read from an infinitive after someone the same sentence has beaten is their
    victor's ("X fought off Y to win the Open": the nearest name before "to win" is the one
    beaten): it goes to the one who beat them, once."""
    victors: dict[tuple[str, int], list[Person | Concept]] = {}
    for f in facts:
        if f.property == "sk:defeated" and isinstance(f.value, Person):
            victors.setdefault((f.value.name, f.sentence), []).append(f.subject)
    if not victors:
        return facts
    out: list[Fact] = []
    given: set[tuple[str, str, int]] = set()
    for f in facts:
        beaten_by = None
        if f.property == "sk:won" and isinstance(f.subject, Person):
            beaten_by = victors.get((f.subject.name, f.sentence))
            sentence = context.sentences[f.sentence]
            if beaten_by and not _TO_WIN.match(sentence.text,
                                               max(0, f.subject.end - sentence.start)):
                beaten_by = None
        if not beaten_by:
            out.append(f)
            continue
        victor = beaten_by[0]
        key = (name_of(victor), _fact_value_key(f.value), f.sentence)
        if len({name_of(v) for v in beaten_by}) == 1 and key not in given:
            given.add(key)
            out.append(dataclasses.replace(f, subject=victor))
    return out


_MISSED_GOLD = re.compile(
    r"\b(?:dicht\s+bij|vlak\s+bij|naast|net\s+niet|missed(?:\s+out\s+on)?|just\s+short\s+of|"
    r"close\s+to|narrowly\s+missed)\s+(?:het\s+|de\s+|the\s+|a\s+)?(?:goud|gold|wereldtitel|"
    r"world\s+title|titel|title)\b|\b(?:goud|wereldtitel|titel)\s+mis\b", re.IGNORECASE)
"""A gold medal or title only just missed ("zaten dicht bij het goud", "grepen nipt naast het
goud", "narrowly missed gold")."""


def _no_missed_titles(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Without the gold medals and titles of a sentence that says they were only just
    missed ("dicht bij het goud" is no gold, whatever extractor read one there), nor the
    classifier's wins there (a win read beside a near miss is the miss)."""
    missed = {i for i, sentence in enumerate(context.sentences)
              if _MISSED_GOLD.search(sentence.text)}
    if not missed:
        return facts
    return [f for f in facts if f.sentence not in missed or not (
        (f.property == "P166" and isinstance(f.value, Concept)
         and _FIRST_PLACE.search(f.value.label.lower()) is not None)
        or (f.property == "sk:won" and f.extractor in TRAINED_EXTRACTORS))]


_NUMBERS = {word: n for words in (
    ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
     "twaalf"),
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve")) for n, word in enumerate(words, start=1)} | {"één": 1}
"""The numbers counted in words, Dutch and English."""

_COUNT_WORDS = r"\d{1,2}|" + "|".join(_NUMBERS)
_TALLY = re.compile(
    rf"\b(?P<n>{_COUNT_WORDS})\s+(?P<times>keer\s+|times\s+|x\s+)?(?:olympische?\s+|"
    r"olympic\s+|wk-|ek-)?(?P<metal>goud|zilver|brons|gouden|zilveren|bronzen|golds?|"
    r"silvers?|bronzes?)\b", re.IGNORECASE)
"""A medal counted ("drie goud, één zilver", "five golds", "twee keer goud")."""
_METALS = {"goud": "gold", "gouden": "gold", "zilver": "silver", "zilveren": "silver",
           "brons": "bronze", "bronzen": "bronze"}


def _tallies(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A medal a sentence counts ("telt nu drie keer goud en één keer zilver", "(three golds,
    a silver)") is a career's tally, not a race's result: its fact keeps no event, place or
    date of the sentence, and tells no win. Counted means two or more, "keer"/"times", or a
    list of counted metals ("twee goud, drie zilver, een brons")."""
    tallied: dict[int, set[str]] = {}
    repeated: set[int] = set()  # "won drie keer goud": several races, none of them named
    occasions: dict[tuple[int, str], list[str]] = {}
    seasons: dict[tuple[int, str], str] = {}
    for sentence in context.sentences:
        found = list(_TALLY.finditer(sentence.text))
        for m in found:
            n = m.group("n").lower()
            if m.group("times") or len(found) > 1 or n not in ("een", "één", "one"):
                if m.group("times") and n not in ("een", "één", "one"):
                    repeated.add(sentence.index)
                metal = m.group("metal").lower()
                if metal.endswith("s") and metal != "brons":
                    metal = metal[:-1]  # "golds", "bronzes"
                metal = _METALS.get(metal, metal)
                tallied.setdefault(sentence.index, set()).add(metal)
                listed = _OCCASIONS.match(sentence.text[m.end():])
                years = _years_listed(listed.group("items"), context.published) if listed \
                    else []
                if listed is not None and years and len(years) == _count(n):
                    occasions[(sentence.index, metal)] = years
                    seasons[(sentence.index, metal)] = _host_season(
                        listed.group("items"), context.lang) or sport_season(context)
    if not tallied:
        return facts
    out: list[Fact] = []
    for fact in facts:
        metals = tallied.get(fact.sentence, set())
        label = fact.value.label if isinstance(fact.value, Concept) else ""
        if fact.property == "P166" and metals and any(f"{m} medal" in label for m in metals):
            metal = next(m for m in metals if f"{m} medal" in label)
            years = occasions.pop((fact.sentence, metal), [])
            if years:  # "twee keer zilver (in 2014 en 2018)"
                out.extend(_on_occasions(fact, years, seasons[(fact.sentence, metal)]))
                continue
            fact = dataclasses.replace(fact, qualifiers=(), descriptive=True)
        elif fact.property == "sk:won" and metals and fact.extractor in TRAINED_EXTRACTORS \
                and (fact.sentence in repeated
                     or not _WIN_VERB.search(context.sentences[fact.sentence].text)):
            continue  # "X now has three golds", "won three times gold": a tally, no one race
        out.append(fact)
    return out


_OCCASIONS = re.compile(r"^\s*(?:medailles?|medals?)?\s*\((?P<items>[^()]{4,120})\)",
                        re.IGNORECASE)
"""The occasions of a counted medal in brackets right after it ("twee keer zilver (in 2014
en 2018)", "two silver medals (2014, 2018)")."""

_ITEM_SPLIT = re.compile(r"\s*,\s*|\s+(?:en|and|&)\s+")
_LAST_YEAR = re.compile(r"\b(?:vorig\s+jaar|vorige\s+zomer|last\s+year)\b", re.IGNORECASE)


def _years_listed(items: str, published: str | None) -> list[str]:
    """The years of the occasions a counted medal's brackets list, one per item ("in 2014
    en 2018"; "in Londen 2012 en vorig jaar in Parijs"); [] when an item names no year."""
    years: list[str] = []
    for item in _ITEM_SPLIT.split(items.strip()):
        year = re.search(r"\b(?:19|20)\d\d\b", item)
        if year is not None:
            years.append(year.group(0))
        elif _LAST_YEAR.search(item) and published and published[:4].isdigit():
            years.append(str(int(published[:4]) - 1))
        else:
            return []
    return years


def _host_season(items: str, lang: str) -> str:
    """The season of the Games whose host city a counted medal's brackets name ("Rio de
    Janeiro 2016 en ...": Summer), or ""."""
    from .relations.lexicon import Lexicon

    hosts = Lexicon.load().find_all("olympic_host", lang, items)
    return next((e.extra.partition("/")[2] for e in hosts if "/" in e.extra), "")


def _count(word: str) -> int:
    """The number a count word of `_TALLY` says ("drie", "three", "3")."""
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower(), 0)


def _on_occasions(fact: Fact, years: list[str], season: str) -> list[Fact]:
    """A counted medal as one fact per year its brackets list, each dated to its year and,
    for an Olympic medal, placed at that year's Games of its season (the season of the
    medal's own Games, else of the article's sport)."""
    season = next((s for s in ("Winter", "Summer") for _, v in fact.qualifiers
                   if isinstance(v, Concept) and f"{s} Olympics" in v.label), season)
    olympic = isinstance(fact.value, Concept) and fact.value.label.startswith("Olympic")
    out = []
    for year in years:
        quals: list[tuple[str, LiteralValue | Concept]] = [
            ("P585", LiteralValue(year, "date", "year"))]
        games = olympic_year(int(year), season) if olympic and season else None
        if games is not None:
            quals.insert(0, ("P1344", Concept(f"{games} {season} Olympics", "event")))
        out.append(dataclasses.replace(fact, qualifiers=tuple(quals), descriptive=False))
    return out


_WIN_VERB = re.compile(
    r"\b(?:won|wint|winnen|gewonnen|wins|winning|triumph\w*|zegevierde|veroverde|pakte|"
    r"claimed|took|takes|captured)\b", re.IGNORECASE)
"""Verbs that tell a win in a sentence that also counts medals."""


def _same_person_same_link(
    context: ArticleContext, facts: list[Fact],
    links: Mapping[tuple[int, int], tuple[Entity, object]],
) -> Mapping[tuple[int, int], tuple[Entity, object]]:
    """Links for every mention of a linked person: a pronoun or a later short name that an
    extractor resolved to a person ("Hij", "Van der Poel") is the entity that person's
    linked mention is, not a second one minted from the name."""
    by_name: dict[str, tuple[Entity, object]] = {}
    for sentence in context.sentences:
        for person in sentence.people:
            found = links.get((person.start, person.end))
            if found is not None and found[0].type == "person":
                by_name.setdefault(person.name, found)
    if not by_name:
        return links
    out = dict(links)
    for fact in facts:
        for value in (fact.subject, fact.value):
            if isinstance(value, Person) and (value.start, value.end) not in out \
                    and value.name in by_name:
                out[(value.start, value.end)] = by_name[value.name]
    return out


DISTRIBUTIVE = frozenset({"sk:won", "sk:defeated", "P166", "P1000", "P54", "P27", "P106",
                          "P641", "sk:coachedBy"})
"""Relations a coordinated subject shares: "A, B en C wonnen de ploegenachtervolging"."""

BRACKETED = frozenset({"P54", "P27", "sk:age"})
"""What a bracket after a name tells of that one person ("A (Team X, 24)"): a row of such
names does not share it."""

_LIST = re.compile(r"⟨P\d+⟩(?:\s*\([^()]{1,20}\))?(?:\s*,\s*⟨P\d+⟩(?:\s*\([^()]{1,20}\))?)*"
                   r"\s*,?\s+(?:en|and|&)\s+⟨P\d+⟩")


_TEAM_EVENT = re.compile(
    r"\b(?:aflossing|estafette|ploegenachtervolging|teamsprint|ploegsprint|dubbeltwee|"
    r"twee-zonder|vier-zonder|vierzonder|dubbelvier|(?<=de\s)acht|relay|team\s+pursuit|team\s+sprint|"
    r"double\s+sculls|quadruple\s+sculls|coxless|madison|koppelkoers)\b", re.IGNORECASE)
"""Events a crew or team wins together: its named members share the result."""

_TOGETHER = re.compile(
    r"\b(?:samen\s+met|met|with|alongside|together\s+with|naast)\s+"
    r"(?P<crew>⟨P(?P<first>\d+)⟩(?:\s*,\s*⟨P\d+⟩)*(?:\s*,?\s+(?:en|and|&)\s+⟨P\d+⟩)?)")
"""The crew named with a person ("liep met A, B en C", "with A and B")."""


def shared_by_lists(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """The facts of one member of a coordinated list of people, for every other member.

    Coordination distributes over the predicate: in "Beune, Rijpma en Groenewoud waren
    sneller dan Canada" each of the three beat Canada, and a fact an extractor found for
    one of them (the list's head, usually) holds for all. Only for the relations a team
    shares (wins, defeats, awards, records, teams, nationality, occupation, sport, coach)
    and never when the value is itself a member ("A en B speelden tegen elkaar"). The
    crew named with a person in a team event ("goud op de aflossing met A, B en C") is such
    a list too.
    """
    lists: dict[int, list[list[Person]]] = {}
    bracketed: set[tuple[int, str]] = set()  # people of a row with a bracket after each name
    for sentence in context.sentences:
        for members, with_brackets in _rows(sentence):
            if with_brackets:
                bracketed |= {(sentence.index, p.name) for p in members}
            if len({p.name for p in members}) > 1:
                lists.setdefault(sentence.index, []).append(members)
        # a team event won together: "X pakte goud op de aflossing met A, B en C"
        team = _TEAM_EVENT.search(sentence.text)
        together = _TOGETHER.search(sentence.masked)
        if team is not None and together is not None and sentence.people:
            crew = [sentence.people[int(k)] for k in re.findall(r"⟨P(\d+)⟩",
                                                                together.group("crew"))]
            named = {p.name for p in crew}
            heads = [p for p in sentence.people[: int(together.group("first"))]
                     if p.name not in named] or ([sentence.salient] if sentence.salient else [])
            if heads and crew:
                lists.setdefault(sentence.index, []).append([heads[-1], *crew])
    if not lists:
        return []
    have = {(f.subject.name, f.property, _fact_value_key(f.value)) for f in facts
            if isinstance(f.subject, Person)}
    # what each person has of their own in each sentence: "de Belgische A en B uit
    # Argentinië" gives each a nationality, which the other does not share
    own: dict[tuple[int, str, str], set[str]] = {}
    for f in facts:
        if f.property in BRACKETED and isinstance(f.subject, Person):
            own.setdefault((f.sentence, f.property, f.subject.name), set()).add(
                _fact_value_key(f.value))
    out: list[Fact] = []
    for fact in facts:
        if fact.property not in DISTRIBUTIVE or not isinstance(fact.subject, Person):
            continue
        if fact.property in BRACKETED and (fact.sentence, fact.subject.name) in bracketed:
            continue  # "A (Team X) en B (Team Y)": each has their own
        for members in lists.get(fact.sentence, ()):
            names = {p.name for p in members}
            if fact.subject.name not in names or (
                    isinstance(fact.value, Person) and fact.value.name in names):
                continue
            if fact.property in BRACKETED and any(
                    own.get((fact.sentence, fact.property, name), set())
                    - {_fact_value_key(fact.value)} for name in names - {fact.subject.name}):
                continue  # another of the row has a value of their own: none is shared
            for member in members:
                key = (member.name, fact.property, _fact_value_key(fact.value))
                if key in have:
                    continue
                have.add(key)
                out.append(Fact(member, fact.property, fact.value, fact.sentence,
                                fact.extractor, round(fact.confidence * 0.9, 3),
                                fact.qualifiers, fact.descriptive))
    return out


OBJECT_DISTRIBUTIVE = frozenset({"sk:defeated", "sk:coachedBy", "P40", "P3373"})
"""Relations a coordinated object shares: "A versloeg B, C en D" (A beat each of them)."""
ROW_FLOOR = 0.6
"""The confidence a fact needs to be shared with the rest of its row (a doubtful reading
would be multiplied)."""


def shared_by_object_lists(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """The fact about one person named in a row of objects, for every other person of the
    row: "won van de Zweedse A, de Poolse B en C" beat all three, "his
    sisters A and B" are both sisters. Each name of the row may carry the words that
    describe it ("de Poolse nummer vier B"); the subject is never one of the row."""
    rows = {s.index: list(_described_rows(context, s)) for s in context.sentences}
    have = {(f.subject.name, f.property, _fact_value_key(f.value)) for f in facts
            if isinstance(f.subject, Person)}
    out: list[Fact] = []
    for fact in facts:
        if fact.property not in OBJECT_DISTRIBUTIVE or not isinstance(fact.value, Person) \
                or not isinstance(fact.subject, Person) or fact.confidence < ROW_FLOOR:
            continue
        for row in rows.get(fact.sentence, ()):
            names = {p.name for p in row}
            if fact.value.name not in names or fact.subject.name in names:
                continue
            for member in row:
                key = (fact.subject.name, fact.property, _fact_value_key(member))
                if key in have:
                    continue
                have.add(key)
                out.append(dataclasses.replace(fact, value=member,
                                               confidence=round(fact.confidence * 0.9, 3)))
    return out


_ROW_GAP = re.compile(r"(?:\s*\([^()]{1,20}\))?\s*(?:,\s*|,?\s+(?:en|and|&)\s+)"
                      r"(?P<words>(?:[^\s⟨⟩]+\s+){0,4})")
"""What separates two names of a row: a bracket after the first ("(opgave)"), a comma or
"en"/"and", then the words describing the next name."""


_RANK = re.compile(r"\b(?:nummer|number|no\.)\s+(?:\d+|\w+)\b", re.IGNORECASE)


def _describes(words: str, lang: str, lexicon: Lexicon) -> bool:
    """Whether `words` only describe the name after them: articles, a nationality, a rank
    ("nummer zeven"), a title or role ("world champion", "teamgenote")."""
    rest = [w for w in _RANK.sub(" ", words).split()
            if w.lower() not in ("de", "het", "the", "a", "an", "zijn", "haar", "his", "her")
            and not lexicon.contains("demonym", lang, w)]
    return not rest or any(lexicon.contains(kind, lang, " ".join(rest))
                           for kind in ("title", "role", "defending"))


def _described_rows(context: ArticleContext, sentence: Sentence) -> Iterator[list[Person]]:
    """Rows of two or more people in a sentence, each name with the words that describe it
    (`_describes`: "de Zweedse A, de Poolse nummer vier B en C"); a row ends at
    "en"/"and"."""
    from .relations.lexicon import Lexicon

    lexicon = Lexicon.load()
    marks = list(re.finditer(r"⟨P(\d+)⟩", sentence.masked))
    row: list[Person] = []
    for previous, mark in zip([None, *marks], marks, strict=False):
        gap = None if previous is None else _ROW_GAP.fullmatch(
            sentence.masked[previous.end():mark.start()])
        person = sentence.people[int(mark.group(1))]
        described = gap is not None and _describes(gap.group("words"), context.lang, lexicon)
        if row and gap is not None and described:
            row.append(person)
            if re.search(r"\b(?:en|and|&)\s", gap.group(0)):
                if len({p.name for p in row}) > 1:
                    yield row
                row = []
            continue
        row = [person]


SIDE_RESULTS = frozenset({"sk:won", "P166"})
"""What a side wins in a team event, its named members win with it, and the other way."""


def shared_by_sides(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A team event's result shared between a national side and its members named with it.

    In a sentence that names a team event ("de ploegenachtervolging", "the relay", "the
    double sculls") and a list of people ("A, B, C en D"), a win or medal of the side
    ("Italië won goud op de ploegenachtervolging met A, B, C en D") is also each listed
    person's; and when two or more listed people share one and the sentence names one
    country only, the one the article gives them ("de Nederlandse roeiers A en B wonnen de
    dubbeltwee"), that country's side has it too; a country they won in is not theirs.
    Other relations, and sentences without a team event, share nothing: an individual
    race's winner is not her compatriots'.
    """
    from .relations.lexicon import Lexicon

    lexicon = Lexicon.load()
    members: dict[int, list[Person]] = {}
    for sentence in context.sentences:
        if _TEAM_EVENT.search(sentence.text) is None:
            continue
        for listed in _coordinated(sentence):
            members.setdefault(sentence.index, []).extend(listed)
    if not members:
        return []
    have = {(name_of(f.subject), f.property, _fact_value_key(f.value)) for f in facts}
    out: list[Fact] = []

    def add(subject: Person | Concept, fact: Fact) -> None:
        key = (name_of(subject), fact.property, _fact_value_key(fact.value))
        if key not in have:
            have.add(key)
            out.append(Fact(subject, fact.property, fact.value, fact.sentence, fact.extractor,
                            round(fact.confidence * 0.85, 3), fact.qualifiers, fact.descriptive))

    shared: dict[tuple[int, str, str], list[Fact]] = {}
    for fact in facts:
        crew = members.get(fact.sentence)
        if fact.property not in SIDE_RESULTS or not crew:
            continue
        if isinstance(fact.subject, Concept) and fact.subject.type == "team":
            for person in crew:
                add(person, fact)
        elif isinstance(fact.subject, Person) and fact.subject.name in {p.name for p in crew}:
            key = (fact.sentence, fact.property, _fact_value_key(fact.value))
            shared.setdefault(key, []).append(fact)
    for (index, _, _), held in shared.items():
        sharing = {f.subject.name for f in held if isinstance(f.subject, Person)}
        if len(sharing) < 2:
            continue
        text = context.sentences[index].text
        countries = {e.label for kind in ("country", "demonym")
                     for e in lexicon.find_all(kind, context.lang, text)}
        described = [context.nations.get(name, set()) for name in sharing]
        if len(countries) == 1 and all(d <= countries for d in described) and any(described):
            add(Concept(countries.pop(), "team"), held[0])  # their own country, not the host
    return out


SQUAD_RESULTS = frozenset({"sk:won", "P166", "sk:coachedBy"})
"""What a national side wins and who coaches it, its players share; whom it beat only in
the final of a title it won (a report names the players of the match that decided the
title, not those of each match the side played)."""


SHARED_BY_SQUADS = "sportkg_squads"

SQUAD_FLOOR = 0.5
"""A side's result is shared with its players only when it is likelier right than not:
a doubtful fact shared with a whole squad makes one error many."""


def shared_by_squads(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A national side's results for each person the article makes a player of it.

    When Oranje wins the European Championship, beats Denmark in the final and is coached
    by its bondscoach, each of its players the article names won that title, beat Denmark
    and was coached by that coach: the side is its squad. Players are the people with a
    P54 fact to the country's national team ("Netherlands women's national football
    team"); a side named by its country ("Netherlands", "Oranje") is that team. The shared
    fact's confidence is the lower of the side's result and the membership, times 0.9;
    a side's result below 0.5 is not shared. A crew the article names with its country's
    adjective ("The Canadian trio of A, B and C") is that country's squad too; its coach,
    whom a classifier may give the side too, is not one of its players.
    Only results of the article's year: the title the country won twenty years ago is not
    today's players'. A player the article gives another nationality is no member, and
    clubs share nothing: a club's league title is not told of every player it ever had.
    """
    from .relations.attributes import is_coach

    year = (context.published or "")[:4]
    squads: dict[str, dict[str, tuple[Person, float]]] = {}
    for fact in facts:
        if fact.property == "P54" and isinstance(fact.subject, Person) and \
                isinstance(fact.value, Concept) and " national " in fact.value.label and \
                not is_coach(context.roles.get(fact.subject.name, set())):
            country = side_country(fact.value.label)
            if context.nations.get(fact.subject.name, {country}) != {country}:
                continue
            squad = squads.setdefault(_country_key(country, context.lang), {})
            held = squad.get(fact.subject.name)
            if held is None or held[1] < fact.confidence:
                squad[fact.subject.name] = (fact.subject, fact.confidence)
    for country, person in _crews_of_countries(context):
        squads.setdefault(_country_key(country, context.lang), {}).setdefault(
            person.name, (person, 0.8))
    if not squads:
        return []
    have = {(name_of(f.subject), f.property, _fact_value_key(f.value)) for f in facts}
    champions = {_side_key(f.subject, context.lang) for f in facts
                 if f.property in ("sk:won", "P166") and _side_result(f, year)}
    out: list[Fact] = []
    for fact in facts:
        side = fact.subject
        if not _side_result(fact, year) or not isinstance(side, Concept):
            continue
        if fact.property == "sk:defeated":
            if _side_key(side, context.lang) not in champions or \
                    not 0 <= fact.sentence < len(context.sentences) or \
                    not _of_a_final(context.sentences[fact.sentence].text):
                continue
        elif fact.property not in SQUAD_RESULTS:
            continue
        for player, member in squads.get(_side_key(side, context.lang), {}).values():
            key = (player.name, fact.property, _fact_value_key(fact.value))
            if key in have or (isinstance(fact.value, Person) and fact.value.name == player.name):
                continue
            have.add(key)
            out.append(Fact(player, fact.property, fact.value, fact.sentence, SHARED_BY_SQUADS,
                            round(min(fact.confidence, member) * 0.9, 3), fact.qualifiers))
    return out


def _side_result(fact: Fact, year: str) -> bool:
    """Whether a fact is a side's own result of the article's year, sure enough to share."""
    return isinstance(fact.subject, Concept) and fact.subject.type == "team" and \
        not fact.descriptive and _of_year(fact, year) and fact.confidence >= SQUAD_FLOOR


def _side_key(side: Person | Concept, lang: str) -> str:
    """The country a national side plays for, by the lexicon's label ("Netherlands women's
    national football team", "Oranje": Netherlands)."""
    label = name_of(side)
    return _country_key(side_country(label) if " national " in label else label, lang)


_CREW = re.compile(
    r"(?P<dem>[A-Z][\w-]+)\s+(?:trio|quartet|quintet|duo|team|squad|crew|ploeg|kwartet|"
    r"viertal|drietal|equipe)\s*(?:of|van|[–—:-])\s*(?P<crew>" + PEOPLE_IN_A_ROW + ")")
"""A country's crew named in a row ("The Canadian trio of A, B and C", "The Danish team –
A, B, C and D")."""


def _country_key(name: str, lang: str) -> str:
    """One name for a country however a side is called ("Great Britain", "United
    Kingdom"): the lexicon's label of it."""
    from .relations.lexicon import Lexicon

    lexicon = Lexicon.load()
    entry = lexicon.lookup("country", lang, name) or lexicon.lookup("country", "en", name)
    return entry.label if entry is not None else name


def _crews_of_countries(context: ArticleContext) -> Iterator[tuple[str, Person]]:
    """(country, person) for each member of a crew the article names with its country's
    adjective: they are that country's side in a team event."""
    from .relations.lexicon import Lexicon

    lexicon = Lexicon.load()
    for sentence in context.sentences:
        for m in _CREW.finditer(sentence.masked):
            entry = lexicon.lookup("demonym", context.lang, m.group("dem"))
            if entry is None:
                continue
            for k in re.findall(r"⟨P(\d+)⟩", m.group("crew")):
                if int(k) < len(sentence.people):
                    yield entry.label, sentence.people[int(k)]


def _of_year(fact: Fact, year: str) -> bool:
    """Whether a fact is dated in `year` (its P585, P580 or P582), or not dated at all."""
    dates = [v for k, v in fact.qualifiers if k in ("P585", "P580", "P582")]
    return not dates or any(str(getattr(d, "value", d))[:4] == year for d in dates)


def _rows(sentence: Sentence) -> Iterator[tuple[list[Person], bool]]:
    """Each coordinated row of people in a sentence ("A, B en C"), and whether each name of
    it carries a bracket ("A (Team X) en B (Team Y)")."""
    for m in _LIST.finditer(sentence.masked):
        members = [sentence.people[int(k)] for k in re.findall(r"⟨P(\d+)⟩", m.group(0))]
        yield members, "(" in m.group(0)


def _coordinated(sentence: Sentence) -> Iterator[list[Person]]:
    """The coordinated lists of two or more people in a sentence ("A, B en C")."""
    for members, _ in _rows(sentence):
        if len({p.name for p in members}) > 1:
            yield members


def _fact_value_key(value: object) -> str:
    if isinstance(value, Person):
        return value.name
    return str(getattr(value, "label", None) or getattr(value, "value", value))


def sport_of_occupations(facts: list[Fact]) -> list[Fact]:
    """P641 for each person given a sport-specific occupation ("speed skater" → speed
    skating), whichever extractor found the occupation; at 0.95 of its confidence."""
    from .relations.roles import sport_of_occupation

    has = {(f.subject.name, getattr(f.value, "label", "")) for f in facts
           if f.property == "P641" and isinstance(f.subject, Person)}
    out: list[Fact] = []
    for fact in facts:
        if fact.property != "P106" or not isinstance(fact.subject, Person) or not isinstance(
                fact.value, Concept):
            continue
        sport = sport_of_occupation().get(fact.value.label)
        if sport is None or (fact.subject.name, sport.label) in has:
            continue
        has.add((fact.subject.name, sport.label))
        out.append(Fact(fact.subject, "P641", sport, fact.sentence, fact.extractor,
                        round(fact.confidence * 0.95, 3)))
    return out


_FIRST_PLACE = re.compile(r"\b(?:gold|champion)\b")
"""An award that only the winner of its event receives: a gold medal, a champion's title."""


def _tournament_of_side(side: Person | Concept, award: Concept, event: Concept) -> bool:
    """Whether a side's champion title is of a tournament's edition ("2023 IKF World
    Korfball Championship"): the side that became its champion won that tournament. Not
    a multi-sport Games, where the title is of one of its tournaments."""
    return isinstance(side, Concept) and side.type == "team" and "champion" in \
        award.label.lower() and tournament_edition(event.label)


WINS_OF_WINNERS = "sportkg_wins_of_winners"


def wins_of_winners(facts: list[Fact]) -> list[Fact]:
    """sk:won for the holder of a gold medal or a champion's title of a named event.

    Who takes gold in the women's 1000 m, or becomes world champion there, won that race:
    the award's event (its P1344 qualifier) is the event won, dated and placed as the
    award is. Silver and bronze, awards without a race and edition, and a title that
    only describes someone ("the former Olympic champion X") say nothing of a win.
    """
    have = {(name_of(f.subject), _fact_value_key(f.value)) for f in facts
            if f.property == "sk:won"}
    out: list[Fact] = []
    for fact in facts:
        if fact.property != "P166" or not isinstance(fact.value, Concept) or \
                fact.descriptive or not _FIRST_PLACE.search(fact.value.label.lower()):
            continue
        quals = dict(fact.qualifiers)
        event = quals.pop("P1344", None)
        if not isinstance(event, Concept) or not (race_of_edition(event.label) or
                                                  _tournament_of_side(fact.subject, fact.value,
                                                                      event)):
            continue
        win = _win_of(fact, event, quals, WINS_OF_WINNERS, 0.95, have)
        if win is not None:
            out.append(win)
    return out


def _win_of(fact: Fact, event: Concept, quals: dict[str, Concept | LiteralValue],
            extractor: str, factor: float, have: set[tuple[str, str]]) -> Fact | None:
    """The win of `event` another result implies for its subject, dated and placed as that
    result (`quals`, its event left out), at `factor` of its confidence; None when the
    subject's win of that event is stated already (`have`, which it joins)."""
    key = (name_of(fact.subject), _fact_value_key(event))
    if key in have:
        return None
    have.add(key)
    return Fact(fact.subject, "sk:won", event, fact.sentence, extractor,
                round(fact.confidence * factor, 3), tuple(quals.items()))


OLYMPIC_GOLD = "Q15243387"
"""Wikidata's Olympic gold medal."""

_FINAL = re.compile(r"(?<![\w-])(?:(?![ab]-)\w+-)?(?:finale|eindstrijd|final|gold[- ]medal\s+"
                    r"(?:match|game|bout))(?![\w-])", re.IGNORECASE)
"""A final, also named with its tournament in one word ("de WK-finale"): not a semi-final
("halve finale", "semi-final") nor a quarter-final, nor a race's A- or B-final."""

_NOT_THE_FINAL = re.compile(r"(?:halve|kwart|achtste|semi|quarter)[\s-]*(?:finale?|eindstrijd)\b|"
                            r"\b(?:verloren|lost)\s+(?:de\s+|the\s+)?finale?\b", re.IGNORECASE)


def _of_a_final(text: str) -> bool:
    """Whether a sentence tells of a final (not a semi-final, nor a final lost)."""
    return _FINAL.search(text) is not None and _NOT_THE_FINAL.search(text) is None


WINS_OF_FINALS = "sportkg_wins_of_finals"


def wins_of_finals(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Who beat a rival in the final of a tournament won the tournament.

    "Berg beat Lind in the Wimbledon final" in a report of Wimbledon is Berg's win
    of that Wimbledon: the defeat's event (`P1344`, the tournament its sentence names or
    the report is about, in its edition) is the event won, dated and placed as the
    defeat is. A semi-final, a final the subject lost, a defeat without an event or of a
    multi-sport Games (where the final is one event's) gives none.
    """
    have = {(name_of(f.subject), _fact_value_key(f.value)) for f in facts
            if f.property == "sk:won"}
    out: list[Fact] = []
    for fact in facts:
        if fact.property != "sk:defeated" or fact.descriptive or not 0 <= fact.sentence < len(
                context.sentences):
            continue
        quals = dict(fact.qualifiers)
        event = quals.pop("P1344", None)
        if not isinstance(event, Concept) or not tournament_edition(event.label):
            continue
        text = context.sentences[fact.sentence].text
        if not _of_a_final(text):
            continue
        if not _told_here(context, event, text):
            continue  # an event the article names elsewhere, not the one of this final
        win = _win_of(fact, event, quals, WINS_OF_FINALS, 0.85, have)
        if win is not None:
            out.append(win)
    return out


def _told_here(context: ArticleContext, event: Concept, text: str) -> bool:
    """Whether a sentence names the event (two thirds of its words, the edition aside:
    "her third World Championship title" names the World Darts Championship) or the
    event is the tournament the whole report is about."""
    from .relations.engine import article_event

    told = article_event(context)
    if told is not None and (event.label.startswith(told) or event.label.endswith(told)):
        return True
    words = {w for w in fold(event.label).split() if not w.isdigit() and len(w) > 2}
    return bool(words) and 3 * len(words & set(fold(text).split())) >= 2 * len(words)


def _championship_kind(event: str) -> str:
    """The kind of championship an event's English name says ("2026 World Judo
    Championships": World Championships), or "" for none of the three with medals."""
    if re.search(r"\bOlympics\b", event):
        return "Olympics"
    for kind in ("World", "European"):
        if re.search(rf"\b{kind}\b(?:\s+[A-Z][\w-]*){{0,3}}\s+Championships?\b", event):
            return f"{kind} Championships"
    return ""


MEDALS_OF_FINALS = "sportkg_medals_of_finals"


def medals_of_finals(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """The medals a final at the Olympics or a world or European championship hands out.

    Who beat a rival in the final ("klopte in de finale de Japanner Y", "beat Y in the
    final of the World Championships") became champion (the Olympic gold medal, "world
    champion <sport>", "European champion"), and the one beaten took silver; with the
    defeat's event, date and place. The sentence names the championship, and the article
    names a medal somewhere (a snooker world final hands out none). A semi-final, a final
    lost by the subject's side ("lost the final": the other one won it) or a championship
    of another kind gives none.
    """
    from .relations.engine import competition_in
    from .relations.lexicon import Lexicon

    have = {(name_of(f.subject), f.property) for f in facts if f.property == "P166"}
    out: list[Fact] = []
    medalled: bool | None = None
    for fact in facts:
        if fact.property != "sk:defeated" or fact.descriptive or not 0 <= fact.sentence < len(
                context.sentences):
            continue
        text = context.sentences[fact.sentence].text
        if not _of_a_final(text):
            continue
        event = dict(fact.qualifiers).get("P1344")
        kind = (_championship_kind(event.label) if isinstance(event, Concept) else "") or \
            _championship_kind(text)
        if not kind:
            found = competition_in(context, text)
            kind = found[0] if found else ""
        if medalled is None and kind not in ("Olympics", ""):  # named anywhere in the article
            medalled = bool(Lexicon.load().find_all("medal", context.lang, context.text))
        if kind not in ("Olympics", "") and not medalled:
            continue  # the Olympics always hand out medals; a world final may not
        sport = f" {context.sport.label}" if context.sport is not None else ""
        if kind == "Olympics":
            gold = Concept("Olympic gold medal", "award", OLYMPIC_GOLD)
            silver = Concept("Olympic silver medal", "award")
        elif kind == "World Championships":
            gold, silver = Concept(f"world champion{sport}", "award"), Concept(
                "silver medal", "award")
        elif kind == "European Championships":
            gold, silver = Concept("European champion", "award"), Concept(
                "silver medal", "award")
        else:
            continue
        assert isinstance(fact.value, Person | Concept)
        for holder, award in ((fact.subject, gold), (fact.value, silver)):
            if (name_of(holder), "P166") in have:
                continue  # a medal already read for them says more
            have.add((name_of(holder), "P166"))
            out.append(Fact(holder, "P166", award, fact.sentence, MEDALS_OF_FINALS,
                            round(fact.confidence * 0.8, 3), fact.qualifiers))
    return out

_GENDERED = re.compile(r"^(?:men's|women's|boys'|girls')\s+")

AWARDS_OF_WINNERS = "sportkg_awards_of_winners"


def awards_of_winners(facts: list[Fact]) -> list[Fact]:
    """P166 for the winner of an Olympic, world- or European-championship event.

    Winning the women's 1000 m of the Winter Olympics is the Olympic gold medal of that
    race; winning a race of a world championship makes its winner world champion of the
    discipline ("world champion 500 m"), of a European one European champion. Only a race
    of a named edition: "won the 2010 Winter Olympics" names no race. The award carries the
    event as P1344 and the win's date and place; a subject that already holds an award of
    that event keeps its own.
    """
    held_events = {(name_of(f.subject), _fact_value_key(dict(f.qualifiers).get("P1344")))
                   for f in facts if f.property == "P166"}
    out: list[Fact] = []
    for fact in facts:
        if fact.property != "sk:won" or not isinstance(fact.value, Concept) or \
                fact.extractor == WINS_OF_WINNERS:
            continue
        event = fact.value
        if not race_of_edition(event.label):
            continue  # a whole Games, or a race of no named edition
        championship = CHAMPIONSHIP.search(event.label)
        if "Olympics" in event.label:
            award = Concept("Olympic gold medal", "award", OLYMPIC_GOLD)
        elif championship is not None:
            discipline = _GENDERED.sub("", event.label.split(",")[0])
            title = "world" if championship.group("scope") == "World" else "European"
            award = Concept(f"{title} champion {discipline}", "award")
        else:
            continue
        key = (name_of(fact.subject), _fact_value_key(event))
        if key in held_events:
            continue
        held_events.add(key)
        out.append(Fact(fact.subject, "P166", award, fact.sentence, AWARDS_OF_WINNERS,
                        round(fact.confidence * 0.95, 3),
                        (("P1344", event), *fact.qualifiers)))
    return out


WINNING = ("P166",)
"""A medal or title in the article's sport says the person does that sport."""


def defeats_in_wins(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A rival beaten in the reported days, with no race or match named, was beaten in the
    one event the winner won in those days ("Vos won the tournament. In the final he beat
    Berg": that tournament is the defeat's `P1344`); a winner of two events names none."""
    won: dict[str, set[str]] = {}
    events: dict[str, Concept] = {}
    for fact in facts:
        if fact.property == "sk:won" and isinstance(fact.value, Concept) and \
                not fact.descriptive and context.is_recent(context.sentences[fact.sentence]):
            won.setdefault(name_of(fact.subject), set()).add(fact.value.label)
            events[fact.value.label] = fact.value
    if not won:
        return facts
    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        labels = _most_detailed(won.get(name_of(fact.subject), set()))
        if fact.property == "sk:defeated" and "P1344" not in quals and len(labels) == 1 \
                and context.is_recent(context.sentences[fact.sentence]):
            quals["P1344"] = events[next(iter(labels))]
            fact = dataclasses.replace(fact, qualifiers=tuple(quals.items()))
        out.append(fact)
    return out


def _most_detailed(labels: set[str]) -> set[str]:
    """Event labels without those another one names in more words ("World Cup" beside
    "women's 1500 m, 2025 World Cup": one win told twice)."""
    words = {label: set(label.lower().replace(",", " ").split()) for label in labels}
    return {label for label in labels
            if not any(other != label and words[label] < words[other] for other in labels)}


_TIMED = ("sk:won", "P166")
"""Results a race time belongs to."""
_LOOK_AHEAD = 3
"""Sentences after a result in which its time may follow ("Berg won the 1500 m. She clocked
1:54.12, ...")."""


def timed_later(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """Each win or medal of the days of the article whose sentence gives no race time takes the
    time one of the next few sentences gives its winner: the time nearest a mention of them
    (or, in a sentence naming nobody, of the one its pronouns stand for), in a sentence of the
    same days that names no other distance. A headline's win so takes the time the report
    gives below it.
    """
    from .normalize import find_distances, find_race_times

    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        if fact.property not in _TIMED or fact.descriptive or "P2781" in quals or \
                not isinstance(fact.subject, Person) or \
                not context.is_recent(context.sentences[fact.sentence]):
            out.append(fact)
            continue
        own = {d for d, _, _ in find_distances(" ".join(
            str(getattr(v, "label", "")) for v in (fact.value, quals.get("P1344"))))}
        found = None
        for sentence in context.sentences[fact.sentence + 1:fact.sentence + 1 + _LOOK_AHEAD]:
            if not context.is_recent(sentence) or \
                    {d for d, _, _ in find_distances(sentence.text)} - own:
                continue
            found = _time_of(sentence, fact.subject.name, find_race_times(sentence.text))
            if found is not None:
                break
        if found is None:
            out.append(fact)
            continue
        quals["P2781"] = LiteralValue(found, "string")
        out.append(dataclasses.replace(fact, qualifiers=tuple(quals.items())))
    return out


def _time_of(sentence: Sentence, name: str, times: list[tuple[str, float, int]]) -> str | None:
    """The race time `sentence` gives the person `name`: the one nearest their mention, when
    no one else is nearer; or its only time when it names nobody and speaks of them."""
    if not times:
        return None
    if _OTHER_RUN.search(sentence.text):
        return None
    people = [(p.name, p.start - sentence.start) for p in sentence.people]
    told = sentence.salient or sentence.carried
    if told is not None and _PRONOUN_FIRST.match(sentence.text):
        people.insert(0, (told.name, 0))  # "Ze reed 1.53,20 en bleef Lind voor"
    if not people:
        return times[0][0] if len(times) == 1 and told is not None and told.name == name \
            else None
    # people named in a row share the time given after the row ("A, B and C won in 3:42.03")
    rows = [{p.name for p in row} for row in _coordinated(sentence)]
    for written, _, at in times:
        nearest = min(people, key=lambda p: abs(p[1] - at))[0]
        if nearest == name or any(name in row and nearest in row for row in rows):
            return written
    return None


_PRONOUN_FIRST = re.compile(r"(?:ze|zij|hij|she|he)\b", re.IGNORECASE)
"""A sentence opening with the pronoun of the person it is about."""
_OTHER_RUN = re.compile(
    r"\b(?:previous|earlier|heats?|semi-?finals?|qualif\w*|round|series|"
    r"vorige?|eerder\w*|halve finale|kwalificatie\w*|ronde)\b", re.IGNORECASE)
"""Words of a sentence that tells another run than the result's (a heat, an earlier
round): its times are not the result's."""


_LEFT_FROM = re.compile(r"\b(?:van|uit|from|bij|at)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_GONE_TO = re.compile(r"\b(?:naar|voor|to|for|with|met|aan)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)


def dated_moves(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """A team a sentence of the article's days moves someone to or from ("tekent bij", "komt
    over van", "verruilt A voor B", "signed from", "leaves") gets the day as the start
    (`P580`) or end (`P582`) of the spell, when the fact has neither: the sentence's date,
    else the publication day; a sentence of an earlier move dates it by the one year it
    names ("in 2019", "vorig jaar"), else not at all. A team after "van"/"from" (or a
    leaving verb's "bij"/"at", or the team a leaving verb names) is left; one after
    "naar"/"voor"/"to"/"for" is joined, as is a team a joining verb names. A spell a
    sentence tells "since" a year ("zit al sinds 2021 bij Ajax") starts that year.
    """
    from .relations.lexicon import Lexicon

    finder = Lexicon.load().finder("move", context.lang)
    out: list[Fact] = []
    for fact in facts:
        quals = dict(fact.qualifiers)
        if fact.property != "P54" or "P580" in quals or "P582" in quals or finder is None \
                or not isinstance(fact.value, Concept) or not isinstance(fact.subject, Person):
            out.append(fact)
            continue
        sentence = context.sentences[fact.sentence]
        key = _move_key(sentence, fact.subject.name, fact.value.label, finder, context.lang)
        if key is None:
            # "zit al sinds 2021 bij Ajax", "has played for Leeds since 2019": the spell's start
            since = since_start(sentence.text, context.published) \
                if _named_at(sentence.text, fact.value.label) is not None else None
            key, date = ("P580", LiteralValue(since, "date", "year")) if since else (None, None)
        elif context.is_recent(sentence):
            date = context.date_of(sentence) or (
                LiteralValue(context.published, "date", "day") if context.published else None)
        elif not UNTIL_YEAR.search(sentence.text) and not _BORN.search(sentence.text) \
                and _one_year_near_move(sentence.text, finder):
            # "werd vorig jaar overgenomen van X", "signed for X in 2019": the date it gives
            date = context.date_of(sentence)
            if date is not None and context.published and \
                    str(date.value)[:4] > context.published[:4]:
                date = None  # a move told of the years to come is no move made
        else:
            date = None
        if key is None or date is None:
            out.append(fact)
            continue
        quals[key] = date
        out.append(dataclasses.replace(fact, qualifiers=tuple(quals.items())))
    return out


_DATES = re.compile(r"\b(?:19|20)\d\d\b|\b(?:vorig|afgelopen|dit|volgend)\s+(?:jaar|seizoen)\b|"
                    r"\b(?:last|this|next)\s+(?:year|season)\b", re.IGNORECASE)
"""The years a sentence names, written out or counted from now (a move is dated only by a
sentence that names one)."""


_BORN = re.compile(r"\b(?:geboren|born)\b", re.IGNORECASE)
"""A sentence that tells a birth: its year is no move's."""


def _one_year_near_move(text: str, finder: re.Pattern[str]) -> bool:
    """Whether a sentence names one year only, within a few words of a move word ("werd in
    2023 door X overgenomen", "signed for X in 2019")."""
    years = list(_DATES.finditer(text))
    return len(years) == 1 and any(abs(m.start("w") - years[0].start()) <= 40
                                   for m in finder.finditer(text))


def _move_key(sentence: Sentence, person: str, team: str, finder: re.Pattern[str],
              lang: str) -> str | None:
    """"P580" when `sentence` moves `person` to the team `team`, "P582" when away from it,
    None when it tells no move of theirs to or from that team. The move word read is the
    nearest before the team (the verb comes first: "signed a loan with A, leaving B"), else
    the nearest after it; the person it moves is the one named nearest to it."""
    from .relations.lexicon import Lexicon

    text = sentence.text
    at = _named_at(text, team)
    moves = list(finder.finditer(text))
    if at is None or not moves:
        return None
    before = text[max(0, at - 30):at]
    if _FORMER.search(before):
        return None  # "former Wolves captain X joined ...": a past club, not the one joined
    earlier = [m for m in moves if m.start("w") < at]
    nearest = earlier[-1] if earlier else min(moves, key=lambda m: abs(m.start("w") - at))
    people = sentence.people
    if people and min(people, key=lambda p: abs(p.start - sentence.start - nearest.start("w"))
                      ).name != person:
        return None  # "A joined Ferrari's academy, like B before him": A's move, not B's
    entry = Lexicon.load().lookup("move", lang, nearest.group("w"))
    leaving = entry is not None and entry.label == "leave"
    if _GONE_TO.search(before):
        return "P580"
    if _LEFT_FROM.search(before) and (leaving or not re.search(r"\b(?:bij|at)\s+(?:\S+\s+)"
                                                               r"{0,2}$", before)):
        return "P582"
    return "P582" if leaving else "P580"


_FORMER = re.compile(r"\b(?:" + "|".join(sorted(PAST_MARKERS)) + r")[\s-]+$", re.IGNORECASE)
"""A word that makes the team after it a past one ("former Ajax captain", "oud-PSV'er")."""


def _named_at(text: str, team: str) -> int | None:
    """Where `text` names the team `team`: its whole name, else its last or first word."""
    words = team.split()
    for surface in (team, words[-1], words[0]):
        found = re.search(rf"\b{re.escape(surface)}\b", text)
        if found is not None and len(surface) > 2:
            return found.start()
    return None


_DOUBLES = re.compile(r"\b(?:doubles|dubbel\w*|herendubbel|damesdubbel|vrouwendubbel|"
                      r"gemengd\s+dubbel|mixed)\b", re.IGNORECASE)


def tennis_disciplines(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """In a tennis report, a tournament a player won, or the one a match they won was played
    in, is named with its discipline, as the tournament's draws are: "women's singles, 2017
    Wimbledon Championships" for "Wimbledon 2017" won by a woman; doubles when the sentence
    speaks of a doubles match. Events named with a discipline already, and players whose
    gender the article does not tell, are left as they are."""
    if context.sport is None or context.sport.label != "tennis":
        return facts
    out: list[Fact] = []
    for fact in facts:
        if not isinstance(fact.subject, Person) or fact.property not in ("sk:won",
                                                                           "sk:defeated"):
            out.append(fact)
            continue
        sentence = context.sentences[fact.sentence]
        prefix = gender_in(context, sentence, fact.subject.name)  # "the women's singles title"
        if not prefix:
            out.append(fact)
            continue
        draw = "doubles" if _DOUBLES.search(sentence.text) else "singles"
        name = f"{prefix} {draw}"
        if fact.property == "sk:won" and isinstance(fact.value, Concept):
            fact = dataclasses.replace(fact, value=_in_draw(fact.value, name))
        quals = tuple((k, _in_draw(v, name) if k == "P1344" and isinstance(v, Concept) else v)
                      for k, v in fact.qualifiers)
        out.append(dataclasses.replace(fact, qualifiers=quals))
    return out


def _in_draw(event: Concept, draw: str) -> Concept:
    """A tournament named with its draw ("women's singles, Wimbledon Championships 2017");
    an event named with a discipline already, or a single match, as it is."""
    if "," in event.label or event.type != "event" or " vs. " in event.label:
        return event
    return dataclasses.replace(event, label=f"{draw}, {event.label}", qid=None)


def _sport_of_winners(context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """P641 for the people who won a medal or title in a one-sport article.

    A medal or title in a named sport gives the sport, as a sport-specific occupation
    does; the sport is the article's, so only when the article is about one sport.
    """
    sport = context.sport
    if sport is None:
        return []
    has_sport = {f.subject.name for f in facts
                 if f.property == "P641" and isinstance(f.subject, Person)}
    out: list[Fact] = []
    for fact in facts:
        person = fact.subject
        if fact.property in WINNING and isinstance(person, Person) and \
                person.name not in has_sport and not _voted(fact.value):
            has_sport.add(person.name)
            out.append(Fact(person, "P641", sport, fact.sentence, "sportkg_sport_of_winners",
                            round(min(fact.confidence, 0.8) * 0.8, 3)))
    return out


def _voted(award: object) -> bool:
    """Whether an award is voted rather than won in competition ("coach of the Year"): a
    coach's award of the year says nothing of the sport they do."""
    return isinstance(award, Concept) and award.label.endswith("of the Year")


def _entity(
    value: Person | Concept, links: Mapping[tuple[int, int], tuple[Entity, object]]
) -> Entity:
    """The entity of a fact's subject or value (see the module docstring)."""
    if isinstance(value, Person):
        linked = links.get((value.start, value.end))
        if linked is not None and linked[0].type == "person":
            entity = linked[0]
            if entity.qid is None and entity.label != value.name:
                return Entity(iri=entity.iri, label=value.name, qid=None, type="person")
            return entity
        return Entity(iri=mint_entity_iri(value.name, "person"), label=value.name, type="person")
    if value.qid:
        return Entity.from_qid(value.qid, value.label, value.type)
    known = kb_item(value.label, value.type, links)
    if known is not None and known.qid:  # the extractor's English name, the KB's item
        return Entity.from_qid(known.qid, value.label, value.type)
    return Entity(iri=mint_entity_iri(value.label, value.type), label=value.label, type=value.type)


_UNLINKED_TYPES = frozenset({"person", "record", "thing"})
"""Concept types never looked up in the KB (records are not Wikidata items)."""


def kb_item(
    name: str, type: str, links: Mapping[tuple[int, int], tuple[Entity, object]] | None = None
) -> Entity | None:
    """The Wikidata item a non-person value named `name` is, when the KB says so unambiguously.

    A mention of the same name the linker linked to an item of a compatible type wins;
    else the bundled KB's items whose label or alias is `name` exactly, when they are
    one item. The entity carries the KB's English label.

    Examples:
        >>> kb_item("Ajax", "team").qid, kb_item("voetballer", "occupation").label
        ('Q81888', 'association football player')
        >>> kb_item("Liverpool", "place") is None
        True
    """
    from ..kb.kb import KnowledgeBase, normalize_name, types_compatible

    if type in _UNLINKED_TYPES:
        return None
    key = normalize_name(name)
    if not key:
        return None
    for entity, note in (links or {}).values():
        if (entity.qid and entity.type != "person" and isinstance(note, LinkNote)
                and normalize_name(note.mention) == key and types_compatible(type, entity.type)):
            return entity
    found = {e.qid: e for e in KnowledgeBase.bundled().exact(key)
             if e.qid and types_compatible(type, e.type)}
    if len(found) != 1:
        return None
    return next(iter(found.values())).to_entity()


def _link_notes(
    fact: Fact, links: Mapping[tuple[int, int], tuple[Entity, object]]
) -> tuple[LinkNote, ...]:
    """The linker's notes on the mentions that gave the fact its subject and person value.

    Only links the statement uses count: a person mention linked to a person entity.
    """
    notes: list[LinkNote] = []
    for part in (fact.subject, fact.value):
        if not isinstance(part, Person):
            continue
        linked = links.get((part.start, part.end))
        if linked is None or linked[0].type != "person" or not isinstance(linked[1], LinkNote):
            continue
        if linked[1] not in notes:
            notes.append(linked[1])
    return tuple(notes)


def _value(value: object, links: Mapping[tuple[int, int], tuple[Entity, object]]) -> Value:
    if isinstance(value, LiteralValue):
        return value
    assert isinstance(value, Person | Concept)
    return _entity(value, links)


def _statement(
    fact: Fact,
    context: ArticleContext,
    links: Mapping[tuple[int, int], tuple[Entity, object]],
    article: Article,
    length: int,
) -> Statement | None:
    if fact.property not in RELATIONS:
        return None
    if not 0 <= fact.sentence < len(context.sentences):
        return None
    sentence = context.sentences[fact.sentence]
    start, end = max(0, sentence.start), min(length, sentence.end)
    if end < start:
        return None
    evidence = Evidence(
        source=article.source or article.id,
        sentence=article.text[start:end],
        start=start,
        end=end,
        extractor=fact.extractor,
        published=article.date,
        url=article.url,
        links=_link_notes(fact, links),
    )
    subject = _entity(fact.subject, links)
    value = _value(fact.value, links)
    if isinstance(value, Entity) and value.iri == subject.iri:
        return None
    qualifiers = tuple((k, _value(v, links)) for k, v in fact.qualifiers)
    return Statement(
        doc_id=article.id,
        article_hash=article.hash,
        subject=subject,
        property=fact.property,
        value=value,
        evidence=evidence,
        confidence=round(min(1.0, max(0.0, fact.confidence)), 3),
        qualifiers=qualifiers,
    )


def _key(statement: Statement) -> tuple[str, ...]:
    subject, value = statement.subject.iri, _value_key(statement.value)
    relation = RELATIONS.get(statement.property)
    if relation is not None and relation.symmetric and value < subject:
        subject, value = value, subject
    key: tuple[str, ...] = (statement.property, subject, value)
    if statement.property in ("P166", "P1000"):
        event = statement.qualifier("P1344")
        year = statement.qualifier("P585")
        detail = ""
        if isinstance(event, Entity) and ("," in event.label or " m" in event.label):
            detail = event.label.split(",")[0]  # the discipline: "women's 1000 m", "mass start"
        when = str(year.value)[:4] if isinstance(year, LiteralValue) else ""
        key += (detail, when)
    return key


def _value_key(value: Value) -> str:
    if isinstance(value, Entity):
        return value.iri
    return f"{value.datatype}:{value.value}"


def _merge(a: Statement, b: Statement) -> Statement:
    best, other = (a, b) if a.confidence >= b.confidence else (b, a)
    quals = dict(other.qualifiers)
    quals.update(dict(best.qualifiers))
    return dataclasses.replace(best, qualifiers=tuple(quals.items()))


def _fill(into: Statement, other: Statement) -> Statement:
    """`into` with the qualifiers only `other` has, at the higher confidence of the two."""
    quals = dict(other.qualifiers)
    quals.update(dict(into.qualifiers))
    return dataclasses.replace(into, qualifiers=tuple(quals.items()),
                               confidence=max(into.confidence, other.confidence))


def _compatible(detail: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two awards' details (discipline, year) may be one award: each part is the
    same or missing on one side."""
    return all(a == b or not a or not b for a, b in zip(detail, other, strict=True))


def _merge_undetailed(statements: list[Statement]) -> list[Statement]:
    """Fold a medal or record stated without its event into the same one stated with it."""
    out: list[Statement] = []
    by_value: dict[tuple[str, str, str], list[int]] = {}
    for statement in statements:
        if statement.property not in ("P166", "P1000"):
            out.append(statement)
            continue
        group = (statement.property, statement.subject.iri, _value_key(statement.value))
        detail = _key(statement)[3:]
        placed = False
        for i in by_value.get(group, []):
            other = _key(out[i])[3:]
            if _compatible(detail, other):
                # the statement that says more keeps its event; the other fills the gaps (a
                # title of 2012 and one of 2016 are two, though neither names a discipline)
                richer = sum(map(bool, detail)) > sum(map(bool, other))
                out[i] = _fill(statement, out[i]) if richer else _fill(out[i], statement)
                placed = True
                break
        if not placed:
            by_value.setdefault(group, []).append(len(out))
            out.append(statement)
    return out


PAIRS_EXTRACTOR = "sportkg_pairs"


def _one_award_per_reading(statements: list[Statement]) -> list[Statement]:
    """One award read twice from one sentence is one fact: when the pair classifier and a
    pattern family give the same subject an award of overlapping words from the same
    sentence ("European champion" and "European champion 1500 m"), the pattern's stays,
    with the higher confidence; different awards ("silver medal", "bronze medal") stay."""
    patterns: dict[tuple[str, int, int], list[int]] = {}
    for i, statement in enumerate(statements):
        if statement.property == "P166" and statement.evidence.extractor != PAIRS_EXTRACTOR:
            key = (statement.subject.iri, statement.evidence.start, statement.evidence.end)
            patterns.setdefault(key, []).append(i)
    out = list(statements)
    dropped: set[int] = set()
    for i, statement in enumerate(statements):
        if statement.property != "P166" or statement.evidence.extractor != PAIRS_EXTRACTOR:
            continue
        key = (statement.subject.iri, statement.evidence.start, statement.evidence.end)
        words = _label_words(statement.value)
        for j in patterns.get(key, []):
            theirs = _label_words(statements[j].value)
            if words and theirs and len(words & theirs) * 2 >= len(words | theirs) and \
                    _compatible(_key(statement)[3:], _key(statements[j])[3:]):
                if statement.confidence > out[j].confidence:
                    out[j] = dataclasses.replace(out[j], confidence=statement.confidence)
                dropped.add(i)
                break
    # a podium the patterns read ("goud voor A, zilver voor B") gives each medal once: the
    # pair classifier's medal for A that the patterns gave B in that sentence is B's (medals
    # only: a title the patterns share with a partner is the partner's too)
    given: dict[tuple[int, int, str], set[str]] = {}
    for statement in statements:
        if statement.property == "P166" and statement.evidence.extractor != PAIRS_EXTRACTOR:
            given.setdefault((statement.evidence.start, statement.evidence.end,
                              _value_key(statement.value)), set()).add(statement.subject.iri)
    for i, statement in enumerate(statements):
        if statement.property != "P166" or statement.evidence.extractor != PAIRS_EXTRACTOR \
                or not _label_words(statement.value) & {"gold", "silver", "bronze"}:
            continue
        holders = given.get((statement.evidence.start, statement.evidence.end,
                             _value_key(statement.value)), set())
        own = (statement.subject.iri, statement.evidence.start, statement.evidence.end)
        if holders and statement.subject.iri not in holders and own in patterns:
            dropped.add(i)
    return [s for i, s in enumerate(out) if i not in dropped]


def _label_words(value: Value) -> set[str]:
    return set(fold(value.label).split()) if isinstance(value, Entity) else set()


def _merge_same_wins(statements: list[Statement]) -> list[Statement]:
    """One win of one race: "1000 m, 2026 Winter Olympics" folds into "women's 1000 m, ..."."""
    out: list[Statement] = []
    for statement in statements:
        if statement.property != "sk:won" or not isinstance(statement.value, Entity):
            out.append(statement)
            continue
        words = set(fold(statement.value.label).replace(",", " ").split())
        for i, other in enumerate(out):
            if other.property != "sk:won" or other.subject.iri != statement.subject.iri:
                continue
            assert isinstance(other.value, Entity)
            theirs = set(fold(other.value.label).replace(",", " ").split())
            if words <= theirs or theirs <= words:
                longer, shorter = (other, statement) if len(theirs) >= len(words) else (
                    statement, other)
                out[i] = _merge(longer, shorter) if longer.confidence >= shorter.confidence \
                    else _merge(shorter, longer)
                if out[i].value != longer.value:
                    out[i] = Statement(
                        doc_id=out[i].doc_id, article_hash=out[i].article_hash,
                        subject=out[i].subject,
                        property=out[i].property, value=longer.value, evidence=out[i].evidence,
                        confidence=out[i].confidence, qualifiers=out[i].qualifiers,
                    )
                break
        else:
            out.append(statement)
    return out


def _merge_same_teams(statements: list[Statement]) -> list[Statement]:
    """One team of one person under two names: "Luton" folds into "Luton Town", "Team
    Trek-Segafredo" takes "Trek-Segafredo", a national side named without its gender into
    the one named with it. The fuller name stays (a linked one before an unlinked one);
    the qualifiers of both are kept unless they disagree (two spells are two)."""
    out: list[Statement] = []
    for statement in statements:
        if statement.property != "P54" or not isinstance(statement.value, Entity):
            out.append(statement)
            continue
        for i, other in enumerate(out):
            if other.property != "P54" or other.subject.iri != statement.subject.iri or \
                    not isinstance(other.value, Entity) or \
                    not _one_name(other.value.label, statement.value.label) or \
                    not _agree(other.qualifiers, statement.qualifiers):
                continue
            keep, fold_in = sorted((other, statement), key=_team_rank, reverse=True)
            out[i] = _fill(keep, fold_in)
            break
        else:
            out.append(statement)
    return out


_GENERIC_TEAM_WORDS = frozenset({
    "fc", "afc", "sc", "cf", "ac", "sv", "vv", "bv", "team", "town", "club", "womens", "mens",
    "women", "men", "ladies", "dames", "vrouwen"})
"""Words a team's name may go with or without ("Luton Town", "Team Trek-Segafredo", a
national side's gender); not "Jong", "Cape Town" or "under-21", which name other teams."""


def _one_name(a: str, b: str) -> bool:
    """Whether two names name one team: the longer one's own words are only generic ones
    ("Luton" and "Luton Town"; not "Ajax" and "Jong Ajax" or "Ajax Cape Town")."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return set(short) <= set(long) and set(long) - set(short) <= _GENERIC_TEAM_WORDS


def _agree(a: tuple[tuple[str, object], ...], b: tuple[tuple[str, object], ...]) -> bool:
    """Whether two sets of qualifiers say nothing against each other: no value differs, and
    a spell that starts is not one that ends (the move from one to the other)."""
    mine, theirs = dict(a), dict(b)
    if ("P580" in mine) != ("P580" in theirs) and ("P582" in mine) != ("P582" in theirs):
        return False
    return all(theirs.get(key, value) == value for key, value in mine.items())


def _team_rank(statement: Statement) -> tuple[bool, int]:
    """Which of two names of a team stays: a linked one, then the one of more words."""
    value = statement.value
    assert isinstance(value, Entity)
    return value.qid is not None, len(name_words(value.label))


def _drop_weaker_partners(statements: list[Statement]) -> list[Statement]:
    strong = {
        frozenset((s.subject.iri, s.value.iri))
        for s in statements
        if s.property in ("sk:engagedTo", "P26") and isinstance(s.value, Entity)
    }
    out = []
    for s in statements:
        if s.property == "P451" and isinstance(s.value, Entity):
            if frozenset((s.subject.iri, s.value.iri)) in strong:
                continue
        out.append(s)
    return out
