"""Within-article name coreference: every person mention gets the fullest name it refers to.

`NameCoref` (component `sportkg_coref`) reads the person mentions of
`doc.spans["sportkg_mentions"]` and writes `doc.user_data["sportkg_canonical"]`:
(start_char, end_char) -> fullest name. A surname ("Leerdam"), a surname with
its particles ("Van der Poel") or a first name ("Femke") refers back (or
forward) to the full name that has it; when several full names share it, the
one mentioned most often wins (ties: the first mentioned). A capitalised word
that opens a sentence and is not a known name ("Relatie") is dropped, and a
sentence-initial adjective before a known name ("Trotse Jake Paul") is trimmed.

Examples:
    >>> import spacy
    >>> nlp = spacy.blank("nl")
    >>> for name in ("sportkg_sentences", "sportkg_mentions", "sportkg_coref"):
    ...     _ = nlp.add_pipe(name)
    >>> doc = nlp("Femke van der Pol won. Van der Pol juichte en Femke lachte.")
    >>> sorted(set(doc.user_data["sportkg_canonical"].values()))
    ['Femke van der Pol']
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..iris import fold
from .mentions import INTRODUCERS, MENTIONS_KEY
from .relations.lexicon import Lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

CANONICAL_KEY = "sportkg_canonical"
"""The `doc.user_data` key of the canonical names."""



class NameCoref:
    """Resolves short person names to full names within one article (`sportkg_coref`)."""

    def __init__(self, nlp: Language | None = None, name: str = "sportkg_coref") -> None:
        self.name = name
        self.lexicon = Lexicon.load()

    def _is_particle(self, word: str) -> bool:
        return self.lexicon.contains("particle", "*", word.lower())

    def _name_words(self, span: Span) -> list[str]:
        return [t.text for t in span if not self._is_particle(t.text)]

    def _not_a_name(self, word: str) -> bool:
        """Adjectives of place ("Bredase") and role compounds ("Liverpool-aanvoerder")."""
        if "-" in word and word.rsplit("-", 1)[1].islower():
            return True
        return len(word) > 5 and word.endswith(("se", "sche")) and word[0].isupper()

    def _introduced(self, span: Span) -> bool:
        """Whether a lone name follows a kinship or role word, is followed by an age, or
        holds a numbered place of a result list."""
        doc = span.doc
        prev = doc[span.start - 1].text.lower() if span.start > 0 else ""
        nxt = doc[span.end].text if span.end < len(doc) else ""
        if prev in (",", ":") and span.start > 1:
            prev = doc[span.start - 2].text.lower()  # "een dochter: Mila", "their son, Felix"
        prev = prev.strip(",:")
        if prev in INTRODUCERS or self.lexicon.contains("role", "nl", prev) or \
                self.lexicon.contains("role", "en", prev):
            return True
        if prev in ("en", "and") and span.start > 2 and doc[span.start - 3].text.lower().strip(
            ",:"
        ) in ("ouders", "parents"):
            return True  # "zijn ouders Bert en Anja"
        aged = re.search(r"(?:jarige|year-old)\s*$", doc.text[max(0, span.start_char - 30):
                                                           span.start_char])
        if aged is not None and (not nxt or nxt in ".,;:!?)") and \
                not self._not_a_name(span.text):
            return True  # "een zoon, de zesjarige Luuk."
        if nxt == "(" and span.start >= 2 and doc[span.start - 1].text == "." and \
                doc[span.start - 2].is_digit:
            return True  # a place of a result list: "4. Penn (Williams)"
        return nxt == "(" and span.end + 1 < len(doc) and doc[span.end + 1].text.isdigit()

    def __call__(self, doc: Doc) -> Doc:
        """Trim, drop and resolve person mentions; write the canonical names."""
        from spacy.tokens import Span

        spans = list(doc.spans[MENTIONS_KEY]) if MENTIONS_KEY in doc.spans else []
        lower_words = {t.text for t in doc if t.text.islower()}
        people = [s for s in spans if s.label_ == "person"]
        others = [s for s in spans if s.label_ != "person"]
        fulls = {s.text for s in people if len(self._name_words(s)) >= 2}
        kept: list[Span] = []
        for span in people:
            while len(span) >= 2 and not self._is_particle(span[0].text):
                tail = span[1:]
                head = span[0].text
                initial = span[0].is_sent_start
                if (initial and (tail.text in fulls or head.lower() in lower_words)) \
                        or (len(span) >= 3 and self._not_a_name(head)) \
                        or (initial and len(span) == 3 and not any(
                            self._is_particle(t.text) for t in span)):
                    span = Span(doc, tail.start, tail.end, label="person")
                    continue
                break
            kept.append(span)
        fulls = {s.text for s in kept if len(self._name_words(s)) >= 2}
        counts = Counter(s.text for s in kept if s.text in fulls)
        first: dict[str, int] = {}
        for s in kept:
            if s.text in fulls:
                first.setdefault(s.text, s.start)
        index: dict[str, list[str]] = {}
        for full in fulls:
            words = full.split()
            keys = {words[-1], words[0]}
            for i in range(1, len(words) - 1):
                if self._is_particle(words[i]):
                    keys.add(" ".join(words[i:]))
                    break
            for key in keys:
                index.setdefault(fold(key), []).append(full)
        # a full name that is part of a longer one ("Sang-hwa Lee" aside) points to it
        canonical_full: dict[str, str] = {}
        for full in fulls:
            longer = [f for f in fulls if f != full and f.endswith(" " + full)]
            canonical_full[full] = longer[0] if len(longer) == 1 else full
        canonical: dict[tuple[int, int], str] = {}
        final: list[Span] = []
        recurring = _recurring_people(doc, kept)
        for span in kept:
            text = span.text
            if text in fulls:
                name = canonical_full[text]
            else:
                options = index.get(fold(text), [])
                if options:
                    options.sort(key=lambda f: (-counts[f], first[f]))
                    name = canonical_full[options[0]]
                elif text in recurring and text.lower() not in lower_words:
                    name = text  # "Castellani" again and again: the article names him so
                elif span[0].is_sent_start or text.lower() in lower_words:
                    continue
                elif len(span) == 1 and not self._introduced(span):
                    continue
                else:
                    name = text
            canonical[(span.start_char, span.end_char)] = name
            final.append(span)
        merged = sorted([*final, *others], key=lambda s: (s.start, s.end))
        doc.spans[MENTIONS_KEY] = merged
        doc.user_data[CANONICAL_KEY] = canonical
        return doc


RECURRING = 3
"""How often the recogniser must read a lone name as a person for it to stand alone."""


def _recurring_people(doc: Doc, spans: list[Span]) -> set[str]:
    """One-word names the recogniser reads as a person at least `RECURRING` times: a
    person the article only ever names by one name ("Castellani" in every sentence)."""
    read = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"}
    counts = Counter(s.text for s in spans if len(s) == 1 and (s.start, s.end) in read)
    return {text for text, n in counts.items() if n >= RECURRING}
