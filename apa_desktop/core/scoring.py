"""Scoring per DOMAIN.md §3-§6: one indicator, quarterly roll-up, NIS, the whole office-year.

Pure functions over :mod:`apa_desktop.core.model`; nothing here mutates an office-year, and
typed/imported totals are compared with the computed ones, never overwritten.

Rules that DOMAIN.md marks *inferred* are fields of :class:`ScoringSettings` (defaults are the
DOMAIN.md defaults), so an office or HQ can change them without touching code:

* ``mode``: linear interpolation between adjacent levels, or "step" (the lower level's percent);
* ``cap_at_best``: no bonus above the best set level (when off, the top segment is extended);
* ``single_level``: a plan with only the 100 level set scores counts/percents proportionally
  (min(A ÷ target, 1) × 100) or as met/not met ("binary"); a single date is always a deadline;
* ``nis_percent``: NIS percent rows average the reported quarters ("mean") or take the latest.

Decisions of this module (documented because the guidelines are silent):

* when the 100 level is '-', the best *set* level plays its part (reaching it gives its percent);
* count-and-date cells: a level with several deadlines is met on its date part when the n-th
  earliest reported date is on or before the n-th (last) deadline; the raw score is the lower of
  the count part and the date part;
* an unreadable quarter makes the annual achievement unreadable (status "invalid"), it is never
  silently skipped;
* a governance indicator whose annex is absent from the office-year falls back to its own
  quarters (method cumulative), so an office that types only the marks still gets a score;
* a NIS date row whose annual target is a number of deadlines (seed 003: "৪" reports with a target
  date per quarter) obtains weight × min(deadlines met on time ÷ target, 1);
* a date row with several deadlines in one cell is scored on its dates like count-and-date.

Per-row scoring is cached (it is pure and keyed by the cell values), so after one edit a full
rescore recomputes one row and rebuilds the tree: ~0.3 ms for the Khulna office-year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, TypeGuard

from .interchange import encode_value
from .model import (
    ANNEX_KINDS,
    LEVEL_PERCENTS,
    QUARTERS,
    UNITS,
    Activity,
    Area,
    CountDate,
    EnothiWorksheet,
    Indicator,
    NisActivity,
    NisPlan,
    OfficeYear,
    Plan,
    Unreadable,
    Value,
)
from .numerals import format_code, format_number, format_score, format_value, to_bengali_digits
from .vocabulary import PART_NAMES, Method, ScoreStatus, Unit
from .walk import plan_indicators

STATUSES: tuple[str, ...] = tuple(status.value for status in ScoreStatus)
"""The values of :attr:`IndicatorScore.status`."""
USUAL_METHOD: dict[str, Method] = {Unit.COUNT: Method.SUM, Unit.PERCENT: Method.MEAN, Unit.DATE: Method.DATE,
                                   Unit.COUNT_DATE: Method.SUM, Unit.MARKS: Method.CUMULATIVE}
OWN_MARKS = 70.0
GOVERNANCE_MARKS = 30.0
APA_MARKS = 100.0
_TOLERANCE = 1e-6
_TYPED_TOLERANCE = 0.005
"""Typed totals/marks are written with two decimals: a difference below half a hundredth is none."""


@dataclass(frozen=True)
class ScoringSettings:
    """The inferred rules of DOMAIN.md as settings, with DOMAIN.md's defaults."""

    mode: str = "interpolate"
    """"interpolate" (linear between adjacent set levels) or "step" (the lower level's percent)."""
    cap_at_best: bool = True
    """No bonus above the best set level (DOMAIN §3.2)."""
    single_level: str = "proportional"
    """Only the 100 level set: "proportional" or "binary" for counts/percents (DOMAIN §3.5)."""
    nis_percent: str = "mean"
    """NIS percent rows: "mean" of the reported quarters or "latest" (DOMAIN §6)."""


DEFAULT_SETTINGS = ScoringSettings()


@dataclass(frozen=True)
class IndicatorScore:
    """The score of one indicator: ``score = weight × raw_percent ÷ 100`` in full precision."""

    raw_percent: float
    score: float
    status: str = "scored"
    level: int | None = None
    """Index 0-4 of the level reached (for colouring cells); None below all levels or unreported."""
    message: str = ""
    """Bengali / English text when the status is not simply "scored"."""


# --------------------------------------------------------------------------- one indicator


class _Invalid(Exception):
    """A level or achievement that cannot be scored; carries the Bengali and English reason."""

    def __init__(self, bn: str, en: str) -> None:
        super().__init__(f"{bn} / {en}")
        self.bn, self.en = bn, en


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def _is_date(value: object) -> TypeGuard[date]:
    return isinstance(value, date)


def _scalar(value: Value, unit: str, what_bn: str, what_en: str) -> float:
    """A level or achievement of a number/date unit as a number (dates as day numbers)."""
    if isinstance(value, Unreadable):
        raise _Invalid(f"{what_bn} পড়া যায়নি: «{value.text}»", f"the {what_en} could not be read: {value.text!r}")
    if unit == Unit.DATE:
        if _is_date(value):
            return float(value.toordinal())
        raise _Invalid(f"{what_bn} একটি তারিখ হওয়া উচিত", f"the {what_en} should be a date")
    number = _number(value)
    if number is None:
        raise _Invalid(f"{what_bn} একটি সংখ্যা হওয়া উচিত", f"the {what_en} should be a number")
    return number


def _set_levels(levels: Sequence[Value], unit: str) -> list[tuple[float, int, int]]:
    """(value, percent, index) of the set levels, best first."""
    pairs = []
    for index, value in enumerate(levels[: len(LEVEL_PERCENTS)]):
        if value is None:
            continue
        pairs.append((_scalar(value, unit, "লক্ষ্যমাত্রা", "target level"), LEVEL_PERCENTS[index], index))
    return pairs


def _reached(raw: float, pairs: list[tuple[float, int, int]]) -> int | None:
    """The index of the best set level whose percent the raw score reaches."""
    for _, percent, index in pairs:
        if raw >= percent - _TOLERANCE:
            return index
    return None


def _raw_from_levels(pairs: list[tuple[float, int, int]], achieved: float,
                     settings: ScoringSettings, mode: str, is_date: bool) -> float:
    """DOMAIN §3.1-§3.5 for one scalar against its set levels (at least one)."""
    best, worst = pairs[0][0], pairs[-1][0]
    if len(pairs) == 1 or best == worst:
        return _raw_single(pairs, achieved, settings, is_date, proportional=len(pairs) == 1)
    sign = 1.0 if best > worst else -1.0  # lower is better: negate and treat as higher-is-better
    xs = [sign * value for value, _, _ in pairs]
    a = sign * achieved
    if any(later > earlier for earlier, later in zip(xs, xs[1:])):
        raise _Invalid("লক্ষ্যমাত্রাগুলো ক্রমানুসারে নেই", "the target levels are not in order")
    if a >= xs[0]:
        if settings.cap_at_best or a == xs[0]:
            return float(pairs[0][1])
        return _interpolate(a, xs[1], xs[0], pairs[1][1], pairs[0][1])
    if a < xs[-1]:
        return 0.0
    for i in range(len(xs) - 1):
        high, low = xs[i], xs[i + 1]
        if a == high:
            return float(pairs[i][1])
        if low <= a < high:
            if mode == "step":
                return float(pairs[i + 1][1])
            return _interpolate(a, low, high, pairs[i + 1][1], pairs[i][1])
    return float(pairs[-1][1])


def _interpolate(a: float, low: float, high: float, p_low: float, p_high: float) -> float:
    return p_low + (a - low) / (high - low) * (p_high - p_low)


def _raw_single(pairs: list[tuple[float, int, int]], achieved: float, settings: ScoringSettings,
                is_date: bool, proportional: bool) -> float:
    """One distinct level value: proportional (a number at the 100 level alone) or met/not met.

    A single date is a deadline (earlier is better); a single number is a minimum. Several
    levels with the same value are binary (DOMAIN §3.1).
    """
    target, percent, index = pairs[0]
    if proportional and index == 0 and settings.single_level == "proportional" and target > 0 and not is_date:
        share = achieved / target
        if settings.cap_at_best:
            share = min(share, 1.0)
        return max(share, 0.0) * 100.0
    met = achieved <= target if is_date else achieved >= target
    return float(percent) if met else 0.0


def _scalar_raw(unit: str, levels: Sequence[Value], achieved: Value, settings: ScoringSettings,
                mode: str) -> tuple[float, int | None] | None:
    """Raw percent and level reached for a number/date unit; None when no level is set."""
    pairs = _set_levels(levels, unit)
    if not pairs:
        return None
    value = _scalar(achieved, unit, "অর্জন", "achievement")
    raw = _raw_from_levels(pairs, value, settings, mode, unit == Unit.DATE)
    return raw, _reached(raw, pairs) if raw > 0 else None


def _count_date_parts(value: Value, what_bn: str, what_en: str) -> tuple[float | None, tuple[date, ...]]:
    if isinstance(value, CountDate):
        return value.count, tuple(sorted(value.dates))
    if _is_date(value):
        return None, (value,)
    if isinstance(value, Unreadable):
        raise _Invalid(f"{what_bn} পড়া যায়নি: «{value.text}»", f"the {what_en} could not be read: {value.text!r}")
    number = _number(value)
    if number is None:
        raise _Invalid(f"{what_bn} সংখ্যা ও তারিখ হওয়া উচিত", f"the {what_en} should be a count and date")
    return number, ()


def _count_date_raw(levels: Sequence[Value], achieved: Value, settings: ScoringSettings,
                    mode: str) -> tuple[float, int | None] | None:
    """Both parts must be met: the lower of the count part's and the date part's raw score."""
    parts = [None if v is None else _count_date_parts(v, "লক্ষ্যমাত্রা", "target level") for v in levels]
    counts = [None if p is None else p[0] for p in parts]
    deadlines = [None if p is None or not p[1] else p[1] for p in parts]
    a_count, a_dates = _count_date_parts(achieved, "অর্জন", "achievement")
    results: list[tuple[float, int | None] | None] = []
    if any(c is not None for c in counts):
        results.append(_scalar_raw("count", counts, 0.0 if a_count is None else a_count, settings, mode))
    if any(d is not None for d in deadlines):
        needed = max(len(d) for d in deadlines if d is not None)
        last = [None if d is None else d[-1] for d in deadlines]
        done = a_dates[needed - 1] if len(a_dates) >= needed else date.max
        results.append(_scalar_raw("date", last, done, settings, mode))
    # Each part has a set level here, so neither raw score is None.
    scored = [r for r in results if r is not None]
    if not scored:
        return None
    raw = min(r[0] for r in scored)
    reached = [r[1] for r in scored if r[1] is not None]
    return raw, max(reached) if len(reached) == len(scored) else None


def _empty(value: Value) -> bool:
    return value is None or (isinstance(value, CountDate) and value.count is None and not value.dates)


def score_indicator(unit: str, levels: Sequence[Value], achievement: Value, weight: float | None,
                    mode: str | None = None, settings: ScoringSettings | None = None) -> IndicatorScore:
    """Score one indicator by DOMAIN §3.

    ``levels`` are the five target levels best-first (100, 90, 80, 70, 60 %), ``None`` for '-'.
    ``mode`` ("interpolate" or "step") overrides ``settings.mode`` when given.
    """
    settings = settings or DEFAULT_SETTINGS
    mode = mode or settings.mode
    weight = weight or 0.0
    if unit not in UNITS:
        return _invalid(f"অজানা একক «{unit}»", f"unknown unit {unit!r}")
    # An unreported achievement is scored as a neutral probe first, so that unreadable or
    # out-of-order levels are reported as "invalid" before "not reported".
    try:
        if unit == Unit.COUNT_DATE or (unit == Unit.DATE and _has_count_date(levels, achievement)):
            result = _count_date_raw(levels, achievement if not _empty(achievement) else 0.0, settings, mode)
        else:
            scalar_unit = "date" if unit == Unit.DATE else "count"
            probe = achievement if not _empty(achievement) else (date.max if unit == Unit.DATE else 0.0)
            result = _scalar_raw(scalar_unit, levels, probe, settings, mode)
    except _Invalid as exc:
        return _invalid(exc.bn, exc.en)
    if result is None:
        return IndicatorScore(0.0, 0.0, "no_target", None, "লক্ষ্যমাত্রা নেই / no target level is set")
    if _empty(achievement):
        return IndicatorScore(0.0, 0.0, "not_reported", None, "অর্জন দেওয়া হয়নি / not reported")
    raw, level = result
    return IndicatorScore(raw, weight * raw / 100.0, "scored", level)


def _has_count_date(levels: Sequence[Value], achievement: Value) -> bool:
    """A date row with several deadlines in one cell ("৩১/১২/২০২২ ও ৩০/০৬/২০২৩") is scored on its dates."""
    return isinstance(achievement, CountDate) or any(isinstance(level, CountDate) for level in levels)


def _invalid(bn: str, en: str) -> IndicatorScore:
    return IndicatorScore(0.0, 0.0, "invalid", None, f"{bn} / {en}")


# --------------------------------------------------------------------------- quarters


def effective_method(indicator: Indicator) -> str:
    """The indicator's গণনা পদ্ধতি, or its unit's usual one when it has none."""
    return indicator.method or USUAL_METHOD.get(indicator.unit, Method.SUM)


def annual_achievement(method: str, quarters: Iterable[Value]) -> Value:
    """The annual (or to-date) achievement from the reported quarters by DOMAIN §4.

    sum / mean of the reported quarters; cumulative: the latest reported quarter; date: the
    latest reported date. Count-and-date quarters sum (or average) their counts and collect
    their dates. ``None`` when nothing is reported; an unreadable quarter is returned as is.
    """
    reported = [q for q in quarters if not _empty(q)]
    if not reported:
        return None
    for q in reported:
        if isinstance(q, Unreadable):
            return q
    if method == Method.CUMULATIVE:
        return reported[-1]
    if any(isinstance(q, CountDate) for q in reported) or (
            any(_is_date(q) for q in reported) and any(not _is_date(q) for q in reported)):
        return _combine_count_dates(method, reported)
    dates = [q for q in reported if _is_date(q)]
    if len(dates) == len(reported):
        return max(dates)
    # What is left are numbers (not empty, not unreadable, no count-and-date, no dates).
    numbers = [float(q) for q in reported if isinstance(q, (int, float))]
    if method == Method.MEAN:
        return sum(numbers) / len(numbers)
    if method == Method.DATE:
        return numbers[-1]
    return sum(numbers)


def _combine_count_dates(method: str, reported: list[Value]) -> CountDate:
    counts: list[float] = []
    dates: set[date] = set()
    for q in reported:
        count, q_dates = _count_date_parts(q, "", "")
        if count is not None:
            counts.append(count)
        dates.update(q_dates)
    total = None
    if counts:
        total = sum(counts) / len(counts) if method == Method.MEAN else sum(counts)
    return CountDate(total, tuple(sorted(dates)))


# --------------------------------------------------------------------------- NIS, governance


def nis_obtained(weight: float | None, annual_target: Value, quarters: Sequence[Value], unit: str,
                 settings: ScoringSettings | None = None) -> float | None:
    """Obtained marks of one NIS activity by DOMAIN §6; ``None`` when it has no target."""
    return _nis(weight, annual_target, quarters, unit, settings or DEFAULT_SETTINGS)[0]


def _nis(weight: float | None, target: Value, quarters: Sequence[Value], unit: str,
         settings: ScoringSettings) -> tuple[float | None, Value, str]:
    """(obtained, total achievement, message) of one NIS activity (cached: it is pure)."""
    key = (weight, target, tuple(quarters), unit, settings)
    try:
        return _nis_cells(key)
    except TypeError:  # an unhashable cell: compute without the cache
        return _nis_cells.__wrapped__(key)


@lru_cache(maxsize=4096)
def _nis_cells(key: tuple) -> tuple[float | None, Value, str]:
    weight, target, quarters, unit, settings = key
    if target is None:
        return None, None, "প্রযোজ্য নয় / not applicable (no annual target)"
    weight = weight or 0.0
    method = Method.CUMULATIVE if unit == Unit.PERCENT and settings.nis_percent == "latest" else USUAL_METHOD.get(unit, Method.SUM)
    total = annual_achievement(method, quarters)
    if total is None:
        return 0.0, None, "অর্জন দেওয়া হয়নি / not reported"
    try:
        if unit == Unit.COUNT_DATE or isinstance(target, CountDate):
            share = _nis_count_date_share(target, total)
        elif unit == Unit.DATE:
            share = 1.0 if _scalar(total, "date", "অর্জন", "achievement") <= _scalar(
                target, "date", "লক্ষ্যমাত্রা", "annual target") else 0.0
        else:
            share = _proportion(_scalar(total, "count", "অর্জন", "achievement"),
                                _scalar(target, "count", "লক্ষ্যমাত্রা", "annual target"))
    except _Invalid as exc:
        return 0.0, total, str(exc)
    return weight * share, total, ""


def _proportion(achieved: float, target: float) -> float:
    if target <= 0:
        return 1.0 if achieved >= target else 0.0
    return max(0.0, min(achieved / target, 1.0))


def _nis_count_date_share(target: Value, total: Value) -> float:
    """Dates missed -> 0; dates met -> proportional on the count."""
    t_count, t_dates = _count_date_parts(target, "লক্ষ্যমাত্রা", "annual target")
    a_count, a_dates = _count_date_parts(total, "অর্জন", "achievement")
    if t_dates and (len(a_dates) < len(t_dates) or any(a > t for a, t in zip(a_dates, t_dates))):
        return 0.0
    if t_count is None:
        return 1.0
    return _proportion(a_count or 0.0, t_count)


def governance_score(weight: float | None, obtained: float | None, annex_total: float | None) -> float:
    """weight × obtained ÷ annex total (DOMAIN §5); 0 when the annex has no total."""
    if not annex_total or obtained is None:
        return 0.0
    return (weight or 0.0) * obtained / annex_total


def enothi_hard_files(worksheet: EnothiWorksheet) -> float:
    """The hard files: the sum of the branches' counts; the printed সর্বমোট only when no branch
    has a count."""
    counts = [b.hard_files for b in worksheet.branches if b.hard_files is not None]
    return sum(counts) if counts else (worksheet.stated_hard_total or 0.0)


def enothi_rate(worksheet: EnothiWorksheet) -> float | None:
    """e-Nothi disposal rate: e-Nothi notes ÷ (e-Nothi notes + hard files) × 100 (seed 004).

    The printed rate is never used: it is compared, not trusted.
    """
    if worksheet.enothi_count is None:
        return None
    total = worksheet.enothi_count + enothi_hard_files(worksheet)
    return None if total <= 0 else 100.0 * worksheet.enothi_count / total


# --------------------------------------------------------------------------- breakdown


Path = tuple
"""An edit path (see core.edits) to the model object a result belongs to."""

# The result classes below are slotted, not frozen: a frozen dataclass costs ~4 µs to build on a
# field-office PC, which alone would use half of the 1 ms rescore budget. Treat them as read-only.


@dataclass(slots=True)
class IndicatorResult:
    path: Path
    code: str
    title: str
    unit: str
    weight: float
    method: str
    achievement: Value
    """The annual (or to-quarter) achievement the score was computed from."""
    result: IndicatorScore
    typed_total: Value = None
    typed_obtained: float | None = None
    total_mismatch: bool = False
    """The typed মোট অর্জন differs from the computed achievement (show both)."""
    obtained_mismatch: bool = False
    """The typed অর্জিত মান differs from the computed score (show both)."""
    feeds_from: str | None = None

    @property
    def score(self) -> float:
        return self.result.score


@dataclass(slots=True)
class ActivityResult:
    path: Path
    code: str
    title: str
    indicators: tuple[IndicatorResult, ...]
    weight: float
    obtained: float


@dataclass(slots=True)
class AreaResult:
    path: Path
    code: str
    title: str
    weight: float | None
    """The area's declared weight (মান)."""
    governance: bool
    activities: tuple[ActivityResult, ...]
    indicator_weight: float
    """The sum of its indicators' weights."""
    obtained: float


@dataclass(slots=True)
class PlanResult:
    kind: str
    title: str
    path: Path
    areas: tuple[AreaResult, ...]
    obtained: float
    total: float
    """plan.total from the template, or the sum of its indicator weights when it has none."""

    def indicators(self) -> list[IndicatorResult]:
        return [i for area in self.areas for act in area.activities for i in act.indicators]


@dataclass(slots=True)
class NisActivityResult:
    path: Path
    code: str
    title: str
    unit: str
    weight: float
    annual_target: Value
    achievement: Value
    obtained: float | None
    """None when the activity has no annual target (not applicable)."""
    message: str = ""
    typed_total: Value = None
    typed_obtained: float | None = None
    total_mismatch: bool = False
    obtained_mismatch: bool = False


@dataclass(slots=True)
class NisSectionResult:
    path: Path
    code: str
    title: str
    weight: float | None
    activities: tuple[NisActivityResult, ...]
    obtained: float


@dataclass(slots=True)
class NisResult:
    path: Path
    title: str
    sections: tuple[NisSectionResult, ...]
    obtained: float
    total: float


@dataclass(slots=True)
class Breakdown:
    """The whole office-year: indicator -> activity -> area -> plan -> total."""

    plans: dict[str, PlanResult]
    """Section 3 and Annexes 5-8 keyed by kind ("section3", "egov", "grs", "charter", "rti")."""
    nis: NisResult | None
    own_part: float
    """Section 3 own areas (out of 70)."""
    governance_part: float
    """Section 3 governance area (out of 30)."""
    total: float
    quarter: int | None = None
    messages: tuple[str, ...] = field(default=())
    _nodes: dict[Path, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._nodes = _nodes_by_path(self.plans, self.nis)

    def node_at(self, path: Path) -> Any:
        """The result scoring the object at ``path`` (a plan, area, activity or indicator, an NIS
        section or activity), or None; the index is built once, when the breakdown is made."""
        return self._nodes.get(tuple(path))

    def annex_totals(self) -> dict[str, tuple[float, float]]:
        """(obtained, total) of each annex plan, NIS included, by kind."""
        totals = {k: (p.obtained, p.total) for k, p in self.plans.items() if k != "section3"}
        if self.nis is not None:
            totals["nis"] = (self.nis.obtained, self.nis.total)
        return totals


def _nodes_by_path(plans: dict[str, PlanResult], nis: NisResult | None) -> dict[Path, Any]:
    nodes: dict[Path, Any] = {}
    for plan in plans.values():
        nodes[tuple(plan.path)] = plan
        for area in plan.areas:
            nodes[tuple(area.path)] = area
            for activity in area.activities:
                nodes[tuple(activity.path)] = activity
                for indicator in activity.indicators:
                    nodes[tuple(indicator.path)] = indicator
    if nis is not None:
        for section in nis.sections:
            nodes[tuple(section.path)] = section
            for nis_activity in section.activities:
                nodes[tuple(nis_activity.path)] = nis_activity
    return nodes


def _quarters(values: Sequence[Value], quarter: int | None) -> Sequence[Value]:
    return values if quarter is None else values[:quarter]


def _differs(typed: Value, computed: Value) -> bool:
    if typed is None:
        return False
    if computed is None:
        return True
    t, c = _number(typed), _number(computed)
    if t is not None and c is not None:
        return abs(t - c) >= _TYPED_TOLERANCE
    return typed != computed


def _score_plain(ind: Indicator, quarter: int | None, settings: ScoringSettings) -> tuple[Value, IndicatorScore]:
    key = (ind.unit, effective_method(ind), tuple(ind.levels), tuple(_quarters(ind.quarters, quarter)),
           ind.weight, settings)
    try:
        return _score_cells(key)
    except TypeError:  # an unhashable cell (a list where a value belongs): score without the cache
        return _score_cells.__wrapped__(key)


@lru_cache(maxsize=8192)
def _score_cells(key: tuple) -> tuple[Value, IndicatorScore]:
    """Scoring is pure, so after one edit only the edited row is computed again (rescore < 1 ms)."""
    unit, method, levels, quarters, weight, settings = key
    achievement = annual_achievement(method, quarters)
    return achievement, score_indicator(unit, levels, achievement, weight, settings=settings)


def _score_governance(ind: Indicator, annex: tuple[float, float] | None, quarter: int | None,
                      settings: ScoringSettings) -> tuple[Value, IndicatorScore]:
    """A governance row takes its annex's obtained total as achievement (DOMAIN §5)."""
    if annex is None:
        return _score_plain(ind, quarter, settings)
    obtained, total = annex
    if any(level is not None for level in ind.levels):
        return obtained, score_indicator("marks", ind.levels, obtained, ind.weight, settings=settings)
    score = governance_score(ind.weight, obtained, total)
    raw = 100.0 * obtained / total if total else 0.0
    level = _reached(raw, [(0.0, p, i) for i, p in enumerate(LEVEL_PERCENTS)]) if raw > 0 else None
    return obtained, IndicatorScore(raw, score, "scored", level)


def _indicator_result(ind: Indicator, path: Path, annexes: dict[str, tuple[float, float]],
                      quarter: int | None, settings: ScoringSettings) -> IndicatorResult:
    if ind.feeds_from:
        achievement, result = _score_governance(ind, annexes.get(ind.feeds_from), quarter, settings)
    else:
        achievement, result = _score_plain(ind, quarter, settings)
    return IndicatorResult(
        path, ind.code, ind.title, ind.unit, ind.weight or 0.0, effective_method(ind), achievement, result,
        ind.typed_total, ind.typed_obtained, _differs(ind.typed_total, achievement),
        _differs(ind.typed_obtained, result.score), ind.feeds_from)


def score_plan(plan: Plan, path: Path, quarter: int | None = None, settings: ScoringSettings | None = None,
               annexes: dict[str, tuple[float, float]] | None = None) -> PlanResult:
    """One scored plan (Section 3 or an annex 5-8) using quarters 1..quarter."""
    settings = settings or DEFAULT_SETTINGS
    annexes = annexes or {}
    areas = tuple(_score_area(area, path + ("areas", a), annexes, quarter, settings)
                  for a, area in enumerate(plan.areas))
    weight = obtained = 0.0
    for area in areas:
        weight += area.indicator_weight
        obtained += area.obtained
    return PlanResult(plan.kind, plan.title, path, areas, obtained, plan.total if plan.total is not None else weight)


def _score_area(area: Area, path: Path, annexes: dict[str, tuple[float, float]], quarter: int | None,
                settings: ScoringSettings) -> AreaResult:
    activities = []
    weight = obtained = 0.0
    for b, act in enumerate(area.activities):
        result = _score_activity(act, path + ("activities", b), annexes, quarter, settings)
        activities.append(result)
        weight += result.weight
        obtained += result.obtained
    return AreaResult(path, area.code, area.title, area.weight, area.governance, tuple(activities), weight, obtained)


def _score_activity(act: Activity, path: Path, annexes: dict[str, tuple[float, float]], quarter: int | None,
                    settings: ScoringSettings) -> ActivityResult:
    base = path + ("indicators",)
    indicators = []
    weight = obtained = 0.0
    for c, ind in enumerate(act.indicators):
        result = _indicator_result(ind, base + (c,), annexes, quarter, settings)
        indicators.append(result)
        weight += result.weight
        obtained += result.result.score
    return ActivityResult(path, act.code, act.title, tuple(indicators), weight, obtained)


def score_nis(nis: NisPlan, quarter: int | None = None, settings: ScoringSettings | None = None) -> NisResult:
    """Annex 4: obtained marks per activity and section, using achievements of quarters 1..quarter."""
    settings = settings or DEFAULT_SETTINGS
    sections = []
    for s, section in enumerate(nis.sections):
        acts = tuple(_nis_activity(act, ("nis", "sections", s, "activities", i), quarter, settings)
                     for i, act in enumerate(section.activities))
        sections.append(NisSectionResult(("nis", "sections", s), section.code, section.title, section.weight,
                                         acts, sum((a.obtained or 0.0 for a in acts), 0.0)))
    weights = sum((a.weight for sec in sections for a in sec.activities), 0.0)
    total = nis.total if nis.total is not None else weights
    return NisResult(("nis",), nis.title, tuple(sections), sum((s.obtained for s in sections), 0.0), total)


def _nis_activity(act: NisActivity, path: Path, quarter: int | None, settings: ScoringSettings) -> NisActivityResult:
    achievements = _quarters(act.achievements, quarter)
    obtained: float | None
    if _is_deadline_count(act):
        obtained, total, message = _nis_on_time(act.weight, act.annual_target, act.targets, achievements)
    else:
        obtained, total, message = _nis(act.weight, act.annual_target, achievements, act.unit, settings)
    return NisActivityResult(path, act.code, act.title, act.unit, act.weight or 0.0, act.annual_target, total,
                             obtained, message, act.typed_total, act.typed_obtained,
                             _differs(act.typed_total, total), _differs(act.typed_obtained, obtained))


def _is_deadline_count(act: NisActivity) -> bool:
    """A date row whose annual target is a number of deadlines ("৪" reports, one per quarter)."""
    return act.unit == Unit.DATE and _number(act.annual_target) is not None and any(_is_date(t) for t in act.targets)


def _nis_on_time(weight: float | None, target: Value, targets: Sequence[Value],
                 achievements: Sequence[Value]) -> tuple[float, Value, str]:
    """Deadlines met on time (achievement date on or before that quarter's target date), proportional
    to the annual number (inferred from DOMAIN §6: dates missed count for nothing, no 60 % floor)."""
    on_time = sum(1 for t, a in zip(targets, achievements) if _is_date(t) and _is_date(a) and a <= t)
    unreadable = [a.text for a in achievements if isinstance(a, Unreadable)]
    message = ""
    if unreadable:
        message = f"অর্জন পড়া যায়নি: «{unreadable[0]}» / the achievement could not be read: {unreadable[0]!r}"
    if all(_empty(a) for a in achievements):
        return 0.0, None, "অর্জন দেওয়া হয়নি / not reported"
    return (weight or 0.0) * _proportion(float(on_time), _number(target) or 0.0), float(on_time), message


def score_office_year(office_year: OfficeYear, quarter: int | None = None,
                      settings: ScoringSettings | None = None) -> Breakdown:
    """Score everything; a progress report of quarter ``q`` uses quarters 1..q (None: all four)."""
    if quarter is not None and not 1 <= quarter <= QUARTERS:
        raise ValueError(f"quarter must be 1-{QUARTERS}, got {quarter}")
    settings = settings or DEFAULT_SETTINGS
    plans: dict[str, PlanResult] = {}
    annexes: dict[str, tuple[float, float]] = {}
    for kind in ANNEX_KINDS:
        plan = office_year.annexes.get(kind)
        if plan is not None:
            plans[kind] = score_plan(plan, ("annexes", kind), quarter, settings)
            annexes[kind] = (plans[kind].obtained, plans[kind].total)
    nis = score_nis(office_year.nis, quarter, settings) if office_year.nis.sections else None
    if nis is not None:
        annexes["nis"] = (nis.obtained, nis.total)
    section3 = score_plan(office_year.section3, ("section3",), quarter, settings, annexes)
    plans = {"section3": section3, **plans}
    own = sum((a.obtained for a in section3.areas if not a.governance), 0.0)
    governance = sum((a.obtained for a in section3.areas if a.governance), 0.0)
    has_governance = any(a.governance for a in section3.areas) or not section3.areas
    messages = () if has_governance else (_NO_GOVERNANCE,)
    return Breakdown(plans, nis, own, governance, own + governance, quarter, messages)


_NO_GOVERNANCE = ("সেকশন ৩-এ সুশাসন ও সংস্কারমূলক ক্ষেত্র নেই: সুশাসনের অংশ ০ / "
                  "Section 3 has no governance area: the governance part is 0")


# --------------------------------------------------------------------------- weight validation


@dataclass(frozen=True)
class WeightIssue:
    """A weight that does not add up; ``path`` is an edit path to the place to fix."""

    path: Path
    message_bn: str
    message_en: str


_PLAN_NAMES: dict[str, tuple[str, str]] = {str(part): (name.bn, name.en) for part, name in PART_NAMES.items()}


def _bn(x: float) -> str:
    return format_number(x, "bn")


def _en(x: float) -> str:
    return format_number(x, "en")


def _label(code: str, index: int, digits: str) -> str:
    return format_code(code, digits) if code else format_code(str(index + 1), digits)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE


def validate_weights(office_year: OfficeYear) -> list[WeightIssue]:
    """Every weight that does not add up (DOMAIN §5, §6), with the numbers in both languages."""
    issues: list[WeightIssue] = []
    if office_year.section3.areas:  # a register-only office-year (an annex report) has no Section 3
        issues += _plan_issues(office_year.section3, ("section3",))
        issues += _section3_issues(office_year.section3)
    for kind in ANNEX_KINDS:
        plan = office_year.annexes.get(kind)
        if plan is not None:
            names = _PLAN_NAMES.get(kind, (kind, kind))
            issues += _plan_issues(plan, ("annexes", kind), (f"{names[0]}: ", f"{names[1][0].upper()}{names[1][1:]}: "))
            issues += _annex_total_issue(plan, ("annexes", kind), names)
    issues += _nis_issues(office_year.nis)
    return issues


def _plan_issues(plan: Plan, path: Path, prefix: tuple[str, str] = ("", "")) -> list[WeightIssue]:
    """Indicators without weight and areas whose indicator weights do not add up; ``prefix`` names an annex."""
    bn, en = prefix
    issues = []
    for ind_path, ind in plan_indicators(plan, path):
        if ind.weight is None:
            c = int(ind_path[-1])
            issues.append(WeightIssue(ind_path + ("weight",), f"{bn}সূচক {_label(ind.code, c, 'bn')} এর মান দেওয়া হয়নি",
                                      f"{en}Indicator {_label(ind.code, c, 'en')} has no weight"))
    for a, area in enumerate(plan.areas):
        if area.weight is None:
            continue
        total = sum(ind.weight or 0.0 for act in area.activities for ind in act.indicators)
        if not _same(total, area.weight):
            issues.append(WeightIssue(
                path + ("areas", a),
                f"{bn}ক্ষেত্র {_label(area.code, a, 'bn')} এর সূচকের মানের যোগফল {_bn(total)}, "
                f"ক্ষেত্রের মান {_bn(area.weight)}",
                f"{en}Indicator weights of area {_label(area.code, a, 'en')} add up to {_en(total)}, "
                f"the area weight is {_en(area.weight)}"))
    return issues


def _area_weight(area: Any) -> float:
    if area.weight is not None:
        return area.weight
    return sum(ind.weight or 0.0 for act in area.activities for ind in act.indicators)


def _section3_issues(plan: Plan) -> list[WeightIssue]:
    own = sum(_area_weight(a) for a in plan.areas if not a.governance)
    governance = sum(_area_weight(a) for a in plan.areas if a.governance)
    path: Path = ("section3",)
    issues = []
    unwritten = not any(not a.governance for a in plan.areas)
    if unwritten:  # a new office-year: the own areas are the office's to write, not a wrong sum
        issues.append(WeightIssue(path, f"অফিসের নিজস্ব কর্মসম্পাদনের ক্ষেত্র এখনো লেখা হয়নি (মোট মান {_bn(OWN_MARKS)})",
                                  f"The office's own areas are not written yet (they weigh {_en(OWN_MARKS)} in all)"))
    elif not _same(own, OWN_MARKS):
        issues.append(WeightIssue(path, f"নিজস্ব ক্ষেত্রসমূহের মানের যোগফল {_bn(own)}, হওয়া উচিত {_bn(OWN_MARKS)}",
                                  f"The own areas add up to {_en(own)}, they should add up to {_en(OWN_MARKS)}"))
    if not any(a.governance for a in plan.areas):
        issues.append(WeightIssue(path, "সুশাসন ও সংস্কারমূলক ক্ষেত্র নেই (মান ৩০ হওয়া উচিত)",
                                  "There is no governance area (it should weigh 30)"))
    elif not _same(governance, GOVERNANCE_MARKS):
        issues.append(WeightIssue(
            path, f"সুশাসন ও সংস্কারমূলক ক্ষেত্রের মান {_bn(governance)}, হওয়া উচিত {_bn(GOVERNANCE_MARKS)}",
            f"The governance area weighs {_en(governance)}, it should weigh {_en(GOVERNANCE_MARKS)}"))
    if not unwritten and not _same(own + governance, APA_MARKS):
        issues.append(WeightIssue(
            path, f"সেকশন ৩ এর মোট মান {_bn(own + governance)}, হওয়া উচিত {_bn(APA_MARKS)}",
            f"Section 3 adds up to {_en(own + governance)}, it should add up to {_en(APA_MARKS)}"))
    return issues


def _annex_total_issue(plan: Plan, path: Path, names: tuple[str, str]) -> list[WeightIssue]:
    if plan.total is None:
        return []
    total = sum(ind.weight or 0.0 for area in plan.areas for act in area.activities for ind in act.indicators)
    if _same(total, plan.total):
        return []
    return [WeightIssue(path, f"{names[0]} এর সূচকের মানের যোগফল {_bn(total)}, মোট মান {_bn(plan.total)}",
                        f"Indicator weights of {names[1]} add up to {_en(total)}, its total is {_en(plan.total)}")]


def _nis_issues(nis: NisPlan) -> list[WeightIssue]:
    issues = []
    for s, section in enumerate(nis.sections):
        total = sum(a.weight or 0.0 for a in section.activities)
        if section.weight is not None and not _same(total, section.weight):
            label_bn, label_en = _label(section.code, s, "bn"), _label(section.code, s, "en")
            issues.append(WeightIssue(
                ("nis", "sections", s),
                f"শুদ্ধাচার অংশ {label_bn} এর কার্যক্রমের মানের যোগফল {_bn(total)}, অংশের মান {_bn(section.weight)}",
                f"Activity weights of NIS section {label_en} add up to {_en(total)}, "
                f"the section weight is {_en(section.weight)}"))
    total = sum(a.weight or 0.0 for section in nis.sections for a in section.activities)
    if nis.total is not None and nis.sections and not _same(total, nis.total):
        issues.append(WeightIssue(
            ("nis",), f"শুদ্ধাচার কর্মপরিকল্পনার মানের যোগফল {_bn(total)}, মোট মান {_bn(nis.total)}",
            f"Activity weights of the integrity (NIS) plan add up to {_en(total)}, its total is {_en(nis.total)}"))
    return issues


# --------------------------------------------------------------------------- output


def _indicator_data(r: IndicatorResult) -> dict[str, Any]:
    return {
        "path": list(r.path), "code": r.code, "title": r.title, "unit": r.unit, "weight": r.weight,
        "method": r.method, "achievement": encode_value(r.achievement), "raw_percent": r.result.raw_percent,
        "score": r.result.score, "status": r.result.status, "level": r.result.level,
        "message": r.result.message, "feeds_from": r.feeds_from,
        "typed_total": encode_value(r.typed_total), "typed_obtained": r.typed_obtained,
        "total_mismatch": r.total_mismatch, "obtained_mismatch": r.obtained_mismatch,
    }


def _plan_data(p: PlanResult) -> dict[str, Any]:
    return {"kind": p.kind, "title": p.title, "obtained": p.obtained, "total": p.total, "areas": [
        {"path": list(a.path), "code": a.code, "title": a.title, "weight": a.weight, "governance": a.governance,
         "indicator_weight": a.indicator_weight, "obtained": a.obtained, "activities": [
             {"path": list(x.path), "code": x.code, "title": x.title, "weight": x.weight, "obtained": x.obtained,
              "indicators": [_indicator_data(i) for i in x.indicators]} for x in a.activities]}
        for a in p.areas]}


def _nis_data(n: NisResult) -> dict[str, Any]:
    return {"path": list(n.path), "title": n.title, "obtained": n.obtained, "total": n.total, "sections": [
        {"path": list(s.path), "code": s.code, "title": s.title, "weight": s.weight, "obtained": s.obtained,
         "activities": [
             {"path": list(a.path), "code": a.code, "title": a.title, "unit": a.unit, "weight": a.weight,
              "annual_target": encode_value(a.annual_target), "achievement": encode_value(a.achievement),
              "obtained": a.obtained, "message": a.message, "typed_total": encode_value(a.typed_total),
              "typed_obtained": a.typed_obtained, "total_mismatch": a.total_mismatch,
              "obtained_mismatch": a.obtained_mismatch} for a in s.activities]}
        for s in n.sections]}


def breakdown_to_data(breakdown: Breakdown) -> dict[str, Any]:
    """The breakdown as JSON-able data (``score --json``): numeric totals and every figure below."""
    return {
        "total": breakdown.total, "own_part": breakdown.own_part, "governance_part": breakdown.governance_part,
        "quarter": breakdown.quarter, "messages": list(breakdown.messages),
        "plans": {kind: _plan_data(p) for kind, p in breakdown.plans.items()},
        "nis": None if breakdown.nis is None else _nis_data(breakdown.nis),
    }


_WORDS = {
    "bn": {"total": "মোট", "own": "নিজস্ব ক্ষেত্র", "gov": "সুশাসন ও সংস্কারমূলক", "weight": "মান",
           "ach": "অর্জন", "nis": "শুদ্ধাচার কর্মপরিকল্পনা", "typed": "ভিন্ন লেখা হয়েছে", "obtained": "অর্জিত মান", "na": "প্রযোজ্য নয়",
           "none": "-", "quarter": "ত্রৈমাসিক"},
    "en": {"total": "Total", "own": "Own areas", "gov": "Governance", "weight": "weight",
           "ach": "achievement", "nis": "Integrity (NIS) plan", "typed": "typed differently", "obtained": "obtained", "na": "n/a",
           "none": "-", "quarter": "quarter"},
}


def _fmt_value(value: Value, unit: str, digits: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, (int, float)) and unit in ("count", "percent", "marks", "count_date"):
        return format_number(float(value), digits)
    try:
        return format_value(value, unit, digits)
    except (TypeError, ValueError):
        return str(value)


def _indicator_line(r: IndicatorResult, digits: str, w: dict[str, str]) -> str:
    line = (f"      {format_code(r.code, digits) if r.code else ''} {r.title} | {w['weight']} "
            f"{format_number(r.weight, digits)} | {w['ach']} {_fmt_value(r.achievement, r.unit, digits)} | "
            f"{format_score(r.result.raw_percent, digits)}% | {format_score(r.result.score, digits)}")
    if r.result.status != "scored":
        line += f" [{r.result.message}]"
    return line + _typed_note(r, r.unit, digits, w)


def _typed_note(r: Any, unit: str, digits: str, w: dict[str, str]) -> str:
    """" | typed differently: obtained 1.23, achievement 99" when typed values differ from the computed
    ones (in words: "≠" is not in the bundled font, and the HQ window shows this text)."""
    parts = []
    if r.obtained_mismatch:
        typed = "-" if r.typed_obtained is None else format_score(r.typed_obtained, digits)
        parts.append(f"{w['obtained']} {typed}")
    if r.total_mismatch:
        parts.append(f"{w['ach']} {_fmt_value(r.typed_total, unit, digits)}")
    return f" | {w['typed']}: {', '.join(parts)}" if parts else ""


def _plan_lines(p: PlanResult, digits: str, w: dict[str, str]) -> list[str]:
    name = p.title or _PLAN_NAMES.get(p.kind, (p.kind, p.kind))[0 if digits == "bn" else 1]
    lines = [f"{name}: {format_score(p.obtained, digits)} / {format_number(p.total, digits)}"]
    for area in p.areas:
        weight = "-" if area.weight is None else format_number(area.weight, digits)
        if area.code or area.title or area.weight is not None:  # plans without areas have one blank area
            lines.append(f"  {format_code(area.code, digits) if area.code else ''} {area.title} "
                         f"({w['weight']} {weight}): {format_score(area.obtained, digits)}")
        for act in area.activities:
            lines.append(f"    {format_code(act.code, digits) if act.code else ''} {act.title}: "
                         f"{format_score(act.obtained, digits)}")
            lines += [_indicator_line(i, digits, w) for i in act.indicators]
    return lines


def _nis_lines(n: NisResult, digits: str, w: dict[str, str]) -> list[str]:
    lines = [f"{n.title or w['nis']}: {format_score(n.obtained, digits)} / {format_number(n.total, digits)}"]
    for s in n.sections:
        lines.append(f"  {_plain_code(s.code, digits)} {s.title}: {format_score(s.obtained, digits)}")
        for a in s.activities:
            obtained = w["na"] if a.obtained is None else format_score(a.obtained, digits)
            line = (f"    {_plain_code(a.code, digits)} {a.title} | {w['weight']} {format_number(a.weight, digits)} | "
                    f"{w['ach']} {_fmt_value(a.achievement, a.unit, digits)} | {obtained}")
            lines.append(line + _typed_note(a, a.unit, digits, w))
    return lines


def _plain_code(code: str, digits: str) -> str:
    """NIS codes are printed without brackets: "১.১"."""
    return to_bengali_digits(code) if digits == "bn" else code


def format_breakdown(breakdown: Breakdown, digits: str = "bn") -> str:
    """A plain-text tree to check by hand against the paper: plan -> area -> activity -> indicator."""
    w = _WORDS["bn" if digits == "bn" else "en"]
    lines: list[str] = []
    for plan in breakdown.plans.values():
        if plan.areas:  # an annex-only office-year has an empty Section 3
            lines += _plan_lines(plan, digits, w)
    if breakdown.nis is not None:
        lines += _nis_lines(breakdown.nis, digits, w)
    lines += [f"{w['own']}: {format_score(breakdown.own_part, digits)} / {format_number(OWN_MARKS, digits)}",
              f"{w['gov']}: {format_score(breakdown.governance_part, digits)} / "
              f"{format_number(GOVERNANCE_MARKS, digits)}",
              f"{w['total']}: {format_score(breakdown.total, digits)} / {format_number(APA_MARKS, digits)}"]
    lines += list(breakdown.messages)
    return "\n".join(lines)
