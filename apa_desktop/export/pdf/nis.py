"""Annex 4, the National Integrity Strategy plan: per activity the annual target, then a target row
and an achievement row with Q1-Q4, total achievement, obtained marks and remarks, under the
form's group header; the form's instructions below (:mod:`.labels`)."""

from __future__ import annotations

from typing import Any

from ...core.model import NisPlan
from ...core.numerals import (
    QUARTER_ORDINALS,
    format_code,
    format_score,
    format_value,
    to_bengali_digits,
)
from ...core.scoring import NisResult
from ...core.vocabulary import ANNEX_TITLES
from .plans import NOT_APPLICABLE, computed, fiscal_year_long, weight
from .styles import UNITS_BN, cell, content_width, para
from .tables import Rows, grid

QUARTERS_BN = tuple(f"{ordinal} কোয়ার্টার" for ordinal in QUARTER_ORDINALS)
PROGRESS = range(6, 13)
"""The columns under the group header: target/achievement, Q1-Q4, total, obtained marks."""


def _v(value: object, unit: str) -> str:
    return "" if value is None else format_value(value, unit)


def nis_rows(plan: NisPlan, fiscal_year: str, labels: dict[str, Any], result: NisResult | None = None) -> Rows:
    year = fiscal_year_long(fiscal_year)
    head = ["কার্যক্রমের নাম", "কর্মসম্পাদন সূচক", "সূচকের মান", "একক", labels["responsible"],
            labels["annual_target"].format(year=year), labels["target_or_achievement"], *QUARTERS_BN, "মোট অর্জন",
            labels["obtained"], "মন্তব্য"]
    cells: list[list[object]] = [
        [cell(labels["group_header"].format(year=year), "head") if c == PROGRESS[0] else
         "" if c in PROGRESS else cell(h, "head") for c, h in enumerate(head)],
        [cell(h, "head") if c in PROGRESS else "" for c, h in enumerate(head)],
    ]
    commands = [("SPAN", (PROGRESS[0], 0), (PROGRESS[-1], 0))]
    commands += [("SPAN", (c, 0), (c, 1)) for c in range(len(head)) if c not in PROGRESS]
    rows = Rows(cells, header_rows=2, commands=commands)
    if labels["column_numbers"]:
        rows.add_column_numbers()
    results = {a.code: a for s in (result.sections if result else ()) for a in s.activities}
    for section in plan.sections:
        marks = f".....{weight(section.weight)}" if section.weight is not None else ""
        note = f" {section.note}" if section.note else ""
        rows.add_section_row(f"{to_bengali_digits(section.code)}. {section.title}{marks}{note}")
        for a in section.activities:
            r = results.get(a.code)
            obtained = r.obtained if r is not None else a.typed_obtained
            total = r.achievement if r is not None else a.typed_total
            start = len(rows.cells)
            common = [cell(f"{format_code(a.code)} {a.title}"), cell(a.indicator), cell(weight(a.weight), "cellc"),
                      cell(UNITS_BN.get(a.unit, a.unit), "cellc"), cell(a.responsible),
                      cell(_v(a.annual_target, a.unit), "cellc")]
            rows.cells.append(common + [cell("লক্ষ্যমাত্রা", "cellc")] + [cell(_v(v, a.unit), "cellc") for v in a.targets]
                              + [cell(computed(total, a.unit) if total is not None else "", "cellc"),
                                 cell(format_score(obtained) if obtained is not None else "", "cellc"), cell(a.remark)])
            rows.cells.append([""] * 6 + [cell("অর্জন", "cellc")] + [cell(_v(v, a.unit), "cellc") for v in a.achievements]
                              + ["", "", ""])
            rows.commands += [("SPAN", (col, start), (col, start + 1)) for col in (*range(6), 11, 12, 13)]
    if not plan.sections:
        rows.add_section_row(NOT_APPLICABLE)
    if result is not None:
        rows.add_total_row(f"মোট {labels['obtained']}: {format_score(result.obtained)} / {format_score(result.total)}")
    return rows


def nis_table(plan: NisPlan, fiscal_year: str, labels: dict[str, Any], office_name: str,
              result: NisResult | None = None) -> list[object]:
    out: list[object] = [para(f"সংযোজনী ৪: {plan.title or ANNEX_TITLES['nis']}", "h1")]
    office = plan.office_label or (f"{labels['office_label']}: {office_name}" if labels["office_label"] else "")
    if office or plan.year_label:
        out.append(para(" ".join(x for x in (office, plan.year_label) if x), "center"))
    out += grid(nis_rows(plan, fiscal_year, labels, result), content_width("landscape"))
    out += [para(line, "small") for line in labels["instructions"]]
    return out
