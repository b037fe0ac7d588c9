"""The published results as files: a PDF (a table per superior office and tier, and the chart of
the distribution of totals) and an XLSX (one sheet, one row per office)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..core.charts import PART_LABELS, distribution
from ..core.numerals import format_number, format_score, with_digits

TIER_NAMES = {"upazila": ("উপজেলা", "Upazila"), "district": ("জেলা", "District"), "regional": ("আঞ্চলিক", "Regional"),
              "head_office": ("প্রধান কার্যালয়", "Head office")}
SOURCE_NAMES = {"evaluated": ("মূল্যায়িত", "evaluated"), "self": ("স্বমূল্যায়িত", "self-assessed")}
HEADERS = (("ক্রম", "Rank"), ("অফিস", "Office"), ("ঊর্ধ্বতন অফিস", "Superior office"), ("স্তর", "Tier"),
           ("মোট (১০০)", "Total (100)"), ("ভিত্তি", "Basis"), ("নিজস্ব (৭০)", "Own (70)"), ("সুশাসন (৩০)", "Governance (30)"))


def _part(result: Any, key: str) -> float | None:
    return next((obtained for k, obtained, _ in result.parts if k == key), None)


def write_results(results: Sequence[Any], fiscal_year: str, out: Path) -> int:
    """Write ``results`` (hq.results.Result) as .pdf or .xlsx by the file's suffix; the row count."""
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        out.write_bytes(results_pdf(results, fiscal_year))
    elif suffix == ".xlsx":
        results_xlsx(results, out)
    else:
        raise ValueError("the output must end in .pdf or .xlsx")
    return len(results)


def results_xlsx(results: Sequence[Any], out: Path) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("results")
    annexes = [k for k in ("nis", "egov", "grs", "charter", "rti") if any(_part(r, k) is not None for r in results)]
    sheet.append([bn for bn, _ in HEADERS] + [PART_LABELS[k].bn for k in annexes] + ["ভাইবোন অফিস"])
    sheet.append(["rank", "office_id", "office_name", "superior_office", "tier", "total", "basis", "own", "governance",
                  *annexes, "siblings"])
    for r in results:
        sheet.append([r.rank, r.office_id, r.office_name, r.superior_office, r.tier, r.total, r.source,
                      _part(r, "own"), _part(r, "governance"), *[_part(r, k) for k in annexes], r.siblings])
    book.save(out)


def results_pdf(results: Sequence[Any], fiscal_year: str) -> bytes:
    """Per superior office and tier a ranked table; the distribution chart first. Only office
    names are shaped paragraphs: figures in Bengali digits need no shaping, and a thousand rows
    of paragraphs would take seconds."""
    from reportlab.platypus import Paragraph, Spacer

    from .pdf.charts import ChartFlowable
    from .pdf.styles import (
        ApaDocTemplate,
        cell,
        content_width,
        grid,
        para,
        scaled,
        style,
    )

    width = content_width("portrait")
    fy = with_digits(fiscal_year, "bn")
    title = f"বার্ষিক কর্মসম্পাদন চুক্তি {fy}: মূল্যায়নের ফলাফল"
    story: list[Any] = [para(title, "h1"), ChartFlowable(distribution([r.total for r in results]), width), Spacer(1, 6)]
    # the few words that repeat on every row are shaped once and drawn in each cell
    words = {text: cell(text, "cellc") for text in [*(bn for bn, _ in TIER_NAMES.values()),
                                                      *(bn for bn, _ in SOURCE_NAMES.values())]}
    groups: dict[tuple[str, str], list[Any]] = {}
    for r in results:
        groups.setdefault((r.superior_office, r.tier), []).append(r)
    name_style = style("cell")
    headers = [h for h in HEADERS if h[1] != "Superior office"]
    for (superior, tier), members in groups.items():
        tier_bn = TIER_NAMES.get(tier, (tier, tier))[0]
        story.append(para(f"{superior} — {tier_bn} ({format_number(len(members), 'bn')}টি অফিস)", "h2"))
        rows: list[list[Any]] = [[cell(bn, "head") for bn, _ in headers]]
        for r in members:
            own, gov = _part(r, "own"), _part(r, "governance")
            rows.append([format_number(r.rank, "bn"), Paragraph(escape(r.office_name), name_style), words[tier_bn],
                         format_score(r.total, "bn"), words[SOURCE_NAMES[r.source][0]],
                         "-" if own is None else format_score(own, "bn"), "-" if gov is None else format_score(gov, "bn")])
        story.append(grid(rows, scaled([7, 40, 11, 10, 12, 10, 10], width)))
    buffer = io.BytesIO()
    doc = ApaDocTemplate(buffer, footer=title, title=title, author="APA Desktop")
    doc.build(story)
    return buffer.getvalue()

