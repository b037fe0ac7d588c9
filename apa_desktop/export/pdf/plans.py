"""Section 3 and the governance annex plans (5-8) as the official scored table; in a progress
report the same table gains the quarter's achievement, total achievement, obtained marks and
remark columns."""

from __future__ import annotations

from ...core.calendar import plan_year_labels
from ...core.model import Plan, level_name
from ...core.numerals import QUARTER_ORDINALS, format_code, format_score, format_value, to_bengali_digits
from ...core.scoring import PlanResult
from .styles import METHODS_BN, UNITS_BN, cell, content_width, grid, para, scaled, total_row

ANNEX_NUMBERS = {"nis": "৪", "egov": "৫", "grs": "৬", "charter": "৭", "rti": "৮"}
ANNEX_TITLES = {"egov": "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা", "grs": "অভিযোগ প্রতিকার ব্যবস্থা কর্মপরিকল্পনা",
                "charter": "সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা", "rti": "তথ্য অধিকার বিষয়ে কর্মপরিকল্পনা",
                "section3": "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"}


def _value(value: object, unit: str) -> str:
    if value is None:
        return "-"
    return format_value(value, unit)


def plan_table(plan: Plan, fiscal_year: str, result: PlanResult | None = None,
               quarter: int | None = None) -> list[object]:
    """The plan's heading and table; ``result`` adds the progress columns."""
    cols = plan.columns
    fy = to_bengali_digits(fiscal_year)
    head = ["ক্রম"] if cols.serial else []
    fractions = [3] if cols.serial else []
    if cols.area:
        head += ["কর্মসম্পাদনের ক্ষেত্র", "ক্ষেত্রের মান"]
        fractions += [12, 4]
    head += ["কার্যক্রম", "কর্মসম্পাদন সূচক"]
    fractions += [14, 14]
    if cols.method:
        head.append("গণনা পদ্ধতি"); fractions.append(5)
    head += ["একক", "কর্মসম্পাদন সূচকের মান"]; fractions += [5, 4]
    if cols.prev_actuals:
        years = plan_year_labels(fiscal_year)[0]  # the two years before the document's, never the template's
        head += [f"প্রকৃত অর্জন {to_bengali_digits(y)}" for y in years[:2]]; fractions += [5, 5]
    first_level = len(head)
    head += [f"{level_name(p, cols.levels)} {to_bengali_digits(str(p))}%" for p in cols.levels]
    fractions += [5] * len(cols.levels)
    last_level = len(head) - 1
    if cols.projections:
        years = plan_year_labels(fiscal_year)[1]
        head += [f"প্রক্ষেপণ {to_bengali_digits(y)}" for y in years[:2]]; fractions += [5, 5]
    if result is not None:
        head += [f"{QUARTER_ORDINALS[quarter - 1]} ত্রৈমাসিক অর্জন" if quarter else "অর্জন", "মোট অর্জন", "প্রাপ্ত নম্বর", "মন্তব্য"]
        fractions += [6, 6, 5, 8]
    # Two header rows as on the forms: "লক্ষ্যমাত্রা/নির্ণায়ক ২০২৩-২৪" over the levels, every
    # other heading spanning both rows.
    rows: list[list[object]] = [
        [cell(f"লক্ষ্যমাত্রা/নির্ণায়ক {fy}", "head") if c == first_level else
         "" if first_level < c <= last_level else cell(h, "head") for c, h in enumerate(head)],
        [cell(h, "head") if first_level <= c <= last_level else "" for c, h in enumerate(head)],
    ]
    spans = [("SPAN", (first_level, 0), (last_level, 0))]
    spans += [("SPAN", (c, 0), (c, 1)) for c in range(len(head)) if not first_level <= c <= last_level]
    results = iter(result.indicators()) if result is not None else None
    for area in plan.areas:
        first_in_area = True
        for activity in area.activities:
            first_in_activity = True
            for ind in activity.indicators:
                row: list[object] = []
                if cols.serial:
                    row.append(cell(to_bengali_digits(activity.serial) if first_in_activity else "", "cellc"))
                if cols.area:
                    row += [cell(f"{format_code(area.code) if area.code else ''} {area.title}" if first_in_area else ""),
                            cell(format_score(area.weight) if first_in_area and area.weight is not None else "", "cellc")]
                row += [cell(f"{format_code(activity.code)} {activity.title}" if first_in_activity else ""),
                        cell(f"{format_code(ind.code)} {ind.title}" if ind.code else ind.title)]
                if cols.method:
                    row.append(cell(METHODS_BN.get(ind.method or "", ind.method or ""), "cellc"))
                row += [cell(UNITS_BN.get(ind.unit, ind.unit), "cellc"),
                        cell(format_score(ind.weight) if ind.weight is not None else "", "cellc")]
                if cols.prev_actuals:
                    row += [cell(_value(v, ind.unit), "cellc") for v in ind.prev_actuals[:2]]
                levels = {p: v for p, v in zip((100, 90, 80, 70, 60), ind.levels)}
                row += [cell(_value(levels.get(p), ind.unit), "cellc") for p in cols.levels]
                if cols.projections:
                    row += [cell(_value(v, ind.unit), "cellc") for v in ind.projections[:2]]
                if results is not None:
                    r = next(results)
                    this_quarter = ind.quarters[quarter - 1] if quarter else r.achievement
                    row += [cell(_value(this_quarter, ind.unit), "cellc"), cell(_value(r.achievement, ind.unit), "cellc"),
                            cell(format_score(r.score), "cellc"), cell(ind.remark or ind.quarter_remarks[(quarter or 4) - 1])]
                rows.append(row)
                first_in_area = first_in_activity = False
    title = ANNEX_TITLES.get(plan.kind, plan.title)
    if plan.kind in ANNEX_NUMBERS:
        title = f"সংযোজনী {ANNEX_NUMBERS[plan.kind]}: {plan.title or title}"
    out: list[object] = [para(title, "h1")]
    if plan.total is not None:
        out.append(para(f"মোট নম্বর: {format_score(plan.total)}", "center"))
    if result is not None:
        spans.append(total_row(rows, f"মোট প্রাপ্ত নম্বর: {format_score(result.obtained)} / {format_score(result.total)}"))
    out.append(grid(rows, scaled(fractions, content_width("landscape")), header_rows=2, extra=spans))
    return out
