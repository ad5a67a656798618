"""Lookup speed and memory of the knowledge-base index on a synthetic KB.

Builds a KB of N synthetic people (random two- or three-part names, a third of them with
an alias, Dutch particles in some surnames), then times `kb.lookup` over a mix of full
names, aliases, surnames, initials + surname, unknown names and names that only share
tokens (first and last name swapped). Prints build time, lookups per second per kind and
overall, and memory.

Usage:
    python benchmarks/kb_lookup.py [--entities 100000] [--lookups 200000] [--seed 7] [--memory]
"""

from __future__ import annotations

import argparse
import random
import resource
import time
import tracemalloc

from sportkg.kb.kb import KBEntity, KnowledgeBase, normalize_name

SYLLABLES = ("an", "ber", "co", "da", "el", "fen", "gro", "han", "ies", "jo", "ka", "lie",
             "man", "nor", "op", "pie", "ques", "ri", "sta", "ter", "uw", "vel", "wes", "xan",
             "yo", "zee", "mer", "kok", "lin", "dam")
PARTICLES = ("van", "de", "van der", "ter", "van den")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_people(n: int, seed: int) -> list[KBEntity]:
    rng = random.Random(seed)
    people = []
    for i in range(n):
        first = _word(rng, rng.randint(1, 2))
        last = _word(rng, rng.randint(2, 3))
        if rng.random() < 0.2:
            last = f"{rng.choice(PARTICLES)} {last}"
        label = f"{first} {last}"
        aliases = {"en": (f"{first} {_word(rng, 1)} {last}",)} if i % 3 == 0 else {}
        people.append(KBEntity(
            iri=f"https://example.org/person/{i}", type="person",
            labels={"en": label, "nl": label}, aliases=aliases,
            prior=round(rng.random(), 3),
        ))
    return people


def queries(people: list[KBEntity], count: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed + 1)
    picks = [rng.choice(people) for _ in range(count)]
    out: dict[str, list[str]] = {"label": [], "alias": [], "surname": [], "initials": [],
                                 "unknown": [], "tokens": []}
    for i, person in enumerate(picks):
        label = person.labels["en"]
        first, _, last = label.partition(" ")
        kind = list(out)[i % len(out)]
        if kind == "label":
            out[kind].append(label.upper() if i % 2 else label)
        elif kind == "alias":
            out[kind].append(next(iter(person.names() - {label})) if person.aliases else label)
        elif kind == "surname":
            out[kind].append(last)
        elif kind == "initials":
            out[kind].append(f"{first[0]}. {last}")
        elif kind == "unknown":
            out[kind].append(f"Zzy{i} Qqx{i}")
        else:
            out[kind].append(f"{last} {first}")  # no key matches; two shared tokens
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--memory", action="store_true", help="also measure memory")
    args = parser.parse_args()

    people = synthetic_people(args.entities, args.seed)
    began = time.perf_counter()
    kb = KnowledgeBase(people)
    built = time.perf_counter() - began
    print(f"KB: {len(kb):,} entities indexed in {built:.2f} s")
    if args.memory:  # a second, traced build: tracemalloc slows allocation down a lot
        tracemalloc.start()
        again = synthetic_people(args.entities, args.seed)
        records, _ = tracemalloc.get_traced_memory()
        index = KnowledgeBase(again)
        total, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"memory (tracemalloc): records {records / 2**20:.0f} MiB, "
              f"index {(total - records) / 2**20:.0f} MiB for {len(index):,} entities")
        del index, again

    mix = queries(people, args.lookups, args.seed)
    total = 0
    elapsed_all = 0.0
    for kind, names in mix.items():
        normalize_name.cache_clear()
        began = time.perf_counter()
        found = sum(1 for name in names if kb.lookup(name))
        elapsed = time.perf_counter() - began
        total += len(names)
        elapsed_all += elapsed
        print(f"  {kind:9s} {len(names) / elapsed:>10,.0f} lookups/s  "
              f"({found / len(names):.0%} with candidates)")
    print(f"overall {total / elapsed_all:,.0f} lookups/s over {total:,} lookups "
          "(name-key cache cleared before each kind)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
