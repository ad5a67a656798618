"""Podium and result lists: medals handed out in a row, numbered results, places in a row,
times in brackets; and the winner of a race beats the runner-up only."""

from __future__ import annotations

import pytest

from sportkg.model import Article
from sportkg.pipeline import extract_article

from ..conftest import cached_nlp


def _facts(lang: str, text: str, prop: str) -> set[tuple[str, str]]:
    statements = extract_article(cached_nlp(lang, pipeline="rules", linker=False),
                                 Article(id="x", text=text, lang=lang, date="2026-03-01"))
    return {(s.subject.label, str(getattr(s.value, "label", None) or s.value.value))  # type: ignore[union-attr]
            for s in statements if s.property == prop}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Gold went to Marta Kowal, silver to Julia Brandt and bronze to Sofie Lind."),
    ("nl", "Goud was er voor Marta Kowal, zilver voor Julia Brandt en brons voor Sofie Lind."),
    ("nl", "Goud ging naar Marta Kowal, zilver naar Julia Brandt en brons naar Sofie Lind."),
])
def test_each_medal_of_a_list_goes_to_its_own_person(lang: str, text: str) -> None:
    medals = _facts(lang, text, "P166")
    assert ("Marta Kowal", "gold medal") in medals
    assert ("Julia Brandt", "silver medal") in medals
    assert ("Sofie Lind", "bronze medal") in medals
    assert ("Marta Kowal", "silver medal") not in medals
    assert ("Julia Brandt", "bronze medal") not in medals


def test_a_participle_after_a_name_gives_that_name_the_medal() -> None:
    medals = _facts("en", "Marta Kowal took gold on Sunday, with Julia Brandt taking silver.",
                    "P166")
    assert medals == {("Marta Kowal", "gold medal"), ("Julia Brandt", "silver medal")}


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Results: 1. Marta Kowal 36.94, 2. Julia Brandt 37.10, 3. Sofie Lind 37.22."),
    ("en", "Marta Kowal (36.94), Julia Brandt (37.10) and Sofie Lind (37.22) made the podium."),
    ("nl", "De uitslag: Marta Kowal (36,94), Julia Brandt (37,10) en Sofie Lind (37,22)."),
    ("nl", "Marta Kowal, Julia Brandt en Sofie Lind reden de finale. Kowal werd eerste, "
           "Brandt tweede en Lind derde."),
])
def test_the_first_of_a_result_list_beat_the_second(lang: str, text: str) -> None:
    defeats = _facts(lang, text, "sk:defeated")
    assert ("Marta Kowal", "Julia Brandt") in defeats
    assert ("Julia Brandt", "Sofie Lind") not in defeats


def test_times_out_of_order_are_no_ranking() -> None:
    text = "Marta Kowal (37,10), Julia Brandt (36,94) en Sofie Lind (37,22) reden ook mee."
    assert _facts("nl", text, "sk:defeated") == set()


def test_the_winner_beat_the_runner_up_not_the_third() -> None:
    text = ("Anna Berg won zondag de marathon in Haaksbergen. Lotte Vos werd tweede. "
            "Eva Smit werd derde.")
    defeats = _facts("nl", text, "sk:defeated")
    assert ("Anna Berg", "Lotte Vos") in defeats
    assert ("Anna Berg", "Eva Smit") not in defeats and ("Lotte Vos", "Eva Smit") not in defeats


def test_a_number_closing_a_sentence_still_ends_it() -> None:
    nlp = cached_nlp("en", pipeline="rules", linker=False)
    doc = nlp("Marta Kowal finished 2. Julia Brandt won.")
    assert len(list(doc.sents)) == 2
    numbered = nlp("Results: 1. Marta Kowal, 2. Julia Brandt.")
    assert len(list(numbered.sents)) == 1


def test_a_medal_in_a_relative_clause_is_the_clause_owner_s() -> None:
    statements = extract_article(cached_nlp("nl", linker=False), Article(
        id="x", lang="nl", date="2026-03-01",
        text="Anna Berg versloeg in de finale Lotte Vos, die zilver pakte."))
    medals = {(s.subject.label, getattr(s.value, "label", "")) for s in statements
              if s.property == "P166"}
    assert ("Anna Berg", "silver medal") not in medals
    from sportkg.extract.relations.engine import ArticleContext
    from sportkg.extract.relations.pairs import candidates

    nlp = cached_nlp("nl", linker=False, pairs=False)
    doc = nlp("Anna Berg versloeg in de finale Lotte Vos, die zilver pakte.")
    pairs = {(c.subject.name, c.value.label) for c in candidates(doc, ArticleContext.of(doc))}
    assert ("Lotte Vos", "silver medal") in pairs and ("Anna Berg", "silver medal") not in pairs


def test_second_and_third_place_at_a_championship_are_medals() -> None:
    medals = _facts("nl", "Op de Olympische Spelen roeiden Lotte Vos en Eva Smit in de "
                          "dubbeltwee naar de tweede plek.", "P166")
    assert {("Lotte Vos", "Olympic silver medal"), ("Eva Smit", "Olympic silver medal")} <= medals
    medals = _facts("nl", "Op het WK won Anna Berg de 500 meter en Lotte Vos werd derde op de "
                          "1000 meter.", "P166")
    assert ("Lotte Vos", "bronze medal") in medals
    assert ("Anna Berg", "bronze medal") not in medals
    # "voor de tweede keer" is no place
    assert _facts("nl", "Op het WK werd Anna Berg voor de tweede keer kampioen.", "P166") <= {
        ("Anna Berg", "world champion")}


def test_a_falling_list_of_bracketed_numbers_is_a_tally_not_ages() -> None:
    tally = _facts("en", "Anna Berg, 27, now trails only Tom Hale (17), Rob Dunn (14), "
                         "Jim Rowe (14) and Ken Bell (12).", "sk:age")
    assert tally == {("Anna Berg", "27")}
    squad = _facts("en", "The squad: Tom Hale (24), Rob Dunn (27), Jim Rowe (22) and "
                         "Ken Bell (25).", "sk:age")
    assert ("Rob Dunn", "27") in squad and len(squad) == 4


def test_a_personal_best_is_no_record_held() -> None:
    assert _facts("nl", "Anna Berg reed een persoonlijk record op de 1500 meter.",
                  "P1000") == set()
    assert _facts("nl", "Anna Berg reed een wereldrecord op de 1500 meter.", "P1000") == {
        ("Anna Berg", "world record 1500 m")}


def test_the_dateline_gives_the_place_of_the_days_it_reports() -> None:
    from sportkg.extract.relations.engine import dateline_place

    assert dateline_place("HAMAR (ANP) - Anna Berg won", "nl").label == "Hamar"  # type: ignore[union-attr]
    assert dateline_place("ST. MORITZ, SWITZERLAND — Tom", "en").label == "St. Moritz"  # type: ignore[union-attr]
    assert dateline_place("OSLO May 2 Former", "en").label == "Oslo"  # type: ignore[union-attr]
    assert dateline_place("NOS - Anna Berg won", "nl") is None  # a broadcaster, not a place
    assert dateline_place("Anna Berg won", "nl") is None
    statements = extract_article(cached_nlp("nl", pipeline="rules", linker=False), Article(
        id="x", lang="nl", date="2026-03-01",
        text="HAMAR (ANP) - Anna Berg heeft zaterdag de 1500 meter gewonnen op het WK afstanden."))
    places = {str(getattr(v, "label", v)) for s in statements for k, v in s.qualifiers
              if k == "P276"}
    assert places == {"Hamar"}


def test_a_report_of_the_day_is_dated_to_the_article_only_when_its_tense_says_so() -> None:
    def dates(text: str) -> set[str]:
        statements = extract_article(cached_nlp("nl", pipeline="rules", linker=False), Article(
            id="x", lang="nl", date="2026-03-01", text=text))
        return {str(v.value) for s in statements if s.property in ("sk:won", "P166")  # type: ignore[union-attr]
                for k, v in s.qualifiers if k == "P585"}

    assert dates("Anna Berg heeft op het WK afstanden de 1500 meter gewonnen.") == {"2026-03-01"}
    assert dates("Anna Berg won in de jaren negentig op het WK de 1500 meter.") == set()


def test_a_world_championship_is_named_for_the_article_s_sport() -> None:
    text = ("Judoka Anna Berg heeft zaterdag op het WK in Boedapest goud gewonnen. De judoka "
            "versloeg in de finale Lotte Vos. Het is haar eerste wereldtitel in het judo.")
    assert ("Anna Berg", "2026 World Judo Championships") in _facts("nl", text, "sk:won")


def test_the_crew_of_a_team_event_shares_its_medal() -> None:
    text = ("Op de Olympische Spelen pakte Lotte Vos goud op de aflossing met Anna Berg, "
            "Eva Smit en Iris Veen.")
    medals = _facts("nl", text, "P166")
    for name in ("Lotte Vos", "Anna Berg", "Eva Smit", "Iris Veen"):
        assert (name, "Olympic gold medal") in medals
    # "met" outside a team event is no crew
    alone = _facts("nl", "Op de Olympische Spelen pakte Lotte Vos goud op de 500 meter, "
                         "met Anna Berg op de tweede plaats.", "P166")
    assert ("Anna Berg", "Olympic gold medal") not in alone


def test_a_final_of_a_championship_gives_the_winner_the_title_and_the_loser_silver() -> None:
    text = ("Tom Hale won gold on Wednesday. He beat Ken Sato in the final of the World Judo "
            "Championships in Budapest.")
    medals = _facts("en", text, "P166")
    assert ("Ken Sato", "silver medal") in medals
    assert ("Tom Hale", "gold medal") in medals  # his own medal stays; no second title
    semi = ("Tom Hale won gold on Wednesday. He beat Ken Sato in the semi-final of the World "
            "Judo Championships in Budapest.")
    assert ("Ken Sato", "silver medal") not in _facts("en", semi, "P166")
    # a final of a sport without medals: the article names none
    snooker = "Tom Hale beat Ken Sato in the final of the World Snooker Championship."
    assert _facts("en", snooker, "P166") == set()


def test_an_olympic_final_gives_olympic_medals() -> None:
    medals = _facts("en", "At the Olympics, Anna Berg beat Eva Lind in the final on Sunday.",
                    "P166")
    assert medals == {("Anna Berg", "Olympic gold medal"), ("Eva Lind", "Olympic silver medal")}


def test_a_final_won_in_six_games_is_no_olympic_final() -> None:
    text = "Anna Berg took the last four games to beat Eva Lind in Saturday's final."
    assert _facts("en", text, "P166") == set()
    assert ("Anna Berg", "Eva Lind") in _facts("en", text, "sk:defeated")


def test_a_match_in_a_report_of_a_tournament_is_played_in_that_tournament() -> None:
    text = ("The Australian Open ended on Sunday. Anna Berg beat Eva Lind 6-4 6-3 in the "
            "final. Berg had never won the Australian Open before.")
    statements = extract_article(cached_nlp("en", pipeline="rules", linker=False),
                                 Article(id="x", text=text, lang="en", date="2026-02-01"))
    defeats = [s for s in statements if s.property == "sk:defeated"]
    assert [s.qualifier("P1344").label for s in defeats] == [  # type: ignore[union-attr]
        "Australian Open 2026"]
    # a match the report does not place in its tournament takes none
    earlier = extract_article(cached_nlp("en", pipeline="rules", linker=False), Article(
        id="y", text="Anna Berg beat Eva Lind in 2019.", lang="en", date="2026-02-01"))
    assert all(s.qualifier("P1344") is None for s in earlier if s.property == "sk:defeated")


def test_a_place_is_named_in_english_without_the_year_glued_to_it() -> None:
    statements = extract_article(cached_nlp("nl", pipeline="rules", linker=False), Article(
        id="x", text="Eva Smit won woensdag in Boedapest goud op de wereldkampioenschappen "
        "judo. Tom Hale won in Rio de Janeiro 2016 olympisch goud.", lang="nl",
        date="2026-03-01"))
    places = {s.subject.label: s.qualifier("P276").label  # type: ignore[union-attr]
              for s in statements if s.property == "P166" and s.qualifier("P276")}
    assert places == {"Eva Smit": "Budapest", "Tom Hale": "Rio de Janeiro"}


def test_a_gold_medal_only_just_missed_is_no_gold() -> None:
    for text in ("Tom Hale en Pete Rowe zaten op de Olympische Spelen in de twee-zonder dicht "
                 "bij het goud.",
                 "Anna Berg, Eva Lind en Mia Roth grepen op de Spelen nipt naast het goud."):
        assert not {m for m in _facts("nl", text, "P166") if "gold" in m[1]}
    assert ("Anna Berg", "Olympic gold medal") in _facts(
        "nl", "Anna Berg won op de Olympische Spelen goud in de dubbeltwee.", "P166")


def test_a_meeting_of_a_league_is_no_place() -> None:
    statements = extract_article(cached_nlp("en", pipeline="rules", linker=False), Article(
        id="x", text="Anna Berg set a national record in the 400 metres hurdles at the Diamond "
        "League meeting in Oslo on Thursday, clocking 52.87 seconds.", lang="en",
        date="2025-06-14"))
    records = [s for s in statements if s.property == "P1000"]
    assert [s.qualifier("P276").label for s in records] == ["Oslo"]  # type: ignore[union-attr]


def test_a_games_counted_from_is_not_the_games_won() -> None:
    statements = extract_article(cached_nlp("en", linker=False), Article(
        id="x", text="For the first time since London 2012, Canada took Olympic gold in the team "
        "sprint in Paris.", lang="en",
        date="2024-08-02"))
    medals = [s for s in statements if s.property == "P166"]
    assert medals and all(
        s.qualifier("P1344").label.endswith("2024 Summer Olympics")  # type: ignore[union-attr]
        and str(s.qualifier("P585").value).startswith("2024")  # type: ignore[union-attr]
        for s in medals)


def test_the_winner_of_a_tournament_s_final_won_the_tournament() -> None:
    text = ("Anna Berg beat Eva Lind 6-3 6-2 in the Wimbledon final on Saturday. Berg "
            "dropped just one set at Wimbledon this year.")
    assert ("Anna Berg", "Wimbledon Championships 2026") in _facts("en", text, "sk:won")
    semi = "Anna Berg beat Eva Lind in the semi-final at Wimbledon on Friday."
    assert _facts("en", semi, "sk:won") == set()


def test_a_country_s_crew_shares_its_side_s_medal() -> None:
    text = ("Canada won Olympic gold in the team sprint in Paris. The Canadian trio of Ben "
            "Hale, Harry Rowe and Scott Lane rode a clean race.")
    statements = extract_article(cached_nlp("en", linker=False),
                                 Article(id="x", text=text, lang="en", date="2024-08-02"))
    gold = {s.subject.label for s in statements
            if s.property == "P166" and s.value.label == "Olympic gold medal"}  # type: ignore[union-attr]
    assert {"Canada", "Ben Hale", "Harry Rowe", "Scott Lane"} <= gold


def test_a_final_wins_only_the_event_its_sentence_or_report_names() -> None:
    text = ("Tom Hale won the Grand Slam of Darts on Sunday, beating Pete Rowe 16-11 in the "
            "final. Hale reached the semi-finals of the World Darts Championship last year.")
    wins = {w for _, w in _facts("en", text, "sk:won")}
    assert not any("World Darts Championship" in w for w in wins)
