"""The sportkg ontology: the relation table, namespaces, OWL terms, SHACL shapes, JSON-LD context."""
