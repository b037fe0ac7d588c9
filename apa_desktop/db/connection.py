"""The one way to connect to the office database: every connection gets the same settings.

WAL (readers never wait for the writer), ``synchronous=FULL`` (in WAL mode the log is synced on
every commit, so a committed edit survives a power cut), foreign keys on (they are per connection
in SQLite) and a busy timeout (a second connection waits for a lock instead of failing)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the office database at ``path`` with the settings above. Raises what
    sqlite3 raises (the caller decides what a locked or damaged file means to the user)."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        configure(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
