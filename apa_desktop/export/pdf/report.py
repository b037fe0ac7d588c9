"""Parts only the progress report has: the score summary and the list of evidence per indicator."""

from __future__ import annotations

from ...core.model import ANNEX_KINDS, OfficeYear
from ...core.numerals import (
    QUARTER_ORDINALS,
    format_code,
    format_score,
    to_bengali_digits,
)
from ...core.scoring import Breakdown
from ...core.vocabulary import ANNEX_NUMBERS, ANNEX_TITLES
from .styles import cell, content_width, para
from .tables import simple_grid


def _title(quarter: int | None) -> str:
    if quarter and quarter < 4:
        return f"{QUARTER_ORDINALS[quarter - 1]} ত্রৈমাসিক পর্যন্ত প্রাপ্ত নম্বরের সারসংক্ষেপ"
    return "বার্ষিক মূল্যায়নের সারসংক্ষেপ"


def section3_summary(breakdown: Breakdown) -> list[object]:
    """Section 3's own part (of 70) and governance part (of 30), adding up to the total (of 100)."""
    rows: list[list[object]] = [[cell(h, "head") for h in ("অংশ", "মোট নম্বর", "প্রাপ্ত নম্বর")]]
    rows.append([cell("এপিএ স্বাক্ষরকারী অফিসের কর্মসম্পাদনের ক্ষেত্র"), cell("৭০", "cellc"),
                 cell(format_score(breakdown.own_part), "cellc")])
    rows.append([cell("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র"), cell("৩০", "cellc"),
                 cell(format_score(breakdown.governance_part), "cellc")])
    rows.append([cell("সর্বমোট", "head"), cell("১০০", "head"), cell(format_score(breakdown.total), "head")])
    return [para("সেকশন ৩: কর্মসম্পাদন পরিকল্পনা", "h2"),
            *simple_grid(rows, content_width("portrait"), weights=[60, 20, 20])]


def _converted(breakdown: Breakdown) -> dict[str, float]:
    """The marks each annex brings to Section 3's governance area, by annex kind."""
    section3 = breakdown.plans.get("section3")
    if section3 is None:
        return {}
    return {r.feeds_from: r.score for r in section3.indicators() if r.feeds_from}


def annex_summary(breakdown: Breakdown) -> list[object]:
    """Each annex plan (4-8, in order) with its own maximum and obtained marks, and the marks it
    converts to in Section 3's governance area."""
    totals = breakdown.annex_totals()
    converted = _converted(breakdown)
    rows: list[list[object]] = [[cell(h, "head") for h in ("সংযোজনী", "মোট নম্বর", "প্রাপ্ত নম্বর",
                                                           "সুশাসন ও সংস্কারমূলক ক্ষেত্রে রূপান্তরিত নম্বর")]]
    for kind in ANNEX_KINDS:
        if kind not in totals:
            continue
        obtained, total = totals[kind]
        rows.append([cell(f"সংযোজনী {ANNEX_NUMBERS[kind]}: {ANNEX_TITLES[kind]}"), cell(format_score(total), "cellc"),
                     cell(format_score(obtained), "cellc"),
                     cell(format_score(converted[kind]) if kind in converted else "-", "cellc")])
    if len(rows) == 1:
        return []
    return [para("সংযোজনী ৪-৮: সুশাসন ও সংস্কারমূলক কর্মপরিকল্পনাসমূহ", "h2"),
            *simple_grid(rows, content_width("portrait"), weights=[52, 14, 14, 20])]


def score_summary(office_year: OfficeYear, breakdown: Breakdown) -> list[object]:
    """The report's summary: Section 3's parts and total, then the annexes' own totals. A chart of
    the scores goes right after it (the one place, see :func:`apa_desktop.export.pdf.apa_pdf`)."""
    out: list[object] = [para(_title(breakdown.quarter), "h1")]
    if breakdown.plans.get("section3") is None:
        out.append(para("সেকশন ৩: প্রযোজ্য নয়", "small"))
    else:
        out += section3_summary(breakdown)
    out += annex_summary(breakdown)
    out += [para(message, "small") for message in breakdown.messages]
    return out


def evidence_list(office_year: OfficeYear, quarter: int | None) -> list[object]:
    """Per indicator and quarter reported, its evidence files; left out when nothing is reported."""
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
    if len(rows) == 1:
        return []
    return [para("প্রমাণকের তালিকা", "h1"), *simple_grid(rows, content_width("portrait"), weights=[45, 10, 35, 10])]
