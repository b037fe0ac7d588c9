"""The office and HQ over the network: ``apa-desktop bundle link|send|outbox``."""

from __future__ import annotations

from pathlib import Path

import click

from .bundle_cmds import bundle_group, existing_file
from .common import db_option, open_store


@bundle_group.command("link")
@db_option
@click.argument("link_file", type=existing_file)
def bundle_link(db_path: Path | None, link_file: Path) -> None:
    """Take HQ's link file (.apalink) in once: exported bundles then go to HQ by themselves."""
    from ..sync.sender import link_office

    row = link_office(open_store(db_path), link_file.read_bytes())
    click.echo(f"{row.office_id}\tlinked\t{row.url}")


@bundle_group.command("send")
@db_option
@click.option("--office", "office_id", default=None, help="Only this office's bundles (default: every linked office).")
def bundle_send(db_path: Path | None, office_id: str | None) -> None:
    """Send the outbox to HQ now; one line per bundle. Exit 0 when every bundle has HQ's receipt,
    3 when HQ could not be reached (the bundles stay queued), 1 when HQ refused one."""
    from ..sync.sender import send_queued

    report = send_queued(open_store(db_path), office_id)
    for line in report.lines:
        click.echo(line)
    raise SystemExit(report.exit_code)


@bundle_group.command("outbox")
@db_option
def bundle_outbox(db_path: Path | None) -> None:
    """The outbox: each bundle's state (queued, sending, delivered, held, accepted, returned, evaluated)."""
    store = open_store(db_path)
    click.echo("queued_at\toffice\tfile\tstate\tattempts\tnext_attempt\tmessage")
    for e in store.outbox():
        message = e.hq_comment if e.answer else e.last_message
        click.echo(f"{e.queued_at}\t{e.office_id}\t{e.file_name}\t{e.shown_state}\t{e.attempts}"
                   f"\t{e.next_attempt_at or '-'}\t{message}")


COMMANDS: list[click.Command] = []
"""Nothing new at the top level: the commands above join the ``bundle`` group."""
