"""Writing and reading the append-only audit log (the triggers refuse UPDATE and DELETE), and the
hash chain that makes the history tamper-evident.

Each audit row's ``chain`` is SHA-256 of the previous row's chain (of the same office-year) and
the row's own content; each revision's chain (table ``revision_chain``) likewise over the previous
revision (by number) and its content, body and signature included. Every write of a revision is followed by an audit
row in the same transaction, so :func:`append` keeps the revision's chain current. A row rewritten,
deleted or inserted with raw SQL no longer fits: :func:`verify_chains` names the first that does not.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .records import AuditEntry

_COLUMNS = "id, at, user, office_year_id, revision_id, action, path, old, new, target"
_AUDIT_HASHED = "at, user, office_year_id, revision_id, action, path, old, new, target"
_REVISION_HASHED = ("office_year_id, number, reason, parent_id, created_at, created_by, body, signed_at, signed_by, "
                    "signed_pdf_sha256, locked")
_REVISION_COLUMNS = ", ".join(f"r.{name.strip()}" for name in _REVISION_HASHED.split(","))
_START = "apa-desktop/history/v1"


@dataclass(frozen=True)
class ChainBreak:
    """The first row of an office-year's history that does not fit its chain."""

    office_year_id: int | None
    table: str
    """"audit" or "revisions"."""
    row: int
    """The audit row's id, or the revision's number."""


def append(conn: sqlite3.Connection, *, at: str, user: str, office_year_id: int | None,
           revision_id: int | None, action: str, path: str = "", old: Any = None, new: Any = None,
           target: int | None = None) -> None:
    """Add one row; ``old``/``new`` are JSON data (``None`` is stored as JSON null). The row is
    chained to the office-year's previous one, and the revision it names gets its chain updated."""
    values = (at, user, office_year_id, revision_id, action, path, _dump(old), _dump(new), target)
    conn.execute(f"INSERT INTO audit ({_AUDIT_HASHED}, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (*values, _link(_last_audit_chain(conn, office_year_id), values)))
    if revision_id is not None:
        _rechain_revision(conn, revision_id)


def entries(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[AuditEntry]:
    """Rows matching ``where``, newest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM audit WHERE {where} ORDER BY id DESC", params)
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _load(r[7]), _load(r[8]), r[9]) for r in rows
    ]


def verify_chains(conn: sqlite3.Connection) -> list[ChainBreak]:
    """The first row that does not fit, for each office-year whose history was changed outside
    the program (an empty list when every chain holds)."""
    breaks: list[ChainBreak] = []
    previous: dict[int | None, str] = {}
    broken: set[tuple[str, int | None]] = set()
    for row in conn.execute(f"SELECT id, {_AUDIT_HASHED}, chain FROM audit ORDER BY id"):
        oy = row[3]
        expected = _link(previous.get(oy, _START), tuple(row[1:10]))
        if row[10] != expected and ("audit", oy) not in broken:
            broken.add(("audit", oy))
            breaks.append(ChainBreak(oy, "audit", row[0]))
        previous[oy] = row[10] or ""
    previous = {}
    for row in conn.execute(f"SELECT {_REVISION_COLUMNS}, c.chain FROM revisions r "
                            "LEFT JOIN revision_chain c ON c.revision_id = r.id ORDER BY r.office_year_id, r.number"):
        oy = row[0]
        expected = _link(previous.get(oy, _START), tuple(row[:11]))
        if row[11] != expected and ("revisions", oy) not in broken:
            broken.add(("revisions", oy))
            breaks.append(ChainBreak(oy, "revisions", row[1]))
        previous[oy] = row[11] or ""
    return breaks


def rechain_all(conn: sqlite3.Connection) -> None:
    """Give every existing row its chain, in order (the migration that introduces the chain)."""
    previous: dict[int | None, str] = {}
    for row in conn.execute(f"SELECT id, {_AUDIT_HASHED} FROM audit ORDER BY id").fetchall():
        chain = previous[row[3]] = _link(previous.get(row[3], _START), tuple(row[1:]))
        conn.execute("UPDATE audit SET chain = ? WHERE id = ?", (chain, row[0]))
    for (rev_id,) in conn.execute("SELECT id FROM revisions ORDER BY office_year_id, number").fetchall():
        _rechain_revision(conn, rev_id)


def _last_audit_chain(conn: sqlite3.Connection, office_year_id: int | None) -> str:
    row = conn.execute("SELECT chain FROM audit WHERE office_year_id IS ? ORDER BY id DESC LIMIT 1",
                       (office_year_id,)).fetchone()
    return _START if row is None else (row[0] or "")


def _rechain_revision(conn: sqlite3.Connection, revision_id: int) -> None:
    row = conn.execute(f"SELECT {_REVISION_HASHED} FROM revisions WHERE id = ?", (revision_id,)).fetchone()
    if row is None:
        return
    before = conn.execute("SELECT c.chain FROM revisions r JOIN revision_chain c ON c.revision_id = r.id "
                          "WHERE r.office_year_id = ? AND r.number < ? ORDER BY r.number DESC LIMIT 1",
                          (row[0], row[1])).fetchone()
    chain = _link(_START if before is None else before[0], tuple(row))
    conn.execute("INSERT INTO revision_chain (revision_id, chain) VALUES (?, ?) "
                 "ON CONFLICT (revision_id) DO UPDATE SET chain = excluded.chain", (revision_id, chain))


def _link(previous: str, values: tuple[Any, ...]) -> str:
    text = json.dumps([previous, *values], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
