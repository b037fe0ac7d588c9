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
BASIS_MARKS = {"evaluated": "ম", "self": "স"}
BASIS_LEGEND = "ভিত্তি: ম = ঊর্ধ্বতন অফিসের মূল্যায়িত নম্বর, স = স্বমূল্যায়িত নম্বর (মূল্যায়ন হয়নি)"
HEADERS = (("ক্রম", "Rank"), ("অফিস", "Office"), ("ঊর্ধ্বতন অফিস", "Superior office"), ("স্তর", "Tier"),
           ("মোট (১০০)", "Total (100)"), ("ভিত্তি", "Basis"), ("নিজস্ব (৭০)", "Own (70)"), ("সুশাসন (৩০)", "Governance (30)"))


FIGURES_ALIGNED = (("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (2, 1), (2, -1), "RIGHT"),
                   ("ALIGN", (3, 1), (3, -1), "CENTER"), ("ALIGN", (4, 1), (5, -1), "RIGHT"))
"""The results table's figures to the right (ranks and marks compare down a column), the basis mark centred."""


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


def _one_line_cell() -> type:
    """A table cell of one shaped line (an office name), drawn as a string, a fraction of a
    Paragraph's cost; a text too wide for its column becomes a wrapping shaped Paragraph instead.

    HarfBuzz (ReportLab's ``shapeStr``) shapes each word with its trailing space once per PDF:
    offices' names repeat their words (উপজেলা নির্বাহী অফিসারের কার্যালয়, …), and a Bengali
    cluster never spans a space, so the shaped words joined (``ShapedStr`` concatenates, as
    ReportLab's own paragraphs do) draw as the whole name shaped at once would."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import shapeStr
    from reportlab.platypus import Flowable, Paragraph

    from .fonts import FAMILY
    from .pdf.styles import style

    size = style("cell").fontSize
    shaped_words: dict[str, Any] = {}

    def shaped(text: str) -> Any:
        words = [w + " " for w in text.split(" ")]
        words[-1] = words[-1][:-1]
        run = None
        for word in filter(None, words):
            if word not in shaped_words:
                shaped_words[word] = shapeStr(word, FAMILY, size)
            run = shaped_words[word] if run is None else run + shaped_words[word]
        return run or ""

    class OneLineCell(Flowable):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text, self.size = text, size
            self.fallback: Paragraph | None = None

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            if stringWidth(self.text, FAMILY, self.size) > avail_width:  # unshaped width: the safe side
                self.fallback = self.fallback or Paragraph(escape(self.text), style("cell"))
                return self.fallback.wrap(avail_width, avail_height)
            self.fallback = None
            return avail_width, style("cell").leading

        def draw(self) -> None:
            if self.fallback is not None:
                self.fallback.drawOn(self.canv, 0, 0)
                return
            self.canv.setFont(FAMILY, self.size)
            self.canv.drawString(0, self.size * 0.3, shaped(self.text))

    return OneLineCell


def results_pdf(results: Sequence[Any], fiscal_year: str) -> bytes:
    """The distribution chart, then per superior office and tier (named in the heading) a ranked
    table. Office names are shaped lines (one HarfBuzz run each): figures in Bengali digits
    and the one-letter basis mark (ম evaluated, স self-assessed, explained under the title) need
    no shaping, which keeps a thousand offices to a few seconds."""
    from reportlab.platypus import Spacer

    from .pdf.charts import ChartFlowable
    from .pdf.styles import (
        ApaDocTemplate,
        cell,
        content_width,
        para,
    )
    from .pdf.tables import simple_grid

    width = content_width("portrait")
    title = f"বার্ষিক কর্মসম্পাদন চুক্তি {with_digits(fiscal_year, 'bn')}: মূল্যায়নের ফলাফল"
    story: list[Any] = [para(title, "h1"), para(BASIS_LEGEND, "small"),
                        ChartFlowable(distribution([r.total for r in results]), width), Spacer(1, 6)]
    groups: dict[tuple[str, str], list[Any]] = {}
    for r in results:
        groups.setdefault((r.superior_office, r.tier), []).append(r)
    name_cell = _one_line_cell()
    headers = [cell(bn, "head") for bn, en in HEADERS if en not in ("Superior office", "Tier")]
    for (superior, tier), members in groups.items():
        tier_bn = TIER_NAMES.get(tier, (tier, tier))[0]
        story.append(para(f"{superior} — {tier_bn} ({format_number(len(members), 'bn')}টি অফিস)", "h2"))
        rows: list[list[Any]] = [headers]
        for r in members:
            own, gov = _part(r, "own"), _part(r, "governance")
            rows.append([format_number(r.rank, "bn"), name_cell(r.office_name),
                         format_score(r.total, "bn"), BASIS_MARKS[r.source],
                         "-" if own is None else format_score(own, "bn"), "-" if gov is None else format_score(gov, "bn")])
        story += simple_grid(rows, width, weights=[7, 45, 12, 8, 12, 12], commands=FIGURES_ALIGNED)
    buffer = io.BytesIO()
    doc = ApaDocTemplate(buffer, footer=title, title=title, author="APA Desktop")
    doc.build(story)
    return buffer.getvalue()

