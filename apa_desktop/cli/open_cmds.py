"""`apa-desktop open FILE` (also plain `apa-desktop FILE`): the window, with the file opened in
the dialog that takes its kind (ui/open_file.py): a bundle or receipt in the bundle dialog, a
template pack imported and an HQ link file taken in by the outbox, each after a yes/no question.
Windows' file associations call this."""

from __future__ import annotations

from pathlib import Path

import click

from .common import db_option


@click.command("open")
@db_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def open_command(db_path: Path | None, file: Path) -> None:
    """Open the window and FILE in it (.apabundle, .apareceipt, .apatemplates, .apalink)."""
    from ..ui.app import run
    from ..ui.open_file import open_in_window

    raise SystemExit(run(db_path, on_window=open_in_window(file)))


COMMANDS = [open_command]
