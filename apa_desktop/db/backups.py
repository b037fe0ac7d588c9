"""Rotating snapshots of the live database with ``VACUUM INTO`` (never a file copy of a WAL db).

A backup is whole or absent: it is written under a temporary name in the same folder, checked
(``PRAGMA quick_check`` on the copy), flushed to the disk and only then renamed to its final name.
A kill, a full disk or a failed check leaves at most a temporary file, which the next backup (and
the next start, :func:`remove_leftovers`) removes; :func:`latest_backup` returns only backups that
are whole, so the damaged-database message never points at a broken one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ..core.errors import UserError, environment_reason
from .paths import backup_dir_for

TEMP_SUFFIX = ".partial"
_HEADER = b"SQLite format 3\x00"


class BackupFailed(UserError):
    """A backup could not be made; nothing was left behind and the database is unchanged."""


def backups_of(database: Path, folder: Path | None = None) -> list[Path]:
    """The finished backups of ``database`` (in its default folder unless ``folder``), oldest first."""
    folder = folder if folder is not None else backup_dir_for(database)
    return sorted(folder.glob(f"{database.stem}-*.sqlite3"))


def is_whole(path: Path) -> bool:
    """True when ``path`` is an SQLite database that passes ``PRAGMA quick_check`` and has tables."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_HEADER)) != _HEADER:
                return False
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False
    return ok and tables > 0


def latest_backup(database: Path, folder: Path | None = None) -> Path | None:
    """The newest backup that is whole (a broken or empty file is never offered for restoring)."""
    for path in reversed(backups_of(database, folder)):
        if is_whole(path):
            return path
    return None


def remove_leftovers(database: Path, folder: Path | None = None) -> list[Path]:
    """Remove temporary files an interrupted backup left (at start and before each backup)."""
    folder = folder if folder is not None else backup_dir_for(database)
    removed = []
    for path in folder.glob(f"{database.stem}-*.sqlite3{TEMP_SUFFIX}*"):  # and its -journal
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def make_backup(conn: sqlite3.Connection, database: Path, dest_dir: Path, keep: int) -> Path:
    """Snapshot into ``dest_dir/<db stem>-<UTC timestamp>.sqlite3`` and keep the newest ``keep``
    whole ones; raises :class:`BackupFailed` (saying why) leaving nothing behind."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = dest_dir / f"{database.stem}-{stamp}.sqlite3"
    temp = target.with_name(target.name + TEMP_SUFFIX)
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(database, dest_dir)
        conn.execute("VACUUM INTO ?", (str(temp),))
        if not is_whole(temp):
            raise sqlite3.DatabaseError("the copy failed its integrity check")
        _fsync(temp)
        os.replace(temp, target)
        _fsync_folder(dest_dir)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        why_bn, why_en = environment_reason(exc) or (str(exc), str(exc))
        raise BackupFailed(f"ব্যাকআপ নেওয়া যায়নি ({dest_dir}): {why_bn}। ডাটাবেস অক্ষত আছে; পরের বার আবার চেষ্টা করা হবে।",
                           f"The backup could not be made in {dest_dir}: {why_en}. The database is unchanged; "
                           "it will be tried again at the next start.", str(dest_dir)) from None
    whole = [path for path in backups_of(database, dest_dir) if path == target or is_whole(path)]
    for old in whole[:-keep]:
        old.unlink(missing_ok=True)
    return target


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows cannot open a folder and needs nothing more."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
