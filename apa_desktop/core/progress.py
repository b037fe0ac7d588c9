"""How far the office-year is, as the home tab ("এক নজরে") and ``apa-desktop calendar`` show it
(DOMAIN §7, §9): each quarter's state, the next deadline, progress against what is due, missing
evidence per part, and the start-up reminder. Pure functions of the document, the facts the
storage layer records (signed revisions, bundles sent and HQ's answers) and ``today``.

A signed revision or a bundle says which quarter's report it carries by the achievements in it:
the latest quarter with any achievement reported (:func:`covered_quarter`); 0 is the plan alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .calendar import (
    CalendarEvent,
    calendar_events,
    day_of,
    fiscal_year_bounds,
    quarter_of,
    report_deadline,
)
from .evaluation import Evaluation
from .evidence import Path, evidence_rows, missing_evidence
from .model import QUARTERS, Indicator, NisActivity, OfficeYear
from .scoring import _number, annual_achievement, effective_method

REMINDER_DAYS = 14
ANSWERS = ("accepted", "returned", "evaluated")
"""HQ's answer on a quarter's report, as the home tab names it."""


@dataclass(frozen=True)
class SignedRevision:
    """A revision the office head signed, and the quarter its body reports up to."""

    number: int
    signed_at: str
    quarter: int


@dataclass(frozen=True)
class SentBundle:
    """A bundle sent to HQ, the quarter it reports up to, and HQ's answer on it."""

    revision: int
    sent_at: str
    quarter: int
    status: str
    """"sent", "accepted", "returned" (the bundle log) or "evaluated" (an evaluation received)."""
    comment: str = ""


@dataclass(frozen=True)
class YearFacts:
    signed: tuple[SignedRevision, ...] = ()
    sent: tuple[SentBundle, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    """The superior's evaluations received, oldest first."""


@dataclass(frozen=True)
class QuarterState:
    quarter: int
    deadline: date
    rows: int
    entered: int
    """Rows (indicators and NIS activities) with an achievement for this quarter."""
    signed: bool
    sent_at: str | None
    """When the first bundle carrying this quarter went (ISO), ``None`` when not sent."""
    answer: str | None
    """accepted / returned / evaluated, from HQ's latest answer on a bundle carrying it."""
    comment: str = ""

    @property
    def entered_share(self) -> float:
        return self.entered / self.rows if self.rows else 0.0

    @property
    def sent(self) -> bool:
        return self.sent_at is not None

    @property
    def late(self) -> bool:
        """Sent after its deadline."""
        return self.sent_at is not None and day_of(self.sent_at) > self.deadline


@dataclass(frozen=True)
class Deadline:
    event: CalendarEvent
    days_left: int
    """Negative when the date is past."""
    quarter: int | None = None
    """The quarter whose report is due by it (None for the other dates of the year)."""

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


@dataclass(frozen=True)
class DueProgress:
    """A sum or cumulative row's achievement against the share of its target due by a quarter."""

    path: Path
    code: str
    title: str
    target: float
    due: float
    achieved: float

    @property
    def ratio(self) -> float:
        return self.achieved / self.due if self.due > 0 else 1.0

    @property
    def on_track(self) -> bool:
        return self.achieved + 1e-9 >= self.due


def _reported(row: Indicator | NisActivity) -> list[Any]:
    return row.achievements if isinstance(row, NisActivity) else row.quarters


def covered_quarter(office_year: OfficeYear) -> int:
    """The latest quarter with any achievement reported (0 when none): the report a signed
    revision or a bundle of this body carries."""
    latest = 0
    for _, row in evidence_rows(office_year):
        for q, value in enumerate(_reported(row), start=1):
            if value is not None:
                latest = max(latest, q)
    return latest


def quarter_states(office_year: OfficeYear, facts: YearFacts) -> list[QuarterState]:
    """Quarters 1-4: entered, signed, sent, answered."""
    rows = list(evidence_rows(office_year))
    states = []
    for q in range(1, QUARTERS + 1):
        entered = sum(1 for _, row in rows if _reported(row)[q - 1] is not None)
        carrying = sorted((b for b in facts.sent if b.quarter >= q), key=lambda b: b.sent_at)
        answered = [b for b in carrying if b.status in ANSWERS]
        latest = answered[-1] if answered else None
        states.append(QuarterState(q, report_deadline(office_year.fiscal_year, q), len(rows), entered,
                                   any(s.quarter >= q for s in facts.signed),
                                   carrying[0].sent_at if carrying else None, latest.status if latest else None,
                                   latest.comment if latest else ""))
    return states


def _event_quarter(event: CalendarEvent) -> int | None:
    keys = {"q1_report": 1, "q2_report": 2, "q3_report": 3, "annual_self_evaluation": 4}
    return keys.get(event.key)


def next_deadline(fiscal_year: str, states: Sequence[QuarterState], today: date) -> Deadline | None:
    """The earliest report not sent whose deadline is past (overdue), else the next date of the
    year from ``today`` on (a report already sent is no longer ahead); ``None`` once every date
    has passed and every report went."""
    sent = {s.quarter for s in states if s.sent}
    events = calendar_events(fiscal_year)
    for event in events:
        q = _event_quarter(event)
        if q is not None and event.date < today and q not in sent:
            return Deadline(event, (event.date - today).days, q)
    for event in events:
        q = _event_quarter(event)
        if event.date >= today and (q is None or q not in sent):
            return Deadline(event, (event.date - today).days, q)
    return None


def reminder(fiscal_year: str, states: Sequence[QuarterState], today: date,
             within: int = REMINDER_DAYS) -> Deadline | None:
    """The report deadline within ``within`` days from ``today`` whose report is not sent, if any
    (an overdue report is shown in red on the home tab, not reminded of at every start)."""
    sent = {s.quarter for s in states if s.sent}
    for event in calendar_events(fiscal_year):
        q = _event_quarter(event)
        if q is not None and q not in sent and 0 <= (event.date - today).days <= within:
            return Deadline(event, (event.date - today).days, q)
    return None


def quarters_so_far(fiscal_year: str, today: date) -> list[int]:
    """The quarters begun by ``today`` (all four after the year, none before it)."""
    start, end = fiscal_year_bounds(fiscal_year)
    if today < start:
        return []
    return list(range(1, (QUARTERS if today > end else quarter_of(today)) + 1))


def reported_quarters(office_year: OfficeYear, today: date) -> list[int]:
    """The quarters begun by ``today`` up to the latest with any achievement entered: those the
    home tab charts and measures against what is due."""
    latest = covered_quarter(office_year)
    return [q for q in quarters_so_far(office_year.fiscal_year, today) if q <= latest]


def _due_share(quarter: int) -> float:
    return quarter / QUARTERS


def _indicator_due(ind: Indicator, path: Path, quarter: int) -> DueProgress | None:
    method = effective_method(ind)
    target = _number(ind.levels[0]) if ind.levels else None
    if method not in ("sum", "cumulative") or ind.unit not in ("count", "percent") or not target or ind.feeds_from:
        return None
    achieved = _number(annual_achievement(method, ind.quarters[:quarter])) or 0.0
    return DueProgress(path, ind.code, ind.title, target, target * _due_share(quarter), achieved)


def _nis_due(act: NisActivity, path: Path, quarter: int) -> DueProgress | None:
    target = _number(act.annual_target)
    if act.unit != "count" or not target:
        return None
    quarterly = [_number(t) for t in act.targets]
    due = (sum(t or 0.0 for t in quarterly[:quarter]) if any(t is not None for t in quarterly)
           else target * _due_share(quarter))
    achieved = sum(_number(a) or 0.0 for a in act.achievements[:quarter])
    return DueProgress(path, act.code, act.indicator or act.title, target, due, achieved)


def progress_against_due(office_year: OfficeYear, quarter: int) -> list[DueProgress]:
    """Every sum or cumulative row (count or percent) against what is due by ``quarter``: a
    quarter of the annual (100 %) target per quarter, unless the row has quarterly targets (NIS)."""
    out = []
    for path, row in evidence_rows(office_year):
        due = _nis_due(row, path, quarter) if isinstance(row, NisActivity) else _indicator_due(row, path, quarter)
        if due is not None:
            out.append(due)
    return out


def part_of(path: Path) -> str:
    """The score part a row belongs to: "section3", an annex kind, or "nis"."""
    return str(path[1] if path[0] == "annexes" else path[0])


def missing_by_part(office_year: OfficeYear, quarters: Sequence[int]) -> dict[str, list[tuple[int, Path]]]:
    """Per part, the (quarter, path) of each row reporting an achievement without evidence."""
    out: dict[str, list[tuple[int, Path]]] = {}
    for q in quarters:
        for path, _ in missing_evidence(office_year, q):
            out.setdefault(part_of(path), []).append((q, path))
    return out
