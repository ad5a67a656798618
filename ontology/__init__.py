"""The sportkg ontology.

The relation table, namespaces, OWL terms, SHACL shapes and the JSON-LD context.
"""
