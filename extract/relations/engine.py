"""What every relation extractor shares: the article context, the facts and the pattern engine.

`ArticleContext.of(doc)` is built once per doc (cached in `doc.user_data`): the
sentences, the people mentioned in each (with their canonical names), each
sentence's salient person (the first person named in it who is not the object
of "tegen"/"against"/"behind"...; sentences without one carry the previous
salient person forward, which resolves "ze"/"she" and definite descriptions
like "De 27-jarige schaatsster"), the publication date, the article's
dominant sport and the protagonist (the person named most often).

Patterns (`patterns.tsv`) are regular expressions over a *masked* sentence in
which every person mention is replaced by `⟨P<k>⟩`. Macros such as `{P}`,
`{ROLE}`, `{DEM}` expand to the placeholder pattern and to alternations of the
lexicon. Each pattern names how to find its subject (a named group, or
`@near`, `@salient`, `@prev`, `@next`, `@all`, `@protagonist`) and its value.

Extractors emit `Fact`s into `doc.user_data["sportkg_facts"]`;
`sportkg.extract.statements` turns them into Statements.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import ConfigError
from ...model import LiteralValue
from ..normalize import MONTHS, find_date, find_distances, find_race_times, names_an_era, parse_date
from .editions import SINCE_YEAR, dating_text, edition_label, seasonal
from .lexicon import Entry, Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

FACTS_KEY = "sportkg_facts"
CONTEXT_KEY = "sportkg_context"
PUBLISHED_KEY = "sportkg_published"
PATTERNS_PATH = Path(__file__).resolve().parent / "patterns.tsv"

_OBJECT_PREPOSITIONS = frozenset(
    "tegen against achter behind dan than met with over beating versus vs".split()
)
_FEMALE = re.compile(r"\b(ze|zij|haar|she|her|hers|herself)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(hij|hem|he|his|him|himself)\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"⟨P(\d+)⟩")
_SUBJECT_PRONOUN = re.compile(r"^\W*(?:\w+\s+){0,3}?(ze|zij|hij|she|he)\b", re.IGNORECASE)
_FEMALE_NOUN = re.compile(
    r"\b\w*(?:ster|sters|kampioene|atlete|speelster|vrouw|woman|sportswoman|landgenote|"
    r"ploeggenote|Friezin|debutante)\b"
)


@dataclass(frozen=True)
class Concept:
    """A value that is not a person of the article: an award, country, event, team, ..."""

    label: str
    type: str
    qid: str | None = None


@dataclass(frozen=True)
class Person:
    """A person of the article: the canonical name and the offsets of one mention."""

    name: str
    start: int
    end: int


FactValue = Person | Concept | LiteralValue


@dataclass(frozen=True)
class Fact:
    """One extracted fact before it becomes a Statement."""

    subject: Person | Concept
    property: str
    value: FactValue
    sentence: int
    extractor: str
    confidence: float
    qualifiers: tuple[tuple[str, Concept | LiteralValue], ...] = ()
    descriptive: bool = False  # a title describing someone ("drievoudig wereldkampioen X")


@dataclass
class Sentence:
    """A sentence with its people and the masked text the patterns run on."""

    index: int
    start: int
    end: int
    text: str
    people: list[Person]
    masked: str
    positions: list[int]  # position of each placeholder in `masked`
    salient: Person | None = None
    carried: Person | None = None  # salient of the sentences before (for "ze", "De 27-jarige")


@dataclass
class ArticleContext:
    """Everything the extractors need to know about one doc; see the module docstring."""

    lang: str
    text: str
    published: str | None
    sentences: list[Sentence]
    protagonist: Person | None
    sport: Concept | None
    gender: dict[str, str] = field(default_factory=dict)
    settled: dict[int, Person] = field(default_factory=dict)  # sentence -> whom its opening
    # description is about, where what it says ruled out the person carried to it
    olympic: bool = False
    sports: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, QID) → times
    dateline: Concept | None = None  # "CALGARY (ANP) -": where the reported events took place
    venue: Concept | None = None  # the place the lead names for the article's events
    roles: dict[str, set[str]] = field(default_factory=dict)
    role_sports: dict[str, set[str]] = field(default_factory=dict)  # name → its role words' sports
    nations: dict[str, set[str]] = field(default_factory=dict)
    memo: dict[str, tuple[str, str] | None] = field(default_factory=dict, repr=False,
                                                    compare=False)
    """What is read from the whole article once and asked for per sentence."""

    @classmethod
    def of(cls, doc: Doc) -> ArticleContext:
        """The context of `doc`, built once and cached in doc.user_data."""
        cached = doc.user_data.get(CONTEXT_KEY)
        if isinstance(cached, ArticleContext):
            return cached
        context = _build_context(doc)
        doc.user_data[CONTEXT_KEY] = context
        return context

    def date_of(self, sentence: Sentence) -> LiteralValue | None:
        """The date the sentence speaks of, resolved against the publication date (a year it
        counts from, "since X in 2009", is not one)."""
        found = find_date(SINCE_YEAR.sub("", sentence.text), self.published)
        if found is None:
            return None
        return LiteralValue(found[0], "date", found[1])

    def event_date(self, sentence: Sentence) -> LiteralValue | None:
        """When the result a sentence reports took place: the date it gives, else, for a
        sentence about the days the article reports, the day its lead names ("won
        zaterdag"), else the publication month (the day is not known)."""
        date = self.date_of(sentence)
        if date is not None or not self.published or not self.is_recent(sentence):
            return date
        for lead in self.sentences[:2]:
            found = self.date_of(lead)
            if found is not None and found.precision == "day" and self.is_recent(lead):
                return found
        return LiteralValue(self.published[:7], "date", "month")

    @property
    def team_sport(self) -> bool:
        """Whether the article's sport is one of teams (football, hockey, korfball, ...)."""
        return self.sport is not None and Lexicon.load().contains(
            "team_sport", self.lang, self.sport.label)

    def is_recent(self, sentence: Sentence) -> bool:
        """Whether the sentence is about the days around publication (no other date given;
        a year it counts from, "for the first time since 2012", is no date of its own)."""
        found = find_date(SINCE_YEAR.sub("", sentence.text), self.published)
        pub = parse_date(self.published)
        if found is None:
            return not names_an_era(sentence.text)
        if pub is None:
            return False
        value, precision = found
        if precision == "day":
            day = parse_date(value)
            return day is not None and abs((pub - day).days) <= 14
        return value[:4] == str(pub.year) and precision != "year"


def _build_context(doc: Doc) -> ArticleContext:
    from ..coref import CANONICAL_KEY
    from ..mentions import person_mentions

    lang = doc.lang_ if doc.lang_ in ("nl", "en") else "en"
    canonical = doc.user_data.get(CANONICAL_KEY, {})
    published = doc.user_data.get(PUBLISHED_KEY)
    mentions = person_mentions(doc)
    doc_text = doc.text  # computed from the tokens on each access: read it once
    sentences: list[Sentence] = []
    if doc.has_annotation("SENT_START"):
        sents = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        sents = [(0, len(doc_text))]
    m = 0
    for start, end in sents:
        text = doc_text[start:end]
        if not text.strip():
            continue
        lead = len(text) - len(text.lstrip())
        start, text = start + lead, text.strip()
        end = start + len(text)
        people: list[Person] = []
        masked_parts: list[str] = []
        positions: list[int] = []
        cursor = start
        length = 0
        while m < len(mentions) and mentions[m].start_char < start:
            m += 1
        k = m
        while k < len(mentions) and mentions[k].end_char <= end:
            span = mentions[k]
            name = canonical.get((span.start_char, span.end_char), span.text)
            piece = doc_text[cursor : span.start_char]
            masked_parts.append(piece)
            length += len(piece)
            positions.append(length)
            token = f"⟨P{len(people)}⟩"
            masked_parts.append(token)
            length += len(token)
            people.append(Person(name, span.start_char, span.end_char))
            cursor = span.end_char
            k += 1
        m = k
        masked_parts.append(doc_text[cursor:end])
        masked = "".join(masked_parts)
        sentences.append(Sentence(len(sentences), start, end, text, people, masked, positions))
    carried: Person | None = None
    for sentence in sentences:
        sentence.carried = carried
        head = sentence.masked[: sentence.positions[0]] if sentence.people else sentence.masked
        if carried is not None and _SUBJECT_PRONOUN.search(head):
            sentence.salient = carried
        elif carried is not None and _definite(sentence.masked, lang):
            sentence.salient = None  # settled below, once the protagonist is known
        else:
            sentence.salient = _salient(sentence) or carried
        if sentence.salient is not None:
            carried = sentence.salient
    counts = Counter(p.name for s in sentences for p in s.people)
    pending = [s for s in sentences if s.salient is None and s.carried is not None]
    firsts: dict[str, Person] = {}
    for s in sentences:
        for p in s.people:
            firsts.setdefault(p.name, p)
    protagonist = None
    if counts:
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], firsts[kv[0]].start))
        if len(ranked[0][0].split()) >= 2 and ranked[0][1] >= 2:
            protagonist = firsts[ranked[0][0]]
    for sentence in pending:
        guess = None
        if protagonist is not None:
            for i in range(max(0, sentence.index - 3), sentence.index):
                if any(p.name == protagonist.name for p in sentences[i].people):
                    guess = protagonist
        sentence.salient = guess or sentence.carried
    sports = sport_counts(doc_text, lang)
    context = ArticleContext(
        lang=lang,
        text=doc_text,
        published=published,
        sentences=sentences,
        protagonist=protagonist,
        sport=_article_sport(sports),
        sports=sports,
    )
    context.dateline = dateline_place(doc_text, lang)
    context.venue = _lead_place(context)
    context.gender = _genders(sentences, lang)
    context.roles, context.role_sports = _roles(sentences, lang)
    context.nations = _named_nations(sentences, lang)
    _settle_descriptions(context, pending)
    _settle_pronouns(context)
    _add_described_nations(context.nations, sentences, lang)
    lexicon = Lexicon.load()
    context.olympic = any(
        e.label == "Olympics" and len(e.surface) > 3
        for e in lexicon.find_all("competition", lang, doc_text)
    )
    return context


_MALE_NOUN = re.compile(
    r"(?:aan|der|ner|ier|elg|rit|oor|ees|ees|man|ger|ler|per|ter|ser|zer|eur)$", re.IGNORECASE
)


_POSSESSIVE = re.compile(r"\b(zijn|his|haar|her)\b", re.IGNORECASE)


def _settle_descriptions(context: ArticleContext, pending: list[Sentence]) -> None:
    """Check the person a sentence opening with a description was given ("The 26-year-old
    Norwegian", "De 24-jarige ... haar tweede titel") against what the description says: a
    nationality the person does not have, or a possessive of the other gender before any
    name, points to another person of the last sentences, the first one it fits (the
    salient of the closest sentence first). Nothing changes when none fits."""
    ages: dict[str, set[int]] | None = None
    for sentence in pending:
        current = sentence.salient
        if current is None:
            continue
        aged = _aged_description(context.lang).match(sentence.masked) or \
            _nation_description(context.lang).match(sentence.masked)
        entry = Lexicon.load().lookup("demonym", context.lang, aged.group("dem")) \
            if aged is not None else None
        nation = entry.label if entry is not None else None
        head = sentence.masked[: sentence.positions[0]] if sentence.people else sentence.masked
        owner = _POSSESSIVE.search(head)
        gender = possessive_gender(owner.group(0)) if owner is not None else None
        told = _OPENING_AGE.match(sentence.masked)
        age = int(told.group("age")) if told is not None else None
        if age is not None and ages is None:
            ages = _ages_told(context.sentences)
        known = ages or {}

        if _fits(context, current, nation, gender, age, known):
            continue
        recent = [context.sentences[i] for i in range(sentence.index - 1,
                                                       max(-1, sentence.index - 4), -1)]
        # the person the article is about first, when one of the last sentences names them
        lead = [p for p in (context.protagonist,) if p is not None and any(
            q.name == p.name for earlier in recent for q in earlier.people)]
        for people in ([*lead], *(_salient_first(earlier) for earlier in recent)):
            choice = next((p for p in people
                           if _fits(context, p, nation, gender, age, known, sure=True)), None)
            if choice is not None:
                sentence.salient = context.settled[sentence.index] = choice
                break


_GENDERED_PRONOUN = re.compile(r"^\W*(?:\w+\s+){0,3}?(he|she)\b", re.IGNORECASE)
"""An English subject pronoun, which tells its person's gender (Dutch "ze" and "zij" may be
plural, and a Dutch sentence opening with "hij" often turns to another person in the same
sentence: "Hij kwam in mei ter wereld, en een week later koos de Italiaanse ...")."""


def _settle_pronouns(context: ArticleContext) -> None:
    """A sentence that opens with "she" or "he" is about the last person of that gender, not
    the one carried to it when the article knows that one to be of the other ("Bekele ...
    his wife, Alemu. She won the women's race": Alemu); looked for among the people of the
    three sentences before, the closest first. Nothing changes when none fits."""
    if context.lang != "en":
        return
    for sentence in context.sentences:
        current = sentence.salient
        head = sentence.masked[: sentence.positions[0]] if sentence.people else sentence.masked
        said = _GENDERED_PRONOUN.search(head)
        if current is None or said is None:
            continue
        gender = "female" if said.group(1).lower() == "she" else "male"
        if context.gender.get(current.name, gender) == gender:
            continue
        for i in range(sentence.index - 1, max(-1, sentence.index - 4), -1):
            earlier = context.sentences[i]
            people = [*([earlier.salient] if earlier.salient is not None else []),
                      *earlier.people]
            choice = next((p for p in people if context.gender.get(p.name) == gender), None)
            if choice is not None:
                _carry(context, sentence.index, current, choice)
                break


def _carry(context: ArticleContext, index: int, old: Person, new: Person) -> None:
    """Make `new` the person sentence `index` is about instead of `old`, and the person
    carried on from it: through the sentences after it that name no one and were about
    `old` only because it was carried to them."""
    sentence = context.sentences[index]
    sentence.salient = sentence.carried = context.settled[index] = new
    for later in context.sentences[index + 1:]:
        if later.people or later.salient is None or later.salient.name != old.name:
            if later.carried is not None and later.carried.name == old.name:
                later.carried = new
            break
        later.salient = later.carried = new


def _salient_first(sentence: Sentence) -> list[Person]:
    """The people of a sentence, its salient person first."""
    return [p for p in sentence.people if p == sentence.salient] + [
        p for p in sentence.people if p != sentence.salient]


_OPENING_AGE = re.compile(r"^\W*(?:de|het|the)\s+(?P<age>\d{1,2})-(?:jarige|year-old)\b",
                          re.IGNORECASE)
"""A sentence opening with an age as its subject's description ("The 23-year-old ...")."""

_TOLD_AGES = (
    re.compile(r"\b(?P<age>\d{1,2})-(?:jarige|year-old)\s+(?:[\w’'\-]+\s+){0,3}?⟨P(?P<k>\d+)⟩",
               re.IGNORECASE),
    re.compile(r"⟨P(?P<k>\d+)⟩\s*\((?P<age>\d{1,2})\)"),
)
"""An age given with a name: "37-year-old Williams", "de 24-jarige Kim Baas", "Kim Baas (24)"."""


def _ages_told(sentences: list[Sentence]) -> dict[str, set[int]]:
    """The ages the article gives each person with their name (name -> ages)."""
    out: dict[str, set[int]] = {}
    for sentence in sentences:
        for finder in _TOLD_AGES:
            for m in finder.finditer(sentence.masked):
                k = int(m.group("k"))
                if k < len(sentence.people):
                    out.setdefault(sentence.people[k].name, set()).add(int(m.group("age")))
    return out


def _fits(context: ArticleContext, person: Person, nation: str | None, gender: str | None,
          age: int | None = None, ages: Mapping[str, set[int]] | None = None, *,
          sure: bool = False) -> bool:
    """Whether nothing the article knows of a person rules out a description of `nation`,
    `gender` and `age` (`ages`: the ages it gives people with their names); with `sure`,
    the gender must also be known to be theirs (a gender read from a few pronouns may be
    wrong, so it only moves a description to a person whose gender is known to agree)."""
    known = context.nations.get(person.name)
    if nation is not None and known and nation not in known:
        return False
    given = (ages or {}).get(person.name)
    if age is not None and given and age not in given:
        return False
    held = context.gender.get(person.name)
    return gender is None or held == gender or (held is None and not sure)


def noun_gender(word: str, lang: str) -> str | None:
    """The grammatical gender a Dutch person noun implies ("Amerikaan" male, "atlete" female)."""
    if lang != "nl" or not word:
        return None
    w = word.lower()
    if w.endswith(("ster", "in", "e", "es")):
        return "female"
    if _MALE_NOUN.search(w):
        return "male"
    return None


def previous_people(context: ArticleContext, sentence: Sentence) -> list[Person]:
    """People of the closest earlier sentence that names someone: its salient person first."""
    for i in range(sentence.index - 1, -1, -1):
        earlier = context.sentences[i]
        if earlier.people:
            return _salient_first(earlier)
    return []


@lru_cache(maxsize=2)
def _definite_pattern(lang: str) -> re.Pattern[str]:
    macros = _macros(lang)
    return re.compile(
        r"^\W*(?:de|het|the)\s+(?:(?!(?:bij|van|in|op|met|voor|of|with|at|from|uit|aan|naar|"
        r"en|and)\s)[\w’'\-]+\s+){0,3}?(?:" + macros["ROLE"] + "|"
        + macros["DEMNOUN"] + "|" + macros["AGEWORD"] + r")\b(?!\s*,?\s*⟨P)",
        re.IGNORECASE,
    )


def _definite(head: str, lang: str) -> bool:
    """Whether a sentence opens with a definite description ("De 27-jarige schaatsster")."""
    return bool(_definite_pattern(lang).search(head))


def _salient(sentence: Sentence) -> Person | None:
    for k, person in enumerate(sentence.people):
        before = sentence.masked[: sentence.positions[k]].split()
        prev = before[-1].lower().strip(",") if before else ""
        if prev in _OBJECT_PREPOSITIONS:
            continue
        return person
    return None


_FEMALE_KIN = frozenset(
    "moeder mother mum mom mama zus zusje sister dochter dochtertje daughter vrouw echtgenote "
    "wife vriendin girlfriend weduwe widow oma grandmother tante aunt".split()
)
_MALE_KIN = frozenset(
    "vader father dad papa broer broertje brother zoon zoontje son man echtgenoot husband "
    "vriend boyfriend opa grandfather oom uncle".split()
)
_KIN_APPOSITION = re.compile(
    r"⟨P(?P<k>\d+)⟩\s*,\s+(?:(?:the|de|het|his|her|zijn|haar)\s+)?(?:[\w’'\-]+\s+){0,2}?"
    r"(?P<kin>" + "|".join(sorted(_FEMALE_KIN | _MALE_KIN, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_KIN_VALUE = re.compile(
    r"\b(?P<kin>" + "|".join(sorted(_FEMALE_KIN | _MALE_KIN, key=len, reverse=True))
    + r")\b\s*[,:]?\s*(?:(?-i:[a-z][\w’'\-]*)\s+){0,2}?⟨P(?P<k>\d+)⟩",
    re.IGNORECASE,
)
"""A kinship noun right before a name gives that person's gender ("haar broer X")."""


def possessive_gender(text: str) -> str | None:
    """The gender a possessive at the start of `text` implies ("zijn" male, "her" female)."""
    m = re.match(r"\W*(zijn|his|haar|her)\b", text, re.IGNORECASE)
    if m is None:
        return None
    return "male" if m.group(1).lower() in ("zijn", "his") else "female"


def _genders(sentences: list[Sentence], lang: str) -> dict[str, str]:
    lexicon = Lexicon.load()
    score: Counter[str] = Counter()
    for sentence in sentences:
        person = sentence.salient
        if person is None:
            continue
        if len({p.name for p in sentence.people}) != 1 or person not in sentence.people:
            continue
        tail = sentence.masked[sentence.positions[0]:]
        score[person.name] += len(_FEMALE.findall(tail)) - len(_MALE.findall(tail))
        score[person.name] += 2 * len(_FEMALE_NOUN.findall(sentence.masked))
    for sentence in sentences:
        opening = re.match(r"\W*(hij|he|she)\b", sentence.masked, re.IGNORECASE)
        if opening and sentence.carried is not None and not sentence.people:
            score[sentence.carried.name] += 1 if opening.group(1).lower() == "she" else -1
        for m in [*_KIN_VALUE.finditer(sentence.masked),
                  *_KIN_APPOSITION.finditer(sentence.masked)]:
            person = sentence.people[int(m.group("k"))]
            score[person.name] += 3 if m.group("kin").lower() in _FEMALE_KIN else -3
        for k, person in enumerate(sentence.people):
            before = sentence.masked[: sentence.positions[k]].split()
            word = before[-1].lower() if before else ""
            if lang == "nl" and (lexicon.contains("role", "nl", word)
                                 or lexicon.contains("demonym", "nl", word)):
                gender = noun_gender(word, "nl")
                if gender is not None:
                    score[person.name] += 3 if gender == "female" else -3
    return {name: ("female" if s > 0 else "male") for name, s in score.items() if s != 0}


@lru_cache(maxsize=2)
def _role_patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    macros = _macros(lang)
    before = re.compile(
        r"(?<![\w-])(?P<role>" + macros["ROLE"] + r")\s*,?\s+(?:" + macros["DEM"]
        + r"\s+)?⟨P(?P<k>\d+)⟩", re.IGNORECASE)
    after = re.compile(
        r"⟨P(?P<k>\d+)⟩\s*,\s+(?:\d{1,2},\s+)?(?:de|het|een|the|a|an)\s+"
        r"(?:(?-i:[a-z0-9][\w’'\-]*)\s+|" + macros["DEM"] + r"\s+){0,2}?(?P<role>"
        + macros["ROLE"] + r")\b(?![’'-])", re.IGNORECASE)
    return before, after


def _roles(sentences: list[Sentence], lang: str) -> tuple[dict[str, set[str]],
                                                          dict[str, set[str]]]:
    """The occupations the article gives each person by name ("coach X", "X, the defender"),
    and the sports those role words name (narrower than an occupation's: "veldrijdster"
    is a cyclist of cyclo-cross)."""
    lexicon = Lexicon.load()
    out: dict[str, set[str]] = {}
    sports: dict[str, set[str]] = {}
    for sentence in sentences:
        for pattern in _role_patterns(lang):
            for m in pattern.finditer(sentence.masked):
                word = re.sub(r"^(?:top|oud-|ex-|collega-|mede-|voormalig\s+|former\s+|ex\s+)",
                              "", m.group("role"), flags=re.IGNORECASE)
                entry = lexicon.lookup("role", lang, word) or lexicon.lookup(
                    "role", lang, m.group("role"))
                if entry is not None:
                    person = sentence.people[int(m.group("k"))]
                    out.setdefault(person.name, set()).add(entry.label)
                    if "/" in entry.extra:  # "veldrijdster": cyclo-cross, the role's own sport
                        sports.setdefault(person.name, set()).add(entry.extra.partition("/")[0])
    return out, sports


@lru_cache(maxsize=2)
def _nation_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    macros = _macros(lang)
    return (
        re.compile(r"(?<![\w-])(?P<dem>" + macros["DEM"] + r")\s+(?:(?:" + macros["ROLE"]
                   + r")\s+)?⟨P(?P<k>\d+)⟩", re.IGNORECASE),
        re.compile(r"(?P<c>" + macros["COUNTRY"] + r")['’]s\s+⟨P(?P<k>\d+)⟩", re.IGNORECASE),
        # "X, de Belg": an apposition, not "X, de Deense Y" (the next person's word)
        re.compile(r"⟨P(?P<k>\d+)⟩\s*,\s+(?:de|het|the|a|an)\s+(?P<dem>" + macros["DEM"]
                   + r")\b(?!\s+(?:(?!(?:die|dat|wie|who|that|which)\b)"
                   r"(?-i:[a-z][\w’'\-]*)\s+)?⟨P)", re.IGNORECASE),
    )


def _named_nations(sentences: list[Sentence], lang: str) -> dict[str, set[str]]:
    """The nationalities the article gives people by name ("de Noor X", "Spain's X")."""
    lexicon = Lexicon.load()
    out: dict[str, set[str]] = {}
    for sentence in sentences:
        for pattern in _nation_patterns(lang):
            for m in pattern.finditer(sentence.masked):
                groups = m.groupdict()
                entry = lexicon.lookup("demonym", lang, groups["dem"]) if groups.get("dem") \
                    else lexicon.lookup("country", lang, groups.get("c") or "")
                if entry is not None:
                    person = sentence.people[int(m.group("k"))]
                    out.setdefault(person.name, set()).add(entry.label)
    return out


def _add_described_nations(nations: dict[str, set[str]], sentences: list[Sentence],
                           lang: str) -> None:
    """Add to `nations` those of descriptions: "The 25-year-old Irish rider ..." with an
    age word before the nationality is about the sentence's (already resolved) salient
    person."""
    lexicon = Lexicon.load()
    for sentence in sentences:
        aged = _aged_description(lang).match(sentence.masked)
        if aged is not None and sentence.salient is not None and sentence.salient.name not in {
                p.name for p in sentence.people}:
            entry = lexicon.lookup("demonym", lang, aged.group("dem"))
            if entry is not None:
                nations.setdefault(sentence.salient.name, set()).add(entry.label)


@lru_cache(maxsize=2)
def _aged_description(lang: str) -> re.Pattern[str]:
    macros = _macros(lang)
    return re.compile(r"^\W*(?:de|het|the)\s+" + macros["AGEWORD"] + r"\s+(?:[\w’'\-]+\s+)?"
                      r"(?P<dem>" + macros["DEM"] + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _nation_description(lang: str) -> re.Pattern[str]:
    """A nationality as a description at the start of a text ("the Belgian", "de Noor")."""
    return re.compile(r"^\W*(?:de|het|the)\s+(?:[\w’'\-]+\s+){0,2}?(?P<dem>"
                      + _macros(lang)["DEMNOUN"] + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _role_description(lang: str) -> re.Pattern[str]:
    """A role noun after an article or demonstrative ("de trainer", "this defender")."""
    return re.compile(r"\b(?:de|het|the|this|deze|die)\s+(?:[\w’'\-]+\s+){0,3}?(?P<role>"
                      + _macros(lang)["ROLE"] + r")\b", re.IGNORECASE)


def _described_by_nation(
    context: ArticleContext, sentence: Sentence, text: str, names: set[str]
) -> Person | None:
    """The person a nationality description ("The Belgian", "de Noor") points to.

    The one person of the last sentences the article gave that nationality; else, when
    exactly one person of this and the two sentences before has no other nationality
    and the rest do, that person.
    """
    lexicon = Lexicon.load()
    m = _nation_description(context.lang).match(text)
    if m is None:
        return None
    entry = lexicon.lookup("demonym", context.lang, m.group("dem"))
    if entry is None:
        return None
    recent: dict[str, Person] = {}
    for i in range(max(0, sentence.index - 5), sentence.index + 1):
        for person in context.sentences[i].people:
            if person.name not in names:
                recent.setdefault(person.name, person)
    holders = [p for n, p in recent.items() if entry.label in context.nations.get(n, set())]
    if len(holders) == 1:
        return holders[0]
    if holders:
        return None
    close: dict[str, Person] = {}
    for i in range(max(0, sentence.index - 2), sentence.index + 1):
        for person in context.sentences[i].people:
            if person.name not in names:
                close.setdefault(person.name, person)
    free = [p for n, p in close.items() if not context.nations.get(n)]
    if len(free) == 1 and len(close) > 1:
        return free[0]
    return None


def described_person(
    context: ArticleContext, sentence: Sentence, text: str, names: set[str]
) -> Person | None:
    """The one person a role description ("de trainer", "the defender") points to.

    The role noun of `text` is looked up among the occupations the article gave people
    by name; when exactly one person mentioned in this or the five sentences before has
    it, that is the person described. Otherwise None (the caller falls back to the
    salient person).
    """
    lexicon = Lexicon.load()
    m = _role_description(context.lang).search(text)
    if m is None:
        return _described_by_nation(context, sentence, text, names)
    word = re.sub(r"^(?:top|oud-|ex-|collega-|mede-|voormalig\s+|former\s+|ex\s+)", "",
                  m.group("role"), flags=re.IGNORECASE)
    entry = lexicon.lookup("role", context.lang, word)
    if entry is None:
        return None
    recent: dict[str, Person] = {}
    for i in range(max(0, sentence.index - 5), sentence.index + 1):
        for person in context.sentences[i].people:
            recent.setdefault(person.name, person)
    holders = [p for name, p in recent.items()
               if entry.label in context.roles.get(name, set()) and name not in names]
    return holders[0] if len(holders) == 1 else None


def side_name(surface: str, country: str, lang: str) -> str:
    """The name a country's national side goes by when the text names the country by
    `surface`: a home nation of the United Kingdom plays as itself ("England", "Schotse":
    Scotland), any other country as the country (`country`, its English label)."""
    entry = Lexicon.load().lookup("home_nation", lang, surface)
    return entry.label if entry is not None else country


def national_team(country: str, sport: Concept | None, *, women: bool = False) -> Concept:
    """The national team of a country in the article's sport, named as Wikidata names them
    ("Netherlands women's national water polo team", "Belgium national football team")."""
    label = sport.label if sport else ""
    what = "national football team" if label == "association football" else (
        f"national {label} team" if label else "national team")
    gender = "women's " if women else ""
    return Concept(f"{country} {gender}{what}", "team")


def name_of(value: Person | Concept) -> str:
    """What a fact calls a person or a concept: the person's name, the concept's label."""
    return value.name if isinstance(value, Person) else value.label


PEOPLE_IN_A_ROW = r"⟨P\d+⟩(?:\s*,\s*⟨P\d+⟩)*\s*,?\s+(?:en|and|&)\s+⟨P\d+⟩"
"""Two or more people named in a row in a masked sentence ("A, B en C", "A and B")."""


def side_country(team: str) -> str:
    """The country of a national side, from its name ("Belgium women's national football
    team", "Belgium men's national field hockey team": Belgium)."""
    return re.sub(r"\s+(?:women's|men's)$", "", team.split(" national ")[0])


def sport_counts(text: str, lang: str) -> Counter[tuple[str, str]]:
    """How often the text names each sport (label, QID): by a sport word, an occupation
    word that implies it, or a Dutch compound it opens; a sport word inside an occupation
    word ("handball player") counts once. Positions several team sports share ("doelman",
    "defender") count only when nothing else names a sport."""
    lexicon = Lexicon.load()
    counts: Counter[tuple[str, str]] = Counter()
    positions: Counter[tuple[str, str]] = Counter()
    taken: list[tuple[int, int]] = []
    roles = lexicon.finder("role", lang, suffix=True)
    for m in roles.finditer(text) if roles is not None else ():
        entry = lexicon.lookup("role", lang, m.group("w"))
        if lexicon.contains("not_role", lang, m.group(0)):
            taken.append(m.span())
            continue
        if entry is not None and "/" in entry.extra and (lexicon.contains(
                "position", lang, m.group("w")) or lexicon.contains("any_sport", lang,
                                                                    m.group("w"))):
            # a keeper or defender of any team sport, a rider, a player: its sport only
            # when none is named
            label, _, qid = entry.extra.partition("/")
            positions[(label, qid)] += 1
            taken.append(m.span())
            continue
        if entry is not None and "/" in entry.extra:
            label, _, qid = entry.extra.partition("/")
            counts[(label, qid)] += 1
            taken.append(m.span())
    sports = lexicon.finder("sport", lang)
    for m in sports.finditer(text) if sports is not None else ():
        entry = lexicon.lookup("sport", lang, m.group("w"))
        if entry is not None and not any(a <= m.start() < b for a, b in taken):
            counts[(entry.label, entry.qid or "")] += 1
            taken.append(m.span())
    events = lexicon.finder("event_name", lang, ignore_case=False)
    for m in events.finditer(text) if events is not None else ():
        entry = lexicon.lookup("event_name", lang, m.group("w"))
        if entry is not None and "/" in entry.extra:  # "Wimbledon", "de Ronde van Vlaanderen"
            label, _, qid = entry.extra.partition("/")
            counts[(label, qid)] += 1
    for m in _stem_finder(lang).finditer(text):
        # a compound opened by a sport ("roeiploeg", "korfballers", "waterpolosters")
        entry = lexicon.lookup("sport_stem", lang, m.group("w"))
        if entry is not None and not any(a <= m.start() < b for a, b in taken):
            counts[(entry.label, entry.qid or "")] += 1
    return counts or positions


@lru_cache(maxsize=4)
def _stem_finder(lang: str) -> re.Pattern[str]:
    """Words that begin with a sport's stem and go on for at least three letters."""
    alternation = Lexicon.load().alternation("sport_stem", lang)
    if not alternation:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<!\w)(?P<w>{alternation})(?=\w{{3,}})", re.IGNORECASE)


def _article_sport(counts: Counter[tuple[str, str]]) -> Concept | None:
    """The article's sport: the one it names more often than any other."""
    if not counts:
        return None
    ranked = counts.most_common(2)
    top, n = ranked[0]
    if len(ranked) > 1 and ranked[1][1] >= n:
        return None
    return Concept(top[0], "sport", top[1] or None)


# ---------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class Pattern:
    """One row of patterns.tsv, compiled (flags: "descriptive" for titles that describe)."""

    family: str
    lang: str
    property: str
    subject: str
    value: str
    confidence: float
    regex: re.Pattern[str]
    source: str
    flags: frozenset[str] = frozenset()


_NAME = (
    r"(?-i:[A-Z][\w&'’.\-]*(?:\s+(?:[A-Z0-9][\w&'’.\-]*"
    r"|(?:van|de|der|den|of|du|des|la|le|del)(?=\s+[A-Z]))){0,5})"
)


@lru_cache(maxsize=4)
def _macros(lang: str) -> dict[str, str]:
    """The named pieces the pattern rows use ({ROLE}, {DEM}, ...): built once per language,
    read only."""
    lex = Lexicon.load()
    prefix = r"(?:top|oud-|ex-|collega-|mede-|voormalig\s+|former\s+|ex\s+)?"
    role = prefix + "(?:" + lex.alternation("role", lang) + ")"
    return {
        "P": r"⟨P\d+⟩",
        "ROLE": role,
        "DEM": "(?:" + lex.alternation("demonym", lang) + ")",
        "COUNTRY": "(?:" + lex.alternation("country", lang) + ")",
        "MEDAL": "(?:" + lex.alternation("medal", lang) + ")",
        # "vicewereldkampioen", "vice-world champion": second, not the title
        "TITLE": r"(?<![Vv]ice)(?<![Vv]ice-)(?:" + lex.alternation("title", lang) + ")",
        "DEFENDING": "(?:" + lex.alternation("defending", lang) + ")",
        "RECORD": "(?:" + lex.alternation("record", lang) + ")",
        "NAME": _NAME,
        "W": r"(?:[\w’'\-]+\s+)",
        "DEMNOUN": "(?:" + "|".join(
            re.escape(x) for x in lex.surfaces("demonym", lang)
            if lang == "en" or not x.endswith(("e", "s"))
        ) + ")",
        "GAP": r"(?:(?!(?:en|and|het|de|the|of|van|met|with|voor|for|dan|than)\s)"
               # (a word, an abbreviation's compound, or a name's compound with a role:
               # "Mercedes-rijder", "Red Bull-coureur")
               r"(?-i:[a-z0-9][\w’'\-]*|[A-Z0-9]+-[\w\-]+|"
               r"(?:[A-Z][\w’']*\s+)?[A-Z][\w’']*-[a-z][\w\-]*|"
               # a team's name right before a role word ("American Honda rider X")
               r"[A-Z][\w’']*(?=\s+(?i:" + role + r")\b)),?\s+)",
        "AGEWORD": r"(?:\d{1,2}-jarige|[a-zë]+jarige|\d{1,2}-year-old|[a-z]+-year-old)",
        # a finite verb or auxiliary: it ends the noun phrase before it ("the 46-year-old
        # has caught up with X": X is no 46-year-old)
        "FINITE": r"(?:(?-i:[a-z]{2,}[^e\W]ed)|has|have|had|is|was|were|are|will|would|"
                  r"can|could|beat|beats|won|wins|took|heeft|hebben|had|werd|wordt|zal|kan|"
                  r"versloeg|verslaat|klopte|wint|won|moet|mag)",
    }


PATTERN_PROPERTIES = frozenset({"P54start", "P54end", "sk:teammate", "sk:compatriot"})
"""Properties of pattern rows that the families turn into relations of the table: a transfer
(P54 with a start or end), and people sharing a team or a nationality with a person whose
team or nationality is stated."""

SUBJECT_SPECS = frozenset({
    "@near", "@salient", "@all", "@prev", "@next", "@named", "@couple", "@protagonist",
    "@other",
})
"""The ways a pattern names a subject besides a group of its own (see `resolve_subject`)."""

VALUE_KINDS = frozenset({
    "o", "role", "natcountry", "ioc", "dem", "country", "age", "ageword", "medal", "title",
    "defending", "defended", "belt", "rank", "racewin", "raceevent", "natteam", "sportverb",
    "date", "place", "record", "event", "stage", "match", "team", "teamlist", "yearaward",
})
"""The kinds of value a pattern's value column may name (`kind:group`), read by the families."""


FAMILIES = (
    "identity", "age", "partners", "family", "medals", "wins", "records", "teams", "coaches",
)
"""The pattern families, in the order their components run (one spaCy component each)."""


def _check_row(path: Path, number: int, family: str, plang: str, prop: str, subject: str,
               value: str, confidence: str) -> None:
    """Refuse a pattern row with an unknown family, language, property, subject or value kind."""
    from ...ontology.relations import RELATIONS

    where = f"{path.name}:{number}"
    if family not in FAMILIES:
        raise ConfigError(f"{where}: unknown family {family!r}; one of {', '.join(FAMILIES)}")
    if plang not in ("*", "nl", "en"):
        raise ConfigError(f"{where}: unknown language {plang!r}; one of *, nl, en")
    if prop not in RELATIONS and prop not in PATTERN_PROPERTIES:
        raise ConfigError(f"{where}: unknown property {prop!r} (not in the relation table)")
    if subject.startswith("@") and subject not in SUBJECT_SPECS:
        raise ConfigError(f"{where}: unknown subject {subject!r}; a group name or one of "
                          f"{', '.join(sorted(SUBJECT_SPECS))}")
    kind = value.partition(":")[0]
    if not (kind in VALUE_KINDS or value in SUBJECT_SPECS):
        raise ConfigError(f"{where}: unknown value kind {kind!r}; one of "
                          f"{', '.join(sorted(VALUE_KINDS))}")
    try:
        if not 0.0 < float(confidence) <= 1.0:
            raise ValueError(confidence)
    except ValueError:
        raise ConfigError(f"{where}: confidence {confidence!r} is not in (0, 1]") from None


@lru_cache(maxsize=4)
def load_patterns(lang: str, path: Path = PATTERNS_PATH) -> tuple[Pattern, ...]:
    """The compiled patterns of one language (rows marked "*" apply to both).

    Raises:
        ConfigError: naming file and line, for a row with an unknown family, language,
            property, subject, value kind or macro, or a regex that does not compile.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read patterns {path}: {exc.strerror}") from exc
    macros = _macros(lang)
    out: list[Pattern] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) not in (7, 8):
            raise ConfigError(f"{path}:{number}: expected 7 or 8 tab-separated columns")
        family, plang, prop, subject, value, confidence, regex = parts[:7]
        flags = frozenset(parts[7].split(",")) if len(parts) == 8 and parts[7] else frozenset()
        _check_row(path, number, family, plang, prop, subject, value, confidence)
        if plang not in ("*", lang):
            continue
        expanded = re.sub(r"\{([A-Z]+)\}", lambda m: macros.get(m.group(1), m.group(0)), regex)
        unknown = re.search(r"\{([A-Z]+)\}", expanded)
        if unknown is not None:
            raise ConfigError(f"{path.name}:{number}: unknown macro {{{unknown.group(1)}}}; "
                              f"one of {', '.join(sorted(macros))}")
        try:
            compiled = re.compile(expanded, re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{path}:{number}: bad pattern: {exc}") from exc
        out.append(
            Pattern(family, plang, prop, subject, value, float(confidence), compiled,
                    f"{number}", flags)
        )
    return tuple(out)


@dataclass(frozen=True)
class Hit:
    """One pattern match in a sentence, with its subject resolved."""

    pattern: Pattern
    match: re.Match[str]
    sentence: Sentence
    subjects: tuple[Person, ...]


def placeholder_people(sentence: Sentence, text: str | None) -> list[Person]:
    """The people behind the placeholders in a piece of masked text."""
    if not text:
        return []
    return [sentence.people[int(k)] for k in _PLACEHOLDER.findall(text)]


def run_patterns(context: ArticleContext, family: str) -> Iterator[Hit]:
    """Every match of the family's patterns in every sentence, with resolved subjects."""
    patterns = [p for p in load_patterns(context.lang) if p.family == family]
    for sentence in context.sentences:
        for pattern in patterns:
            for match in pattern.regex.finditer(sentence.masked):
                subjects = resolve_subject(context, sentence, pattern.subject, match)
                if subjects:
                    yield Hit(pattern, match, sentence, subjects)


def resolve_subject(
    context: ArticleContext,
    sentence: Sentence,
    spec: str,
    match: re.Match[str],
    *,
    exclude: frozenset[str] = frozenset(),
) -> tuple[Person, ...]:
    """The subject(s) a pattern's spec points to (see the module docstring)."""
    if not spec.startswith("@"):
        if spec not in match.re.groupindex:
            return ()
        return tuple(placeholder_people(sentence, match.group(spec))[:1])
    value_people = set(exclude)
    for name in match.re.groupindex:
        if name in ("o", "o2"):
            value_people.update(p.name for p in placeholder_people(sentence, match.group(name)))
    limit = match.end() if spec in ("@near", "@salient", "@all") else match.start()
    before = [
        sentence.people[k]
        for k, pos in enumerate(sentence.positions)
        if pos < limit and sentence.people[k].name not in value_people
    ]
    after = [
        sentence.people[k]
        for k, pos in enumerate(sentence.positions)
        if pos >= match.end() and sentence.people[k].name not in value_people
    ]
    found: Person | None = None
    owner = match.group("poss") if "poss" in match.re.groupindex else match.group(0)
    wanted = possessive_gender(owner or "") if spec == "@near" else None
    if spec == "@near" and not before and re.match(
            r"\W*(?:their|hun)\s+(?:father|mother|dad|mum|mom|parents|vader|moeder|ouders)\b",
            match.group(0), re.IGNORECASE):
        carried = _not_in(sentence.carried, value_people)
        if carried is not None:  # "Their father, X" after a brother and sister
            return tuple([carried, *(p for p in _siblings_of(context, carried)
                                     if p.name not in value_people)])
    if wanted is not None:
        return _agreeing(context, sentence, before, value_people, wanted, match)
    if spec in ("@prev", "@salient", "@named") and not before:
        text = match.group(0)
        if _definite(sentence.masked[: match.start()], context.lang):
            text = sentence.masked[: match.end()]
        settled = context.settled.get(sentence.index)
        if settled is not None and settled.name not in value_people and (
                _definite(sentence.masked[: match.end()], context.lang)):
            return (settled,)  # "The 26-year-old Norwegian": not the Swede carried to it
        described = described_person(context, sentence, text, value_people)
        if described is not None:
            return (described,)
    if spec in ("@salient", "@named") and before:
        owner = _relative_owner(sentence, match.start())
        if owner is not None and owner.name not in value_people:
            return (owner,)
    if spec in ("@near", "@salient"):
        if before:
            found = before[-1] if spec == "@near" else _first_subject(sentence, before)
        elif _carries(context, sentence, match.end()):
            if _definite(sentence.masked[: match.start()], context.lang):
                found = _recent_protagonist(context, sentence, value_people)
            found = found or _not_in(sentence.carried, value_people)
    elif spec == "@named":
        if before:
            found = _first_subject(sentence, before)
        elif _definite(sentence.masked[: match.start()], context.lang):
            found = _not_in(sentence.carried, value_people)
    elif spec == "@couple":
        carried = _not_in(sentence.carried, value_people)
        partners = _partners_of(context, carried) if carried is not None else []
        return tuple([carried, *partners]) if carried is not None else ()
    elif spec == "@prev":
        if before:
            found = before[-1]
        else:
            found = _recent_protagonist(context, sentence, value_people) or _not_in(
                sentence.carried, value_people
            )
    elif spec == "@next":
        found = after[0] if after else None
    elif spec == "@all":
        group = {p.name: p for p in before}
        carried = _not_in(sentence.carried, value_people)
        if not group and carried is not None and re.search(
            r"\b(?:hun|their)\b", sentence.masked[: match.start() + 8], re.IGNORECASE
        ):
            return tuple([carried, *(p for p in _partners_of(context, carried)
                                     if p.name not in value_people)])
        if carried is not None and _PRONOUN.search(sentence.masked[: match.start()]):
            group.setdefault(carried.name, carried)
        return tuple(group.values())
    elif spec == "@protagonist":
        found = _not_in(context.protagonist, value_people)
    elif spec == "@other":
        others = before + after
        found = others[0] if others else _not_in(sentence.carried, value_people)
    return (found,) if found is not None else ()


def _agreeing(
    context: ArticleContext,
    sentence: Sentence,
    before: list[Person],
    value_people: set[str],
    wanted: str,
    match: re.Match[str],
) -> tuple[Person, ...]:
    """The owner of a possessive ("zijn vader", "her coach"): the closest person of its gender.

    A person named before it in the sentence (closest first) unless that person is
    itself a listed relative ("his father X, and his mother Y": both are the same
    person's parents). With nobody before it, the article's protagonist, then the
    person the sentences before are about and their other people. A person known to
    be of the other gender is skipped, so "zijn verloofde" after a woman's name goes
    to the man the paragraph is about.
    """
    relatives = {
        sentence.people[int(m.group("k"))].name
        for m in _OWNED_RELATIVE.finditer(sentence.masked[: match.start()])
    }
    near = [p for p in reversed(before) if p.name not in relatives]
    candidates: list[Person]
    if near:
        candidates = near
    else:
        if not before and not _carries(context, sentence, match.end()):
            return ()
        candidates = []
        protagonist = _not_in(context.protagonist, value_people)
        if protagonist is not None and context.gender.get(protagonist.name) in (None, wanted):
            return (protagonist,)
        if sentence.carried is not None:
            candidates.append(sentence.carried)
        candidates += previous_people(context, sentence)
        for i in range(sentence.index - 1, max(-1, sentence.index - 5), -1):
            earlier = context.sentences[i]
            if earlier.salient is not None:
                candidates.append(earlier.salient)
            candidates += earlier.people
        if context.protagonist is not None:
            candidates.append(context.protagonist)
    unknown: Person | None = None
    for person in candidates:
        if person.name in value_people:
            continue
        gender = context.gender.get(person.name)
        if gender == wanted:
            return (unknown,) if unknown is not None and near else (person,)
        if gender is None and unknown is None:
            unknown = person
    return (unknown,) if unknown is not None else ()


_OWNED_RELATIVE = re.compile(
    r"\b(?:zijn|haar|hun|his|her|their)\s+(?:(?-i:[a-z]+)\s+)?(?:vader|moeder|broer|zus|zoon|"
    r"dochter|vrouw|man|vriendin|vriend|verloofde|father|mother|brother|sister|son|daughter|"
    r"wife|husband|girlfriend|boyfriend|fianc\w*)\s*,?\s*(?:[\w’'\-]+\s+){0,2}?⟨P(?P<k>\d+)⟩",
    re.IGNORECASE,
)

_PRONOUN = re.compile(r"\b(ze|zij|hij|she|he|haar|zijn|her|his)\b", re.IGNORECASE)


_RELATIVE = re.compile(r"^\s*,\s+(?:die|dat|wie|who|whose)\b[^,;:.⟨()\"“”]*$", re.IGNORECASE)


def _relative_owner(sentence: Sentence, position: int) -> Person | None:
    """The person a relative clause hangs on ("X, die als hockeyster uitkomt ...").

    A match inside ", die ..." / ", who ..." right after a name is about that name,
    not about the subject of the main clause.
    """
    last: int | None = None
    for k, pos in enumerate(sentence.positions):
        if pos < position:
            last = k
    if last is None:
        return None
    end = sentence.positions[last] + len(f"⟨P{last}⟩")
    if _RELATIVE.match(sentence.masked[end:position]):
        return sentence.people[last]
    return None


def _first_subject(sentence: Sentence, before: list[Person]) -> Person:
    """The sentence's salient person when it comes before the match, else the first before it.

    A sentence whose salient person is not named in it (it opens with "ze" or "De
    27-jarige") is about that person; the people it names are objects.
    """
    if len(before) >= 2:
        a, b = before[-2], before[-1]
        ka, kb = sentence.people.index(a), sentence.people.index(b)
        # up to and with the second name: a new clause is read by what follows "and"
        between = sentence.masked[sentence.positions[ka] + len(f"⟨P{ka}⟩"):
                                  sentence.positions[kb] + len(f"⟨P{kb}⟩")]
        if _NEW_CLAUSE.search(between):
            return b  # "A took silver in 52.80 and Jamaica's B won bronze"
    if sentence.salient is not None and (
        sentence.salient in before or sentence.salient.name not in {p.name for p in sentence.people}
    ):
        return sentence.salient
    return before[0]


_NEW_CLAUSE = re.compile(
    r"(?:;|\b(?:while|whereas|terwijl|maar|but)\b|(?-i:[a-z0-9.,)])\s+(?:and|en)\s+"
    r"(?=(?-i:[A-Z])|⟨P|(?:de|het|the)\s))",
    re.IGNORECASE,
)


def _carries(context: ArticleContext, sentence: Sentence, position: int) -> bool:
    """Whether a match with nobody named before it is about the previous sentences' person.

    Yes when the sentence names nobody, or a subject pronoun comes before the match; no
    when a country or another named party stands before it ("Nederland won goud").
    """
    head = sentence.masked[:position]
    lexicon = Lexicon.load()
    countries = lexicon.finder("country", context.lang, ignore_case=False)
    for m in countries.finditer(head) if countries is not None else ():
        if m.group("w")[:1].isupper():
            return False
    if not sentence.people:
        return True
    return bool(_PRONOUN.search(head)) or _definite(sentence.masked, context.lang)


def _partners_of(context: ArticleContext, person: Person) -> list[Person]:
    """People the article pairs with `person` ("haar verloofde X", "getrouwd met X")."""
    pattern = re.compile(
        r"\b(?:verloofde|fianc\w*|partner|vriend|vriendin|vrouw|man|echtgeno\w+|wife|husband|"
        r"getrouwd\s+met|married\s+to|verloofd\s+met|engaged\s+to)\s+"
        r"(?:[\w’'\-]+\s+){0,2}?⟨P(\d+)⟩",
        re.IGNORECASE,
    )
    out: dict[str, Person] = {}
    for sentence in context.sentences:
        if person.name not in {p.name for p in sentence.people} and sentence.salient != person:
            continue
        for m in pattern.finditer(sentence.masked):
            other = sentence.people[int(m.group(1))]
            if other.name != person.name:
                out.setdefault(other.name, other)
    return list(out.values())


def _siblings_of(context: ArticleContext, person: Person) -> list[Person]:
    """People the article names as brother or sister of `person` (either direction)."""
    pattern = re.compile(
        r"(?:⟨P(?P<a>\d+)⟩['’]s?\s+|\b(?:haar|zijn|her|his)\s+)(?:(?-i:[a-z]+)\s+)?"
        r"(?:broer|zus|zusje|broertje|brother|sister)\s*,?\s*(?:[\w’'\-]+\s+){0,2}?⟨P(?P<b>\d+)⟩",
        re.IGNORECASE,
    )
    out: dict[str, Person] = {}
    for sentence in context.sentences:
        for m in pattern.finditer(sentence.masked):
            other = sentence.people[int(m.group("b"))]
            owner = sentence.people[int(m.group("a"))] if m.group("a") else sentence.carried
            if owner is None:
                continue
            if owner.name == person.name and other.name != person.name:
                out.setdefault(other.name, other)
            elif other.name == person.name and owner.name != person.name:
                out.setdefault(owner.name, owner)
    return list(out.values())


def _recent_protagonist(
    context: ArticleContext, sentence: Sentence, names: set[str]
) -> Person | None:
    """The article's protagonist when one of the three sentences before names them."""
    person = context.protagonist
    if person is None or person.name in names:
        return None
    for i in range(max(0, sentence.index - 3), sentence.index):
        if any(p.name == person.name for p in context.sentences[i].people):
            return person
    return None


def _not_in(person: Person | None, names: set[str]) -> Person | None:
    return person if person is not None and person.name not in names else None


# ---------------------------------------------------------------------- events


_DISTANCE_LIST = re.compile(
    r"\b(\d{3,5})((?:\s*,\s*\d{3,5})*)\s+(?:en|and|&)\s+(\d{3,5})\s?(?:meter|metres|meters|m)\b"
)


def distance_list(sentence: Sentence) -> list[int]:
    """The distances of a list ("de 500, 1000 en 1500 meter"), empty when there is none."""
    m = _DISTANCE_LIST.search(sentence.masked)
    if m is None:
        return []
    return [int(x) for x in re.findall(r"\d{3,5}", m.group(0))]


def distance_near(sentence: Sentence, position: int) -> int | None:
    """The distance (metres) written closest to `position` in the sentence's masked text,
    within the part of the sentence `position` is in when that part names one ("goud in
    de 400 meter, zilver met de 4x400 meter ploeg": the silver's is the relay's)."""
    found = nearest_distance(sentence.masked, position)
    return found[0] if found is not None else None


def nearest_distance(text: str, position: int) -> tuple[int, int, int] | None:
    """The distance of `text` nearest `position` as (metres, start, end), preferring one of
    the part of the sentence (between commas or "en"/"and") `position` is in."""
    found = find_distances(text)
    if not found:
        return None
    left, right = _part_bounds(text, position, position)
    pool = [d for d in found if left <= d[1] and d[2] <= right] or found
    return min(pool, key=lambda d: abs(d[1] - position))


def distance_around(context: ArticleContext, sentence: Sentence, position: int) -> int | None:
    """The sentence's distance, else the one of the closest of the two sentences before it."""
    found = distance_near(sentence, position)
    if found is not None:
        return found
    for back in (1, 2):
        i = sentence.index - back
        if i < 0:
            break
        earlier = find_distances(context.sentences[i].masked)
        if earlier:
            return earlier[-1][0]
    counts = Counter(d[0] for s in context.sentences for d in find_distances(s.masked))
    if counts:
        (top, n), *rest = counts.most_common(2)
        if n >= 2 and (not rest or rest[0][1] < n):
            return top
    return None


def world_championship(kind: str) -> bool:
    """Whether a competition kind of the lexicon is a world championship (of any format)."""
    return kind.startswith("World") and "Championship" in kind


NO_MEDAL_SPORTS = frozenset({
    "Formula One", "Grand Prix motorcycle racing", "motorsport", "motocross", "rallying",
    "auto racing",
})
"""Sports whose world championship is a season of races: a podium place in one is no medal."""


def medal_competition(context: ArticleContext, sentence: Sentence) -> tuple[str, str] | None:
    """The Olympic Games or world championship whose podium places a sentence's are: the
    one the sentence names, else the article's for a sentence about the reported days ("in
    2017 als derde" is another race); None for any other competition and in a sport whose
    world championship is a season of races (Formula One, MotoGP)."""
    if context.sport is not None and context.sport.label in NO_MEDAL_SPORTS:
        return None
    competition = competition_in(context, sentence.text) or (
        main_competition(context) if context.is_recent(sentence) else None)
    if competition is None or not (
            competition[0] == "Olympics" or world_championship(competition[0])):
        return None
    return competition


def main_competition(context: ArticleContext) -> tuple[str, str] | None:
    """The competition the article names most often (Olympics, World Championships, ...);
    read once per article."""
    if "main_competition" not in context.memo:
        context.memo["main_competition"] = _main_competition(context)
    return context.memo["main_competition"]


def _main_competition(context: ArticleContext) -> tuple[str, str] | None:
    counts: Counter[tuple[str, str]] = Counter()
    for sentence in context.sentences:
        found = competition_in(context, sentence.text, titles=True)
        if found is not None:
            counts[(found[0], "")] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    if ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def competition_in(context: ArticleContext, text: str, *,
                   titles: bool = False) -> tuple[str, str] | None:
    """The competition named in `text`: (kind, season) from the lexicon, longest name first;
    one named in a person's title ("world champion X") only when `titles` (what an article
    is about counts them: a report of a world championship calls its winners so)."""
    lexicon = Lexicon.load()
    best: Entry | None = None
    for ignore_case in (False, True):
        pattern = lexicon.finder("competition", context.lang, ignore_case=ignore_case)
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            surface = m.group("w")
            if ignore_case and surface.isupper() and len(surface) <= 3:
                continue
            entry = lexicon.lookup("competition", context.lang, surface)
            if entry is not None and ignore_case and surface.islower() and \
                    " " not in surface and entry.surface[:1].isupper():
                continue  # "four games" is no Games: a one-word name in lower case is a word
            if entry is not None and not titles and \
                    describes_someone(text, m.start("w"), m.end("w")):
                continue
            if entry is not None and (best is None or len(surface) > len(best.surface)):
                best = Entry(entry.kind, entry.lang, surface, entry.label, entry.qid, entry.extra)
    return (best.label, best.extra) if best is not None else None


_TITLE_NOUN = re.compile(
    r"(?:\s+(?:gold|silver|bronze))?\s+(?:champions?|kampioene?n?|medall?ists?|"
    r"titleholders?|titelhoud(?:st)?ers?)\b", re.IGNORECASE)
"""The noun that makes a competition a person's title ("Olympic champion", "Games gold
medallist", "olympisch kampioen")."""
_NAME_NEXT = re.compile(r"\s*,?\s+(?:de\s+|van\s+)?([^\W\d_][\w'’-]*)")
_DESCRIBED_AFTER = re.compile(
    r"(?:defending|reigning|former|ex|two|three|four|five|\w+-time|regerend\w*|voormalig\w*|"
    r"oud|\w+voudig\w*)[\s-]+$", re.IGNORECASE)
"""Words before a title that make it describe a person ("reigning world champion",
"voormalig wereldkampioen", "three-time Olympic champion")."""


def describes_someone(text: str, start: int, end: int) -> bool:
    """Whether the competition named at `start:end` of `text` is part of a person's title
    rather than where the sentence's result was won: the title stands before a name ("world
    champion Lena Berg", "Olympic champion Tom Vos", "de olympisch kampioen Kim Mol") or after
    a word that makes it an attribute ("the reigning world champion", "oud-wereldkampioen").

    Examples:
        >>> describes_someone("Olympic champion Tom Vos took silver.", 0, 7)
        True
        >>> describes_someone("She became Olympic champion in Milan.", 11, 18)
        False
    """
    after = text[end:]
    noun = _TITLE_NOUN.match(after)
    titled = noun is not None or re.search(r"(?:champions?|kampioene?n?|titel)$",
                                           text[start:end], re.IGNORECASE) is not None
    if not titled:
        return False
    if _DESCRIBED_AFTER.search(text[max(0, start - 24):start]):
        return True
    name = _NAME_NEXT.match(after[noun.end():] if noun is not None else after)
    return name is not None and name.group(1)[0].isupper() \
        and name.group(1).lower() not in MONTHS and name.group(1).lower() not in _WEEKDAYS


_WEEKDAYS = frozenset((
    "monday tuesday wednesday thursday friday saturday sunday maandag dinsdag woensdag "
    "donderdag vrijdag zaterdag zondag").split())


_SINCE = re.compile(r"\b(?:since|sinds|sedert)\s+(?:\w+\s+)?$", re.IGNORECASE)
"""What counts from an earlier Games ("since Tokyo 2020", "sinds 2008")."""


def sport_season(context: ArticleContext) -> str:
    """The Olympic season of the article's sport: "Winter", "Summer", or "" when the article
    names no sport."""
    sport = context.sport.label if context.sport else ""
    if not sport:
        return ""
    winter = Lexicon.load().contains("winter_sport", context.lang, sport)
    return "Winter" if winter else "Summer"


def olympic_year(year: int, season: str) -> int | None:
    """The year of the Games of `season` held in `year` (Tokyo's of 2021 keep 2020), or None
    when no such Games were held that year."""
    if season == "Summer" and year == 2021:
        return 2020
    return year if year % 4 == (2 if season == "Winter" else 0) else None


def olympic_edition(context: ArticleContext, sentence: Sentence, season: str) -> str | None:
    """The Olympic edition ("2026 Winter Olympics") from a year or host city, else publication."""
    lexicon = Lexicon.load()
    year_match = next((m for m in re.finditer(r"\b(19[5-9]\d|20[0-4]\d)\b", sentence.text)
                       if not _SINCE.search(sentence.text[max(0, m.start() - 12):m.start()])),
                      None)
    # the masked text: a host city inside a name is no host ("Tom Paris"); a Games the
    # sentence counts from ("for the first time since Tokyo 2020") is not this one
    hosts = lexicon.finder("olympic_host", context.lang)
    for m in hosts.finditer(sentence.masked) if hosts is not None else ():
        entry = lexicon.lookup("olympic_host", context.lang, m.group("w"))
        if entry is None or _SINCE.search(sentence.masked[max(0, m.start() - 12):m.start()]):
            continue
        host_years, _, host_season = entry.extra.partition("/")
        if not season or season == host_season:
            # a city that held the Games more than once: the edition of the year the
            # sentence names ("in Tokio, waar X in 1964 de olympische titel pakte"), else
            # its latest
            years = host_years.split(",")
            named = next((y for y in re.findall(r"\b(?:18|19|20)\d\d\b", sentence.text)
                          if y in years), years[0])
            return f"{named} {host_season} Olympics"
    season = season or sport_season(context)
    pub = parse_date(context.published)
    if not season and pub is not None and context.is_recent(sentence):
        season = {2: "Winter", 0: "Summer"}.get(pub.year % 4, "")
    if not season:
        return None
    if year_match:
        year = int(year_match.group(1))
    elif pub is not None and context.is_recent(sentence):
        year = pub.year
    else:
        return f"{season} Olympics"
    games = olympic_year(year, season)
    return f"{games} {season} Olympics" if games is not None else f"{season} Olympics"


_DESCRIBING = re.compile(
    r"\b(?:is|zijn|are|werd|became)\b(?!(?:\s+\S+){0,6}?\s+(?:gewonnen|veroverd|behaald|"
    r"gepakt|binnengehaald)\b)", re.IGNORECASE)
"""A copula that describes ("X is wereldkampioen", "became champion"): no edition of the
article's days by itself; a Dutch perfect of winning ("is gewonnen door X") is one."""


def build_event(
    context: ArticleContext,
    sentence: Sentence,
    position: int,
    subject: Person | None,
    *,
    competition: tuple[str, str] | None = None,
    year: str | None = None,
    distance: int | None = None,
) -> Concept | None:
    """The event a medal, title, record or win in `sentence` belongs to.

    In the form "women's 1000 m, 2026 Winter Olympics": gender, distance,
    discipline, then the edition of the competition named in the sentence (or
    the article's when the sentence speaks of the days around publication).
    """
    lexicon = Lexicon.load()
    competition = competition or competition_in(context, sentence.text)
    if competition is None and context.is_recent(sentence):
        competition = main_competition(context)
    race = _race_kind(context, sentence)
    if race is None and distance is None and distance_near(sentence, position) is None \
            and sentence.index + 1 < len(context.sentences):
        # a lead that names no race is often told in the next sentence ("haar derde gouden
        # medaille ... De schaatsster won de massastart"): a race it names by kind is this one
        following = context.sentences[sentence.index + 1]
        if not find_distances(following.masked):
            race = _race_kind(context, following)
    if distance is None:
        # a race the sentence names by its kind ("brons op de massastart") is that race,
        # not the distance of the sentences around it
        distance = distance_near(sentence, position) if race is not None else distance_around(
            context, sentence, position)
    sport = context.sport.label if context.sport else ""
    edition: str | None = None
    pub = parse_date(context.published)
    explicit = year
    scope = dating_text(sentence.text, position) if year is None and context.is_recent(
        sentence) else sentence.text
    year_match = re.search(r"\b(19[5-9]\d|20[0-4]\d)\b", year or SINCE_YEAR.sub("", scope))
    dated = find_date(sentence.text, context.published)
    recent = dated is not None and dated[1] == "day" and context.is_recent(sentence)
    year = year_match.group(1) if year_match else (
        str(pub.year) if pub is not None and (recent or not _DESCRIBING.search(sentence.text))
        and context.is_recent(sentence) else ""
    )
    if competition is not None:
        kind, season = competition
        if kind == "Olympics":
            edition = olympic_edition(context, sentence, season)
            if explicit and edition and not edition.startswith(explicit):
                edition = f"{explicit} {edition.split(' ', 1)[-1]}" if edition[:4].isdigit() \
                    else f"{explicit} {edition}"
        elif kind == "World Championships":
            entry = lexicon.lookup("worlds", context.lang, sport)
            name = entry.label if entry is not None else "World Championships"
            edition = f"{year} {name}".strip()
        else:
            edition = f"{year} {kind}".strip()
    if edition is None and distance is None:
        return None
    discipline = discipline_of(context, sentence, subject.name if subject else None,
                               race=race, distance=distance, at=position)
    label = ", ".join(x for x in (discipline, edition) if x)
    return Concept(label, "event") if label else None


_STAGE = re.compile(
    r"\b(?:stage|etappe|rit)\s+(\d{1,2})\b|\b(\d{1,2})(?:e|de|ste|st|nd|rd|th)\s+(?:stage|etappe|rit)\b"
    r"|\b(?:stage|etappe|rit)(?:zege|overwinning|win|victory)?\b",
    re.IGNORECASE,
)


def gender_in(context: ArticleContext, sentence: Sentence, subject: str | None) -> str:
    """"women's" or "men's" as the sentence says it, else by the subject's gender, else ""."""
    low = sentence.text.lower()
    if re.search(r"\b(vrouwen|dames|women|women's|ladies)\b", low):
        return "women's"
    if re.search(r"\b(mannen|heren|men|men's)\b", low):
        return "men's"
    if subject is not None and subject in context.gender:
        return "women's" if context.gender[subject] == "female" else "men's"
    return ""


def discipline_of(context: ArticleContext, sentence: Sentence, subject: str | None, *,
                  race: str | None, distance: int | None, at: int | None = None) -> str:
    """The discipline of a result: gender with the race kind or distance ("women's 1000 m");
    with `at`, the distance as the part of the sentence at that position names it."""
    gender = gender_in(context, sentence, subject)
    sport = context.sport.label if context.sport else ""
    discipline = ""
    if race is not None and distance is None:
        discipline = f"{gender} {race}".strip() if gender else race
    if distance is not None:
        discipline = distance_label(sentence.text, distance, at)
        if sport == "short track speed skating":
            discipline += " short track"
        if gender and not discipline.startswith("mixed"):
            discipline = f"{gender} {discipline}"
    return discipline


def event_discipline(context: ArticleContext, sentence: Sentence, subject: str | None) -> str:
    """The discipline a sentence names for a win of a named event: a race kind ("women's
    singles"), a distance ("men's 100 m") or a stage of a stage race ("stage 15")."""
    race = _race_kind(context, sentence)
    distance = distance_near(sentence, 0) if race is None else None
    found = discipline_of(context, sentence, subject, race=race, distance=distance)
    if found:
        return found
    stage = _STAGE.search(sentence.text)
    if stage is not None:
        number = stage.group(1) or stage.group(2)
        return f"stage {number}" if number else "stage"
    return ""


def distance_label(text: str, distance: int, at: int | None = None) -> str:
    """A distance as its event is named: "400 m hurdles", "200 m freestyle", a relay
    "4 × 400 m relay" ("4x400 meter estafette"), "mixed" when the text says so.

    With `at`, the distance is the one written nearest that position of `text`, and only
    its own part of the sentence says what it is ("goud in de 400 meter, zilver met de
    gemengde 4x400 meter ploeg" names a flat 400 m and a mixed relay).
    """
    if at is not None:
        text = _part_around(text, distance, at)
    relay = re.search(rf"\b(\d)\s?[x×]\s?{distance}\s?(?:m|meter|metres|meters)\b", text,
                      re.IGNORECASE)
    if relay is None:
        return f"{distance} m" + hurdles(text, distance)
    mixed = re.search(r"\b(?:gemengde?|mixed)\b", text, re.IGNORECASE)
    return f"{'mixed ' if mixed else ''}{relay.group(1)} × {distance} m relay"


_PART_BREAK = re.compile(r"[,;:]|\b(?:en|and|maar|but|terwijl|while)\b", re.IGNORECASE)
"""What separates the parts of a sentence that each name a result of their own."""


def _part_around(text: str, distance: int, at: int) -> str:
    """The part of `text` holding the mention of `distance` nearest position `at` (as
    `nearest_distance` picks it) and position `at`; the whole text when it does not name
    that distance."""
    found = nearest_distance(text, at)
    if found is None or found[0] != distance:
        found = min((d for d in find_distances(text) if d[0] == distance),
                    key=lambda d: abs(d[1] - at), default=None)
    if found is None:
        return text
    # the part of the distance and that of the result, when the distance is written in
    # a later part ("zilver met de gemengde ploeg en brons met de vrouwen op de 4x400
    # meter")
    left, right = _part_bounds(text, min(found[1], at), max(found[2], at))
    return text[left:right]


def _part_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the part of `text` (between commas, semicolons or "en"/"and") that
    holds the characters from `start` to `end`."""
    breaks = list(_PART_BREAK.finditer(text))
    left = max((m.end() for m in breaks if m.end() <= start), default=0)
    right = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return left, right


def hurdles(text: str, distance: int) -> str:
    """What the text names after the distance to make it an event: " hurdles",
    " steeplechase", a swimming stroke (" freestyle"); else ""."""
    for m in _suffixed_distance().finditer(text):
        if m.group("d") == str(distance):
            lexicon = Lexicon.load()
            entry = lexicon.lookup("race_suffix", "nl", m.group("w")) or lexicon.lookup(
                "race_suffix", "en", m.group("w"))
            return f" {entry.label}" if entry is not None else ""
    return ""


@lru_cache(maxsize=1)
def _suffixed_distance() -> re.Pattern[str]:
    """A distance followed by a word of the lexicon's `race_suffix` kind (either language)."""
    lexicon = Lexicon.load()
    alternation = lexicon.alternation("race_suffix", "nl") + "|" + lexicon.alternation(
        "race_suffix", "en")
    return re.compile(rf"\b(?P<d>\d{{2,5}})\s?(?:m|meter|metres|meters)\s+(?P<w>{alternation})\b",
                      re.IGNORECASE)


def olympic_host(context: ArticleContext, event: Concept | None) -> Concept | None:
    """The host city of the Olympic edition an event label names ("2026 Winter Olympics")."""
    if event is None:
        return None
    m = re.search(r"\b(\d{4}) (Winter|Summer) Olympics\b", event.label)
    if m is None:
        return None
    lexicon = Lexicon.load()
    for surface in lexicon.surfaces("olympic_host", "en")[::-1]:
        entry = lexicon.lookup("olympic_host", "en", surface)
        years, _, season = entry.extra.partition("/") if entry is not None else ("", "", "")
        if entry is not None and m.group(1) in years.split(",") and season == m.group(2):
            # the city's English name: "Peking" is a Dutch spelling of Beijing
            place = lexicon.lookup("place", "en", entry.surface) or lexicon.lookup(
                "place", "nl", entry.surface)
            return Concept(place.label if place else entry.surface, "place",
                           place.qid if place else None)
    return None


def _race_kind(context: ArticleContext, sentence: Sentence) -> str | None:
    """A race named by its kind in the sentence ("massastart" -> "mass start")."""
    lexicon = Lexicon.load()
    found = lexicon.find_all("race", context.lang, sentence.text)
    return found[0].label if found else None


_DATELINE = re.compile(
    r"^\W*(?P<city>[A-ZÀ-Þ][A-ZÀ-Þ'’.]+(?:[ -][A-ZÀ-Þ][A-ZÀ-Þ'’.]*){0,3})"
    r"(?=\s*(?:,|\(|—|–|-\s|:)|\s+(?:[A-Z][a-z]+\.?\s+\d{1,2}\b))")


_NEWS_AGENCIES = frozenset({"REUTERS", "BELGA", "XINHUA", "ANSA", "KYODO", "YONHAP"})
"""Agencies that open a dateline without a place (shorter ones, ANP, AP, AFP, need 4+)."""


def dateline_place(text: str, lang: str) -> Concept | None:
    """The place of a news dateline opening the article or the paragraph after its headline
    ("CALGARY (ANP) -", "GANGNEUNG, SOUTH KOREA —", "LONDON May 2"): where the events it
    reports took place."""
    paragraphs = [p for p in text.lstrip().split("\n") if p.strip()][:2]
    found = (_DATELINE.match(p.strip()[:120]) for p in paragraphs)
    m = next((f for f in found if f is not None), None)
    if m is None:
        return None
    city = m.group("city").strip(" .")
    if len(city.replace(" ", "")) < 4 or city.upper() in _NEWS_AGENCIES:
        return None
    lexicon = Lexicon.load()
    if lexicon.contains("country", lang, city) or lexicon.contains("stopcap", lang, city.title()):
        return None
    entry = lexicon.lookup("place", lang, city)
    if entry is not None:
        return Concept(entry.label, "place", entry.qid)
    label = re.sub(r"[A-Za-zÀ-ÿ]+", lambda w: w.group(0).capitalize(), city.lower())
    return Concept(label, "place")


def award_event(
    context: ArticleContext,
    sentence: Sentence,
    position: int,
    subject: Person | None,
    *,
    known: bool = False,
    year: str | None = None,
    distance: int | None = None,
) -> Concept | None:
    """The event (`P1344`) of a medal or title at `position`, when the sentence pins it
    down: a distance next to the award, a year, the Olympics, or an award Wikidata knows
    (`known`); else None rather than a bare competition name."""
    event = build_event(context, sentence, position, subject, year=year, distance=distance)
    if event is None:
        return None
    if distance_near(sentence, position) is not None or known or "Olympic" in event.label \
            or re.search(r"\b\d{4}\b", event.label):
        return event
    return None


def result_qualifiers(
    context: ArticleContext,
    sentence: Sentence,
    subject: Person | Concept,
    award: Concept | None = None,
    award_at: int = 0,
    *,
    at: int | None = None,
) -> tuple[tuple[str, Concept | LiteralValue], ...]:
    """Date (`P585`) and place (`P276`) of a win or award in `sentence`, and for an award
    (at character `award_at` of the sentence) its event (`P1344`) and the Olympic host.

    The race time (`P2781`) is the time the sentence gives nearest the winner (at
    character `at`), or its only time when the winner has no place in it.
    """
    quals: dict[str, Concept | LiteralValue] = {}
    times = find_race_times(sentence.text)
    if times and (at is not None or len(times) == 1):
        nearest = min(times, key=lambda t: abs(t[2] - (at or 0)))
        quals["P2781"] = LiteralValue(nearest[0], "string")
    date = context.event_date(sentence)
    if date is not None:
        quals["P585"] = date
    place = fact_place(context, sentence)
    if place is not None:
        quals["P276"] = place
    if award is not None:
        person = subject if isinstance(subject, Person) else None
        event = award_event(context, sentence, max(0, award_at), person, known=bool(award.qid))
        if event is not None:
            quals["P1344"] = event
            host = olympic_host(context, event)
            if "P276" not in quals and host is not None:
                quals["P276"] = host
    return tuple(sorted(quals.items()))


def year_of(context: ArticleContext, sentence: Sentence) -> str | None:
    """The publication year, for a sentence about the days around publication."""
    if context.published and context.is_recent(sentence):
        return context.published[:4]
    return None


def article_event(context: ArticleContext) -> str | None:
    """The named tournament or race a report is about: the lexicon's event the article
    names most often, at least twice and more often than any other; read once."""
    if "article_event" not in context.memo:
        counts: dict[str, int] = {}
        for entry in Lexicon.load().find_all("event_name", context.lang, context.text):
            counts[entry.label] = counts.get(entry.label, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top = ranked[0] if ranked and ranked[0][1] >= 2 and (
            len(ranked) == 1 or ranked[1][1] < ranked[0][1]) else None
        context.memo["article_event"] = (top[0], "") if top else None
    found = context.memo["article_event"]
    return found[0] if found else None


def match_event(context: ArticleContext, sentence: Sentence) -> Concept | None:
    """The named tournament a match of the sentence was played in: one the sentence names
    ("beat X in the Wimbledon final"), else, for a sentence about the reported days, the
    tournament the report is about (`article_event`); in the sentence's edition."""
    named = Lexicon.load().find_all("event_name", context.lang, sentence.text)
    label = named[0].label if named else (
        article_event(context) if context.is_recent(sentence) else None)
    if label is None:
        return None
    return Concept(edition_label(label, sentence.text, year_of(context, sentence)), "event")


def defeat_qualifiers(
    context: ArticleContext, sentence: Sentence, subject: Person | Concept, at: int = 0,
) -> tuple[tuple[str, Concept | LiteralValue], ...]:
    """The event (`P1344`), date (`P585`) and place (`P276`) of a win over a rival in
    `sentence`: the race or match the sentence or the article's championship names (as the
    pattern families build it), on the days and at the place the sentence reports
    (`ArticleContext.event_date`, `fact_place`)."""
    quals: dict[str, Concept | LiteralValue] = {}
    event = build_event(context, sentence, max(0, at),
                        subject if isinstance(subject, Person) else None) or match_event(
        context, sentence)
    if event is not None:
        quals["P1344"] = event
    date = context.event_date(sentence)
    if date is not None:
        quals["P585"] = date
    place = fact_place(context, sentence)
    if place is not None:
        quals["P276"] = place
    return tuple(sorted(quals.items()))


LEAD_SENTENCES = 4
"""How many opening sentences the place of the reported days is looked for in: a report
names its venue in the lead or the paragraph after it."""


def _lead_place(context: ArticleContext) -> Concept | None:
    """The place the first sentences name for the days the article reports."""
    for sentence in context.sentences[:LEAD_SENTENCES]:
        if context.is_recent(sentence):
            place = place_in(context, sentence)
            if place is not None:
                return place
    return None


def fact_place(context: ArticleContext, sentence: Sentence) -> Concept | None:
    """Where the event of a sentence took place (`P276`): a place it names, else, for a
    sentence about the days the article reports, the dateline's place or the place its
    lead names ("Bos won donderdag in Inzell ...")."""
    place = place_in(context, sentence)
    if place is None and context.published and context.is_recent(sentence):
        place = context.dateline or context.venue  # the place of the days it reports
    return place


def place_in(context: ArticleContext, sentence: Sentence) -> Concept | None:
    """A place named in the sentence after "in"/"at" (English label when the lexicon has one)."""
    lexicon = Lexicon.load()
    country: Concept | None = None
    for m in re.finditer(r"\b(?:in|at|te)\s+(?:het\s+|de\s+|the\s+)?" + _NAME, sentence.masked):
        name = m.group(0).split(None, 1)[1]
        name = re.sub(r"^(?:het|de|the)\s+", "", name, flags=re.IGNORECASE).strip(" .,")
        name = re.sub(r"\s+(?:19|20)\d\d$", "", name)  # "in Rio de Janeiro 2016": the city
        found = lexicon.lookup("country", context.lang, name)
        if found is not None:  # "in Japan": the place, unless the sentence names a town
            country = country or Concept(found.label, "place", found.qid)
            continue  # "in Saudi Arabia": whole, before "Saudi" is read as a nationality
        if lexicon.contains("event_name", context.lang, name) or lexicon.contains(
                "event_name", "en", name):
            # "at the French Open": whole, before "French" is read as a nationality; a
            # Dutch text names many events by their English name ("in de Tour de France")
            continue
        first, _, rest = name.partition(" ")
        if rest and (lexicon.contains("demonym", context.lang, first)
                     or (context.lang == "nl" and first.endswith(("se", "sche")))):
            name = rest  # "het Duitse Cottbus": Cottbus
        head, _, last = name.rpartition(" ")
        if head and (lexicon.contains("demonym", context.lang, last)
                     or lexicon.contains("demonym", context.lang, last + "e")):
            name = head  # "in Thialf Nederlands kampioen": the title's word is no place's
        cut = re.match(r"^(.+?)\s+(?:de|het|van|the|of)\s+(\S+)", name)
        if cut and (lexicon.contains("demonym", context.lang, cut.group(2))
                    or lexicon.contains("stopcap", context.lang, cut.group(2))
                    or cut.group(2).endswith(("se", "sche"))
                    or lexicon.ends_in("venue", context.lang, cut.group(1).split()[-1])):
            name = cut.group(1)  # "het Crucible Theatre van Sheffield": the venue
        if not name or "⟨" in name:
            continue
        for kind in ("place", "olympic_host"):
            entry = lexicon.lookup(kind, context.lang, name)
            if entry is not None:
                label = entry.label if kind == "place" else name
                return Concept(label, "place", entry.qid if kind == "place" else None)
        if lexicon.contains("country", context.lang, name) or lexicon.contains(
            "demonym", context.lang, name
        ):
            continue
        first = name.split()[0]
        if lexicon.contains("stopcap", context.lang, first) or first.lower() in (
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december", "january", "february", "march",
            "may", "june", "july", "august", "october",
        ):
            continue
        if competition_in(context, name) is not None or seasonal(name, lexicon) or \
                lexicon.contains("event_name", context.lang, name) or (
                    " " in name and lexicon.contains("event_word", context.lang,
                                                     name.rsplit(" ", 1)[1])):
            continue  # "in de Eredivisie", "at the Diamond League": a competition
        return Concept(name, "place")
    return country


class ParseReader:
    """A component that appends to doc.user_data the facts `read` finds in a parsed doc
    (the clause reader, the move reader); a doc without a parse is left alone."""

    def __init__(self, read: Callable[[Doc, ArticleContext, str], list[Fact]],
                 name: str) -> None:
        self.read = read
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Read the doc and append the facts."""
        if not doc.has_annotation("DEP"):
            return doc
        facts: list[Fact] = doc.user_data.setdefault(FACTS_KEY, [])
        facts.extend(self.read(doc, ArticleContext.of(doc), self.name))
        return doc
