"""`apa-desktop self-test`: the clerk's path run offscreen on a throw-away demo database."""

from __future__ import annotations

import os
from pathlib import Path

import click


@click.command("self-test")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the summary (selftest.json), the PNGs of every tab, the PDFs and the bundle.")
def self_test(out_dir: Path) -> None:
    """Check this installation: demo database, window and tabs, a typed Bengali achievement, the
    APA and a quarter's report, a key, a signature and its verification, a bundle. Exit 0 only
    when every step worked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..selftest import SUMMARY, run_self_test

    summary = run_self_test(out_dir, echo=click.echo)
    click.echo(f"{'OK' if summary.ok else 'FAILED'}: {out_dir / SUMMARY}")
    if not summary.ok:
        raise SystemExit(1)


COMMANDS = [self_test]
