"""RDF model, stores, serialisation and NetworkX conversion of the knowledge graph."""
