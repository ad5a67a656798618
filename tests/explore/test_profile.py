"""Person profiles: grouping, merging sources, incoming facts, ambiguity and rendering."""

from __future__ import annotations

import json

import pytest

from sportkg.errors import ConfigError, InputError
from sportkg.explore.profile import (
    Candidate,
    WikidataValue,
    build_profile,
    match_people,
    render,
)
from sportkg.model import Entity, Evidence, LiteralValue, Statement

SKE = "https://w3id.org/sportkg/entity/"
NOOR = Entity(SKE + "noor-vermeulen", "Noor Vermeulen", None, "person")
DAAN = Entity(SKE + "daan-hoekstra", "Daan Hoekstra", None, "person")
KEES = Entity(SKE + "kees-hoekstra", "Kees Hoekstra", None, "person")
INGRID = Entity(SKE + "ingrid-solberg", "Ingrid Solberg", None, "person")
NL = Entity.from_qid("Q55", "Netherlands", "country")
TITLE = Entity(SKE + "award/european-champion-1500-m", "European champion 1500 m", None, "award")


def fact(subject: Entity, prop: str, value: Entity | LiteralValue, *, doc: str = "nl_01",
         sentence: str = "Noor Vermeulen won in Heerenveen.", published: str = "2026-01-18",
         confidence: float = 0.9, **qualifiers: Entity | LiteralValue) -> Statement:
    evidence = Evidence(f"{doc}.txt", sentence, 0, len(sentence), "test", published)
    return Statement(doc, "hash-" + doc, subject, prop, value, evidence, confidence,
                     qualifiers=tuple(qualifiers.items()))


STATEMENTS = [
    fact(NOOR, "P27", NL, sentence="De Nederlandse schaatsster Noor Vermeulen."),
    fact(NOOR, "P27", NL, doc="nl_02", published="2026-03-07", confidence=0.7,
         sentence="Schaatsster Noor Vermeulen, de Nederlandse favoriete."),
    fact(NOOR, "P166", TITLE, P585=LiteralValue("2026-01-18", "date", "day")),
    fact(NOOR, "P1000", Entity(SKE + "record/track-record", "track record", None, "record"),
         P2781=LiteralValue(113.41, "duration")),
    fact(NOOR, "sk:defeated", INGRID),
    fact(DAAN, "sk:engagedTo", NOOR, doc="nl_02", published="2026-03-07",
         sentence="Hoekstra vierde het met zijn verloofde Noor Vermeulen."),
    fact(NOOR, "sk:age", LiteralValue(24, "integer")),
    fact(DAAN, "P22", KEES, doc="nl_02", sentence="Hoekstra is de zoon van Kees Hoekstra."),
]


def test_groups_merge_sources_and_read_incoming_facts() -> None:
    person = build_profile(NOOR, STATEMENTS)
    titles = [g.title for g in person.groups]
    assert titles == ["Sport and nationality", "Family and relationships", "Medals and titles",
                      "Records", "Wins"]
    nationality = person.group("Sport and nationality")
    assert nationality is not None
    country = [f for f in nationality.facts if f.property == "P27"]
    assert len(country) == 1  # one fact, two sources, newest first
    assert [s.doc for s in country[0].sources] == ["nl_02", "nl_01"]
    assert country[0].confidence == 0.9 and country[0].value_qid == "Q55"
    family = person.group("Family and relationships")
    assert family is not None
    engaged = family.facts[0]
    assert (engaged.relation, engaged.value) == ("engaged to", "Daan Hoekstra")
    record = person.group("Records")
    assert record is not None and record.facts[0].qualifiers == (("race time", "1:53.41"),)
    assert person.articles == ("nl_01", "nl_02")
    assert all(f.property != "P22" for f in person.facts)  # Daan's father is not Noor's


def test_inverse_relations_read_from_the_other_side() -> None:
    kees = build_profile(KEES, STATEMENTS)
    assert [(f.relation, f.value) for f in kees.facts] == [("child", "Daan Hoekstra")]
    ingrid = build_profile(INGRID, STATEMENTS)
    assert [(f.relation, f.value) for f in ingrid.facts] == [("defeated by", "Noor Vermeulen")]


def test_match_people_exact_before_partial_and_qids_merge() -> None:
    people = [Candidate(DAAN.iri, DAAN.label), Candidate(KEES.iri, KEES.label),
              Candidate(NOOR.iri, NOOR.label),
              Candidate("http://www.wikidata.org/entity/Q1", "Sifan Hassan", "Q1"),
              Candidate(SKE + "sifan-hassan", "Sifan Hassan", "Q1")]
    assert [c.label for c in match_people(people, "Hoekstra")] == ["Daan Hoekstra",
                                                                    "Kees Hoekstra"]
    assert [c.iri for c in match_people(people, "DAAN hoekstra")] == [DAAN.iri]
    assert len(match_people(people, "Hassan")) == 1
    assert [c.label for c in match_people(people, "q1")] == ["Sifan Hassan"]
    assert match_people(people, "Femke") == []
    with pytest.raises(InputError):
        match_people(people, "  ")


def test_render_text_json_and_markdown() -> None:
    wikidata = [WikidataValue("P27", "country of citizenship", "Netherlands",
                              "http://www.wikidata.org/entity/Q55")]
    person = build_profile(NOOR, STATEMENTS, wikidata=wikidata)
    text = render(person)
    assert text.splitlines()[0] == "Noor Vermeulen  (not linked to Wikidata)"
    assert "SPORT AND NATIONALITY" in text and "  country of citizenship: Netherlands" in text
    assert "nl_02, 2026-03-07, test, confidence 0.70" in text
    assert "\u201cHoekstra vierde het met zijn verloofde Noor Vermeulen.\u201d" in text
    assert "  Wikidata: country of citizenship: Netherlands" in text

    data = json.loads(render(person, format="json"))
    assert data["label"] == "Noor Vermeulen"
    medals = next(g for g in data["groups"] if g["title"] == "Medals and titles")
    assert medals["facts"][0]["qualifiers"] == {"point in time": "2026-01-18"}
    assert medals["facts"][0]["sources"][0]["sentence"] == "Noor Vermeulen won in Heerenveen."

    markdown = render(person, format="markdown")
    assert markdown.startswith("# Noor Vermeulen\n")
    assert "## Medals and titles" in markdown
    assert "| award received | European champion 1500 m | point in time: 2026-01-18 | 0.90 |" in (
        markdown
    )
    with pytest.raises(ConfigError, match="Available: text, json, markdown"):
        render(person, format="yaml")


def test_ambiguous_profile_lists_candidates() -> None:
    from sportkg.explore.profile import Profile

    person = Profile(query="Hoekstra", iri=None, label="",
                     candidates=(Candidate(DAAN.iri, DAAN.label), Candidate(KEES.iri, KEES.label)))
    assert person.ambiguous
    text = render(person)
    assert text.splitlines()[0] == "'Hoekstra' fits 2 people:"
    assert f"  Daan Hoekstra <{DAAN.iri}>" in text
    assert json.loads(render(person, format="json"))["candidates"][1]["label"] == "Kees Hoekstra"
    assert f"- Kees Hoekstra <{KEES.iri}>" in render(person, format="markdown")


def test_symmetric_and_inverse_facts_stated_both_ways_are_one_fact() -> None:
    both = [
        fact(NOOR, "sk:engagedTo", DAAN, doc="nl_01"),
        fact(DAAN, "sk:engagedTo", NOOR, doc="nl_02"),
        fact(DAAN, "P22", KEES, doc="nl_02"),
        fact(KEES, "P40", DAAN, doc="nl_03"),
    ]
    noor = build_profile(NOOR, both)
    assert [(f.relation, f.value, len(f.sources)) for f in noor.facts] == [
        ("engaged to", "Daan Hoekstra", 2)
    ]
    kees = build_profile(KEES, both)
    assert [(f.property, f.relation, len(f.sources)) for f in kees.facts] == [("P40", "child", 2)]
    daan = build_profile(DAAN, both)
    assert sorted((f.relation, len(f.sources)) for f in daan.facts) == [
        ("engaged to", 2), ("father", 2)
    ]


TYSON_KB = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
wd:Q79031 rdfs:label "Mike Tyson"@en ; wdt:P106 wd:Q11338576 ; wdt:P27 wd:Q30 ;
    wdt:P641 wd:Q32112 .
wd:Q30 rdfs:label "United States"@en , "Verenigde Staten"@nl .
wd:Q32112 rdfs:label "boxing"@en .
"""  # the label of wd:Q11338576 (boxer) comes from the article graphs


def test_profile_reads_the_graph_merges_same_person_and_shows_wikidata() -> None:
    from sportkg.explore.profile import profile
    from sportkg.graph.kg import KnowledgeGraph

    tyson_wd = Entity.from_qid("Q79031", "Mike Tyson", "person")
    tyson_minted = Entity(SKE + "mike-tyson", "Mike Tyson", "Q79031", "person")
    boxer = Entity.from_qid("Q11338576", "boxer", "occupation")
    boxing = Entity.from_qid("Q32112", "boxing", "sport")
    statements = [
        *STATEMENTS,
        fact(tyson_wd, "P106", boxer, doc="en_01", sentence="Former boxer Mike Tyson watched."),
        fact(tyson_minted, "P641", boxing, doc="en_02", sentence="Tyson, a boxing legend."),
        fact(DAAN, "sk:coachedBy", tyson_minted, doc="en_02", sentence="Tyson coached Hoekstra."),
    ]
    with KnowledgeGraph.open("memory") as kg:
        kg.load_statements(statements)
        kg.add_kb(TYSON_KB)
        tyson = profile(kg, "tyson")
        assert tyson.iri == tyson_wd.iri and tyson.qid == "Q79031"
        assert tyson.same_as == (tyson_minted.iri,)
        assert sorted((f.relation, f.value) for f in tyson.facts) == [
            ("coach of", "Daan Hoekstra"), ("occupation", "boxer"), ("sport", "boxing")
        ]
        assert tyson.articles == ("en_01", "en_02")
        group = tyson.group("Sport and nationality")
        assert group is not None
        assert sorted((w.relation, w.value) for w in group.wikidata) == [
            ("country of citizenship", "United States"), ("occupation", "boxer"),
            ("sport", "boxing"),
        ]
        assert "  Wikidata: country of citizenship: United States" in render(tyson)

        ambiguous = profile(kg, "Hoekstra")
        assert [c.label for c in ambiguous.candidates] == ["Daan Hoekstra", "Kees Hoekstra"]
        assert profile(kg, "Kees Hoekstra").facts[0].relation == "child"
        with pytest.raises(InputError, match="no person called 'Femke Bol'"):
            profile(kg, "Femke Bol")
