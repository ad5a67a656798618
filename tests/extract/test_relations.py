"""Relation extractors, one family at a time, on short sentences of our own (nl and en)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from sportkg.model import Article, Entity, LiteralValue
from sportkg.pipeline import extract_article

Facts = Callable[..., set[tuple[str, str, object]]]


CASES = [
    # partners
    ("nl", "Sanne Dijk keek toe hoe haar verloofde Tom Haak won.",
     ("Sanne Dijk", "sk:engagedTo", "Tom Haak")),
    ("en", "Mia Stone and her fiance, rower Luke Hart, arrived.",
     ("Mia Stone", "sk:engagedTo", "Luke Hart")),
    ("nl", "Bokser Rick Lens is getrouwd met Eva Zon.", ("Rick Lens", "P26", "Eva Zon")),
    ("en", "Nora Kent was there with her husband Paul Kent.", ("Nora Kent", "P26", "Paul Kent")),
    ("nl", "Daan Bos heeft een relatie met zwemster Iris Mol.", ("Daan Bos", "P451", "Iris Mol")),
    # family
    ("nl", "Lotte Veen zwaaide naar haar vader Henk Veen.", ("Lotte Veen", "P22", "Henk Veen")),
    ("en", "Sam Reed was cheered on by his mother Carla Reed.", ("Sam Reed", "P25", "Carla Reed")),
    ("en", "Golfer Ben Cole announced the birth of his son Max.", ("Ben Cole", "P40", "Max")),
    ("nl", "Shorttrackster Fleur Maas won, net als haar zus Roos Maas.",
     ("Fleur Maas", "P3373", "Roos Maas")),
    # identity
    ("nl", "De Noorse schaatser Lars Dahl won.", ("Lars Dahl", "P27", "Norway")),
    ("nl", "De Noorse schaatser Lars Dahl won.", ("Lars Dahl", "P106", "speed skater")),
    ("nl", "De Noorse schaatser Lars Dahl won.", ("Lars Dahl", "P641", "speed skating")),
    ("en", "Kim Lee of Japan finished fast.", ("Kim Lee", "P27", "Japan")),
    ("nl", "Ook Pia Ruiz uit Spanje reed mee.", ("Pia Ruiz", "P27", "Spain")),
    ("en", "Canadian cyclist Ava Moss attacked.", ("Ava Moss", "P106", "cyclist")),
    # age
    ("nl", "Wielrenner Joost Maat (31) stopt.", ("Joost Maat", "sk:age", 31)),
    ("nl", "De 22-jarige Sara Blom won.", ("Sara Blom", "sk:age", 22)),
    ("en", "Veteran Ray Burns, 38, retired.", ("Ray Burns", "sk:age", 38)),
    ("en", "Jan Vos won. The 29-year-old was delighted.", ("Jan Vos", "sk:age", 29)),
    # medals, wins, defeats, records
    ("nl", "Schaatsster Eva Kamp won maandag goud op de 500 meter op de Olympische Winterspelen.",
     ("Eva Kamp", "P166", "Olympic gold medal")),
    ("nl", "Schaatsster Eva Kamp won maandag goud op de 500 meter op de Olympische Winterspelen.",
     ("Eva Kamp", "sk:won", "women's 500 m, 2026 Winter Olympics")),
    ("en", "Tom Ash beat Kai Roe in the final.", ("Tom Ash", "sk:defeated", "Kai Roe")),
    ("nl", "Nina Prins troefde landgenote Lies Kok af.", ("Nina Prins", "sk:defeated", "Lies Kok")),
    ("nl", "Schaatser Bas Wit reed een wereldrecord op de 1500 meter.",
     ("Bas Wit", "P1000", "world record 1500 m")),
    ("en", "Runner Ada Frey is a two-time world champion.", ("Ada Frey", "P166", "world champion")),
    # teams and coaches
    ("nl", "Spits Mark Hoek is de nieuwe aanvoerder van FC Utrecht.",
     ("Mark Hoek", "P54", "FC Utrecht")),
    # a club's coach is a member of its staff: "Ajax-trainer X", "X is de trainer van Y"
    ("nl", "Ajax-trainer Piet Mol was tevreden.", ("Piet Mol", "P54", "Ajax")),
    ("nl", "Piet Mol is de trainer van FC Utrecht.", ("Piet Mol", "P54", "FC Utrecht")),
    ("en", "Liverpool manager Sam Reed was pleased.", ("Sam Reed", "P54", "Liverpool")),
    # a coach said to be someone's coach, or to train them
    ("nl", "Piet Mol is al jaren de trainer van Jan Kuiper.",
     ("Jan Kuiper", "sk:coachedBy", "Piet Mol")),
    ("nl", "Piet Mol traint Jan Kuiper sinds 2020.", ("Jan Kuiper", "sk:coachedBy", "Piet Mol")),
    ("en", "Sam Reed has coached Pete Rowe since 2019.",
     ("Pete Rowe", "sk:coachedBy", "Sam Reed")),
    ("nl", "Schaatser Koen Spaan traint onder leiding van coach Gerard Broek.",
     ("Koen Spaan", "sk:coachedBy", "Gerard Broek")),
    # the idioms of being in someone's care: "onder de hoede van", "under the tutelage of"
    ("nl", "Onder de hoede van trainster Gerda Broek groeide Koen Spaan uit tot kampioen.",
     ("Koen Spaan", "sk:coachedBy", "Gerda Broek")),
    ("nl", "Onder de vleugels van trainer Gerard Broek groeit Koen Spaan snel.",
     ("Koen Spaan", "sk:coachedBy", "Gerard Broek")),
    ("en", "Under the tutelage of veteran coach Gary Lund, Pete Rowe improved quickly.",
     ("Pete Rowe", "sk:coachedBy", "Gary Lund")),
    # an athlete named together with a coach: "A en bondscoach B", "A and her coach B"
    ("nl", "Daarom hadden Koen Spaan en bondscoach Gerard Broek die afstand gekozen.",
     ("Koen Spaan", "sk:coachedBy", "Gerard Broek")),
    ("en", "Pete Rowe and coach Gary Lund had set their sights on the 1500m.",
     ("Pete Rowe", "sk:coachedBy", "Gary Lund")),
    # "the first (ever) Kenyan to take it", also told by a pronoun
    ("en", "Pete Rowe became the first ever Kenyan to take the crown.",
     ("Pete Rowe", "P27", "Kenya")),
    ("en", "Pete Rowe wrote history as he became the first Ghanaian to take gold.",
     ("Pete Rowe", "P27", "Ghana")),
    # a nationality before a team's name and a role word ("American Honda rider X")
    ("en", "American Honda rider Pete Rowe won the stage.", ("Pete Rowe", "P27", "United States")),
    # a nationality before a team's role word and the name ("de Britse Mercedes-rijder X")
    ("nl", "Als derde eindigde de Britse Mercedes-rijder Pete Rowe.",
     ("Pete Rowe", "P27", "United Kingdom")),
    # a team named before a player's position, and the team of "his X teammates"
    ("en", "The club want Leeds full-back Pete Rowe.", ("Pete Rowe", "P54", "Leeds")),
    ("en", "Pete Rowe thanked his Leeds teammates after the match.", ("Pete Rowe", "P54", "Leeds")),
    ("en", "Helped by his Leeds teammates, Pete Rowe scored twice.", ("Pete Rowe", "P54", "Leeds")),
    # a spouse in apposition: "X, married to Y,"
    ("en", "Peter Kiprop, married to fellow runner Ann Wanjiru, won in Boston.",
     ("Peter Kiprop", "P26", "Ann Wanjiru")),
    # a partner or spouse in apposition, the other named with a description
    ("nl", "Anna Berg, de vriendin van schaatser Kees Mol, won de 500 meter.",
     ("Kees Mol", "P451", "Anna Berg")),
    ("en", "Anna Berg, the wife of former cyclist Ken Moll, won the race.",
     ("Ken Moll", "P26", "Anna Berg")),
    ("nl", "Anna Berg, de echtgenote van oud-wielrenner Kees Mol, won de koers.",
     ("Kees Mol", "P26", "Anna Berg")),
    # the club a career began at
    ("en", "Pete Rowe, who began his career at Burnley, now plays for Leeds.",
     ("Pete Rowe", "P54", "Burnley")),
    ("nl", "Koen Spaan begon zijn loopbaan bij FC Utrecht en speelt nu voor Feyenoord.",
     ("Koen Spaan", "P54", "FC Utrecht")),
    # going on "with X as coach": X coaches the one who goes on, and is the coach
    ("nl", "Koen Spaan won vorig jaar. Hij gaat verder met Gerda Broek als coach.",
     ("Koen Spaan", "sk:coachedBy", "Gerda Broek")),
    ("en", "Pete Rowe will carry on with Gary Lund as his coach.",
     ("Pete Rowe", "sk:coachedBy", "Gary Lund")),
    ("en", "Pete Rowe will carry on with Gary Lund as his coach.", ("Gary Lund", "P106", "coach")),
    # a manager's signing plays under the manager
    ("en", "Pete Rowe, a winger from Leeds, becomes Gary Lund's third signing of the window.",
     ("Pete Rowe", "sk:coachedBy", "Gary Lund")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_pattern_finds_fact(
    lang: str, text: str, expected: tuple[str, str, object], facts: Facts
) -> None:
    assert expected in facts(text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        # a country won the medal, not the person of the sentence before
        ("nl", "Eva Kamp juichte. Nederland won tot dusver drie keer goud.",
         ("Eva Kamp", "P166", "Olympic gold medal")),
        # "met X als coach": the role is X's, not the subject's
        ("nl", "Koen Spaan gaat verder met Gerda Broek als coach.",
         ("Koen Spaan", "P106", "coach")),
        ("en", "Pete Rowe will carry on with Gary Lund as his coach.",
         ("Pete Rowe", "P106", "coach")),
        # who trains with someone does not coach them
        ("nl", "Piet Mol trainde met Jan Kuiper.", ("Jan Kuiper", "sk:coachedBy", "Piet Mol")),
        ("en", "Sam Reed trained with Pete Rowe.", ("Pete Rowe", "sk:coachedBy", "Sam Reed")),
        # a pair without engagement words is no engagement
        ("en", "Mia Stone and Luke Hart trained together.",
         ("Mia Stone", "sk:engagedTo", "Luke Hart")),
        # "De Amerikaan" is male; the woman of the sentence before is not meant
        ("nl", "Schaatsster Eva Kamp zag haar verloofde Tim Hunt. De Amerikaan juichte.",
         ("Eva Kamp", "P27", "United States")),
        # an age of a child is not the parent's
        ("en", "Ben Cole has a four-year-old daughter Mila.", ("Ben Cole", "sk:age", 4)),
    ],
)
def test_pattern_does_not_overreach(
    lang: str, text: str, absent: tuple[str, str, object], facts: Facts
) -> None:
    assert absent not in facts(text, lang)


def test_engagement_is_stated_once_and_beats_partner(facts: Facts) -> None:
    found = facts("Sanne Dijk en haar verloofde Tom Haak: haar vriend Tom Haak.")
    assert ("Sanne Dijk", "sk:engagedTo", "Tom Haak") in found
    assert ("Sanne Dijk", "P451", "Tom Haak") not in found


def test_qualifiers_of_a_medal(rules_nlp: Callable[[str], Language]) -> None:
    text = "Skater Tia Holm won silver in the 1500m at the Winter Olympics on Friday."
    article = Article(id="t", lang="en", date="2024-11-16", text=text)
    (medal,) = [s for s in extract_article(rules_nlp("en"), article) if s.property == "P166"]
    assert isinstance(medal.value, Entity) and medal.value.qid == "Q15889641"
    assert medal.qualifier("P585") == LiteralValue("2024-11-15", "date", "day")
    event = medal.qualifier("P1344")
    assert isinstance(event, Entity) and "1500 m" in event.label


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Kim Lee's coach, Tom Park, smiled.", ("Kim Lee", "sk:coachedBy", "Tom Park")),
        ("en", "Sara Hill's husband Mark Hill cheered.", ("Sara Hill", "P26", "Mark Hill")),
        ("nl", "De vader van Eva Kamp, Henk Kamp, juichte.", ("Eva Kamp", "P22", "Henk Kamp")),
        ("nl", "Uitslag: 1. Eva Kamp (NED) 1.14,02", ("Eva Kamp", "P27", "Netherlands")),
        ("en", "Mia Moss, 24, of Canada won.", ("Mia Moss", "P27", "Canada")),
        ("nl", "Eva Kamp en Tim Bol zijn sinds 2020 getrouwd.", ("Eva Kamp", "P26", "Tim Bol")),
        ("nl", "In 2023 won Rik Maas goud op de 500, 1000 en 1500 meter op het WK afstanden.",
         ("Rik Maas", "P166", "world champion 1000 m")),
        ("en", "Sprinter Zoe Lane trains with her mother and coach Ruth Lane.",
         ("Zoe Lane", "sk:coachedBy", "Ruth Lane")),
        ("en", "Sprinter Zoe Lane trains with her mother and coach Ruth Lane.",
         ("Zoe Lane", "P25", "Ruth Lane")),
    ],
)
def test_possessives_results_lists_and_couples(
    lang: str, text: str, expected: tuple[str, str, object], facts: Facts
) -> None:
    assert expected in facts(text, lang)
