"""Fixtures of the explore tests: a small Oxigraph store and the `sportkg` command line."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
SKE = "https://w3id.org/sportkg/entity/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def sportkg_command() -> list[str]:
    """The `sportkg` executable of this environment as an argv prefix."""
    script = Path(sys.executable).parent / "sportkg"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "sportkg.cli"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_tiny_store(location: Path) -> Path:
    """Write the store of `tiny_store` at `location` and return it."""
    import pyoxigraph as ox

    store = ox.Store(str(location))
    noor, daan = ox.NamedNode(SKE + "noor-vermeulen"), ox.NamedNode(SKE + "daan-hoekstra")
    engaged = ox.NamedNode("https://w3id.org/sportkg/ontology#engagedTo")
    graph1 = ox.NamedNode("https://w3id.org/sportkg/article/one")
    graph2 = ox.NamedNode("https://w3id.org/sportkg/article/two")
    label = ox.NamedNode(RDFS_LABEL)
    quads = [
        ox.Quad(noor, label, ox.Literal("Noor Vermeulen", language="en"), graph1),
        ox.Quad(noor, ox.NamedNode(WDT + "P27"), ox.NamedNode(WD + "Q55"), graph1),
        ox.Quad(noor, engaged, daan, graph1),
        ox.Quad(daan, label, ox.Literal("Daan Hoekstra", language="en"), graph2),
        ox.Quad(daan, ox.NamedNode(WDT + "P641"), ox.NamedNode(WD + "Q32112"), graph2),
    ]
    store.extend(quads)
    store.flush()
    del store
    return location


@pytest.fixture
def tiny_store(tmp_path: Path) -> Path:
    """An on-disk Oxigraph store with two article graphs about fictional athletes."""
    return write_tiny_store(tmp_path / "store")
