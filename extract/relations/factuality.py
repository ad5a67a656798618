"""Results that a sentence denies or only wishes for are not facts.

"X won niet de 500 meter", "X did not win gold", "X never won the Open", "X won geen
medaille", "X wil goud winnen", "X hopes to win the Tour", "X could not beat Y", "X failed
to win", "in his bid to win the title", "als X wint": every extractor reads the words of a
result in such a sentence (a pattern sees "won ... goud", the classifier a win trigger
between two names), and none of them states the event happened. This filter reads the
parse once per sentence: it finds the result verbs of a fact's subject (the verb of
which the subject is the subject, with the verbs it hands its subject on to: "wants to
win", "won goud en versloeg Y") and drops the fact when every one of them is denied,
conditional, modal or wished for. A fact whose subject has no result verb in its clause
("goud voor X", "X (gold) and Y (silver)") and a title that describes its subject
("wereldkampioen X won niet") stay.

Only results are judged (medals and titles, wins, defeats, records): a sentence denies
a transfer or a nationality in other words, and rarely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clauses import DENYING_MARKS, NEGATIONS, verb_words
from .engine import FACTS_KEY, ArticleContext, Fact, Person
from .triggers import classes_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

RESULT_PROPERTIES = frozenset({"P166", "sk:won", "sk:defeated", "P1000"})
"""The properties judged: results, which a sentence may deny or only hope for."""

RESULT_CLASSES = frozenset({"win", "defeat", "lose", "award", "record"})
"""Trigger classes of a verb that states a result."""

FACT_CLASSES: dict[str, frozenset[str]] = {
    "sk:defeated": frozenset({"defeat", "lose"}), "sk:won": frozenset({"win"}),
    "P166": frozenset({"win", "award"}), "P1000": frozenset({"record"}),
}
"""The result verbs that state each property: a defeat is judged by the verbs of beating
and losing where its sentence has one ("won the title without beating X": the title is
won, X not beaten)."""

MODALS = frozenset({
    "will", "shall", "may", "might", "can", "ca", "could", "zal", "zullen", "zult", "kan",
    "kunnen", "kunt", "wil", "willen", "wilt", "mag", "mogen",
})
"""Auxiliaries (word forms) of a result still to come or only possible ("will win", "kan
winnen", "wil winnen", "could win"; "could only finish third" tells what happened). Not
"would" nor "kon": "would go on to win gold" and "kon de titel pakken" tell it too."""

WISHES = frozenset({
    "want", "hope", "aim", "plan", "try", "seek", "dream", "intend", "expect", "target",
    "fail", "hopen", "willen", "dromen", "proberen", "streven", "mikken", "azen", "trachten",
    "verwachten", "beogen", "falen", "mislukken", "weigeren", "refuse",
})
"""Lemmas of verbs whose infinitive is wished for, expected or failed ("hopes to win",
"failed to beat", "probeert te winnen"), never reported as done."""

WISH_NOUNS = frozenset({
    "bid", "chance", "hope", "attempt", "dream", "goal", "aim", "quest", "ambition", "shot",
    "kans", "poging", "hoop", "droom", "doel", "ambitie", "jacht",
})
"""Nouns whose infinitive is wished for ("in his bid to win", "de kans om te winnen")."""

CONDITIONS = frozenset({"if", "unless", "als", "indien", "tenzij", "mits", "wanneer"})
"""Subordinators of a condition ("if she wins", "als hij wint")."""

SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
"""Dependency labels of a clause's subject."""


class FactualityFilter:
    """Removes from doc.user_data the results their sentence does not state as done."""

    def __init__(self, nlp: Language | None, name: str = "sportkg_factuality") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Filter the facts of every extractor before them in the pipeline."""
        facts = doc.user_data.get(FACTS_KEY)
        if facts:
            doc.user_data[FACTS_KEY] = factual(doc, ArticleContext.of(doc), facts)
        return doc


def factual(doc: Doc, context: ArticleContext, facts: list[Fact]) -> list[Fact]:
    """`facts` without the results their sentence denies, makes conditional or wishes for."""
    if not doc.has_annotation("DEP"):
        return facts
    spans: dict[int, tuple[Span, list[Token]] | None] = {}  # a sentence and its result verbs
    out: list[Fact] = []
    for fact in facts:
        if fact.property not in RESULT_PROPERTIES or fact.descriptive:
            out.append(fact)
            continue
        if fact.sentence not in spans:
            sentence = context.sentences[fact.sentence] \
                if 0 <= fact.sentence < len(context.sentences) else None
            span = None if sentence is None else doc.char_span(
                sentence.start, sentence.end, alignment_mode="expand")
            spans[fact.sentence] = None if span is None else (
                span, [t for t in span if _states_result(t)])
        read = spans[fact.sentence]
        if read is None or _asserted(*read, fact):
            out.append(fact)
    return out


def _asserted(span: Span, verbs: list[Token], fact: Fact) -> bool:
    """Whether the fact's result verbs in the sentence (`verbs`: of its subject where the
    subject is named there, else all of them) include one that states the result as done."""
    if not verbs:
        return True
    subject = fact.subject
    if isinstance(subject, Person) and span.start_char <= subject.start < span.end_char:
        tokens = {t.i for t in span if subject.start <= t.idx < subject.end}
        verbs = [v for v in verbs if _has_subject(v, tokens)]
        if not verbs:
            return True  # the subject's result is read from words other than a verb of its own
    stating = [v for v in verbs if FACT_CLASSES[fact.property].intersection(
        classes_of(verb_words(v), v.lang_))]
    return any(_done(v) for v in stating or verbs)


def _states_result(token: Token) -> bool:
    """Whether a token is a verb of winning, beating, losing, taking a medal or a record, or
    a verb whose object or predicate is a result it denies ("reed geen wereldrecord", "took
    no medal", "werd geen wereldkampioen")."""
    if token.pos_ == "NOUN" and any(c.dep_ == "cop" for c in token.children):
        # "X werd (geen) wereldkampioen": the title noun is the predicate, the copula on it
        return bool(RESULT_CLASSES.intersection(classes_of([(token.lemma_.lower(), token.lower_)],
                                                           token.lang_)))
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if RESULT_CLASSES.intersection(classes_of(verb_words(token), token.lang_)):
        return True
    return any(RESULT_CLASSES.intersection(classes_of([(c.lemma_.lower(), c.lower_)],
                                                      token.lang_))
               for c in token.children
               if c.dep_ in ("obj", "xcomp", "attr") and _no_determiner(c))


SINCE = frozenset({"since", "sinds", "sedert"})
"""Words that make a denied win tell of the last one ("had not won since 1960")."""


def _since(token: Token) -> bool:
    """Whether a verb's argument is the time since which it has not happened ("since the
    Rome Olympics in 1960", "sinds 2012"), which says it happened then."""
    return token.lower_ in SINCE or any(c.lower_ in SINCE and c.dep_ in ("case", "mark")
                                        for c in token.children)


def _no_determiner(noun: Token) -> bool:
    """Whether a noun is denied by its determiner ("geen medaille", "no medal")."""
    return any(g.lower_ in ("geen", "no") and g.dep_ == "det" for g in noun.children)


def _has_subject(verb: Token, tokens: set[int]) -> bool:
    """Whether a token of `tokens` is the verb's subject, its passive agent or its opponent,
    directly or through the verbs that hand their subject on to it (a conjoined verb without
    a subject of its own, an infinitive of "want", an auxiliary's subject)."""
    seen: set[int] = set()
    current: Token | None = verb
    while current is not None and current.i not in seen:
        seen.add(current.i)
        for child in current.children:
            if child.dep_ in SUBJECTS or child.dep_ in ("obl", "obj", "obl:agent", "iobj") or (
                    child.dep_ in ("aux", "aux:pass") and child.i < current.i):
                if any(t.i in tokens for t in child.subtree):
                    return True
        dep = current.dep_.split(":")[0]
        if current.head.i != current.i and (dep in ("conj", "xcomp") or (
                dep in ("ccomp", "advcl") and _infinitive(verb)) or (
                dep == "advcl" and _subjectless(current))):
            current = current.head
        else:
            current = None
    return False


def _subjectless(verb: Token) -> bool:
    """Whether a clause has no subject of its own, so its head verb's subject does it
    ("won the title, beating X"; "without beating X")."""
    return not any(c.dep_ in SUBJECTS for c in verb.children) and (
        verb.tag_ == "VBG" or any(c.dep_ == "mark" for c in verb.children))


def _done(verb: Token) -> bool:
    """Whether a result verb states its result as done: not denied, not conditional, not
    only possible or to come, not the wished-for or failed infinitive of another verb."""
    if _denied(verb):
        return False
    infinitive = _infinitive(verb)
    current = verb
    for _ in range(4):
        head, dep = current.head, current.dep_.split(":")[0]
        if head.i == current.i:
            return True
        if dep == "xcomp" or (dep in ("ccomp", "advcl") and infinitive):
            # "hopes to win", "did not manage to win", "deed alles om te winnen" (through
            # a noun the parser put between: "hoopt goud te winnen")
            if head.lemma_.lower() in WISHES or _denied(head):
                return False
        elif dep == "conj":
            # "wil de 500 meter winnen en de 1000 meter pakken": a shared auxiliary (a
            # conjoined verb keeps its own negation: "won niet de 500, maar wel de 1000")
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in head.children):
                return False
        elif dep == "acl":
            return head.lemma_.lower() not in WISH_NOUNS  # "his bid to win the title"
        else:
            return True
        current = head
    return True


def _infinitive(verb: Token) -> bool:
    """Whether a verb is an infinitive with "to", "te" or "om" ("to win", "om te winnen")."""
    return any(c.dep_ == "mark" and c.lower_ in ("to", "te", "om") for c in verb.children)


def _denied(verb: Token) -> bool:
    """Whether a verb is denied, conditional or modal itself: a negation on it or on its
    object ("won niet", "did not win", "won geen goud"), a condition ("als hij wint"), an
    auxiliary of what may or will happen ("kan winnen", "will win")."""
    for child in verb.children:
        text, dep = child.lower_, child.dep_
        if text in NEGATIONS and dep in ("advmod", "neg", "det", "aux", "part") and not any(
                _since(c) for c in verb.children):
            return True  # (the clause reader's `negated`, but "not won since 1960" says 1960)
        if dep in ("aux", "aux:pass") and text in MODALS and not (
                text == "could" and any(c.lower_ == "only" for c in verb.children)):
            return True
        if dep == "mark" and (text in CONDITIONS or text in DENYING_MARKS):
            return True
        if dep in ("obj", "obl") and _infinitive(verb) and any(
                g.dep_ == "case" and g.lower_ in DENYING_MARKS for g in child.children):
            return True  # "zonder Y te verslaan", "zonder" parsed on the first word after it
        if dep in ("obj", "obl", "xcomp", "attr") and _no_determiner(child):
            return True  # "won geen goud", "werd geen wereldkampioen"
    return False
