"""The headquarters database: its own SQLite file, schema as sqlite-utils migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("apa_desktop_hq")

TABLES = ("certificates", "bundles", "documents", "evidence", "conflicts", "conflict_payloads", "audit")
"""Every table of consolidated data (what the hostile-file tests compare before/after)."""


@MIGRATIONS(name="m001_initial")
def m001_initial(db: Database) -> None:
    for sql in (
        """CREATE TABLE certificates (
            fingerprint TEXT PRIMARY KEY,
            office_id TEXT NOT NULL,
            cert_der BLOB NOT NULL,
            subject TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            revoked_at TEXT,
            revoke_reason TEXT NOT NULL DEFAULT ''
        ) STRICT""",
        "CREATE INDEX certificates_office ON certificates(office_id)",
        """CREATE TABLE bundles (
            sha256 TEXT PRIMARY KEY,
            bundle_id TEXT NOT NULL,
            manifest_sha256 TEXT NOT NULL,
            office_id TEXT NOT NULL,
            fiscal_year TEXT NOT NULL,
            revision INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            previous_sha256 TEXT,
            document_sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('imported', 'unchanged', 'ignored_older', 'conflict')),
            signer_fingerprint TEXT NOT NULL REFERENCES certificates(fingerprint)
        ) STRICT""",
        "CREATE INDEX bundles_office_sequence ON bundles(office_id, sequence)",
        "CREATE INDEX bundles_bundle_id ON bundles(bundle_id)",
        """CREATE TABLE evidence (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            data BLOB NOT NULL
        ) STRICT""",
        """CREATE TABLE documents (
            office_id TEXT NOT NULL,
            fiscal_year TEXT NOT NULL,
            office_name TEXT NOT NULL,
            bundle_sha256 TEXT NOT NULL REFERENCES bundles(sha256),
            revision INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            report_quarter INTEGER,
            total_score REAL,
            signed INTEGER NOT NULL CHECK (signed IN (0, 1)),
            missing_evidence INTEGER NOT NULL,
            signed_pdf_sha256 TEXT REFERENCES evidence(sha256),
            document TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (office_id, fiscal_year)
        ) STRICT""",
        """CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            office_id TEXT NOT NULL,
            fiscal_year TEXT NOT NULL,
            kind TEXT NOT NULL,
            existing_sha256 TEXT NOT NULL,
            incoming_sha256 TEXT NOT NULL REFERENCES bundles(sha256),
            detail TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT NOT NULL DEFAULT ''
        ) STRICT""",
    ):
        db.execute(sql)


_APPEND_ONLY = "RAISE(ABORT, 'the audit log is append-only')"


@MIGRATIONS(name="m002_conflict_decisions")
def m002_conflict_decisions(db: Database) -> None:
    """Who decided a conflict and how, the incoming bundle's verified payload kept until then,
    and HQ's append-only audit log."""
    for sql in (
        "ALTER TABLE conflicts ADD COLUMN decided_by TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE conflicts ADD COLUMN note TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE conflict_payloads (
            bundle_sha256 TEXT PRIMARY KEY REFERENCES bundles(sha256),
            office_name TEXT NOT NULL,
            report_quarter INTEGER,
            total_score REAL,
            missing_evidence INTEGER NOT NULL,
            signed_pdf_sha256 TEXT REFERENCES evidence(sha256),
            document TEXT NOT NULL
        ) STRICT""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            office_id TEXT NOT NULL,
            fiscal_year TEXT NOT NULL,
            detail TEXT NOT NULL
        ) STRICT""",
        f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT {_APPEND_ONLY}; END",
        f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT {_APPEND_ONLY}; END",
    ):
        db.execute(sql)


@MIGRATIONS(name="m003_conflicts_index")
def m003_conflicts_index(db: Database) -> None:
    """The consolidated table counts each office-year's open conflicts: find them by index."""
    db.execute("CREATE INDEX conflicts_office_year ON conflicts(office_id, fiscal_year)")


def open_hq_database(path: str | Path) -> Database:
    """Open (creating if needed) the HQ database with WAL, full sync and foreign keys."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    db = Database(conn, execute_plugins=False)
    MIGRATIONS.apply(db)
    return db


def dump_tables(db: Database) -> list[tuple]:
    """Every row of every consolidated table, in a stable order (for before/after comparisons)."""
    rows: list[tuple] = []
    for table in TABLES:
        rows.extend((table, *row) for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall())
    return rows
