"""What the store hands back besides office-years: plain, immutable records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.edits import Edit, path_from_text


@dataclass(frozen=True)
class OfficeYearInfo:
    """One line of the office-year list: enough to show it without decoding the document."""

    id: int
    office_id: str
    office_name: str
    fiscal_year: str
    state: str
    revision: int
    """The current revision's number (1, 2, ...)."""
    revision_id: int
    signed: bool
    """Whether the current revision is signed (and so locked)."""


@dataclass(frozen=True)
class RevisionInfo:
    id: int
    office_year_id: int
    number: int
    reason: str
    parent_id: int | None
    created_at: str
    created_by: str
    signed_at: str | None
    signed_by: str | None
    signed_pdf_sha256: str | None
    locked: bool


@dataclass(frozen=True)
class AuditEntry:
    """One row of the append-only audit log; ``old``/``new`` are JSON data (decoded)."""

    id: int
    at: str
    user: str
    office_year_id: int | None
    revision_id: int | None
    action: str
    path: str
    old: Any
    new: Any
    target: int | None

    def as_edit(self) -> Edit | None:
        """The edit this row records, or ``None`` for other actions (create, sign, state...)."""
        if self.action not in ("set", "insert", "remove", "move"):
            return None
        return Edit(self.action, path_from_text(self.path), self.old, self.new, self.target)  # type: ignore[arg-type]


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    size: int
    name: str
    mime: str
    data: bytes
    added_at: str
