"""A person decides a conflict: keep HQ's current document, or take the incoming bundle's.

The importer never resolves a conflict; it keeps the incoming bundle's verified payload
(``conflict_payloads``) in the transaction that records the conflict. Deciding is one transaction:
the office-year's document is replaced when the incoming one is taken, the conflict is closed
with the decision, who and when, and a line is appended to HQ's audit log. The CLI
(``apa-desktop hq conflicts|resolve``) and the HQ window both call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from ..core.errors import UserError
from .enrolment import now

KEEP = ("current", "incoming")
_COLUMNS = ("id", "office_id", "fiscal_year", "kind", "detail", "detected_at", "existing_sha256", "incoming_sha256",
            "resolved_at", "resolution", "decided_by", "note")


class ConflictError(UserError, ValueError):
    """The conflict cannot be decided as asked (unknown, already decided, data missing, bad input)."""


@dataclass(frozen=True)
class Conflict:
    id: int
    office_id: str
    fiscal_year: str
    kind: str
    detail: str
    detected_at: str
    existing_sha256: str
    incoming_sha256: str
    resolved_at: str | None
    resolution: str
    decided_by: str
    note: str

    def line(self) -> str:
        """One tab-separated line for the CLI."""
        return "\t".join((str(self.id), self.office_id, self.fiscal_year, self.kind, self.detected_at,
                          self.incoming_sha256[:16], self.detail))


def _select(where: str) -> str:
    return f"SELECT {', '.join(_COLUMNS)} FROM conflicts WHERE {where} ORDER BY id"


def open_conflicts(db: Database, office_id: str | None = None, fiscal_year: str | None = None) -> list[Conflict]:
    """Undecided conflicts, oldest first; of one office-year when both are given."""
    if office_id is None or fiscal_year is None:
        rows = db.execute(_select("resolved_at IS NULL")).fetchall()
    else:
        rows = db.execute(_select("resolved_at IS NULL AND office_id = ? AND fiscal_year = ?"),
                          (office_id, fiscal_year)).fetchall()
    return [Conflict(*row) for row in rows]


def get_conflict(db: Database, conflict_id: int) -> Conflict:
    row = db.execute(_select("id = ?"), (conflict_id,)).fetchone()
    if row is None:
        raise ConflictError(f"দ্বন্দ্ব {conflict_id} নেই / There is no conflict {conflict_id}.")
    return Conflict(*row)


def _check(conflict: Conflict, keep: str, by: str) -> None:
    if keep not in KEEP:
        raise ConflictError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
    if not by.strip():
        raise ConflictError("সিদ্ধান্তদাতার নাম লিখুন / The name of the person deciding is required.")
    if conflict.resolved_at is not None:
        raise ConflictError(f"দ্বন্দ্ব {conflict.id} আগেই মীমাংসিত / Conflict {conflict.id} was already decided "
                            f"({conflict.resolution}) by {conflict.decided_by} at {conflict.resolved_at}.")


def _take_incoming(db: Database, conflict: Conflict) -> None:
    """Make the incoming bundle's kept payload the office-year's document."""
    row = db.execute(
        "SELECT p.office_name, b.revision, b.sequence, p.report_quarter, p.total_score, p.signed_pdf_sha256, "
        "p.missing_evidence, p.document FROM conflict_payloads p JOIN bundles b ON b.sha256 = p.bundle_sha256 "
        "WHERE p.bundle_sha256 = ?", (conflict.incoming_sha256,)).fetchone()
    if row is None:
        raise ConflictError(f"দ্বন্দ্ব {conflict.id}: আগত বান্ডলের তথ্য রাখা নেই / Conflict {conflict.id}: the incoming "
                            "bundle's data were not kept (recorded before HQ kept them); keep HQ's data instead.")
    name, revision, sequence, quarter, total, pdf_sha, missing, document = row
    db.execute(
        "INSERT OR REPLACE INTO documents (office_id, fiscal_year, office_name, bundle_sha256, revision, sequence, "
        "report_quarter, total_score, signed, missing_evidence, signed_pdf_sha256, document, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (conflict.office_id, conflict.fiscal_year, name, conflict.incoming_sha256, revision, sequence, quarter, total,
         int(pdf_sha is not None), missing, pdf_sha, document, now()))


def resolve_conflict(db: Database, conflict_id: int, keep: str, by: str, note: str = "") -> Conflict:
    """Decide conflict ``conflict_id``: ``keep="current"`` leaves HQ's document as it is,
    ``keep="incoming"`` replaces it with the incoming bundle's. Records the decision, who and when,
    closes the conflict and audits it, in one transaction; returns the closed conflict.
    Raises :class:`ConflictError` (nothing written) when it cannot."""
    with db.atomic():
        conflict = get_conflict(db, conflict_id)
        _check(conflict, keep, by)
        if keep == "incoming":
            _take_incoming(db, conflict)
        at = now()
        db.execute("UPDATE conflicts SET resolved_at = ?, resolution = ?, decided_by = ?, note = ? WHERE id = ?",
                   (at, keep, by.strip(), note, conflict_id))
        db.execute("INSERT INTO audit (at, actor, action, office_id, fiscal_year, detail) VALUES (?,?,?,?,?,?)",
                   (at, by.strip(), f"conflict_keep_{keep}", conflict.office_id, conflict.fiscal_year,
                    f"conflict {conflict_id} ({conflict.kind}); incoming {conflict.incoming_sha256}; note: {note}"))
    return get_conflict(db, conflict_id)
