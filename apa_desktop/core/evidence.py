"""Which rows of an office-year need evidence (প্রমাণক), and which still lack it.

An indicator (Section 3, Annexes 5-8) or NIS activity needs evidence for a quarter in which an
achievement is reported for it. Section 3's governance rows are left out: their achievement is
an annex's obtained total, whose own rows carry the evidence. The clerk's list of what is missing
and HQ's count both come from here."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import OfficeYear

Path = tuple[Any, ...]


def evidence_rows(office_year: OfficeYear) -> Iterator[tuple[Path, Any]]:
    """(path, indicator or NIS activity) of every row that takes evidence, in document order."""
    plans = [(("section3",), office_year.section3)] + [(("annexes", k), p) for k, p in office_year.annexes.items()]
    for plan_path, plan in plans:
        for a, area in enumerate(plan.areas):
            for b, activity in enumerate(area.activities):
                for c, indicator in enumerate(activity.indicators):
                    if not indicator.feeds_from:
                        yield plan_path + ("areas", a, "activities", b, "indicators", c), indicator
    for s, section in enumerate(office_year.nis.sections):
        for a, nis_activity in enumerate(section.activities):
            yield ("nis", "sections", s, "activities", a), nis_activity


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
