"""Reading articles and turning them into Statements: readers, spaCy pipeline, linking, extractors."""
