"""What one result says of another: the holder of a gold medal or a champion's title of a
named race won that race, the winner of an Olympic or world-championship race holds its
gold medal or world title, and a national side's title and coach are its players'."""

from __future__ import annotations

from sportkg.extract.relations.engine import ArticleContext, Concept, Fact, Person
from sportkg.extract.statements import awards_of_winners, shared_by_squads, wins_of_winners
from sportkg.model import LiteralValue

KOWAL = Person("Marta Kowal", 0, 2)
RACE = Concept("women's 1000 m, 2026 Winter Olympics", "event")
DAY = LiteralValue("2026-02-10", "date", "day")


def _award(label: str, *qualifiers: tuple[str, Concept | LiteralValue]) -> Fact:
    return Fact(KOWAL, "P166", Concept(label, "award"), 0, "sportkg_medals", 0.8, qualifiers)


def test_a_gold_medal_of_a_named_race_is_a_win_of_it() -> None:
    wins = wins_of_winners([_award("Olympic gold medal", ("P1344", RACE), ("P585", DAY))])
    assert [(f.subject, f.property, f.value, f.qualifiers) for f in wins] == [
        (KOWAL, "sk:won", RACE, (("P585", DAY),))]
    assert wins[0].confidence < 0.8


def test_a_champion_s_title_is_a_win_of_its_race() -> None:
    race = Concept("men's 500 m, 2025 World Single Distances Championships", "event")
    wins = wins_of_winners([_award("world champion 500 m", ("P1344", race))])
    assert [f.value for f in wins] == [race]


def test_silver_a_bare_championship_or_no_event_say_nothing_of_a_win() -> None:
    championship = Concept("2025 World Championships", "event")
    undated = Concept("women's 1000 m, Winter Olympics", "event")
    former = Fact(KOWAL, "P166", Concept("Olympic gold medal", "award"), 0, "sportkg_medals",
                  0.8, (("P1344", RACE),), descriptive=True)
    assert wins_of_winners([
        _award("Olympic silver medal", ("P1344", RACE)),
        _award("world champion", ("P1344", championship)),
        _award("gold medal"),
        _award("Olympic gold medal", ("P1344", undated)),
        former,
    ]) == []


def test_a_win_already_stated_is_not_stated_twice() -> None:
    won = Fact(KOWAL, "sk:won", RACE, 0, "sportkg_pairs", 0.9)
    assert wins_of_winners([won, _award("Olympic gold medal", ("P1344", RACE))]) == []


def test_an_olympic_win_is_the_gold_medal_of_that_race() -> None:
    won = Fact(KOWAL, "sk:won", RACE, 3, "sportkg_clauses", 0.9, (("P585", DAY),))
    awards = awards_of_winners([won])
    assert [(f.property, f.value.label, f.sentence, dict(f.qualifiers)) for f in awards] == [
        ("P166", "Olympic gold medal", 3, {"P1344": RACE, "P585": DAY})]
    assert awards[0].value.qid == "Q15243387"  # type: ignore[union-attr]


def test_a_world_championship_win_is_the_world_title_of_its_discipline() -> None:
    race = Concept("women's 4 × 100 m relay, 2027 World Championships in Athletics", "event")
    awards = awards_of_winners([Fact(KOWAL, "sk:won", race, 0, "sportkg_pairs", 0.9)])
    assert [f.value.label for f in awards] == ["world champion 4 × 100 m relay"]


def test_a_championship_named_with_more_words_gives_its_title_too() -> None:
    races = ["men's 5000 m, 2027 World Allround Speed Skating Championships",
             "women's points race, 2027 UCI Track Cycling World Championships",
             "men's 200 m butterfly, 2027 European Aquatics Championships"]
    awards = awards_of_winners([Fact(KOWAL, "sk:won", Concept(race, "event"), 0,
                                     "sportkg_pairs", 0.9) for race in races])
    assert [f.value.label for f in awards] == [
        "world champion 5000 m", "world champion points race",
        "European champion 200 m butterfly"]


def test_a_junior_or_masters_championship_gives_no_senior_title() -> None:
    races = ["women's 800 m, 2027 World Junior Championships",
             "men's 200 m, 2027 European U23 Championships",
             "men's 1500 m, 2027 World Masters Championships"]
    assert awards_of_winners([Fact(KOWAL, "sk:won", Concept(race, "event"), 0,
                                   "sportkg_pairs", 0.9) for race in races]) == []


def test_other_wins_and_races_already_awarded_give_no_award() -> None:
    stage = Fact(KOWAL, "sk:won", Concept("stage 3, Tour de France 2026", "event"), 0,
                 "sportkg_pairs", 0.9)
    olympic = Fact(KOWAL, "sk:won", RACE, 0, "sportkg_pairs", 0.9)
    games = Fact(KOWAL, "sk:won", Concept("2010 Winter Olympics", "event"), 0,
                 "sportkg_pairs", 0.9)
    undated = Fact(KOWAL, "sk:won", Concept("women's 1000 m, Winter Olympics", "event"), 0,
                   "sportkg_pairs", 0.9)
    cup = Fact(KOWAL, "sk:won", Concept("women's 500 m, 2026 World Cup Heerenveen", "event"),
               0, "sportkg_pairs", 0.9)
    assert awards_of_winners([stage, games, undated, cup]) == []
    assert awards_of_winners([olympic, _award("Olympic gold medal", ("P1344", RACE))]) == []


def test_a_surname_that_is_a_verb_elsewhere_does_not_make_a_team_slot() -> None:
    """"Reed" is Dutch for "rode": before "to" it must not turn the next name into a team."""
    from sportkg.model import Article
    from sportkg.pipeline import extract_article

    from ..conftest import cached_nlp

    text = "Sam Reed finished second to Carl Moss in the sprint."
    statements = extract_article(cached_nlp("en", pipeline="rules", linker=False),
                                 Article(id="x", text=text, lang="en", date="2026-03-01"))
    assert ("Carl Moss", "sk:defeated", "Sam Reed") in {
        (s.subject.label, s.property, getattr(s.value, "label", None)) for s in statements}


def _squad_context(nations: dict[str, set[str]] | None = None) -> ArticleContext:
    return ArticleContext(lang="nl", text="", published="2027-10-30", sentences=[],
                          protagonist=None, sport=Concept("korfball", "sport"),
                          nations=nations or {})


SIDE = Concept("Belgium", "team")
CUP = Concept("2027 IKF World Korfball Championship", "event")
COACH = Person("Ward Pieters", 40, 52)


def _member(person: Person, country: str = "Belgium") -> Fact:
    return Fact(person, "P54", Concept(f"{country} national korfball team", "team"), 1,
                "sportkg_attributes", 0.6)


def test_a_national_side_s_title_and_coach_are_its_players() -> None:
    lien = Person("Lien Maes", 20, 29)
    title = Fact(SIDE, "P166", Concept("world champion", "award"), 0, "sportkg_clauses", 0.8,
                 (("P1344", CUP), ("P585", LiteralValue("2027-10", "date", "month"))))
    coached = Fact(SIDE, "sk:coachedBy", COACH, 2, "sportkg_coaches", 0.7)
    beat = Fact(SIDE, "sk:defeated", Concept("Taiwan", "team"), 0, "sportkg_clauses", 0.8)
    shared = shared_by_squads(_squad_context(),
                              [title, coached, beat, _member(KOWAL), _member(lien)])
    assert sorted((f.subject.name, f.property) for f in shared  # type: ignore[union-attr]
                  ) == [("Lien Maes", "P166"), ("Lien Maes", "sk:coachedBy"),
                        ("Marta Kowal", "P166"), ("Marta Kowal", "sk:coachedBy")]
    assert {f.confidence for f in shared} == {0.54}  # min(0.8 or 0.7, 0.6) * 0.9
    assert dict(shared[0].qualifiers)["P1344"] == CUP


def test_old_titles_other_sides_and_other_nationals_are_not_shared() -> None:
    lien = Person("Lien Maes", 20, 29)
    old = Fact(SIDE, "P166", Concept("world champion", "award"), 0, "sportkg_clauses", 0.8,
               (("P585", LiteralValue("1999", "date", "year")),))
    other = Fact(Concept("Netherlands", "team"), "sk:won", CUP, 0, "sportkg_clauses", 0.8)
    mine = Fact(SIDE, "sk:won", CUP, 0, "sportkg_clauses", 0.8)
    shared = shared_by_squads(_squad_context({"Lien Maes": {"Taiwan"}}),
                              [old, other, mine, _member(KOWAL), _member(lien)])
    assert [(f.subject, f.property, f.value) for f in shared] == [(KOWAL, "sk:won", CUP)]


def test_a_side_s_title_of_a_tournament_is_a_win_of_it() -> None:
    title = Fact(SIDE, "P166", Concept("world champion", "award"), 0, "sportkg_clauses", 0.8,
                 (("P1344", CUP),))
    games = Concept("2028 Summer Olympics", "event")
    gold = Fact(SIDE, "P166", Concept("Olympic champion", "award"), 0, "sportkg_clauses", 0.8,
                (("P1344", games),))
    person = _award("world champion", ("P1344", CUP))
    assert [(f.subject, f.value) for f in wins_of_winners([title, gold, person])] == [
        (SIDE, CUP)]


def test_a_win_after_someone_beaten_is_the_victor_s() -> None:
    """"X fought off Y to win the Open": the name nearest "to win" is the one beaten."""
    from sportkg.model import Article
    from sportkg.pipeline import extract_article

    from ..conftest import cached_nlp

    def wins(text: str) -> set[str]:
        statements = extract_article(cached_nlp("en", linker=False),
                                     Article(id="x", text=text, lang="en", date="2026-03-01"))
        return {s.subject.label for s in statements if s.property == "sk:won"}

    assert wins("Tom Hale fought off Pete Rowe 6-4, 6-1 to win the US Open.") == {"Tom Hale"}
    # someone beaten who is described as trying to win something keeps their own past win
    assert "Kim Lee" in wins("Anna Berg beat Kim Lee, a player trying to claim a second "
                             "major title after winning the Qatar Open in January.")


def test_runner_up_to_someone_and_overtaking_are_defeats() -> None:
    from sportkg.model import Article
    from sportkg.pipeline import extract_article

    from ..conftest import cached_nlp

    def defeats(text: str) -> set[tuple[str, str]]:
        statements = extract_article(cached_nlp("en", linker=False),
                                     Article(id="x", text=text, lang="en", date="2026-03-01"))
        return {(s.subject.label, s.value.label) for s in statements  # type: ignore[union-attr]
                if s.property == "sk:defeated"}

    assert ("Tom Hale", "Pete Rowe") in defeats(
        "Pete Rowe set 3:41.20 in the heats while coming second behind Tom Hale.")
    assert ("Tom Hale", "Pete Rowe") in defeats("Tom Hale overtook Pete Rowe on the last lap.")


def test_an_olympic_title_that_describes_someone_is_of_no_other_championship() -> None:
    from sportkg.model import Article, Entity
    from sportkg.pipeline import extract_article

    from ..conftest import cached_nlp

    statements = extract_article(
        cached_nlp("en", linker=False),
        Article(id="x", text="Olympic champion Tom Hale took second at the World Championships "
                             "in Doha on Sunday.", lang="en", date="2026-03-01"))
    olympic = [s for s in statements if s.property == "P166"
               and isinstance(s.value, Entity) and s.value.label.startswith("Olympic")]
    assert olympic
    for s in olympic:
        event = dict(s.qualifiers).get("P1344")
        assert event is None or "Olympics" in event.label  # type: ignore[union-attr]
