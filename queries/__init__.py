"""Named SPARQL queries (*.rq) and the functions that load and run them."""
