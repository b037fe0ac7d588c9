"""The fiscal year (1 July - 30 June), its quarters and the APA calendar (DOMAIN §7).

A fiscal year is written canonically as "2023-24": 1 July 2023 to 30 June 2024.
Quarter 1 is July-September, quarter 4 April-June.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .numerals import ParseError, normalize_input, parse_error, with_digits

_FISCAL_YEAR = re.compile(r"([0-9]{4})\s*[-\u2010-\u2015/]\s*([0-9]{4}|[0-9]{2})")
_FY_BN = "অর্থবছর দিন, যেমন ২০২৩-২৪ বা ২০২৩-২০২৪"
_FY_EN = "Enter a fiscal year such as 2023-24 or 2023-2024"
_QUARTER_START_MONTHS = (7, 10, 1, 4)


@dataclass(frozen=True)
class CalendarEvent:
    """One deadline of the APA year."""

    date: date
    key: str
    title_bn: str
    title_en: str


def parse_fiscal_year(text: str) -> str:
    """"2023-24", "২০২৩-২৪", "2023-2024", "২০২৩-২০২৪" -> "2023-24" (consecutive years only)."""
    match = _FISCAL_YEAR.fullmatch(normalize_input(text))
    if not match:
        raise parse_error(text, _FY_BN, _FY_EN)
    first, second = int(match[1]), match[2]
    expected = f"{first + 1:04d}"[-len(second) :]
    if second != expected or not 1 <= first < 9999:
        raise parse_error(
            text,
            "অর্থবছরের দুটি বছর পরপর হতে হবে, যেমন ২০২৩-২৪",
            "The two years of a fiscal year must be consecutive, e.g. 2023-24",
        )
    return _canonical(first)


def _canonical(first: int) -> str:
    return f"{first:04d}-{(first + 1) % 100:02d}"


def _first_year(fy: str) -> int:
    """The calendar year in which the fiscal year starts (accepts any form parse_fiscal_year does)."""
    return int(parse_fiscal_year(fy)[:4])


def fiscal_year_of(d: date) -> str:
    """The fiscal year that contains ``d``."""
    return _canonical(d.year if d.month >= 7 else d.year - 1)


TODAY_ENV = "APA_TODAY"
"""An ISO date in this environment variable stands in for today (tests, demonstrations)."""


def today() -> date:
    """Today's date, or the ISO date in ``APA_TODAY`` when it is set."""
    given = os.environ.get(TODAY_ENV, "").strip()
    return date.fromisoformat(given) if given else date.today()


def current_fiscal_year(on: date | None = None) -> str:
    """The fiscal year an office is in on ``on`` (default :func:`today`)."""
    return fiscal_year_of(on or today())


def offered_fiscal_years(earliest: str, on: date | None = None) -> list[str]:
    """Every fiscal year from ``earliest`` up to the one after the current one, oldest first."""
    last = _first_year(current_fiscal_year(on)) + 1
    return [_canonical(y) for y in range(min(_first_year(earliest), last), last + 1)]


def years_between(earlier: str, later: str) -> int:
    """How many years ``later`` starts after ``earlier`` (negative when it is before)."""
    return _first_year(later) - _first_year(earlier)


def shift_fiscal_year(fy: str, years: int) -> str:
    """The fiscal year ``years`` after ``fy``."""
    return _canonical(_first_year(fy) + years)


def shift_date(d: date, years: int) -> date:
    """``d`` moved by whole years; 29 February becomes 28 February in a year without it."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def plan_year_labels(fy: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The years over a plan's "previous actuals" (the two before ``fy``) and "projections"
    (the two after) columns."""
    return tuple(previous_fiscal_years(fy, 2)), tuple(next_fiscal_years(fy, 2))


def fiscal_year_bounds(fy: str) -> tuple[date, date]:
    """1 July and 30 June of the fiscal year."""
    first = _first_year(fy)
    return date(first, 7, 1), date(first + 1, 6, 30)


def quarter_of(d: date) -> int:
    """The fiscal quarter of ``d``: July-September is 1, April-June is 4."""
    return (d.month - 7) % 12 // 3 + 1


def _check_quarter(q: int) -> None:
    if q not in (1, 2, 3, 4):
        raise ValueError(f"a quarter is 1 to 4, not {q!r}")


def quarter_bounds(fy: str, q: int) -> tuple[date, date]:
    """First and last day of quarter ``q`` (1-4) of the fiscal year."""
    _check_quarter(q)
    first = _first_year(fy)
    start = date(first if q <= 2 else first + 1, _QUARTER_START_MONTHS[q - 1], 1)
    if q == 4:
        return start, date(first + 1, 6, 30)
    next_start = date(first + 1 if q >= 2 else first, _QUARTER_START_MONTHS[q], 1)
    return start, next_start - timedelta(days=1)


def previous_fiscal_years(fy: str, n: int) -> list[str]:
    """The ``n`` fiscal years before ``fy``, oldest first (the order of printed columns)."""
    first = _first_year(fy)
    return [_canonical(first - k) for k in range(n, 0, -1) if first - k >= 1]


def next_fiscal_years(fy: str, n: int) -> list[str]:
    """The ``n`` fiscal years after ``fy``, in order."""
    first = _first_year(fy)
    return [_canonical(first + k) for k in range(1, n + 1) if first + k < 9999]


def format_fiscal_year(fy: str, digits: str = "bn", long: bool = False) -> str:
    """"২০২৩-২৪", or with ``long=True`` "২০২৩-২০২৪"."""
    first = _first_year(fy)
    text = f"{first:04d}-{first + 1:04d}" if long else _canonical(first)
    return with_digits(text, digits)


def report_deadline(fy: str, q: int) -> date:
    """When the report of quarter ``q`` is due; Q4 is the annual self-evaluation (15 July)."""
    _check_quarter(q)
    first = _first_year(fy)
    return (date(first, 10, 15), date(first + 1, 1, 15), date(first + 1, 4, 15), date(first + 1, 7, 15))[q - 1]


def day_of(timestamp: str) -> date:
    """The day an ISO timestamp names, as written ("2024-10-15T23:30:00+06:00" -> 15 October)."""
    return date.fromisoformat(timestamp[:10])


def calendar_events(fy: str) -> list[CalendarEvent]:
    """Every deadline of DOMAIN §7 for the fiscal year, in date order.

    The draft is due on 15 April of the previous fiscal year; results come on 30 August
    after the year ends.
    """
    first = _first_year(fy)
    events = [
        CalendarEvent(date(first, 4, 15), "draft", "খসড়া এপিএ ঊর্ধ্বতন অফিসে প্রেরণ",
                      "Draft APA sent to the superior office"),
        CalendarEvent(date(first, 6, 25), "signing", "উভয় অফিস প্রধানের এপিএ স্বাক্ষর",
                      "APA signed by both office heads"),
        CalendarEvent(date(first, 9, 30), "revision_request", "যৌক্তিকতাসহ এপিএ সংশোধনের অনুরোধের শেষ দিন",
                      "Last day to request a revision, with justification"),
        CalendarEvent(report_deadline(fy, 1), "q1_report", "প্রথম ত্রৈমাসিক অগ্রগতি প্রতিবেদন দাখিল",
                      "Q1 progress report to the superior office"),
        CalendarEvent(report_deadline(fy, 2), "q2_report", "দ্বিতীয় ত্রৈমাসিক অগ্রগতি প্রতিবেদন দাখিল",
                      "Q2 progress report to the superior office"),
        CalendarEvent(date(first + 1, 1, 30), "half_yearly_feedback",
                      "ঊর্ধ্বতন অফিসের অর্ধবার্ষিক মূল্যায়ন ও ফলাবর্তক",
                      "Superior's half-yearly evaluation and feedback"),
        CalendarEvent(report_deadline(fy, 3), "q3_report", "তৃতীয় ত্রৈমাসিক অগ্রগতি প্রতিবেদন দাখিল",
                      "Q3 progress report to the superior office"),
        CalendarEvent(report_deadline(fy, 4), "annual_self_evaluation",
                      "প্রমাণকসহ বার্ষিক স্বমূল্যায়ন প্রতিবেদন দাখিল (চতুর্থ ত্রৈমাসিক)",
                      "Annual self-evaluation with evidence (also the Q4 report)"),
        CalendarEvent(date(first + 1, 8, 30), "results", "ঊর্ধ্বতন অফিসের মূল্যায়ন সমাপ্তি ও ফলাফল প্রকাশ",
                      "Superior finishes the evaluation and publishes results"),
    ]
    return sorted(events, key=lambda e: e.date)


def quarter_due(today: date, fy: str) -> int | None:
    """The quarter whose report is due next on ``today`` (its deadline not yet past).

    Before the year starts this is 1; after the annual self-evaluation deadline it is
    ``None``.
    """
    for q in (1, 2, 3, 4):
        if today <= report_deadline(fy, q):
            return q
    return None


__all__ = [
    "CalendarEvent",
    "ParseError",
    "calendar_events",
    "current_fiscal_year",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_fiscal_year",
    "next_fiscal_years",
    "offered_fiscal_years",
    "parse_fiscal_year",
    "plan_year_labels",
    "previous_fiscal_years",
    "quarter_bounds",
    "quarter_due",
    "quarter_of",
    "report_deadline",
    "shift_date",
    "shift_fiscal_year",
    "today",
    "years_between",
]
