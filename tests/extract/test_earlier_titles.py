"""Titles and medals get the date, place and event of their own race, not of the article."""

from __future__ import annotations

from sportkg.model import Article
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp


def titles(lang: str, text: str) -> dict[str, dict[str, object]]:
    article = Article(id="t", text=text, lang=lang, date="2026-03-01")
    return {s.subject.label: dict(s.qualifiers)
            for s in extract_article(cached_nlp(lang, linker=False), article)
            if s.property == "P166"}


def test_a_repeated_title_describing_a_loser_is_not_dated_to_the_final() -> None:
    found = titles("en", "Tom Ward won the final of the World Championship in London on "
                         "Sunday. He beat Dirk Maas, the Dutch three-time world champion, 7-4.")
    assert "Dirk Maas" in found
    assert not {"P585", "P1344", "P276"} & set(found["Dirk Maas"])


def test_a_title_of_an_undated_decade_takes_no_date_of_the_article() -> None:
    found = titles("nl", "Bokser Rick Jansen won zaterdag in Zwolle de Europese titel. Hij is "
                         "de zoon van oud-bokser Gert Jansen, die in de jaren tachtig zelf "
                         "Nederlands kampioen was.")
    assert "P585" in found["Rick Jansen"]  # today's title keeps its day
    assert "Gert Jansen" in found and "P585" not in found["Gert Jansen"]


def test_a_lead_takes_the_race_its_next_sentence_names() -> None:
    text = ("Femke Jansen heeft zaterdag op de Olympische Spelen in Milaan de gouden medaille "
            "gewonnen. De schaatsster won de massastart na een lange ontsnapping. Op de 3000 meter "
            "werd ze eerder vierde. Op de 3000 meter reed ze wel een persoonlijk record.")
    article = Article(id="t", text=text, lang="nl", date="2026-02-21")
    medals = [s for s in extract_article(cached_nlp("nl", linker=False), article)
              if s.property == "P166"]
    events = [dict(s.qualifiers)["P1344"].label for s in medals]  # type: ignore[union-attr]
    assert events and all("mass start" in e and "3000" not in e for e in events)


def test_a_medal_in_a_one_sport_article_gives_the_sport() -> None:
    text = ("Schaatsster Eva Lind won zondag op het EK schaatsen in Thialf goud op de 1500 "
            "meter. De Noorse Kari Holm pakte zilver. Het schaatsen trok veel publiek.")
    article = Article(id="t", text=text, lang="nl", date="2026-03-01")
    sports = {s.subject.label: s.value.label  # type: ignore[union-attr]
              for s in extract_article(cached_nlp("nl", linker=False), article)
              if s.property == "P641"}
    assert sports.get("Kari Holm") == "speed skating"
