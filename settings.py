"""Process-wide settings chosen on the command line.

Library code reads `QUIET` only to decide whether to show progress bars. (`--verbose`
sets the logging level in `sportkg.cli` and keeps nothing here.)
"""

QUIET: bool = False
"""Set by `sportkg --quiet`: print only results and errors, no progress bars."""

PAIR_THRESHOLD_ENV = "SPORTKG_PAIR_THRESHOLD"
"""Environment variable with the probability the pair classifier needs to state a fact
(`--threshold`); worker processes inherit it, so every extraction engine sees it."""
