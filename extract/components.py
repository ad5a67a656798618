"""Every spaCy component of sportkg, registered as a factory (`sportkg_...`).

This module is the `spacy_factories` entry point, so `nlp.add_pipe("sportkg_...")`
works without importing sportkg first. The component classes live in their own
modules and are imported inside the factory functions.
"""

from __future__ import annotations
