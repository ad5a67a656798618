"""The bundled KB is built from the verified ids by `training/build_kb.py`: every row, both
languages, linked in extraction."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from sportkg.kb.kb import BUNDLED_PATH, KnowledgeBase
from sportkg.model import Article
from sportkg.pipeline import extract_articles

ROOT = Path(__file__).resolve().parents[2]
SHARED_IDS = ROOT.parent / "shared" / "wikidata" / "ids.tsv"


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "training" / "build_kb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_kb", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_kb() -> ModuleType:
    return _build_module()


@pytest.fixture(scope="module")
def rows(build_kb: ModuleType) -> list[dict[str, str]]:
    return build_kb.read_ids(build_kb.IDS_PATH)  # type: ignore[no-any-return]


def test_shipped_file_is_what_the_script_builds(build_kb: ModuleType) -> None:
    assert build_kb.main(["--check"]) == 0


def test_the_vendored_ids_are_the_shared_ones(build_kb: ModuleType) -> None:
    if not SHARED_IDS.is_file():
        pytest.skip("the shared ids file is not present")
    assert build_kb.IDS_PATH.read_bytes() == SHARED_IDS.read_bytes()


def test_every_row_is_in_the_bundled_kb_in_both_languages(rows: list[dict[str, str]]) -> None:
    kb = KnowledgeBase.bundled()
    assert len(rows) == len(kb) + len(kb.properties)
    for row in rows:
        record = kb.properties.get(row["id"]) if row["id"].startswith("P") else kb.get(row["id"])
        assert record is not None, row["id"]
        assert record.labels.get("en") and record.labels.get("nl"), row["id"]
        assert record.verified == row["confidence"], row["id"]
        assert row["label"].startswith(record.labels["en"]), row["id"]


def test_kind_column_gives_the_type(rows: list[dict[str, str]]) -> None:
    kb = KnowledgeBase.bundled()
    types = {row["id"]: kb.get(row["id"]).type for row in rows if row["id"].startswith("Q")}  # type: ignore[union-attr]
    assert types["Q79031"] == "person" and types["Q490"] == "place"
    assert types["Q15243387"] == "award" and types["Q4630399"] == "event"
    assert types["Q81888"] == "team" and types["Q2736"] == "sport"
    assert types["Q937857"] == "occupation" and types["Q727"] == "place"
    utrecht = kb.get("Q803")
    assert utrecht is not None and utrecht.labels["en"] == "Utrecht"  # "(city)" is a note
    assert kb.properties["P166"].datatype == "item"
    assert kb.properties["P569"].labels["nl"] == "geboortedatum"


def test_build_refuses_rows_without_dutch_words(build_kb: ModuleType) -> None:
    rows = [{"id": "Q1", "label": "universe", "kind": "item", "datatype": "",
             "confidence": "A"}]
    with pytest.raises(build_kb.BuildError, match="Q1 .*Dutch label"):
        build_kb.build(rows, {})
    with pytest.raises(build_kb.BuildError, match="must give its type"):
        build_kb.build(rows, {"Q1": {"nl": "heelal"}})
    with pytest.raises(build_kb.BuildError, match="not in"):
        build_kb.build(rows, {"Q1": {"nl": "heelal", "type": "thing"}, "Q2": {"nl": "x"}})
    with pytest.raises(build_kb.BuildError, match="facts name ids"):
        build_kb.build(rows, {"Q1": {"nl": "heelal", "type": "thing", "related": ["Q99"]}})


def test_bundled_people_and_teams_are_only_verified_ids(rows: list[dict[str, str]]) -> None:
    verified = {row["id"] for row in rows}
    for entity in KnowledgeBase.bundled().entities():
        assert entity.qid in verified
        if entity.type in ("person", "team"):
            assert entity.verified in ("A", "B")


def _statements(text: str, lang: str) -> list[tuple[str, str | None, str, str, str | None]]:
    article = Article(id=f"kb_{lang}", text=text, lang=lang, date="2025-03-02",
                      source=f"kb_{lang}.txt")
    ((_, statements),) = list(extract_articles([article]))
    out = []
    for s in statements:
        value = s.value
        out.append((s.subject.label, s.subject.qid, s.property,
                    getattr(value, "label", ""), getattr(value, "qid", None)))
    return out


def test_a_dutch_mention_of_a_shipped_athlete_and_club_links_to_their_qids() -> None:
    found = _statements(
        "Memphis Depay keert terug bij PSV. De 31-jarige aanvaller speelde van 2011 tot "
        "2015 al voor de club uit Eindhoven.", "nl")
    subjects = {(label, qid) for label, qid, *_ in found}
    assert ("Memphis Depay", "Q1894") in subjects
    teams = {qid for _, _, prop, _, qid in found if prop == "P54"}
    assert "Q11938" in teams


def test_an_english_mention_of_a_shipped_athlete_and_club_links_to_their_qids() -> None:
    found = _statements(
        "Dutch defender Virgil van Dijk signed a new contract with Liverpool on Sunday. "
        "The 33-year-old captain joined the club in 2018.", "en")
    assert any(qid == "Q133903" for _, qid, *_ in found)
    teams = {qid for _, _, prop, _, qid in found if prop == "P54"}
    assert "Q1130849" in teams


def test_bundled_path_is_the_build_output(build_kb: ModuleType) -> None:
    assert build_kb.OUT_PATH == BUNDLED_PATH


@pytest.mark.parametrize(
    ("nl", "en", "slug"),
    [
        ("Formule 1-coureur Tim Bakker reed zondag in Monaco naar de zege. Bakker is de "
         "zoon van een autocoureur.",
         "Formula One driver Tim Bakker won in Monaco on Sunday. The F1 driver is the son "
         "of a racing driver.", "tim-bakker--formula-one"),
        ("Voetballer Tim Bakker tekende zaterdag bij Feyenoord.",
         "Footballer Tim Bakker signed for Feyenoord on Saturday.", "tim-bakker--football"),
    ],
)
def test_a_person_gets_one_minted_iri_in_both_languages(nl: str, en: str, slug: str) -> None:
    iris = set()
    for lang, text in (("nl", nl), ("en", en)):
        article = Article(id=f"iri_{lang}", text=text, lang=lang, date="2025-05-25",
                          source=f"iri_{lang}.txt")
        ((_, statements),) = list(extract_articles([article]))
        iris |= {s.subject.iri for s in statements if s.subject.label == "Tim Bakker"}
    assert len(iris) == 1 and next(iter(iris)).endswith("/" + slug)
