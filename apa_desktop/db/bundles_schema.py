"""The office-side log of bundles sent and HQ's receipts.

Its own sqlite-utils migration set (``apa_desktop_bundles``) in the office's database file, so
the storage layer's migrations are left untouched; they are applied when the log is first used.
The store reads and writes the log (:class:`BundleLogMethods`); :func:`open_bundle_log` is a
connection of its own for a reader that has no store open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database, Migrations

from .connection import connect

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
    db = Database(connect(path), execute_plugins=False)
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


def log_sent_bundle(db: Database, bundle: SentBundle) -> None:
    """Record a bundle as sent (status "sent", no receipt yet)."""
    with db.atomic():
        db.execute(
            "INSERT INTO bundle_log (sequence, office_id, sha256, bundle_id, fiscal_year, revision, previous_sha256, "
            "file_name, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (bundle.sequence, bundle.office_id, bundle.sha256, bundle.bundle_id, bundle.fiscal_year, bundle.revision,
             bundle.previous_sha256, bundle.file_name, bundle.created_at))


def remember_setting(db: Database, key: str, value: bytes) -> None:
    with db.atomic():
        db.execute("INSERT OR REPLACE INTO bundle_settings (key, value) VALUES (?, ?)", (key, value))


def setting(db: Database, key: str) -> bytes | None:
    row = db.execute("SELECT value FROM bundle_settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else bytes(row[0])


def record_receipt(db: Database, office_id: str, sha256: str, decision: str, comment: str, issued_at: str,
                   evaluation_json: str | None) -> bool:
    """HQ's answer on a bundle sent from here (an older receipt never overrides a newer answer),
    and the evaluation it carries; False, changing nothing, for a bundle this database did not send."""
    with db.atomic():
        sent = db.execute("SELECT receipt_at FROM bundle_log WHERE sha256 = ? AND office_id = ?",
                          (sha256, office_id)).fetchone()
        if sent is None:
            return False
        if sent[0] is None or sent[0] < issued_at:
            db.execute("UPDATE bundle_log SET status = ?, hq_comment = ?, receipt_at = ? WHERE sha256 = ? AND office_id = ?",
                       (decision, comment, issued_at, sha256, office_id))
        if evaluation_json is not None:
            db.execute("INSERT OR IGNORE INTO bundle_evaluations (bundle_sha256, issued_at, evaluation) VALUES (?,?,?)",
                       (sha256, issued_at, evaluation_json))
    return True


class BundleLogMethods:
    """The bundle log through the store's own connection; mixed into
    :class:`~apa_desktop.db.store.Store` (which provides ``_db``)."""

    _db: Database
    _bundle_log_ready: bool = False

    def _log(self) -> Database:
        """The store's connection, with the bundle-log tables made on first use."""
        if not self._bundle_log_ready:
            MIGRATIONS.apply(self._db)
            self._bundle_log_ready = True
        return self._db

    def sent_bundles(self, office_id: str | None = None) -> list[SentBundle]:
        return sent_bundles(self._log(), office_id)

    def last_sent(self, office_id: str) -> tuple[int, str | None]:
        return last_sent(self._log(), office_id)

    def log_sent_bundle(self, bundle: SentBundle) -> None:
        log_sent_bundle(self._log(), bundle)
