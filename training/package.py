"""Ship a trained pipeline in the package as ``extract/models/{lang}_sportkg`` with its licence.

spaCy's ``model-best`` directory carries no licence or attribution; the corpora it was
trained on are CC BY-SA 4.0 (and CC0), so the shipped model must say so. This script
loads the trained UD pipeline, adds the named-entity recogniser trained separately
(``--ner``, sourced with its own tok2vec), writes the meta data (name, version, licence,
sources, test scores, ``sportkg_default``) and saves it with ``nlp.to_disk``, together
with a LICENSE note.

Usage::

    python training/package.py training/output/model-best --lang nl \
        --ner training/output-ner-nl/model-best \
        --scores training/output/test-scores.json \
        --ner-scores training/output-ner-nl/test-scores.json [--default]
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

LICENSE = "CC BY-SA 4.0"
UD_DUTCH = [
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
EUROPEANA = {
    "name": "Europeana Newspapers NER (Dutch, KB)",
    "url": "https://github.com/EuropeanaNewspapers/ner-corpora",
    "license": "CC0 1.0",
    "author": "Europeana Newspapers project, KB National Library of the Netherlands",
}
UD_ENGLISH = [
    {
        "name": "UD English EWT",
        "url": "https://github.com/UniversalDependencies/UD_English-EWT",
        "license": LICENSE,
        "author": "Natalia Silveira, Timothy Dozat, Marie-Catherine de Marneffe, Samuel Bowman, "
        "Miriam Connor, John Bauer, Christopher D. Manning (Stanford), and contributors",
    },
    {
        "name": "Universal NER English EWT",
        "url": "https://github.com/UniversalNER/UNER_English-EWT",
        "license": LICENSE,
        "author": "Stephen Mayhew et al. (Universal NER, NAACL 2024)",
    },
]
OWN = {
    "name": "sportkg own-words sports sentences and silver spans from sportkg training articles",
    "license": LICENSE,
    "author": "sportkg",
}
SOURCES = {"nl": [*UD_DUTCH, EUROPEANA, OWN], "en": [*UD_ENGLISH, OWN]}
DESCRIPTION = {
    "nl": "Dutch tagger, morphologizer, dependency parser and lemmatizer trained on UD Dutch "
    "Alpino and LassySmall, and a PERSON/ORG/LOC/EVENT recogniser, shipped with sportkg",
    "en": "English tagger, morphologizer, dependency parser and lemmatizer trained on UD "
    "English EWT, and a PERSON/ORG/LOC/EVENT recogniser, shipped with sportkg",
}
NOTICE = {
    "nl": """\
nl_sportkg: a Dutch spaCy pipeline (tagger, morphologizer, parser, lemmatizer, ner)

This model is licensed under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0): https://creativecommons.org/licenses/by-sa/4.0/
It is a work adapted from the Universal Dependencies treebanks

  * UD Dutch Alpino     (Gosse Bouma, Gertjan van Noord; CC BY-SA 4.0)
  * UD Dutch LassySmall (Gosse Bouma, Gertjan van Noord; CC BY-SA 4.0)

  Gosse Bouma and Gertjan van Noord. Increasing return on annotation investment:
  the automatic construction of a Universal Dependency treebank for Dutch.
  Proceedings of the NoDaLiDa 2017 Workshop on Universal Dependencies, 2017.

and its named-entity recogniser was trained on the Europeana Newspapers Dutch NER
corpus (KB National Library of the Netherlands; CC0 1.0), on sports sentences written
for sportkg, and on silver spans in sportkg's training articles.

The models were trained after harmonising the treebanks' annotation conventions
(see training/prepare.py and training/prepare_ner.py). The sportkg source code is
licensed separately (Apache-2.0); this licence covers the files in this directory only.
""",
    "en": """\
en_sportkg: an English spaCy pipeline (tagger, morphologizer, parser, lemmatizer, ner)

This model is licensed under the Creative Commons Attribution-ShareAlike 4.0
International licence (CC BY-SA 4.0): https://creativecommons.org/licenses/by-sa/4.0/
It is a work adapted from

  * UD English EWT (Silveira et al., Stanford; CC BY-SA 4.0)
    Natalia Silveira, Timothy Dozat, Marie-Catherine de Marneffe, Samuel Bowman,
    Miriam Connor, John Bauer and Christopher D. Manning. A Gold Standard Dependency
    Corpus for English. LREC 2014.
  * Universal NER, English EWT (CC BY-SA 4.0)
    Stephen Mayhew, Terra Blevins, Shuheng Liu, Marek Šuppa, Hila Gonen, Joseph Marvin
    Imperial, Börje Karlsson, Peiqin Lin, Nikola Ljubešić, LJ Miranda, Barbara Plank,
    Arij Riabi and Yuval Pinter. Universal NER: A Gold-Standard Multilingual Named
    Entity Recognition Benchmark. NAACL 2024.

and its named-entity recogniser was also trained on sports sentences written for
sportkg and on silver spans in sportkg's training articles (see
training/prepare_ner.py). The sportkg source code is licensed separately
(Apache-2.0); this licence covers the files in this directory only.
""",
}


def package(
    model: Path,
    out: Path,
    *,
    lang: str,
    ner: Path | None,
    scores: Path | None,
    default: bool,
    ner_scores: Path | None = None,
) -> dict[str, object]:
    """Write ``model`` (plus the ``ner`` pipeline's recogniser) to ``out`` with its licence.

    Args:
        model: trained UD pipeline directory (``model-best``).
        out: destination directory (replaced).
        lang: the language ("nl" or "en"): picks the attribution.
        ner: a trained pipeline whose ``ner`` component is added (its own tok2vec).
        scores: JSON written by ``training/evaluate.py`` (and ``evaluate_ner.py``).
        default: value of ``sportkg_default`` (whether ``load_nlp(lang)`` picks the model).
        ner_scores: JSON written by ``training/evaluate_ner.py`` (lists of missed names
            are left out of the meta data).

    Returns:
        The meta data written.
    """
    import spacy

    nlp = spacy.load(model)
    if ner is not None:
        source = spacy.load(ner)
        if "ner" in nlp.pipe_names:
            nlp.remove_pipe("ner")
        nlp.add_pipe("ner", source=source)
    meta = dict(nlp.meta)
    meta.update(
        {
            "name": "sportkg",
            "version": "0.2.0",
            "description": DESCRIPTION[lang],
            "author": "sportkg",
            "license": LICENSE,
            "sources": SOURCES[lang],
            "sportkg_default": default,
        }
    )
    meta.pop("performance", None)
    if scores is not None:
        meta["sportkg_test_scores"] = json.loads(scores.read_text(encoding="utf-8"))
    if ner_scores is not None:
        found = json.loads(ner_scores.read_text(encoding="utf-8"))
        for part in found.values():
            if isinstance(part, dict):
                part.pop("missed", None)
        meta["sportkg_ner_scores"] = found
    nlp.meta.clear()
    nlp.meta.update(meta)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    (out / "LICENSE").write_text(NOTICE[lang], encoding="utf-8")
    return meta


def main() -> None:
    """Command-line entry: ``python training/package.py MODEL --lang L [--ner D] ...``."""
    parser = argparse.ArgumentParser(description="Ship a trained pipeline in the package")
    parser.add_argument("model", type=Path, help="trained UD pipeline (model-best)")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--ner", type=Path, default=None, help="trained NER pipeline to add")
    parser.add_argument("--out", type=Path, default=None,
                        help="default extract/models/LANG_sportkg")
    parser.add_argument("--scores", type=Path, default=None, help="UD test scores (JSON)")
    parser.add_argument("--ner-scores", type=Path, default=None, help="NER test scores (JSON)")
    parser.add_argument(
        "--default", action="store_true", help="let load_nlp(LANG) use this model by default"
    )
    args = parser.parse_args()
    out = args.out or Path(f"extract/models/{args.lang}_sportkg")
    meta = package(
        args.model, out, lang=args.lang, ner=args.ner, scores=args.scores, default=args.default,
        ner_scores=args.ner_scores,
    )
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"wrote {out} ({size / 1e6:.1f} MB, sportkg_default={meta['sportkg_default']})")


if __name__ == "__main__":
    main()
