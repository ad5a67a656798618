"""Reading articles and turning them into Statements.

Readers, the spaCy pipeline and its components, linking, and the relation extractors.
"""
