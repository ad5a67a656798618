"""Every spaCy component of sportkg, registered as a factory (`sportkg_...`).

This module is the `spacy_factories` entry point, so `nlp.add_pipe("sportkg_...")`
works without importing sportkg first. The component classes live in their own
modules and are imported inside the factory functions, so registering them costs
nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

Component = Callable[[Doc], Doc]
"""What every factory makes: a pipeline step that annotates the doc and returns it."""

RELATION_COMPONENTS: tuple[str, ...] = (
    "sportkg_medals",
    "sportkg_wins",
    "sportkg_records",
    "sportkg_partners",
    "sportkg_family",
    "sportkg_identity",
    "sportkg_age",
    "sportkg_teams",
    "sportkg_coaches",
)
"""The relation extractors, in pipeline order (one per relation family)."""


@Language.factory(
    "sportkg_sentences",
    assigns=["token.is_sent_start"],
)
def make_sentences(nlp: Language, name: str) -> Component:
    """Sentence boundaries from line breaks and punctuation (kept when a parser set them)."""
    from .mentions import SentenceSplitter

    return SentenceSplitter(nlp, name)


@Language.factory(
    "sportkg_mentions",
    assigns=["doc.spans"],
    default_config={"use_kb": True},
)
def make_mentions(nlp: Language, name: str, use_kb: bool) -> Component:
    """Mentions of people (name recogniser) and KB entities into doc.spans["sportkg_mentions"]."""
    from .mentions import MentionRecognizer

    return MentionRecognizer(nlp, name, use_kb=use_kb)


@Language.factory(
    "sportkg_coref",
    assigns=["doc.user_data"],
    requires=["doc.spans"],
)
def make_coref(nlp: Language, name: str) -> Component:
    """Within-article name coreference into doc.user_data["sportkg_canonical"]."""
    from .coref import NameCoref

    return NameCoref(nlp, name)


@Language.factory(
    "sportkg_linker",
    assigns=["doc.user_data"],
    requires=["doc.spans"],
    default_config={"threshold": 0.5},
)
def make_linker(nlp: Language, name: str, threshold: float) -> Component:
    """Entity linking to the knowledge base into doc.user_data["sportkg_links"]."""
    from .linking import EntityLinker

    return EntityLinker(nlp, name, threshold=threshold)


@Language.factory(
    "sportkg_pairs",
    assigns=["doc.user_data"],
    requires=["doc.spans"],
    default_config={"threshold": None},
)
def make_pairs(nlp: Language, name: str, threshold: float | None) -> Component:
    """The trained pair-relation classifier (teams, defeats, wins, coaches, family)."""
    from .relations.classifier import PairClassifier

    return PairClassifier(nlp, name, threshold=threshold)


@Language.factory(
    "sportkg_attributes",
    assigns=["doc.user_data"],
    requires=["doc.spans"],
    default_config={"threshold": None},
)
def make_attributes(nlp: Language, name: str, threshold: float | None) -> Component:
    """The trained person-attribute classifier (nationality, occupation, sport)."""
    from .relations.classifier import AttributeClassifier

    return AttributeClassifier(nlp, name, threshold=threshold)  # reads the pattern facts


@Language.factory(
    "sportkg_clauses",
    assigns=["doc.user_data"],
    requires=["doc.spans", "token.dep"],
)
def make_clauses(nlp: Language, name: str) -> Component:
    """Wins, defeats and medals read from the dependency parse (people and sides)."""
    from .relations.clauses import clause_facts
    from .relations.engine import ParseReader

    return ParseReader(clause_facts, name)


@Language.factory(
    "sportkg_moves",
    assigns=["doc.user_data"],
    requires=["doc.spans", "token.dep"],
)
def make_moves(nlp: Language, name: str) -> Component:
    """Team moves read from the parse: who signed, released, lent or left whom."""
    from .relations.engine import ParseReader
    from .relations.moves import move_facts

    return ParseReader(move_facts, name)


@Language.factory(
    "sportkg_nationality",
    assigns=["doc.user_data"],
    requires=["doc.spans", "token.dep"],
)
def make_nationality(nlp: Language, name: str) -> Component:
    """Nationality read from the parse: plural nationality nouns, predicates, sides."""
    from .relations.engine import ParseReader
    from .relations.nationality import nationality_facts

    return ParseReader(nationality_facts, name)


@Language.factory(
    "sportkg_factuality",
    assigns=["doc.user_data"],
    requires=["token.dep"],
)
def make_factuality(nlp: Language, name: str) -> Component:
    """Drops the results a sentence denies, makes conditional or only wishes for."""
    from .relations.factuality import FactualityFilter

    return FactualityFilter(nlp, name)


def _relation_factory(family: str) -> None:
    component = f"sportkg_{family}"

    def make(nlp: Language, name: str, min_confidence: float) -> Component:
        from .relations.families import RelationExtractor

        return RelationExtractor(nlp, name, family=family, min_confidence=min_confidence)

    make.__doc__ = f"Relation extractor of the {family!r} family (patterns in relations/*.tsv)."
    make.__name__ = f"make_{family}"
    Language.factory(
        component,
        assigns=["doc.user_data"],
        requires=["doc.spans"],
        default_config={"min_confidence": 0.0},
        func=make,
    )


for _component in RELATION_COMPONENTS:
    _relation_factory(_component.removeprefix("sportkg_"))
