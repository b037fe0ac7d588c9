"""The store: offices, office-years, revisions, edits with their audit trail, evidence, settings.

Every change is committed in its own transaction before the method returns
(``synchronous=FULL``), so whatever the UI has reported as saved survives a power cut.

The current revision of each office-year is decoded once and cached; :meth:`Store.load`
returns that cached object and :meth:`Store.apply_edit` changes it in step with the
database. Treat it as read-only and change it only through the store.
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..core import edits as core_edits
from ..core.edits import Edit, path_from_text, path_to_text
from ..core.edits import Path as EditPath
from ..core.interchange import FORMAT, VERSION, from_document, to_data, to_document
from ..core.model import Office, OfficeYear
from ..core.rules import DocumentRules
from ..core.vocabulary import OfficeYearState
from . import audit
from .backups import latest_backup, make_backup
from .bundles_schema import BundleLogMethods
from .errors import InvalidRequest, NotFound, RevisionLocked
from .evidence import DEFAULT_MAX_BYTES, MAX_BYTES_SETTING, check_evidence, safe_name
from .outbox import OutboxMethods
from .paths import backup_dir_for
from .records import AuditEntry, EvidenceFile, OfficeYearInfo, RevisionInfo

STATES: tuple[str, ...] = tuple(state.value for state in OfficeYearState)
"""States of an office-year in the order of the year (DOMAIN.md §7); Q4 doubles as the annual
self-evaluation. ``set_state`` accepts any of them: the UI decides which step comes next."""

_REVISION_COLUMNS = ("id, office_year_id, number, reason, parent_id, created_at, created_by, "
                     "signed_at, signed_by, signed_pdf_sha256, locked")


@dataclass
class _Cached:
    """The decoded current revision and its JSON data, kept equal edit by edit."""

    revision_id: int
    model: OfficeYear
    data: Any


@dataclass
class _Current:
    revision_id: int
    number: int
    locked: bool


class Store(OutboxMethods, BundleLogMethods):
    """The application's database. Create it with :func:`apa_desktop.db.open_database`."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self._conn = db.conn
        self.path = path
        self._cache: dict[int, _Cached] = {}
        self._data_version = self._read_data_version()

    @property
    def database(self) -> Database:
        """The sqlite-utils database, for the db layer's other stores (templates)."""
        return self._db

    # ----------------------------------------------------------------- offices

    def add_office(self, office: Office) -> None:
        with self._db.atomic():
            self._conn.execute(
                "INSERT INTO offices (id, name, tier, superior_office, address, web_portal) VALUES (?, ?, ?, ?, ?, ?)",
                _office_row(office),
            )

    def offices(self) -> list[Office]:
        rows = self._conn.execute("SELECT id, name, tier, superior_office, address, web_portal FROM offices ORDER BY name, id")
        return [Office(*row) for row in rows]

    # ------------------------------------------------------------ office-years

    def create_office_year(self, office_year: OfficeYear, user: str = "") -> int:
        """Store a new office-year as revision 1 (adding its office if new); return its id."""
        model = from_document(to_document(office_year))  # a private copy, text in NFC
        if self.find_office_year(model.office.id, model.fiscal_year) is not None:
            raise InvalidRequest(
                f"এই অফিস-বছর আগে থেকেই আছে: {model.office.id} {model.fiscal_year}",
                f"This office-year already exists: {model.office.id} {model.fiscal_year}",
            )
        data = to_data(model)
        at = _now()
        with self._db.atomic():
            self._conn.execute(
                "INSERT OR IGNORE INTO offices (id, name, tier, superior_office, address, web_portal) VALUES (?, ?, ?, ?, ?, ?)",
                _office_row(model.office),
            )
            oy_id = self._conn.execute(
                "INSERT INTO office_years (office_id, fiscal_year, state, created_at) VALUES (?, ?, 'draft', ?)",
                (model.office.id, model.fiscal_year, at),
            ).lastrowid
            rev_id = self._conn.execute(
                "INSERT INTO revisions (office_year_id, number, reason, created_at, created_by, body)"
                " VALUES (?, 1, '', ?, ?, ?)",
                (oy_id, at, _nfc(user), _body(data)),
            ).lastrowid
            audit.append(self._conn, at=at, user=_nfc(user), office_year_id=oy_id, revision_id=rev_id,
                         action="create", new=f"{model.office.id} {model.fiscal_year}")
        assert oy_id is not None and rev_id is not None
        self._cache[oy_id] = _Cached(rev_id, model, data)
        self._data_version = self._read_data_version()
        return oy_id

    def office_years(self, office_id: str | None = None) -> list[OfficeYearInfo]:
        sql = (
            "SELECT oy.id, oy.office_id, o.name, oy.fiscal_year, oy.state, r.number, r.id, r.locked"
            " FROM office_years oy JOIN offices o ON o.id = oy.office_id"
            " JOIN revisions r ON r.id = (SELECT id FROM revisions WHERE office_year_id = oy.id"
            "                             ORDER BY number DESC LIMIT 1)"
        )
        params: tuple[Any, ...] = ()
        if office_id is not None:
            sql += " WHERE oy.office_id = ?"
            params = (office_id,)
        rows = self._conn.execute(sql + " ORDER BY o.name, oy.office_id, oy.fiscal_year", params)
        return [OfficeYearInfo(*(*row[:7], bool(row[7]))) for row in rows]

    def find_office_year(self, office_id: str, fiscal_year: str) -> int | None:
        row = self._conn.execute(
            "SELECT id FROM office_years WHERE office_id = ? AND fiscal_year = ?", (office_id, fiscal_year)
        ).fetchone()
        return None if row is None else row[0]

    def load(self, office_year_id: int, revision_id: int | None = None) -> OfficeYear:
        """The document of the current revision (the cached, live object: read-only for callers),
        or a freshly decoded copy of an older revision."""
        current = self._current(office_year_id)
        if revision_id is None or revision_id == current.revision_id:
            return self._cached(office_year_id, current).model
        row = self._conn.execute(
            "SELECT body FROM revisions WHERE id = ? AND office_year_id = ?", (revision_id, office_year_id)
        ).fetchone()
        if row is None:
            raise NotFound(f"সংস্করণ নেই: {revision_id}", f"No revision {revision_id} of office-year {office_year_id}")
        return from_document(json.loads(row[0]))

    def set_state(self, office_year_id: int, state: str, user: str = "") -> None:
        if state not in STATES:
            raise InvalidRequest(f"অজানা অবস্থা: {state}", f"Unknown state {state!r}; one of {', '.join(STATES)}")
        current = self._current(office_year_id)
        with self._db.atomic():
            (old,) = self._conn.execute("SELECT state FROM office_years WHERE id = ?", (office_year_id,)).fetchone()
            self._conn.execute("UPDATE office_years SET state = ? WHERE id = ?", (state, office_year_id))
            audit.append(self._conn, at=_now(), user=_nfc(user), office_year_id=office_year_id,
                         revision_id=current.revision_id, action="state", old=old, new=state)

    # ------------------------------------------------------------------ edits

    def apply_edit(self, office_year_id: int, edit: Edit, user: str = "") -> None:
        """Apply one edit and commit it with its audit row, or change nothing at all."""
        self.apply_edits(office_year_id, [edit], user)

    def apply_edits(self, office_year_id: int, edits: Iterable[Edit], user: str = "") -> None:
        """Apply several edits (a paste) in one transaction: all of them, or none.

        Raises :class:`RevisionLocked` on a signed revision, ``EditError``/``EditConflict`` from
        the core, :class:`~apa_desktop.core.rules.RuleRefusal` for an edit the document's rules
        forbid (a template-fixed cell, a template row removed...); on any failure the database and
        the cached document are as they were."""
        edits = list(edits)
        if not edits:
            return
        cached: _Cached | None = None
        done: list[Edit] = []
        try:
            with self._read_modify_write():
                current = self._current(office_year_id)
                if current.locked:
                    raise _locked()
                cached = self._cached(office_year_id, current)
                model = cached.model
                identity = (model.office.id, model.fiscal_year)
                rules = DocumentRules(model)
                for edit in edits:
                    refused = rules.refusal(edit)
                    if refused is not None:
                        raise refused
                    core_edits.apply_edit(model, edit)
                    if edit.kind != "set":
                        rules = DocumentRules(model)  # rows moved: judge the next edit on the new rows
                    done.append(edit)
                    core_edits.mirror_edit(cached.data, model, edit)
                if (model.office.id, model.fiscal_year) != identity:
                    raise InvalidRequest(
                        "অফিসের আইডি বা অর্থবছর সম্পাদনা করে বদলানো যায় না",
                        "The office id and the fiscal year name the office-year: they cannot be edited",
                    )
                if not model.office.name.strip():
                    raise InvalidRequest("অফিসের নাম খালি রাখা যায় না", "The office needs a name")
                at, who = _now(), _nfc(user)
                self._conn.execute("UPDATE revisions SET body = ? WHERE id = ?",
                                   (_body(cached.data), current.revision_id))
                for edit in edits:
                    audit.append(self._conn, at=at, user=who, office_year_id=office_year_id,
                                 revision_id=current.revision_id, action=edit.kind, path=path_to_text(edit.path),
                                 old=_nfc_data(edit.old), new=_nfc_data(edit.new), target=edit.target)
                if any(edit.path[:1] == ("office",) for edit in edits):
                    self._sync_office(model.office)
        except BaseException:
            if cached is not None:
                self._undo(office_year_id, cached, done)
            raise
        self._data_version = self._read_data_version()

    def replace_document(self, office_year_id: int, office_year: OfficeYear, user: str, reason: str) -> None:
        """Replace the whole document (an import), audited; a signed revision is kept and a new
        revision with ``reason`` is opened for the new document."""
        model = from_document(to_document(office_year))
        row = self._conn.execute(
            "SELECT office_id, fiscal_year FROM office_years WHERE id = ?", (office_year_id,)
        ).fetchone()
        if row is None:
            raise _no_office_year(office_year_id)
        if (model.office.id, model.fiscal_year) != tuple(row):
            raise InvalidRequest(
                f"ডকুমেন্টটি অন্য অফিস-বছরের: {model.office.id} {model.fiscal_year}",
                f"The document belongs to {model.office.id} {model.fiscal_year}, not {row[0]} {row[1]}",
            )
        new_data = to_data(model)
        with self._read_modify_write():
            current = self._current(office_year_id)
            old_data = self._cached(office_year_id, current).data
            if current.locked:
                self._insert_revision(office_year_id, current, reason, user)
                current = self._current(office_year_id)
            self._conn.execute("UPDATE revisions SET body = ? WHERE id = ?", (_body(new_data), current.revision_id))
            self._sync_office(model.office)
            audit.append(self._conn, at=_now(), user=_nfc(user), office_year_id=office_year_id,
                         revision_id=current.revision_id, action="replace", old=old_data,
                         new=new_data, path="")
        self._cache[office_year_id] = _Cached(current.revision_id, model, new_data)
        self._data_version = self._read_data_version()

    def history(self, office_year_id: int, path: EditPath | str) -> list[AuditEntry]:
        """The changes of what is now at this path (a cell, or a row for its insert and moves),
        newest first, followed back through row inserts, removals and moves
        (:func:`~apa_desktop.core.edits.trace_history`)."""
        path = path_from_text(path) if isinstance(path, str) else tuple(path)
        rows = self._conn.execute(
            "SELECT id, action, path, target FROM audit WHERE office_year_id = ? ORDER BY id DESC",
            (office_year_id,),
        )
        ids = core_edits.trace_history(rows, path)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        return audit.entries(self._conn, f"id IN ({marks})", tuple(ids))

    def audit_log(self, office_year_id: int) -> list[AuditEntry]:
        """Every audit row of the office-year, newest first."""
        return audit.entries(self._conn, "office_year_id = ?", (office_year_id,))

    # -------------------------------------------------------------- revisions

    def revisions(self, office_year_id: int) -> list[RevisionInfo]:
        """The revisions of the office-year, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE office_year_id = ? ORDER BY number", (office_year_id,)
        )
        return [RevisionInfo(*(*row[:10], bool(row[10]))) for row in rows]

    def new_revision(self, office_year_id: int, reason: str, user: str = "") -> int:
        """Open a new revision, a copy of the current one; ``reason`` is required. Returns its id."""
        current = self._current(office_year_id)
        cached = self._cached(office_year_id, current)
        with self._db.atomic():
            rev_id = self._insert_revision(office_year_id, current, reason, user)
        cached.revision_id = rev_id
        self._data_version = self._read_data_version()
        return rev_id

    def mark_signed(self, office_year_id: int, signer: str, signed_pdf: bytes) -> None:
        """Lock the current revision as signed by ``signer``, keeping the signed PDF."""
        current = self._current(office_year_id)
        if current.locked:
            raise _locked()
        at, who = _now(), _nfc(signer)
        with self._db.atomic():
            sha = self.put_evidence(signed_pdf, f"signed-{office_year_id}-r{current.number}.pdf")
            self._conn.execute(
                "UPDATE revisions SET signed_at = ?, signed_by = ?, signed_pdf_sha256 = ?, locked = 1 WHERE id = ?",
                (at, who, sha, current.revision_id),
            )
            audit.append(self._conn, at=at, user=who, office_year_id=office_year_id,
                         revision_id=current.revision_id, action="sign", new=sha)
        self._data_version = self._read_data_version()

    def signed_pdf(self, revision_id: int) -> bytes | None:
        row = self._conn.execute(
            "SELECT e.data FROM revisions r JOIN evidence e ON e.sha256 = r.signed_pdf_sha256 WHERE r.id = ?",
            (revision_id,),
        ).fetchone()
        return None if row is None else bytes(row[0])

    # --------------------------------------------------------------- evidence

    def put_evidence(self, data: bytes, name: str) -> str:
        """Keep an evidence file (PDF, JPG, PNG, DOCX, XLSX within the size limit); its SHA-256."""
        name = safe_name(name)  # never a path: "../x.pdf" is stored as "x.pdf"
        mime = check_evidence(data, name, int(self.get_setting(MAX_BYTES_SETTING, DEFAULT_MAX_BYTES)))
        digest = sha256(data).hexdigest()
        with self._db.atomic():
            self._conn.execute(
                "INSERT OR IGNORE INTO evidence (sha256, size, name, mime, data, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (digest, len(data), name, mime, data, _now()),
            )
        return digest

    def get_evidence(self, sha: str) -> EvidenceFile:
        row = self._conn.execute(
            "SELECT sha256, size, name, mime, data, added_at FROM evidence WHERE sha256 = ?", (sha,)
        ).fetchone()
        if row is None:
            raise NotFound(f"প্রমাণক ফাইল নেই: {sha}", f"No evidence file {sha}")
        return EvidenceFile(row[0], row[1], row[2], row[3], bytes(row[4]), row[5])

    def evidence_exists(self, sha: str) -> bool:
        return self._conn.execute("SELECT 1 FROM evidence WHERE sha256 = ?", (sha,)).fetchone() is not None

    # ------------------------------------------------------ settings, backups

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-able value under ``key``."""
        text = json.dumps(_nfc_data(value), ensure_ascii=False)
        with self._db.atomic():
            self._conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, text),
            )

    def backup(self, dest_dir: Path | None = None, keep: int = 10) -> Path:
        """A consistent snapshot (``VACUUM INTO``) in ``dest_dir`` (default: ``backups/`` beside the
        database), keeping the newest ``keep`` there. Returns the new file."""
        return make_backup(self._conn, self.path, Path(dest_dir) if dest_dir else backup_dir_for(self.path), keep)

    def backup_if_due(self, hours: float = 24, keep: int = 10) -> Path | None:
        """The automatic backup: make one (see :meth:`backup`) when the newest in the default
        folder is older than ``hours``; returns it, or ``None`` when none was due."""
        newest = latest_backup(self.path)
        if newest is not None and time.time() - newest.stat().st_mtime < hours * 3600:
            return None
        return self.backup(keep=keep)

    def history_breaks(self) -> list[audit.ChainBreak]:
        """Where the audit log or a revision was changed outside the program (see db/audit.py)."""
        return audit.verify_chains(self._conn)

    def close(self) -> None:
        self._cache.clear()
        self._db.close()

    # --------------------------------------------------------------- helpers

    @contextmanager
    def _read_modify_write(self) -> Iterator[None]:
        """A write transaction taken before the document is read (BEGIN IMMEDIATE), so that no
        other program's edit can land between reading the current document and writing it back."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._conn.commit()
        except BaseException:
            self._conn.rollback()
            raise

    def _current(self, office_year_id: int) -> _Current:
        row = self._conn.execute(
            "SELECT id, number, locked FROM revisions WHERE office_year_id = ? ORDER BY number DESC LIMIT 1",
            (office_year_id,),
        ).fetchone()
        if row is None:
            raise _no_office_year(office_year_id)
        return _Current(row[0], row[1], bool(row[2]))

    def _cached(self, office_year_id: int, current: _Current) -> _Cached:
        """The cached document of the current revision, decoded when missing or stale."""
        version = self._read_data_version()
        if version != self._data_version:  # another connection wrote: the cache may be stale
            self._cache.clear()
            self._data_version = version
        cached = self._cache.get(office_year_id)
        if cached is not None and cached.revision_id == current.revision_id:
            return cached
        (body,) = self._conn.execute("SELECT body FROM revisions WHERE id = ?", (current.revision_id,)).fetchone()
        model = from_document(json.loads(body))
        cached = self._cache[office_year_id] = _Cached(current.revision_id, model, to_data(model))
        return cached

    def _undo(self, office_year_id: int, cached: _Cached, done: list[Edit]) -> None:
        """Put the cached document back as it was before ``done`` (or drop it from the cache)."""
        try:
            for edit in reversed(done):
                core_edits.apply_edit(cached.model, edit.inverse())
            cached.data = to_data(cached.model)
        except Exception:  # noqa: BLE001 - whatever went wrong, a cache dropped is read again
            self._cache.pop(office_year_id, None)

    def _insert_revision(self, office_year_id: int, current: _Current, reason: str, user: str) -> int:
        reason = _nfc(reason.strip())
        if not reason:
            raise InvalidRequest(
                "নতুন সংস্করণের কারণ লিখুন", "A new revision needs a reason (why the signed version changes)"
            )
        at = _now()
        rev_id = self._conn.execute(
            "INSERT INTO revisions (office_year_id, number, reason, parent_id, created_at, created_by, body)"
            " SELECT office_year_id, number + 1, ?, id, ?, ?, body FROM revisions WHERE id = ?",
            (reason, at, _nfc(user), current.revision_id),
        ).lastrowid
        audit.append(self._conn, at=at, user=_nfc(user), office_year_id=office_year_id, revision_id=rev_id,
                     action="new_revision", old=current.number, new=reason)
        assert rev_id is not None
        return rev_id

    def _sync_office(self, office: Office) -> None:
        """Keep the offices table in step with the office named in a document."""
        self._conn.execute(
            "INSERT INTO offices (id, name, tier, superior_office, address, web_portal) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, tier = excluded.tier,"
            " superior_office = excluded.superior_office, address = excluded.address,"
            " web_portal = excluded.web_portal",
            _office_row(office),
        )

    def _read_data_version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _nfc_data(data: Any) -> Any:
    if isinstance(data, str):
        return _nfc(data)
    if isinstance(data, list):
        return [_nfc_data(item) for item in data]
    if isinstance(data, dict):
        return {_nfc(k): _nfc_data(v) for k, v in data.items()}
    return data


def _office_row(office: Office) -> tuple[str, ...]:
    office = replace(office, **{f.name: _nfc(getattr(office, f.name)) for f in fields(office)})
    return (office.id, office.name, office.tier, office.superior_office, office.address, office.web_portal)


def _body(data: Any) -> str:
    """The stored body: the interchange envelope around the document's JSON data, compact."""
    return json.dumps({"format": FORMAT, "version": VERSION, "document": data},
                      ensure_ascii=False, separators=(",", ":"))


def _locked() -> RevisionLocked:
    return RevisionLocked(
        "এই সংস্করণটি স্বাক্ষরিত, তাই বদলানো যায় না। কারণ লিখে নতুন সংস্করণ খুলুন, তারপর সম্পাদনা করুন।",
        "This revision is signed and cannot be changed. Open a new revision with a reason, then edit.",
    )


def _no_office_year(office_year_id: int) -> NotFound:
    return NotFound(f"অফিস-বছর নেই: {office_year_id}", f"No office-year with id {office_year_id}")
