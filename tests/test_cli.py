"""The app `cli.py` assembles: the version flag and command, in this process and in a real one.

The commands are tested in tests/commands/, one file per command module; the group class
(one-line errors, exit codes, global flags, help) in tests/commands/test_group.py.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from click.testing import Result

from sportkg import __version__

Cli = Callable[..., Result]
Process = Callable[..., subprocess.CompletedProcess[str]]


def test_version_flag_and_command(cli: Cli) -> None:
    flag = cli("--version")
    assert flag.exit_code == 0 and flag.stdout == f"sportkg {__version__}\n"
    assert cli("version").stdout == flag.stdout


def test_version_in_a_real_process(sportkg_process: Process) -> None:
    result = sportkg_process("--version")
    assert result.returncode == 0 and result.stdout == f"sportkg {__version__}\n"
