"""Invented articles and facts on which the Wikidata-style example queries are answered.

Eight short news items of our own writing about invented athletes. Between them:
one medal stated by two articles (one statement, two references), a world record
set twice (the newer is preferred), an engagement followed by a marriage (the
engagement becomes deprecated) next to an engagement that still holds, dates at
year, month and day precision, and race times.
"""

from __future__ import annotations

from sportkg.model import Article, Entity, Evidence, LiteralValue, Statement

BASE = "https://w3id.org/sportkg/entity/"

FENNA = Entity(BASE + "fenna-de-groot", "Fenna de Groot", type="person")
BAS = Entity(BASE + "bas-verhoef", "Bas Verhoef", type="person")
MIRRE = Entity(BASE + "mirre-jansen", "Mirre Jansen", type="person")
LUUK = Entity(BASE + "luuk-smit", "Luuk Smit", type="person")
KOFI = Entity(BASE + "kofi-mensah", "Kofi Mensah", type="person")
POLDERWIND = Entity(BASE + "team-polderwind", "Team Polderwind", type="team")
RABO_NOORD = Entity(BASE + "rabo-noord", "Rabo Noord", type="team")

NETHERLANDS = Entity.from_qid("Q55", "Netherlands", "country")
GOLD = Entity.from_qid("Q15243387", "Olympic gold medal", "award")
SILVER = Entity.from_qid("Q15889641", "Olympic silver medal", "award")
SPEED_SKATER = Entity.from_qid("Q10866633", "speed skater", "occupation")
EUROPEAN_CHAMPION = Entity(BASE + "award/european-champion-1500-m",
                           "European champion 1500 m", type="award")
HURDLES_RECORD = Entity(BASE + "record/world-record-400-m-hurdles",
                        "world record 400 m hurdles", type="record")

WOMEN_3000 = Entity(BASE + "event/women-s-3000-m-2026-winter-olympics",
                    "women's 3000 m, 2026 Winter Olympics", type="event")
WOMEN_1500 = Entity(BASE + "event/women-s-1500-m-2026-winter-olympics",
                    "women's 1500 m, 2026 Winter Olympics", type="event")
EC_1500 = Entity(BASE + "event/women-s-1500-m-2025-european-championships",
                 "women's 1500 m, 2025 European Championships", type="event")
BISLETT = Entity(BASE + "event/men-s-400-m-hurdles-2025-bislett-games",
                 "men's 400 m hurdles, 2025 Bislett Games", type="event")
ZURICH = Entity(BASE + "event/men-s-400-m-hurdles-2026-weltklasse-zurich",
                "men's 400 m hurdles, 2026 Weltklasse Zürich", type="event")

URL_FENNA_NL = "https://example.org/nl/sport/de-groot-goud"
URL_FENNA_EN = "https://example.org/en/sport/de-groot-gold"
URL_WEDDING = "https://example.org/nl/sport/bruiloft-de-groot"
URL_MENSAH_2025 = "https://example.org/en/athletics/mensah-record"
URL_MENSAH_2026 = "https://example.org/en/athletics/mensah-lowers-record"
URL_MIRRE = "https://example.org/nl/sport/jansen-europees-kampioen"
URL_SMIT = "https://example.org/en/cycling/smit-joins-polderwind"


def day(text: str) -> LiteralValue:
    """A date known to the day."""
    return LiteralValue(text, "date", "day")


def month(text: str) -> LiteralValue:
    """A date known to the month."""
    return LiteralValue(text, "date", "month")


def year(text: str) -> LiteralValue:
    """A date known to the year."""
    return LiteralValue(text, "date", "year")


def _article(doc: str, lang: str, date: str, sentences: list[str],
             url: str | None) -> tuple[Article, list[Evidence]]:
    """An article of the given sentences and one Evidence per sentence."""
    text = " ".join(sentences)
    article = Article(doc, text, lang, date, doc + ".txt", url=url)
    evidence = []
    start = 0
    for sentence in sentences:
        evidence.append(Evidence(doc + ".txt", sentence, start, start + len(sentence),
                                 "sportkg_test", date, url=url))
        start += len(sentence) + 1
    return article, evidence


def wikidata_articles() -> list[tuple[Article, list[Statement]]]:
    """[(Article, [Statement, ...]), ...]: the eight invented articles and their facts."""
    out: list[tuple[Article, list[Statement]]] = []

    def add(doc: str, lang: str, date: str, url: str | None,
            facts: list[tuple[str, list[tuple[Entity, str, Entity | LiteralValue,
                                              dict[str, Entity | LiteralValue]]]]]) -> None:
        article, evidence = _article(doc, lang, date, [sentence for sentence, _ in facts], url)
        statements = [
            Statement(doc, article.hash, subject, prop, value, ev, 0.9, qualifiers)
            for (_, claims), ev in zip(facts, evidence, strict=True)
            for subject, prop, value, qualifiers in claims
        ]
        out.append((article, statements))

    gold_3000 = (FENNA, "P166", GOLD, {"P585": day("2026-02-07"), "P1344": WOMEN_3000})
    add("nl_degroot_goud", "nl", "2026-02-07", URL_FENNA_NL, [
        ("Fenna de Groot won zaterdag goud op de 3000 meter in Milaan.", [gold_3000]),
        ("De Nederlandse schaatsster reed een olympisch record.",
         [(FENNA, "P27", NETHERLANDS, {}), (FENNA, "P106", SPEED_SKATER, {})]),
    ])
    add("en_degroot_gold", "en", "2026-02-08", URL_FENNA_EN, [
        ("Dutch skater Fenna de Groot took gold in the 3000 m in Milan on Saturday.",
         [gold_3000]),
    ])
    add("nl_verlovingen", "nl", "2024-05-20", None, [
        ("Schaatsster Fenna de Groot is verloofd met Bas Verhoef.",
         [(FENNA, "sk:engagedTo", BAS, {})]),
        ("Ook Mirre Jansen en wielrenner Luuk Smit maakten hun verloving bekend.",
         [(MIRRE, "sk:engagedTo", LUUK, {})]),
    ])
    add("nl_bruiloft", "nl", "2025-09-15", URL_WEDDING, [
        ("Fenna de Groot en Bas Verhoef zijn in september 2025 getrouwd.",
         [(FENNA, "P26", BAS, {"P580": month("2025-09")})]),
    ])
    add("en_mensah_record", "en", "2025-06-15", URL_MENSAH_2025, [
        ("Kofi Mensah won the 400 m hurdles at the Bislett Games on 14 June 2025 "
         "in a world record of 46.80.",
         [(KOFI, "P1000", HURDLES_RECORD,
           {"P2781": LiteralValue(46.8, "quantity", unit="s"), "P585": day("2025-06-14")}),
          (KOFI, "sk:won", BISLETT, {"P585": day("2025-06-14")})]),
    ])
    add("en_mensah_lowers", "en", "2026-07-03", URL_MENSAH_2026, [
        ("Mensah lowered his own world record to 46.52 in Zürich on 2 July 2026.",
         [(KOFI, "P1000", HURDLES_RECORD,
           {"P2781": LiteralValue(46.52, "quantity", unit="s"), "P585": day("2026-07-02")}),
          (KOFI, "sk:won", ZURICH, {"P585": day("2026-07-02")})]),
    ])
    add("nl_jansen", "nl", "2026-02-20", URL_MIRRE, [
        ("Mirre Jansen, Europees kampioen van 2025 op de 1500 meter, pakte zilver in Milaan.",
         [(MIRRE, "P27", NETHERLANDS, {}),
          (MIRRE, "P166", EUROPEAN_CHAMPION, {"P585": year("2025"), "P1344": EC_1500}),
          (MIRRE, "sk:won", EC_1500, {"P585": year("2025")}),
          (MIRRE, "P166", SILVER, {"P585": day("2026-02-17"), "P1344": WOMEN_1500})]),
    ])
    add("en_smit_transfer", "en", "2024-03-02", URL_SMIT, [
        ("Luuk Smit joined Team Polderwind in March 2024 after riding for Rabo Noord "
         "since 2022.",
         [(LUUK, "P27", NETHERLANDS, {}),
          (LUUK, "P54", POLDERWIND, {"P580": month("2024-03")}),
          (LUUK, "P54", RABO_NOORD, {"P580": year("2022"), "P582": month("2024-03")})]),
    ])
    return out
