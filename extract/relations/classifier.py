"""The trained pair-relation classifier (component `sportkg_pairs`).

A multinomial logistic regression over the features of `sportkg.extract.relations.pairs`
scores every candidate pair of a sentence for each pair relation (team membership,
defeats, wins of named events, coaches, partners and family, nationality and
occupation, with the sport a sport-specific occupation implies) and for "no relation".
A pair whose best relation reaches that relation's threshold (tuned per relation by
cross-validation, or one `threshold` for all) becomes a fact with that probability as
its confidence, next to the facts of the pattern extractors (the same
fact from both is stated once, with the higher confidence).

The model is trained by `training/train_rel.py` (`make train-rel`) on the training
articles and stored as plain arrays (`extract/models/relations/model.npz`: feature
names, class names, weights), so running it needs only NumPy; the same script reports
its document-level cross-validation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ...model import LiteralValue
from .attributes import Attribute, attributes
from .editions import UNTIL_YEAR, since_start
from .engine import (
    FACTS_KEY,
    ArticleContext,
    Concept,
    Fact,
    Person,
    build_event,
    competition_in,
    defeat_qualifiers,
    event_discipline,
    result_qualifiers,
    year_of,
)
from .families import EARLIER_TITLE, wins_from_medals
from .lexicon import Lexicon
from .pairs import NONE, Candidate, candidates, team_name

if TYPE_CHECKING:
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "relations"
"""Where the shipped relation model lives (model.npz and meta.json)."""

DEFAULT_THRESHOLD = 0.5
"""The probability a pair needs to become a fact when the model's meta data names none."""


@dataclass
class PairModel:
    """A linear model over feature strings: weights per class, looked up by feature name."""

    features: dict[str, int]
    classes: list[str]
    weights: np.ndarray  # (n_features, n_classes)
    bias: np.ndarray  # (n_classes,)
    threshold: float = DEFAULT_THRESHOLD
    thresholds: dict[str, float] = field(default_factory=dict)  # per relation, when tuned

    def threshold_of(self, relation: str, default: float | None = None) -> float:
        """The probability a pair of this relation needs (`default` overrides the model's)."""
        if default is not None:
            return default
        return self.thresholds.get(relation, self.threshold)

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> PairModel | None:
        """The model stored in `directory`, or None when there is none."""
        import numpy as np

        path = directory / "model.npz"
        if not path.is_file():
            return None
        data = np.load(path, allow_pickle=False)
        meta_path = directory / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        names = [str(n) for n in data["features"]]
        return cls(
            features={name: i for i, name in enumerate(names)},
            classes=[str(c) for c in data["classes"]],
            weights=data["weights"].astype("float32"),
            bias=data["bias"].astype("float32"),
            threshold=float(meta.get("threshold", DEFAULT_THRESHOLD)),
            thresholds={str(k): float(v) for k, v in meta.get("thresholds", {}).items()},
        )

    def save(self, directory: Path, meta: dict[str, object]) -> None:
        """Write the model as arrays plus its meta data (threshold, scores, sources)."""
        import numpy as np

        directory.mkdir(parents=True, exist_ok=True)
        names = sorted(self.features, key=self.features.__getitem__)
        np.savez_compressed(
            directory / "model.npz",
            features=np.array(names),
            classes=np.array(self.classes),
            weights=self.weights.astype("float16"),
            bias=self.bias.astype("float32"),
        )
        meta = {**meta, "threshold": self.threshold, "thresholds": self.thresholds}
        (directory / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")

    def probabilities(self, feature_lists: list[tuple[str, ...]]) -> np.ndarray:
        """Class probabilities (rows: candidates, columns: `classes`)."""
        import numpy as np

        scores = np.tile(self.bias, (len(feature_lists), 1))
        for row, names in enumerate(feature_lists):
            index = [self.features[n] for n in set(names) if n in self.features]
            if index:
                scores[row] += self.weights[index].sum(axis=0)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probs: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return probs


@lru_cache(maxsize=64)
def _of_people_only(prop: str) -> bool:
    """Whether the relation table allows only people as the subject of `prop` (asked for
    each candidate pair: read once per relation)."""
    from ...ontology.relations import RELATIONS

    relation = RELATIONS.get(prop)
    return relation is not None and relation.subject_types == ("person",)


def pair_facts(
    doc: Doc,
    context: ArticleContext,
    model: PairModel,
    *,
    threshold: float | None = None,
    name: str = "sportkg_pairs",
    found: list[Candidate] | None = None,
) -> list[Fact]:
    """The facts of the candidate pairs the model scores at their relation's threshold or
    above (`threshold` sets one for all relations)."""
    pairs = candidates(doc, context) if found is None else found
    if not pairs:
        return []
    probs = model.probabilities([c.features for c in pairs])
    none = model.classes.index(NONE) if NONE in model.classes else -1
    stated: list[tuple[Candidate, str, float]] = []
    for cand, row in zip(pairs, probs, strict=True):
        order = row.argsort()[::-1]
        best = next(int(i) for i in order if int(i) != none)
        prop = model.classes[best]
        if _of_people_only(prop) and cand.subject.kind != "person":
            continue  # a club is no member of a club: the relation table says who can be
        if row[best] >= model.threshold_of(prop, threshold):
            stated.append((cand, prop, float(row[best])))
    facts: list[Fact] = []
    for cand, prop, p in one_owner_per_award(stated):
        subject = cand.subject_value()
        value = value_of(cand, context, prop)
        facts.append(Fact(
            subject=subject,
            property=prop,
            value=value,
            sentence=cand.sentence,
            extractor=name,
            confidence=p,
            qualifiers=_qualifiers(context, cand, prop, subject, value),
        ))
        if prop == "P106" and cand.value.sport:
            label, _, qid = cand.value.sport.partition("/")
            facts.append(Fact(subject, "P641", Concept(label, "sport", qid or None),
                              cand.sentence, name, p * 0.95))
    facts.extend(wins_from_medals(context, facts, name))
    return facts


ONE_OWNER = frozenset({"P166"})
"""Relations whose value word a sentence gives to one holder (a crew shares it by a list);
wins are not among them: held out, giving a race to one winner cost more recall than it
gained precision."""


def one_owner_per_award(
    stated: list[tuple[Candidate, str, float]],
) -> list[tuple[Candidate, str, float]]:
    """Each medal or title word of a sentence given to its likeliest owner only: in "A won
    gold, B silver" the gold is A's, not also B's. A crew that shares one medal ("A, B en
    C wonnen goud") still shares it: the list's other members take the fact of the one
    that holds it (`statements.shared_by_lists`)."""
    best: dict[tuple[int, int], float] = {}
    for cand, prop, p in stated:
        if prop in ONE_OWNER:
            key = (cand.sentence, cand.value.start)
            best[key] = max(best.get(key, 0.0), p)
    return [(cand, prop, p) for cand, prop, p in stated
            if prop not in ONE_OWNER or p >= best[(cand.sentence, cand.value.start)]]


def _qualifiers(
    context: ArticleContext, cand: Candidate, prop: str, subject: Person | Concept,
    value: Person | Concept,
) -> tuple[tuple[str, Concept | LiteralValue], ...]:
    """Date and place of a win or award, and the event of a medal or title, read from the
    candidate's sentence as the pattern extractors read them."""
    if prop == "P54":
        return _spell(context, cand)
    sentence = context.sentences[cand.sentence]
    if prop == "sk:defeated":
        return defeat_qualifiers(context, sentence, subject,
                                 cand.subject.start_char - sentence.start)
    if prop not in ("sk:won", "P166"):
        return ()
    award_at = cand.value.start_char - sentence.start
    if prop == "P166" and (
            cand.value.end <= cand.subject.start <= cand.value.end + 2
            or EARLIER_TITLE.search(sentence.text[max(0, award_at - 40):award_at])):
        return ()  # a title that describes ("drievoudig wereldkampioen X"): won before
    award = value if prop == "P166" and isinstance(value, Concept) else None
    return result_qualifiers(context, sentence, subject, award, award_at,
                             at=cand.subject.start_char - sentence.start)


_SPELL = re.compile(r"\b(?:van|from|between|tussen)\s+((?:19|20)\d\d)\s+(?:tot|to|until|en|and)"
                    r"\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_MOVE_NOUN = re.compile(r"\b(?:overstap|transfer|transfers|switch|move)\b", re.IGNORECASE)
"""Nouns of a move between clubs ("maakt de overstap van A naar B", "his move to B")."""
_FROM_CLUB = frozenset({"van", "from", "uit"})
_TO_CLUB = frozenset({"naar", "to", "bij", "for", "voor", "join", "joins", "joined",
                      "joining"})
_NO_MOVE = frozenset({"plays", "played", "playing", "play", "speelt", "speelde", "spelen",
                     "rides", "rode", "rijdt", "reed", "races", "raced", "skates", "schaatst",
                     "schaatste", "runs", "loopt", "nu", "now", "still", "nog", "al",
                     "career", "carrière", "loopbaan", "profcarrière", "profloopbaan"})
"""Words before "for"/"voor"/"bij" of a club one plays for or began one's career at, which
is no move of the day ("now plays for Leeds", "begon zijn loopbaan bij Vitesse")."""
_LENT = re.compile(r"\b(?:loan|loaned|geleend|gehuurd|huurt|huurde|huurbasis)\b[^.,;]{0,30}$",
                   re.IGNORECASE)
"""A loan before the club a player comes from ("on loan from X", "gehuurd van X"): he stays
that club's player, so no spell there ends."""


def _spell(context: ArticleContext, cand: Candidate) -> tuple[tuple[str, LiteralValue], ...]:
    """Start (`P580`) and end (`P582`) of a club spell: "tussen 2001 en 2009"; else, in a
    sentence with a move word of the lexicon (not a word of playing or scoring for a
    club), the sentence's date (or, for the news of the day, the
    publication day) as the start at the club it goes to ("naar X") or the end at the
    club it leaves ("van X"), unless it lends the player ("on loan from X"); a start a
    year after "since"/"sinds" names is that year."""
    sentence = context.sentences[cand.sentence]
    spell = _SPELL.search(sentence.text)
    if spell is not None:
        return (("P580", LiteralValue(spell.group(1), "date", "year")),
                ("P582", LiteralValue(spell.group(2), "date", "year")))
    before = sentence.text[:max(0, cand.value.start_char - sentence.start)].split()
    word = before[-1].lower() if before else ""
    key = "P582" if word in _FROM_CLUB else "P580" if word in _TO_CLUB else None
    if key is None or (key == "P582" and _LENT.search(" ".join(before[:-1]))):
        return ()
    since = since_start(sentence.text, context.published) if key == "P580" else None
    if since is not None:
        return (("P580", LiteralValue(since, "date", "year")),)  # "for X since 2020"
    finder = Lexicon.load().finder("move", context.lang)
    if (finder is None or finder.search(sentence.text) is None) and \
            not _MOVE_NOUN.search(sentence.text):
        return ()  # playing, scoring or captaining for a club is no move to it
    if key == "P580" and len(before) > 1 and word in ("for", "voor", "bij") and \
            before[-2].lower() in _NO_MOVE:
        return ()  # playing for a club is no move to it
    date = None if UNTIL_YEAR.search(sentence.text) else context.date_of(sentence)
    if date is None and context.published and context.is_recent(sentence):
        date = LiteralValue(context.published, "date", "day")
    return ((key, date),) if date is not None else ()


def value_of(cand: Candidate, context: ArticleContext,
             prop: str | None = None) -> Person | Concept:
    """The fact value of a candidate: an event with the year and discipline its sentence names.

    An event mention that names a competition of the lexicon ("WK afstanden", "Olympische
    Spelen") is written as the pattern families write events: discipline and edition in
    English ("women's team pursuit, 2021 World Single Distances Championships").
    """
    sentence = context.sentences[cand.sentence]
    if cand.value.kind == "nation" and prop not in (None, "P27"):
        return Concept(team_name(cand.value), "team")  # beaten by, or playing for, its team
    if cand.value.kind != "event":
        return cand.object_value(sentence.text, year_of(context, sentence))
    competition = competition_in(context, cand.value.text)
    if competition is not None:
        subject = cand.subject_value()
        built = build_event(context, sentence, max(0, cand.value.start_char - sentence.start),
                            subject if isinstance(subject, Person) else None,
                            competition=competition)
        if built is not None:
            return built
    discipline = event_discipline(context, sentence, cand.subject.name)
    return cand.object_value(sentence.text, year_of(context, sentence), discipline,
                             at=max(0, cand.value.start_char - sentence.start))


def _threshold_from_env() -> float | None:
    """The threshold `--threshold` set for this process and its workers, if any."""
    import os

    from ...errors import ConfigError
    from ...settings import PAIR_THRESHOLD_ENV

    raw = os.environ.get(PAIR_THRESHOLD_ENV)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{PAIR_THRESHOLD_ENV}={raw!r} is not a number") from None
    if not 0.0 < value <= 1.0:
        raise ConfigError(f"{PAIR_THRESHOLD_ENV}={raw!r} must be above 0 and at most 1")
    return value


class PairClassifier:
    """Adds the classifier's pair facts to doc.user_data (`sportkg_pairs`).

    Args:
        nlp: the pipeline.
        name: the component name (the extractor name in evidence).
        threshold: the probability a pair needs; None takes the model's own default.
    """

    model_dir = MODEL_DIR

    def __init__(
        self, nlp: Language | None, name: str = "sportkg_pairs", *, threshold: float | None = None
    ) -> None:
        self.name = name
        self.model = PairModel.load(self.model_dir)
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        """Score the doc's candidates and append the facts at their threshold or above."""
        if self.model is None:
            return doc
        context = ArticleContext.of(doc)
        facts: list[Fact] = doc.user_data.setdefault(FACTS_KEY, [])
        threshold = self.threshold if self.threshold is not None else _threshold_from_env()
        facts.extend(self.facts(doc, context, self.model, facts, threshold))
        return doc

    def facts(self, doc: Doc, context: ArticleContext, model: PairModel, found: list[Fact],
              threshold: float | None) -> list[Fact]:
        """The model's facts for a doc (`found`: the facts of the components before)."""
        return pair_facts(doc, context, model, threshold=threshold, name=self.name)


ATTRIBUTE_DIR = MODEL_DIR.parent / "attributes"
"""Where the shipped person-attribute model lives (model.npz and meta.json)."""

YES = "yes"
"""The class of an attribute candidate that the article states."""


def attribute_facts(
    doc: Doc,
    context: ArticleContext,
    model: PairModel,
    facts: list[Fact],
    *,
    threshold: float | None = None,
    name: str = "sportkg_attributes",
    found: list[Attribute] | None = None,
) -> list[Fact]:
    """The nationality, occupation, sport, national side and coach facts the model gives
    each person of the article at the relation's threshold or above (`facts`: the
    pattern extractors')."""
    cands = attributes(doc, context, facts) if found is None else found
    if not cands or YES not in model.classes:
        return []
    yes = model.classes.index(YES)
    probs = model.probabilities([c.features for c in cands])
    out: list[Fact] = []
    for cand, row in zip(cands, probs, strict=True):
        p = float(row[yes])
        if p < model.threshold_of(cand.property, threshold):
            continue
        out.append(Fact(cand.person, cand.property, cand.value, cand.sentence, name, p))
    return out


class AttributeClassifier(PairClassifier):
    """Adds the person-level nationality, occupation, sport, national side and coach facts
    (`sportkg_attributes`), read from the pattern extractors' facts and the article (see
    `attributes`)."""

    model_dir = ATTRIBUTE_DIR

    def facts(self, doc: Doc, context: ArticleContext, model: PairModel, found: list[Fact],
              threshold: float | None) -> list[Fact]:
        """The attribute facts, scored on the pattern facts only (as in training)."""
        patterns = [f for f in found if f.extractor not in TRAINED_EXTRACTORS]
        return attribute_facts(doc, context, model, patterns, threshold=threshold,
                               name=self.name)


TRAINED_EXTRACTORS = frozenset({"sportkg_pairs", "sportkg_attributes"})
"""The components whose facts come from a trained model (the rest are pattern facts)."""
