"""Build the spaCy pipeline for a language: a tagger/parser when one is there, our rules on top.

`load_nlp(lang, pipeline=...)` picks the base pipeline:

- "auto" (the default): the project's trained pipeline of the language
  (`extract/models/nl_sportkg/`, `extract/models/en_sportkg/`: tagger, morphologizer,
  lemmatizer, parser and a PERSON/ORG/LOC/EVENT recogniser) when its meta.json says
  `"sportkg_default": true`, else an installed official pipeline (nl_core_news_md /
  nl_core_news_sm, en_core_web_sm), else a blank pipeline;
- "rules": always a blank pipeline;
- "trained": the project's trained pipeline for the language (error when it is missing;
  languages the project trains no pipeline for get a blank one, with a warning);
- any other value: the name of an installed spaCy package.

The sportkg components are added in every case: sentences (first, so a parser keeps
the boundaries the patterns are written for), then on top mentions, name
coreference, the entity linker (when asked for and available) and one relation
extractor per relation family.

Examples:
    >>> nlp = load_nlp("nl", pipeline="rules", linker=False)
    >>> nlp.pipe_names[:3]
    ['sportkg_sentences', 'sportkg_mentions', 'sportkg_coref']
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

MODELS_DIR = Path(__file__).resolve().parent / "models"
"""Where the project's own trained pipelines live (one directory per name)."""

OFFICIAL: dict[str, tuple[str, ...]] = {
    "nl": ("nl_core_news_md", "nl_core_news_sm"),
    "en": ("en_core_web_sm",),
}
"""Official spaCy pipelines tried by "auto", best first."""

TRAINED: dict[str, str] = {"nl": "nl_sportkg", "en": "en_sportkg"}
"""The project's trained pipeline directory per language."""

PIPELINES = ("auto", "rules", "trained")
"""The pipeline choices besides an installed package name."""


def trained_path(lang: str) -> Path | None:
    """The directory of the project's trained pipeline for `lang`, if it exists."""
    name = TRAINED.get(lang)
    if name is None:
        return None
    path = MODELS_DIR / name
    return path if (path / "meta.json").is_file() else None


def load_trained(path: Path) -> Language:
    """One of the project's trained pipelines, its tokenizer built from the config only.

    spaCy builds the tokenizer from the language's defaults and then reads the same rules
    again from disk; for Dutch that is half the load time. Our packages keep the default
    tokenizer (tests/nlmodel/test_shipped_model.py checks that the two are equal), so
    the second reading is skipped.
    """
    import spacy
    from spacy.util import registry

    if TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(TOKENIZER, func=_tokenizer)
    return spacy.load(path, exclude=["tokenizer"],
                      config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})


TOKENIZER = "sportkg.Tokenizer.v1"
"""The registered tokenizer `load_trained` builds: spaCy's, with names kept whole."""


def _tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer factory, with the infixes of `keep_names_whole` from the
    start (setting them afterwards tokenizes every special case a second time)."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_prefix_regex, compile_suffix_regex

    def build(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search
            if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search
            if defaults.suffixes else None,
            infix_finditer=_infixes(nlp).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return build


def _is_default(path: Path) -> bool:
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(meta.get("sportkg_default"))


def _blank(lang: str) -> Language:
    import spacy

    try:
        return spacy.blank(lang)
    except (ImportError, KeyError, ValueError):
        return spacy.blank("xx")


POSSESSIVE_INFIX = r"(?<=[^\W\d_])’(?=s$)"
"""A possessive "’s" at the end of a word still splits off ("Hamilton’s")."""


def keep_names_whole(nlp: Language) -> Language:
    """Keep an apostrophe between letters inside its word in a Dutch pipeline.

    Dutch tokenizer rules split "O’Dowd", "Dell’Acqua", "N’Dri" and "d’Italia" at the
    curly apostrophe, so a name recogniser sees "Sean O" and "Dowd". The infixes are
    compiled again without the apostrophe among the quotes that split two letters (a
    compiled pattern, so the tokenizer still serialises); a possessive "’s" at the end of
    a word is still split off, and a contraction such as "z’n" stays one word, as the
    Dutch treebanks write it. Other languages keep their rules.
    """
    from spacy.tokenizer import Tokenizer

    tokenizer = nlp.tokenizer
    if nlp.lang != "nl" or not isinstance(tokenizer, Tokenizer):
        return nlp
    infixes = _infixes(nlp)
    current = tokenizer.infix_finditer
    if getattr(current, "__self__", None) != infixes:  # each change re-tokenizes the rules
        tokenizer.infix_finditer = infixes.finditer
    return nlp


def _infixes(nlp: Language) -> re.Pattern[str]:
    """The infix pattern of `nlp`'s language, for Dutch without the apostrophe between
    letters (see `keep_names_whole`)."""
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes or ())
    if nlp.lang == "nl":
        infixes = [p.replace("’", "") if isinstance(p, str) and "‘" in p and "’" in p else p
                   for p in infixes] + [POSSESSIVE_INFIX]
    return compile_infix_regex(infixes)


def base_pipeline(lang: str, pipeline: str = "auto") -> Language:
    """The spaCy pipeline sportkg's components go on top of (see the module docstring)."""
    import spacy

    if pipeline == "rules":
        return _blank(lang)
    if pipeline == "trained":
        if lang not in TRAINED:
            logging.getLogger(__name__).warning(
                "no trained sportkg pipeline for language %r; using the rules on a blank one", lang
            )
            return _blank(lang)
        path = trained_path(lang)
        if path is None:
            raise ConfigError(
                f"no trained sportkg pipeline for language {lang!r} "
                f"(expected {MODELS_DIR / TRAINED.get(lang, lang)})"
            )
        return load_trained(path)
    if pipeline == "auto":
        path = trained_path(lang)
        if path is not None and _is_default(path):
            return load_trained(path)
        for name in OFFICIAL.get(lang, ()):
            if spacy.util.is_package(name):
                return spacy.load(name)
        return _blank(lang)
    if spacy.util.is_package(pipeline) or Path(pipeline).is_dir():
        try:
            return spacy.load(pipeline)
        except OSError as exc:
            raise ConfigError(f"cannot load spaCy pipeline {pipeline!r}: {exc}") from exc
    raise ConfigError(
        f"Unknown pipeline {pipeline!r}. Available: {', '.join(PIPELINES)} "
        "or the name of an installed spaCy package"
    )


def load_nlp(
    lang: str, *, pipeline: str = "auto", linker: bool = True, pairs: bool | None = None
) -> Language:
    """The sportkg pipeline for `lang`: a base pipeline plus the sportkg components.

    Args:
        lang: ISO 639-1 code ("nl", "en").
        pipeline: "auto", "rules", "trained" or an installed spaCy package name.
        linker: add the entity linker (`sportkg_linker`).
        pairs: add the trained classifiers (`sportkg_pairs`, `sportkg_attributes`) after
            the pattern extractors and the clause reader (`sportkg_clauses`); default:
            yes, except for the "rules" pipeline, which keeps the pattern extractors
            alone for comparison (and has no clause reader either).

    Raises:
        ConfigError: when the requested pipeline cannot be loaded.
    """
    from .components import RELATION_COMPONENTS

    nlp = keep_names_whole(base_pipeline(lang, pipeline))
    if "sportkg_sentences" not in nlp.pipe_names:
        # first, so a parser keeps these boundaries: the patterns are written for them
        nlp.add_pipe("sportkg_sentences", first=True)
    for name in ("sportkg_mentions", "sportkg_coref"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if linker and "sportkg_linker" not in nlp.pipe_names:
        nlp.add_pipe("sportkg_linker")
    for name in RELATION_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if pipeline != "rules":
        for name in ("sportkg_clauses", "sportkg_moves", "sportkg_nationality"):  # read the
            # parse; the classifiers see their facts
            if name not in nlp.pipe_names:
                nlp.add_pipe(name)
    if pairs is None:
        pairs = pipeline != "rules"
    for name in ("sportkg_pairs", "sportkg_attributes"):
        if pairs and name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if pipeline != "rules" and "sportkg_factuality" not in nlp.pipe_names:
        nlp.add_pipe("sportkg_factuality")  # last: judges the facts of every extractor
    return nlp
