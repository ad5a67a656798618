"""Tests of the knowledge base records, the bundled KB and the lookup index."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sportkg.errors import InputError
from sportkg.kb.kb import (
    BUNDLED_PATH,
    KBEntity,
    KnowledgeBase,
    normalize_name,
    types_compatible,
)
from sportkg.model import ENTITY_TYPES

IDS_TSV = Path(__file__).resolve().parents[3] / "shared" / "wikidata" / "ids.tsv"


def _person(iri: str, label: str, **kw: object) -> KBEntity:
    return KBEntity(iri=iri, type="person", labels={"en": label, "nl": label}, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bundled() -> KnowledgeBase:
    return KnowledgeBase.bundled()


def test_bundled_has_both_languages_for_every_entity(bundled: KnowledgeBase) -> None:
    entities = list(bundled.entities())
    assert len(entities) >= 40
    for entity in entities:
        assert entity.labels.get("en") and entity.labels.get("nl"), entity.qid
        assert entity.type in ENTITY_TYPES
        assert entity.iri == "http://www.wikidata.org/entity/" + str(entity.qid)


def test_bundled_uses_only_verified_ids(bundled: KnowledgeBase) -> None:
    if not IDS_TSV.is_file():
        pytest.skip("ids.tsv is not present")
    with IDS_TSV.open(encoding="utf-8") as fh:
        verified = {row["id"] for row in csv.DictReader(fh, delimiter="\t")}
    used: set[str] = set()
    for entity in bundled.entities():
        used.add(str(entity.qid))
        used.update(entity.instance_of, entity.occupations, entity.sports, entity.countries)
        used.update(entity.related)
        if entity.gender:
            used.add(entity.gender)
    assert used - verified == set()


def test_people_are_only_the_verified_ones(bundled: KnowledgeBase) -> None:
    people = {e.qid for e in bundled.entities() if e.type == "person"}
    assert {"Q79031", "Q2239218", "Q133903", "Q1894"} <= people
    assert all(bundled.get(str(q)).instance_of[:1] == ("Q5",) for q in people)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "qid", "match"),
    [
        ("Nederland", "Q55", "label"),
        ("the Netherlands", "Q55", "alias"),
        ("Milaan", "Q490", "label"),
        ("Milano", "Q490", "alias"),
        ("Winterspelen 2026", "Q4630399", "alias"),
        ("Milano-Cortina", "Q4630399", "alias"),
        ("olympisch goud", "Q15243387", "alias"),
        ("schaatsster", "Q10866633", "alias"),
        ("Schaatser", "Q10866633", "label"),
        ("shorttrack", "Q193654", "label"),
        ("Italië", "Q38", "label"),
        ("Italie", "Q38", "label"),
        ("Mike Tyson", "Q79031", "label"),
        ("M. Tyson", "Q79031", "initials"),
        ("Tyson", "Q79031", "surname"),
        ("Amerikaan", "Q30", "alias"),
        ("de Verenigde Staten", "Q30", "alias"),
        ("the Olympic Games", "Q5389", "alias"),
        ("WK-goud", "Q406039", "alias"),
    ],
)
def test_lookup_finds_bundled_names(
    bundled: KnowledgeBase, name: str, qid: str, match: str
) -> None:
    best = bundled.lookup(name)[0]
    assert (best.entity.qid, best.match) == (qid, match)


def test_lookup_type_filter(bundled: KnowledgeBase) -> None:
    assert bundled.lookup("Nederland", type="person") == []
    assert bundled.lookup("Nederland", type="place")[0].entity.qid == "Q55"
    assert bundled.lookup("Mike Tyson", type="award") == []


def test_ambiguous_name_returns_several_candidates(bundled: KnowledgeBase) -> None:
    qids = [c.entity.qid for c in bundled.lookup("goud")]
    assert set(qids) == {"Q406039", "Q15243387"}
    # the generic medal has the higher prior, so without context it comes first
    assert qids[0] == "Q406039"


def test_unknown_and_empty_names(bundled: KnowledgeBase) -> None:
    assert bundled.lookup("Jutta Leerdam") == []
    assert bundled.lookup("  ...  ") == []


def test_normalize_name() -> None:
    assert normalize_name("Ireen  Wüst") == "ireen wust"
    assert normalize_name("Milano–Cortina") == "milano cortina"
    assert normalize_name("D'Angelo") == "dangelo"


def test_surname_with_particles_and_initials() -> None:
    kb = KnowledgeBase([_person("urn:x:1", "Femke van der Pol")])
    assert kb.lookup("Van der Pol")[0].match == "surname"
    assert kb.lookup("Pol")[0].match == "surname"
    assert kb.lookup("F. van der Pol")[0].match == "initials"
    assert kb.lookup("femke van der pol")[0].match == "label"


def test_token_fallback_scores_overlap() -> None:
    kb = KnowledgeBase([_person("urn:x:1", "Anna Maria Velt")])
    (cand,) = kb.lookup("Maria Velt Jansen")
    assert cand.match == "tokens"
    assert 0 < cand.score < 0.6


def test_label_beats_surname_of_someone_else() -> None:
    kb = KnowledgeBase(
        [_person("urn:x:1", "Kees Stam"), _person("urn:x:2", "Stam", prior=0.1)]
    )
    assert kb.lookup("Stam")[0].entity.iri == "urn:x:2"


def test_replacing_a_record_by_iri() -> None:
    kb = KnowledgeBase([_person("urn:x:1", "Old Name")])
    kb.add(_person("urn:x:1", "New Name"))
    assert len(kb) == 1
    assert kb.lookup("Old Name") == []
    assert kb.lookup("New Name")[0].entity.labels["en"] == "New Name"


def test_json_round_trip(tmp_path: Path, bundled: KnowledgeBase) -> None:
    path = tmp_path / "kb.json"
    path.write_text(bundled.to_json(), encoding="utf-8")
    again = KnowledgeBase.from_json(path)
    assert [e.to_dict() for e in again.entities()] == [e.to_dict() for e in bundled.entities()]


def test_bad_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"entities": [', encoding="utf-8")
    with pytest.raises(InputError, match="broken.json"):
        KnowledgeBase.from_json(path)
    path.write_text(json.dumps({"entities": [{"qid": "Q5", "type": "spaceship",
                                              "labels": {"en": "x"}}]}), encoding="utf-8")
    with pytest.raises(InputError, match="spaceship"):
        KnowledgeBase.from_json(path)


def test_names_covers_labels_and_aliases(bundled: KnowledgeBase) -> None:
    nl = bundled.get("Q55")
    assert nl is not None
    assert {"Netherlands", "Nederland", "Holland", "Nederlandse"} <= nl.names()


def test_types_compatible() -> None:
    assert types_compatible("place", "country")
    assert types_compatible(None, "award")
    assert not types_compatible("person", "team")


def test_bundled_path_is_package_data() -> None:
    assert BUNDLED_PATH.name == "kb_bundled.json" and BUNDLED_PATH.is_file()


def test_bundled_kb_is_read_only(bundled: KnowledgeBase) -> None:
    from sportkg.errors import ConfigError

    with pytest.raises(ConfigError, match="read-only"):
        bundled.add(_person("urn:x:9", "Nieuw Iemand"))
    bigger = bundled.merge(KnowledgeBase([_person("urn:x:9", "Nieuw Iemand")]))
    assert len(bigger) == len(bundled) + 1 and "urn:x:9" not in bundled
