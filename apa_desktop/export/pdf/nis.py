"""Annex 4, the National Integrity Strategy plan: per activity the annual target, then a target row
and an achievement row with Q1-Q4, total achievement, obtained marks and remarks."""

from __future__ import annotations

from ...core.model import NisPlan
from ...core.numerals import QUARTER_ORDINALS, format_code, format_score, format_value, to_bengali_digits
from ...core.scoring import NisResult
from .styles import UNITS_BN, cell, content_width, grid, para, scaled, total_row

QUARTERS_BN = tuple(f"{ordinal} কোয়ার্টার" for ordinal in QUARTER_ORDINALS)


def _v(value: object, unit: str) -> str:
    return "" if value is None else format_value(value, unit)


def nis_table(plan: NisPlan, result: NisResult | None = None) -> list[object]:
    head = ["কার্যক্রমের নাম", "কর্মসম্পাদন সূচক", "সূচকের মান", "একক", "বাস্তবায়নের দায়িত্বপ্রাপ্ত ব্যক্তি/পদ",
            "লক্ষ্যমাত্রা", "", *QUARTERS_BN, "মোট অর্জন", "অর্জিত মান", "মন্তব্য"]
    rows: list[list[object]] = [[cell(h, "head") for h in head]]
    spans: list[tuple] = []
    results = {a.code: a for s in (result.sections if result else ()) for a in s.activities}
    for section in plan.sections:
        weight = f" (মান: {format_score(section.weight)})" if section.weight is not None else ""
        rows.append([cell(f"{to_bengali_digits(section.code)} {section.title}{weight}", "head")] + [""] * (len(head) - 1))
        spans.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
        for a in section.activities:
            r = results.get(a.code)
            obtained = r.obtained if r is not None else a.typed_obtained
            total = r.achievement if r is not None else a.typed_total
            start = len(rows)
            common = [cell(f"{format_code(a.code)} {a.title}"), cell(a.indicator),
                      cell(format_score(a.weight) if a.weight is not None else "", "cellc"),
                      cell(UNITS_BN.get(a.unit, a.unit), "cellc"), cell(a.responsible),
                      cell(_v(a.annual_target, a.unit), "cellc")]
            rows.append(common + [cell("লক্ষ্যমাত্রা", "cellc")] + [cell(_v(v, a.unit), "cellc") for v in a.targets]
                        + [cell(_v(total, a.unit), "cellc"),
                           cell(format_score(obtained) if obtained is not None else "", "cellc"), cell(a.remark)])
            rows.append([""] * 6 + [cell("অর্জন", "cellc")] + [cell(_v(v, a.unit), "cellc") for v in a.achievements]
                        + ["", "", ""])
            for col in (*range(6), 11, 12, 13):
                spans.append(("SPAN", (col, start), (col, start + 1)))
    widths = scaled([16, 14, 4, 5, 10, 6, 6, 6, 6, 6, 6, 6, 5, 9], content_width("landscape"))
    out: list[object] = [para(f"সংযোজনী ৪: {plan.title or 'জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা'}", "h1")]
    if plan.year_label or plan.office_label:
        out.append(para(" ".join(x for x in (plan.office_label, plan.year_label) if x), "center"))
    if result is not None:
        spans.append(total_row(rows, f"মোট অর্জিত মান: {format_score(result.obtained)} / {format_score(result.total)}"))
    out.append(grid(rows, widths, extra=spans))
    return out
