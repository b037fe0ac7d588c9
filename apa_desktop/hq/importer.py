"""Import bundles at headquarters: verify everything first, then apply each in one transaction.

Outcomes: ``imported`` (newer state applied), ``unchanged`` (this very file, or the same document,
was seen before), ``ignored_older`` (an older revision or a replay; nothing is written, so the HQ data stay
byte-for-byte as they were), ``conflict`` (two different
bundles claim the same revision or sequence: recorded, with the incoming bundle's verified payload,
for a person to decide with :mod:`.conflicts`; never resolved here) and
``rejected`` (the file failed a check; nothing was written).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from sqlite_utils import Database

from ..export.bundle import SUFFIX, Limits, VerifiedBundle, read_bundle, read_source
from ..export.bundle_errors import BundleRejected
from ..export.bundle_signing import cert_fingerprint
from .consolidate import Summary, summarize
from .enrolment import TrustStore, now

LABELS = {"imported": "imported", "unchanged": "unchanged", "ignored_older": "ignored as older",
          "conflict": "conflict", "rejected": "rejected"}


@dataclass
class ImportOutcome:
    source: str
    status: str
    detail: str = ""
    bundle: VerifiedBundle | None = None
    sha256: str = ""

    def line(self) -> str:
        """The one summary line printed per file."""
        text = f"{self.source}: {LABELS[self.status]}"
        return f"{text}: {self.detail}" if self.detail else text


def expand_sources(sources: list[Path]) -> list[Path]:
    """Files as given, and the ``*.apabundle`` files of folders, in a stable order."""
    files: list[Path] = []
    for source in sources:
        files.extend(sorted(source.glob(f"*{SUFFIX}")) if source.is_dir() else [source])
    return files


class Importer:
    """Imports bundles into one HQ database; keeps its trust cache across files."""

    def __init__(self, db: Database, limits: Limits | None = None) -> None:
        self.db = db
        self.limits = limits or Limits()
        self.trust = TrustStore(db)

    def import_source(self, source: str | Path | bytes, name: str | None = None) -> ImportOutcome:
        """Import one bundle (a path or the file's bytes)."""
        label = name or str(source if not isinstance(source, bytes) else "<bytes>")
        early, data, sha = self._prefilter(label, source)
        if early is not None:
            return early
        return self._finish(label, sha, *_verify(data, self.limits, self.trust))

    def import_many(self, paths: Iterable[Path], workers: int | None = None) -> Iterator[ImportOutcome]:
        """Import many files, in order. Files already imported are recognised by their hash alone;
        the others are verified (signature, hashes, document decoding, scoring) in worker processes
        and applied here one transaction each, so a failure in one file never touches another."""
        paths = list(paths)
        workers = workers or os.cpu_count() or 1
        # Workers are forked (instant start, nothing re-imported); where fork does not exist
        # (Windows) the files are verified here, one after the other.
        if workers < 2 or len(paths) < 8 or "fork" not in get_all_start_methods():
            yield from (self.import_source(path, str(path)) for path in paths)
            return
        db_path = self.db.execute("PRAGMA database_list").fetchone()[2]
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_worker_init,
                                 initargs=(db_path, self.limits)) as pool:
            window: deque = deque()  # at most a few files in flight per worker: bounded memory
            for path in paths:
                early, data, sha = self._prefilter(str(path), path)
                window.append((str(path), sha, early if early is not None else pool.submit(_worker_verify, data)))
                if len(window) >= 4 * workers:
                    yield self._collect(*window.popleft())
            while window:
                yield self._collect(*window.popleft())

    def _collect(self, label: str, sha: str, job: ImportOutcome | Future) -> ImportOutcome:
        return job if isinstance(job, ImportOutcome) else self._finish(label, sha, *job.result())

    def _prefilter(self, label: str, source: str | Path | bytes) -> tuple[ImportOutcome | None, bytes, str]:
        try:
            data = read_source(source, self.limits)
        except BundleRejected as exc:
            return ImportOutcome(label, "rejected", str(exc)), b"", ""
        except OSError as exc:
            return ImportOutcome(label, "rejected", f"cannot read the file: {exc.strerror}"), b"", ""
        sha = hashlib.sha256(data).hexdigest()
        if self.db.execute("SELECT 1 FROM bundles WHERE sha256 = ?", (sha,)).fetchone():
            return ImportOutcome(label, "unchanged", "already imported", sha256=sha), data, sha
        return None, data, sha

    def _finish(self, label: str, sha: str, bundle: VerifiedBundle | None, summary: Summary | None,
                rejection: str) -> ImportOutcome:
        if bundle is None or summary is None:
            return ImportOutcome(label, "rejected", rejection, sha256=sha)
        with self.db.atomic():
            status, detail = self._apply(bundle, summary)
        return ImportOutcome(label, status, detail, bundle, sha)

    def _apply(self, b: VerifiedBundle, summary: Summary) -> tuple[str, str]:
        m = b.manifest
        office, fy, rev, seq = m["office_id"], m["fiscal_year"], m["revision"], m["sequence"]
        doc_sha = hashlib.sha256(b.document_bytes).hexdigest()
        manifest_sha = hashlib.sha256(b.manifest_bytes).hexdigest()
        same_id = self.db.execute("SELECT sha256, manifest_sha256 FROM bundles WHERE bundle_id = ?",
                                  (m["bundle_id"],)).fetchone()
        same_seq = self.db.execute("SELECT sha256, document_sha256 FROM bundles WHERE office_id = ? AND sequence = ?",
                                   (office, seq)).fetchone()
        current = self.db.execute(
            "SELECT d.revision, d.sequence, d.bundle_sha256, b.document_sha256 FROM documents d "
            "JOIN bundles b ON b.sha256 = d.bundle_sha256 WHERE d.office_id = ? AND d.fiscal_year = ?",
            (office, fy)).fetchone()
        if same_id is not None:
            if same_id[1] == manifest_sha:  # the same signed bundle, only repackaged
                return "unchanged", "the same bundle was already imported"
            return self._conflict(b, summary, doc_sha, "same_bundle_id", same_id[0],
                                  "another file has the same bundle id")
        if same_seq is not None:
            if same_seq[1] == doc_sha:
                return "unchanged", f"same document as sequence {seq} already imported"
            return self._conflict(b, summary, doc_sha, "same_sequence", same_seq[0],
                                  f"sequence {seq} was already used by a different bundle")
        if current is not None:
            cur_rev, cur_seq, cur_sha, cur_doc = current
            if rev < cur_rev or seq < cur_seq:
                return "ignored_older", f"revision {rev} sequence {seq}; HQ has revision {cur_rev} sequence {cur_seq}"
            if rev == cur_rev:
                if doc_sha == cur_doc:
                    return "unchanged", f"same document as revision {rev} already imported"
                return self._conflict(b, summary, doc_sha, "same_revision", cur_sha,
                                      f"revision {rev} already imported with different content")
        self._record(b, doc_sha, "imported")
        self._store_document(b, summary)
        return "imported", f"{office} {fy} revision {rev}"

    def _record(self, b: VerifiedBundle, doc_sha: str, status: str) -> None:
        m = b.manifest
        self.db.execute(
            "INSERT INTO bundles (sha256, bundle_id, manifest_sha256, office_id, fiscal_year, revision, sequence, previous_sha256, "
            "document_sha256, created_at, imported_at, status, signer_fingerprint) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (b.sha256, m["bundle_id"], hashlib.sha256(b.manifest_bytes).hexdigest(), m["office_id"], m["fiscal_year"], m["revision"], m["sequence"],
             m["previous_bundle_sha256"], doc_sha, m["created_at"], now(), status, cert_fingerprint(b.signer_cert_der)))

    def _conflict(self, b: VerifiedBundle, s: Summary, doc_sha: str, kind: str, existing: str,
                  detail: str) -> tuple[str, str]:
        """Record the conflict and keep the incoming bundle's verified payload (document, summary,
        evidence) so a person can later take it (:mod:`.conflicts`); HQ's document is untouched."""
        self._record(b, doc_sha, "conflict")
        pdf_sha = self._store_blobs(b)
        self.db.execute(
            "INSERT OR IGNORE INTO conflict_payloads (bundle_sha256, office_name, report_quarter, total_score, "
            "missing_evidence, signed_pdf_sha256, document) VALUES (?,?,?,?,?,?,?)",
            (b.sha256, s.office_name, s.report_quarter, s.total_score, s.missing_evidence, pdf_sha,
             b.document_bytes.decode("utf-8")))
        self.db.execute(
            "INSERT INTO conflicts (office_id, fiscal_year, kind, existing_sha256, incoming_sha256, detail, detected_at) "
            "VALUES (?,?,?,?,?,?,?)", (b.office_id, b.fiscal_year, kind, existing, b.sha256, detail, now()))
        return "conflict", f"{detail}; kept the data already at HQ, a person must decide"

    def _store_blobs(self, b: VerifiedBundle) -> str | None:
        """Store the bundle's evidence files and signed PDF by hash; returns the PDF's hash."""
        blobs = dict(b.evidence)
        pdf_sha = None
        if b.signed_pdf is not None:
            pdf_sha = hashlib.sha256(b.signed_pdf).hexdigest()
            blobs[pdf_sha] = b.signed_pdf
        self.db.conn.executemany("INSERT OR IGNORE INTO evidence (sha256, size, data) VALUES (?, ?, ?)",
                                 [(sha, len(data), data) for sha, data in blobs.items()])
        return pdf_sha

    def _store_document(self, b: VerifiedBundle, s: Summary) -> None:
        pdf_sha = self._store_blobs(b)
        m = b.manifest
        self.db.execute(
            "INSERT OR REPLACE INTO documents (office_id, fiscal_year, office_name, bundle_sha256, revision, sequence, "
            "report_quarter, total_score, signed, missing_evidence, signed_pdf_sha256, document, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (m["office_id"], m["fiscal_year"], s.office_name, b.sha256, m["revision"], m["sequence"],
             s.report_quarter, s.total_score, int(pdf_sha is not None), s.missing_evidence, pdf_sha,
             b.document_bytes.decode("utf-8"), now()))


def _verify(data: bytes, limits: Limits, trust: TrustStore) -> tuple[VerifiedBundle | None, Summary | None, str]:
    """Everything that needs no write: the full verification, and the summary columns. The decoded
    office-year is dropped once summarized (nothing after this needs it; it is costly to pickle)."""
    try:
        bundle = read_bundle(data, limits, trust)
    except BundleRejected as exc:
        return None, None, str(exc)
    summary = summarize(bundle.office_year)
    bundle.office_year = None
    return bundle, summary, ""


_WORKER: tuple[Limits, TrustStore] | None = None


def _worker_init(db_path: str, limits: Limits) -> None:
    global _WORKER
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=10)
    _WORKER = (limits, TrustStore(Database(conn)))


def _worker_verify(data: bytes) -> tuple[VerifiedBundle | None, Summary | None, str]:
    assert _WORKER is not None
    return _verify(data, *_WORKER)
