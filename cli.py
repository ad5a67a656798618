"""The `sportkg` command line: a thin Typer app over the library.

Each area registers its commands from its own module in `sportkg.commands`;
only this layer prints. The app's group class (`sportkg.commands.group`) turns
every failure into one line on stderr: exit code 2 for a usage mistake, 1 for a
SportKGError or an unreadable file; `--debug` adds the traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .commands import explore, extract, graph, kb
from .commands.group import SportKGGroup

app = typer.Typer(
    name="sportkg",
    cls=SportKGGroup,
    help="Build, query and export knowledge graphs of sports personalities from news.",
    epilog="The global options may also follow the command (sportkg build -q ARTICLES). "
    "Run 'sportkg COMMAND --help' for a command's options.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

COMMAND_MODULES = (graph, extract, kb, explore)
"""The modules that each define `register(app)`, in the order their commands are added."""


def _register_all() -> None:
    for module in COMMAND_MODULES:
        module.register(app)


def version_text() -> str:
    """What `sportkg --version` and `sportkg version` print: "sportkg X.Y.Z"."""
    from . import __version__

    return f"sportkg {__version__}"


def _print_version(value: bool) -> None:
    """The eager `--version` flag: print the version and stop."""
    if value:
        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def _global_options(
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Only print results and errors.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print debugging detail.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an error (also SPORTKG_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True,
                     help="Print the version and exit."),
    ] = False,
) -> None:
    """Build, query and export knowledge graphs of sports personalities from news."""
    import logging

    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="sportkg: %(levelname)s: %(message)s")
    from . import settings

    settings.QUIET = quiet


@app.command()
def version() -> None:
    """Print the sportkg version."""
    typer.echo(version_text())


_register_all()


def main() -> None:
    """Entry point: run the app (its group class maps every failure to a one-line error)."""
    app()


if __name__ == "__main__":
    main()
