"""What the role words of the lexicon say of sports: the occupation of each sport, the sport
of each occupation, and the occupation a word of any sport names in an article's sport.

Read by the pattern families, the pair classifier's mentions, the person-attribute
classifier and the statements (one table for all of them: the `role` rows of
`lexicon.tsv`, with the sport each implies).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from .engine import Concept


@lru_cache(maxsize=1)
def _role_sports() -> Counter[tuple[str, str, str, str]]:
    """(occupation, its QID, sport, the sport's QID) → how many lexicon words say so."""
    from .lexicon import Lexicon

    counts: Counter[tuple[str, str, str, str]] = Counter()
    for entry in Lexicon.load().entries("role"):
        if "/" in entry.extra:
            sport, _, sport_qid = entry.extra.partition("/")
            counts[(entry.label, entry.qid or "", sport, sport_qid)] += 1
    return counts


@lru_cache(maxsize=1)
def athlete_of_sport() -> dict[str, tuple[str, str | None]]:
    """Sport label → the commonest occupation of that sport in the lexicon (label, QID)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for (occupation, qid, sport, _), n in _role_sports().items():
        counts[(sport, occupation, qid)] += n
    best: dict[str, tuple[str, str | None]] = {}
    for (sport, label, qid), _ in counts.most_common():
        best.setdefault(sport, (label, qid or None))
    return best


@lru_cache(maxsize=1)
def sport_of_occupation() -> dict[str, Concept]:
    """Occupation label → the sport most of its words imply in the lexicon ("speed skater"
    → speed skating, "cyclist" → cycling); occupations of no sport ("coach") are absent."""
    sports: dict[str, Counter[tuple[str, str]]] = {}
    for (occupation, _, sport, sport_qid), n in _role_sports().items():
        sports.setdefault(occupation, Counter())[(sport, sport_qid)] += n
    return {occupation: Concept(label, "sport", qid or None)
            for occupation, found in sports.items()
            for (label, qid), _ in found.most_common(1)}


def role_in_sport(lang: str, word: str, label: str, qid: str | None, sport: str,
                  article_sport: Concept | None) -> tuple[str, str | None, str]:
    """The occupation (label, QID, "sport/QID") a role word names in an article about
    `article_sport`: a word of any sport ("rider", "speelster", "international", "keeper":
    lexicon kinds `any_sport` and `position`) is an athlete of the article's sport when that
    has its own ("the Honda rider" in a MotoGP report: motorcycle racer, not cyclist); any
    other word keeps its own.

    Examples:
        >>> role_in_sport("en", "rider", "cyclist", None, "cycling/",
        ...               Concept("Grand Prix motorcycle racing", "sport"))
        ('motorcycle racer', None, 'Grand Prix motorcycle racing/')
        >>> role_in_sport("en", "sprinter", "sprinter", None, "", Concept("cycling", "sport"))
        ('sprinter', None, '')
    """
    from .lexicon import Lexicon

    own = sport.partition("/")[0]
    if article_sport is None or not own or own == article_sport.label:
        return label, qid, sport
    lexicon = Lexicon.load()
    athlete = athlete_of_sport().get(article_sport.label)
    if athlete is None:
        return label, qid, sport
    # a keeper or a defender plays a team sport; a player ("speelster", "international") a
    # sport of players; a rider ("renner", "coureur") one of riders and drivers
    if lexicon.contains("position", lang, word):
        fits = lexicon.contains("team_sport", "*", article_sport.label)
    elif lexicon.contains("any_sport", lang, word):
        kind = "player" if label.endswith("player") else "rider"
        fits = athlete[0].endswith("player") if kind == "player" else \
            athlete[0].endswith(_RIDERS)
    else:
        fits = False
    if not fits:
        return label, qid, sport
    return athlete[0], athlete[1], f"{article_sport.label}/{article_sport.qid or ''}"


_RIDERS = ("racer", "rider", "driver", "cyclist", "biker", "jumper")
"""How the athletes of the sports of riders and drivers are called."""
