"""Convert the UD Dutch treebanks into spaCy training, development and test corpora.

The recipe behind ``extract/models/nl_sportkg``. It reads the Universal Dependencies
Dutch Alpino and LassySmall treebanks (CC BY-SA 4.0), harmonises the annotation
conventions of the older training files with the current release, removes every
training sentence that also occurs in a current development or test file, and writes
three ``DocBin`` files:

* ``train.spacy``: the older training files (Alpino partial 2017-10, LassySmall UD
  v2.0) plus the first two thirds of the documents of each current development file;
* ``dev.spacy``: the remaining third of each development file (model selection only);
* ``test.spacy``: the current test files, never seen in training or model selection.

Harmonisation (to the conventions both generations share):

* dependency labels: ``flat:name`` becomes ``flat``; subtypes that only the current
  release uses (``obl:arg``, ``obl:agent``, ``nmod:poss``, ``expl:pv``,
  ``cc:preconj``, ``nsubj:outer``, ``csubj:outer``) are folded into their base label;
* features: ``ExtPos`` and ``Poss`` (absent from the older files) are dropped;
* lemmas: the current release marks compound parts with ``_`` (``basis_niveau``);
  the marks are removed, as in the older files (``basisniveau``);
* fine tags: the LassySmall v2.0 file has no XPOS; those tags are left missing, so the
  tagger learns only from sentences that have them;
* spacing: files without ``SpaceAfter`` marks get no space before closing punctuation.

Usage::

    python training/prepare.py --data DIR --out training/corpus

``DIR`` holds ``UD_Dutch-Alpino/`` and ``UD_Dutch-LassySmall/``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ALPINO = "UD_Dutch-Alpino"
LASSY = "UD_Dutch-LassySmall"
OLD_TRAIN = (
    f"{ALPINO}/nl-ud-train.partial-2017-10.conllu",
    f"{LASSY}/nl_lassysmall-ud-train.v2.0-2017-02.conllu",
)
CURRENT_DEV = (f"{ALPINO}/nl_alpino-ud-dev.conllu", f"{LASSY}/nl_lassysmall-ud-dev.conllu")
CURRENT_TEST = (f"{ALPINO}/nl_alpino-ud-test.conllu", f"{LASSY}/nl_lassysmall-ud-test.conllu")

DEP_MAP = {
    "flat:name": "flat",
    "obl:arg": "obl",
    "obl:agent": "obl",
    "nmod:poss": "nmod",
    "expl:pv": "expl",
    "cc:preconj": "cc",
    "nsubj:outer": "nsubj",
    "csubj:outer": "csubj",
}
DROPPED_FEATS = frozenset({"ExtPos", "Poss"})
NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "»", "''"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "«", ",,"})
SENTS_PER_DOC = 10
DEV_SHARE = 3  # every third document of a current development file goes to dev.spacy


@dataclass(frozen=True)
class Token:
    """One harmonised CoNLL-U word."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


@dataclass(frozen=True)
class Sentence:
    """A harmonised sentence with the document it came from."""

    doc_id: str
    tokens: tuple[Token, ...]

    @property
    def key(self) -> tuple[str, ...]:
        """Word sequence used to find the same sentence in another file."""
        return tuple(token.form for token in self.tokens)


def harmonise_feats(feats: str) -> str:
    """Drop features only the current UD release uses; ``""`` for none."""
    if feats in ("", "_"):
        return ""
    kept = [kv for kv in feats.split("|") if kv.split("=", 1)[0] not in DROPPED_FEATS]
    return "|".join(kept)


def harmonise_lemma(form: str, lemma: str) -> str:
    """Remove the compound marks of the current release (``mee_doen`` -> ``meedoen``)."""
    if "_" in lemma and "_" not in form and lemma != "_":
        return lemma.replace("_", "")
    return lemma


def _doc_id(comments: list[str], index: int) -> str:
    """The source document of a sentence, from its ``sent_id``/``source``/bare id comment."""
    for comment in comments:
        body = comment.lstrip("#").strip()
        if body.startswith("sent_id =") or body.startswith("source =") or "=" not in body:
            ident = body.split("=", 1)[-1].strip().replace("\\", "/").rsplit("/", 1)[-1]
            return ident.split(".p.", 1)[0]
    return f"doc{index // SENTS_PER_DOC}"


def read_conllu(path: Path, *, dep_map: dict[str, str] | None = None) -> Iterator[Sentence]:
    """Yield harmonised sentences of a CoNLL-U file (multiword ranges and empty nodes skipped).

    Args:
        path: the CoNLL-U file.
        dep_map: dependency labels to fold (default: the Dutch generations' ``DEP_MAP``).

    Yields:
        Sentences in file order.
    """
    comments: list[str] = []
    rows: list[list[str]] = []
    count = 0
    with path.open(encoding="utf-8") as handle:
        for line in [*handle, "\n"]:
            line = line.rstrip("\n")
            if line.startswith("#"):
                comments.append(line)
                continue
            if line.strip():
                cols = line.split("\t")
                if len(cols) != 10:
                    raise ValueError(f"{path}: malformed CoNLL-U line {line[:60]!r}")
                if "-" not in cols[0] and "." not in cols[0]:
                    rows.append(cols)
                continue
            if rows:
                yield _make_sentence(rows, _doc_id(comments, count), dep_map)
                count += 1
            comments, rows = [], []


def _make_sentence(
    rows: list[list[str]], doc_id: str, dep_map: dict[str, str] | None = None
) -> Sentence:
    """Build a harmonised sentence from the ten-column rows of one CoNLL-U sentence."""
    has_spacing = any("SpaceAfter=No" in cols[9] for cols in rows)
    tokens = []
    for i, cols in enumerate(rows):
        form = cols[1]
        if has_spacing:
            space = "SpaceAfter=No" not in cols[9]
        else:
            following = rows[i + 1][1] if i + 1 < len(rows) else ""
            space = form not in NO_SPACE_AFTER and following not in NO_SPACE_BEFORE
        tokens.append(
            Token(
                form=form,
                lemma=harmonise_lemma(form, cols[2]),
                upos=cols[3],
                xpos="" if cols[4] == "_" else cols[4],
                feats=harmonise_feats(cols[5]),
                head=int(cols[6]),
                deprel=(DEP_MAP if dep_map is None else dep_map).get(cols[7], cols[7]),
                space_after=space,
            )
        )
    return Sentence(doc_id=doc_id, tokens=tuple(tokens))


def split_dev(sentences: list[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """Split a development file by source document: every third document goes to dev."""
    order: dict[str, int] = {}
    for sentence in sentences:
        order.setdefault(sentence.doc_id, len(order))
    train = [s for s in sentences if order[s.doc_id] % DEV_SHARE != DEV_SHARE - 1]
    dev = [s for s in sentences if order[s.doc_id] % DEV_SHARE == DEV_SHARE - 1]
    return train, dev


def to_docs(sentences: Iterable[Sentence], vocab: object) -> Iterator[object]:
    """Group sentences into spaCy ``Doc`` objects of up to ten sentences (for sentence learning).

    Args:
        sentences: harmonised sentences.
        vocab: the ``Vocab`` of a blank Dutch pipeline.

    Yields:
        Annotated ``Doc`` objects.
    """
    from spacy.tokens import Doc

    batch: list[Sentence] = []
    for sentence in sentences:
        batch.append(sentence)
        if len(batch) == SENTS_PER_DOC:
            yield _doc(batch, vocab, Doc)
            batch = []
    if batch:
        yield _doc(batch, vocab, Doc)


def _doc(batch: list[Sentence], vocab: object, doc_class: type) -> object:
    """One ``Doc`` from a batch of sentences; heads become absolute token indices."""
    words, spaces, tags, pos, morphs, lemmas, heads, deps, starts = ([] for _ in range(9))
    offset = 0
    for sentence in batch:
        for i, token in enumerate(sentence.tokens):
            words.append(token.form)
            spaces.append(token.space_after)
            tags.append(token.xpos)
            pos.append(token.upos)
            morphs.append(token.feats)
            lemmas.append(token.lemma)
            heads.append(offset + (token.head - 1 if token.head > 0 else i))
            deps.append(token.deprel)
            starts.append(i == 0)
        offset += len(sentence.tokens)
    spaces[-1] = False
    return doc_class(
        vocab,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        morphs=morphs,
        lemmas=lemmas,
        heads=heads,
        deps=deps,
        sent_starts=starts,
    )


def prepare(data: Path, out: Path) -> dict[str, dict[str, int]]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy`` under ``out``.

    Args:
        data: directory holding the two UD treebank folders.
        out: output directory (created).

    Returns:
        Sentence and token counts per split, and the number of removed overlaps.
    """
    import spacy
    from spacy.tokens import DocBin

    names = (*OLD_TRAIN, *CURRENT_DEV, *CURRENT_TEST)
    missing = [name for name in names if not (data / name).is_file()]
    if missing:
        raise SystemExit(f"prepare: missing treebank files under {data}: {', '.join(missing)}")
    test = [s for name in CURRENT_TEST for s in read_conllu(data / name)]
    current_dev = [list(read_conllu(data / name)) for name in CURRENT_DEV]
    train: list[Sentence] = []
    dev: list[Sentence] = []
    for sentences in current_dev:
        part_train, part_dev = split_dev(sentences)
        train.extend(part_train)
        dev.extend(part_dev)
    test_keys = {s.key for s in test}
    # An old training sentence that is also in a current file is replaced by its current
    # annotation (or dropped when it belongs to dev/test): no duplicates, no leakage.
    current = test_keys | {s.key for sentences in current_dev for s in sentences}
    old = [s for name in OLD_TRAIN for s in read_conllu(data / name)]
    kept = [s for s in old if s.key not in current]
    train = kept + [s for s in train if s.key not in test_keys]

    nlp = spacy.blank("nl")
    out.mkdir(parents=True, exist_ok=True)
    stats: dict[str, dict[str, int]] = {}
    for split, sentences in (("train", train), ("dev", dev), ("test", test)):
        DocBin(docs=to_docs(sentences, nlp.vocab), store_user_data=False).to_disk(
            out / f"{split}.spacy"
        )
        stats[split] = {
            "sentences": len(sentences),
            "tokens": sum(len(s.tokens) for s in sentences),
        }
    stats["removed_overlap"] = {"sentences": len(old) - len(kept)}
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return stats


def main() -> None:
    """Command-line entry: ``python training/prepare.py --data DIR --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the UD treebanks")
    parser.add_argument("--out", type=Path, default=Path("training/corpus"), help="output folder")
    args = parser.parse_args()
    print(json.dumps(prepare(args.data, args.out), indent=2))


if __name__ == "__main__":
    main()
