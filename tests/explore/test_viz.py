"""The HTML network picture: data selection in Python, drawing in a real headless chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from sportkg.errors import InputError
from sportkg.explore.viz import TYPE_COLOURS, find_nodes, network_data, render_html, select

from .browser import Browser, chromium_path

SKE = "https://w3id.org/sportkg/entity/"
WD = "http://www.wikidata.org/entity/"


def sample_graph() -> nx.MultiDiGraph:
    """A small network of fictional athletes in the form `KnowledgeGraph.to_networkx` gives."""
    nxg = nx.MultiDiGraph()
    people = {
        "noor-vermeulen": "Noor Vermeulen",
        "daan-hoekstra": "Daan Hoekstra",
        "kees-hoekstra": "Kees Hoekstra",
        "henk-bosma": "Henk Bosma",
        "ingrid-solberg": "Ingrid Solberg",
        "callum-reid": "Callum Reid",
        "anna-hoekstra": "Anna Hoekstra",
    }
    for slug, label in people.items():
        nxg.add_node(SKE + slug, label=label, qid=None, types="person")
    nxg.add_node(WD + "Q55", label="Netherlands", qid="Q55", types="country")
    nxg.add_node(SKE + "award/european-champion-1500-m", label="European champion 1500 m",
                 qid=None, types="award")
    nxg.add_node(SKE + "event/</script><b>x", label="</script><b>Rotterdam night", qid=None,
                 types="event")
    source = {"source": "nl_01.txt", "published": "2026-01-18",
              "sentence": "Noor Vermeulen won goud op de 1500 meter.", "extractor": "medals"}

    def edge(s: str, o: str, prop: str, label: str) -> None:
        nxg.add_edge(s, o, property=prop, label=label, confidence=0.9, sources=[source])

    edge(SKE + "noor-vermeulen", SKE + "daan-hoekstra", "sk:engagedTo", "engaged to")
    edge(SKE + "noor-vermeulen", SKE + "award/european-champion-1500-m", "P166", "award received")
    edge(SKE + "noor-vermeulen", WD + "Q55", "P27", "country of citizenship")
    edge(SKE + "noor-vermeulen", SKE + "henk-bosma", "sk:coachedBy", "coached by")
    edge(SKE + "noor-vermeulen", SKE + "ingrid-solberg", "sk:defeated", "defeated")
    edge(SKE + "daan-hoekstra", SKE + "kees-hoekstra", "P22", "father")
    edge(SKE + "daan-hoekstra", SKE + "kees-hoekstra", "sk:coachedBy", "coached by")
    edge(SKE + "daan-hoekstra", SKE + "callum-reid", "sk:defeated", "defeated")
    edge(SKE + "daan-hoekstra", SKE + "event/</script><b>x", "sk:won", "won")
    edge(SKE + "callum-reid", SKE + "anna-hoekstra", "P451", "unmarried partner")
    return nxg


def test_find_nodes_prefers_exact_names_and_reports_ambiguity() -> None:
    nxg = sample_graph()
    assert find_nodes(nxg, "noor vermeulen") == [SKE + "noor-vermeulen"]
    assert find_nodes(nxg, "Q55") == [WD + "Q55"]
    assert sorted(find_nodes(nxg, "Hoekstra")) == [
        SKE + "anna-hoekstra", SKE + "daan-hoekstra", SKE + "kees-hoekstra"
    ]
    with pytest.raises(InputError, match="fits 3 nodes.*Anna Hoekstra.*Daan Hoekstra"):
        select(nxg, person="Hoekstra")
    with pytest.raises(InputError, match="no one named 'Mo Farah'"):
        select(nxg, person="Mo Farah")


def test_select_keeps_the_neighbourhood_of_a_person() -> None:
    nxg = sample_graph()
    one = select(nxg, person="Callum Reid", depth=1)
    assert set(one.nodes) == {SKE + "callum-reid", SKE + "daan-hoekstra", SKE + "anna-hoekstra"}
    two = select(nxg, person="Callum Reid", depth=2)
    assert SKE + "noor-vermeulen" in two and SKE + "henk-bosma" not in two
    assert two.number_of_edges("daan-hoekstra", "kees-hoekstra") == 0  # keys are IRIs
    assert two.number_of_edges(SKE + "daan-hoekstra", SKE + "kees-hoekstra") == 2
    assert select(nxg, person="Callum Reid", depth=0).number_of_nodes() == 1


def test_network_data_and_page_are_self_contained() -> None:
    nxg = sample_graph()
    data = network_data(nxg)
    assert len(data["nodes"]) == 10 and len(data["edges"]) == 10
    types = {n["label"]: n["type"] for n in data["nodes"]}
    assert types["Netherlands"] == "country" and types["Noor Vermeulen"] == "person"
    coached = [e for e in data["edges"] if e["property"] == "sk:coachedBy"]
    assert coached[0]["sources"][0]["sentence"].startswith("Noor Vermeulen won")
    page = render_html(nxg, title="Test <network>")
    assert "<title>Test &lt;network&gt;</title>" in page
    assert "</script><b>" not in page  # a label cannot end the data block
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "").split("graph-data")[0]
    assert "<script src" not in page and "<link" not in page


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    if chromium_path() is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    try:
        chromium = Browser(tmp_path / "chromium-profile")
    except (OSError, TimeoutError, ConnectionError) as exc:
        pytest.skip(f"chromium could not start: {exc}")
    with chromium:
        yield chromium


def test_page_draws_every_node_without_errors_in_chromium(
    browser: Browser, tmp_path: Path
) -> None:
    from PIL import Image

    nxg = sample_graph()
    page = tmp_path / "network.html"
    page.write_text(render_html(nxg, title="Fictional athletes"), encoding="utf-8")

    report = browser.open(page.as_uri(), ready="document.documentElement.dataset.ready === 'true'")
    assert report.errors == []
    assert report.requests == [page.as_uri()]  # nothing fetched besides the page itself
    assert browser.evaluate("document.querySelectorAll('#network .node circle').length") == 10
    assert browser.evaluate("document.querySelectorAll('#network .edge path').length") == 10
    assert browser.evaluate("document.getElementById('counts').textContent") == (
        "10 nodes · 10 edges"
    )
    # every node is drawn inside the visible area, at a distinct position
    boxes = browser.evaluate(
        "Array.from(document.querySelectorAll('#network .node circle')).map(c => {"
        " const r = c.getBoundingClientRect(); return [r.x, r.y, r.width]; })"
    )
    assert all(0 <= x <= 1280 and 0 <= y <= 900 and w > 3 for x, y, w in boxes)
    assert len({(round(x), round(y)) for x, y, _ in boxes}) == 10
    # hovering an edge shows its relation and source sentence
    tip = browser.evaluate(
        "(() => { const g = document.querySelector('.edge[data-property=\"sk:coachedBy\"]');"
        " const r = g.getBoundingClientRect();"
        " g.dispatchEvent(new MouseEvent('mousemove', {clientX: r.x, clientY: r.y}));"
        " const t = document.getElementById('tooltip'); return [t.hidden, t.textContent]; })()"
    )
    assert tip[0] is False
    assert "coached by" in tip[1] and "nl_01.txt (2026-01-18)" in tip[1]
    assert "Noor Vermeulen won goud" in tip[1]
    # hovering a node fades all but its facts and neighbours
    faded = browser.evaluate(
        "(() => { const g = document.querySelector('.node[data-id$=\"callum-reid\"]');"
        " g.dispatchEvent(new MouseEvent('mouseenter'));"
        " const on = [document.querySelectorAll('.node.fade').length,"
        "             document.querySelectorAll('.edge.fade').length];"
        " g.dispatchEvent(new MouseEvent('mouseleave'));"
        " return on.concat([document.querySelectorAll('.fade').length]); })()"
    )
    assert faded == [7, 8, 0]
    # the event label with markup is shown as text, not parsed as HTML
    assert browser.evaluate("document.querySelectorAll('#network b').length") == 0
    assert browser.evaluate("document.querySelectorAll('#legend span').length") == 4

    shot = browser.screenshot(tmp_path / "network.png")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 900)
    person = tuple(int(TYPE_COLOURS["person"][i:i + 2], 16) for i in (1, 3, 5))
    colours = image.getcolors(maxcolors=1 << 20) or []
    person_pixels = sum(count for count, rgb in colours if rgb == person)
    assert person_pixels > 200, "no person nodes visible in the screenshot"


def test_write_html_from_a_graph_quotes_the_sentences(tmp_path: Path) -> None:
    import json as _json

    from sportkg.explore.viz import write_html
    from sportkg.graph.kg import KnowledgeGraph
    from sportkg.model import Entity, Evidence, Statement

    noor = Entity(SKE + "noor-vermeulen", "Noor Vermeulen", None, "person")
    daan = Entity(SKE + "daan-hoekstra", "Daan Hoekstra", None, "person")
    kees = Entity(SKE + "kees-hoekstra", "Kees Hoekstra", None, "person")
    sentence = "Vermeulen is verloofd met bokser Daan Hoekstra."
    evidence = Evidence("nl_01.txt", sentence, 0, len(sentence), "relationships", "2026-01-18")
    father = Evidence("nl_02.txt", "Hoekstra is de zoon van Kees Hoekstra.", 0, 38, "family",
                      "2026-03-07")
    with KnowledgeGraph.open("memory") as kg:
        kg.load_statements([
            Statement("nl_01", "a1", noor, "sk:engagedTo", daan, evidence, 0.8),
            Statement("nl_02", "a2", daan, "P22", kees, father, 0.9),
        ])
        whole = write_html(kg, tmp_path / "all.html")
        near = write_html(kg, tmp_path / "sub" / "noor.html", person="Noor Vermeulen", depth=1)
    assert (whole.nodes, whole.edges) == (3, 2)
    assert (near.nodes, near.edges) == (2, 1)
    page = (tmp_path / "sub" / "noor.html").read_text(encoding="utf-8")
    assert "<title>Noor Vermeulen in sportkg</title>" in page
    data = _json.loads(page.split('type="application/json">', 1)[1].split("</script>", 1)[0])
    edge = data["edges"][0]
    assert edge["label"] == "engaged to"
    assert edge["sources"] == [{"source": "nl_01.txt", "published": "2026-01-18",
                                "sentence": sentence, "extractor": "relationships"}]
    assert [n["centre"] for n in data["nodes"] if n["label"] == "Noor Vermeulen"] == [True]


def test_neighbourhoods_stop_at_attributes_and_repeated_facts_merge() -> None:
    nxg = sample_graph()
    nxg.add_node(WD + "Q32112", label="boxing", qid="Q32112", type="sport")
    nxg.add_node(SKE + "mike-fictional", label="Mike Fictional", qid="", type="person")
    for person in ("daan-hoekstra", "mike-fictional"):
        nxg.add_edge(SKE + person, WD + "Q32112", property="P641", label="sport",
                     confidence=0.7, sources=["nl_02.txt"])
    nxg.add_edge(SKE + "daan-hoekstra", WD + "Q32112", property="P641", label="sport",
                 confidence=0.8, sources=["nl_05.txt"])
    near = select(nxg, person="Daan Hoekstra", depth=3)
    assert WD + "Q32112" in near and SKE + "mike-fictional" not in near
    data = network_data(near)
    sport = [e for e in data["edges"] if e["property"] == "P641"]
    assert len(sport) == 1
    assert sport[0]["confidence"] == 0.8
    assert [s["source"] for s in sport[0]["sources"]] == ["nl_02.txt", "nl_05.txt"]
