"""Oxigraph's bulk loader in a process of its own, reading N-Quads from standard input.

A bulk load made in one process makes its N-Quads in Python while Oxigraph's loader parses
and sorts them; the two share one interpreter lock and their times add up. With the loader
here, in a child process (`OxigraphStore.bulk_stream`), the writer makes the next lines
while this process loads the last ones.

    python -m sportkg.graph.bulkload STORE_DIR < quads.nq

The parent holds the store's directory lock (`stores._guard`) and has closed its own
handle; this process opens the store, loads, flushes and closes it. Exit status 0 when
loaded; otherwise one line on standard error, "input: ..." (status 2: the quads do not
parse) or "store: ..." (status 1: the store refused them).
"""

from __future__ import annotations

import sys

INPUT_FAILED = 2
"""Exit status when the quads do not parse."""

STORE_FAILED = 1
"""Exit status when the store cannot be opened or refuses the write."""


def main(argv: list[str] | None = None) -> int:
    """Bulk load standard input into the store directory named by the one argument."""
    import pyoxigraph

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("store: usage: python -m sportkg.graph.bulkload STORE_DIR < quads.nq",
              file=sys.stderr)
        return STORE_FAILED
    try:
        store = pyoxigraph.Store(args[0])
    except (OSError, RuntimeError) as exc:
        print(f"store: {_one_line(exc)}", file=sys.stderr)
        return STORE_FAILED
    try:
        # read by Oxigraph itself, not through Python's file objects
        store.bulk_load(path="/dev/stdin", format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
    except (SyntaxError, ValueError) as exc:
        print(f"input: {_one_line(exc)}", file=sys.stderr)
        return INPUT_FAILED
    except (OSError, RuntimeError) as exc:
        print(f"store: {_one_line(exc)}", file=sys.stderr)
        return STORE_FAILED
    return 0


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


if __name__ == "__main__":
    sys.exit(main())
