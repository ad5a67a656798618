"""Titles won before the article's day keep no date, place or event of the article's day."""

from __future__ import annotations

from sportkg.extract.nlp import load_nlp
from sportkg.model import Article
from sportkg.pipeline import extract_article


def titles(lang: str, text: str) -> dict[str, dict[str, object]]:
    article = Article(id="t", text=text, lang=lang, date="2026-03-01")
    return {s.subject.label: dict(s.qualifiers)
            for s in extract_article(load_nlp(lang, linker=False), article)
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
