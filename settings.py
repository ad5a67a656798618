"""Process-wide output settings chosen on the command line (--quiet / --verbose).

Library code reads them only to decide whether to show progress bars.
"""

QUIET: bool = False
"""Set by `sportkg --quiet`: print only results and errors, no progress bars."""

VERBOSE: bool = False
"""Set by `sportkg --verbose`: print debugging detail."""
