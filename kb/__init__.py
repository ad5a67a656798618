"""The knowledge base: what sportkg knows about Wikidata items, and how it learns more.

`kb.kb` holds the records and their name index, `kb.io` reads and writes them (Wikidata
JSON, Wikidata-format RDF, our own JSON), `kb.wikidata` is the client of a Wikidata
SPARQL endpoint and `kb.pull` fills the KB through it. These four sit below `extract/`,
whose linker reads them, and never import `extract/` or `graph/`. `kb.store` is the KB's
side of a store: the records in its KB graph, the items its articles name, and relinking
minted entities; it sits above `extract/` and `graph/` and only the commands import it.
"""
