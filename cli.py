"""The `sportkg` command line: a thin Typer app over the library.

Each area registers its commands from its own module in `sportkg.commands`;
only this layer prints, and it turns every SportKGError into a one-line
message and exit code 1.
"""

from __future__ import annotations

import importlib
import sys

import typer
from sportkg.errors import SportKGError

app = typer.Typer(
    name="sportkg",
    help="Build, query and export knowledge graphs of sports personalities from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = (
    "sportkg.commands.graph",
    "sportkg.commands.extract",
    "sportkg.commands.kb",
    "sportkg.commands.explore",
)
"""Modules that each define `register(app)`; missing ones are skipped."""


def _register_all() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(app)


@app.callback()
def _global_options(
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only print results and errors."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print debugging detail."),
) -> None:
    """Build, query and export knowledge graphs of sports personalities from news."""
    import logging

    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="sportkg: %(levelname)s: %(message)s")
    from sportkg import settings

    settings.QUIET = quiet
    settings.VERBOSE = verbose


@app.command()
def version() -> None:
    """Print the sportkg version."""
    from sportkg import __version__

    typer.echo(__version__)


_register_all()


def main() -> None:
    """Entry point: run the app, mapping SportKGError to a one-line error and exit code 1."""
    try:
        code = app(standalone_mode=False)
    except SportKGError as exc:
        typer.echo(f"sportkg: error: {exc}", err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("sportkg: aborted", err=True)
        sys.exit(130)
    except Exception as exc:  # click usage errors carry their own exit code
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
