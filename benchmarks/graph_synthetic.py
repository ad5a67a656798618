"""A generator of realistic synthetic Statements for the graph benchmarks.

Articles of about ten facts each about a pool of athletes: medals with event,
date and place qualifiers, wins, records with race times, nationality,
occupation, sport, ages, team transfers, engagements, marriages and defeats,
each with a sentence-level reference. Deterministic for a given seed.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from sportkg.iris import mint_entity_iri
from sportkg.model import Entity, Evidence, LiteralValue, Statement

FIRST = ("Anna", "Bram", "Chloe", "Daan", "Eva", "Femke", "Gijs", "Hanna", "Ivo", "Julia",
         "Kees", "Lotte", "Milan", "Noor", "Olaf", "Pien", "Ruben", "Sara", "Thijs", "Vera")
LAST = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
        "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer")
MEDALS = (("Q15243387", "Olympic gold medal"), ("Q15889641", "Olympic silver medal"),
          ("Q15889643", "Olympic bronze medal"), ("Q406039", "gold medal"))
COUNTRIES = (("Q55", "Netherlands"), ("Q30", "United States"), ("Q17", "Japan"),
             ("Q38", "Italy"))
OCCUPATIONS = (("Q10866633", "speed skater"), ("Q11338576", "boxer"),
               ("Q18200514", "short-track speed skater"), ("Q2066131", "athlete"))
SPORTS = (("Q192431", "speed skating"), ("Q32112", "boxing"))
DISTANCES = ("500 m", "1000 m", "1500 m", "3000 m", "5000 m", "10,000 m")
EDITIONS = ("2026 Winter Olympics", "2024 World Single Distances Championships",
            "2025 European Championships", "2023 World Cup Heerenveen")
EXTRACTORS = ("sportkg_medals", "sportkg_relations", "sportkg_people", "sportkg_records")


def _person(i: int) -> Entity:
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
    return Entity(mint_entity_iri(name, "person"), name, type="person")


def _event(rng: random.Random) -> Entity:
    gender = rng.choice(("women's", "men's"))
    label = f"{gender} {rng.choice(DISTANCES)}, {rng.choice(EDITIONS)}"
    return Entity(mint_entity_iri(label, "event"), label, type="event")


def _date(rng: random.Random) -> LiteralValue:
    return LiteralValue(f"{rng.randint(2018, 2026)}-{rng.randint(1, 12):02d}-"
                        f"{rng.randint(1, 28):02d}", "date", "day")


def statements(n: int, *, seed: int = 7, per_article: int = 10) -> Iterator[Statement]:
    """`n` synthetic statements, grouped by article (consecutive), deterministic for `seed`."""
    rng = random.Random(seed)
    persons = max(50, n // 20)
    teams = [Entity(mint_entity_iri(f"Team {c}", "team"), f"Team {c}", type="team")
             for c in "ABCDEFGHIJKLMNOP"]
    milan = Entity.from_qid("Q490", "Milan", "place")
    made = 0
    article = 0
    while made < n:
        article += 1
        doc = f"synthetic_{article:07d}"
        digest = hashlib.sha256(doc.encode()).hexdigest()
        published = _date(rng)
        offset = 0
        for _ in range(min(per_article, n - made)):
            who = _person(rng.randrange(persons))
            other = _person(rng.randrange(persons))
            sentence = (f"{who.label} en {other.label} stonden zondag op het ijs in een "
                        f"race die {rng.randint(1, 999)} toeschouwers trok.")
            evidence = Evidence(f"{doc}.txt", sentence, offset, offset + len(sentence),
                                rng.choice(EXTRACTORS), published.value)  # type: ignore[arg-type]
            offset += len(sentence) + 1
            kind = rng.random()
            quals: dict[str, Entity | LiteralValue] = {}
            if kind < 0.25:
                prop, value = "P166", Entity.from_qid(*rng.choice(MEDALS), "award")
                quals = {"P585": _date(rng), "P1344": _event(rng), "P276": milan}
            elif kind < 0.40:
                prop, value = "sk:won", _event(rng)
                quals = {"P585": _date(rng)}
            elif kind < 0.50:
                prop, value = "P27", Entity.from_qid(*rng.choice(COUNTRIES), "country")
            elif kind < 0.60:
                prop, value = "P106", Entity.from_qid(*rng.choice(OCCUPATIONS), "occupation")
            elif kind < 0.65:
                prop, value = "P641", Entity.from_qid(*rng.choice(SPORTS), "sport")
            elif kind < 0.75:
                prop, value = "sk:age", LiteralValue(rng.randint(16, 40), "integer")
                quals = {"P585": published}
            elif kind < 0.85:
                prop, value = "P54", rng.choice(teams)
                quals = {"P580": _date(rng)}
            elif kind < 0.88:
                prop, value = "sk:engagedTo", other
            elif kind < 0.90:
                prop, value = "P26", other
            elif kind < 0.95:
                label = f"world record {rng.choice(DISTANCES)}"
                prop = "P1000"
                value = Entity(mint_entity_iri(label, "record"), label, type="record")
                quals = {"P2781": LiteralValue(round(rng.uniform(34, 800), 2), "quantity",
                                               unit="s"), "P585": _date(rng)}
            else:
                prop, value = "sk:defeated", other
            yield Statement(doc, digest, who, prop, value, evidence,
                            round(rng.uniform(0.3, 1.0), 2), quals)
            made += 1
