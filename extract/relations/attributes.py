"""Candidates for what an article says about each person as a whole: nationality, occupation, sport.

Sports news states most of these facts once for the whole article, not in the sentence
about the person: the report of a skating race names the riders and says "schaatssters"
once; "De Nederlandse ploeg" makes each rider Dutch; a coach named by his role is a coach
of the article's sport. So these candidates are per person of the article, not per
sentence: every person (canonical name) paired with every value the article offers,

- P641 (sport): the sports the article names (sport words, and the sports its occupation
  words imply), ranked by how often;
- P106 (occupation): the athlete of each of those sports ("speed skating" → "speed
  skater", the commonest occupation of that sport in the lexicon) and every occupation
  word the article uses;
- P27 (nationality): every country the article names, by name or adjective;
- P54 (member of sports team), national sides only: in a report of a team sport, every
  country the article names gives its national team in that sport ("Oranje", "de
  Nederlandse waterpolosters": "Netherlands women's national water polo team");
- sk:coachedBy: every person the article calls a coach, trainer or manager, for every
  other person: a report of a national side or a club names its coach once ("bondscoach
  X liet Y en Z beginnen"), and that coach coaches the players it names.

A candidate's features are what decides it across the article: how often and where the
person is named, what the pattern extractors already found about them (wins, medals,
teams, a coach role, a nationality), and how the value relates to them (named in the
same sentence, right before the name, the article's commonest country or sport). The
trained model in `sportkg.extract.relations.classifier` (`AttributeClassifier`) weighs them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .engine import (
    ArticleContext,
    Concept,
    Fact,
    Person,
    national_team,
    side_country,
    side_name,
)
from .roles import athlete_of_sport

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .pairs import Mention

ATTRIBUTE_RELATIONS: tuple[str, ...] = ("P27", "P106", "P641", "P54", "sk:coachedBy")
"""The relations decided per person of the article rather than per sentence pair."""

COMPETING = frozenset({"sk:won", "sk:defeated", "P166", "P1000", "P2781"})
"""Pattern relations that show a person competes (an athlete of the article's sport)."""

_NEAR = 4
"""Tokens between a country or occupation word and a name for them to be 'next to' it."""


@dataclass(frozen=True)
class Attribute:
    """One person-level candidate: the person, the relation, the value and its features."""

    person: Person
    property: str
    value: Concept | Person
    sentence: int  # the sentence of the person's first mention: the evidence
    features: tuple[str, ...]

    def value_name(self) -> str:
        """The value as the gold names it: a concept's label, a person's name."""
        return self.value.name if isinstance(self.value, Person) else self.value.label


COACH_ROLES = frozenset({"coach", "assistant coach", "personal trainer"})
"""The occupations of the lexicon that coach athletes ("bondscoach", "trainer", "manager"
all read as coach)."""


def is_coach(roles: set[str]) -> bool:
    """Whether the roles an article gives someone make them a coach.

    Examples:
        >>> is_coach({"coach"}), is_coach({"speed skater"})
        (True, False)
    """
    return bool(roles & COACH_ROLES)


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


def attributes(doc: Doc, context: ArticleContext, facts: list[Fact],
               mentions: list[list[Mention]] | None = None) -> list[Attribute]:
    """Every (person, relation, value) candidate of the article with its features.

    `facts` are the pattern extractors' facts (the pair classifier's are left out, as in
    training); `mentions` the typed mentions of each sentence when already computed.
    """
    from .pairs import sentence_mentions

    if mentions is None:
        mentions = sentence_mentions(doc, context)
    lang = context.lang
    sentences_of: dict[str, list[int]] = {}
    first: dict[str, Person] = {}
    for sentence in context.sentences:
        for person in sentence.people:
            sentences_of.setdefault(person.name, []).append(sentence.index)
            first.setdefault(person.name, person)
    if not first:
        return []

    # what the article offers as values
    countries: Counter[tuple[str, str]] = Counter()
    side_names: dict[tuple[str, str], Counter[str]] = {}  # a home nation plays as itself
    country_sentences: dict[tuple[str, str], set[int]] = {}
    occupations: dict[tuple[str, str], set[int]] = {}
    for index, found in enumerate(mentions):
        for m in found:
            key = (m.label, m.qid or "")
            if m.kind in ("country", "nation") and m.label:
                countries[key] += 1
                country_sentences.setdefault(key, set()).add(index)
                side_names.setdefault(key, Counter())[side_name(m.text, m.label, lang)] += 1
            elif m.kind == "occupation" and m.label:
                occupations.setdefault(key, set()).add(index)
    sports = context.sports
    sport_rank = {key: rank for rank, (key, _) in enumerate(sports.most_common())}
    athletes = athlete_of_sport()
    occupation_values: dict[tuple[str, str], str] = {}  # value → how it was offered
    for (sport, _), rank in sport_rank.items():
        if sport in athletes and rank < 2:
            label, qid = athletes[sport]
            occupation_values.setdefault((label, qid or ""), f"athlete_rank{rank}")
    for key in occupations:
        occupation_values.setdefault(key, "named")

    # what the patterns found about each person
    said: dict[str, set[tuple[str, str]]] = {}
    props: dict[str, Counter[str]] = {}
    as_value: dict[str, set[str]] = {}
    for fact in facts:
        if isinstance(fact.subject, Person):
            value = fact.value
            label = value.label if isinstance(value, Concept) else (
                value.name if isinstance(value, Person) else "")
            said.setdefault(fact.subject.name, set()).add((fact.property, label))
            props.setdefault(fact.subject.name, Counter())[fact.property] += 1
        if isinstance(fact.value, Person):
            as_value.setdefault(fact.value.name, set()).add(fact.property)

    coaches = [name for name in first if is_coach(context.roles.get(name, set()))]
    role_holders: dict[str, set[str]] = {}
    for holder, held in context.roles.items():
        for role in held:
            role_holders.setdefault(role, set()).add(holder)
    protagonist = context.protagonist.name if context.protagonist else None
    team_sport = context.team_sport
    sides = _sides(context, mentions) if team_sport else {}
    country_rank = {key: rank for rank, (key, _) in enumerate(countries.most_common())}
    home = {"nl": "Netherlands", "en": "United Kingdom"}.get(lang)
    out: list[Attribute] = []
    for name, person in first.items():
        where = sentences_of[name]
        mine = set(where)
        mates = {p.name for i in where for p in context.sentences[i].people} - {name}
        mates_said = set().union(*(said.get(m, set()) for m in mates)) if mates else set()
        mates_compete = any(
            any(p in COMPETING for p, _ in said.get(m, set())) for m in mates)
        found_props = props.get(name, Counter())
        competes = any(p in COMPETING for p in found_props)
        roles = context.roles.get(name, set())
        roles_of_others = {r for r, holders in role_holders.items() if holders - {name}}
        coach_role = is_coach(roles)
        base = [
            f"lang={lang}", f"n={_bucket(len(where))}",
            f"first={min(3, where[0])}", f"people_in_article={_bucket(len(first) // 3)}",
        ]
        if name == protagonist:
            base.append("protagonist")
        if " " not in name:
            base.append("one_word_name")
        for prop in sorted(found_props):
            base.append(f"has:{prop}")
        if competes:
            base.append("competes")
        if mates_compete:
            base.append("mates_compete")
        for prop in sorted(as_value.get(name, ())):
            base.append(f"value_of:{prop}")
        if coach_role:
            base.append("role:coach")
        elif roles:
            base.append("role:other")
        alone = sum(1 for i in where if len({p.name for p in context.sentences[i].people}) == 1)
        base.append(f"alone={_bucket(alone)}")
        said_here = said.get(name, set())
        mates_nations = {n for m in mates for n in context.nations.get(m, ())}

        def add(prop: str, value: Concept | Person, extra: list[str],
                _person: Person = person, _where: list[int] = where,
                _said: set[tuple[str, str]] = said_here, _base: list[str] = base,
                _mates: set[tuple[str, str]] = mates_said) -> None:
            label = value.name if isinstance(value, Person) else value.label
            own = ["rule_same" if (prop, label) in _said else
                   ("rule_other" if any(p == prop for p, _ in _said) else "rule_none")]
            if (prop, label) in _mates:
                own.append("mates_same")
            elif any(p == prop for p, _ in _mates):
                own.append("mates_other")
            feats = [*_base, *extra, *own]
            feats += [f"{own[0]}|{f}" for f in extra]
            out.append(Attribute(_person, prop, value, _where[0],
                                 tuple(f"{prop}|{f}" for f in feats)))

        for (sport, qid), count in sports.items():
            rank = sport_rank[(sport, qid)]
            if rank > 2:
                continue
            extra = [f"sport_rank={rank}", f"sport_count={_bucket(count)}",
                     f"sport_rank={rank}|competes={competes}",
                     f"sport_rank={rank}|mates_compete={mates_compete}",
                     f"sport_rank={rank}|coach={coach_role}"]
            if context.sport is not None and context.sport.label == sport:
                extra.append("article_sport")
            if any(sport in r for r in roles) or any(
                    athletes.get(sport, ("",))[0] == r for r in roles):
                extra.append("role_of_sport")
            add("P641", Concept(sport, "sport", qid or None), extra)
        for (label, qid), how in occupation_values.items():
            extra = [f"offered={how}", f"offered={how}|competes={competes}",
                     f"offered={how}|mates_compete={mates_compete}",
                     f"offered={how}|coach={coach_role}"]
            near = occupations.get((label, qid), set())
            if near & mine:
                extra.append("occupation_same_sentence")
            if label in roles:
                extra.append("role_is_value")
            elif label in roles_of_others:
                extra.append("role_of_other")  # "her boyfriend, the golfer X": X's, not hers
            if "coach" in label or "trainer" in label:
                extra.append("coach_value")
            add("P106", Concept(label, "occupation", qid or None), extra)
        for coach in coaches:
            if coach == name:
                continue
            theirs = set(sentences_of[coach])
            many = f"coaches={min(len(coaches), 3)}"
            extra = [many, f"{many}|competes={competes}", f"{many}|coach={coach_role}",
                     f"{many}|mates_compete={mates_compete}"]
            if theirs & mine:
                extra.append("with_coach")
            elif any(abs(i - j) <= 1 for i in theirs for j in mine):
                extra.append("next_to_coach")
            if context.nations.get(name, set()) & context.nations.get(coach, set()):
                extra.append("same_nation")
            if min(theirs) < min(mine):
                extra.append("coach_named_first")
            add("sk:coachedBy", first[coach], extra)
        for (label, qid), count in countries.items():
            rank = country_rank[(label, qid)]
            extra = [f"country_count={_bucket(count)}", f"country_rank={min(rank, 3)}"]
            near = country_sentences.get((label, qid), set())
            if near & mine:
                extra.append("country_same_sentence")
                if any(_nearest(mentions[i], name, label) for i in near & mine):
                    extra.append("country_nearest")
                if any(_next_to(mentions[i], person_name=name, label=label) for i in near & mine):
                    extra.append("country_next_to_name")
            if 0 in near:
                extra.append("country_in_first_sentence")
            if len(countries) == 1:
                extra.append("only_country")
            if label in context.nations.get(name, set()):
                extra.append("described_as")
            elif context.nations.get(name):
                extra.append("described_other")
            if label in mates_nations:
                extra.append("mate_described_as")  # "de Nederlanders A en B", A named alone
            elif mates_nations:
                extra.append("mates_described_other")  # the foreigners named, not the home side
            if label == home:
                extra.append("home_country")
                extra.append(f"home_country|rank={min(rank, 2)}")
                if name == protagonist:
                    extra.append("home_country|protagonist")
            add("P27", Concept(label, "country", qid or None), extra)
            if team_sport and rank <= 2:
                women = context.gender.get(name) == "female"
                for plays_as in side_names[(label, qid)]:  # England and Scotland: two sides
                    side = [*extra, *sides.get(plays_as, ())]
                    add("P54", national_team(plays_as, context.sport, women=women), side)
    return out


def _sides(context: ArticleContext, mentions: list[list[Mention]]) -> dict[str, list[str]]:
    """Side name (a country's label, or a home nation's name) → how the article shows its
    national side: named as a country that plays ("Nederland won", "England won"), or by a
    team's nickname ("Oranje", "the Lionesses")."""
    from .lexicon import Lexicon

    out: dict[str, list[str]] = {}
    for found in mentions:
        for m in found:
            side = side_name(m.text, m.label, context.lang) if m.label else ""
            if m.kind == "nation" and side and "side_named" not in out.get(side, []):
                out.setdefault(side, []).append("side_named")
    lexicon = Lexicon.load()
    for entry in lexicon.find_all("team_name", context.lang, context.text):
        country = side_country(entry.label)
        out.setdefault(country, []).append("side_nickname")
    return out


def _nearest(found: list[Mention], person_name: str, label: str) -> bool:
    """Whether the closest country mention to the person in this sentence is `label`."""
    people = [m for m in found if m.kind == "person" and m.name == person_name]
    places = [m for m in found if m.kind in ("country", "nation")]
    if not people or not places:
        return False
    best = min(places, key=lambda c: min(abs(c.start - p.start) for p in people))
    return best.label == label


def _next_to(found: list[Mention], *, person_name: str, label: str) -> bool:
    """Whether a mention of the country `label` sits within a few tokens of the person."""
    people = [m for m in found if m.kind == "person" and m.name == person_name]
    places = [m for m in found if m.kind in ("country", "nation") and m.label == label]
    return any(abs(p.start - c.end) <= _NEAR or abs(c.start - p.end) <= _NEAR
               for p in people for c in places)
