"""Writing and reading the append-only audit log (the triggers refuse UPDATE and DELETE)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .records import AuditEntry

_COLUMNS = "id, at, user, office_year_id, revision_id, action, path, old, new, target"


def append(conn: sqlite3.Connection, *, at: str, user: str, office_year_id: int | None,
           revision_id: int | None, action: str, path: str = "", old: Any = None, new: Any = None,
           target: int | None = None) -> None:
    """Add one row; ``old``/``new`` are JSON data (``None`` is stored as JSON null)."""
    conn.execute(
        "INSERT INTO audit (at, user, office_year_id, revision_id, action, path, old, new, target)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (at, user, office_year_id, revision_id, action, path, _dump(old), _dump(new), target),
    )


def entries(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[AuditEntry]:
    """Rows matching ``where``, newest first."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM audit WHERE {where} ORDER BY id DESC", params)
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _load(r[7]), _load(r[8]), r[9]) for r in rows
    ]


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
