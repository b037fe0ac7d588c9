"""Opening the database file: integrity check, pragmas, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .backups import latest_backup
from .connection import BUSY_TIMEOUT_MS, configure
from .errors import DatabaseDamaged
from .migrations import MIGRATIONS
from .paths import backup_dir_for, default_database_path
from .store import Store


def connect(path: Path) -> sqlite3.Connection:
    """A connection (:func:`.connection.connect`'s settings) after a ``quick_check``: the one
    the store opens at start-up, so a damaged file is found before anything is read from it."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        result = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if result != ["ok"]:
            raise _damaged(path, "; ".join(map(str, result[:3])))
        configure(conn)
    except sqlite3.OperationalError as exc:  # locked, read-only, full, cannot open: not damage
        conn.close()
        if _is_damage(exc):
            raise _damaged(path, str(exc)) from None
        raise
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _damaged(path, str(exc)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def open_database(path: Path | None = None) -> Store:
    """Open (creating if needed) the database at ``path``, or the user's default database.

    Raises :class:`DatabaseDamaged` when the file fails its integrity check."""
    path = Path(path) if path is not None else default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = connect(path)
    db = Database(conn, execute_plugins=False)
    try:
        MIGRATIONS.apply(db)
    except BaseException:
        conn.close()
        raise
    return Store(db, path)


def _is_damage(exc: sqlite3.OperationalError) -> bool:
    """Only a malformed file is damage: a clerk told to restore a backup over a database that was
    merely locked or on a read-only folder would lose work."""
    text = str(exc).lower()
    return not any(word in text for word in ("locked", "busy", "readonly", "read-only", "full", "unable to open",
                                             "disk i/o", "permission"))


def _damaged(path: Path, detail: str) -> DatabaseDamaged:
    latest = latest_backup(path)
    if latest is not None:
        hint_bn = f"সর্বশেষ ব্যাকআপ থেকে ফিরিয়ে আনুন: {latest}"
        hint_en = f"Restore the latest backup: {latest}"
    else:
        hint_bn = f"সর্বশেষ ব্যাকআপ থেকে ফিরিয়ে আনুন ({backup_dir_for(path)} ফোল্ডারে)"
        hint_en = f"Restore the latest backup (in {backup_dir_for(path)})"
    return DatabaseDamaged(
        f"ডাটাবেস ফাইলটি ক্ষতিগ্রস্ত: {path}। {hint_bn}।",
        f"The database file is damaged: {path} ({detail}). {hint_en}.",
    )
