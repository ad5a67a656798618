"""Relation extractors: one spaCy component per relation family, patterns in data tables."""
