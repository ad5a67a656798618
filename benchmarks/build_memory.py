"""Peak memory of `sportkg build` as the number of articles grows.

Writes N synthetic sports reports (Dutch and English, made up here from templates and
random names, so the vocabulary grows with N as it does in real news) as text files in
the reference format, then runs `sportkg build` on them in a child process and reports
the child's peak resident set size (from `os.wait4`), its wall time and the RSS sampled
at each quarter of the run. A flat build has the same peak for 2,000 and 20,000 articles.

Usage:
    python benchmarks/build_memory.py [--sizes 2000,5000,20000] [--pipeline rules]
        [--command build|extract] [--workdir DIR] [--keep]

`--command extract` measures extraction alone (`sportkg extract`, statements thrown
away), which separates the extraction engine's memory from the store's.

With `--pipeline auto` (the default pipeline: trained models and classifiers) use smaller
sizes, e.g. `--sizes 500,2000 --pipeline auto`.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPORTKG = str(Path(sys.executable).parent / "sportkg")

_ONSETS = ("b", "br", "d", "dr", "f", "g", "h", "j", "k", "kl", "l", "m", "n", "p", "r",
           "s", "st", "t", "v", "w", "z")
_VOWELS = ("a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "ei", "ou")
_CODAS = ("", "n", "r", "s", "l", "k", "m", "rt", "nd", "st")

_NL = (
    "{name} ({age}) heeft {day} de {race} gewonnen in {city}. De {nat} {role} was "
    "sneller dan {other} en pakte zo de titel.\n\n"
    "Na afloop zei {last}: 'Dit is een droom die uitkomt.' Eerder dit seizoen werd "
    "{last} nog tweede in {city2}.\n\n"
    "{other_last} kwam over van {club} en eindigde als derde.\n",
    "{role_cap} {name} won {day} goud op de {race} in {city}. {last} ({age}) "
    "versloeg {other} in een spannende finale.\n\n"
    "Het is de tweede medaille voor {last} dit jaar. {other_last} rijdt sinds vorig "
    "jaar voor {club}.\n",
)
_EN = (
    "{name}, {age}, won the {race} in {city} on {day_en}. The {nat_en} {role_en} beat "
    "{other} by two seconds to take the title.\n\n"
    "'It is a dream come true,' {last} said afterwards. Earlier this season {last} "
    "finished second in {city2}.\n\n"
    "{other_last}, who joined {club} last year, came third.\n",
    "{role_en_cap} {name} took gold in the {race} in {city} on {day_en}. {last}, "
    "{age}, defeated {other} in a close final.\n\n"
    "It is the second medal of the year for {last}. {other_last} has played for "
    "{club} since last season.\n",
)
_ROLES_NL = ("schaatsster", "wielrenner", "atlete", "zwemmer", "roeister", "judoka")
_ROLES_EN = ("speed skater", "cyclist", "athlete", "swimmer", "rower", "judoka")
_NATS = (("Nederlandse", "Dutch"), ("Belgische", "Belgian"), ("Duitse", "German"),
         ("Noorse", "Norwegian"))
_RACES = ("1000 meter", "5000 meter", "tijdrit", "marathon", "halve marathon", "sprint")
_RACES_EN = ("1000 metres", "5000 metres", "time trial", "marathon", "half marathon", "sprint")
_CITIES = ("Heerenveen", "Utrecht", "Gent", "Hamar", "Inzell", "Calgary", "Tilburg",
           "Antwerpen", "Oslo", "Breda")
_DAYS = (("maandag", "Monday"), ("dinsdag", "Tuesday"), ("woensdag", "Wednesday"),
         ("zaterdag", "Saturday"), ("zondag", "Sunday"))


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(syllables))


def _person(rng: random.Random) -> tuple[str, str]:
    first = _word(rng, rng.randint(1, 2)).capitalize()
    last = _word(rng, rng.randint(2, 3)).capitalize()
    if rng.random() < 0.3:
        last = rng.choice(("van ", "de ", "van der ")) + last
    return f"{first} {last}", last[0].upper() + last[1:]


def article(i: int, rng: random.Random) -> str:
    """One synthetic report in the reference format (` date YYYY-MM-DD ` first line)."""
    name, last = _person(rng)
    other, other_last = _person(rng)
    nat_nl, nat_en = rng.choice(_NATS)
    day_nl, day_en = rng.choice(_DAYS)
    role = rng.randrange(len(_ROLES_NL))
    race = rng.randrange(len(_RACES))
    city, city2 = rng.sample(_CITIES, 2)
    club = f"{rng.choice(('FC', 'SV', 'Team', 'VV'))} {_word(rng, 2).capitalize()}"
    values = {
        "name": name, "last": last, "other": other, "other_last": other_last,
        "age": rng.randint(17, 38), "day": day_nl, "day_en": day_en, "nat": nat_nl,
        "nat_en": nat_en, "role": _ROLES_NL[role], "role_cap": _ROLES_NL[role].capitalize(),
        "role_en": _ROLES_EN[role], "role_en_cap": _ROLES_EN[role].capitalize(),
        "race": _RACES[race] if i % 2 == 0 else _RACES_EN[race], "city": city,
        "city2": city2, "club": club,
    }
    template = rng.choice(_NL if i % 2 == 0 else _EN)
    date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return f" date {date} " + template.format(**values)


def write_corpus(folder: Path, n: int, *, seed: int = 14) -> None:
    """N article files under `folder`, 1,000 to a subfolder."""
    rng = random.Random(seed)
    for i in range(n):
        sub = folder / f"part{i // 1000:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        lang = "nl" if i % 2 == 0 else "en"
        (sub / f"{lang}_{i:06d}.txt").write_text(article(i, rng), encoding="utf-8")


def _rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_build(corpus: Path, store: Path, *, pipeline: str, command_name: str = "build"
              ) -> dict[str, object]:
    """Run `sportkg build` (or `extract`) in a child; peak RSS, wall time, RSS by quarter."""
    shutil.rmtree(store, ignore_errors=True)
    command = [SPORTKG, "-q", command_name, str(corpus), "--pipeline", pipeline]
    if command_name == "build":
        command += ["--store", str(store)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    samples: list[tuple[float, float]] = []
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        rss = _rss_mb(child.pid)
        if rss is not None:
            samples.append((time.perf_counter() - start, rss))
        time.sleep(0.5)
    wall = time.perf_counter() - start
    stderr = child.stderr.read().decode() if child.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"build failed ({code}): {stderr[-2000:]}")
    quarters = []
    for q in (0.25, 0.5, 0.75, 1.0):
        before = [rss for t, rss in samples if t <= q * wall]
        quarters.append(round(before[-1]) if before else None)
    return {"peak_mb": round(usage.ru_maxrss / 1024), "wall_s": round(wall, 1),
            "quarters_mb": quarters}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,5000,20000",
                        help="comma-separated article counts")
    parser.add_argument("--pipeline", default="rules", help="--pipeline of sportkg build")
    parser.add_argument("--command", default="build", choices=("build", "extract"),
                        help="build (extraction and the store) or extract (extraction "
                        "alone, statements to /dev/null)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where corpora and stores go (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="build-memory-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"sportkg {args.command}, pipeline {args.pipeline}; work folder {workdir}", flush=True)
    print(f"{'articles':>9} {'peak MB':>8} {'wall s':>8} {'art/s':>7}  RSS at 1/4 1/2 3/4 end",
          flush=True)
    try:
        for n in sizes:
            corpus = workdir / f"corpus-{n}"
            if not corpus.exists():
                write_corpus(corpus, n)
            result = run_build(corpus, workdir / "store", pipeline=args.pipeline,
                               command_name=args.command)
            rate = n / float(result["wall_s"])  # type: ignore[arg-type]
            print(f"{n:>9} {result['peak_mb']:>8} {result['wall_s']:>8} {rate:>7.0f}  "
                  f"{result['quarters_mb']}", flush=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
