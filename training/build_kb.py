"""Build the bundled knowledge base (`kb/data/kb_bundled.json`) from the verified ids.

Inputs, both in `training/kb/`:

* ``wikidata_ids.tsv``: the Wikidata ids checked for this project (columns ``id``,
  ``label``, ``kind``, ``datatype``, ``confidence``); every row becomes a record of the
  bundled KB: items as entities, properties under ``properties``. The English label is
  the file's label without its disambiguation note ("gold medal (generic)" -> "gold
  medal"); a label with alternatives ("influencer / social media influencer") gives the
  first as label and the others as English aliases. The ``kind`` column gives the coarse
  type (``person`` -> person and instance of human, ``city`` -> place, ``edition`` ->
  event, ...), the ``confidence`` column is kept as ``verified``.
* ``curated.jsonl``: our own words per id, one JSON object a line: the Dutch label
  (``nl``, required for every row), and for items the type where ``kind`` says only
  "item", aliases in both languages, a description and the facts the linker uses
  (occupations, sports, countries, related items, a prior). Every id named in these
  facts must be a row of ``wikidata_ids.tsv``.

The build fails, naming the id, on a row without curated words, a curated id that is
not in the ids file, or a fact pointing at an unverified id; so the shipped KB holds
exactly the verified rows. Run::

    python training/build_kb.py            # rewrites kb/data/kb_bundled.json
    python training/build_kb.py --check    # exit 1 when the shipped file is out of date
    python training/build_kb.py --ids ../shared/wikidata/ids.tsv   # a newer ids file
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
IDS_PATH = ROOT / "training" / "kb" / "wikidata_ids.tsv"
CURATED_PATH = ROOT / "training" / "kb" / "curated.jsonl"
OUT_PATH = ROOT / "kb" / "data" / "kb_bundled.json"

COLUMNS = ("id", "label", "kind", "datatype", "confidence")
"""The columns of the ids file, in order."""

KIND_TYPES: Mapping[str, str] = {
    "class": "class",
    "sex/gender value": "concept",
    "concept": "concept",
    "occupation": "occupation",
    "occupation (broader)": "occupation",
    "edition": "event",
    "sport": "sport",
    "sport/discipline": "sport",
    "award": "award",
    "country": "country",
    "city": "place",
    "platform": "organization",
    "person": "person",
}
"""The coarse type of each `kind` of the ids file; rows of kind "item" take the curated type."""

_NOTE = re.compile(r"\s*\([^)]*\)\s*$")
_FACT_KEYS = ("instance_of", "occupations", "sports", "countries", "related")
_ENTITY_KEYS = ("type", "nl", "aliases", "description", "birth_date", "gender", "prior",
                *_FACT_KEYS)


class BuildError(Exception):
    """The inputs disagree; the message names the id and the file."""


def read_ids(path: Path) -> list[dict[str, str]]:
    """The rows of the ids file, checked for its columns and unique ids."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise BuildError(f"{path}: expected columns {', '.join(COLUMNS)}")
        rows = [dict(row) for row in reader]
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):
        if not re.fullmatch(r"[PQ]\d+", row["id"] or ""):
            raise BuildError(f"{path}:{number}: {row['id']!r} is not a Wikidata id")
        if row["id"] in seen:
            raise BuildError(f"{path}:{number}: {row['id']} is listed twice")
        seen.add(row["id"])
    return rows


def read_curated(path: Path) -> dict[str, dict[str, Any]]:
    """The curated words per id."""
    out: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            key = record.pop("id", None)
            if not isinstance(key, str) or key in out:
                raise BuildError(f"{path}:{number}: missing or repeated 'id' {key!r}")
            out[key] = record
    return out


def english_names(label: str) -> tuple[str, list[str]]:
    """The English label and aliases of an ids-file label.

    Examples:
        >>> english_names("Utrecht (city)")
        ('Utrecht', [])
        >>> english_names("influencer / social media influencer")
        ('influencer', ['social media influencer'])
    """
    names = [_NOTE.sub("", part).strip() for part in label.split(" / ")]
    return names[0], [n for n in names[1:] if n]


def _merged_aliases(english: Iterable[str], curated: Mapping[str, Any]) -> dict[str, list[str]]:
    aliases = {lang: list(curated.get(lang, ())) for lang in ("en", "nl")}
    for name in english:
        if name not in aliases["en"]:
            aliases["en"].append(name)
    return {lang: names for lang, names in aliases.items() if names}


def build(ids: list[dict[str, str]], curated: Mapping[str, Mapping[str, Any]],
          *, source: str = "wikidata_ids.tsv") -> dict[str, Any]:
    """The bundled KB (entities and properties) of the ids rows and the curated words."""
    verified = {row["id"] for row in ids}
    extra = sorted(set(curated) - verified)
    if extra:
        raise BuildError(f"curated words for ids not in {source}: {', '.join(extra)}")
    entities: list[dict[str, Any]] = []
    properties: list[dict[str, Any]] = []
    for row in ids:
        key, words = row["id"], curated.get(row["id"])
        if not words or not words.get("nl"):
            raise BuildError(f"{key} ({row['label']}) has no Dutch label in curated.jsonl")
        label, more = english_names(row["label"])
        if key.startswith("P"):
            properties.append({
                "pid": key, "labels": {"en": label, "nl": words["nl"]},
                "datatype": row["datatype"], "verified": row["confidence"],
            })
            continue
        unknown = sorted(set(words) - set(_ENTITY_KEYS))
        if unknown:
            raise BuildError(f"{key}: unknown curated fields {', '.join(unknown)}")
        etype = words.get("type") or KIND_TYPES.get(row["kind"])
        if etype is None:
            raise BuildError(f"{key} ({row['label']}) is of kind {row['kind']!r}; "
                             "curated.jsonl must give its type")
        record: dict[str, Any] = {"qid": key, "type": etype,
                                  "labels": {"en": label, "nl": words["nl"]}}
        aliases = _merged_aliases(more, words.get("aliases", {}))
        if aliases:
            record["aliases"] = aliases
        if words.get("description"):
            record["description"] = words["description"]
        facts = {name: list(words.get(name, ())) for name in _FACT_KEYS}
        if etype == "person" and "Q5" not in facts["instance_of"]:
            facts["instance_of"].insert(0, "Q5")
        for name in ("instance_of", "occupations", "sports", "countries"):
            if facts[name]:
                record[name] = facts[name]
        for name in ("birth_date", "gender"):
            if words.get(name):
                record[name] = words[name]
        if facts["related"]:
            record["related"] = facts["related"]
        if words.get("prior"):
            record["prior"] = words["prior"]
        record["verified"] = row["confidence"]
        named = {v for name in _FACT_KEYS for v in facts[name]}
        named |= {words["gender"]} if words.get("gender") else set()
        if named - verified:
            raise BuildError(f"{key}: facts name ids not in {source}: "
                             f"{', '.join(sorted(named - verified))}")
        entities.append(record)
    return {"entities": entities, "properties": properties}


def dumps(kb: Mapping[str, Any]) -> str:
    """The shipped JSON text: one record a line, so a change shows as a one-line diff."""
    parts = []
    for section in ("entities", "properties"):
        body = ",\n".join(json.dumps(r, ensure_ascii=False) for r in kb[section])
        parts.append(f'"{section}": [\n{body}\n]')
    return "{" + ",\n".join(parts) + "}\n"


def main(argv: list[str] | None = None) -> int:
    """Build (or with --check compare) the bundled KB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", type=Path, default=IDS_PATH)
    parser.add_argument("--curated", type=Path, default=CURATED_PATH)
    parser.add_argument("--out", type=Path, default=OUT_PATH)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when --out differs from a fresh build")
    args = parser.parse_args(argv)
    try:
        text = dumps(build(read_ids(args.ids), read_curated(args.curated),
                           source=args.ids.name))
    except (BuildError, OSError, json.JSONDecodeError) as exc:
        print(f"build_kb: error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"build_kb: {args.out} is out of date; run training/build_kb.py",
                  file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    kb = json.loads(text)
    print(f"wrote {args.out.name}: {len(kb['entities'])} entities, "
          f"{len(kb['properties'])} properties")
    return 0


if __name__ == "__main__":
    sys.exit(main())
