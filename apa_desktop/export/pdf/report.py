"""Parts only the progress report has: the score summary and the list of evidence per indicator."""

from __future__ import annotations

from ...core.model import OfficeYear
from ...core.numerals import QUARTER_ORDINALS, format_code, format_score, to_bengali_digits
from ...core.scoring import Breakdown
from .plans import ANNEX_NUMBERS, ANNEX_TITLES
from .styles import cell, content_width, grid, para, scaled


def score_summary(office_year: OfficeYear, breakdown: Breakdown) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("অংশ", "প্রাপ্ত নম্বর", "মোট নম্বর")]]
    own = breakdown.plans.get("section3")
    rows.append([cell("কর্মসম্পাদনের ক্ষেত্র (নিজস্ব)"), cell(format_score(breakdown.own_part), "cellc"), cell("৭০", "cellc")])
    rows.append([cell("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র"), cell(format_score(breakdown.governance_part), "cellc"), cell("৩০", "cellc")])
    for kind, (obtained, total) in breakdown.annex_totals().items():
        name = ANNEX_TITLES.get(kind, "জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা" if kind == "nis" else kind)
        rows.append([cell(f"   সংযোজনী {ANNEX_NUMBERS.get(kind, '')}: {name}"), cell(format_score(obtained), "cellc"),
                     cell(format_score(total), "cellc")])
    rows.append([cell("সর্বমোট", "head"), cell(format_score(breakdown.total), "head"), cell("১০০", "head")])
    quarter = breakdown.quarter
    title = (f"{QUARTER_ORDINALS[quarter - 1]} ত্রৈমাসিক পর্যন্ত প্রাপ্ত নম্বরের সারসংক্ষেপ" if quarter and quarter < 4
             else "বার্ষিক মূল্যায়নের সারসংক্ষেপ")
    out = [para(title, "h1"), grid(rows, scaled([60, 20, 20], content_width("portrait")))]
    if own is None:
        out.append(para("সেকশন ৩ নেই", "small"))
    out += [para(message, "small") for message in breakdown.messages]
    return out


def evidence_list(office_year: OfficeYear, quarter: int | None) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("সূচক", "ত্রৈমাসিক", "প্রমাণক", "সংযুক্ত")]]
    quarters = range(1, (quarter or 4) + 1)
    for plan in office_year.plans():
        for area in plan.areas:
            for activity in area.activities:
                for ind in activity.indicators:
                    for q in quarters:
                        items = ind.evidence[q - 1] if q - 1 < len(ind.evidence) else []
                        if ind.quarters[q - 1] is None and not items:
                            continue
                        rows.append([cell(f"{format_code(ind.code)} {ind.title}" if ind.code else ind.title),
                                     cell(to_bengali_digits(str(q)), "cellc"), cell("\n".join(items) or "-"),
                                     cell("হ্যাঁ" if items else "না", "cellc")])
    return [para("প্রমাণকের তালিকা", "h1"), grid(rows, scaled([45, 10, 35, 10], content_width("portrait")))]
