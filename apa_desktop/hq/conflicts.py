"""A person decides a conflict: keep HQ's current document, or take the incoming bundle's.

The importer never resolves a conflict; it keeps the incoming bundle's verified payload
(``conflict_payloads``) in the transaction that records the conflict. Deciding is one transaction:
the office-year's document is replaced when the incoming one is taken, the conflict is closed
with the decision, who and when, and a line is appended to HQ's audit log. The CLI
(``apa-desktop hq conflicts|resolve``) and the HQ window both call these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from .store import HqStore, now

KEEP = ("current", "incoming")


class ConflictError(ValueError):
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


def open_conflicts(store: HqStore, office_id: str | None = None, fiscal_year: str | None = None) -> list[Conflict]:
    """Undecided conflicts, oldest first; of one office-year when both are given."""
    if office_id is None or fiscal_year is None:
        office_id = fiscal_year = None
    return [Conflict(*row) for row in store.conflicts(open_only=True, office_id=office_id, fiscal_year=fiscal_year)]


def get_conflict(store: HqStore, conflict_id: int) -> Conflict:
    rows = store.conflicts(conflict_id=conflict_id)
    if not rows:
        raise ConflictError(f"দ্বন্দ্ব {conflict_id} নেই / There is no conflict {conflict_id}.")
    return Conflict(*rows[0])


def _check(conflict: Conflict, keep: str, by: str) -> None:
    if keep not in KEEP:
        raise ConflictError(f"keep must be one of {', '.join(KEEP)}, not {keep!r}")
    if not by.strip():
        raise ConflictError("সিদ্ধান্তদাতার নাম লিখুন / The name of the person deciding is required.")
    if conflict.resolved_at is not None:
        raise ConflictError(f"দ্বন্দ্ব {conflict.id} আগেই মীমাংসিত / Conflict {conflict.id} was already decided "
                            f"({conflict.resolution}) by {conflict.decided_by} at {conflict.resolved_at}.")


def _take_incoming(store: HqStore, conflict: Conflict) -> None:
    """Make the incoming bundle's kept payload the office-year's document."""
    payload = store.conflict_payload(conflict.incoming_sha256, conflict.office_id, conflict.fiscal_year)
    if payload is None:
        raise ConflictError(f"দ্বন্দ্ব {conflict.id}: আগত বান্ডলের তথ্য রাখা নেই / Conflict {conflict.id}: the incoming "
                            "bundle's data were not kept (recorded before HQ kept them); keep HQ's data instead.")
    store.put_document(payload)


def resolve_conflict(store: HqStore, conflict_id: int, keep: str, by: str, note: str = "") -> Conflict:
    """Decide conflict ``conflict_id``: ``keep="current"`` leaves HQ's document as it is,
    ``keep="incoming"`` replaces it with the incoming bundle's. Records the decision, who and when,
    closes the conflict and audits it, in one transaction; returns the closed conflict.
    Raises :class:`ConflictError` (nothing written) when it cannot."""
    with store.transaction():
        conflict = get_conflict(store, conflict_id)
        _check(conflict, keep, by)
        if keep == "incoming":
            _take_incoming(store, conflict)
        at = now()
        store.close_conflict(conflict_id, at, keep, by.strip(), note)
        store.audit(at, by.strip(), f"conflict_keep_{keep}", conflict.office_id, conflict.fiscal_year,
                    f"conflict {conflict_id} ({conflict.kind}); incoming {conflict.incoming_sha256}; note: {note}")
    return get_conflict(store, conflict_id)
