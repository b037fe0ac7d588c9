"""The HQ store: every read and write of HQ's data, on SQLite or PostgreSQL.

The shape of the office's :class:`apa_desktop.db.store.Store`: open it with :func:`open_hq_store`
(a file path for the embedded SQLite database, a ``postgresql://`` URL for a server), call its
methods, close it. Every SQL statement of HQ is in this module or in :mod:`.schema`; the modules
that decide things (importer, enrolment, conflicts, review, consolidate, the server) call named
methods here and never see a cursor. Write methods that belong together run inside
:meth:`HqStore.transaction` (all or nothing; nested blocks are savepoints); a method called
outside one commits on its own.

Evidence files and signed PDFs are not in the rows: :attr:`HqStore.blobs` (a content-addressed
folder, :mod:`.blobs`) holds the bytes and the ``evidence`` table their hashes and sizes. The
folder defaults to ``<database file>.blobs`` beside a SQLite file and to ``hq-blobs`` in the
user's data folder for a URL; several HQ machines sharing one PostgreSQL database share that
folder too (a network share), given with ``--hq-blobs``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .backends import Backend, connect, is_url
from .blobs import BlobStore
from .schema import migrate

TABLES = ("certificates", "bundles", "documents", "evidence", "conflicts", "conflict_payloads", "audit", "evaluations")
"""Every table of consolidated data (what the hostile-file tests compare before/after)."""
_ORDER = {"certificates": "fingerprint", "bundles": "sha256", "documents": "office_id, fiscal_year",
          "evidence": "sha256", "conflicts": "id", "conflict_payloads": "bundle_sha256", "audit": "id",
          "evaluations": "id"}
CONFLICT_COLUMNS = ("id", "office_id", "fiscal_year", "kind", "detail", "detected_at", "existing_sha256",
                    "incoming_sha256", "resolved_at", "resolution", "decided_by", "note")
_DOCUMENT_COLUMNS = ("office_id, fiscal_year, office_name, bundle_sha256, revision, sequence, report_quarter, "
                     "total_score, signed, missing_evidence, signed_pdf_sha256, document, updated_at")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def default_blobs_dir(target: str | Path) -> Path:
    if is_url(target):
        from ..paths import default_data_dir

        return default_data_dir() / "hq-blobs"
    return Path(f"{target}.blobs")


def open_hq_store(target: str | Path, blobs_dir: Path | None = None, read_only: bool = False) -> HqStore:
    """Open (creating and migrating if needed) HQ's database at ``target``: a SQLite file path or
    a ``postgresql://`` URL. Raises :class:`~.backends.HqDatabaseError` when it cannot."""
    blobs = BlobStore(blobs_dir or default_blobs_dir(target))
    backend = connect(target, read_only)
    try:
        if not read_only:
            migrate(backend, blobs)
    except BaseException:
        backend.close()
        raise
    return HqStore(backend, blobs)


@dataclass(frozen=True)
class DocumentRow:
    """What HQ keeps of an office-year's current document (also a conflict's kept payload)."""

    office_id: str
    fiscal_year: str
    office_name: str
    bundle_sha256: str
    revision: int
    sequence: int
    report_quarter: int | None
    total_score: float | None
    missing_evidence: int
    signed_pdf_sha256: str | None
    document: str


class HqStore:
    """HQ's database and blob folder. Create it with :func:`open_hq_store`."""

    def __init__(self, backend: Backend, blobs: BlobStore) -> None:
        self.backend = backend
        """The connection; tests and benchmarks may read raw rows through it, the application never."""
        self.blobs = blobs

    @property
    def target(self) -> str:
        """The path or URL this store was opened from."""
        return self.backend.target

    @property
    def dialect(self) -> str:
        return self.backend.dialect

    def reopen(self, read_only: bool = False) -> HqStore:
        """Another store on the same database and folder (a connection for another thread or process)."""
        return open_hq_store(self.target, self.blobs.root, read_only)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.backend.transaction():
            yield

    @contextmanager
    def office_transaction(self, office_id: str) -> Iterator[None]:
        """A write transaction holding the office's lock: two imports of one office never
        interleave, on one machine or several behind a PostgreSQL server."""
        with self.backend.transaction():
            self.backend.lock(f"office:{office_id}")
            yield

    def close(self) -> None:
        self.backend.close()

    # ------------------------------------------------------------ enrolment

    def certificate(self, fingerprint: str) -> tuple[str, str | None, bytes] | None:
        """(office, revoked_at, DER) of an enrolled certificate."""
        row = self.backend.fetchone("SELECT office_id, revoked_at, cert_der FROM certificates WHERE fingerprint = ?",
                                    (fingerprint,))
        return None if row is None else (row[0], row[1], bytes(row[2]))

    def office_enrolled(self, office_id: str) -> bool:
        return self.backend.fetchone("SELECT 1 FROM certificates WHERE office_id = ?", (office_id,)) is not None

    def add_certificate(self, fingerprint: str, office_id: str, der: bytes, subject: str) -> None:
        with self.transaction():
            self.backend.execute("INSERT INTO certificates (fingerprint, office_id, cert_der, subject, enrolled_at) "
                                 "VALUES (?, ?, ?, ?, ?)", (fingerprint, office_id, der, subject, now()))

    def revoke_certificates(self, office_id: str, fingerprint: str | None, reason: str) -> int:
        sql = "UPDATE certificates SET revoked_at = ?, revoke_reason = ? WHERE office_id = ? AND revoked_at IS NULL"
        params: list[str] = [now(), reason, office_id]
        if fingerprint is not None:
            sql += " AND fingerprint = ?"
            params.append(fingerprint)
        with self.transaction():
            return self.backend.execute(sql, params).rowcount

    # -------------------------------------------------------------- bundles

    def has_bundle(self, sha256: str) -> bool:
        return self.backend.fetchone("SELECT 1 FROM bundles WHERE sha256 = ?", (sha256,)) is not None

    def bundle_with_id(self, bundle_id: str) -> tuple[str, str] | None:
        """(sha256, manifest sha256) of the bundle HQ holds with this id."""
        return self.backend.fetchone("SELECT sha256, manifest_sha256 FROM bundles WHERE bundle_id = ?", (bundle_id,))

    def bundle_at_sequence(self, office_id: str, sequence: int) -> tuple[str, str] | None:
        """(sha256, document sha256) of the office's bundle with this sequence number."""
        return self.backend.fetchone("SELECT sha256, document_sha256 FROM bundles WHERE office_id = ? AND sequence = ?",
                                     (office_id, sequence))

    def bundle_head(self, sha256: str) -> tuple[str, str, str, int, int, str] | None:
        """(bundle id, office, year, revision, sequence, status) of a bundle HQ holds."""
        return self.backend.fetchone("SELECT bundle_id, office_id, fiscal_year, revision, sequence, status "
                                     "FROM bundles WHERE sha256 = ?", (sha256,))

    def current_head(self, office_id: str, fiscal_year: str) -> tuple[int, int, str, str] | None:
        """(revision, sequence, bundle sha256, document sha256) of the office-year's current document."""
        return self.backend.fetchone(
            "SELECT d.revision, d.sequence, d.bundle_sha256, b.document_sha256 FROM documents d "
            "JOIN bundles b ON b.sha256 = d.bundle_sha256 WHERE d.office_id = ? AND d.fiscal_year = ?",
            (office_id, fiscal_year))

    def latest_bundle(self, office_id: str, fiscal_year: str) -> tuple[str, str, int, int] | None:
        """(sha256, bundle id, revision, sequence) of the bundle behind the office-year's document."""
        return self.backend.fetchone(
            "SELECT b.sha256, b.bundle_id, b.revision, b.sequence FROM documents d "
            "JOIN bundles b ON b.sha256 = d.bundle_sha256 WHERE d.office_id = ? AND d.fiscal_year = ?",
            (office_id, fiscal_year))

    def office_chain_tip(self, office_id: str) -> str | None:
        """The sha256 of the office's bundle with the highest sequence HQ holds (the chain's end)."""
        row = self.backend.fetchone("SELECT sha256 FROM bundles WHERE office_id = ? ORDER BY sequence DESC LIMIT 1",
                                    (office_id,))
        return None if row is None else row[0]

    def bundles_after(self, previous_sha256: str) -> list[str]:
        """The bundles HQ holds that name ``previous_sha256`` as their previous one."""
        return [row[0] for row in self.backend.fetchall("SELECT sha256 FROM bundles WHERE previous_sha256 = ?",
                                                        (previous_sha256,))]

    def name_elsewhere(self, office_id: str, name: str) -> tuple[str | None, tuple[str, str] | None]:
        """For the name notes: a name other than ``name`` that HQ has for ``office_id``, and the
        first other office (by office and year) whose document carries ``name``, as (office, name)."""
        own = self.backend.fetchone("SELECT office_name FROM documents WHERE office_id = ? AND office_name <> ? "
                                    "ORDER BY fiscal_year LIMIT 1", (office_id, name))
        other = self.backend.fetchone("SELECT office_id, office_name FROM documents WHERE office_name = ? "
                                      "AND office_id <> ? ORDER BY office_id, fiscal_year LIMIT 1", (name, office_id))
        return (None if own is None else own[0]), (None if other is None else (other[0], other[1]))

    def record_bundle(self, *, sha256: str, bundle_id: str, manifest_sha256: str, office_id: str, fiscal_year: str,
                      revision: int, sequence: int, previous_sha256: str | None, document_sha256: str,
                      created_at: str, status: str, signer_fingerprint: str) -> None:
        self.backend.execute(
            "INSERT INTO bundles (sha256, bundle_id, manifest_sha256, office_id, fiscal_year, revision, sequence, "
            "previous_sha256, document_sha256, created_at, imported_at, status, signer_fingerprint) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (sha256, bundle_id, manifest_sha256, office_id, fiscal_year, revision, sequence, previous_sha256,
             document_sha256, created_at, now(), status, signer_fingerprint))

    # ------------------------------------------------------------- evidence

    def put_evidence(self, files: dict[str, bytes]) -> None:
        """Keep files by hash: the bytes in the blob folder first, then their rows."""
        for sha, data in files.items():
            if self.blobs.put(data) != sha:
                raise ValueError(f"evidence {sha[:16]}… does not match its hash")
        self.backend.executemany("INSERT INTO evidence (sha256, size) VALUES (?, ?) ON CONFLICT DO NOTHING",
                                 [(sha, len(data)) for sha, data in files.items()])

    def evidence(self, sha256: str) -> bytes | None:
        """An evidence file or signed PDF HQ holds, by its hash."""
        if self.backend.fetchone("SELECT 1 FROM evidence WHERE sha256 = ?", (sha256,)) is None:
            return None
        return self.blobs.get(sha256)

    # ------------------------------------------------------------ documents

    def put_document(self, row: DocumentRow) -> None:
        """Make ``row`` the office-year's current document."""
        self.backend.execute(
            f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (office_id, fiscal_year) DO UPDATE SET office_name = excluded.office_name, "
            "bundle_sha256 = excluded.bundle_sha256, revision = excluded.revision, sequence = excluded.sequence, "
            "report_quarter = excluded.report_quarter, total_score = excluded.total_score, signed = excluded.signed, "
            "missing_evidence = excluded.missing_evidence, signed_pdf_sha256 = excluded.signed_pdf_sha256, "
            "document = excluded.document, updated_at = excluded.updated_at",
            (row.office_id, row.fiscal_year, row.office_name, row.bundle_sha256, row.revision, row.sequence,
             row.report_quarter, row.total_score, int(row.signed_pdf_sha256 is not None), row.missing_evidence,
             row.signed_pdf_sha256, row.document, now()))

    def document_text(self, office_id: str, fiscal_year: str) -> str | None:
        """The interchange JSON of the office-year's current document."""
        row = self.backend.fetchone("SELECT document FROM documents WHERE office_id = ? AND fiscal_year = ?",
                                    (office_id, fiscal_year))
        return None if row is None else row[0]

    def consolidated(self, office_id: str | None = None, fiscal_year: str | None = None) -> list[tuple]:
        """(office, name, year, revision, quarter, total, signed, missing evidence, open conflicts)
        per office-year, by office and year."""
        clauses = [(clause, value) for clause, value in (("d.office_id = ?", office_id),
                                                         ("d.fiscal_year = ?", fiscal_year)) if value is not None]
        where = " AND ".join(clause for clause, _ in clauses)
        return self.backend.fetchall(
            "SELECT d.office_id, d.office_name, d.fiscal_year, d.revision, d.report_quarter, d.total_score, d.signed, "
            "d.missing_evidence, (SELECT count(*) FROM conflicts c WHERE c.office_id = d.office_id "
            "AND c.fiscal_year = d.fiscal_year AND c.resolved_at IS NULL) "
            f"FROM documents d {'WHERE ' + where if where else ''} ORDER BY d.office_id, d.fiscal_year",
            [value for _, value in clauses])

    # ------------------------------------------------------------ conflicts

    def add_conflict(self, payload: DocumentRow, kind: str, existing_sha256: str, detail: str) -> None:
        """Record a conflict and keep the incoming bundle's payload for a person to decide."""
        self.backend.execute(
            "INSERT INTO conflict_payloads (bundle_sha256, office_name, report_quarter, total_score, missing_evidence, "
            "signed_pdf_sha256, document) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (payload.bundle_sha256, payload.office_name, payload.report_quarter, payload.total_score,
             payload.missing_evidence, payload.signed_pdf_sha256, payload.document))
        self.backend.execute(
            "INSERT INTO conflicts (office_id, fiscal_year, kind, existing_sha256, incoming_sha256, detail, "
            "detected_at) VALUES (?,?,?,?,?,?,?)",
            (payload.office_id, payload.fiscal_year, kind, existing_sha256, payload.bundle_sha256, detail, now()))

    def conflicts(self, *, open_only: bool = False, office_id: str | None = None, fiscal_year: str | None = None,
                  conflict_id: int | None = None) -> list[tuple]:
        """Conflicts (columns :data:`CONFLICT_COLUMNS`), oldest first."""
        clauses = [("resolved_at IS NULL", None)] if open_only else []
        filters = (("office_id = ?", office_id), ("fiscal_year = ?", fiscal_year), ("id = ?", conflict_id))
        clauses += [(clause, value) for clause, value in filters if value is not None]
        where = " AND ".join(clause for clause, _ in clauses) or "1 = 1"
        return self.backend.fetchall(f"SELECT {', '.join(CONFLICT_COLUMNS)} FROM conflicts WHERE {where} ORDER BY id",
                                     [value for _, value in clauses if value is not None])

    def conflict_payload(self, bundle_sha256: str, office_id: str, fiscal_year: str) -> DocumentRow | None:
        """The kept payload of a conflicting bundle, as the document it would become."""
        row = self.backend.fetchone(
            "SELECT p.office_name, b.sha256, b.revision, b.sequence, p.report_quarter, p.total_score, "
            "p.missing_evidence, p.signed_pdf_sha256, p.document FROM conflict_payloads p "
            "JOIN bundles b ON b.sha256 = p.bundle_sha256 WHERE p.bundle_sha256 = ?", (bundle_sha256,))
        return None if row is None else DocumentRow(office_id, fiscal_year, *row)

    def close_conflict(self, conflict_id: int, at: str, resolution: str, decided_by: str, note: str) -> None:
        self.backend.execute("UPDATE conflicts SET resolved_at = ?, resolution = ?, decided_by = ?, note = ? "
                             "WHERE id = ?", (at, resolution, decided_by, note, conflict_id))

    # ---------------------------------------------------------------- audit

    def audit(self, at: str, actor: str, action: str, office_id: str, fiscal_year: str, detail: str) -> None:
        """Append a line to HQ's audit log (append-only in the database itself)."""
        self.backend.execute("INSERT INTO audit (at, actor, action, office_id, fiscal_year, detail) "
                             "VALUES (?,?,?,?,?,?)", (at, actor, action, office_id, fiscal_year, detail))

    def audit_log(self) -> list[tuple[str, str, str, str, str, str]]:
        """(at, actor, action, office, year, detail) per audit line, oldest first."""
        return self.backend.fetchall("SELECT at, actor, action, office_id, fiscal_year, detail FROM audit ORDER BY id")

    # -------------------------------------------------------------- year end

    def record_evaluation(self, *, office_id: str, fiscal_year: str, quarter: int, bundle_sha256: str, by: str,
                          at: str, section: str, reported_total: float, evaluated_total: float, parts: str) -> None:
        """Keep the superior's evaluation and its audit line, together."""
        with self.transaction():
            self.backend.execute(
                "INSERT INTO evaluations (office_id, fiscal_year, quarter, bundle_sha256, evaluated_by, evaluated_at, "
                "section, reported_total, evaluated_total, parts) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (office_id, fiscal_year, quarter, bundle_sha256, by, at, section, reported_total, evaluated_total,
                 parts))
            self.audit(at, by, "evaluate", office_id, fiscal_year,
                       f"quarter {quarter}; bundle {bundle_sha256}; reported {reported_total:.2f}; "
                       f"evaluated {evaluated_total:.2f}")

    def latest_evaluation(self, office_id: str, fiscal_year: str, quarter: int) -> str | None:
        """The evaluation section (JSON) most recently recorded for the office-year's quarter."""
        row = self.backend.fetchone("SELECT section FROM evaluations WHERE office_id = ? AND fiscal_year = ? "
                                    "AND quarter = ? ORDER BY id DESC LIMIT 1", (office_id, fiscal_year, quarter))
        return None if row is None else row[0]

    def annual_evaluations(self, fiscal_year: str) -> list[tuple[str, float, str]]:
        """(office, evaluated total, evaluated parts JSON) of each office's latest annual evaluation."""
        return self.backend.fetchall(
            "SELECT office_id, evaluated_total, parts FROM evaluations WHERE id IN (SELECT MAX(id) FROM evaluations "
            "WHERE fiscal_year = ? AND quarter = 4 GROUP BY office_id)", (fiscal_year,))

    def documents_without_facts(self) -> list[tuple[str, str]]:
        """(bundle sha256, document JSON) of current documents whose year-end facts are not kept yet."""
        return self.backend.fetchall("SELECT d.bundle_sha256, d.document FROM documents d LEFT JOIN office_year_facts f "
                                     "ON f.bundle_sha256 = d.bundle_sha256 WHERE f.bundle_sha256 IS NULL")

    def put_year_facts(self, rows: Sequence[tuple[str, str, str, float, str, int]]) -> None:
        """(bundle sha256, tier, superior office, self-assessed total, parts JSON, latest quarter reported)."""
        with self.transaction():
            self.backend.executemany(
                "INSERT INTO office_year_facts (bundle_sha256, tier, superior_office, total, parts, reported_quarter) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING", rows)

    def year_facts(self, fiscal_year: str) -> list[tuple[str, str, str, str, float, str, int]]:
        """(office, name, tier, superior office, self-assessed total, parts JSON, latest quarter
        reported) per office-year of ``fiscal_year`` whose facts are kept, by office."""
        return self.backend.fetchall(
            "SELECT d.office_id, d.office_name, f.tier, f.superior_office, f.total, f.parts, f.reported_quarter "
            "FROM documents d JOIN office_year_facts f ON f.bundle_sha256 = d.bundle_sha256 "
            "WHERE d.fiscal_year = ? ORDER BY d.office_id", (fiscal_year,))

    def bundle_times(self, fiscal_year: str) -> list[tuple[str, str]]:
        """(office, made at the office) of every bundle of ``fiscal_year``, oldest first."""
        return self.backend.fetchall("SELECT office_id, created_at FROM bundles WHERE fiscal_year = ? "
                                     "ORDER BY created_at", (fiscal_year,))

    def fiscal_years(self) -> list[str]:
        """The fiscal years HQ holds documents of, newest first."""
        return [row[0] for row in self.backend.fetchall("SELECT DISTINCT fiscal_year FROM documents "
                                                         "ORDER BY fiscal_year DESC")]
    # ------------------------------------------------------- upload tokens

    def add_token(self, token_sha256: str, office_id: str) -> None:
        """A new upload token for the office; the office's earlier tokens stop working."""
        with self.transaction():
            self.backend.execute("UPDATE upload_tokens SET revoked_at = ? WHERE office_id = ? AND revoked_at IS NULL",
                                 (now(), office_id))
            self.backend.execute("INSERT INTO upload_tokens (token_sha256, office_id, issued_at) VALUES (?, ?, ?)",
                                 (token_sha256, office_id, now()))

    def token_office(self, token_sha256: str) -> str | None:
        """The office a valid (not revoked) token speaks for."""
        row = self.backend.fetchone("SELECT office_id FROM upload_tokens WHERE token_sha256 = ? AND revoked_at IS NULL",
                                    (token_sha256,))
        return None if row is None else row[0]

    def revoke_tokens(self, office_id: str) -> int:
        with self.transaction():
            return self.backend.execute("UPDATE upload_tokens SET revoked_at = ? WHERE office_id = ? "
                                        "AND revoked_at IS NULL", (now(), office_id)).rowcount

    # ------------------------------------------------------------- uploads

    def start_upload(self, sha256: str, office_id: str, size: int, chunk_size: int, chunks: str) -> None:
        """Record an upload (its chunk hashes as JSON) unless one for these bytes is already known."""
        self.backend.execute("INSERT INTO uploads (sha256, office_id, size, chunk_size, chunks, started_at) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                             (sha256, office_id, size, chunk_size, chunks, now()))

    def upload(self, sha256: str) -> tuple[str, int, int, str] | None:
        """(office, size, chunk size, chunk hashes as JSON) of an upload in progress."""
        return self.backend.fetchone("SELECT office_id, size, chunk_size, chunks FROM uploads WHERE sha256 = ?",
                                     (sha256,))

    def finish_upload(self, sha256: str) -> None:
        self.backend.execute("DELETE FROM uploads WHERE sha256 = ?", (sha256,))

    # ------------------------------------------------------------ receipts

    def add_receipt(self, office_id: str, bundle_sha256: str, kind: str, issued_at: str, data: bytes) -> None:
        """Keep a receipt HQ issued; a second import receipt for one bundle is ignored (the first stays)."""
        self.backend.execute("INSERT INTO receipts (office_id, bundle_sha256, kind, issued_at, data) "
                             "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                             (office_id, bundle_sha256, kind, issued_at, data))

    def import_receipt(self, bundle_sha256: str) -> bytes | None:
        """The receipt HQ issued when it imported this bundle."""
        row = self.backend.fetchone("SELECT data FROM receipts WHERE bundle_sha256 = ? AND kind = 'import'",
                                    (bundle_sha256,))
        return None if row is None else bytes(row[0])

    def receipts_since(self, office_id: str, after_id: int, limit: int = 200) -> list[tuple[int, str, str, bytes]]:
        """(id, bundle sha256, kind, receipt bytes) of the office's receipts after ``after_id``, oldest first."""
        rows = self.backend.fetchall("SELECT id, bundle_sha256, kind, data FROM receipts WHERE office_id = ? "
                                     "AND id > ? ORDER BY id LIMIT ?", (office_id, after_id, limit))
        return [(row[0], row[1], row[2], bytes(row[3])) for row in rows]

    # ---------------------------------------------------------------- tests

    def dump_tables(self) -> list[tuple]:
        """Every row of every consolidated table, in a stable order (for before/after comparisons)."""
        rows: list[tuple] = []
        for table in TABLES:
            rows.extend((table, *_plain(row)) for row in
                        self.backend.fetchall(f"SELECT * FROM {table} ORDER BY {_ORDER[table]}"))
        return rows


def _plain(row: Sequence[Any]) -> tuple:
    """Values as Python compares them across engines (memoryview/bytes alike)."""
    return tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
