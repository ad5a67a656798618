"""The word lists the extractors use, read from `lexicon.tsv` (one entry per line).

Columns: kind, lang ("nl", "en" or "*" for both), surface form, English label,
Wikidata QID (only IDs from the project's verified list), extra (kind-specific:
for roles and named events the sport as "label/qid", for Olympic hosts "year/season").

Kinds: role (occupation words), sport, sport_stem (the first part of a Dutch
compound that names its sport: "roei" in "roeiploeg"), team_sport (sports played by
national sides), position (player positions several team sports share: "doelman",
"defender"; they name no sport), not_role (compounds that end in a role word but are
none: "titelverdediger"), race_suffix (what follows a distance to name its event:
"400 m hurdles", "200 m vrije slag": freestyle), demonym, country, place, olympic_host,
medal (metal of a medal word), nonperson (capitalised words that are never part
of a person's name), venue (Dutch words that end a compound naming a place of sport,
"Kees Smitstadion": such a compound is no part of a name either; the English "Arena",
"Theatre" are whole nonperson words, since a surname may end in "arena"), stopcap
(capitalised function words), particle (name particles such as "van der"),
championship_name (a sport's world or European championship by its own name: surface
"world|european SPORT [men|women]", extra "year last" where the year follows it).

Examples:
    >>> lex = Lexicon.load()
    >>> lex.lookup("role", "nl", "schaatsster").label
    'speed skater'
    >>> lex.lookup("demonym", "en", "Dutch").qid
    'Q55'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...errors import ConfigError
from ...iris import fold

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon.tsv"


@dataclass(frozen=True)
class Entry:
    """One lexicon line."""

    kind: str
    lang: str
    surface: str
    label: str
    qid: str | None
    extra: str


class Lexicon:
    """Entries by kind and language, looked up by folded surface form."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by: dict[tuple[str, str], dict[str, Entry]] = {}
        self._finders: dict[tuple[str, str, bool, bool], re.Pattern[str] | None] = {}
        for entry in entries:
            langs = ("nl", "en") if entry.lang == "*" else (entry.lang,)
            for lang in langs:
                table = self._by.setdefault((entry.kind, lang), {})
                table.setdefault(_fold(entry.surface), entry)

    @classmethod
    def load(cls, path: Path = LEXICON_PATH) -> Lexicon:
        """Read the lexicon TSV (cached for the default path)."""
        if path == LEXICON_PATH:
            return _default()
        return cls(_read(path))

    def lookup(self, kind: str, lang: str, surface: str) -> Entry | None:
        """The entry of `kind` for `surface` (accent- and case-insensitive), or None."""
        return self._by.get((kind, _lang(lang)), {}).get(_fold(surface))

    def finder(
        self, kind: str, lang: str, *, ignore_case: bool = True, suffix: bool = False
    ) -> re.Pattern[str] | None:
        """One compiled regex matching any surface of a kind as a whole word (group "w").

        With `suffix`, a word may also end in the surface ("topschaatsster"). None when
        the kind has no entries. Compiled once per (kind, lang, options).
        """
        key = (kind, _lang(lang), ignore_case, suffix)
        if key not in self._finders:
            alternation = self.alternation(kind, lang, ignore_case=ignore_case)
            if not alternation:
                self._finders[key] = None
            else:
                prefix = r"\w*?" if suffix else ""
                self._finders[key] = re.compile(
                    rf"(?<!\w){prefix}(?P<w>{alternation})(?!\w)",
                    re.IGNORECASE if ignore_case else 0,
                )
        return self._finders[key]

    def find_all(self, kind: str, lang: str, text: str, **options: bool) -> list[Entry]:
        """The entries of a kind named in `text`, in order (see `finder`)."""
        pattern = self.finder(kind, lang, **options)
        if pattern is None:
            return []
        out = []
        for m in pattern.finditer(text):
            entry = self.lookup(kind, lang, m.group("w"))
            if entry is not None:
                out.append(entry)
        return out

    def surfaces(self, kind: str, lang: str) -> list[str]:
        """All surface forms of a kind, longest first (for regex alternations)."""
        table = self._by.get((kind, _lang(lang)), {})
        return sorted({e.surface for e in table.values()}, key=lambda s: (-len(s), s))

    def alternation(self, kind: str, lang: str, *, ignore_case: bool = True) -> str:
        """A regex alternation (no group) matching every surface form of a kind.

        Written as a trie ("Neder(?:landse|lander)"), so the engine drops a branch at its
        first wrong letter instead of trying each of hundreds of surfaces in turn; a longer
        surface is still tried before a shorter one it starts with. With `ignore_case` the
        trie merges letters that differ only in case (the regex must then ignore case too).
        """
        return trie_alternation(self.surfaces(kind, lang), ignore_case=ignore_case)

    def entries(self, kind: str) -> list[Entry]:
        """Every entry of a kind, in both languages, each once."""
        seen: dict[int, Entry] = {}
        for (k, _), table in self._by.items():
            if k == kind:
                for entry in table.values():
                    seen.setdefault(id(entry), entry)
        return list(seen.values())

    def keys(self, kind: str, lang: str) -> list[str]:
        """The folded surfaces of a kind (the keys `lookup` compares with)."""
        return list(self._by.get((kind, _lang(lang)), {}))

    def plural_of(self, kind: str, lang: str, word: str) -> Entry | None:
        """The entry whose plural `word` is, brought back to the singular by the language's
        plural endings ("Belgen" → "Belg", "Noren" → "Noor", "Fransen" → "Fransman",
        "Canadezen" → "Canadees", "Frenchmen" → "Frenchman", "Americans" → "American");
        None for a word that is no such plural. A Dutch long vowel the plural wrote short
        is doubled again."""
        lang = _lang(lang)
        for ending, singular in PLURAL_ENDINGS.get(lang, ()):
            if not word.endswith(ending) or len(word) <= len(ending) + 2:
                continue
            stem = word[: -len(ending)] + singular
            candidates = [stem]
            if lang == "nl" and len(stem) >= 2 and stem[-2] in "aeou":
                candidates.append(stem[:-1] + stem[-2] + stem[-1])  # "Nor" → "Noor"
            if lang == "nl" and singular == "s" and len(stem) >= 2:
                candidates.append(stem[:-2] + stem[-2] + "es")  # "Canades" → "Canadees"
            for candidate in candidates:
                entry = self.lookup(kind, lang, candidate)
                if entry is not None:
                    return entry
        return None

    def contains(self, kind: str, lang: str, surface: str) -> bool:
        """Whether `surface` is an entry of `kind`."""
        return self.lookup(kind, lang, surface) is not None

    def ends_in(self, kind: str, lang: str, word: str) -> bool:
        """Whether `word` is a surface of `kind` or a compound ending in one
        ("Smitstadion" ends in "stadion")."""
        pattern = self.finder(kind, lang, suffix=True)
        return pattern is not None and pattern.fullmatch(word) is not None


_Trie = dict[str, "_Trie"]
"""A trie of words: a letter to the rest; the key "" marks a word that ends here."""


PLURAL_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "nl": (("sen", "sman"), ("iërs", "iër"), ("ers", "er"), ("anen", "aan"), ("zen", "s"),
           ("en", "")),
    "en": (("men", "man"), ("s", "")),
}
"""Plural endings of nouns and what their singular ends in, longest first ("Fransen" →
"Fransman", "Amerikanen" → "Amerikaan", "Canadezen" → "Canades", made "Canadees")."""


def trie_alternation(words: Iterable[str], *, ignore_case: bool = True) -> str:
    """A regex (no group) matching any of `words`, longest first, shared prefixes written
    once; a space in a word matches any run of whitespace.

    Examples:
        >>> trie_alternation(["Belg", "Belgische", "Brit"])
        'b(?:elg(?:ische)?|rit)'
    """
    root: _Trie = {}
    for word in words:
        node = root
        for char in word:
            key = char.lower() if ignore_case and len(char.lower()) == 1 else char
            node = node.setdefault(key, {})
        node[""] = {}
    return _render(root)


def _render(node: _Trie) -> str:
    """The regex of a trie node: its branches, optional when a word ends here."""
    branches = [(r"\s+" if char == " " else re.escape(char)) + _render(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    alternation = "(?:" + "|".join(branches) + ")"
    return alternation + "?" if "" in node else alternation


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    return fold(text)


def _lang(lang: str) -> str:
    return lang if lang in ("nl", "en") else "en"


def _read(path: Path) -> list[Entry]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc.strerror}") from exc
    out: list[Entry] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 6:
            raise ConfigError(f"{path}:{number}: expected 6 tab-separated columns")
        kind, lang, surface, label, qid, extra = parts
        out.append(Entry(kind, lang, surface, label, qid or None, extra))
    return out


@lru_cache(maxsize=1)
def _default() -> Lexicon:
    return Lexicon(_read(LEXICON_PATH))
