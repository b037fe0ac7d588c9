"""The office's outbox and its link to HQ: the :class:`~apa_desktop.db.store.Store` methods that
:mod:`apa_desktop.sync` uses (a mixin, so the Store's own module stays as it is).

An entry's state is the sender's (``queued``, ``sending``, ``delivered``, ``held`` waiting for the
clerk); HQ's answer comes from the bundle log, where a receipt lands whether it came over the
network or on a USB stick, so one receipt settles the entry either way (:attr:`OutboxEntry.shown_state`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

OUTBOX_STATES = ("queued", "sending", "delivered", "held")
_COLUMNS = ("o.sha256, o.office_id, o.file_name, o.state, o.attempts, o.next_attempt_at, o.last_status, "
            "o.last_message, o.sent_chunks, o.total_chunks, o.queued_at, o.delivered_at")


@dataclass(frozen=True)
class OutboxEntry:
    sha256: str
    office_id: str
    file_name: str
    state: str
    attempts: int
    next_attempt_at: str | None
    last_status: str
    last_message: str
    sent_chunks: int
    total_chunks: int
    queued_at: str
    delivered_at: str | None
    answer: str | None
    """HQ's answer from the bundle log (``accepted``/``returned``), whichever way the receipt came."""
    hq_comment: str
    evaluated: bool = False
    """Whether the superior's evaluation of the bundle came back (a receipt with an evaluation section)."""

    @property
    def shown_state(self) -> str:
        """What the clerk sees: HQ's answer once there is one (an accepted bundle since evaluated
        shows "evaluated"), else the sending state."""
        if self.answer == "accepted" and self.evaluated:
            return "evaluated"
        return self.answer if self.answer in ("accepted", "returned") else self.state


@dataclass(frozen=True)
class HqLinkRow:
    office_id: str
    url: str
    ca_cert: str
    pins: list[str]
    hq_cert: str
    token: str
    linked_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class OutboxMethods:
    """Mixed into :class:`~apa_desktop.db.store.Store` (which provides ``_db`` and ``_conn``)."""

    _db: Database

    def outbox_add(self, sha256: str, office_id: str, file_name: str, data: bytes) -> None:
        """Queue an exported bundle for HQ (once; exporting the same bytes again changes nothing)."""
        with self._db.atomic():
            self._db.execute("INSERT INTO outbox (sha256, office_id, file_name, data, queued_at) VALUES (?, ?, ?, ?, ?)"
                             " ON CONFLICT DO NOTHING", (sha256, office_id, file_name, data, _now()))

    def outbox(self, office_id: str | None = None) -> list[OutboxEntry]:
        """Every outbox entry, oldest first, with HQ's answer when a receipt came back."""
        tables = {name for (name,) in self._db.execute(
            "SELECT name FROM sqlite_master WHERE name IN ('bundle_log', 'bundle_evaluations')")}
        answer = "b.status, b.hq_comment" if "bundle_log" in tables else "NULL, ''"
        join = "LEFT JOIN bundle_log b ON b.sha256 = o.sha256 AND b.receipt_at IS NOT NULL" if "bundle_log" in tables else ""
        evaluated = ("EXISTS (SELECT 1 FROM bundle_evaluations e WHERE e.bundle_sha256 = o.sha256)"
                     if "bundle_evaluations" in tables else "0")
        where, params = ("WHERE o.office_id = ?", (office_id,)) if office_id else ("", ())
        rows = self._db.execute(f"SELECT {_COLUMNS}, {answer}, {evaluated} FROM outbox o {join} {where} "
                                "ORDER BY o.queued_at, o.rowid", params).fetchall()
        return [OutboxEntry(*(*row[:13], row[13] or "", bool(row[14]))) for row in rows]

    def outbox_data(self, sha256: str) -> bytes:
        (data,) = self._db.execute("SELECT data FROM outbox WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(data)

    def outbox_update(self, sha256: str, **changes: Any) -> None:
        """Change an entry's sending fields (state, attempts, next_attempt_at, last_status, …)."""
        allowed = {"state", "attempts", "next_attempt_at", "last_status", "last_message", "sent_chunks",
                   "total_chunks", "delivered_at"}
        if not changes or set(changes) - allowed:
            raise ValueError(f"unknown outbox fields: {sorted(set(changes) - allowed)}")
        assignments = ", ".join(f"{name} = ?" for name in changes)
        with self._db.atomic():
            self._db.execute(f"UPDATE outbox SET {assignments} WHERE sha256 = ?", (*changes.values(), sha256))

    def set_hq_link(self, office_id: str, url: str, ca_cert: str, pins: list[str], hq_cert: str, token: str) -> None:
        """Remember (or replace) the office's link to HQ; held entries are queued again."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO hq_link (office_id, url, ca_cert, pins, hq_cert, token, linked_at) VALUES (?,?,?,?,?,?,?)"
                " ON CONFLICT (office_id) DO UPDATE SET url = excluded.url, ca_cert = excluded.ca_cert,"
                " pins = excluded.pins, hq_cert = excluded.hq_cert, token = excluded.token,"
                " linked_at = excluded.linked_at",
                (office_id, url, ca_cert, json.dumps(pins), hq_cert, token, _now()))
            self._db.execute("UPDATE outbox SET state = 'queued', next_attempt_at = NULL WHERE office_id = ? "
                             "AND state = 'held'", (office_id,))

    def hq_links(self) -> list[HqLinkRow]:
        rows = self._db.execute("SELECT office_id, url, ca_cert, pins, hq_cert, token, linked_at FROM hq_link "
                                "ORDER BY office_id").fetchall()
        return [HqLinkRow(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in rows]
