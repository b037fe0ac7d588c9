"""Which rows of an office-year need evidence (প্রমাণক), and which still lack it.

An indicator (Section 3, Annexes 5-8) or NIS activity needs evidence for a quarter in which an
achievement is reported for it. Section 3's governance rows are left out: their achievement is
an annex's obtained total, whose own rows carry the evidence. The clerk's list of what is missing
and HQ's count both come from here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Indicator, NisActivity, OfficeYear
from .walk import Path, scored_rows


def evidence_rows(office_year: OfficeYear) -> Iterator[tuple[Path, Indicator | NisActivity]]:
    """(path, indicator or NIS activity) of every row that takes evidence, in document order."""
    for path, row in scored_rows(office_year):
        if not (isinstance(row, Indicator) and row.feeds_from):
            yield path, row


def evidence_hashes(office_year: OfficeYear) -> set[str]:
    """Every evidence SHA-256 the document refers to."""
    return {sha for _, row in scored_rows(office_year) for quarter in row.evidence for sha in quarter}


def _reported(row: Any) -> list[Any]:
    return row.achievements if hasattr(row, "achievements") else row.quarters


def missing_evidence(office_year: OfficeYear, quarter: int) -> list[tuple[Path, Any]]:
    """The rows with an achievement reported for ``quarter`` (1-4) and no evidence attached for it."""
    q = quarter - 1
    return [(path, row) for path, row in evidence_rows(office_year)
            if _reported(row)[q] is not None and not row.evidence[q]]


def rows_missing_evidence(office_year: OfficeYear) -> int:
    """How many rows lack evidence for some quarter they report an achievement in (HQ's count)."""
    return len({path for quarter in range(1, 5) for path, _ in missing_evidence(office_year, quarter)})
