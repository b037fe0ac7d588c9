"""The ``apa-desktop`` command line. Each module of this package adds one group of commands;
the command line and the GUI call the same core functions."""

from __future__ import annotations

import click


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """APA Desktop: Annual Performance Agreements for field offices, offline.

    With no command, opens the application window."""
    if ctx.invoked_subcommand is None:
        from .gui_cmds import open_gui

        open_gui(db_path=None)


def _register() -> None:
    from . import bundle_cmds, data_cmds, gui_cmds, pdf_cmds, screenshot_cmds

    for module in (data_cmds, gui_cmds, bundle_cmds, screenshot_cmds, pdf_cmds):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
