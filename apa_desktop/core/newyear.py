"""A new fiscal year started from last year's plan.

The office's own part (Section 1, Section 2's outcomes, Section 3's own areas, Annexes 1-3) is
carried into the new year with each target date moved by the years between; everything reported
(achievements, remarks, evidence, typed totals) is cleared and last year's annual achievements go
into the "previous actuals" columns, where the forms keep the two years before. The governance
area and Annexes 4-8 come from the new year's templates.
"""

from __future__ import annotations

import copy
from datetime import date

from .calendar import plan_year_labels, shift_date, years_between
from .model import CountDate, Indicator, OfficeYear, OutcomeRow, Value
from .scoring import annual_achievement, effective_method
from .templates import Template, office_year_from


def next_year(previous: OfficeYear, fiscal_year: str, chosen: dict[str, Template]) -> OfficeYear:
    """The office-year ``fiscal_year`` of ``previous``'s office, from its plan and ``chosen`` templates."""
    years = years_between(previous.fiscal_year, fiscal_year)
    office_year = office_year_from(previous.office, fiscal_year, chosen)
    office_year.section1 = copy.deepcopy(previous.section1)
    office_year.section2 = [_outcome(row, years) for row in previous.section2]
    own = [copy.deepcopy(a) for a in previous.section3.areas if not a.governance]
    for area in own:
        for act in area.activities:
            act.indicators = [_indicator(ind, years) for ind in act.indicators]
    office_year.section3.areas = own + office_year.section3.areas
    if own:
        columns = copy.deepcopy(previous.section3.columns)
        prev_years, projection_years = plan_year_labels(fiscal_year)
        columns.prev_years = prev_years if columns.prev_years else ()
        columns.projection_years = projection_years if columns.projection_years else ()
        office_year.section3.columns = columns
    office_year.annex1 = copy.deepcopy(previous.annex1)
    office_year.annex2 = copy.deepcopy(previous.annex2)
    office_year.annex3 = copy.deepcopy(previous.annex3)
    office_year.cover.office_signatory = copy.deepcopy(previous.cover.office_signatory)
    office_year.cover.superior_signatory = copy.deepcopy(previous.cover.superior_signatory)
    return office_year


def _indicator(old: Indicator, years: int) -> Indicator:
    """The indicator for the next year: same row and levels (dates moved), nothing reported, last
    year's achievement as the newest previous actual."""
    achieved = annual_achievement(effective_method(old), old.quarters)
    return Indicator(code=old.code, title=old.title, unit=old.unit, weight=old.weight, method=old.method,
                     prev_actuals=[old.prev_actuals[-1] if old.prev_actuals else None, achieved],
                     levels=[_moved(v, years) for v in old.levels],
                     projections=[_moved(v, years) for v in old.projections], feeds_from=old.feeds_from)


def _outcome(old: OutcomeRow, years: int) -> OutcomeRow:
    """Section 2: the previous actuals move one column on (last year's target is the newest known
    figure only once reported, so it stays empty); the target and projections keep their values."""
    row = copy.deepcopy(old)
    row.prev_actuals = [old.prev_actuals[-1] if old.prev_actuals else None, None]
    row.target = _moved(old.target, years)
    row.projections = [_moved(v, years) for v in old.projections]
    return row


def _moved(value: Value, years: int) -> Value:
    if isinstance(value, date):
        return shift_date(value, years)
    if isinstance(value, CountDate):
        return CountDate(value.count, tuple(shift_date(d, years) for d in value.dates))
    return value

