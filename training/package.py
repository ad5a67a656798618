"""Copy a trained pipeline into the package as ``extract/models/nl_sportkg`` with its licence.

spaCy's ``model-best`` directory carries no licence or attribution; the treebanks it was
trained on are CC BY-SA 4.0, so the shipped model must say so. This script loads the
trained pipeline, writes the meta data (name, version, licence, sources, test scores,
``sportkg_default``) and saves it with ``nlp.to_disk``, together with a LICENSE note.

Usage::

    python training/package.py training/output/model-best \
        --scores training/output/test-scores.json --out extract/models/nl_sportkg [--default]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

LICENSE = "CC BY-SA 4.0"
SOURCES = [
    {
        "name": "UD Dutch Alpino",
        "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
        "license": LICENSE,
        "author": "Gosse Bouma, Gertjan van Noord (University of Groningen)",
    },
    {
        "name": "UD Dutch LassySmall",
        "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
        "license": LICENSE,
        "author": "Gosse Bouma, Gertjan van Noord (University of Groningen)",
    },
]
NOTICE = """\
nl_sportkg: a Dutch spaCy pipeline (tagger, morphologizer, parser, lemmatizer)

This model is licensed under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0): https://creativecommons.org/licenses/by-sa/4.0/
It is a work adapted from the Universal Dependencies treebanks

  * UD Dutch Alpino     (Gosse Bouma, Gertjan van Noord; CC BY-SA 4.0)
  * UD Dutch LassySmall (Gosse Bouma, Gertjan van Noord; CC BY-SA 4.0)

  Gosse Bouma and Gertjan van Noord. Increasing return on annotation investment:
  the automatic construction of a Universal Dependency treebank for Dutch.
  Proceedings of the NoDaLiDa 2017 Workshop on Universal Dependencies, 2017.

The model was trained from these treebanks after harmonising their annotation
conventions (see training/prepare.py). The sportkg source code is licensed
separately (Apache-2.0); this licence covers the files in this directory only.
"""


def package(model: Path, out: Path, *, scores: Path | None, default: bool) -> dict[str, object]:
    """Write ``model`` to ``out`` with licence, attribution and scores in ``meta.json``.

    Args:
        model: trained pipeline directory (``model-best``).
        out: destination directory (replaced).
        scores: JSON written by ``training/evaluate.py`` on the held-out test set.
        default: value of ``sportkg_default`` (whether ``load_nlp("nl")`` picks the model).

    Returns:
        The meta data written.
    """
    import spacy

    nlp = spacy.load(model)
    meta = dict(nlp.meta)
    meta.update(
        {
            "name": "sportkg",
            "version": "0.1.0",
            "description": (
                "Dutch tagger, morphologizer, dependency parser and lemmatizer trained on "
                "UD Dutch Alpino and LassySmall, shipped with sportkg"
            ),
            "author": "sportkg",
            "license": LICENSE,
            "sources": SOURCES,
            "sportkg_default": default,
        }
    )
    meta.pop("performance", None)
    if scores is not None:
        meta["sportkg_test_scores"] = json.loads(scores.read_text(encoding="utf-8"))
    nlp.meta.clear()
    nlp.meta.update(meta)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    (out / "LICENSE").write_text(NOTICE, encoding="utf-8")
    return meta


def main() -> None:
    """Command-line entry: ``python training/package.py MODEL [--scores F] [--out D]``."""
    parser = argparse.ArgumentParser(description="Ship a trained Dutch pipeline in the package")
    parser.add_argument("model", type=Path, help="trained pipeline (model-best)")
    parser.add_argument("--out", type=Path, default=Path("extract/models/nl_sportkg"))
    parser.add_argument("--scores", type=Path, default=None, help="evaluate.py JSON output")
    parser.add_argument(
        "--default", action="store_true", help="let load_nlp('nl') use this model by default"
    )
    args = parser.parse_args()
    meta = package(args.model, args.out, scores=args.scores, default=args.default)
    size = sum(p.stat().st_size for p in args.out.rglob("*") if p.is_file())
    print(f"wrote {args.out} ({size / 1e6:.1f} MB, sportkg_default={meta['sportkg_default']})")


if __name__ == "__main__":
    main()
