"""Section 3 and the governance annex plans (5-8) as the official scored table; in a progress
report the same table gains the quarter's achievement, total achievement, obtained marks and
remark columns. Headings, banner rows and notes are the template's (:mod:`.labels`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...core.calendar import plan_year_labels
from ...core.model import CountDate, Plan, Unreadable, level_name
from ...core.numerals import (
    QUARTER_ORDINALS,
    format_code,
    format_number,
    format_score,
    format_value,
    to_bengali_digits,
)
from ...core.scoring import PlanResult
from ...core.vocabulary import ANNEX_NUMBERS, ANNEX_TITLES
from .styles import METHODS_BN, UNITS_BN, cell, content_width, para
from .tables import Rows, grid

NOT_APPLICABLE = "প্রযোজ্য নয়"


def typed(value: object, unit: str) -> str:
    """A value as the office typed it ("-" when there is none, as on the forms)."""
    return "-" if value is None else format_value(value, unit)


def computed(value: object, unit: str) -> str:
    """A value the core computed (a total, a mean): rounded to two decimals as the forms are."""
    if value is None:
        return "-"
    if isinstance(value, (date, CountDate, Unreadable)):
        return format_value(value, unit)
    text = format_number(round(float(value), 2))
    return text + "%" if unit == "percent" else text


def weight(value: float | None) -> str:
    """A weight (মান) as the forms print it: "১৫", "২.৫"."""
    return "" if value is None else format_number(value)


def fiscal_year_long(fiscal_year: str) -> str:
    """"২০২৩-২০২৪" for "2023-24", as the forms' headers write the year."""
    start = int(fiscal_year[:4])
    return to_bengali_digits(f"{start}-{start + 1}")


def plan_heading(plan: Plan) -> str:
    title = ANNEX_TITLES.get(plan.kind, plan.title)
    if plan.kind in ANNEX_NUMBERS:
        title = f"সংযোজনী {ANNEX_NUMBERS[plan.kind]}: {plan.title or title}"
    return title


def plan_table(plan: Plan, fiscal_year: str, labels: dict[str, Any], result: PlanResult | None = None,
               quarter: int | None = None) -> list[object]:
    """The plan's heading, table (in bands when it is too wide) and note; ``result`` adds the
    progress columns."""
    rows, key = plan_rows(plan, fiscal_year, labels, result, quarter)
    out: list[object] = [para(plan_heading(plan), "h1")]
    if plan.total is not None:
        out.append(para(f"মোট নম্বর: {format_score(plan.total)}", "center"))
    out += grid(rows, content_width("landscape"), key=(key,))
    if plan.columns.prev_actuals and labels["provisional_note"]:
        out.append(para(labels["provisional_note"], "small"))
    return out


def _header(plan: Plan, fiscal_year: str, labels: dict[str, Any], report: bool,
            quarter: int | None) -> tuple[list[str], int, int, int]:
    """The column headings, the first and last level column, and the indicator column."""
    cols = plan.columns
    head = ["ক্রম"] if cols.serial else []
    if cols.area:
        head += [labels["area"], labels["area_weight"]]
    head += ["কার্যক্রম", "কর্মসম্পাদন সূচক"]
    indicator = len(head) - 1
    if cols.method:
        head.append("গণনা পদ্ধতি")
    head += ["একক", "কর্মসম্পাদন সূচকের মান"]
    if cols.prev_actuals:
        years = plan_year_labels(fiscal_year)[0]  # the two years before the document's, never the template's
        head += [f"প্রকৃত অর্জন {to_bengali_digits(years[0])}".strip(),
                 f"প্রকৃত অর্জন{'*' if labels['provisional_note'] else ''} {to_bengali_digits(years[1])}".strip()]
    first_level = len(head)
    head += [level_name(p, cols.levels) for p in cols.levels]
    last_level = len(head) - 1
    if cols.projections:
        years = plan_year_labels(fiscal_year)[1]
        head += [f"প্রক্ষেপণ {fiscal_year_long(y)}" for y in years[:2]]  # "২০২৩-২০২৪", as the form
    if report:
        head += [f"{QUARTER_ORDINALS[quarter - 1]} ত্রৈমাসিক অর্জন" if quarter else "অর্জন", "মোট অর্জন",
                 *([labels["obtained"]] if labels["obtained_column"] else []), "মন্তব্য"]
    return head, first_level, last_level, indicator


def plan_rows(plan: Plan, fiscal_year: str, labels: dict[str, Any], result: PlanResult | None = None,
              quarter: int | None = None) -> tuple[Rows, int]:
    """The table's rows (three header rows as on the forms: the levels' heading, their names,
    their percentages; then the column numbers) and the indicator column's index."""
    cols = plan.columns
    head, first_level, last_level, indicator = _header(plan, fiscal_year, labels, result is not None, quarter)
    levels_title = labels["levels"].format(year=fiscal_year_long(fiscal_year), fy=to_bengali_digits(fiscal_year))
    cells: list[list[object]] = [
        [cell(levels_title, "head") if c == first_level else
         "" if first_level < c <= last_level else cell(h, "head") for c, h in enumerate(head)],
        [cell(h, "head") if first_level <= c <= last_level else "" for c, h in enumerate(head)],
        [cell(f"{to_bengali_digits(str(cols.levels[c - first_level]))}%", "head")
         if first_level <= c <= last_level else "" for c in range(len(head))],
    ]
    commands = [("SPAN", (first_level, 0), (last_level, 0))]
    commands += [("SPAN", (c, 0), (c, 2)) for c in range(len(head)) if not first_level <= c <= last_level]
    rows = Rows(cells, header_rows=3, commands=commands)
    if labels["column_numbers"]:
        rows.add_column_numbers()
    results = iter(result.indicators()) if result is not None else None
    banner_shown: set[bool] = set()
    for area in plan.areas:
        banner = labels["governance_banner"] if area.governance else labels["own_banner"]
        if banner and area.governance not in banner_shown:
            rows.add_section_row(banner, banner=True)
            banner_shown.add(area.governance)
        first_in_area = True
        for activity in area.activities:
            first_in_activity = True
            for ind in activity.indicators:
                row: list[object] = []
                if cols.serial:
                    row.append(cell(to_bengali_digits(activity.serial) if first_in_activity else "", "cellc"))
                if cols.area:
                    row += [cell(f"{format_code(area.code) if area.code else ''} {area.title}" if first_in_area else ""),
                            cell(weight(area.weight) if first_in_area else "", "cellc")]
                row += [cell(f"{format_code(activity.code)} {activity.title}" if first_in_activity else ""),
                        cell(f"{format_code(ind.code)} {ind.title}" if ind.code else ind.title)]
                if cols.method:
                    row.append(cell(METHODS_BN.get(ind.method or "", ind.method or ""), "cellc"))
                row += [cell(UNITS_BN.get(ind.unit, ind.unit), "cellc"),
                        cell(weight(ind.weight), "cellc")]
                if cols.prev_actuals:
                    row += [cell(typed(v, ind.unit), "cellc") for v in ind.prev_actuals[:2]]
                levels = {p: v for p, v in zip((100, 90, 80, 70, 60), ind.levels)}
                row += [cell(typed(levels.get(p), ind.unit), "cellc") for p in cols.levels]
                if cols.projections:
                    row += [cell(typed(v, ind.unit), "cellc") for v in ind.projections[:2]]
                if results is not None:
                    r = next(results)
                    this_quarter = ind.quarters[quarter - 1] if quarter else r.achievement
                    row += [cell(typed(this_quarter, ind.unit), "cellc"), cell(computed(r.achievement, ind.unit), "cellc")]
                    if labels["obtained_column"]:
                        row.append(cell(format_score(r.score), "cellc"))
                    row.append(cell(ind.remark or ind.quarter_remarks[(quarter or 4) - 1]))
                rows.cells.append(row)
                first_in_area = first_in_activity = False
    if len(rows.cells) == rows.header_rows + len(banner_shown):
        rows.add_section_row(NOT_APPLICABLE)
    if result is not None:
        rows.add_total_row(f"মোট {labels['obtained']}: {format_score(result.obtained)} / {format_score(result.total)}")
    return rows, indicator
