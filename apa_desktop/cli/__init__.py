"""The ``apa-desktop`` command line. Each module of this package adds one group of commands;
the command line and the GUI call the same core functions."""

from __future__ import annotations

import os

import click

from ..core.errors import UserError, environment_error


class _Commands(click.Group):
    """The command group: a :class:`UserError` from any command is printed in the language asked
    (``--lang``, or ``APA_LANG``; both languages when none was asked) and exits with status 1.
    An ``OSError`` or SQLite error (disk full, read-only folder, locked database, a vanished file)
    is said the same way; anything else is logged to a file whose place is printed: never a
    traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.UsageError, click.Abort, SystemExit, KeyboardInterrupt):
            raise
        except UserError as error:
            _say(ctx, error)
        except click.ClickException as exc:  # "Bengali / English" refusals: in the language asked
            _say(ctx, UserError(exc.format_message()))
        except Exception as exc:  # noqa: BLE001 - the last resort: a message and a log file
            error = environment_error(exc)
            if error is None:
                from ..crashlog import crash_message

                error = UserError(*crash_message(exc))
            _say(ctx, error)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """``apa-desktop FILE`` (how Windows opens an associated file) means ``apa-desktop open FILE``."""
        if args and args[0] not in self.commands and os.path.isfile(args[0]):
            return "open", self.commands["open"], args
        return super().resolve_command(ctx, args)


def _say(ctx: click.Context, error: UserError) -> None:
    lang = (ctx.obj or {}).get("lang") or os.environ.get("APA_LANG")
    text = error.message(lang) if lang in ("bn", "en") else str(error)
    if error.path and error.path not in text:
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
    from . import (
        bundle_cmds,
        calendar_cmds,
        data_cmds,
        gui_cmds,
        hq_server_cmds,
        open_cmds,
        pdf_cmds,
        plan_cmds,
        screenshot_cmds,
        selftest_cmds,
        sync_cmds,
        template_cmds,
        year_end_cmds,
    )

    for module in (
        data_cmds,
        gui_cmds,
        open_cmds,
        bundle_cmds,
        hq_server_cmds,
        sync_cmds,
        screenshot_cmds,
        pdf_cmds,
        selftest_cmds,
        calendar_cmds,
        plan_cmds,
        template_cmds,
    ):
        for command in module.COMMANDS:
            main.add_command(command)
    for command in year_end_cmds.HQ_COMMANDS:
        bundle_cmds.hq_group.add_command(command)


_register()
