"""Convert UD English EWT into spaCy training, development and test corpora.

The recipe behind the tagger, morphologizer, lemmatizer and parser of
``extract/models/en_sportkg``. UD English EWT (CC BY-SA 4.0) is one annotation
generation with an official split, so no harmonisation is needed beyond what the
shared CoNLL-U reader does: the train file (assembled from the treebank's own source
documents), the dev file for model selection, and the test file held out.

Usage::

    python training/prepare_en.py --data DIR --out training/corpus-en

``DIR`` holds ``UD_English-EWT/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prepare import read_conllu, to_docs  # noqa: E402

EWT = "UD_English-EWT"
SPLITS = {
    "train": f"{EWT}/en_ewt-ud-train.from-sources.conllu",
    "dev": f"{EWT}/en_ewt-ud-dev.conllu",
    "test": f"{EWT}/en_ewt-ud-test.conllu",
}


def prepare(data: Path, out: Path) -> dict[str, dict[str, int]]:
    """Write ``train.spacy``, ``dev.spacy`` and ``test.spacy`` for English under ``out``.

    Args:
        data: directory holding ``UD_English-EWT``.
        out: output directory (created).

    Returns:
        Sentence and token counts per split.
    """
    import spacy
    from spacy.tokens import DocBin

    missing = [name for name in SPLITS.values() if not (data / name).is_file()]
    if missing:
        raise SystemExit(f"prepare_en: missing treebank files under {data}: {', '.join(missing)}")
    nlp = spacy.blank("en")
    out.mkdir(parents=True, exist_ok=True)
    stats: dict[str, dict[str, int]] = {}
    for split, name in SPLITS.items():
        sentences = list(read_conllu(data / name, dep_map={}))
        DocBin(docs=to_docs(sentences, nlp.vocab), store_user_data=False).to_disk(
            out / f"{split}.spacy"
        )
        stats[split] = {
            "sentences": len(sentences),
            "tokens": sum(len(s.tokens) for s in sentences),
        }
    (out / "stats.json").write_text(json.dumps(stats, indent=2) + "\n", encoding="utf-8")
    return stats


def main() -> None:
    """Command-line entry: ``python training/prepare_en.py --data DIR --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with UD_English-EWT")
    parser.add_argument("--out", type=Path, default=Path("training/corpus-en"),
                        help="output folder")
    args = parser.parse_args()
    print(json.dumps(prepare(args.data, args.out), indent=2))


if __name__ == "__main__":
    main()
