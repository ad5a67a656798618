"""sportkg: knowledge graphs of sports personalities from news, aligned with Wikidata.

The package's face names its public API by the installed name `sportkg` (every other
module imports its neighbours relatively): a test runner imports this file under the
checkout folder's name, which need not be a Python name ("sportkg-main"), and then only
absolute imports still resolve (decision 20).
"""

from sportkg.errors import (
    ConfigError,
    ExportError,
    InputError,
    LinkingError,
    OntologyError,
    QueryError,
    SportKGError,
    StoreError,
)
from sportkg.model import Article, Entity, Evidence, LinkNote, LiteralValue, Statement

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
