"""Build the named-entity corpora (PERSON, ORG, LOC, EVENT) for one language.

The recipe behind the ``ner`` component of ``extract/models/{nl,en}_sportkg``. Three
kinds of source, all free to train on:

* **own words**: ``training/ner/own_{lang}_train*.txt``, sports sentences written for
  this project with inline ``[surface]{LABEL}`` marks (fully annotated);
* **silver spans** from the training articles of ``../shared/eval/train``: the names in
  their gold facts are found in the text and labelled by the type of the slot they fill
  (a P54 value is an ORG, the subject of an age or nationality fact a PERSON, a place of
  birth a LOC, ...); a surname on its own is labelled like the full name. These articles
  are only partly annotated, so capitalised words outside a silver span are marked
  *missing* (no loss), and only lower-case words teach "outside";
* **base corpora**: UNER English EWT dev (PER/ORG/LOC over web text) for English.
  Europeana Dutch newspapers (PER/ORG/LOC, 1850s spelling) can be mixed in for Dutch
  with ``--base-share``; it is left out by default because it made the recogniser worse
  on modern sports text (own-words test micro F1 0.78 with a third of it, 0.86 without).

Never ``../shared/eval/dev``: extraction is reported there. The own-words test file
``training/ner/own_{lang}_test.txt`` and the UNER test file are held out.

Usage::

    python training/prepare_ner.py --lang en --data ../shared/data/nlp \
        --eval ../shared/eval --out training/corpus-ner-en
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("PERSON", "ORG", "LOC", "EVENT")
"""The entity labels of the shipped recogniser."""

MARK = re.compile(r"\[([^\[\]]+)\]\{(PERSON|ORG|LOC|EVENT)\}")
"""An inline entity mark of the own-words files: ``[Femke Kok]{PERSON}``."""

BASE_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "PERSON": "PERSON"}
"""Labels of the base corpora mapped to ours (anything else is dropped)."""

PERSON_SUBJECT = frozenset(
    "P27 P106 P641 P569 P19 sk:age sk:coachedBy sk:engagedTo P26 P451 P22 P25 P40 P3373".split()
)
"""Properties whose subject is always a person."""

PERSON_VALUE = frozenset("sk:coachedBy sk:engagedTo P26 P451 P22 P25 P40 P3373".split())
"""Properties whose value is always a person."""

PARTICLES = frozenset("van de der den ter te 't von da le la".split())
"""Lower-case words that belong to a surname ("de Vrij", "van der Poel")."""

DEV_EVERY = 5
"""Every fifth own-words line and silver article goes to the model-selection split."""


@dataclass(frozen=True)
class Example:
    """A text with character spans; ``complete`` says whether unmarked words are outside."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    complete: bool


def parse_marked(line: str) -> Example:
    """Strip the ``[surface]{LABEL}`` marks from one own-words line, keeping the spans.

    Examples:
        >>> parse_marked("[Femke Kok]{PERSON} won in [Inzell]{LOC}.").spans
        ((0, 9, 'PERSON'), (17, 23, 'LOC'))
    """
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in MARK.finditer(line):
        before = line[pos : match.start()]
        parts.append(before)
        length += len(before)
        surface = match.group(1)
        spans.append((length, length + len(surface), match.group(2)))
        parts.append(surface)
        length += len(surface)
        pos = match.end()
    parts.append(line[pos:])
    text = "".join(parts)
    if any(c in text for c in "[]{}"):
        raise ValueError(f"unbalanced entity mark in {line[:80]!r}")
    return Example(text=text, spans=tuple(spans), complete=True)


def read_marked(path: Path) -> list[Example]:
    """All examples of an own-words file (``#`` comments and blank lines skipped)."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            examples.append(parse_marked(line))
        except ValueError as exc:
            raise SystemExit(f"{path}:{number}: {exc}") from exc
    return examples


def read_iob(path: Path, *, word_col: int, tag_col: int, sep: str | None) -> Iterator[Example]:
    """Sentences of an IOB file as examples (blank lines or ``# sent_id`` end a sentence).

    Files without sentence breaks (Europeana) are cut after a full stop once 40 words are
    read, or at 80 words.
    """
    words: list[str] = []
    tags: list[str] = []

    def flush() -> Example | None:
        if not words:
            return None
        text = ""
        last_end = 0
        spans: list[tuple[int, int, str]] = []
        open_span: tuple[int, str] | None = None
        for word, tag in zip(words, tags, strict=True):
            start = len(text) + (1 if text else 0)
            text = f"{text} {word}" if text else word
            prefix, _, label = tag.partition("-")
            label = BASE_LABELS.get(label, "")
            if open_span and (prefix != "I" or label != open_span[1]):
                spans.append((open_span[0], last_end, open_span[1]))
                open_span = None
            if prefix in ("B", "I") and label and open_span is None:
                open_span = (start, label)
            last_end = start + len(word)
        if open_span:
            spans.append((open_span[0], last_end, open_span[1]))
        words.clear()
        tags.clear()
        return Example(text=text, spans=tuple(spans), complete=True)

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            cols = line.split(sep) if line.strip() else []
            if len(cols) <= max(word_col, tag_col):
                example = flush()
                if example:
                    yield example
                continue
            words.append(cols[word_col])
            tags.append(cols[tag_col])
            if sep is None and (cols[word_col].endswith(".") and len(words) >= 40
                                or len(words) >= 80):
                example = flush()
                if example:
                    yield example
    example = flush()
    if example:
        yield example


def fold(text: str) -> str:
    """Lower case without accents, for finding gold names in article text."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slot_types(facts: Iterable[dict[str, object]]) -> dict[str, str]:
    """The entity label of each name in one article's gold facts, by the slot it fills."""
    votes: dict[str, set[str]] = {}

    def vote(name: object, label: str) -> None:
        if isinstance(name, str) and name.strip():
            votes.setdefault(name.strip(), set()).add(label)

    for fact in facts:
        prop = str(fact.get("property"))
        if prop in PERSON_SUBJECT:
            vote(fact.get("subject"), "PERSON")
        if prop in PERSON_VALUE:
            vote(fact.get("value"), "PERSON")
        if prop == "P54":
            vote(fact.get("value"), "ORG")
        if prop in ("P19", "P27"):
            vote(fact.get("value"), "LOC")
        if prop in ("sk:won",):
            vote(fact.get("value"), "EVENT")
        qualifiers = fact.get("qualifiers") or {}
        if isinstance(qualifiers, dict):
            vote(qualifiers.get("P276"), "LOC")
            vote(qualifiers.get("P1344"), "EVENT")
    return {name: next(iter(labels)) for name, labels in votes.items() if len(labels) == 1}


def _find_all(folded: str, needle: str) -> Iterator[int]:
    """Start offsets of ``needle`` in ``folded`` at word boundaries."""
    if not needle:
        return
    start = 0
    while True:
        at = folded.find(needle, start)
        if at < 0:
            return
        end = at + len(needle)
        left = at == 0 or not folded[at - 1].isalnum()
        right = end == len(folded) or not folded[end].isalnum()
        if left and right:
            yield at
        start = at + 1


def surname(name: str) -> str:
    """The surname of a full person name, with its particles ("Stefan de Vrij" -> "de Vrij")."""
    words = name.split()
    if len(words) < 2:
        return ""
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in PARTICLES:
        k -= 1
    return " ".join(words[k:])


def silver(text: str, names: dict[str, str]) -> Example:
    """Silver spans of one article: every occurrence of a typed gold name (longest first)."""
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.lower()
    candidates: list[tuple[str, str]] = []
    for name, label in names.items():
        candidates.append((name, label))
        if label == "PERSON":
            last = surname(name)
            if last:
                candidates.append((last, label))
                candidates.append((last[:1].upper() + last[1:], label))
    taken = [False] * len(text)
    spans: list[tuple[int, int, str]] = []
    for name, label in sorted(candidates, key=lambda c: -len(c[0])):
        for at in _find_all(folded, fold(name)):
            end = at + len(name)
            if any(taken[at:end]) or not text[at : at + 1].isupper():
                continue
            spans.append((at, end, label))
            for k in range(at, end):
                taken[k] = True
    return Example(text=text, spans=tuple(sorted(spans)), complete=False)


def gold_by_doc(folder: Path) -> dict[str, list[dict[str, object]]]:
    """The gold facts of ``folder/gold.jsonl``, grouped by article."""
    facts: dict[str, list[dict[str, object]]] = {}
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            fact = json.loads(line)
            facts.setdefault(str(fact["doc"]), []).append(fact)
    return facts


def article_texts(folder: Path, lang: str) -> Iterator[tuple[str, str]]:
    """(file stem, text) of the articles of one language, read as sportkg reads them (the
    ``date`` line removed)."""
    from sportkg.extract.readers import parse_text

    for path in sorted(folder.glob(f"{lang}_*.txt")):
        text = path.read_text(encoding="utf-8")
        yield path.stem, parse_text(text, source=str(path), lang=lang).text


def read_articles(folder: Path, lang: str) -> list[tuple[str, Example]]:
    """Silver examples (one per paragraph) of the articles of one language in ``folder``."""
    facts = gold_by_doc(folder)
    out: list[tuple[str, Example]] = []
    for stem, text in article_texts(folder, lang):
        names = slot_types(facts.get(stem, []))
        for paragraph in re.split(r"\n\s*\n", text):
            paragraph = " ".join(paragraph.split())
            if paragraph:
                out.append((stem, silver(paragraph, names)))
    return out


def to_doc(example: Example, nlp: object) -> object:
    """A spaCy ``Doc`` with the example's entities.

    In a partial (silver) example, capitalised words and numbers outside a span are
    marked missing, so the model learns nothing false from names the gold left out.
    """
    from spacy.tokens import Doc

    made = nlp.make_doc(example.text)  # type: ignore[attr-defined]
    tags = ["O"] * len(made)
    if not example.complete:
        for i, token in enumerate(made):
            if token.text[:1].isupper() or token.is_digit:
                tags[i] = ""
    for start, end, label in example.spans:
        span = made.char_span(start, end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        for k in range(span.start, span.end):
            tags[k] = ("B-" if k == span.start else "I-") + label
    return Doc(
        made.vocab,
        words=[t.text for t in made],
        spaces=[bool(t.whitespace_) for t in made],
        ents=tags,
    )


def prepare(lang: str, data: Path, evals: Path, out: Path, *, base_share: float) -> dict[str, int]:
    """Write ``train.spacy``, ``dev.spacy`` and the held-out test files for ``lang``.

    Returns:
        Counts of examples and entity spans per split.
    """
    import spacy
    from spacy.tokens import DocBin

    here = Path(__file__).resolve().parent / "ner"
    own_files = sorted(here.glob(f"own_{lang}_train*.txt"))
    own_train = [e for path in own_files for e in read_marked(path)]
    own_test = read_marked(here / f"own_{lang}_test.txt")
    train: list[Example] = []
    dev: list[Example] = []
    for i, example in enumerate(own_train):
        (dev if i % DEV_EVERY == DEV_EVERY - 1 else train).append(example)
    articles = read_articles(evals / "train", lang) if (evals / "train").is_dir() else []
    order: dict[str, int] = {}
    for stem, example in articles:
        order.setdefault(stem, len(order))
        (dev if order[stem] % DEV_EVERY == DEV_EVERY - 1 else train).append(example)
    rng = random.Random(0)
    tests: dict[str, list[Example]] = {"test-own": own_test}
    if lang == "en":
        uner = data / "UNER_English-EWT"
        base = list(read_iob(uner / "en_ewt-ud-dev.iob2", word_col=1, tag_col=2, sep="\t"))
        tests["test-uner"] = list(
            read_iob(uner / "en_ewt-ud-test.iob2", word_col=1, tag_col=2, sep="\t")
        )
    else:
        path = data / "Europeana-NER-NL" / "enp_NL.kb.bio"
        base = list(read_iob(path, word_col=0, tag_col=1, sep=None))
    base = [e for e in base if rng.random() < base_share]
    train.extend(base)
    rng.shuffle(train)
    nlp = spacy.blank(lang)
    out.mkdir(parents=True, exist_ok=True)
    stats: dict[str, int] = {}
    for split, examples in (("train", train), ("dev", dev), *tests.items()):
        docs = [to_doc(e, nlp) for e in examples]
        DocBin(docs=docs, store_user_data=False).to_disk(out / f"{split}.spacy")
        stats[f"{split}_examples"] = len(docs)
        stats[f"{split}_entities"] = sum(len(d.ents) for d in docs)  # type: ignore[attr-defined]
    stats["silver_articles"] = len(order)
    stats["base_examples"] = len(base)
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return stats


def main() -> None:
    """Command-line entry: ``python training/prepare_ner.py --lang LANG ...``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("nl", "en"), required=True)
    parser.add_argument("--data", type=Path, required=True, help="folder with the NER corpora")
    parser.add_argument("--eval", type=Path, required=True, help="folder with train/ articles")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--base-share", type=float, default=None,
        help="share of the base corpus used (default: all of UNER, none of Europeana)",
    )
    args = parser.parse_args()
    default = 1.0 if args.lang == "en" else 0.0
    share = args.base_share if args.base_share is not None else default
    stats = prepare(args.lang, args.data, args.eval, args.out, base_share=share)
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main()
