"""General forms that new articles use: listed parents, belts, stopped opponents, coaches."""

from __future__ import annotations

import pytest

from sportkg.model import Article, Entity, Statement
from sportkg.pipeline import extract_articles

from .conftest import processed


def _facts(lang: str, text: str) -> set[tuple[str, str, str]]:
    article = Article(id="recall", lang=lang, date="2026-02-10", text=text)
    ((_, statements),) = list(extract_articles([article], pipeline="rules", linker=False))
    return {
        (s.subject.label, s.property,
         s.value.label if isinstance(s.value, Entity) else str(s.value.value))
        for s in statements
    }


@pytest.mark.parametrize(
    ("lang", "text", "parents", "child"),
    [
        ("nl", "Wielrenster Sanne Dekkers (22) won zaterdag de Ronde van Drenthe. Haar ouders "
               "Wim en Ria Dekkers stonden langs de kant.", ("Wim", "Ria Dekkers"),
         "Sanne Dekkers"),
        ("nl", "Doelman Kees Rutte (30) tekende bij Ajax. Zijn ouders Bert en Anja keken toe.",
         ("Bert", "Anja"), "Kees Rutte"),
        ("en", "Sprinter Tom Baxter, 23, won the 200 m. His parents, Alan and Julie Baxter, "
               "were in the stands.", ("Alan", "Julie Baxter"), "Tom Baxter"),
    ],
)
def test_parents_listed_together_are_both_parents(
    lang: str, text: str, parents: tuple[str, str], child: str
) -> None:
    facts = _facts(lang, text)
    for parent in parents:
        assert (parent, "P40", child) in facts
    assert (parents[0], "P40", parents[1]) not in facts


def test_a_belt_keeps_its_body_and_weight_class() -> None:
    facts = _facts("en", "Boxer Lena Harwood, 28, won the vacant WBC super-lightweight title on "
                         "Saturday, stopping Mexico's Carla Ruiz in the sixth round.")
    assert ("Lena Harwood", "P166", "WBC super-lightweight world champion") in facts
    assert ("Lena Harwood", "sk:defeated", "Carla Ruiz") in facts


def test_the_owner_of_a_stablemate_is_not_the_beaten_one() -> None:
    facts = _facts("en", "Boxer Lena Harwood, 28, beat Jo Prince's stablemate Amy Cole on points.")
    assert ("Lena Harwood", "sk:defeated", "Amy Cole") in facts
    assert ("Lena Harwood", "sk:defeated", "Jo Prince") not in facts


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Bokser Omar Haddou (24) traint in Utrecht. Hij begon bij zijn oom Said Haddou, "
               "die hem nog altijd traint."),
        ("en", "Skater Ruby Kent, 19, grew up in Calgary, where her aunt, Maya Kent, coached her "
               "for ten years."),
    ],
)
def test_a_relative_clause_names_the_coach(lang: str, text: str) -> None:
    facts = _facts(lang, text)
    athlete, coach = ("Omar Haddou", "Said Haddou") if lang == "nl" else ("Ruby Kent", "Maya Kent")
    assert (athlete, "sk:coachedBy", coach) in facts


def test_a_child_named_after_a_hyphenated_age_word() -> None:
    facts = _facts("en", "Boxer Lena Harwood, 28, won on Saturday. Harwood said it in the ring, "
                         "holding her daughter, five-year-old Maisie.")
    assert ("Lena Harwood", "P40", "Maisie") in facts
    assert ("Maisie", "sk:age", "5") in facts


@pytest.mark.parametrize(
    ("lang", "text", "skater"),
    [
        ("en", "Vera Holt won the World Cup 1000 m in Calgary on Saturday. Reigning Olympic "
               "champion Hana Lind took the silver in 1:14.20. It was the second World "
               "Cup race of the season.", "Hana Lind"),
        ("nl", "Vera Holt won zaterdag de 1000 meter van de wereldbeker in Calgary. De "
               "olympisch kampioene Kim Mol pakte zilver. Het was de tweede wereldbekerwedstrijd "
               "van het seizoen.", "Kim Mol"),
    ],
)
def test_a_title_before_a_name_does_not_make_the_race_olympic(lang: str, text: str,
                                                              skater: str) -> None:
    facts = _facts(lang, text)
    assert (skater, "P166", "silver medal") in facts
    assert (skater, "P166", "Olympic silver medal") not in facts


def test_a_competition_in_a_person_s_title_is_not_the_sentence_s() -> None:
    from sportkg.extract.relations.engine import describes_someone

    def told(text: str, words: str) -> bool:
        return describes_someone(text, text.index(words), text.index(words) + len(words))

    assert told("Reigning world champion Ada Vos fell.", "world champion")
    assert told("the former Olympic champion finished fourth", "Olympic")
    assert told("oud-wereldkampioen Piet Kaan reed mee", "wereldkampioen")
    assert not told("She became world champion on Sunday.", "world champion")
    assert not told("He became Olympic champion Monday in Milan.", "Olympic")
    assert not told("Ze werd wereldkampioen op de 500 meter.", "wereldkampioen")
    assert not told("Hana Lind won Olympic gold in Milan.", "Olympic")


def _default(lang: str, text: str) -> list[Statement]:
    """The statements the default pipeline (no linker) reads in `text`."""
    article = Article(id="recall", lang=lang, date="2026-02-10", text=text)
    ((_, statements),) = list(extract_articles([article], linker=False))
    return statements


def _times(lang: str, text: str) -> dict[tuple[str, str], str | None]:
    return {(s.subject.label, s.property): next(
        (str(v.value) for k, v in s.qualifiers if k == "P2781"), None)  # type: ignore[union-attr]
        for s in _default(lang, text) if s.property in ("sk:won", "P166")}


@pytest.mark.parametrize(
    ("lang", "text", "time"),
    [
        ("en", "Vera Holt wins in Calgary\n\nVera Holt won the women's 1500 m at the World Cup "
               "in Calgary on Saturday. Holt finished in 1 minute, 53.20 seconds, well ahead of "
               "Hana Lind.",
         "1 minute, 53.20 seconds"),
        ("nl", "Vera Holt wint in Calgary\n\nVera Holt heeft zaterdag de 1500 meter van de "
               "wereldbeker in Calgary gewonnen. Ze reed 1.53,20 en bleef Hana Lind ruim voor.",
         "1.53,20"),
    ],
)
def test_a_win_takes_the_time_a_later_sentence_gives_its_winner(lang: str, text: str,
                                                                time: str) -> None:
    assert _times(lang, text)[("Vera Holt", "sk:won")] == time


def test_a_time_of_someone_else_or_of_an_earlier_round_is_not_the_win_s() -> None:
    times = _times("en", "Vera Holt won the women's 1500 m at the World Cup in Calgary on "
                         "Saturday. Hana Lind was second in 1:54.02. Holt had set 1:52.80 in "
                         "an earlier round.")
    assert times[("Vera Holt", "sk:won")] is None


def _spells(lang: str, text: str) -> dict[tuple[str, str], dict[str, str]]:
    statements = _default(lang, text)
    return {(s.subject.label, s.value.label): {  # type: ignore[union-attr]
        k: str(v.value) for k, v in s.qualifiers if k in ("P580", "P582")}  # type: ignore[union-attr]
        for s in statements if s.property == "P54"}


@pytest.mark.parametrize(
    ("lang", "text", "joined", "left"),
    [
        ("nl", "Ajax heeft verdediger Tim Brouwer overgenomen van PSV.", "Ajax", "PSV"),
        ("en", "Leeds United have signed striker Tom Hale from Hull City.", "Leeds United",
         "Hull City"),
    ],
)
def test_a_move_of_the_day_dates_the_spells_it_starts_and_ends(lang: str, text: str,
                                                                joined: str, left: str) -> None:
    spells = _spells(lang, text)
    player = "Tim Brouwer" if lang == "nl" else "Tom Hale"
    assert spells[(player, joined)] == {"P580": "2026-02-10"}
    assert spells[(player, left)] == {"P582": "2026-02-10"}


def test_someone_else_s_move_dates_no_spell() -> None:
    spells = _spells("en", "Tom Hale joined Leeds United in the winter, two years after his "
                           "teammate Sam Cole.")
    assert spells.get(("Sam Cole", "Leeds United"), {}) == {}


@pytest.mark.parametrize(("text", "year"), [
    ("Tim Brouwer werd in 2023 door Ajax overgenomen van PSV.", "2023"),
    ("Tim Brouwer werd vorig jaar door Ajax overgenomen van PSV.", "2025"),
])
def test_an_earlier_move_is_dated_by_the_year_its_sentence_names(text: str, year: str) -> None:
    spells = _spells("nl", text)
    assert spells[("Tim Brouwer", "Ajax")] == {"P580": year}
    assert spells[("Tim Brouwer", "PSV")] == {"P582": year}


def test_an_earlier_move_in_a_sentence_of_two_years_is_not_dated() -> None:
    spells = _spells("nl", "Tim Brouwer werd in 2023 door Ajax overgenomen van PSV, waar hij "
                           "sinds 2019 speelde.")
    assert spells.get(("Tim Brouwer", "Ajax"), {}).get("P580") is None


def test_the_year_a_contract_runs_to_dates_no_move() -> None:
    spells = _spells("nl", "Tim Brouwer tekende bij Ajax een contract tot eind 2030.")
    assert spells.get(("Tim Brouwer", "Ajax"), {}).get("P580") != "2030"


@pytest.mark.parametrize(("text", "occupation"), [
    ("Topzeilster Lisa Roy heeft haar afscheid aangekondigd.", "sailor"),
    ("Skiffeur Tom Bakker werd derde in Poznan.", "rower"),
    ("Oud-profvoetballer Tom Bakker opent een café.", "association football player"),
])
def test_more_occupations_of_sport(text: str, occupation: str) -> None:
    assert occupation in {s.value.label for s in _default("nl", text)  # type: ignore[union-attr]
                          if s.property == "P106"}


def test_a_venue_of_a_city_is_the_place_of_the_result() -> None:
    statements = _default("nl", "Tom Bakker won zondag in het Grand Theatre van Leeds de "
                                "wereldtitel snooker.")
    places = {getattr(s.qualifier("P276"), "label", None) for s in statements
              if s.property == "P166"}
    assert places == {"Grand Theatre"}


def test_a_title_won_in_several_years_is_one_statement_per_year() -> None:
    statements = _default("nl", "Crosser Tim Vos werd in 2012, 2015 en 2019 wereldkampioen.")
    years = sorted(str(s.qualifier("P585").value) for s in statements  # type: ignore[union-attr]
                   if s.property == "P166" and s.qualifier("P585") is not None)
    assert years == ["2012", "2015", "2019"]


@pytest.mark.parametrize(("lang", "text", "years"), [
    ("nl", "De Canadese ijshockeyster Lisa Roy stopt. Met haar ploeg veroverde Roy op de "
           "Olympische Winterspelen vier keer brons (2002, 2006, 2014 en 2018).",
     ["2002", "2006", "2014", "2018"]),
    ("en", "Canadian swimmer Lisa Roy retired on Monday. Roy won two Olympic golds (in 2012 "
           "and 2016) and a silver.", ["2012", "2016"]),
    ("nl", "Zwemster Lisa Roy stopt met zwemmen. Roy won op de Olympische Spelen twee keer "
           "zilver (Londen 2012 en vorig jaar Parijs).", ["2012", "2025"]),
    ("en", "Canadian swimmer Lisa Roy retired on Monday. Roy won two Olympic silver medals "
           "(2012 and 2016) in the relay.", ["2012", "2016"]),
    # no sport named: the host city in the brackets tells the season of the Games
    ("nl", "Lisa Roy stopt. Ze won op de Olympische Spelen twee keer goud (in Londen 2012 en "
           "vorig jaar in Hyères).", ["2012", "2025"]),
])
def test_a_counted_medal_with_its_years_in_brackets_is_a_medal_per_year(
        lang: str, text: str, years: list[str]) -> None:
    found = sorted((str(s.qualifier("P585").value),  # type: ignore[union-attr]
                    getattr(s.qualifier("P1344"), "label", ""))
                   for s in _default(lang, text) if s.property == "P166"
                   and s.qualifier("P585") is not None)
    assert [year for year, _ in found] == years
    # each at that year's Games; a year with no Games ("vorig jaar": 2025) names none
    assert [games for _, games in found if games] == [
        f"{year} {'Winter' if int(year) % 4 == 2 else 'Summer'} Olympics" for year in years
        if int(year) % 2 == 0]


def test_a_count_that_its_brackets_do_not_match_stays_a_tally() -> None:
    statements = _default("nl", "Schaatsster Lisa Roy heeft drie keer olympisch goud "
                                "(Turijn 2006 en Sotsji 2014).")
    medals = [s for s in statements if s.property == "P166"]
    assert medals and all(s.qualifier("P585") is None for s in medals)


@pytest.mark.parametrize("text", ["In 2019 werd judoka Tim Vos al eens vicewereldkampioen.",
                                  "Judoka Tim Vos werd in 2019 vice-wereldkampioen."])
def test_second_at_a_world_championship_is_silver_not_the_title(text: str) -> None:
    statements = _default("nl", text)
    awards = {s.value.label for s in statements if s.property == "P166"}  # type: ignore[union-attr]
    assert "silver medal" in awards
    assert not any("champion" in award for award in awards)


def test_a_judo_title_takes_the_weight_class_its_sentence_names() -> None:
    facts = _facts("nl", "Judoka Tim Vos werd donderdag in Bakoe wereldkampioen bij de mannen "
                         "tot 73 kilogram. Ook Eva Smit werd in 2019 al eens wereldkampioen.")
    titles = {(s, v) for s, p, v in facts if p == "P166"}
    assert ("Tim Vos", "73 kg world champion") in titles
    assert not any(s == "Eva Smit" and "kg" in v for s, v in titles)


def test_a_weight_in_kilograms_is_a_class_only_with_a_class_word() -> None:
    from sportkg.extract.relations.families import weight_class

    assert weight_class("won in the under-57kg class") == "57 kg"
    assert weight_class("Tim Vos (+100 kg) won") == "+100 kg"
    assert weight_class("he weighed in at 90 kg") is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Op de Europese kampioenschappen in Oslo was er goud voor Sara Mol, zilver voor "
               "Eva Smit en brons voor Kim Bos."),
        ("en", "At the European championships in Oslo the gold went to Sara Mol, the silver to "
               "Eva Smit and the bronze to Kim Bos."),
    ],
)
def test_a_podium_gives_each_medal_once(lang: str, text: str) -> None:
    statements = _default(lang, text)
    medals = {(s.subject.label, s.value.label) for s in statements  # type: ignore[union-attr]
              if s.property == "P166" and s.value.label.endswith("medal")}  # type: ignore[union-attr]
    assert ("Eva Smit", "silver medal") in medals and ("Kim Bos", "bronze medal") in medals
    assert not {("Sara Mol", "silver medal"), ("Eva Smit", "bronze medal"),
                ("Sara Mol", "bronze medal")} & medals


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Tennisster Anna Mol won deze week van de Zweedse Eva Smit, de Poolse nummer "
               "vier Kim Bos (blessure) en de Italiaanse Lisa Berg."),
        ("en", "Tennis player Anna Mol beat Eva Smit, world champion Kim Bos and the American "
               "Lisa Berg in Rome."),
    ],
)
def test_everyone_in_a_row_of_beaten_players_was_beaten(lang: str, text: str) -> None:
    beaten = {v for s, p, v in _facts_default(lang, text) if s == "Anna Mol" and
              p == "sk:defeated"}
    assert beaten == {"Eva Smit", "Kim Bos", "Lisa Berg"}


def test_a_row_ends_where_a_new_clause_begins() -> None:
    facts = _facts_default("en", "Tennis player Tom Hale beat Sam Cole and then lost to Ben Fox.")
    assert ("Tom Hale", "sk:defeated", "Ben Fox") not in facts
    assert ("Ben Fox", "sk:defeated", "Tom Hale") in facts


def _facts_default(lang: str, text: str) -> set[tuple[str, str, str]]:
    statements = _default(lang, text)
    return {(s.subject.label, s.property,
             s.value.label if isinstance(s.value, Entity) else str(s.value.value))
            for s in statements}


@pytest.mark.parametrize(
    ("text", "winner", "beaten"),
    [
        ("Schaatsster Anna Mol werd zaterdag achter de Duitse Eva Smit tweede.", "Eva Smit",
         "Anna Mol"),
        ("Judoka Tom Vos haalde in de eerste ronde een snelle zege tegen de Zweed Tim Berg "
         "binnen.", "Tom Vos", "Tim Berg"),
    ],
)
def test_defeats_told_with_the_rival_described(text: str, winner: str, beaten: str) -> None:
    assert (winner, "sk:defeated", beaten) in _facts("nl", text)


def test_a_name_with_two_particles_is_a_person() -> None:
    # "Meer" alone is a word ("more"): the particles carry the name over it
    _, context = processed("nl", "De Nederlander Dirk van der Meer werd tweede.")
    assert [p.name for p in context.sentences[0].people] == ["Dirk van der Meer"]


@pytest.mark.parametrize(("text", "team"), [
    ("Red Bull-coureur Sam Dekker won zondag in Monaco.", "Red Bull"),
    ("Ook Alpecin-renner Sam Dekker reed mee in de kopgroep.", "Alpecin"),
])
def test_a_team_joined_to_a_role_names_the_person_after_it(text: str, team: str) -> None:
    _, context = processed("nl", text)
    assert [p.name for p in context.sentences[0].people] == ["Sam Dekker"]
    assert ("Sam Dekker", "P54", team) in _facts_default("nl", text)


def test_a_given_name_with_van_and_one_word_is_a_name_not_a_club() -> None:
    text = "Volgens de krant staat Roda JC-keeper Tom van Leer op het lijstje van Ajax."
    _, context = processed("nl", text)
    assert [p.name for p in context.sentences[0].people] == ["Tom van Leer"]
    assert ("Tom van Leer", "P54", "Roda JC") in _facts_default("nl", text)


def test_a_name_ends_before_a_nationality_word_after_it() -> None:
    _, context = processed("nl", "Baanrenster Kirsten Bos won goud op de puntenkoers. Sinds "
                                 "zaterdag is Bos Nederlands kampioene op de sprint.")
    assert [p.name for p in context.sentences[1].people] == ["Kirsten Bos"]


def test_an_olympic_host_city_is_no_person() -> None:
    _, context = processed("nl", "Op de Spelen van Rio de Janeiro zwom Anna van Dam naar "
                                 "brons.")
    assert [p.name for p in context.sentences[0].people] == ["Anna van Dam"]


def test_one_team_under_two_names_is_one_statement() -> None:
    teams = [(s.value.label, sorted(k for k, _ in s.qualifiers)) for s in _default(  # type: ignore[union-attr]
        "en", "Tom Baker signed for Fleetwood in 2019. He played 40 games for Fleetwood "
              "Town.") if s.property == "P54"]
    assert teams == [("Fleetwood Town", ["P580"])]


def test_a_name_with_a_word_of_its_own_is_another_team() -> None:
    teams = {s.value.label for s in _default(  # type: ignore[union-attr]
        "nl", "Tom Bakker speelde eerst bij Jong Ajax en tekende daarna bij Ajax.")
        if s.property == "P54"}
    assert teams == {"Jong Ajax", "Ajax"}


def test_a_possessive_inside_a_club_s_name_stays() -> None:
    assert "Queen's Park Rangers" in {s.value.label for s in _default(  # type: ignore[union-attr]
        "en", "Tom Baker signed for Queen's Park Rangers on Monday.") if s.property == "P54"}


def test_a_birth_year_dates_no_move() -> None:
    spells = _spells("nl", "Rik Vos, die in 1998 in Zwolle werd geboren, tekende bij Ajax.")
    assert spells.get(("Rik Vos", "Ajax"), {}).get("P580") != "1998"


def test_two_teams_of_a_move_stay_two_however_alike_their_names() -> None:
    teams = {s.value.label for s in _default(  # type: ignore[union-attr]
        "en", "Tom Baker moved from Luton to Luton Town in 2020.") if s.property == "P54"}
    assert teams == {"Luton", "Luton Town"}


@pytest.mark.parametrize(("lang", "text", "team"), [
    ("en", "Alpecin's Belgian rider Tom Baker won the stage.", "Alpecin"),
    ("en", "Red Bull's Dutch driver Tom Baker won the race.", "Red Bull"),
])
def test_a_team_s_possessive_ends_its_name(lang: str, text: str, team: str) -> None:
    assert {s.value.label for s in _default(lang, text)  # type: ignore[union-attr]
            if s.property == "P54"} == {team}


def test_a_plural_nationality_is_not_part_of_the_name_after_it() -> None:
    _, context = processed("nl", "Direct na het startschot reden de Fransen Paul Marin en Luc "
                                 "Girard weg.")
    assert [p.name for p in context.sentences[0].people] == ["Paul Marin", "Luc Girard"]


@pytest.mark.parametrize(
    ("lang", "text", "person", "occupation"),
    [
        ("en", "Tom Hale won the MotoGP race in Valencia on Sunday. The Honda rider Tom Hale "
               "now leads the MotoGP standings.", "Tom Hale", "motorcycle racer"),
        ("nl", "De hockeysters wonnen de EK-finale van België. Hockeyster Eva Smit scoorde twee "
               "keer; speelster Kim Bos (24) was de beste op het veld.", "Kim Bos",
         "field hockey player"),
    ],
)
def test_a_word_of_any_sport_names_an_athlete_of_the_article_s_sport(
        lang: str, text: str, person: str, occupation: str) -> None:
    occupations = {v for s, p, v in _facts_default(lang, text) if s == person and p == "P106"}
    assert occupation in occupations
    assert not occupations & {"cyclist", "association football player"}


def test_a_team_position_in_a_report_of_another_sport_keeps_its_own_sport() -> None:
    from sportkg.extract.relations.engine import Concept
    from sportkg.extract.relations.roles import role_in_sport

    tennis = Concept("tennis", "sport")
    assert role_in_sport("en", "goalkeeper", "association football player", None,
                         "association football/", tennis)[0] == "association football player"
    assert role_in_sport("en", "rider", "cyclist", None, "cycling/",
                         Concept("speed skating", "sport"))[0] == "cyclist"


def test_a_name_ends_before_the_club_after_it() -> None:
    _, context = processed("nl", "Tim Bos van Royal Zaanstad reed in de slotronde weg uit de "
                                 "groep.")
    assert [p.name for p in context.sentences[0].people] == ["Tim Bos"]


def test_a_ranking_in_brackets_is_no_team() -> None:
    facts = _facts_default("nl", "Judoka Tom Vos won van de Oekraïner Ivan Petrenko (IJF 12) en "
                                 "daarna van Kim Berg (IJF 4).")
    assert not any(p == "P54" and "IJF" in v for _, p, v in facts)


def test_only_people_are_members_of_a_team() -> None:
    from sportkg.extract.relations.classifier import _of_people_only

    assert _of_people_only("P54") and _of_people_only("P27")
    assert not _of_people_only("sk:won") and not _of_people_only("P166")


def test_a_row_of_names_each_with_a_team_in_brackets_does_not_share_teams() -> None:
    facts = _facts_default("nl", "Op de startlijst staan ook de schaatsers Kars Bosman (Team "
                                 "Zaanstad) en Louis Dekker (Team Lemmer).")
    teams = {(s, v) for s, p, v in facts if p == "P54"}
    assert ("Louis Dekker", "Team Zaanstad") not in teams
    assert ("Kars Bosman", "Team Lemmer") not in teams


def test_an_adjective_of_a_place_is_no_club() -> None:
    facts = _facts("nl", "Middenvelder Tim Bos speelde vijf jaar voor de Gentse hoofdmacht.")
    assert not any(p == "P54" and v == "Gentse" for _, p, v in facts)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nl", "Schaatser Sven Bos pakte zaterdag in Milaan olympisch goud over 5000 meter. In "
               "de eeuwige ranglijst heeft Eva Smit nu drie keer goud en één keer zilver."),
        ("en", "Sven Bos took Olympic 5000 m gold in Milan on Saturday. Eva Smit now has three "
               "golds and two silvers in the Olympic standings."),
    ],
)
def test_a_counted_medal_is_a_tally_with_no_race_and_no_win(lang: str, text: str) -> None:
    statements = _default(lang, text)
    smit = [s for s in statements if s.subject.label == "Eva Smit"]
    assert not any(s.property == "sk:won" for s in smit)
    assert not any(s.qualifier("P1344") is not None for s in smit if s.property == "P166")


def test_a_tennis_tournament_is_named_with_its_draw() -> None:
    facts = _facts_default("nl", "Tennisser Tom Vos heeft zondag de US Open gewonnen. In de "
                                 "eindstrijd versloeg hij in twee sets Jan Berg.")
    won = {v for s, p, v in facts if s == "Tom Vos" and p == "sk:won"}
    assert won and all(v.startswith("men's singles, ") for v in won)


def test_a_draw_s_gender_is_the_one_the_sentence_names() -> None:
    facts = _facts_default("en", "Croatian tennis player Mia Kos won the Wimbledon women's "
                                 "singles title on Saturday. He was in the box, she said.")
    assert ("Mia Kos", "sk:won", "women's singles, Wimbledon Championships 2026") in facts


def test_a_doubles_title_is_named_so_and_an_unknown_gender_gets_no_draw() -> None:
    from sportkg.extract.relations.engine import ArticleContext, Concept, Fact, Person
    from sportkg.extract.relations.engine import Sentence as Told
    from sportkg.extract.statements import tennis_disciplines

    vos, event = Person("Tom Vos", 0, 7), Concept("Rosmalen Open 2026", "event")
    told = Told(0, 0, 40, "Tom Vos won het dubbelspel in Rosmalen.", [vos], "", [])
    context = ArticleContext("nl", told.text, "2026-02-10", [told], vos,
                             Concept("tennis", "sport"), gender={"Tom Vos": "male"})
    fact = Fact(vos, "sk:won", event, 0, "sportkg_pairs", 0.9)
    assert [f.value.label for f in tennis_disciplines(context, [fact])] == [  # type: ignore[union-attr]
        "men's doubles, Rosmalen Open 2026"]
    context.gender = {}
    assert tennis_disciplines(context, [fact]) == [fact]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Schaatser Tim Vos werd zaterdag Nederlands kampioen op de 500 meter.",
         "Dutch champion 500 m"),
        ("Zwemster Eva Smit werd in Glasgow Europees kampioen op de 1500 meter vrije slag.",
         "European champion 1500 m"),
    ],
)
def test_a_national_or_european_title_is_named_with_its_discipline(text: str,
                                                                   title: str) -> None:
    titles = {v for _, p, v in _facts_default("nl", text) if p == "P166"}
    assert any(t.startswith(title) for t in titles), titles


def test_a_dateline_after_the_headline_places_the_report() -> None:
    from sportkg.extract.relations.engine import dateline_place

    place = dateline_place("Holt wins again\n\nCALGARY, CANADA – Vera Holt won the 1500 m on "
                           "Saturday.", "en")
    assert place is not None and place.label == "Calgary"
    assert dateline_place("Holt wins again\n\nThe skaters raced in Calgary.", "en") is None


def test_a_rival_beaten_in_the_reported_days_was_beaten_in_the_event_the_winner_won() -> None:
    statements = _default("nl", "Tennisser Tom Vos heeft zondag de US Open gewonnen. In de "
                                "eindstrijd versloeg hij in twee sets Jan Berg.")
    (defeat,) = [s for s in statements if s.property == "sk:defeated"]
    won = [s for s in statements if s.property == "sk:won" and s.subject.label == "Tom Vos"]
    assert won and defeat.qualifier("P1344") == won[0].value
