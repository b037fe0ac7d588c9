"""`apa-desktop screenshot`: every tab of every office-year rendered offscreen to PNG."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .common import db_option, open_store


@click.command("screenshot")
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PNG files (one per tab of each office-year).")
@click.option("--lang", type=click.Choice(["bn", "en"]), default="bn", show_default=True, help="UI language.")
def screenshot(db_path: Path | None, out_dir: Path, lang: str) -> None:
    """Render each tab of each office-year at 1366×768 to OUT/<office>-<year>-<nn>-<tab>.png."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..ui import i18n
    from ..ui.app import application
    from ..ui.screenshots import render_office_year

    application()
    i18n.set_language(lang)
    store = open_store(db_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    for info in store.office_years():
        for file in render_office_year(store, info.id, out_dir, f"{info.office_id}-{info.fiscal_year}"):
            click.echo(str(file))


COMMANDS = [screenshot]
