"""sportkg: knowledge graphs of sports personalities from news, aligned with Wikidata."""

from .errors import (
    ConfigError,
    ExportError,
    InputError,
    LinkingError,
    OntologyError,
    QueryError,
    SportKGError,
    StoreError,
)
from .model import Article, Entity, Evidence, LinkNote, LiteralValue, Statement

__version__ = "0.1.0"
"""The version of sportkg: the one place it is written (pyproject.toml reads it)."""

__all__ = [
    "Article",
    "ConfigError",
    "Entity",
    "Evidence",
    "ExportError",
    "InputError",
    "LinkNote",
    "LinkingError",
    "LiteralValue",
    "OntologyError",
    "QueryError",
    "SportKGError",
    "Statement",
    "StoreError",
    "__version__",
]
