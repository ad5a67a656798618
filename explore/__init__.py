"""Looking at a graph: a person's profile, a picture of the network, a SPARQL endpoint.

`profile.py` gathers everything the graph knows about one person with sources, `viz.py`
draws the network as one self-contained HTML page (its page, style and script are the
package files in `static/`), `server.py` runs the Oxigraph server as a child process
(the one process manager) and `endpoint.py` is the HTTP front `sportkg serve` puts before
it. These sit above `graph/` and `queries/`, which never import them.
"""
