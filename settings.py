"""Process-wide output settings chosen on the command line (--quiet / --verbose).

Library code reads them only to decide whether to show progress bars.
"""

QUIET: bool = False
"""Set by `sportkg --quiet`: print only results and errors, no progress bars."""

VERBOSE: bool = False
"""Set by `sportkg --verbose`: print debugging detail."""

PAIR_THRESHOLD_ENV = "SPORTKG_PAIR_THRESHOLD"
"""Environment variable with the probability the pair classifier needs to state a fact
(`--threshold`); worker processes inherit it, so every extraction engine sees it."""
