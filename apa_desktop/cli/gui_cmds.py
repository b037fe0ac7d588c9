"""Commands that open windows."""

from __future__ import annotations

from pathlib import Path

import click


def open_gui(db_path: Path | None) -> None:
    """Open the main window on the database at ``db_path`` (the default database when None)."""
    from ..ui.app import run

    raise SystemExit(run(db_path))


@click.command("gui")
@click.option("--db", "db_path", type=click.Path(path_type=Path), help="Database file (default: the user's).")
def gui(db_path: Path | None) -> None:
    """Open the application window."""
    open_gui(db_path)


COMMANDS = [gui]
