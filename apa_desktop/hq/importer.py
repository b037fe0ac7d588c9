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
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import IO

from ..export.bundle import SUFFIX, Limits, VerifiedBundle, read_bundle, read_source
from ..export.bundle_errors import BundleRejected
from ..export.bundle_signed import signed_pdf_problem
from ..export.bundle_signing import cert_fingerprint
from .consolidate import Summary, summarize
from .enrolment import TrustStore
from .store import DocumentRow, HqStore, open_hq_store

LABELS = {"imported": "imported", "unchanged": "unchanged", "ignored_older": "ignored as older",
          "conflict": "conflict", "rejected": "rejected"}


@dataclass
class ImportOutcome:
    source: str
    status: str
    detail: str = ""
    bundle: VerifiedBundle | None = None
    sha256: str = ""
    code: str = ""
    """Why a file was rejected: a reason code of ``export.bundle_errors`` (or ``wrong_office``)."""

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
    """Imports bundles into one HQ store; keeps its trust cache across files."""

    def __init__(self, store: HqStore, limits: Limits | None = None) -> None:
        self.store = store
        self.limits = limits or Limits()
        self.trust = TrustStore(store)

    def import_source(self, source: str | Path | bytes, name: str | None = None, office_id: str | None = None,
                      verify: Callable[[bytes], _Verified] | None = None,
                      then: Callable[[ImportOutcome], None] | None = None) -> ImportOutcome:
        """Import one bundle (a path or the file's bytes); with ``office_id``, only a bundle of
        that office (what an upload token may send). ``verify`` replaces the verification done here
        (:class:`VerifierPool` runs it in another process); ``then`` is called with the outcome
        inside the import's transaction (HQ's server keeps the receipt with the import)."""
        label = name or str(source if not isinstance(source, bytes) else "<bytes>")
        early, data, sha = self._prefilter(label, source)
        if early is not None:
            return early
        bundle, summary, rejection = verify(data) if verify is not None else _verify(data, self.limits, self.trust)
        if bundle is not None and office_id is not None and bundle.office_id != office_id:
            return ImportOutcome(label, "rejected", f"a bundle of office {bundle.office_id}, not {office_id}",
                                 sha256=sha, code="wrong_office")
        return self._finish(label, sha, bundle, summary, rejection, then)

    def import_many(self, paths: Iterable[Path], workers: int | None = None,
                    on_wait: Callable[[], None] | None = None) -> Iterator[ImportOutcome]:
        """Import many files, in order. Files already imported are recognised by their hash alone;
        the others are verified (signature, hashes, document decoding, scoring) in worker processes
        and applied here one transaction each, so a failure in one file never touches another.
        One import runs at a time on a database: another waits (``on_wait`` is called once then)."""
        with one_import_at_a_time(self.store, on_wait):
            yield from self._import_many(list(paths), workers)

    def _import_many(self, paths: list[Path], workers: int | None) -> Iterator[ImportOutcome]:
        workers = workers or os.cpu_count() or 1
        # Workers are forked (instant start, nothing re-imported); where fork does not exist
        # (Windows) the files are verified here, one after the other.
        if workers < 2 or len(paths) < 8 or "fork" not in get_all_start_methods():
            yield from (self.import_source(path, str(path)) for path in paths)
            return
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_worker_init,
                                 initargs=(self.store.target, self.store.blobs.root, self.limits)) as pool:
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
            return ImportOutcome(label, "rejected", str(exc), code=exc.reason_code), b"", ""
        except OSError as exc:
            return ImportOutcome(label, "rejected", f"cannot read the file: {exc.strerror}", code="unreadable"), b"", ""
        sha = hashlib.sha256(data).hexdigest()
        if self.store.has_bundle(sha):
            return ImportOutcome(label, "unchanged", "already imported", sha256=sha), data, sha
        return None, data, sha

    def _finish(self, label: str, sha: str, bundle: VerifiedBundle | None, summary: Summary | None,
                rejection: tuple[str, str], then: Callable[[ImportOutcome], None] | None = None) -> ImportOutcome:
        if bundle is None or summary is None:
            return ImportOutcome(label, "rejected", rejection[1], sha256=sha, code=rejection[0])
        with self.store.office_transaction(bundle.office_id):
            if self.store.has_bundle(sha):  # another connection imported it meanwhile
                outcome = ImportOutcome(label, "unchanged", "already imported", bundle, sha)
            else:
                outcome = ImportOutcome(label, *self._apply(bundle, summary), bundle, sha)
            if then is not None:
                then(outcome)
        return outcome

    def _apply(self, b: VerifiedBundle, summary: Summary) -> tuple[str, str]:
        m = b.manifest
        office, fy, rev, seq = m["office_id"], m["fiscal_year"], m["revision"], m["sequence"]
        doc_sha = hashlib.sha256(b.document_bytes).hexdigest()
        manifest_sha = hashlib.sha256(b.manifest_bytes).hexdigest()
        same_id = self.store.bundle_with_id(m["bundle_id"])
        same_seq = self.store.bundle_at_sequence(office, seq)
        current = self.store.current_head(office, fy)
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
        notes = b.notes + self._chain_notes(b) + self._name_notes(office, summary.office_name)
        self._record(b, doc_sha, "imported")
        self._store_document(b, summary)
        return "imported", "; ".join([f"{office} {fy} revision {rev}", *notes])

    def _chain_notes(self, b: VerifiedBundle) -> list[str]:
        """A gap (the previous bundle never reached HQ) or a fork (another bundle already follows
        the same previous one) in the office's chain of bundles."""
        office, previous = b.office_id, b.manifest["previous_bundle_sha256"]
        if previous is None:
            tip = self.store.office_chain_tip(office)
            return [] if tip is None else ["chain gap: the bundle names no previous bundle, but HQ has earlier ones "
                                           "from this office"]
        if not self.store.has_bundle(previous):
            return [f"chain gap: the previous bundle {previous[:12]}… never reached HQ (bundles are missing)"]
        if self.store.bundles_after(previous):
            return [f"chain fork: another bundle already follows {previous[:12]}… (two copies of the office's data?)"]
        return []

    def _name_notes(self, office: str, name: str) -> list[str]:
        """The office name the document carries, against the name HQ has for this office and others'."""
        own, other = self.store.name_elsewhere(office, name)
        notes = []
        if own is not None:
            notes.append(f"office name {name!r} differs from the name HQ has for {office} ({own!r})")
        if other is not None:
            notes.append(f"the document carries the name of another office ({other[0]}: {other[1]!r})")
        return notes

    def _record(self, b: VerifiedBundle, doc_sha: str, status: str) -> None:
        m = b.manifest
        self.store.record_bundle(
            sha256=b.sha256, bundle_id=m["bundle_id"], manifest_sha256=hashlib.sha256(b.manifest_bytes).hexdigest(),
            office_id=m["office_id"], fiscal_year=m["fiscal_year"], revision=m["revision"], sequence=m["sequence"],
            previous_sha256=m["previous_bundle_sha256"], document_sha256=doc_sha, created_at=m["created_at"],
            status=status, signer_fingerprint=cert_fingerprint(b.signer_cert_der))

    def _conflict(self, b: VerifiedBundle, s: Summary, doc_sha: str, kind: str, existing: str,
                  detail: str) -> tuple[str, str]:
        """Record the conflict and keep the incoming bundle's verified payload (document, summary,
        evidence) so a person can later take it (:mod:`.conflicts`); HQ's document is untouched."""
        self._record(b, doc_sha, "conflict")
        self.store.add_conflict(self._payload(b, s), kind, existing, detail)
        return "conflict", f"{detail}; kept the data already at HQ, a person must decide"

    def _payload(self, b: VerifiedBundle, s: Summary) -> DocumentRow:
        """The bundle as HQ's document row, its evidence files and signed PDF stored by hash."""
        blobs = dict(b.evidence)
        pdf_sha = None
        if b.signed_pdf is not None:
            pdf_sha = hashlib.sha256(b.signed_pdf).hexdigest()
            blobs[pdf_sha] = b.signed_pdf
        self.store.put_evidence(blobs)
        m = b.manifest
        return DocumentRow(m["office_id"], m["fiscal_year"], s.office_name, b.sha256, m["revision"], m["sequence"],
                           s.report_quarter, s.total_score, s.missing_evidence, pdf_sha,
                           b.document_bytes.decode("utf-8"))

    def _store_document(self, b: VerifiedBundle, s: Summary) -> None:
        self.store.put_document(self._payload(b, s))


@contextmanager
def one_import_at_a_time(store: HqStore, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the import lock of an SQLite HQ database (a file beside it) for the block; when another
    import holds it, call ``on_wait`` and wait for it. PostgreSQL serialises through its own locks."""
    if "://" in store.target:
        yield
        return
    with open(f"{store.target}.import-lock", "a+b") as handle:
        if not _try_lock(handle):
            if on_wait is not None:
                on_wait()
            _lock(handle)
        try:
            yield
        finally:
            _unlock(handle)


if os.name == "nt":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _lock(handle: IO[bytes]) -> None:
        while not _try_lock(handle):
            time.sleep(0.2)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


_Verified = tuple[VerifiedBundle | None, Summary | None, tuple[str, str]]
"""The bundle and its summary, or the rejection's (reason code, message)."""


def _verify(data: bytes, limits: Limits, trust: TrustStore) -> _Verified:
    """Everything that needs no write: the full verification, and the summary columns. The decoded
    office-year is dropped once summarized (nothing after this needs it; it is costly to pickle)."""
    try:
        bundle = read_bundle(data, limits, trust)
    except BundleRejected as exc:
        return None, None, (exc.reason_code, str(exc))
    if bundle.signed_pdf is not None:
        problem = signed_pdf_problem(bundle.signed_pdf, bundle.office_year, bundle.signer_cert_der,
                                     bundle.document_bytes)
        if problem is not None:  # kept out: the office-year is listed as unsigned, and why
            bundle.signed_pdf = None
            bundle.notes.append(f"listed as unsigned: {problem}")
    summary = summarize(bundle.office_year)
    bundle.office_year = None
    return bundle, summary, ("", "")


class VerifierPool:
    """The verification of bundles (signature, hashes, document decoding and validation, signed
    PDF, scoring: the CPU-heavy part of an import, with no write) in worker processes, so that
    HQ's server verifies on every core while its own process serves the connections. Create it
    before any thread starts: the workers are forked then, all at once, each opening its own
    read-only connection for the enrolled certificates. Should a worker die, the pool is not
    re-forked from a process full of threads: verification goes on in the caller's thread."""

    def __init__(self, store: HqStore, limits: Limits, workers: int) -> None:
        self._limits, self._trust = limits, TrustStore(store.reopen(read_only=True))
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            workers, mp_context=get_context("fork"), initializer=_worker_init,
            initargs=(store.target, store.blobs.root, limits))
        for job in [self._pool.submit(_worker_ready) for _ in range(workers)]:
            job.result()  # every worker forked now, before the server's threads exist

    @staticmethod
    def available() -> bool:
        return "fork" in get_all_start_methods()

    def __call__(self, data: bytes) -> _Verified:
        if self._pool is not None:
            try:
                return self._pool.submit(_worker_verify, data).result()
            except BrokenProcessPool:
                self._pool = None
        return _verify(data, self._limits, self._trust)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


_WORKER: tuple[Limits, TrustStore] | None = None


def _worker_ready() -> bool:
    return _WORKER is not None


def _worker_init(target: str, blobs_dir: Path, limits: Limits) -> None:
    global _WORKER
    _die_with_parent()
    _WORKER = (limits, TrustStore(open_hq_store(target, blobs_dir, read_only=True)))


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the import that forked it ends, however it ends
    (a SIGKILL of the import leaves no worker holding the database or the terminal)."""
    import ctypes
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def _worker_verify(data: bytes) -> _Verified:
    assert _WORKER is not None
    return _verify(data, *_WORKER)
