"""The ``apa-desktop`` command line. Each module of this package adds one group of commands;
the command line and the GUI call the same core functions."""

from __future__ import annotations

import os

import click

from ..core.errors import UserError


class _Commands(click.Group):
    """The command group: a :class:`UserError` from any command is printed in the language asked
    (``--lang``, or ``APA_LANG``; both languages when none was asked) and exits with status 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as error:
            lang = (ctx.obj or {}).get("lang") or os.environ.get("APA_LANG")
            text = error.message(lang) if lang in ("bn", "en") else str(error)
            if error.path:
                text = f"{text} [{error.path}]"
            click.echo(f"Error: {text}", err=True)
            ctx.exit(1)


@click.group(cls=_Commands, invoke_without_command=True)
@click.option("--lang", type=click.Choice(["bn", "en"]), default=None,
              help="Language of messages (default: both Bengali and English).")
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """APA Desktop: Annual Performance Agreements for field offices, offline.

    With no command, opens the application window."""
    ctx.obj = {"lang": lang}
    if ctx.invoked_subcommand is None:
        from .gui_cmds import open_gui

        open_gui(db_path=None)


def _register() -> None:
    from . import bundle_cmds, data_cmds, gui_cmds, pdf_cmds, screenshot_cmds, template_cmds

    for module in (data_cmds, gui_cmds, bundle_cmds, screenshot_cmds, pdf_cmds, template_cmds):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
