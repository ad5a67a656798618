"""Reading Wikidata JSON and Turtle into KB records, and writing records as Turtle."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from sportkg.errors import InputError
from sportkg.kb.io import (
    entities_from_turtle,
    entities_from_wikidata_json,
    entities_to_turtle,
    prior_from_sitelinks,
    read_kb_file,
)
from sportkg.kb.kb import KnowledgeBase

from .conftest import FICTIONAL as F

DATA = Path(__file__).parent / "data"


def test_wbgetentities() -> None:
    (roos,) = read_kb_file(DATA / "fictional_wbgetentities.json")  # the missing one is skipped
    assert roos.qid == F["roos_verzonnen"] and roos.type == "person"
    assert roos.labels == {"en": "Roos Verzonnen", "nl": "Roos Verzonnen"}  # no French
    assert roos.aliases == {"nl": ("R. Verzonnen",)}
    assert roos.countries == ("Q55",)  # the deprecated Japanese citizenship is left out
    assert roos.sports == ("Q192431",)
    assert roos.birth_date == "1998-07"  # month precision
    assert roos.sitelinks == 1 and roos.prior == prior_from_sitelinks(1)


def test_dump_lines() -> None:
    bram, baan = read_kb_file(DATA / "fictional_dump.json")
    assert (bram.qid, bram.type, bram.occupations) == (F["bram_bedacht"], "person", ("Q11338576",))
    assert (baan.qid, baan.type) == (F["fictieve_schaatsbaan"], "thing")
    assert baan.labels == {"nl": "Fictieve Schaatsbaan"}


def test_turtle_fixture() -> None:
    entities = {e.qid: e for e in read_kb_file(DATA / "fictional_wikidata.ttl")}
    assert entities[F["kees_stam_boxer"]].birth_date == "1990-04-01"  # from xsd:dateTime
    # the English description is preferred
    assert entities[F["kees_stam_boxer"]].description == "fictional Dutch boxer"
    assert entities[F["race_women_1000"]].type == "thing"
    assert entities[F["danny_okafor"]].labels == {"en": "Danny Okafor"}


def test_turtle_round_trip_of_the_bundled_kb() -> None:
    bundled = list(KnowledgeBase.bundled().entities())
    text = entities_to_turtle(bundled)
    again = entities_from_turtle(text, source="round trip")
    assert isomorphic(Graph().parse(data=text, format="turtle"),
                      Graph().parse(data=entities_to_turtle(again), format="turtle"))
    by_qid = {e.qid: e for e in again}
    for entity in bundled:
        other = by_qid[entity.qid]
        assert (other.type, dict(other.labels), other.names()) == (
            entity.type, dict(entity.labels), entity.names()
        )


def test_our_kb_json_is_read_too(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(KnowledgeBase.bundled().to_json(), encoding="utf-8")
    assert len(read_kb_file(path)) == len(KnowledgeBase.bundled())


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("broken.json", '{"entities": {"Q5": {"id": "Q5", "labels": ', "line 1 is not valid JSON"),
        ("lines.json", '{"id": "Q5", "labels": {}}\n{"id": ', "line 2 is not valid JSON"),
        ("empty.json", "   ", "empty file"),
        ("other.json", '{"hello": "world"}', "not Wikidata entity JSON"),
        ("noid.json", '{"entities": {"X": {"labels": {}}}}', "malformed entity"),
        ("broken.ttl", "<http://a> <http://b> ", "broken.ttl:1: not valid Turtle"),
        ("nolabels.ttl", "<http://a> <http://b> <http://c> .", "no entities with an English"),
        ("data.csv", "a,b", "unknown KB file type '.csv'"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_kb_file(path)
    assert name in str(err.value)


def test_compressed_dumps(tmp_path: Path) -> None:
    import bz2
    import gzip

    raw = (DATA / "fictional_dump.json").read_bytes()
    (tmp_path / "dump.json.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "dump.json.bz2").write_bytes(bz2.compress(raw))
    for name in ("dump.json.gz", "dump.json.bz2"):
        qids = [e.qid for e in read_kb_file(tmp_path / name)]
        assert qids == [F["bram_bedacht"], F["fictieve_schaatsbaan"]]
    (tmp_path / "bad.ttl.gz").write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match="bad.ttl.gz: cannot decompress"):
        read_kb_file(tmp_path / "bad.ttl.gz")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        read_kb_file(tmp_path / "absent.ttl")


def test_json_text_function_names_its_source() -> None:
    with pytest.raises(InputError, match="^upload: "):
        entities_from_wikidata_json("[1, 2]", source="upload")
