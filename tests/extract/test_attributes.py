"""Person-level candidates (nationality, occupation, sport), their model, and coordinated lists."""

from __future__ import annotations

import json

from sportkg.extract.nlp import load_nlp
from sportkg.extract.relations.attributes import ATTRIBUTE_RELATIONS, attributes
from sportkg.extract.relations.classifier import ATTRIBUTE_DIR, YES, PairModel
from sportkg.extract.relations.engine import FACTS_KEY
from sportkg.extract.relations.roles import athlete_of_sport
from sportkg.model import Article
from sportkg.pipeline import extract_article

from .conftest import processed

TEAM_RACE = (
    "De Nederlandse schaatssters hebben zondag in Hamar de ploegenachtervolging gewonnen. "
    "Anna Berg, Lotte Vos en Eva Smit waren ruim sneller dan Canada. "
    "Berg reed de hele race op kop. Bondscoach Piet de Wit was tevreden over de schaatssters."
)


def _attributes(lang: str, text: str):  # type: ignore[no-untyped-def]
    doc, context = processed(lang, text)
    return attributes(doc, context, list(doc.user_data[FACTS_KEY]))


def test_the_athlete_of_a_sport_comes_from_the_lexicon() -> None:
    athletes = athlete_of_sport()
    assert athletes["speed skating"] == ("speed skater", "Q10866633")
    assert athletes["association football"][0] == "association football player"
    assert athletes["korfball"][0] == "korfball player"


def test_every_person_is_offered_the_article_s_sport_occupation_and_countries() -> None:
    found = {(a.person.name, a.property, a.value_name()): a for a in _attributes("nl", TEAM_RACE)}
    for name in ("Anna Berg", "Lotte Vos", "Eva Smit", "Piet de Wit"):
        assert (name, "P641", "speed skating") in found
        assert (name, "P106", "speed skater") in found
        assert (name, "P27", "Netherlands") in found and (name, "P27", "Canada") in found
    # the coach's role and the list are features the model reads
    coach = found[("Piet de Wit", "P106", "speed skater")].features
    assert "P106|role:coach" in coach
    berg = found[("Anna Berg", "P27", "Canada")].features
    assert "P27|country_same_sentence" in berg and "P27|n=2" in berg
    # the article's coach is offered as every other person's coach, never as their own
    for name in ("Anna Berg", "Lotte Vos", "Eva Smit"):
        assert (name, "sk:coachedBy", "Piet de Wit") in found
    assert ("Piet de Wit", "sk:coachedBy", "Piet de Wit") not in found
    assert "sk:coachedBy|coaches=1" in found[("Anna Berg", "sk:coachedBy", "Piet de Wit")].features
    # a skating race is no team sport: no national sides offered
    assert {a.property for a in found.values()} == set(ATTRIBUTE_RELATIONS) - {"P54"}
    assert _attributes("en", "The weather was fine on Sunday.") == []


def test_a_team_sport_offers_each_player_the_national_side_of_every_country() -> None:
    text = ("In Boedapest versloegen de Nederlandse waterpolosters Spanje met 9-7. "
            "Sara Bos scoorde drie keer voor Nederland. Keeper Mila Dekker hield de nul.")
    found = {(a.person.name, a.property, a.value_name()): a for a in _attributes("nl", text)}
    side = "Netherlands national water polo team"
    for name in ("Sara Bos", "Mila Dekker"):
        assert (name, "P54", side) in found
        assert (name, "P54", "Spain national water polo team") in found
    assert "P54|side_named" in found[("Sara Bos", "P54", side)].features


def test_shipped_attribute_model() -> None:
    model = PairModel.load(ATTRIBUTE_DIR)
    assert model is not None and model.classes == ["none", YES]
    meta = json.loads((ATTRIBUTE_DIR / "meta.json").read_text(encoding="utf-8"))
    assert set(meta["thresholds"]) == set(ATTRIBUTE_RELATIONS)
    assert all(0.0 < t <= 1.01 for t in meta["thresholds"].values())
    assert sum(p.stat().st_size for p in ATTRIBUTE_DIR.iterdir()) <= 5 * 1024 * 1024


def _facts(text: str, pipeline: str = "auto") -> set[tuple[str, str, str]]:
    statements = extract_article(load_nlp("nl", pipeline=pipeline, linker=False),
                                 Article(id="x", text=text, lang="nl", date="2026-03-01"))
    return {(s.subject.label, s.property, getattr(s.value, "label", "")) for s in statements}


def test_the_team_race_gives_each_skater_her_sport_and_the_coach_no_athlete_job() -> None:
    found = _facts(TEAM_RACE)
    for name in ("Anna Berg", "Lotte Vos", "Eva Smit"):
        assert (name, "P641", "speed skating") in found
    assert ("Piet de Wit", "P106", "coach") in found
    assert ("Piet de Wit", "P106", "speed skater") not in found


def test_a_coordinated_subject_shares_the_fact_of_one_member() -> None:
    found = _facts("Tijdens de finale in Heerenveen waren Anna Berg, Lotte Vos en Eva Smit "
                   "sneller dan Marit Dahl.", pipeline="rules")
    beaten = {s for s, p, v in found if p == "sk:defeated" and v == "Marit Dahl"}
    if beaten:  # when the patterns find one member's defeat, all three share it
        assert beaten == {"Anna Berg", "Lotte Vos", "Eva Smit"}
    from sportkg.extract.relations.engine import ArticleContext as Context
    from sportkg.extract.relations.engine import Concept, Fact, Person
    from sportkg.extract.statements import shared_by_lists

    nlp = load_nlp("nl", pipeline="rules", linker=False, pairs=False)
    doc = nlp("Anna Berg, Lotte Vos en Eva Smit wonnen goud. Anna Berg en Lotte Vos speelden "
              "tegen elkaar.")
    context = Context.of(doc)
    first, second = context.sentences[0], context.sentences[1]
    gold = Fact(first.people[0], "P166", Concept("gold medal", "award"), 0, "test", 0.8)
    shared = shared_by_lists(context, [gold])
    assert {f.subject.name for f in shared} == {"Lotte Vos", "Eva Smit"}
    assert all(f.confidence < 0.8 and f.value == gold.value for f in shared)
    # a relation between two members, or one a team does not share, stays with its subject
    met = Fact(second.people[0], "sk:defeated", Person("Lotte Vos", 0, 0), 1, "test", 0.8)
    age = Fact(first.people[0], "sk:age", Concept("27", "age"), 0, "test", 0.8)
    assert shared_by_lists(context, [met, age]) == []


def _features(lang: str, text: str) -> dict[tuple[str, str, str], tuple[str, ...]]:
    """(person, relation, value) → the features of that person-level candidate."""
    return {(a.person.name, a.property, a.value_name()): a.features
            for a in _attributes(lang, text)}


def test_a_country_read_from_the_people_beside_a_person_is_a_feature() -> None:
    text = ("De Noor Lars Dahl won de sprint voor Anna Berg. "
            "Berg was de beste Nederlandse. Ook Eva Smit reed mee in Nederland.")
    found = _features("nl", text)
    # Berg is named beside a Norwegian, not described as one: the home side reads that
    assert "P27|mates_described_other" in found[("Anna Berg", "P27", "Netherlands")]
    assert "P27|mate_described_as" in found[("Anna Berg", "P27", "Norway")]
    # Smit is named beside nobody: neither feature
    smit = found[("Eva Smit", "P27", "Netherlands")]
    assert not {"P27|mate_described_as", "P27|mates_described_other"} & set(smit)


def test_an_occupation_word_of_another_person_is_a_feature() -> None:
    text = ("Tennisster Anna Berg won zondag haar eerste titel. "
            "Haar vriend, de golfer Tom Hale, keek toe vanaf de tribune.")
    found = _features("nl", text)
    assert "P106|role_of_other" in found[("Anna Berg", "P106", "golfer")]
    assert "P106|role_is_value" in found[("Tom Hale", "P106", "golfer")]
    assert "P106|role_of_other" not in found[("Tom Hale", "P106", "golfer")]


def test_a_home_nation_of_the_united_kingdom_plays_as_itself() -> None:
    text = ("Engeland versloeg Schotland zaterdag met 2-1 in een vriendschappelijk voetbalduel. "
            "De Engelse spits Tom Hale scoorde twee keer, de Schotse verdediger Sam Reed "
            "eenmaal.")
    found = {(a.person.name, a.property, a.value_name()) for a in _attributes("nl", text)}
    assert ("Tom Hale", "P54", "England national football team") in found
    assert ("Tom Hale", "P54", "Scotland national football team") in found
    assert not any("United Kingdom national" in value for _, _, value in found)
    # the nationality stays the country's
    assert ("Tom Hale", "P27", "United Kingdom") in found


def test_a_person_described_by_a_nationality_keeps_no_other_from_the_classifiers() -> None:
    from sportkg.extract.relations.engine import Concept, Fact, Person
    from sportkg.extract.statements import _described

    doc, context = processed("nl", "De Australiër Tom Hale scoorde twee keer tegen Nederland.")
    assert context.nations.get("Tom Hale") == {"Australia"}
    hale = Person("Tom Hale", 14, 22)

    def fact(prop: str, label: str, kind: str, extractor: str = "sportkg_attributes") -> Fact:
        return Fact(hale, prop, Concept(label, kind), 0, extractor, 0.9)

    facts = [
        fact("P27", "Netherlands", "country"),
        fact("P54", "Netherlands men's national field hockey team", "team"),
        fact("P27", "Australia", "country"),
        fact("P54", "Australia men's national field hockey team", "team"),
        fact("P54", "Kampong", "team"),
        fact("P27", "Netherlands", "country", extractor="sportkg_identity"),
    ]
    kept = {(f.property, f.value.label, f.extractor) for f in _described(  # type: ignore[union-attr]
        context, facts)}
    assert ("P27", "Netherlands", "sportkg_attributes") not in kept
    assert ("P54", "Netherlands men's national field hockey team", "sportkg_attributes") \
        not in kept
    assert {("P27", "Australia", "sportkg_attributes"), ("P54", "Kampong", "sportkg_attributes"),
            ("P54", "Australia men's national field hockey team", "sportkg_attributes"),
            ("P27", "Netherlands", "sportkg_identity")} <= kept
