"""The command group behind `sportkg`: one-line errors, global flags anywhere, plain help.

`SportKGGroup` is the Click group class of the app (and of its `kb` sub-app). It

- turns every failure into one line on stderr and an exit code: usage mistakes
  (unknown command or option, missing or malformed value) exit 2, a `SportKGError`
  or an unreadable file exits 1, and a traceback is shown only with `--debug`;
- accepts the global flags (`-q`, `-v`, `--debug`) after the command as well
  as before it (`sportkg build -q DIR` is `sportkg -q build DIR`);
- keeps the deprecated `--endpoint` working as a hidden alias of the option that
  replaced it in each command (`--wikidata-endpoint` or `--store-endpoint`);
- shows help with plain metavars (`PATH`, `TEXT`, `INTEGER`, `[a|b]`, `PATHS...`).

The exception classes are taken from the module that defines `typer.BadParameter`,
so they are the Click classes Typer really raises, whether it uses its own copy of
Click or the `click` package.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption

from ..errors import SportKGError

GLOBAL_FLAGS = frozenset({"-q", "--quiet", "-v", "--verbose", "--debug"})
"""Flags of the top-level group that may also be written after the command."""

DEBUG_ENV = "SPORTKG_DEBUG"
"""Set to 1 to show tracebacks, like --debug."""

LEGACY_ENDPOINT = "--endpoint"
"""The old option name, now `--wikidata-endpoint` (Wikidata) or `--store-endpoint` (store)."""

USAGE_EXIT = 2
"""Exit code of a usage mistake, as in Click, argparse and the POSIX utilities."""

ERROR_EXIT = 1
"""Exit code of an error in the work itself (bad input, unreachable store, ...)."""

INTERRUPTED_EXIT = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells report it; stderr says "interrupted"."""


def click_exceptions() -> ModuleType:
    """The module of the Click exception classes the installed Typer raises."""
    return sys.modules[typer.BadParameter.__module__]


def usage_error(message: str) -> Exception:
    """A usage mistake of the running command (exit code 2), for checks Click cannot make."""
    import importlib

    click = click_exceptions()
    package = click.__name__.rpartition(".")[0]
    ctx = importlib.import_module(f"{package}.globals").get_current_context(silent=True)
    return click.UsageError(message, ctx=ctx)  # type: ignore[no-any-return]


def hoist_global_flags(args: Sequence[str]) -> list[str]:
    """Move the global flags to the front, so they may follow the command.

    Arguments after `--` are left alone.

    Examples:
        >>> hoist_global_flags(["build", "-q", "articles"])
        ['-q', 'build', 'articles']
        >>> hoist_global_flags(["query", "--", "-v"])
        ['query', '--', '-v']
    """
    args = list(args)
    end = args.index("--") if "--" in args else len(args)
    flags = [arg for arg in args[:end] if arg in GLOBAL_FLAGS]
    rest = [arg for arg in args[:end] if arg not in GLOBAL_FLAGS]
    return [*flags, *rest, *args[end:]]


def wants_debug(args: Sequence[str]) -> bool:
    """True when `--debug` is among the arguments (before `--`) or SPORTKG_DEBUG is set."""
    end = list(args).index("--") if "--" in args else len(args)
    return "--debug" in args[:end] or os.environ.get(DEBUG_ENV, "") not in ("", "0")


def _type_metavar(param: TyperOption | TyperArgument) -> str:
    """A Click-style metavar for the parameter's type: TEXT, INTEGER, PATH, [a|b], ..."""
    descriptor = param.type_descriptor
    if descriptor.is_choice and descriptor.choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in descriptor.choices) + "]"
    if descriptor.is_path:
        return "PATH"
    annotation = descriptor.annotation
    args = getattr(annotation, "__args__", None)
    if descriptor.is_list and args:
        annotation = args[0]
    names = {int: "INTEGER", float: "FLOAT", str: "TEXT", bool: "BOOLEAN"}
    return names.get(annotation, "VALUE")


class PlainArgument(TyperArgument):
    """A positional argument shown as Click shows it: `PATHS...`, `[NAME]`."""

    def _usage_display_name(self) -> str:
        name = self.display_name_raw
        name = f"{name}..." if self.nargs != 1 else name
        return name if self.required else f"[{name}]"

    def _rich_display_name(self) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def plain_help(command: Any) -> None:
    """Give the parameters of `command` plain metavars (idempotent)."""
    for param in getattr(command, "params", ()):
        if isinstance(param, TyperArgument):
            if param.metavar is None:
                param.metavar = (param.name or "arg").upper()
            if type(param) is TyperArgument:
                param.__class__ = PlainArgument
        elif isinstance(param, TyperOption) and param.metavar is None and not param.is_flag:
            param.metavar = _type_metavar(param)


def rename_legacy_endpoint(command: Any, args: list[str]) -> list[str]:
    """Replace the deprecated `--endpoint` by the option that took its place in `command`.

    Where a command has `--wikidata-endpoint`, `--endpoint` meant Wikidata; elsewhere
    it meant the store's SPARQL endpoint. A one-line deprecation note goes to stderr.
    """
    names = {opt for param in getattr(command, "params", ()) for opt in param.opts}
    target = next(
        (n for n in ("--wikidata-endpoint", "--store-endpoint") if n in names), None
    )
    if target is None or LEGACY_ENDPOINT in names:
        return args
    end = args.index("--") if "--" in args else len(args)
    out = list(args)
    for i, arg in enumerate(args[:end]):
        if arg == LEGACY_ENDPOINT or arg.startswith(LEGACY_ENDPOINT + "="):
            out[i] = target + arg[len(LEGACY_ENDPOINT):]
            typer.echo(f"sportkg: warning: {LEGACY_ENDPOINT} is deprecated; use {target}",
                       err=True)
    return out


class SportKGGroup(TyperGroup):
    """The `sportkg` group: one-line errors, global flags anywhere, plain help."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = hoist_global_flags(args)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            plain_help(command)
            rest = rename_legacy_endpoint(command, rest)
        return name, command, rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        plain_help(self)
        super().format_help(ctx, formatter)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the app; every failure becomes one line on stderr and an exit code."""
        argv = list(sys.argv[1:] if args is None else args)
        try:
            result = super().main(
                argv, prog_name=prog_name or self.name, complete_var=complete_var,
                standalone_mode=False, **extra,
            )
        except Exception as exc:  # noqa: BLE001 - this is the CLI's error boundary
            fail(exc, debug=wants_debug(argv))
        code = result if isinstance(result, int) and not isinstance(result, bool) else 0
        if code == INTERRUPTED_EXIT:  # Typer's answer to Ctrl-C (KeyboardInterrupt)
            typer.echo("sportkg: interrupted", err=True)
        if standalone_mode:
            sys.exit(code)
        return code


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())


def fail(exc: BaseException, *, debug: bool = False) -> NoReturn:
    """Print `exc` as one line on stderr (a traceback first with `debug`) and exit."""
    click = click_exceptions()
    if isinstance(exc, click.NoArgsIsHelpError if hasattr(click, "NoArgsIsHelpError") else ()):
        exc.show()  # the command alone: its help, as a usage mistake
        sys.exit(USAGE_EXIT)
    if isinstance(exc, click.UsageError):
        ctx = exc.ctx
        message = _one_line(exc.format_message()).rstrip(".")
        hint = f"; see '{ctx.command_path} --help'" if ctx is not None else ""
        typer.echo(f"sportkg: error: {message}{hint}", err=True)
        sys.exit(exc.exit_code if exc.exit_code else USAGE_EXIT)
    if isinstance(exc, click.ClickException):
        typer.echo(f"sportkg: error: {_one_line(exc.format_message())}", err=True)
        sys.exit(exc.exit_code or ERROR_EXIT)
    if isinstance(exc, typer.Abort):
        typer.echo("sportkg: aborted", err=True)
        sys.exit(ERROR_EXIT)
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, SportKGError):
        message = _one_line(str(exc))
    elif isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"{where}{exc.strerror or exc}"
    else:
        message = f"internal error: {type(exc).__name__}: {_one_line(str(exc))}"
        if not debug:
            message += " (run with --debug for the traceback)"
    typer.echo(f"sportkg: error: {message}", err=True)
    sys.exit(ERROR_EXIT)
