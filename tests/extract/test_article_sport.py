"""The article's sport: counted from sport words, occupation words and Dutch compounds."""

from __future__ import annotations

from sportkg.extract.relations.engine import _article_sport, sport_counts


def _sport(text: str, lang: str) -> str | None:
    found = _article_sport(sport_counts(text, lang))
    return found.label if found else None


def test_a_dutch_compound_names_its_sport() -> None:
    text = ("De roeiploeg trainde deze week op de Bosbaan. "
            "Donderdag staat een tijdrit in de dubbelvier op het programma.")
    assert sport_counts(text, "nl")[("rowing", "")] == 1
    assert _sport(text, "nl") == "rowing"


def test_plural_and_feminine_compounds_count_once_each() -> None:
    text = "De korfballers wonnen, de waterpolosters verloren en de korfbalbond was blij."
    counts = sport_counts(text, "nl")
    assert counts[("korfball", "")] == 2
    assert counts[("water polo", "")] == 1
    assert _sport(text, "nl") == "korfball"


def test_a_stem_needs_a_word_after_it() -> None:
    # "zwemmen" is a sport word, counted once; a bare stem is no compound
    assert sport_counts("Zwemmen is gezond, zei de zwem.", "nl")[("swimming", "")] == 1


def test_one_mention_decides_when_no_other_sport_is_named() -> None:
    assert _sport("Mara Veld won the cyclo-cross race in Namur.", "en") == "cyclo-cross"


def test_a_tie_between_sports_gives_no_article_sport() -> None:
    assert _sport("She played tennis before she took up athletics.", "en") is None


def test_track_cyclists_and_marathon_skaters_keep_their_discipline() -> None:
    assert _sport("De baanwielrenners reden naar goud.", "nl") == "track cycling"
    assert _sport("Het marathonschaatsen begint zaterdag.", "nl") == "marathon speed skating"


def test_the_games_of_2021_keep_their_name_and_a_host_inside_a_name_is_no_host() -> None:
    from sportkg.extract.relations.engine import olympic_edition

    from .conftest import processed

    _, context = processed("en", "Tom Paris and Ian Hale won the team pursuit at the "
                           "Olympics. It was a great day for cycling.", "2021-08-04")
    assert olympic_edition(context, context.sentences[0], "") == "2020 Summer Olympics"


def test_positions_shared_by_team_sports_name_a_sport_only_when_nothing_else_does() -> None:
    # "doelman" (goalkeeper) is a hockey word here; alone, it reads as football
    assert _sport("De hockeyers wonnen; doelman Piet Mol en verdediger Jan Kok waren sterk.",
                  "nl") == "field hockey"
    assert _sport("Doelman Piet Mol bleef aan bij de club.", "nl") == "association football"
    # a title holder ("titelverdediger") is no defender
    assert sport_counts("De titelverdediger won.", "nl") == {}


def test_a_named_race_or_tournament_names_its_sport() -> None:
    assert _sport("Mara Veld reached the final at Wimbledon on Friday.", "en") == "tennis"
    assert _sport("Tom Hale finished first in the Spanish Vuelta of 2021.", "en") == "cycling"
    from sportkg.extract.relations.lexicon import Lexicon

    entry = Lexicon.load().lookup("event_name", "en", "Spanish Vuelta")
    assert entry is not None and entry.label == "Vuelta a España"
