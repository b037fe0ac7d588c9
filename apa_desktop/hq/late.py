"""Who is late (HQ's first view): for one quarter's report, which offices sent it by the deadline,
late, or not yet, and how many came in each day. Pure functions of plain rows.

An office-year counts as having sent quarter q's report when the document HQ holds reports
achievements up to q or later; it was sent when the first bundle made after the quarter ended
came (or, if every bundle was made earlier, the latest one)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..core.calendar import day_of, fiscal_year_of, quarter_bounds, quarter_due, report_deadline
from ..core.charts import BarChart, Label, Marker, Series
from ..core.numerals import format_date
from .year_end import OfficeYearRow, chosen

STATUSES = ("not_yet", "late", "on_time")
"""In the order the list shows them: who to chase first."""


@dataclass(frozen=True)
class Submission:
    office_id: str
    office_name: str
    tier: str
    superior_office: str
    status: str
    sent_on: date | None


def _sent_on(row: OfficeYearRow, quarter_end: date) -> date | None:
    days = [day_of(t) for t in row.bundle_times]
    if not days:
        return None
    after = [d for d in days if d > quarter_end]
    return min(after) if after else max(days)


def submissions(rows: Iterable[OfficeYearRow], fiscal_year: str, quarter: int, superior: str | None = None,
                tier: str | None = None) -> list[Submission]:
    """Each office's state for the quarter's report, not-yet first, then late, then on time."""
    deadline = report_deadline(fiscal_year, quarter)
    _, end = quarter_bounds(fiscal_year, quarter)
    out = []
    for row in chosen(rows, superior, tier):
        sent = _sent_on(row, end) if row.reported_quarter >= quarter else None
        status = "not_yet" if sent is None else ("on_time" if sent <= deadline else "late")
        out.append(Submission(row.office_id, row.office_name, row.tier, row.superior_office, status, sent))
    return sorted(out, key=lambda s: (STATUSES.index(s.status), s.superior_office, s.office_id))


def per_day(subs: Sequence[Submission], fiscal_year: str, quarter: int, days_after: int = 10,
            longest: int = 60) -> BarChart:
    """Submissions per day from the day after the quarter ends (or the first submission) to
    ``days_after`` days past the deadline (or the last submission, at most ``longest`` days past
    it; anything later is counted in one last "later" bar), with the deadline marked."""
    deadline = report_deadline(fiscal_year, quarter)
    _, end = quarter_bounds(fiscal_year, quarter)
    sent = [s.sent_on for s in subs if s.sent_on is not None]
    last = min(max([deadline + timedelta(days=days_after), *sent]), deadline + timedelta(days=longest))
    first = min([end + timedelta(days=1), *sent])
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    counts = [0.0] * (len(days) + 1)
    for d in sent:
        counts[min((d - first).days, len(days))] += 1
    step = -(-len(days) // 8)  # about eight dates along the axis, none at its ends (they would be cut)
    labels = [Label(format_date(d, "bn")[:5], format_date(d, "en")[:5]) if i % step == step // 2 else Label("", "")
              for i, d in enumerate(days)] + [Label("পরে", "later")]
    if not counts[-1]:
        counts, labels = counts[:-1], labels[:-1]
    top = max(counts, default=0.0) or 1.0
    return BarChart(Label("দিনভিত্তিক প্রতিবেদন প্রাপ্তি", "Reports received per day"), tuple(labels),
                    (Series(Label("প্রতিবেদন", "Reports"), tuple(counts)),), (top,) * len(counts),
                    decimals=0, value_labels=False,
                    markers=(Marker((deadline - first).days, Label("সময়সীমা", "Deadline")),))


def default_period(today: date, fiscal_year: str | None = None, quarter: int | None = None) -> tuple[str, int]:
    """The fiscal year of ``today`` and the quarter whose report is due next, unless given."""
    fy = fiscal_year or fiscal_year_of(today)
    return fy, quarter or quarter_due(today, fy) or 4
