"""The relation extractor component: one instance per relation family.

`RelationExtractor(nlp, name, family=...)` runs the family's patterns
(`patterns.tsv`) over the doc's sentences and turns each match into `Fact`s,
building values from the lexicon (occupations, countries, medals, titles,
records, events, teams) and adding qualifiers (event `P1344`, date `P585`,
place `P276`, race time `P2781`, start/end `P580`/`P582`). Families:

- identity: nationality `P27`, occupation `P106` and the sport `P641` it implies;
  the article's protagonist gets the article's dominant sport.
- age: `sk:age` with `P585` (the publication date unless a year is given).
- partners: `sk:engagedTo`, `P26`, `P451`.
- family: `P22`, `P25`, `P40`, `P3373`.
- medals: `P166` medals and titles.
- wins: `sk:won`, `sk:defeated`, plus the wins implied by gold medals and
  titles found by the medals family (which must run first).
- records: `P1000`.
- teams: `P54` (with `P580`/`P582` for transfers).
- coaches: `sk:coachedBy`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import LiteralValue
from ...racetime import parse_race_time
from ..normalize import (
    ORDINALS,
    RANKING,
    days_earlier,
    find_date,
    find_race_times,
    names_relative_day,
    parse_age_word,
    parse_date,
)
from .editions import clause_of, edition_label, named_season, names_edition, seasonal
from .engine import (
    FACTS_KEY,
    FAMILIES,
    ArticleContext,
    Concept,
    Fact,
    FactValue,
    Hit,
    Person,
    Sentence,
    award_event,
    build_event,
    competition_in,
    distance_around,
    distance_label,
    distance_list,
    distance_near,
    fact_place,
    main_competition,
    match_event,
    medal_competition,
    national_team,
    noun_gender,
    olympic_host,
    place_in,
    placeholder_people,
    previous_people,
    resolve_subject,
    run_patterns,
    side_name,
    world_championship,
    year_of,
)
from .lexicon import Lexicon
from .roles import role_in_sport

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_YEAR_LIST = re.compile(r"\b(?:19|20)\d\d(?:\s*,\s*(?:19|20)\d\d)*\s+(?:en|and)\s+(?:19|20)\d\d\b")


_TITLE_CASE_SMALL_WORDS = frozenset({"On", "A", "An", "In", "At", "Of", "For", "To", "The",
                                     "And", "With", "From", "After", "As"})
"""Small words a title-case headline capitalises ("Moves To Stoke City On A Free")."""


def year_award(text: str, lang: str, lexicon: Lexicon) -> str:
    """The English name of an award of the year ("beste Nederlandse sportvrouw van het jaar":
    "best Dutch sportswoman of the Year"): each Dutch word through the lexicon's
    `award_word` table, "van het jaar" as "of the Year"; English stays as written."""
    words = re.sub(r"\s+(?:van\s+het\s+jaar|of\s+the\s+year)$", "", text.strip(),
                   flags=re.IGNORECASE).split()
    if lang == "nl":
        found = [lexicon.lookup("award_word", "nl", w) for w in words]
        words = [e.label if e is not None else w for e, w in zip(found, words, strict=True)]
    return " ".join([*words, "of the Year"])


FIGHT_SPORTS = frozenset({"boxing", "kickboxing", "mixed martial arts"})
"""Sports whose single fights are events that are won ("Joshua vs. Klitschko")."""


_EARLIER_WORDS = re.compile(
    r"^(?:(?:\w+-time|\w+voudige?|former|voormalige?|oud|ex|two|three|four|five|six|seven|"
    r"eight|nine|ten|double|triple|multiple)(?:[\s-]+|$))+", re.IGNORECASE)
"""Words before an event's name that count or date its wins ("Two-time", "Former")."""

EARLIER_TITLE = re.compile(
    r"(?<![\w-])(?:\w+-time|\w+voudige?|former|voormalige?|oud-|ex-|reigning|regerende?|"
    r"defending|titelverdedig\w*|twice|thrice|once)(?![\w-])",
    re.IGNORECASE,
)
"""Words that make a title an earlier or repeated one ("three-time", "drievoudig",
"former", "reigning", "titelverdediger")."""

_BEATEN = re.compile(
    r"(?<![\w-])(?:beat|beats|beating|defeated|defeats|outsprinted|edged|versloeg|verslaat|"
    r"klopte|klopt|won\s+van|te\s+sterk\s+voor)\s+(?:the\s+|de\s+|het\s+)?"
    r"(?:[\w’'-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""A defeat verb right before a title: the title describes the beaten ("beat world
champion X"), who won it before."""

_GIVEN_TO = re.compile(r"^\s+(?:(?:was|ging|went|is|goes)\s+)?(?:er\s+)?(?:voor|naar|to)\s+⟨P")
"""What follows a medal given to someone in a list ("..., zilver voor ⟨P1⟩")."""

_JUST_NOW = re.compile(
    r"\b(?:(?:heeft|hebben)\b(?:\s+\S+){0,12}?\s+(?:ge\w+(?:d|t|en)|veroverd|verslagen|"
    r"behaald|verbeterd|bemachtigd|binnengehaald)|(?:has|have)\s+(?:\w+\s+){0,3}?(?:won|"
    r"taken|claimed|clinched|beaten|secured|set|broken|captured|retained|become)|vandaag|"
    r"vanavond|today|tonight)\b", re.IGNORECASE)
"""A report of the day itself: a present perfect ("heeft ... gewonnen", "has won") or
"vandaag/today"; such a sentence without a date of its own happened on the article's date."""

PERSONAL_BEST = "personal best"
"""The record word the lexicon gives personal bests ("persoonlijk record"): read, so the
words are not taken for another record, and never stated as a record held."""

_ROLE_PREFIX = re.compile(r"^(?:top|oud-|ex-|collega-|mede-|voormalig\s+|former\s+|ex\s+)",
                          re.IGNORECASE)


class RelationExtractor:
    """Runs one relation family's patterns and appends its facts to doc.user_data.

    Args:
        nlp: the pipeline.
        name: the component name (the extractor name in evidence).
        family: one of FAMILIES.
        min_confidence: facts below this confidence are dropped.
    """

    def __init__(
        self, nlp: Language | None, name: str, *, family: str, min_confidence: float = 0.0
    ) -> None:
        if family not in FAMILIES:
            from ...errors import ConfigError

            raise ConfigError(
                f"Unknown relation family {family!r}. Available: {', '.join(FAMILIES)}"
            )
        self.name = name
        self.family = family
        self.min_confidence = min_confidence
        self.lexicon = Lexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        """Extract the family's facts from doc."""
        context = ArticleContext.of(doc)
        facts: list[Fact] = doc.user_data.setdefault(FACTS_KEY, [])
        new: list[Fact] = []
        for hit in run_patterns(context, self.family):
            new.extend(self._facts(context, hit))
        new.extend(self._derived(context, [*facts, *new]))
        facts.extend(f for f in new if f.confidence >= self.min_confidence)
        return doc

    # ------------------------------------------------------------------ values
    def _facts(self, context: ArticleContext, hit: Hit) -> Iterator[Fact]:
        spec = hit.pattern.value
        kind, _, group = spec.partition(":")
        prop = hit.pattern.property
        subjects = hit.subjects
        if hit.pattern.subject == "@prev" and self.family in ("identity", "age"):
            subjects = self._gender_fit(context, hit)
        for subject in subjects:
            if kind.startswith("@"):
                found = resolve_subject(context, hit.sentence, kind, hit.match,
                                        exclude=frozenset({subject.name}))
                values: list[FactValue] = [p for p in found if p.name != subject.name]
            elif kind in ("o",) or (kind == "o" and group):
                values = [*placeholder_people(hit.sentence, hit.match.group(group or "o"))[:1]]
            else:
                values = list(self._concepts(context, hit, kind, group, subject))
            if kind in ("medal", "title", "record") and values:
                values = values + list(self._listed(context, hit, kind, subject))
            for value in values:
                if isinstance(value, Person) and value.name == subject.name:
                    continue
                distances: list[int | None] = [*distance_list(hit.sentence)] if kind in (
                    "medal", "title", "racewin") else []
                years = self._years(hit) if kind in ("medal", "title") else [None]
                if kind == "defended" and isinstance(value, Concept):
                    value, years = _previous_edition(context, hit.sentence, value)
                for year in years:
                    for distance in distances or [None]:
                        yield from self._fact(context, hit, subject, prop,
                                              self._at_distance(value, distance),
                                              year=year, distance=distance)

    def _nearby_date(self, context: ArticleContext, sentence: Sentence) -> LiteralValue | None:
        """The day of the closest earlier sentence (two at most) when this one gives none,
        moved back when the sentence says how much earlier it is ("een week eerder")."""
        index = sentence.index
        if not context.is_recent(sentence):
            return None
        offset = days_earlier(sentence.text)
        for back in (1, 2):
            if index - back < 0:
                break
            date = context.date_of(context.sentences[index - back])
            if date is not None:
                if date.precision != "day":
                    return None
                if offset is None:
                    return date
                day = parse_date(str(date.value))
                if day is None:
                    return None
                return LiteralValue((day - _dt.timedelta(days=offset)).isoformat(), "date", "day")
        return None

    def _gender_fit(self, context: ArticleContext, hit: Hit) -> tuple[Person, ...]:
        """A definite description ("De Amerikaan") refers to someone of its gender."""
        words = re.findall(r"[\w-]+", hit.match.group(0))
        noun = words[-1] if words else ""
        if noun.lower().endswith(("jarige", "year-old")) or noun.lower() in ("de", "het"):
            after = re.findall(r"[\w-]+", hit.sentence.masked[hit.match.end():])
            noun = after[0] if after else ""
        wanted = noun_gender(noun, context.lang)
        if wanted is None:
            return hit.subjects
        candidates = [*hit.subjects, *previous_people(context, hit.sentence)]
        for person in candidates:
            if context.gender.get(person.name, wanted) == wanted:
                return (person,)
        return ()

    def _at_distance(self, value: FactValue, distance: int | None) -> FactValue:
        """A world title of one distance of a listed set ("world champion 1000 m")."""
        if distance is None or not isinstance(value, Concept):
            return value
        if value.label.startswith("world champion"):
            return Concept(f"world champion {distance} m", value.type, value.qid)
        return value

    def _listed(
        self, context: ArticleContext, hit: Hit, kind: str, subject: Person
    ) -> Iterator[Concept]:
        """Further medals/titles/records listed after the match ("zilver en brons")."""
        rest = hit.sentence.masked[hit.match.end():]
        lex_kind = {"medal": "medal", "title": "title", "record": "record"}[kind]
        alternation = self.lexicon.alternation(lex_kind, context.lang)
        pattern = re.compile(
            rf"^(?:\s*(?:,|en|and|&)\s+(?:[\w’'\-]+\s+){{0,3}}?(?P<x>{alternation})\b)",
            re.IGNORECASE,
        )
        offset = hit.match.end()
        while True:
            m = pattern.match(rest)
            if m is None:
                return
            if _GIVEN_TO.match(rest[m.end():]):
                return  # "gold to A, silver to B": the next one is another person's
            text = m.group("x")
            position = offset + m.start("x")
            if kind == "medal":
                yield self._medal(context, hit.sentence, position, text)
            elif kind == "title":
                concept = self._title(context, hit.sentence, position, text)
                if concept is not None:
                    yield concept
            else:
                entry = self.lexicon.lookup("record", context.lang, text)
                if entry is not None:
                    distance = distance_near(hit.sentence, position)
                    label = entry.label + (
                        " " + distance_label(hit.sentence.text, distance, position)
                        if distance else "")
                    yield Concept(label, "record")
            rest = rest[m.end():]
            offset += m.end()

    def _years(self, hit: Hit) -> list[str | None]:
        """The years of a list "in 2015 en 2017" / "in 2016, 2017 and 2018" in the sentence."""
        m = _YEAR_LIST.search(hit.sentence.text)
        if m is None:
            return [None]
        return re.findall(r"\d{4}", m.group(0))

    def _fact(
        self,
        context: ArticleContext,
        hit: Hit,
        subject: Person,
        prop: str,
        value: FactValue,
        *,
        year: str | None = None,
        distance: int | None = None,
    ) -> Iterator[Fact]:
        if prop == "P1000" and isinstance(value, Concept) and value.label.startswith(
                PERSONAL_BEST):
            return  # a personal best is no record held: only the athlete's own mark
        if prop == "sk:age" and "(" in hit.match.group(0) and _tally(hit.sentence.masked):
            return  # "Federer (17), Nadal (14), Sampras (14), Emerson (12)": counts, not ages
        sentence = hit.sentence
        quals: dict[str, Concept | LiteralValue] = {}
        # a title that describes someone as an earlier or repeated winner ("the three-time
        # world champion X", "reigning champion X") was won before: the day, place and
        # event of its sentence are not the title's
        before = hit.sentence.masked[max(0, hit.match.start() - 40):hit.match.start()]
        described = "descriptive" in hit.pattern.flags and (prop == "sk:won" or (
            prop == "P166" and bool(EARLIER_TITLE.search(before + hit.match.group(0))
                                    or _BEATEN.search(before))))
        date = None if described else context.date_of(sentence)
        if date is None and self.family in ("medals", "records", "wins") and not described:
            date = self._nearby_date(context, sentence)
            if date is None and context.published and context.is_recent(sentence) and \
                    _JUST_NOW.search(sentence.text):
                # "heeft ... gewonnen", "has won", "vandaag": the news of the day it is dated
                date = LiteralValue(context.published, "date", "day")
            if date is None:
                date = context.event_date(sentence)
        if described and prop == "sk:won" and isinstance(value, Concept):
            # "Giro winner X" describes X by a win of an edition the text may name ("the
            # 2019 Giro winner"), not by one of the days it reports
            edition = re.search(r"\b(?:19|20)\d\d\b", value.label)
            year = year or (edition.group(0) if edition else None)
        if year is not None:
            date = LiteralValue(year, "date", "year")
        pos = hit.match.start()
        if prop in ("P54start", "P54end"):
            if date is not None:
                quals["P580" if prop == "P54start" else "P582"] = _coarse(date)
            prop = "P54"
        elif self.family in ("medals", "records", "wins") and prop != "sk:won" or (
            prop == "sk:won" and isinstance(value, Concept)
        ):
            if date is not None:
                quals["P585"] = date
            place = None if described else fact_place(context, sentence)
            if place is not None:
                quals["P276"] = place
        if prop == "P166" and isinstance(value, Concept) and isinstance(subject, Person):
            value = _own_discipline(context, subject, value)
        if prop == "P166" and isinstance(value, Concept) and not (described and year is None):
            event = award_event(context, sentence, pos, subject, known=bool(value.qid),
                                year=year, distance=distance)
            if event is not None:
                quals["P1344"] = event
                if "P276" not in quals:
                    host = olympic_host(context, event)
                    if host is not None:
                        quals["P276"] = host
        if prop in ("P1000", "sk:won") and isinstance(value, Concept):
            times = find_race_times(sentence.masked)
            if times:
                nearest = min(times, key=lambda t: abs(t[2] - pos))
                quals["P2781"] = LiteralValue(nearest[0], "string")
        if prop == "sk:defeated":
            event = build_event(context, sentence, pos, subject) or match_event(context, sentence)
            if event is not None:
                quals["P1344"] = event
            if date is not None:
                quals["P585"] = date
        if prop == "sk:age":
            when = self._age_date(context, sentence, "past" in hit.pattern.flags)
            if when is not None:  # an undated article states an age at an unknown date
                quals["P585"] = when
        if isinstance(value, LiteralValue) and prop != "sk:age" and value.datatype == "integer":
            return
        yield Fact(
            subject=subject,
            property=prop,
            value=value,
            sentence=sentence.index,
            extractor=self.name,
            confidence=hit.pattern.confidence,
            qualifiers=tuple(sorted(quals.items())),
            descriptive="descriptive" in hit.pattern.flags,
        )
        if prop == "P106" and isinstance(value, Occupation):
            if value.sport:
                label, _, qid = value.sport.partition("/")
                yield Fact(subject, "P641", Concept(label, "sport", qid or None), sentence.index,
                           self.name, round(hit.pattern.confidence * 0.95, 3))

    def _age_date(
        self, context: ArticleContext, sentence: Sentence, past: bool
    ) -> LiteralValue | None:
        """When an age held: a year the sentence names, else the publication date, else None."""
        text = sentence.text
        pub = parse_date(context.published)
        year = re.search(r"\b(19[5-9]\d|20[0-4]\d)\b", text)
        if past and year is None:
            index = sentence.index
            for back in (1, 2):
                if index - back >= 0:
                    year = re.search(r"\b(19[5-9]\d|20[0-4]\d)\b",
                                     context.sentences[index - back].text)
                    if year:
                        break
        if past and year and (pub is None or int(year.group(1)) != pub.year):
            return LiteralValue(year.group(1), "date", "year")
        if pub is not None:
            return LiteralValue(pub.isoformat(), "date", "day")
        return LiteralValue(year.group(1), "date", "year") if year else None

    def _concepts(
        self, context: ArticleContext, hit: Hit, kind: str, group: str, subject: Person
    ) -> Iterator[FactValue]:
        lex, lang = self.lexicon, context.lang
        text = (hit.match.group(group) or "").strip() if group else ""
        if not text and group and f"{group}2" in hit.match.re.groupindex:
            text = (hit.match.group(f"{group}2") or "").strip()
        sentence = hit.sentence
        if kind == "role":
            word = _ROLE_PREFIX.sub("", text)
            entry = lex.lookup("role", lang, word) or lex.lookup("role", lang, text)
            if entry is not None:
                label, qid, sport = role_in_sport(lang, word, entry.label, entry.qid,
                                                  entry.extra, context.sport)
                yield Occupation(label, "occupation", qid, sport)
        elif kind == "natcountry":
            entry = lex.lookup("demonym", lang, text) or lex.lookup("country", lang, text)
            if entry is not None:
                yield Concept(entry.label, "country", entry.qid)
        elif kind == "ioc":
            entry = lex.lookup("ioc", lang, text)
            if entry is not None and text.isupper():
                yield Concept(entry.label, "country", entry.qid)
        elif kind in ("dem", "country"):
            entry = lex.lookup("demonym" if kind == "dem" else "country", lang, text)
            if entry is not None:
                yield Concept(entry.label, "country", entry.qid)
        elif kind == "age":
            if text.isdigit() and 0 < int(text) < 110:
                yield LiteralValue(int(text), "integer")
        elif kind == "ageword":
            age = parse_age_word(text)
            if age is not None:
                yield LiteralValue(age, "integer")
        elif kind == "medal":
            yield self._medal(context, hit.sentence, hit.match.start(), text)
        elif kind == "title":
            concept = self._title(context, hit.sentence, hit.match.start(), text)
            if concept is not None:
                yield concept
        elif kind == "yearaward":
            yield Concept(year_award(text, lang, lex), "award")
        elif kind == "defending":
            if context.olympic and not self._names_event(context, sentence.text):
                yield self._award(context, "Olympic gold medal")
        elif kind == "defended":
            name = self._event_name_in(context, sentence.masked)
            if name is not None:
                yield Concept(name, "event")
        elif kind == "belt":
            base = "European champion" if re.search(r"\b(?:EBU|Europe|Europees|Europese)",
                                                     text) else "world champion"
            belt = belt_label(base, sentence.text, hit.match.start(group), context.text)
            if belt is not None:
                yield Concept(belt, "award")
        elif kind == "rank":
            competition = medal_competition(context, sentence)
            if competition is not None:
                from ..normalize import parse_ranking

                rank = 1 if not text else (parse_ranking(text) if not text.isdigit() else int(text))
                metal = {1: "gold", 2: "silver", 3: "bronze"}.get(rank or 0)
                if metal is not None:
                    prefix = "Olympic " if competition[0] == "Olympics" else ""
                    yield self._award(context, f"{prefix}{metal} medal")
        elif kind == "racewin":
            competition = competition_in(context, sentence.text) or main_competition(context)
            if competition is not None and competition[0] == "Olympics":
                yield self._award(context, "Olympic gold medal")
            elif competition is not None and world_championship(competition[0]):
                word = "wereldkampioen" if context.lang == "nl" else "world champion"
                concept = self._title(context, hit.sentence, hit.match.start(), word)
                if concept is not None:
                    yield concept
        elif kind == "raceevent":
            event = build_event(context, sentence, hit.match.start(group), subject)
            if event is not None and re.search(r"\b(?:19|20)\d\d\b(?! m)", event.label):
                yield event
        elif kind == "natteam":
            entry = lex.lookup("demonym", lang, text) or lex.lookup("country", lang, text)
            if entry is not None:
                women = "women's " if re.search(r"vrouwen|women", hit.match.group(0), re.I) or (
                    context.gender.get(subject.name) == "female") else ""
                yield national_team(side_name(text, entry.label, lang), context.sport,
                                    women=bool(women))
        elif kind == "sportverb":
            entry = lex.lookup("sportverb", lang, text)
            if entry is not None:
                yield Concept(entry.label, "sport", entry.qid)
        elif kind == "date":
            # the date right after "was born" / "werd geboren", not another one of the sentence
            window = re.split(r",(?!\s*\d)|;|\s(?:en|and|waar|where|na|after)\s",
                              sentence.masked[hit.match.end():hit.match.end() + 40])[0]
            found = find_date(window, context.published)
            date = LiteralValue(found[0], "date", found[1]) if found else None
            if date is not None:
                yield date
        elif kind == "place":
            entry = lex.lookup("place", lang, text)
            yield Concept(entry.label if entry else text, "place", entry.qid if entry else None)
        elif kind == "record":
            entry = lex.lookup("record", lang, text)
            if entry is not None:
                label = entry.label
                if entry.label in ("track record", "course record", "Dutch national record",
                                   "national record"):
                    distance = distance_near(sentence, hit.match.start(group))
                    if distance is None and "national" in entry.label:
                        distance = distance_around(context, sentence, hit.match.start(group))
                else:
                    distance = distance_around(context, sentence, hit.match.start(group))
                if distance is not None:
                    label += " " + distance_label(sentence.text, distance,
                                                  hit.match.start(group))
                    if context.sport and context.sport.label == "short track speed skating":
                        label += " short track"
                yield Concept(label, "record")
        elif kind == "event":
            concept = self._named_event(context, hit, text)
            if concept is not None:
                yield concept
        elif kind == "stage":
            number = _stage_number(text)
            event = self._named_event(context, hit, hit.match.group("event") or "")
            if number is not None and event is not None:
                yield Concept(f"stage {number}, {event.label}", "event")
        elif kind == "match":
            # a fight is an event of its own in a sport of single fights (boxing); a bout
            # or a match inside a tournament (judo, tennis) is not what the winner won
            others = placeholder_people(sentence, hit.match.group(group))
            if others and context.sport is not None and context.sport.label in FIGHT_SPORTS:
                yield Concept(f"{subject.name} vs. {others[0].name}", "event")
        elif kind in ("team", "teamlist"):
            parts = re.split(r"\s*,\s*|\s+(?:en|and)\s+", text) if kind == "teamlist" else [text]
            for part in parts:
                team = self._team(context, part)
                if team is not None:
                    yield team

    def _award(self, context: ArticleContext, label: str) -> Concept:
        entry = self.lexicon.lookup("award", context.lang, label)
        return Concept(label, "award", entry.qid if entry is not None else None)

    def _medal(
        self, context: ArticleContext, sentence: Sentence, position: int, text: str
    ) -> Concept:
        """The medal (or world title, for a world championship gold) named at `position`."""
        entry = self.lexicon.lookup("medal", context.lang, text)
        metal = entry.label if entry is not None else "gold"
        competition = competition_in(context, sentence.text)
        if competition is None and not re.search(r"\b(WK|EK|NK)-", text):
            competition = main_competition(context)
        elif re.search(r"\bWK-", text):
            competition = ("World Championships", "")
        kind = competition[0] if competition is not None else ""
        if "olymp" in text.lower() or kind == "Olympics":
            return self._award(context, f"Olympic {metal} medal")
        if world_championship(kind) and metal == "gold":
            concept = self._title(context, sentence, position, "wereldkampioen"
                                  if context.lang == "nl" else "world champion")
            if concept is not None:
                return concept
        return self._award(context, f"{metal} medal")

    def _title(
        self, context: ArticleContext, sentence: Sentence, position: int, text: str
    ) -> Concept | None:
        """The title named at `position`, with its belt, distance, race or sport."""
        entry = self.lexicon.lookup("title", context.lang, text) or self.lexicon.lookup(
            "title", context.lang, re.sub(r"^(world)\s+\w+\s+(champion)$", r"\1 \2", text)
        )
        if entry is None:
            return None
        if entry.qid:
            return Concept(entry.label, "award", entry.qid)
        label = entry.label
        if context.sport is not None and context.sport.label in _COMBAT and label in (
            "world champion", "European champion", "world heavyweight champion"
        ):
            belt = belt_label(label, sentence.text, position, context.text)
            if belt is not None:
                return Concept(belt, "award")
        if label in _DISCIPLINED:
            distance = distance_near(sentence, position)
            race = self.lexicon.find_all("race", context.lang, sentence.text[position:])
            if distance is None and re.search(
                r"\b(?:op|over|in|at|on)\s+(?:deze|die|de|the|this|that)\s+(?:afstand|distance)\b",
                sentence.text, re.IGNORECASE,
            ):
                distance = distance_around(context, sentence, position)
                if distance is not None:
                    return Concept(f"{label} {distance} m", "award")
            if distance is not None and abs(sentence.masked.find(str(distance)) - position) < 80:
                label += " " + distance_label(sentence.text, distance, position)
            elif race and not re.search(r"\d", sentence.text[position:][:40]):
                label += f" {race[0].label}"  # "wereldkampioene op de massastart"
            elif context.sport is not None and context.sport.label not in (
                "speed skating", "athletics"
            ):
                label += f" {context.sport.label}"
        return Concept(label, "award")

    def _names_event(self, context: ArticleContext, text: str) -> bool:
        pattern = self.lexicon.finder("event_word", context.lang, ignore_case=False)
        return pattern is not None and pattern.search(text) is not None

    def _event_name_in(self, context: ArticleContext, text: str) -> str | None:
        from .engine import _NAME

        for m in re.finditer(_NAME, text):
            name = re.sub(r"^(?:De|Het|The)\s+", "", m.group(0)).strip(" .,")
            if name and self._names_event(context, name) and len(name.split()) >= 2:
                return name
        return None

    def _named_event(self, context: ArticleContext, hit: Hit, text: str) -> Concept | None:
        at = hit.sentence.masked.find(text)
        own = clause_of(hit.sentence.masked, at) if at >= 0 else ""
        text = re.sub(r"^(?:de|het|the)\s+", "", text, flags=re.IGNORECASE).strip(" .,")
        described = "descriptive" in hit.pattern.flags
        if described:  # "Two-time Tour de France winner X", "Former Giro winner X"
            text = _EARLIER_WORDS.sub("", text).strip()
        text = re.sub(r"\s+(?:on|op|in|at|van|of)$", "", text)
        named = self.lexicon.lookup("event_name", context.lang, text)
        if named is not None:
            text = named.label  # "Ronde van Vlaanderen" -> "Tour of Flanders"
        elif not text or not self._names_event(context, text):
            return None
        if re.search(r"\b(19|20)\d\d\b", text):
            return Concept(text, "event")
        if names_edition(own):  # "X, who won the Giro in 2019, crashed on Sunday": 2019
            return Concept(edition_label(text, own, None, self.lexicon), "event")
        if described:
            # a win that describes someone is of the year the words before it give ("last
            # year's Giro winner X"), else of no known year
            before = hit.sentence.masked[max(0, hit.match.start() - 30):hit.match.start()]
            found = find_date(before, context.published)
            if found is not None:
                return Concept(edition_label(text, "", found[0][:4], self.lexicon), "event")
            return Concept(text, "event")
        date = context.date_of(hit.sentence)
        year = str(date.value)[:4] if date is not None else None
        year = year or year_of(context, hit.sentence)
        spelled = named_season(hit.sentence.text) if seasonal(text, self.lexicon) else None
        return Concept(edition_label(text, spelled or "", year, self.lexicon), "event")

    def _team(self, context: ArticleContext, text: str) -> Concept | None:
        text = text.strip(" .,")
        text = re.sub(r"\s+(?:in|op|on|at|van|of|de|het|the)$", "", text)
        possessive = re.search(r"['’]s\s+(\S+)", text)
        if possessive and (possessive.group(1)[:1].islower() or self.lexicon.contains(
                "demonym", context.lang, possessive.group(1)) or self.lexicon.contains(
                "role", context.lang, possessive.group(1))):
            text = text[:possessive.start()]  # "Alpecin's Belgian rider"; not "Queen's Park"
        text = re.sub(r"\s(?:On|For|From|After|With|To)\s.*$", "", text)  # a title-case headline
        if not text or "⟨" in text or len(text) < 2 or text.endswith(("'s", "’s")) \
                or RANKING.fullmatch(text):
            return None
        lex, lang = self.lexicon, context.lang
        alias = lex.lookup("team_name", lang, text)
        if alias is not None:
            return Concept(alias.label, "team")  # "Jong Oranje" -> the national under-21 team
        words = text.split()
        former = [i for i, w in enumerate(words[:-1]) if w.lower() in PAST_MARKERS]
        if former:  # "LEEDS March 3 Former Wales": a dateline, then a past side's name
            words = words[former[-1] + 1:]
        while len(words) > 1 and (
            lex.contains("stopcap", lang, words[0]) or lex.contains("demonym", lang, words[0])
            or (words[0].endswith(("se", "sche")) and len(words[0]) > 5)
        ):
            words = words[1:]
        # a title-case headline's small words ("Moves To Stoke City On A Free") and a
        # nationality after the name ("Red Bull's Dutch driver") are no part of it
        while len(words) > 1 and (words[-1] in _TITLE_CASE_SMALL_WORDS
                                  or lex.contains("demonym", lang, words[-1])):
            words = words[:-1]
        text = " ".join(words)
        country = lex.lookup("country", lang, text) or lex.lookup("home_nation", lang, text)
        if country is not None and context.sport is not None and context.team_sport:
            # "England defender X", "speelde voor Nederland": in a team sport, a country
            # where a team stands is its national side
            return national_team(side_name(text, country.label, lang), context.sport)
        first = words[0]
        if not first[:1].isupper() or (len(words) == 1 and lang == "nl" and len(first) > 5
                                       and first.endswith(("se", "sche"))):
            return None  # "de Gentse hoofdmacht": an adjective of a place, no club
        if lex.contains("demonym", lang, first):
            return None
        for kind in ("country", "demonym", "place", "olympic_host", "stopcap", "role",
                     "competition", "medal", "title", "record", "sport", "ioc", "nonperson"):
            if lex.contains(kind, lang, text):
                return None
            if kind == "stopcap" and lex.contains(kind, lang, first):
                return None
        if self._names_event(context, text) and not re.search(r"\b(Team|FC|SC|Club)\b", text):
            return None
        from ..normalize import MONTHS, WEEKDAYS

        if first.lower() in MONTHS or first.lower() in WEEKDAYS:
            return None
        return Concept(text, "team")

    # ------------------------------------------------------------------ derived facts
    def _derived(self, context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
        if self.family == "identity":
            yield from self._protagonist_sport(context, facts)
            yield from self._shared(facts, "sk:compatriot", "P27")
        elif self.family == "teams":
            yield from self._shared(facts, "sk:teammate", "P54")
        elif self.family == "family":
            yield from self._co_parents(facts)
            yield from self._births(context, facts)
        elif self.family == "wins":
            yield from self._wins_from_medals(context, facts)
            yield from self._fights(context, facts)
            yield from self._wins_from_ranks(context, [*facts])
            yield from self._ranked_lists(context)
        elif self.family == "coaches":
            yield from self._coach_occupation(facts)

    def _shared(self, facts: list[Fact], link: str, prop: str) -> Iterator[Fact]:
        """Compatriots share a nationality, teammates a team (when one side states it)."""
        known: dict[str, list[Fact]] = {}
        for fact in facts:
            if fact.property == prop and isinstance(fact.subject, Person):
                known.setdefault(fact.subject.name, []).append(fact)
        for fact in facts:
            if fact.property != link or not isinstance(fact.value, Person):
                continue
            a, b = fact.subject, fact.value
            if not isinstance(a, Person):
                continue
            for x, y in ((a, b), (b, a)):
                have = {f.value for f in known.get(y.name, [])}
                for source in known.get(x.name, [])[:1]:
                    if source.value not in have:
                        yield Fact(y, prop, source.value, fact.sentence, self.name,
                                   round(min(fact.confidence, source.confidence) * 0.9, 3))

    def _coach_occupation(self, facts: list[Fact]) -> Iterator[Fact]:
        """Whoever coaches a named athlete is a coach, unless the article gives another job."""
        jobs = {f.subject.name for f in facts
                if f.property == "P106" and isinstance(f.subject, Person)}
        done: set[str] = set()
        for fact in facts:
            coach = fact.value
            if fact.property != "sk:coachedBy" or not isinstance(coach, Person):
                continue
            if coach.name in jobs or coach.name in done:
                continue
            done.add(coach.name)
            entry = self.lexicon.lookup("role", "en", "coach")
            yield Fact(coach, "P106", Concept("coach", "occupation", entry.qid if entry else None),
                       fact.sentence, self.name, round(fact.confidence * 0.85, 3))

    def _wins_from_ranks(self, context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
        """The winner of a race beat the runner-up the article names.

        A sentence placing someone second ("Y werd tweede", "the runner-up, Y") right after
        a win by another person (at most three sentences before) gives that winner a
        `sk:defeated` of them; when only a third is named ("X took third"), of the third.
        Like the reports' readers, the defeat is of the closest rival, not of everyone
        behind.
        """
        winners: dict[int, Person] = {}
        for fact in facts:
            if fact.property in ("sk:won", "sk:defeated") and isinstance(fact.subject, Person) \
                    and fact.confidence >= 0.7:
                winners.setdefault(fact.sentence, fact.subject)
        for sentence in context.sentences:
            if sentence.salient is not None and sentence.index not in winners and _WON.search(
                    sentence.masked):
                winners[sentence.index] = sentence.salient
        if not winners:
            return
        placed: list[tuple[int, int, Person]] = []
        for sentence in context.sentences:
            for m in _PLACED.finditer(sentence.masked):
                rank = 2 if m.group("rank").lower() in ("second", "tweede", "2nd") else 3
                placed.append((sentence.index, rank, sentence.people[int(m.group("k"))]))
            for m in _RUNNER_UP.finditer(sentence.masked):
                placed.append((sentence.index, 2, sentence.people[int(m.group("k"))]))
        best: dict[int, tuple[int, int, Person]] = {}  # win sentence → the best placed after it
        for index, rank, person in placed:
            near = [i for i in winners if index - 3 <= i <= index]
            if not near or winners[max(near)].name == person.name:
                continue
            if max(near) not in best or rank < best[max(near)][0]:
                best[max(near)] = (rank, index, person)
        for won, (_, index, person) in best.items():
            yield Fact(winners[won], "sk:defeated", person, index, self.name, 0.6)

    def _ranked_lists(self, context: ArticleContext) -> Iterator[Fact]:
        """The first of a result list beat the second: "1. A ..., 2. B ...", "A werd eerste,
        B tweede", and a list of three or more people with their times in rising order
        ("A (36,94), B (37,10) en C (37,22)")."""
        for sentence in context.sentences:
            pairs: list[tuple[str, str]] = []
            for pattern in (_ORDINAL_LIST, _FIRST_SECOND):
                pairs += [(m.group("a"), m.group("b")) for m in pattern.finditer(sentence.masked)]
            found = [(m.group("k"), parse_race_time(m.group("t")))
                     for m in _TIMED.finditer(sentence.masked)]
            timed = [(k, t) for k, t in found if t is not None]
            if len(timed) >= 3 and len(timed) == len(found) and all(
                    a[1] < b[1] for a, b in zip(timed, timed[1:], strict=False)):
                pairs.append((timed[0][0], timed[1][0]))
            for a, b in pairs:
                winner, second = sentence.people[int(a)], sentence.people[int(b)]
                if winner.name != second.name:
                    yield Fact(winner, "sk:defeated", second, sentence.index, self.name, 0.65)

    def _births(self, context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
        """A child announced with a birth verb and a day ("kregen donderdag een dochter")."""
        done: set[str] = set()
        for fact in facts:
            child = fact.value
            if fact.property != "P40" or not isinstance(child, Person) or child.name in done:
                continue
            sentence = context.sentences[fact.sentence]
            verb = _BIRTH.search(sentence.masked)
            if verb is None:
                continue
            from ..normalize import find_date

            found = find_date(sentence.masked[verb.end():], context.published)
            if found is None or found[1] != "day":
                continue
            date = LiteralValue(found[0], "date", "day")
            done.add(child.name)
            yield Fact(child, "P569", date, fact.sentence, self.name,
                       round(fact.confidence * 0.9, 3))

    def _fights(self, context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
        """In a sport of single fights, beating a named opponent is winning the fight "A vs.
        B"; a judo bout or a tennis match inside a tournament is no event of its own."""
        sport = context.sport.label if context.sport else ""
        if sport not in FIGHT_SPORTS:
            return
        have = {(f.subject.name, f.value.label) for f in facts if f.property == "sk:won"
                and isinstance(f.subject, Person) and isinstance(f.value, Concept)}
        for fact in facts:
            loser = fact.value
            if fact.property != "sk:defeated" or not isinstance(loser, Person) \
                    or not isinstance(fact.subject, Person) or fact.confidence < 0.7:
                continue
            sentence = context.sentences[fact.sentence]
            date = context.date_of(sentence)
            if not context.is_recent(sentence) or (date is not None and date.precision != "day"):
                continue  # only the fight the article reports, not earlier ones
            label = f"{fact.subject.name} vs. {loser.name}"
            if (fact.subject.name, label) in have:
                continue
            have.add((fact.subject.name, label))
            quals = tuple((k, v) for k, v in fact.qualifiers if k == "P585")
            place = place_in(context, context.sentences[fact.sentence])
            if place is not None:
                quals = (*quals, ("P276", place))
            yield Fact(fact.subject, "sk:won", Concept(label, "event"), fact.sentence, self.name,
                       round(fact.confidence * 0.85, 3), tuple(sorted(quals)))

    def _co_parents(self, facts: list[Fact]) -> Iterator[Fact]:
        """A child named in the sentence that names a couple is the child of both."""
        couples = [f for f in facts if f.property in ("P451", "P26", "sk:engagedTo")]
        for fact in facts:
            if fact.property != "P40" or not isinstance(fact.subject, Person):
                continue
            for couple in couples:
                if couple.sentence != fact.sentence:
                    continue
                pair = {_person_name(couple.subject), _person_name(couple.value)}
                if fact.subject.name in pair:
                    other = couple.value if _person_name(couple.subject) == fact.subject.name \
                        else couple.subject
                    if isinstance(other, Person):
                        yield Fact(other, "P40", fact.value, fact.sentence, self.name,
                                   round(fact.confidence * 0.9, 3))

    def _protagonist_sport(self, context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
        person, sport = context.protagonist, context.sport
        if person is None or sport is None:
            return
        if any(f.property == "P641" and isinstance(f.subject, Person)
               and f.subject.name == person.name for f in facts):
            return
        first = next((s for s in context.sentences for p in s.people if p.name == person.name),
                     None)
        if first is None:
            return
        yield Fact(person, "P641", sport, first.index, self.name, 0.6)

    def _wins_from_medals(self, context: ArticleContext, facts: list[Fact]) -> Iterator[Fact]:
        yield from wins_from_medals(context, facts, self.name)

@dataclass(frozen=True)
class Occupation(Concept):
    """An occupation with the sport it implies ("label/qid", empty when none)."""

    sport: str = ""


_BIRTH = re.compile(
    r"\b(?:kreeg|kregen|gekregen|verwelkomde|verwelkomden|beviel|bevallen|geboren|born|"
    r"welcomed|welcome|gave\s+birth|had\s+a\s+(?:baby|son|daughter))\b",
    re.IGNORECASE,
)
_COMBAT = frozenset({"boxing", "kickboxing", "mixed martial arts", "taekwondo", "judo"})
"""Combat sports: their titles carry a belt or weight class."""
_DISCIPLINED = frozenset({"world champion", "European champion", "Dutch champion"})
"""Titles named with their distance, race or sport ("European champion 10 km open water")."""
_WON = re.compile(
    r"\b(?:won|wins|wint|winning|zegevierde|triumphed)\b(?!\s+(?:\S+\s+){0,3}?(?:silver|bronze|"
    r"zilver|brons|second|third|tweede|derde|a\s+medal|een\s+medaille)\b)",
    re.IGNORECASE,
)
_PLACED = re.compile(
    r"⟨P(?P<k>\d+)⟩(?:\s*\(\d{1,2}\))?[^.⟨;]{0,50}?\b(?:took|finished|was|came|placed|werd|eindigde"
    r"\s+als|kwam\s+als|finishte\s+als|sprint\s+om\s+de)\s+(?:[\w.,:]+\s+){0,2}?"
    r"(?P<rank>second|third|2nd|3rd|tweede|derde)\b(?!\s+(?:time|keer|ronde|round|set|stage|etappe))",
    re.IGNORECASE,
)

_RUNNER_UP = re.compile(
    r"\b(?:the\s+)?runner-up\s*,\s+(?:(?:the|a|an)\s+)?(?:[\w’'\-]+\s+){0,4}?⟨P(?P<k>\d+)⟩",
    re.IGNORECASE)
"""A person named as the runner-up: "The runner-up, Y, ...", "the runner-up, champion Y"."""


_ORDINAL_LIST = re.compile(
    r"(?:^|[\s,;:(])1[.)]\s*⟨P(?P<a>\d+)⟩[^⟨]{0,40}?[\s,;]2[.)]\s*⟨P(?P<b>\d+)⟩")
"""A numbered result list: "1. A 36.94, 2. B 37.10"."""

_FIRST_SECOND = re.compile(
    r"⟨P(?P<a>\d+)⟩\s+(?:werd|was|eindigde|finishte|finished|came|kwam)\s+(?:als\s+)?"
    r"(?:eerste|first)\s*(?:,|en|and|;)\s*(?:(?:en|and)\s+)?⟨P(?P<b>\d+)⟩\s+(?:(?:werd|was|"
    r"eindigde|finishte|finished|came|kwam)\s+)?(?:als\s+)?(?:tweede|second)\b", re.IGNORECASE)
"""Places given in a row, the verb said once: "A werd eerste, B tweede"."""

_TIMED = re.compile(
    r"⟨P(?P<k>\d+)⟩\s*\((?:[a-z]+\s+)?(?P<t>\d{1,2}(?:[.:]\d{2}){0,2}[.,]\d{1,3})\)")
"""A person with a race time in brackets: "A (36,94)", "A (totaal 1.08,42)"."""

_BRACKETED_NUMBER = re.compile(r"⟨P\d+⟩\s*\((\d{1,2})\)")


def _tally(masked: str) -> bool:
    """Whether a sentence lists four or more people with a number in brackets in falling
    order: a ranking of counts (titles, goals), not their ages."""
    numbers = [int(n) for n in _BRACKETED_NUMBER.findall(masked)]
    return len(numbers) >= 4 and all(a >= b for a, b in zip(numbers, numbers[1:], strict=False))


_NUMBER_WORDS = {
    **{w: i + 1 for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty twenty-one".split())},
    **ORDINALS,  # "sixth", "zesde", up to the 21st stage
}


def _stage_number(text: str) -> int | None:
    """The number of a stage ("stage six", "de zesde etappe", "rit 6")."""
    for word in re.findall(r"[\w-]+", text.lower()):
        if word.isdigit():
            return int(word)
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
    return None


PAST_MARKERS = frozenset({"former", "ex", "voormalig", "voormalige", "oud"})
"""Words before a team's name that make it a past one; no part of the name."""


def _person_name(value: FactValue) -> str | None:
    """The name of a person value, None for a concept or a literal."""
    return value.name if isinstance(value, Person) else None


def _own_discipline(context: ArticleContext, person: Person, title: Concept) -> Concept:
    """A title named after the article's sport ("world champion cycling") in the sport of
    the person's own occupation when the article gives one ("veldrijdster X": cyclo-cross)."""
    sport = context.sport.label if context.sport else ""
    if not sport or not title.label.endswith(f" {sport}"):
        return title
    own = context.role_sports.get(person.name, set())
    if len(own) != 1 or sport in own:
        return title
    return Concept(title.label[: -len(sport)] + next(iter(own)), title.type, title.qid)


def wins_from_medals(context: ArticleContext, facts: list[Fact], name: str) -> Iterator[Fact]:
    """The wins a gold medal or title with a dated event implies (that event won), and the
    defeat of the silver medallist of the same event by its only winner."""
    gold_by_event: dict[str, list[Fact]] = {}
    others_by_event: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.property != "P166" or not isinstance(fact.value, Concept):
            continue
        event = dict(fact.qualifiers).get("P1344")
        label = fact.value.label
        winner = label.startswith(("Olympic gold", "gold", "world champion"))
        if not isinstance(event, Concept):
            continue
        has_detail = " m" in event.label or "," in event.label or bool(
            re.search(r"\b\d{4}\b", event.label)
        )
        sentence = context.sentences[fact.sentence]
        # an undated article's "dinsdag" is the story's own day, its edition unknown
        undated_now = context.published is None and names_relative_day(sentence.text)
        if not re.search(r"\b(?:19|20)\d\d\b(?! m)", event.label) and not undated_now:
            continue
        if label.startswith("world champion") and not (
            re.search(r"\b\d{4}\b", sentence.text) or context.date_of(sentence)
            or undated_now
        ):
            continue
        if winner and has_detail and fact.confidence > 0.6 and not fact.descriptive:
            gold_by_event.setdefault(event.label, []).append(fact)
            won_quals = tuple((k, v) for k, v in fact.qualifiers if k in ("P585", "P276"))
            yield Fact(fact.subject, "sk:won", event, fact.sentence, name,
                       round(fact.confidence * 0.9, 3), won_quals)
        elif has_detail and label.startswith(("Olympic silver", "silver")):
            others_by_event.setdefault(event.label, []).append(fact)
    for label, winners in gold_by_event.items():
        names = {w.subject.name for w in winners if isinstance(w.subject, Person)}
        if len(names) != 1:
            continue
        losers = [f for key, fs in others_by_event.items() if _same_event(key, label)
                  for f in fs]
        for loser in losers:
            if isinstance(loser.subject, Person) and loser.subject.name not in names:
                quals: tuple[tuple[str, Concept | LiteralValue], ...] = (
                    ("P1344", Concept(label, "event")),)
                yield Fact(winners[0].subject, "sk:defeated", loser.subject, loser.sentence,
                           name, 0.55, quals)



def _same_event(a: str, b: str) -> bool:
    """Two event labels name the same race: same distance and same edition where given."""
    if a == b:
        return True
    da, db = re.findall(r"\b\d+ m\b", a), re.findall(r"\b\d+ m\b", b)
    ya, yb = re.findall(r"\b\d{4}\b", a), re.findall(r"\b\d{4}\b", b)
    return bool(da) and da == db and (not ya or not yb or ya == yb)


def _coarse(date: LiteralValue) -> LiteralValue:
    """Transfers are dated to the month at most."""
    if date.precision == "day":
        return LiteralValue(str(date.value)[:7], "date", "month")
    return date


_BODY = re.compile(r"\b(WBO|WBA|WBC|IBF|IBO|EBU|Glory|UFC)\b")
_WEIGHT_EN = re.compile(
    r"\b((?:super|light|junior)[\s-])?(heavy|cruiser|middle|welter|light|feather|bantam|fly|"
    r"minimum|straw)weight\b", re.IGNORECASE)
_WEIGHT_NL = re.compile(
    r"\b(super|licht|half)?(zwaar|cruiser|midden|welter|licht|veder|bantam|vlieg|stro|minimum)"
    r"gewicht\b", re.IGNORECASE)
_WEIGHT_NL_EN = {"zwaar": "heavy", "midden": "middle", "licht": "light", "veder": "feather",
                 "vlieg": "fly", "stro": "straw"}
_PREFIX_NL_EN = {"super": "super-", "licht": "light-", "half": "light-"}


def weight_class(text: str) -> str | None:
    """The first weight class named in text, in English ("super-featherweight")."""
    en = _WEIGHT_EN.search(text)
    nl = _WEIGHT_NL.search(text)
    if en is not None and (nl is None or en.start() <= nl.start()):
        prefix = (en.group(1) or "").lower().strip(" -")
        return f"{prefix + '-' if prefix else ''}{en.group(2).lower()}weight"
    if nl is not None:
        prefix = _PREFIX_NL_EN.get((nl.group(1) or "").lower(), "")
        if nl.group(1) and nl.group(1).lower() == "half" and nl.group(2).lower() == "zwaar":
            return "light-heavyweight"
        stem = nl.group(2).lower()
        return f"{prefix}{_WEIGHT_NL_EN.get(stem, stem)}weight"
    kilos = _KG_CLASS.search(text)
    if kilos is not None:  # judo, taekwondo, wrestling: "bij de mannen tot 73 kilogram"
        over = bool(re.search(r"\+|boven|over|plus", kilos.group(0), re.IGNORECASE))
        return f"{'+' if over else ''}{kilos.group('kg') or kilos.group('kg2')} kg"
    return None


_KG = r"\s*(?:kg|kilo(?:gram)?s?)\b"
_KG_CLASS = re.compile(
    r"(?:\b(?:gewichts)?(?:klasse|categorie|class|category|division)\s+(?:tot|onder|boven|van|"
    r"of|under|over|up\s+to)?\s*|(?<![\w.])[-−+]\s?|\b(?:under|onder|tot|boven|over|plus|"
    r"minus)[\s-]+)(?P<kg>\d{2,3})" + _KG +
    r"|\b(?P<kg2>\d{2,3})" + _KG + r"\s*(?:-?klasse|categorie|class|category|division)\b",
    re.IGNORECASE)
"""A weight class in kilograms: "klasse tot 73 kilogram", "-73 kg", "under 57kg", "+100 kg",
"the 73kg category" (a weight without a class word is a body's weight, not its class)."""


def belt_label(base: str, sentence: str, around: int, article: str) -> str | None:
    """A combat-sport title with its body and weight class ("WBO middleweight world champion").

    Args:
        base: the plain title, "world champion", "European champion" or "world heavyweight
            champion".
        sentence: the sentence text.
        around: where in the sentence the title was found.
        article: the article text (the weight class of the article when the sentence has none).

    Returns:
        The composed label, or None when neither a body nor a weight class is named.
    """
    window = sentence[max(0, around - 60):around + 80]
    weight = weight_class(window) or weight_class(sentence)
    if weight is None:  # a fight's class holds for its report; a tournament has many in kg
        named = weight_class(article)
        weight = named if named is not None and not named.endswith(" kg") else None
    bodies = list(_BODY.finditer(sentence))
    body = min(bodies, key=lambda m: abs(m.start() - around)).group(1) if bodies else ""
    if "heavyweight" in base:
        weight = weight or "heavyweight"
    if not body and not weight:
        return None
    level = "European" if (body == "EBU" or base.startswith("European")) else "world"
    return " ".join(part for part in (body, weight, f"{level} champion") if part)


QUADRENNIAL = re.compile(r"\bOlympi|\bSpelen\b|\bWorld Cup\b|\bEuro\b|\bEK voetbal|\bWK voetbal",
                         re.IGNORECASE)
"""Competitions held every four years: a defending champion won the edition four years
before."""


def _previous_edition(context: ArticleContext, sentence: Sentence,
                      event: Concept) -> tuple[Concept, list[str | None]]:
    """What a defending champion won: the edition before the one the sentence is about (a
    year before, four for a competition held every four years), and its year; the event
    alone when the sentence's year is unknown."""
    named = Lexicon.load().lookup("event_name", context.lang, event.label)
    if named is not None:
        event = Concept(named.label, "event")  # "Ronde van Vlaanderen": Tour of Flanders
    year = year_of(context, sentence)
    if year is None or not year.isdigit():
        return event, [None]
    previous = str(int(year) - (4 if QUADRENNIAL.search(event.label) else 1))
    return Concept(edition_label(event.label, "", previous), "event"), [previous]
