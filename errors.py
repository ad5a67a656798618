"""The exception hierarchy of sportkg: one root, one class per kind of failure.

Messages name the bad value and, where there is a fixed set, the valid ones, so
the CLI can print them as a one-line error a user can act on.
"""


class SportKGError(Exception):
    """Root of every error sportkg raises on purpose."""


class InputError(SportKGError):
    """An input file, record or argument is unreadable or malformed."""


class ConfigError(SportKGError):
    """An option or configuration value is unknown or inconsistent."""


class StoreError(SportKGError):
    """A store cannot be opened, read or written."""


class LinkingError(SportKGError):
    """The knowledge base or an entity-linking endpoint failed."""


class OntologyError(SportKGError):
    """A property or term is not in the ontology, or a graph breaks its shapes."""


class ExportError(SportKGError):
    """A graph cannot be written in the requested format."""


class QueryError(SportKGError):
    """A SPARQL query is unknown, malformed or failed on the engine."""


class ExtractionError(SportKGError):
    """The pipeline failed on an article (raised by `pipeline.extract_articles`)."""
