"""A lazy plugin registry: stores and exporters found by name.

Built-ins are a table of dotted paths, imported only when first asked for (as
`rdflib/plugin.py` does), so naming a plugin costs nothing until it is used.
Third-party packages add plugins through the entry-point groups
`sportkg.stores` and `sportkg.exporters` (`name = "package.module:Class"`), or
at run time with `register`. Linking has one implementation and is no plugin kind
(docs/decisions/0009-no-linker-plugin-group.md).

Examples:
    >>> get("sportkg.stores", "memory").__name__
    'MemoryStore'
    >>> "graphml" in names("sportkg.exporters")
    True
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any

from .errors import ConfigError

KINDS = {
    "sportkg.stores": "store backend",
    "sportkg.exporters": "export format",
}
"""Entry-point groups and what their plugins are called in messages."""

_BUILTINS: dict[str, dict[str, str]] = {
    "sportkg.stores": {
        "oxigraph": "sportkg.graph.stores:OxigraphStore",
        "memory": "sportkg.graph.stores:MemoryStore",
        "sparql": "sportkg.graph.stores:SparqlStore",
    },
    "sportkg.exporters": {
        "turtle": "sportkg.graph.export:TurtleExporter",
        "trig": "sportkg.graph.export:TrigExporter",
        "ntriples": "sportkg.graph.export:NTriplesExporter",
        "nquads": "sportkg.graph.export:NQuadsExporter",
        "json-ld": "sportkg.graph.export:JsonLdExporter",
        "rdfxml": "sportkg.graph.export:RdfXmlExporter",
        "graphml": "sportkg.graph.export:GraphMLExporter",
    },
}
_LOADED: dict[tuple[str, str], Any] = {}


def register(kind: str, name: str, target: str) -> None:
    """Register plugin `name` of `kind` as the dotted path "package.module:Attribute".

    Raises:
        ConfigError: `kind` is not a known group.
    """
    if kind not in KINDS:
        raise ConfigError(f"Unknown plugin kind {kind!r}. Available: {', '.join(KINDS)}")
    _BUILTINS[kind][name] = target
    _LOADED.pop((kind, name), None)


def _table(kind: str) -> dict[str, str]:
    if kind not in KINDS:
        raise ConfigError(f"Unknown plugin kind {kind!r}. Available: {', '.join(KINDS)}")
    table = dict(_BUILTINS[kind])
    for point in entry_points(group=kind):
        table.setdefault(point.name, point.value)
    return table


def names(kind: str) -> list[str]:
    """The names of the plugins of `kind`, built-in and installed, sorted."""
    return sorted(_table(kind))


def get(kind: str, name: str) -> Any:
    """The plugin `name` of `kind`, imported on first use.

    Raises:
        ConfigError: no such plugin (the message lists the available ones).
    """
    key = (kind, name)
    if key in _LOADED:
        return _LOADED[key]
    table = _table(kind)
    if name not in table:
        raise ConfigError(
            f"Unknown {KINDS[kind]} {name!r}. Available: {', '.join(sorted(table))}"
        )
    module_name, _, attr = table[name].partition(":")
    try:
        plugin = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(f"{KINDS[kind]} {name!r} cannot be loaded from {table[name]}: {exc}"
                          ) from exc
    _LOADED[key] = plugin
    return plugin
