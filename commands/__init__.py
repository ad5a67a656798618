"""CLI commands, one module per area; `sportkg.cli` assembles them into one Typer app."""
