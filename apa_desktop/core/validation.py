"""One validation of every office-year that comes in from outside (a file, a bundle, a template pack).

The JSON Schema says which fields exist and their JSON types; it cannot say that an indicator has
four quarters, that a report quarter is 1-4, that a number is finite, that weights add up within
their plan's total or that every score the document can produce lies between 0 and its maximum.
:func:`validate_office_year` checks all of that on the decoded document and returns every problem
it finds (path, Bengali, English), so that the scorer, the evidence list, the PDF writer and the
database never see a document they cannot handle. :func:`require_valid` raises
:class:`~apa_desktop.core.errors.DocumentInvalid` carrying the list.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeGuard

from .errors import DocumentInvalid
from .model import (
    ANNEX_KINDS,
    LEVEL_PERCENTS,
    METHODS,
    PLAN_KINDS,
    QUARTERS,
    TIERS,
    UNITS,
    Indicator,
    NisActivity,
    NisPlan,
    OfficeYear,
    Plan,
)

MAX_TEXT = 20_000
"""Characters in one text field (a long overview paragraph is a few thousand)."""
MAX_ITEMS = 5_000
"""Items in one list or mapping (rows of a plan, dates of a cell, branches of a worksheet)."""
MAX_MAGNITUDE = 1e12
"""Largest number a cell may hold: beyond any count an office reports, far from overflow."""
MAX_MARKS = 100.0
"""An APA is scored out of 100; no plan, area or indicator may weigh more."""
FIRST_YEAR, LAST_YEAR = 1990, 2100
"""The window of fiscal years (and of dates in cells) an office-year may name."""
SQLITE_MAX_INT = 2**63 - 1
"""Revisions and sequence numbers are stored in SQLite INTEGER columns (signed 64-bit)."""
_TOLERANCE = 1e-6
_FISCAL_YEAR = re.compile(r"(\d{4})-(\d{2})")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_TEMPLATE_ID = re.compile(r"(nis|egov|grs|charter|rti|governance)/(\d{4}-\d{2})/(field|head_office)/(?:0|[1-9]\d{0,5})(?:-draft)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (``section3.areas[0].weight``) and what, in both languages."""

    path: str
    message_bn: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message_bn} / {self.message_en}"


def require_valid(office_year: OfficeYear, source: str = "") -> OfficeYear:
    """``office_year`` unchanged when it has no problem; else :class:`DocumentInvalid` listing them."""
    problems = validate_office_year(office_year)
    if problems:
        raise DocumentInvalid(problems, source)
    return office_year


def validate_office_year(office_year: OfficeYear) -> list[Problem]:
    """Every problem of a decoded office-year; an empty list means it is safe to store and score."""
    problems = _generic(office_year, "document")
    problems += _header(office_year)
    problems += _structure(office_year)
    if not problems:  # only a well-formed document can be scored; scoring proves the totals possible
        problems += _scores(office_year)
    return problems


def template_plan_problems(plan: Plan | NisPlan, kind: str, where: str = "plan") -> list[Problem]:
    """Every problem of a template's plan (a template pack's entry) of ``kind`` ("nis", "egov", ...,
    "governance"): the same sizes, units, methods, weights and template id rules as a document's."""
    problems = _generic(plan, where)
    if isinstance(plan, NisPlan):
        problems += _nis(plan, where) if kind == "nis" else [_unknown(f"{where}.kind", kind, ("nis",))]
    elif kind in ANNEX_KINDS[1:] or kind == "governance":
        problems += _plan(plan, "section3" if kind == "governance" else kind, where)
    else:
        problems.append(_unknown(f"{where}.kind", kind, (*ANNEX_KINDS, "governance")))
    return problems


def counter_problems(**counters: Any) -> list[Problem]:
    """Problems of revision/sequence numbers: whole numbers from 1 to SQLite's largest integer."""
    problems = []
    for name, value in counters.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= SQLITE_MAX_INT:
            problems.append(Problem(name, f"{name} ১ থেকে {SQLITE_MAX_INT} এর মধ্যে পূর্ণসংখ্যা হতে হবে",
                                    f"{name} must be a whole number from 1 to {SQLITE_MAX_INT}, got {value!r}"[:200]))
    return problems


def fiscal_year_problems(fiscal_year: Any, path: str = "fiscal_year") -> list[Problem]:
    """A fiscal year must be "YYYY-YY", two consecutive years, within the sane window."""
    match = _FISCAL_YEAR.fullmatch(fiscal_year) if isinstance(fiscal_year, str) else None
    if match is None or f"{(int(match[1]) + 1) % 100:02d}" != match[2]:
        return [Problem(path, f"অর্থবছর «{str(fiscal_year)[:40]}» সঠিক নয় (যেমন ২০২৩-২৪)",
                        f"the fiscal year {str(fiscal_year)[:40]!r} is not of the form 2023-24")]
    if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        return [Problem(path, f"অর্থবছর {fiscal_year} {FIRST_YEAR}-{LAST_YEAR} এর বাইরে",
                        f"the fiscal year {fiscal_year} is outside {FIRST_YEAR}-{LAST_YEAR}")]
    return []


def template_id_problems(template_id: Any, kind: str, path: str) -> list[Problem]:
    """A template id must read "<kind>/<fiscal year>/<tier>/<version>" and be of the part's kind."""
    if template_id is None:
        return []
    match = _TEMPLATE_ID.fullmatch(template_id) if isinstance(template_id, str) else None
    if match is None or match[1] != kind or fiscal_year_problems(match[2]):
        return [Problem(path, f"অজানা টেমপ্লেট «{str(template_id)[:80]}»",
                        f"unknown template id {str(template_id)[:80]!r} (expected {kind}/YYYY-YY/tier/N)")]
    return []


# --------------------------------------------------------------------------- every field


def _generic(root: Any, path: str) -> list[Problem]:
    """Sizes and finiteness everywhere: texts, lists, numbers and dates, whatever field holds them.

    Iterative, with paths built only for a problem: a document holds tens of thousands of values."""
    problems: list[Problem] = []
    stack: list[tuple[Any, Any]] = [(root, path)]
    while stack:
        obj, where = stack.pop()
        kind = type(obj)
        if obj is None or kind is bool:
            continue
        if kind is str:
            if len(obj) > MAX_TEXT:
                problems.append(Problem(_path(where), f"লেখা খুব দীর্ঘ ({len(obj)} অক্ষর, সর্বোচ্চ {MAX_TEXT})",
                                        f"text too long ({len(obj)} characters, at most {MAX_TEXT})"))
            elif _CONTROL.search(obj):
                problems.append(Problem(_path(where), "লেখায় নিয়ন্ত্রণ-অক্ষর আছে", "text holds control characters"))
        elif kind is float or kind is int:
            if not math.isfinite(obj) or abs(obj) > MAX_MAGNITUDE:
                problems.append(Problem(_path(where), f"সংখ্যাটি অসম্ভব ({obj!r})", f"impossible number {obj!r}"[:120]))
        elif kind is date:
            if not FIRST_YEAR <= obj.year <= LAST_YEAR:
                problems.append(Problem(_path(where), f"তারিখ {obj.isoformat()} {FIRST_YEAR}-{LAST_YEAR} এর বাইরে",
                                        f"the date {obj.isoformat()} is outside {FIRST_YEAR}-{LAST_YEAR}"))
        elif kind is list or kind is tuple:
            if len(obj) > MAX_ITEMS:
                problems.append(_too_many(_path(where), len(obj)))
            else:
                stack.extend((item, (where, index)) for index, item in enumerate(obj))
        elif kind is dict:
            if len(obj) > MAX_ITEMS:
                problems.append(_too_many(_path(where), len(obj)))
            else:
                for key, value in obj.items():
                    stack.append((key, (where, str(key)[:40])))
                    stack.append((value, (where, str(key)[:40])))
        else:
            stack.extend((getattr(obj, name), (where, name)) for name in _field_names(kind))
    problems.reverse()
    return problems


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _path(where: Any) -> str:
    """"document.section3.areas[0]" from the nested (parent, step) pairs the walker keeps."""
    steps = []
    while isinstance(where, tuple):
        where, step = where
        steps.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    return where + "".join(reversed(steps))


def _too_many(path: str, count: int) -> Problem:
    return Problem(path, f"অনেক বেশি সারি ({count}, সর্বোচ্চ {MAX_ITEMS})", f"too many items ({count}, at most {MAX_ITEMS})")


# --------------------------------------------------------------------------- the document's own rules


def _header(office_year: OfficeYear) -> list[Problem]:
    problems = fiscal_year_problems(office_year.fiscal_year, "document.fiscal_year")
    office = office_year.office
    if not office.id.strip() or len(office.id) > 100:
        problems.append(Problem("document.office.id", "অফিসের কোড খালি বা ১০০ অক্ষরের বেশি",
                                "the office id is empty or longer than 100 characters"))
    if office.tier not in TIERS:
        problems.append(_unknown("document.office.tier", office.tier, TIERS))
    quarter = office_year.report_quarter
    if quarter is not None and (isinstance(quarter, bool) or not 1 <= quarter <= QUARTERS):
        problems.append(Problem("document.report_quarter", f"প্রতিবেদনের প্রান্তিক ১-৪ হতে হবে ({quarter})",
                                f"the report quarter must be 1-4, got {quarter}"))
    return problems


def _structure(office_year: OfficeYear) -> list[Problem]:
    problems = _plan(office_year.section3, "section3", "document.section3")
    for key, plan in office_year.annexes.items():
        where = f"document.annexes.{str(key)[:40]}"
        if key not in ANNEX_KINDS[1:]:
            problems.append(_unknown(where, key, ANNEX_KINDS[1:]))
        elif plan.kind != key:
            problems.append(Problem(f"{where}.kind", f"পরিশিষ্টের ধরন «{plan.kind}» তার জায়গার «{key}» নয়",
                                    f"the annex kind {plan.kind!r} is not its place {key!r}"))
        else:
            problems += _plan(plan, key, where)
    problems += _nis(office_year.nis)
    for i, row in enumerate(office_year.section2):
        if row.unit not in UNITS:
            problems.append(_unknown(f"document.section2[{i}].unit", row.unit, UNITS))
    return problems


def _plan(plan: Plan, kind: str, where: str) -> list[Problem]:
    problems: list[Problem] = []
    if plan.kind not in PLAN_KINDS:
        problems.append(_unknown(f"{where}.kind", plan.kind, PLAN_KINDS))
    problems += template_id_problems(plan.template_id, "governance" if kind == "section3" else kind,
                                     f"{where}.template_id")
    problems += _marks(plan.total, f"{where}.total", positive=True)
    if not set(plan.columns.levels) <= set(LEVEL_PERCENTS) or len(set(plan.columns.levels)) != len(plan.columns.levels):
        problems.append(Problem(f"{where}.columns.levels", "লক্ষ্যমাত্রার স্তর ১০০/৯০/৮০/৭০/৬০ এর বাইরে",
                                f"target levels must be among {LEVEL_PERCENTS}, without repeats"))
    total = 0.0
    for a, area in enumerate(plan.areas):
        area_where = f"{where}.areas[{a}]"
        problems += _marks(area.weight, f"{area_where}.weight")
        for b, activity in enumerate(area.activities):
            for c, indicator in enumerate(activity.indicators):
                ind_where = f"{area_where}.activities[{b}].indicators[{c}]"
                problems += _indicator(indicator, ind_where)
                total += indicator.weight if _finite(indicator.weight) else 0.0
    cap = plan.total if _finite(plan.total) and plan.total and plan.total <= MAX_MARKS else MAX_MARKS
    if total > cap + _TOLERANCE:
        problems.append(Problem(f"{where}", f"সূচকের মানের যোগফল {total:g}, সর্বোচ্চ {cap:g}",
                                f"indicator weights add up to {total:g}, more than the plan's {cap:g}"))
    return problems


def _indicator(indicator: Indicator, where: str) -> list[Problem]:
    problems = _marks(indicator.weight, f"{where}.weight")
    if indicator.unit not in UNITS:
        problems.append(_unknown(f"{where}.unit", indicator.unit, UNITS))
    if indicator.method is not None and indicator.method not in METHODS:
        problems.append(_unknown(f"{where}.method", indicator.method, METHODS))
    if indicator.feeds_from is not None and indicator.feeds_from not in ANNEX_KINDS:
        problems.append(_unknown(f"{where}.feeds_from", indicator.feeds_from, ANNEX_KINDS))
    if len(indicator.levels) > len(LEVEL_PERCENTS):
        problems.append(Problem(f"{where}.levels", f"লক্ষ্যমাত্রা {len(indicator.levels)}টি, সর্বোচ্চ ৫টি",
                                f"{len(indicator.levels)} target levels, at most {len(LEVEL_PERCENTS)}"))
    problems += _quarterly(indicator, where)
    problems += _marks(indicator.typed_obtained, f"{where}.typed_obtained", bound=False)
    return problems


def _nis(nis: NisPlan, base: str = "document.nis") -> list[Problem]:
    problems = template_id_problems(nis.template_id, "nis", f"{base}.template_id")
    problems += _marks(nis.total, f"{base}.total", positive=True)
    total = 0.0
    for s, section in enumerate(nis.sections):
        problems += _marks(section.weight, f"{base}.sections[{s}].weight")
        for a, activity in enumerate(section.activities):
            where = f"{base}.sections[{s}].activities[{a}]"
            problems += _marks(activity.weight, f"{where}.weight")
            if activity.unit not in UNITS:
                problems.append(_unknown(f"{where}.unit", activity.unit, UNITS))
            for name in ("targets", "achievements"):
                problems += _four(getattr(activity, name), f"{where}.{name}")
            problems += _quarterly(activity, where)
            problems += _marks(activity.typed_obtained, f"{where}.typed_obtained", bound=False)
            total += activity.weight if _finite(activity.weight) else 0.0
    cap = nis.total if _finite(nis.total) and nis.total and nis.total <= MAX_MARKS else MAX_MARKS
    if total > cap + _TOLERANCE:
        problems.append(Problem(base, f"শুদ্ধাচার কার্যক্রমের মানের যোগফল {total:g}, সর্বোচ্চ {cap:g}",
                                f"NIS activity weights add up to {total:g}, more than the plan's {cap:g}"))
    return problems


def _quarterly(row: Indicator | NisActivity, where: str) -> list[Problem]:
    """Quarters, quarter remarks and evidence lists: four each; evidence names are SHA-256 digests."""
    problems = []
    if isinstance(row, Indicator):
        problems += _four(row.quarters, f"{where}.quarters")
    problems += _four(row.quarter_remarks, f"{where}.quarter_remarks")
    problems += _four(row.evidence, f"{where}.evidence")
    for q, digests in enumerate(row.evidence[:QUARTERS]):
        for i, digest in enumerate(digests):
            if not _SHA256.fullmatch(digest):
                problems.append(Problem(f"{where}.evidence[{q}][{i}]", "প্রমাণকের হ্যাশ (SHA-256) সঠিক নয়",
                                        "an evidence reference is not a SHA-256 digest"))
    return problems


def _four(items: list, where: str) -> list[Problem]:
    if len(items) == QUARTERS:
        return []
    return [Problem(where, f"চারটি প্রান্তিকের ঘর থাকতে হবে, আছে {len(items)}টি",
                    f"there must be four quarters, there are {len(items)}")]


def _finite(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _marks(value: float | None, where: str, positive: bool = False, bound: bool = True) -> list[Problem]:
    """A weight or total: none, or a finite number from 0 (above 0 for a total) to 100."""
    if value is None:
        return []
    if not _finite(value) or value < 0 or (positive and value == 0) or (bound and value > MAX_MARKS):
        low = "০-এর বেশি" if positive else "০ বা তার বেশি"
        return [Problem(where, f"মান {value!r} হতে পারে না: {low} এবং ১০০ পর্যন্ত",
                        f"a weight of {value!r} is impossible: it must be {'above' if positive else 'at least'} 0"
                        f" and at most {MAX_MARKS:g}")]
    return []


def _unknown(where: str, value: Any, known: tuple[str, ...]) -> Problem:
    shown = str(value)[:40]
    return Problem(where, f"অজানা মান «{shown}» (চেনা: {', '.join(known)})",
                   f"unknown value {shown!r} (known: {', '.join(known)})")


# --------------------------------------------------------------------------- every total possible


def _scores(office_year: OfficeYear) -> list[Problem]:
    """Score the year and the reported quarter; each total must lie in [0, its maximum]."""
    from .scoring import score_office_year

    problems: list[Problem] = []
    for quarter in (None, *range(1, QUARTERS + 1)):
        if quarter not in (None, office_year.report_quarter):
            continue
        try:
            breakdown = score_office_year(office_year, quarter=quarter)
        except (ArithmeticError, ValueError, TypeError, IndexError) as exc:
            return [Problem("document", "দলিলটির নম্বর গণনা করা যায় না", f"the document cannot be scored ({exc})"[:200])]
        totals = [("document", breakdown.total, MAX_MARKS)]
        totals += [(f"document.{'.'.join(map(str, p.path))}", p.obtained, p.total) for p in breakdown.plans.values()]
        if breakdown.nis is not None:
            totals.append(("document.nis", breakdown.nis.obtained, breakdown.nis.total))
        for where, obtained, maximum in totals:
            if not (_finite(obtained) and -_TOLERANCE <= obtained <= maximum + _TOLERANCE):
                problems.append(Problem(where, f"প্রাপ্ত নম্বর {obtained:g} অসম্ভব (০ থেকে {maximum:g})",
                                        f"an obtained score of {obtained:g} is impossible (0 to {maximum:g})"))
        if problems:
            return problems
    return problems
