"""Sentences and mentions: where the people, places and things of an article are.

`SentenceSplitter` (component `sportkg_sentences`) sets sentence starts from
line breaks and sentence-final punctuation, keeping initials ("J.D."), race
times ("1.14.17") and abbreviations together; it leaves a parsed doc alone.

`MentionRecognizer` (component `sportkg_mentions`) writes
`doc.spans["sportkg_mentions"]`:

- names from the knowledge base (labels and aliases, accent-insensitive,
  longest match first) with the KB entity's type;
- person names not in the KB: runs of capitalised tokens with name particles
  (van, de, van der, van 't, ter, ...), never starting with a capitalised
  function word, role word or nationality word, and never containing a word
  that marks a team, event or venue ("Stadium", "Games", "FC"); a run right
  after "in"/"at"/"uit" is a place;
- a name in brackets right after a person's name is their team ("Mads Koski
  (Alfa Romeo)"), whatever the recogniser read it as; the name at a numbered place of
  a result list ("4. Penn (Williams)") is a person, a surname alone included.

Examples:
    >>> import spacy
    >>> nlp = spacy.blank("nl")
    >>> _ = nlp.add_pipe("sportkg_sentences"); _ = nlp.add_pipe("sportkg_mentions")
    >>> doc = nlp("Schaatsster Femke van der Pol won in Milaan goud.")
    >>> [(s.text, s.label_) for s in doc.spans["sportkg_mentions"]][1:]
    [('Femke van der Pol', 'person'), ('Milaan', 'place'), ('goud', 'award')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..iris import fold
from .normalize import RANKING
from .relations.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from ..kb.kb import KnowledgeBase


INTRODUCERS = frozenset(
    "vader moeder zoon dochter zus zusje broer broertje vrouw man echtgenote echtgenoot "
    "vriend vriendin partner verloofde dochtertje zoontje meisje jongetje baby naam genaamd "
    "father mother son daughter sister brother wife husband fiance fiancee fiancé fiancée "
    "partner named called boy girl dad mum mom papa mama opa oma champion kampioen legend "
    "star icon rival rivale tegenstander opponent teammate ploeggenote ploeggenoot ouders "
    "parents".split()
)
"""Words after which a lone first name is a person ("dochter Lily", "his wife Anna")."""

MENTIONS_KEY = "sportkg_mentions"
"""The `doc.spans` key of the mentions."""

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr nr no vs ca bijv o.a e.g i.e feb jan aug sept sep okt oct nov dec "
    "mrt apr jun jul prof ir ing drs mevr dhr".split()
)
_PHRASE_KINDS = (("country", "country"), ("demonym", "country"), ("place", "place"),
                 ("olympic_host", "place"), ("medal", "award"), ("role", "occupation"),
                 ("event_name", "event"))
"""Lexicon kinds a phrase is looked up in, in order, with the mention type each gives."""

_KB_TYPES = frozenset({"award", "country", "event", "place", "sport", "occupation", "organization"})
_PLACE_PREPOSITIONS = frozenset({"in", "te", "at", "naar", "uit", "nabij", "near", "vanuit"})
_CAP = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.\-]*$")
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_ROMAN = re.compile(r"^[IVX]{1,4}$")
_ROLE_PREFIX = re.compile(r"^(?:top|oud-|ex-|collega-|mede-|wereld)", re.IGNORECASE)
_TEAM_ROLES = frozenset(
    "driver rider captain player teammate coureur renner renster aanvoerder speler speelster "
    "team-mate fans supporters".split()
)


_TEAM_VERBS = frozenset(
    "plays played play playing rides rode ride riding races raced race racing signed signs "
    "joined joins joining join moved moves speelt speelde spelen rijdt reed rijden uitkomt "
    "uitkwam kwam komt tekende tekent contract jeugdopleiding jeugdacademie academy "
    "overstap transfer".split()
)
_TEAM_PREPOSITIONS = frozenset("for voor bij with from van to naar".split())
_SIGNING = re.compile(
    r"^(?:have|has|heeft|hebben)\s+(?:\w+\s+){0,1}?(?:signed|completed|vastgelegd|"
    r"gecontracteerd|aangetrokken|binnengehaald)\b(?!\s+(?:for|with|to|a|an|his|her|the|on|"
    r"contract|deal|voor|bij|met|een|zijn|haar))",
    re.IGNORECASE,
)


class SentenceSplitter:
    """Sets sentence boundaries on a blank pipeline (`sportkg_sentences`)."""

    def __init__(self, nlp: Language | None = None, name: str = "sportkg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        """Mark sentence starts unless the doc already has them."""
        if doc.has_annotation("SENT_START") or not len(doc):
            return doc
        start_next = True
        for i, token in enumerate(doc):
            if token.is_space and "\n" in token.text:
                token.is_sent_start = start_next if i else True
                start_next = True
                continue
            token.is_sent_start = start_next
            start_next = False
            if "\n" in token.whitespace_ or _ends_sentence(doc, i):
                start_next = True
        return doc


def _ends_sentence(doc: Doc, i: int) -> bool:
    token = doc[i]
    text = token.text
    if text in ("!", "?", "…"):
        return _next_starts(doc, i)
    if text in ('"', "”", "'", "’") and i > 0 and doc[i - 1].text in (".", "!", "?"):
        return _next_starts(doc, i)
    if text == "." or (text.endswith(".") and len(text) > 1):
        stem = text[:-1].lower() if text != "." else (doc[i - 1].text.lower() if i else "")
        if text != "." and (_INITIALS.match(text) or stem in _ABBREVIATIONS):
            return False
        if text == "." and i > 0 and (doc[i - 1].text.lower() in _ABBREVIATIONS
                                      or re.fullmatch(r"[A-Z]", doc[i - 1].text)):
            return False
        if _list_number(doc, i):
            return False
        return _next_starts(doc, i)
    return False


def _list_number(doc: Doc, i: int) -> bool:
    """Whether the full stop at token i closes the number of a numbered list ("Uitslag:
    1. A 36,94, 2. B ..."): one or two digits after a colon, comma, semicolon or a line
    start."""
    number = i if doc[i].text != "." else i - 1
    stem = doc[number].text.rstrip(".")
    if not (stem.isdigit() and len(stem) <= 2):
        return False
    before = doc[number - 1] if number > 0 else None
    return before is None or before.text in (":", ",", ";") or (
        before.is_space and "\n" in before.text)


def _next_starts(doc: Doc, i: int) -> bool:
    if i + 1 >= len(doc):
        return False
    nxt = doc[i + 1]
    if nxt.text in ('"', "”", "“", "'", "’", ")"):
        return i + 2 < len(doc) and doc[i + 2].text[:1].isupper() or nxt.is_space
    return nxt.text[:1].isupper() or nxt.text[:1] in "“\"'‘(" or nxt.is_space or nxt.is_digit


class MentionRecognizer:
    """KB names and person names (`sportkg_mentions`); see the module docstring.

    Args:
        nlp: the pipeline (its language picks the word lists).
        name: the component name.
        use_kb: look up names in the bundled knowledge base.
    """

    def __init__(
        self, nlp: Language | None, name: str = "sportkg_mentions", *, use_kb: bool = True
    ) -> None:
        self.name = name
        # a blank pipeline may have no language; the word lists then fall back to English
        self.lang: str = (nlp.lang if nlp is not None else None) or "en"
        self.lexicon = Lexicon.load()
        self.use_kb = use_kb
        self._kb: KnowledgeBase | None = None
        self._phrases: dict[tuple[str, bool], str | None] = {}
        self._labels: dict[str, str] = {}
        for kind, label in _PHRASE_KINDS:  # the first kind of a surface gives its type
            for key in self.lexicon.keys(kind, self.lang):
                self._labels.setdefault(key, label)

    def _knowledge_base(self) -> KnowledgeBase | None:
        if not self.use_kb:
            return None
        if self._kb is None:
            from ..kb.kb import KnowledgeBase

            self._kb = KnowledgeBase.bundled()
        return self._kb

    def __call__(self, doc: Doc) -> Doc:
        """Find the mentions of the doc and store them in doc.spans."""
        from spacy.tokens import Span

        spans: list[Span] = []
        taken = [False] * len(doc)
        people = [self._hyphenated(doc, start, end) for start, end in self._person_runs(doc)]
        typed: list[tuple[int, int, str]] = []
        if doc.has_annotation("ENT_IOB"):
            people, typed = merge_entities(doc, people, self._stop, self._introduced,
                                           self._descriptor, self._team_role)
        else:  # "Red Bull-coureur Tom Bakker": the person after a team's role word
            people = [span for span in (_after_role(doc, s, e, self._team_role)
                                        for s, e in people) if span is not None]
        # a run that is a country or place name as a whole ("South Korea"), or part of a
        # country, place or event name ("South" of "South Korea", "Rotterdam" of "marathon
        # van Rotterdam"), is none
        matches = list(self._kb_matches(doc))
        places = [(s, e) for s, e, label in matches if label in ("country", "place", "event")]
        events = [(s, e) for s, e, label in matches if label == "event"]
        people = [(start, end) for start, end in people
                  if not self._is_kind(doc[start:end].text, ("country", "place", "olympic_host"))
                  and not any(s < end and start < e and (s < start or e > end)
                              for s, e in places)
                  and not any(s <= start and end <= e for s, e in events)]  # "Paris-Roubaix"
        for start, end in people:
            spans.append(Span(doc, start, end, label="person"))
            for k in range(start, end):
                taken[k] = True
        clubs = [(s, e) for s, e, label in typed if label == "organization"]
        for start, end, label in matches:
            if any(taken[start:end]):
                continue
            if label in ("place", "country") and any(
                    s <= start and end <= e and e - s > end - start for s, e in clubs):
                continue  # a town inside a club's name: "Bayern München", "NAC Breda"
            spans.append(Span(doc, start, end, label=label))
            for k in range(start, end):
                taken[k] = True
        for start, end, label in typed:  # the recogniser's clubs, places and events
            start, end = _untaken(doc, taken, start, end)
            if start < end:
                spans.append(Span(doc, start, end, label=label))
        spans = _bracketed_teams(doc, _result_list_people(doc, spans))
        spans.sort(key=lambda s: (s.start, s.end))
        doc.spans[MENTIONS_KEY] = spans
        return doc

    # ------------------------------------------------------------------ persons
    def _is_kind(self, text: str, kinds: tuple[str, ...]) -> bool:
        """Whether a word, or the word without a role prefix ("oud-", "ex-"), is an entry of
        one of the lexicon kinds."""
        stripped = _ROLE_PREFIX.sub("", text)
        return any(self.lexicon.contains(kind, self.lang, word)
                   for kind in kinds for word in (text, stripped))

    def _stop(self, text: str) -> bool:
        lex, lang = self.lexicon, self.lang
        if lex.contains("stopcap", lang, text) or lex.contains("nonperson", lang, text):
            return True
        if self._is_kind(text, ("role", "demonym", "country", "sport", "medal", "competition")):
            return True
        if lang == "en" and text[:1].isupper() and lex.plural_of("demonym", lang, text):
            return True  # "The Americans Tom Hale and ..." (a Dutch plural may be a surname)
        from .normalize import WEEKDAYS

        return text.lower() in WEEKDAYS

    def _name_after_role(self, doc: Doc, i: int) -> bool:
        """A nationality word that is also a first name ("Noor Vermeulen", "bokser Noor Vink").

        Without an article before it and with a capitalised word after it, a nationality
        noun opening a sentence or following a role word is read as a first name.
        """
        lex, lang = self.lexicon, self.lang
        text = doc[i].text
        if not lex.contains("demonym", lang, text) or lex.contains("stopcap", lang, text):
            return False
        if text.endswith(("e", "se")) or i + 1 >= len(doc) or not self._is_cap(doc[i + 1]):
            return False
        if self._stop(doc[i + 1].text):
            return False
        if doc[i].is_sent_start or i == 0:
            return True
        prev = _ROLE_PREFIX.sub("", doc[i - 1].text)
        return lex.contains("role", lang, prev) or lex.contains("role", lang, doc[i - 1].text)

    def _hyphenated(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """A run goes on over a hyphen that joins it to a capitalised word ("Smith-Jones",
        split by the English tokenizer) or to a short lower-case syllable ("Min-ho"): a
        double-barrelled surname or a hyphenated given name stays whole."""
        while (end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_
               and not doc[end].whitespace_ and (self._is_cap(doc[end + 1]) or (
                   _syllable(doc, end + 1) and len(doc[end + 1].text) <= 5))
               and not self._stop(doc[end + 1].text)):
            end += 2
        return start, end

    def _descriptor(self, text: str) -> bool:
        """A nationality, role or competition word that may open a misread span before a
        name ("Olympics Tom Hale" read as one event)."""
        return self._is_kind(text, ("demonym", "role", "competition"))

    def _team_role(self, text: str) -> bool:
        """A team joined to a role by a hyphen ("Bull-coureur", "Ajax-spits")."""
        team, hyphen, role = text.rpartition("-")
        return bool(hyphen) and team[:1].isupper() and self.lexicon.contains(
            "role", self.lang, role)

    def _introduced(self, doc: Doc, i: int) -> bool:
        """Whether token i follows a person noun in apposition ("daughter Penelope",
        "trainer Jan"): a name there is a person whatever the recogniser says."""

        if i == 0:
            return False
        prev = doc[i - 1].text
        if not prev.islower():
            return False
        return prev in INTRODUCERS or self.lexicon.contains("role", self.lang, prev)

    def _dated_month(self, doc: Doc, i: int) -> bool:
        """A month name next to a number ("3 Februari", "July 1") is a date, not a name."""
        from .normalize import MONTHS

        if doc[i].text.lower().rstrip(".") not in MONTHS:
            return False
        near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc)]
        return any(t.like_num for t in near)

    def _is_cap(self, token: Token) -> bool:
        text = token.text
        if not _CAP.match(text) or text.endswith("."):
            return bool(_INITIALS.match(text))
        if text.isupper() and len(text) > 1:
            return False
        return any(c.isalpha() for c in text)

    def _particle(self, doc: Doc, i: int) -> int:
        """How many tokens from i form a name particle followed by a capitalised word."""
        for n in (2, 1):
            if i + n < len(doc):
                words = " ".join(t.text for t in doc[i : i + n])
                if words == words.lower() and self.lexicon.contains("particle", "*", words):
                    if (i + n + 1 < len(doc) and doc[i + n + 1].text == "-") or re.match(
                            r"^[A-Z]\w*-[A-Z]", doc[i + n].text):
                        return 0  # "Pedersen van Lidl-Trek": a team, not a surname
                    if self._is_cap(doc[i + n]) and not self._stop(doc[i + n].text):
                        return n
        return 0

    def _person_runs(self, doc: Doc) -> Iterable[tuple[int, int]]:
        i, n = 0, len(doc)
        while i < n:
            token = doc[i]
            lead_particle = 0
            if token.text[:1].isupper() and token.text.lower() in ("van", "de", "ter", "den", "te"):
                # "Van der Poel", "De Boer": a capitalised particle starting a surname
                k = i + 1
                while k < n and self.lexicon.contains("particle", "*", doc[k].text) \
                        and doc[k].text.islower():
                    k += 1
                if k < n and k > i and self._is_cap(doc[k]) and not self._stop(doc[k].text) \
                        and (k > i + 1 or not token.is_sent_start or token.text != "De"):
                    lead_particle = k - i
            if not lead_particle and (not self._is_cap(token) or (
                    self._stop(token.text) and not self._name_after_role(doc, i))
                    or self._dated_month(doc, i)):
                i += 1
                continue
            end = i + (lead_particle or 1)
            if lead_particle:
                end = i + lead_particle + 1
            bad = False
            while end < n:
                nxt = doc[end]
                if self._is_cap(nxt) and not nxt.is_sent_start:
                    if self.lexicon.contains("nonperson", self.lang, nxt.text) or _ROMAN.match(
                        nxt.text
                    ) or self.lexicon.contains("event_word", self.lang, nxt.text) or (
                            self.lexicon.ends_in("venue", self.lang, nxt.text)):
                        bad = True
                    elif self._stop(nxt.text):
                        break
                    end += 1
                    continue
                skip = self._particle(doc, end)
                if skip and not doc[end].is_sent_start:
                    end += skip
                    continue
                break
            if not bad and end < n and (
                doc[end].text in ("&",) or doc[end].text.lower() in _TEAM_ROLES
            ):
                bad = True
            start = i
            i = end
            if bad:
                continue
            prev = doc[start - 1].text.lower() if start > 0 else ""
            if prev in _PLACE_PREPOSITIONS and end - start < 4 and not self._given_to(doc, start):
                continue
            if prev in ("team", "ploeg", "club", "formatie", "squad", "ploegen"):
                continue
            if start > 0 and doc[start - 1].text == "het":
                continue  # a neuter article never names a person: "in het Friese Thialf"
            if self._team_slot(doc, start, end):
                continue
            yield start, end

    def _given_to(self, doc: Doc, start: int) -> bool:
        """Whether the run after "naar" receives a medal ("het brons ging naar X"): a
        person, not a place."""
        words = [t.text for t in doc[max(0, start - 5) : start - 1]]
        medal = [self.lexicon.contains("medal", self.lang, w) for w in words]
        return bool(medal) and (medal[-1] or (any(medal) and any(
            w.lower() in ("ging", "gaat", "was", "went", "goes") for w in words)))

    def _team_slot(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a capitalised run stands where a team is named, not a person.

        After "plays/rides/signed ... for", "komt over van", "speelt bij" (a team verb
        at most four words before the preposition), and before "have signed" /
        "heeft ... vastgelegd" ("Real Madrid have signed X").
        """
        prev = doc[start - 1].text.lower() if start > 0 else ""
        if prev == "of" and start > 1 and doc[start - 2].text.lower() in ("academy", "academies"):
            return True
        if prev in _TEAM_PREPOSITIONS:
            # a verb is lower-case inside a sentence: a surname "Reed" is no "reed"
            window = {t.text.lower() for t in doc[max(0, start - 5) : start - 1]
                      if t.text[:1].islower() or t.is_sent_start}
            if window & _TEAM_VERBS:
                return True
        return bool(_SIGNING.match(doc[end : min(len(doc), end + 4)].text))

    # ------------------------------------------------------------------ KB names
    def _kb_matches(self, doc: Doc) -> Iterable[tuple[int, int, str]]:
        kb = self._knowledge_base()
        n = len(doc)
        text = doc.text
        starts = [t.idx for t in doc]
        ends = [t.idx + len(t.text) for t in doc]
        bad = [t.is_space or t.is_punct for t in doc]
        # a hyphen glued to the words on both sides joins them into one name
        # ("Paris-Roubaix", "Liège-Bastogne-Liège"); any other punctuation ends a phrase
        glued = [t.text in ("-", "‐", "–") and k > 0 and not doc[k - 1].whitespace_
                 and not t.whitespace_ for k, t in enumerate(doc)]
        inner = [b and not g for b, g in zip(bad, glued, strict=True)]
        dotted = [t.text.endswith(".") for t in doc]
        capital = [t.text[:1].isupper() for t in doc]
        i = 0
        while i < n:
            found = None
            if not bad[i]:
                for size in (7, 6, 5, 4, 3, 2, 1):
                    j = i + size - 1
                    if j >= n or bad[j] or dotted[j] or any(inner[i : j + 1]) or (
                            size > 5 and not any(glued[i : j + 1])):
                        continue  # (six or seven tokens only for names with hyphens)
                    label = self._phrase_label(text[starts[i] : ends[j]], capital[i], kb)
                    if label is not None:
                        found = (i, j + 1, label)
                        break
            if found:
                yield found
                i = found[1]
            else:
                i += 1

    def _phrase_label(
        self, phrase: str, capitalised: bool, kb: KnowledgeBase | None
    ) -> str | None:
        """The mention type of a phrase from the lexicon or the KB, or None (memoised)."""
        key = (phrase, capitalised)
        if key in self._phrases:
            return self._phrases[key]
        label = self._labels.get(fold(phrase))
        if label == "place" and not capitalised:
            label = None
        elif label is None and kb is not None and len(phrase) > 2:
            from ..kb.kb import normalize_name

            for entity in kb.exact(normalize_name(phrase)):
                if entity.type in _KB_TYPES:
                    label = entity.type
                    break
        if len(self._phrases) > 50_000:  # bounded: a long run never holds every phrase
            self._phrases.clear()
        self._phrases[key] = label
        return label


def _result_list_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """The competitors of a numbered result list with their teams in brackets ("1.
    Hale (Ferrari), 2. Rowe (Alpine)"): the one or two capitalised words
    after a place number and before a bracket are a person, even a surname alone."""
    from spacy.tokens import Span

    found: list[tuple[int, int]] = []
    for i in range(len(doc) - 4):
        if not (doc[i].is_digit and len(doc[i].text) <= 2 and doc[i + 1].text == "."):
            continue
        for width in (1, 2):
            end = i + 2 + width
            if end < len(doc) and doc[end].text == "(" and all(
                    t.is_title and t.is_alpha for t in doc[i + 2:end]):
                found.append((i + 2, end))
                break
    if len(found) < 2:  # one numbered name is no result list
        return spans
    kept = [s for s in spans if not any(s.start < e and b < s.end for b, e in found)]
    kept += [Span(doc, b, e, label="person") for b, e in found]
    return kept


def _bracketed_teams(doc: Doc, spans: list[Span]) -> list[Span]:
    """A name in brackets right after a person's name is their team, as result lists and
    race reports write it ("Mads Koski (Alfa Romeo)", "Hale (Ferrari)"), even
    where the recogniser read it as a person."""
    from spacy.tokens import Span

    people_end = {s.end for s in spans if s.label_ == "person"}
    out: list[Span] = []
    for span in spans:
        if (span.label_ == "person" and span.start >= 2 and span.end < len(doc)
                and doc[span.start - 1].text == "(" and doc[span.end].text == ")"
                and span.start - 1 in people_end):
            out.append(Span(doc, span.start, span.end, label="organization"))
        else:
            out.append(span)
    return out


NER_TYPES: dict[str, str] = {"ORG": "organization", "LOC": "place", "EVENT": "event"}
"""Mention types of the recogniser's non-person labels (the KB's type names)."""


VETO = frozenset({"ORG", "EVENT"})
"""Recogniser labels that overrule a rule person run. Not LOC: the rules already read
places from their prepositions, and a small recogniser confuses rare first names and
surnames with places far more often than with clubs."""


def merge_entities(
    doc: Doc,
    runs: list[tuple[int, int]],
    stop: Callable[[str], bool],
    introduced: Callable[[Doc, int], bool] = lambda doc, i: False,
    descriptor: Callable[[str], bool] = lambda text: False,
    team_role: Callable[[str], bool] = lambda text: False,
) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Combine the rule person runs with the named-entity recogniser's spans.

    The recogniser decides the type: a run inside a span it reads as a club or event
    (`VETO`) is no person ("Tottenham Hotspur", "Real Madrid", "FC Kopenhagen"), unless
    that span opens with a nationality or role word (a misread). Where both see a
    person, a capitalised word opening the sentence that the recogniser leaves out is
    dropped ("Zwemzussen Anna"), and the name runs on over the capitalised words and
    joiners the recogniser adds ("O'Brien", "Mors-de Vries", "Jr.": apostrophes and
    hyphens inside a name stay), up to a nationality or role word ("Bos Nederlands
    kampioene"). A run the recogniser vetoes stays a person when the
    same name, or the surname of a full name, is a person elsewhere in the article.
    People only the recogniser finds are added unless every word of the span is a stop
    word of the lexicon; its other spans count only when they start with a capital.

    Args:
        doc: a doc with ``doc.ents`` set.
        runs: person runs of the rules, as (start, end) token offsets.
        stop: whether a word is a stop word for names (role, demonym, country, ...).
        introduced: whether a run starting at a token follows a person noun
            ("daughter Penelope"): the recogniser cannot veto it.
        descriptor: whether a word is a nationality or role word; a span the recogniser
            opens with one ("Italiaanse Silvia Persico") is a misread and vetoes nothing.
        team_role: whether a word joins a team to a role ("Bull-coureur"); a span the
            recogniser runs on over one ("Red Bull-coureur Tom Bakker") is the person
            after it (the team before it is left to the patterns).

    Returns:
        The person spans, and the other typed spans as (start, end, mention type).
    """
    ents = [
        e for e in (_trimmed(doc, _before_opponent(doc, _after_team_role(doc, ent, team_role)))
                    for ent in doc.ents if ent.label_ == "PERSON" or ent.label_ in NER_TYPES)
        if e is not None and not (e.label_ == "PERSON" and team_role(doc[e.end - 1].text))
    ]  # ("de Belgische Ferrari-coureur reed de snelste ronde": a role, no name)
    people: list[tuple[int, int]] = []
    used: set[int] = set()
    vetoed: list[tuple[int, int]] = []
    for start, end in runs:
        named = _after_role(doc, start, end, team_role)
        if named is None:
            continue  # "Ferrari-coureur": a team's role word, no name
        start = named[0]  # "Roda JC-keeper Tom van Leer": the person after the role word
        if end - start > 2 and _opponent_after(doc, start):
            start += 2  # "WK-finale van Kees Mol": the final's opponent
        overlapping = [e for e in ents if e.start < end and start < e.end]
        persons = [e for e in overlapping if e.label_ == "PERSON"]
        others = [e for e in overlapping if e.label_ != "PERSON"]
        if not persons and not introduced(doc, start) and any(
                e.start <= start and end <= e.end and e.label_ in VETO
                and not descriptor(e[0].text) for e in others):
            vetoed.append((start, end))  # the recogniser reads it as a club, place or event
            continue
        for e in persons:
            used.add(e.start)
        if len(persons) >= 2 and all(len(e) >= 2 for e in persons) and all(
                a.end <= b.start for a, b in zip(persons, persons[1:], strict=False)):
            # "verloor Jan Smit van Kees Mol": two full names the recogniser reads apart,
            # not one name with a particle (a lone "Noël" and "End" may be one)
            people.extend((max(start, e.start), min(end, e.end)) for e in persons)
            continue
        if len(persons) == 1:
            e = persons[0]
            if e.start > start and doc[start].is_sent_start:
                start = e.start  # "Zwemzussen Anna ...": a capitalised noun opening the sentence
            before = [o for o in others if o.start <= start and start < o.end <= e.start]
            if before and all(doc[i].text in _PARTICLES for i in range(before[0].end, e.start)):
                start = e.start  # "de finale van Wimbledon van Piet Mol": the event, then him
            while end < e.end and (_name_part(doc, end) or _syllable(doc, end)) and \
                    not descriptor(doc[end].text):
                end += 1  # "O'Brien", "Mors-de Vries", "Jr.", "Sang-hwa": the name goes on
                # (not over a nationality or role word: "Bos Nederlands kampioene")
            after = [o for o in others if o.start >= e.end and o.start < end]
            if after:  # "Tim Bos van Royal Zaanstad": the name ends before the club
                club = min(after, key=lambda o: o.start)
                cut = club.start
                while cut > e.end and doc[cut - 1].text in _PARTICLES:
                    cut -= 1
                # but "Benjamin van Leer" is no "Benjamin" of a club "Leer": a given name
                # alone before "van" and one word is a name with a particle
                if not (cut - start == 1 and len(club) == 1 and club.end == end):
                    end = cut
        while end - start > 1 and (doc[end - 1].text in ("-", "‐") or (
                doc[end - 1].text in _PARTICLES and doc[end - 1].text.islower())):
            end -= 1  # never a dangling hyphen or particle ("versloeg Kramer de Fries X")
        people.append((start, end))
    for e in ents:
        if e.label_ != "PERSON" or e.start in used:
            continue
        if any(s < e.end and e.start < t for s, t in people):
            continue
        words = [t for t in e if not t.is_punct]
        if not words or all(stop(t.text) for t in words) or stop(e.text) \
                or not e.text[:1].isupper():
            continue  # "South Korea" is a country, whatever the recogniser says
        if any(t.text[:1].islower() and t.text not in _PARTICLES and t.text not in _JOINERS
               for t in words):
            continue  # "Naast de uitleenbeurt": a lower-case word that is no particle
        end = e.end
        while end - e.start > 1 and descriptor(doc[end - 1].text):
            end -= 1  # "Bos Nederlands kampioene": the name ends before the nationality
        people.append((e.start, end))
    # one name, one type per article: a surname or name read as a person elsewhere stays one
    names = {doc[s:t].text for s, t in people}
    names |= {doc[t - 1].text for s, t in people if t - s > 1}
    people.extend(run for run in vetoed if doc[run[0]:run[1]].text in names)
    people = _split_after_surname(doc, sorted(people))
    typed = [
        (e.start, e.end, NER_TYPES[e.label_])
        for e in ents
        if e.label_ in NER_TYPES and e.text[:1].isupper() and not RANKING.fullmatch(e.text)
        and not any(s < e.end and e.start < t for s, t in people)
    ]
    return people, typed


def _split_after_surname(doc: Doc, people: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs that start with the surname of someone named in full before and go on with a
    name of two words are two people: "versloeg Kramer Jan Bos" (a verb-second clause puts
    the subject, here by surname, right before the object)."""
    out: list[tuple[int, int]] = []
    surnames: set[str] = set()
    for start, end in people:
        if end - start >= 3 and doc[start].text in surnames and all(
                doc[k].text[:1].isupper() for k in range(start + 1, end)):
            out.extend([(start, start + 1), (start + 1, end)])
            continue
        out.append((start, end))
        if end - start >= 2:
            surnames.add(doc[end - 1].text)
    return out


_JOINERS = frozenset({"'", "’", "-", "‐", "'t", "’t", "Jr.", "Sr.", "jr.", "sr."})


def _name_part(doc: Doc, i: int) -> bool:
    """Whether token i can continue a name: capitalised, or a joiner ("'", "-", "'t", "Jr.")."""
    text = doc[i].text
    if text in _JOINERS or (text[:1].isupper() and not doc[i].is_punct):
        return True
    # particles, one or more, before a capital: "van Dijk", "van der Meer", "van den Berg"
    j = i
    while j < len(doc) and j - i < 3 and doc[j].text in _PARTICLES:
        j += 1
    return j > i and j < len(doc) and doc[j].text[:1].isupper()


_PARTICLES = frozenset({"de", "van", "der", "den", "ter", "te", "t", "het"})


def _syllable(doc: Doc, i: int) -> bool:
    """Whether token i is the lower-case second half of a hyphenated given name that the
    tokenizer split off ("Sang-hwa", "Min-jeong"): glued to a hyphen after a capital."""
    return (i >= 2 and doc[i - 1].text in ("-", "‐") and not doc[i - 1].whitespace_
            and not doc[i - 2].whitespace_ and doc[i - 2].text[:1].isupper()
            and doc[i].text.isalpha() and doc[i].text.islower())


def _after_role(doc: Doc, start: int, end: int, team_role: Callable[[str], bool]
                ) -> tuple[int, int] | None:
    """A run's part after its last team-role word ("Roda JC-keeper Tom van Leer": "Tom van
    Leer"), the run when it has none, None when it ends in one ("Ferrari-coureur")."""
    if team_role(doc[end - 1].text):
        return None
    return next(((i + 1, end) for i in range(end - 2, start - 1, -1) if team_role(doc[i].text)),
                (start, end))


def _after_team_role(doc: Doc, ent: Span, team_role: Callable[[str], bool]) -> Span:
    """The person a span names after a team's role word inside it ("Red Bull-coureur Tom
    Bakker": "Tom Bakker"), or the span as it is."""
    from spacy.tokens import Span

    for i in range(ent.start, ent.end - 1):
        if team_role(doc[i].text) and all(t.text[:1].isupper() or t.text in _PARTICLES
                                          for t in doc[i + 1 : ent.end]):
            return Span(doc, i + 1, ent.end, label="PERSON")
    return ent


_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX", "ADJ", "ADV"})
"""Parts of speech of lower-case words that end no name ("met", "de", "en", "die", "vorig",
"ook"); a lower-case noun may ("WK afstanden", which the parser may even read as a verb)."""


def _ends_no_name(token: Token) -> bool:
    """Whether a lower-case word cannot end a name: a function word, or a participle
    ("het Europees kampioenschap gewonnen": the event ends before the verb)."""
    return token.text.islower() and (token.pos_ in _FUNCTION_POS or (
        token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm", [])))


_MATCH_NOUNS = ("finale", "final", "wedstrijd", "match", "duel", "partij", "eindstrijd")
"""Nouns of a match, after which "van"/"against" names the opponent."""
_OPPONENT_WORDS = frozenset({"van", "tegen", "against", "over"})


def _before_opponent(doc: Doc, ent: Span) -> Span:
    """An event span that runs on over the opponent of its match ("de WK-finale van Kees
    Mol", "the final against Tom Hale") ends before them: the opponent is a person."""
    if ent.label_ != "EVENT":
        return ent
    for i in range(ent.start, ent.end - 2):
        if _opponent_after(doc, i) and doc[i + 2].text[:1].isupper():
            from spacy.tokens import Span

            return Span(doc, ent.start, i + 1, label=ent.label_)
    return ent


def _opponent_after(doc: Doc, i: int) -> bool:
    """Whether token `i` is a match noun followed by the word that names its opponent
    ("finale van", "WK-finale van", "final against")."""
    return i + 1 < len(doc) and doc[i].lower_.endswith(_MATCH_NOUNS) and \
        doc[i + 1].lower_ in _OPPONENT_WORDS


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _spaced_dash(doc: Doc, i: int) -> bool:
    """Whether token i is a dash with a space on both sides: it parts two phrases (a
    dateline and its text, two sides of a match) and is never inside a name ("Anne-Marie")."""
    return doc[i].text in _DASHES and i > 0 and bool(doc[i - 1].whitespace_) and \
        bool(doc[i].whitespace_)


def _trimmed(doc: Doc, ent: Span) -> Span | None:
    """An entity span without the spaces and punctuation the recogniser left at its ends, nor
    a lower-case function word, adjective or adverb at its end ("het EK met de ploeg": the
    event is "EK"). A person span that runs over a spaced dash is the name after it ("Lyon -
    Jan Smit won": the dateline before it is no part of the name)."""
    start, end = ent.start, ent.end
    if ent.label_ == "PERSON":
        start = next((i + 1 for i in range(end - 2, start - 1, -1) if _spaced_dash(doc, i)),
                     start)
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct or (
            end - start > 1 and _ends_no_name(doc[end - 1]))):
        end -= 1
    if start == end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    from spacy.tokens import Span

    return Span(doc, start, end, label=ent.label_)


def _untaken(doc: Doc, taken: list[bool], start: int, end: int) -> tuple[int, int]:
    """The part of a recogniser's span before the words another mention holds at its end,
    when that part opens with a capital ("het EK hockey": the event "EK" before the sport);
    an empty range when its first word is held, or a held word sits inside it ("Grote Prijs
    Formule 1 van Oostenrijk" is no "Grote Prijs")."""
    cut = next((k for k in range(start, end) if taken[k]), end)
    if not all(taken[cut:end]):
        return start, start
    while cut > start and (doc[cut - 1].is_punct or doc[cut - 1].is_space or
                           _ends_no_name(doc[cut - 1])):
        cut -= 1
    if cut == start or not doc[start].text[:1].isupper():
        return start, start
    return start, cut


def person_mentions(doc: Doc) -> list[Span]:
    """The person mentions of a doc, in order."""
    if MENTIONS_KEY not in doc.spans:
        return []
    return [s for s in doc.spans[MENTIONS_KEY] if s.label_ == "person"]
