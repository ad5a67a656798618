"""Race reports: a race named by its distance or stage, the podium topped, the medal of each
clause's own subject, and the winner who beat the runner-up."""

from __future__ import annotations

import pytest

from sportkg.model import Article, Entity, Statement
from sportkg.pipeline import extract_articles


def _statements(lang: str, text: str, pipeline: str = "auto") -> list[Statement]:
    article = Article(id="report", lang=lang, date="2025-11-16", text=text)
    ((_, statements),) = list(extract_articles([article], pipeline=pipeline, linker=False))
    return statements


def _facts(lang: str, text: str, pipeline: str = "auto") -> set[tuple[str, str, str]]:
    return {
        (s.subject.label, s.property,
         s.value.label if isinstance(s.value, Entity) else str(s.value.value))
        for s in _statements(lang, text, pipeline)
    }


def _won(facts: set[tuple[str, str, str]], who: str) -> list[str]:
    return sorted(v for s, p, v in facts if s == who and p == "sk:won")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The World Cup in Calgary opened on Saturday. Paula Steen won the World Cup women's "
         "1500 meters. Rob Haines, a 24-year-old from Quebec, won Sunday's 1000-meter race.",
         "1000 m, 2025 World Cup"),
        ("Rob Haines took the men's 500m race at the World Cup in Calgary on Saturday.",
         "men's 500 m, 2025 World Cup"),
    ],
)
def test_a_race_named_by_its_distance_is_won(text: str, expected: str) -> None:
    assert expected in _won(_facts("en", text), "Rob Haines")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The Vuelta a España reached the Pyrenees on Sunday. Dario Ferri attacked "
               "twice and won the 14th stage. The Vuelta a España ends in Madrid next week.",
         "stage 14, Vuelta a España 2025"),
        ("nl", "De Vuelta a España trok zondag de Pyreneeën in. Dario Ferri won de veertiende "
               "etappe. Hij heeft nu twee ritzeges in de Vuelta a España.",
         "stage 14, Vuelta a España 2025"),
        ("en", "The Vuelta a España ended in Madrid on Sunday. Dario Ferri won the final "
               "stage in a bunch sprint after three weeks of the Vuelta a España.",
         "final stage, Vuelta a España 2025"),
    ],
)
def test_a_stage_counted_in_a_report_of_a_stage_race_is_won(
    lang: str, text: str, expected: str
) -> None:
    assert expected in _won(_facts(lang, text), "Dario Ferri")


def test_a_stage_of_no_race_named_is_no_win() -> None:
    facts = _facts("en", "Dario Ferri won the 14th stage on Sunday after a long attack.")
    assert _won(facts, "Dario Ferri") == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "At the World Cup in Calgary on Saturday, Ilse Braam topped the podium in the "
               "mass start."),
        ("nl", "Ilse Braam stond zaterdag bij de wereldbeker in Calgary in de massastart op "
               "het hoogste treetje."),
    ],
)
def test_topping_the_podium_is_a_win(lang: str, text: str) -> None:
    assert any("mass start" in v and "World Cup" in v
               for v in _won(_facts(lang, text), "Ilse Braam"))


@pytest.mark.parametrize(
    "text",
    [
        "Lotte Vink won silver and Nora Pel took bronze.",
        "Lotte Vink (37.53) of Norway won silver and Nora Pel (37.88) took bronze.",
    ],
)
def test_each_clause_gives_its_own_subject_the_medal(text: str) -> None:
    facts = _facts("en", "The World Cup in Calgary ended on Sunday with the 500 meters. " + text)
    assert ("Lotte Vink", "P166", "silver medal") in facts
    assert ("Nora Pel", "P166", "bronze medal") in facts
    assert ("Lotte Vink", "P166", "bronze medal") not in facts


def _defeats(facts: set[tuple[str, str, str]]) -> set[tuple[str, str]]:
    return {(s, v) for s, p, v in facts if p == "sk:defeated"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Paula Steen won the World Cup women's 1500 meters in Calgary on Saturday. "
               "Hanna Moe of Norway finished second, two tenths of a second behind."),
        ("en", "Paula Steen won the women's 1500 meters at the World Cup in Calgary in "
               "1:53.20. The runner-up, Hanna Moe, finished 0.31 seconds back."),
        ("nl", "Paula Steen won zaterdag bij de wereldbeker in Calgary de 1500 meter. Hanna "
               "Moe uit Noorwegen werd tweede."),
        ("en", "Paula Steen took gold over the women's 1500 meters at the World Championships "
               "in Calgary on Saturday. Hanna Moe took silver over the women's 1500 meters."),
    ],
)
def test_the_winner_beat_the_runner_up(lang: str, text: str) -> None:
    assert ("Paula Steen", "Hanna Moe") in _defeats(_facts(lang, text))


def test_the_defeat_of_the_runner_up_names_the_race() -> None:
    statements = _statements(
        "en", "Paula Steen won the World Cup women's 1500 meters in Calgary on Saturday. "
              "Hanna Moe of Norway finished second, two tenths of a second behind.")
    defeat = next(s for s in statements if s.property == "sk:defeated")
    quals = {k: v for k, v in defeat.qualifiers}
    assert isinstance(quals["P1344"], Entity)
    assert quals["P1344"].label == "women's 1500 m, 2025 World Cup"


def test_two_silvers_of_one_race_name_no_runner_up() -> None:
    facts = _facts("en", "Paula Steen took gold over the women's 1500 meters at the World "
                         "Championships in Calgary on Saturday. Hanna Moe and Ida Lind both took "
                         "silver over the women's 1500 meters after a tie.")
    assert not any(s == "Paula Steen" for s, _ in _defeats(facts))


def test_a_skater_does_not_beat_a_country_that_took_silver() -> None:
    facts = _facts("en", "Paula Steen took gold over the women's 1500 meters at the World "
                         "Championships in Calgary on Saturday. In the team pursuit, Norway "
                         "took silver.")
    assert not any(s == "Paula Steen" for s, _ in _defeats(facts))


@pytest.mark.parametrize(("lang", "text", "event"), [
    # a win reached by moving there: "sprinted to victory in X", "soleerde naar de winst in X"
    ("en", "Anna Berg sprinted to victory in the Tour of Flanders last weekend.",
     "Tour of Flanders 2025"),
    ("en", "Anna Berg cruised to victory at the Madrid Open on Sunday.", "Madrid Open 2025"),
    ("nl", "Anna Berg sprintte zondag in Gent naar de zege in de Omloop Het Nieuwsblad.",
     "Omloop Het Nieuwsblad 2025"),
    ("nl", "Anna Berg soleerde zondag naar de winst in de Ronde van Vlaanderen.",
     "Tour of Flanders 2025"),
])
def test_a_win_reached_by_moving_there_is_a_win(lang: str, text: str, event: str) -> None:
    assert event in _won(_facts(lang, text), "Anna Berg")


def test_a_win_wished_for_is_no_win() -> None:
    assert _won(_facts("en", "Anna Berg wants to win at Wimbledon next year."),
                "Anna Berg") == []


@pytest.mark.parametrize(("lang", "text", "winner", "loser"), [
    # a result line: two sides, a defeat word between them, the score after
    ("en", "Arsenal beat Chelsea 2-1 at the Emirates on Saturday.", "Arsenal", "Chelsea"),
    ("en", "Leeds United beat Burnley 3-1 on Saturday.", "Leeds United", "Burnley"),
    ("nl", "Ajax versloeg PSV met 2-0.", "Ajax", "PSV"),
])
def test_a_result_line_is_a_defeat(lang: str, text: str, winner: str, loser: str) -> None:
    assert (winner, loser) in _defeats(_facts(lang, text))


def test_two_sides_named_without_a_defeat_word_beat_no_one() -> None:
    assert not _defeats(_facts("en", "Arsenal and Chelsea drew 2-2 on Saturday."))


@pytest.mark.parametrize("text", [
    "Tom Hale stayed nine seconds ahead of Kees Mol and 41 seconds ahead of Paul Roux.",
    "Tom Hale kept the leader's jersey, one minute ahead of Kees Mol.",
])
def test_a_lead_in_the_standings_beats_no_one(text: str) -> None:
    assert not _defeats(_facts("en", text))


@pytest.mark.parametrize("text", [
    "Tom Hale won the stage two seconds ahead of Kees Mol.",
    # leading a race is no lead in a ranking
    "Tom Hale, who led from the start, finished ahead of Kees Mol to win the race.",
])
def test_a_race_won_ahead_of_a_rival_beats_the_rival(text: str) -> None:
    assert ("Tom Hale", "Kees Mol") in _defeats(_facts("en", text))
