"""Rotating snapshots of the live database with ``VACUUM INTO`` (never a file copy of a WAL db)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .paths import backup_dir_for


def backups_of(database: Path) -> list[Path]:
    """The automatic backups of ``database`` in its default folder, oldest first."""
    return sorted(backup_dir_for(database).glob(f"{database.stem}-*.sqlite3"))


def latest_backup(database: Path) -> Path | None:
    found = backups_of(database)
    return found[-1] if found else None


def make_backup(conn: sqlite3.Connection, database: Path, dest_dir: Path, keep: int) -> Path:
    """Snapshot into ``dest_dir/<db stem>-<UTC timestamp>.sqlite3`` and keep the newest ``keep``."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    dest_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = dest_dir / f"{database.stem}-{stamp}.sqlite3"
    conn.execute("VACUUM INTO ?", (str(target),))
    for old in sorted(dest_dir.glob(f"{database.stem}-*.sqlite3"))[:-keep]:
        old.unlink(missing_ok=True)
    return target
