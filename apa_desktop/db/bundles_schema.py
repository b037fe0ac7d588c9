"""The office-side log of bundles sent and HQ's receipts.

Its own sqlite-utils migration set (``apa_desktop_bundles``) in the office's database file,
applied on a connection of its own, so the storage layer's migrations are left untouched."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("apa_desktop_bundles")
STATUSES = ("sent", "accepted", "returned")


@MIGRATIONS(name="m001_bundle_log")
def m001_bundle_log(db: Database) -> None:
    db.execute("""CREATE TABLE bundle_log (
        sequence INTEGER NOT NULL,
        office_id TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        bundle_id TEXT NOT NULL UNIQUE,
        fiscal_year TEXT NOT NULL,
        revision INTEGER NOT NULL,
        previous_sha256 TEXT,
        file_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'returned')),
        hq_comment TEXT NOT NULL DEFAULT '',
        receipt_at TEXT,
        PRIMARY KEY (office_id, sequence)
    ) STRICT""")
    db.execute("CREATE TABLE bundle_settings (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT")


@MIGRATIONS(name="m002_bundle_evaluations")
def m002_bundle_evaluations(db: Database) -> None:
    """The superior's evaluations received in receipts (the section as JSON, checked in core)."""
    db.execute("""CREATE TABLE bundle_evaluations (
        bundle_sha256 TEXT NOT NULL REFERENCES bundle_log(sha256),
        issued_at TEXT NOT NULL,
        evaluation TEXT NOT NULL,
        PRIMARY KEY (bundle_sha256, issued_at)
    ) STRICT""")


@dataclass(frozen=True)
class SentBundle:
    sequence: int
    office_id: str
    sha256: str
    bundle_id: str
    fiscal_year: str
    revision: int
    previous_sha256: str | None
    file_name: str
    created_at: str
    status: str
    hq_comment: str
    receipt_at: str | None


def open_bundle_log(path: Path) -> Database:
    """A connection to the office database with the bundle-log tables in place."""
    conn = sqlite3.connect(str(path), timeout=10)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    db = Database(conn, execute_plugins=False)
    MIGRATIONS.apply(db)
    return db


def sent_bundles(db: Database, office_id: str | None = None) -> list[SentBundle]:
    sql = "SELECT * FROM bundle_log"
    params: tuple[str, ...] = ()
    if office_id is not None:
        sql, params = sql + " WHERE office_id = ?", (office_id,)
    return [SentBundle(*row) for row in db.execute(sql + " ORDER BY created_at, office_id, sequence", params)]


def last_sent(db: Database, office_id: str) -> tuple[int, str | None]:
    """The office's last sequence number (0 if none) and that bundle's SHA-256."""
    row = db.execute("SELECT sequence, sha256 FROM bundle_log WHERE office_id = ? ORDER BY sequence DESC LIMIT 1",
                     (office_id,)).fetchone()
    return (0, None) if row is None else (row[0], row[1])


def latest_evaluations(db: Database, office_id: str, fiscal_year: str) -> dict[str, str]:
    """Per bundle of the office-year, the evaluation section (JSON) most recently issued."""
    rows = db.execute(
        "SELECT e.bundle_sha256, e.evaluation FROM bundle_evaluations e JOIN bundle_log b ON b.sha256 = e.bundle_sha256"
        " WHERE b.office_id = ? AND b.fiscal_year = ? ORDER BY e.issued_at", (office_id, fiscal_year))
    return {sha: evaluation for sha, evaluation in rows}
