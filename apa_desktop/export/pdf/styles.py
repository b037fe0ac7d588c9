"""Paragraph styles, page templates (portrait and landscape A4 with "পৃষ্ঠা ৩" footers) and the
cell helpers every table uses. Styles are made once: ReportLab spends real time creating them."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate,
                                Paragraph, Table, TableStyle)

from ...core.numerals import to_bengali_digits
from ..fonts import BOLD, FAMILY, register_fonts
from .pagerefs import PageNumbers

MARGIN = 14 * mm
PORTRAIT, LANDSCAPE = A4, landscape(A4)
UNITS_BN = {"count": "সংখ্যা", "percent": "%", "date": "তারিখ", "count_date": "সংখ্যা ও তারিখ",
            "marks": "প্রাপ্ত নম্বর"}
METHODS_BN = {"sum": "সমষ্টি", "mean": "গড়", "date": "তারিখ", "cumulative": "ক্রমপুঞ্জিভূত"}
GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # plain-string cells must not pull in Helvetica
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
])


@cache
def style(name: str) -> ParagraphStyle:
    """Named styles: body, cell, cellc (centred), head (table header), title, h1, h2, subtitle
    (centred, the cover's period), small, center."""
    register_fonts()
    sizes = {"body": (10.5, 16), "cell": (7.5, 10), "cellc": (7.5, 10), "head": (7.5, 10), "title": (20, 30),
             "h1": (14, 21), "h2": (11.5, 17), "subtitle": (12, 18), "small": (8.5, 12), "center": (11, 17)}
    size, leading = sizes[name]
    bold = name in ("head", "title", "h1", "h2", "subtitle")
    centred = name in ("cellc", "head", "title", "h1", "subtitle", "center")
    return ParagraphStyle(name, fontName=BOLD if bold else FAMILY, fontSize=size, leading=leading,
                          alignment=TA_CENTER if centred else TA_LEFT, shaping=1,
                          spaceAfter=4 if name in ("body", "h2") else 0,
                          spaceBefore=8 if name in ("h1", "h2") else 0, wordWrap=None)


def para(text: str, name: str = "body") -> Paragraph:
    """A shaped paragraph of text as written: official text keeps its spelling and its digits
    (figures are formatted with Bengali digits by the callers, through core.numerals)."""
    return Paragraph(escape(text or "").replace("\n", "<br/>"), style(name))


def cell(text: str, name: str = "cell") -> Paragraph:
    return para(text, name)


def grid(rows: list[list[object]], widths: list[float], header_rows: int = 1,
         extra: list[tuple] | None = None) -> Table:
    """A bordered table whose header rows repeat on every page and whose rows never split."""
    # A cell spanning several columns has their width together: it does not widen its first column.
    spanning = {(start[1], start[0]) for command, start, end, *_ in (extra or [])
                if command == "SPAN" and start[0] != end[0]}
    table = Grid(rows, colWidths=fit_longest_words(rows, widths, spanning), repeatRows=header_rows,
                 splitInRow=0, hAlign="CENTER")
    table.setStyle(GRID)
    commands = [("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8e8e8"))]
    table.setStyle(TableStyle(commands + (extra or [])))
    return table


class Grid(Table):
    """A table that, when it breaks across pages, carries at least two rows besides the repeated
    header onto the next page: a total row never stands alone under a repeated header.

    ReportLab has no public row count or row heights for a split part, so this reads its
    ``_cellvalues`` and ``_rowHeights``; tests/test_pdf_export.py notices if they change."""

    def split(self, available_width: float, available_height: float) -> list[Table]:
        parts = super().split(available_width, available_height)
        while (len(parts) == 2 and len(parts[1]._cellvalues) - self.repeatRows < 2
               and len(parts[0]._cellvalues) - self.repeatRows > 1):
            available_height -= parts[0]._rowHeights[-1]
            parts = super().split(available_width, available_height)
        return parts


def total_row(rows: list[list[object]], text: str) -> tuple:
    """Append a last row holding ``text`` across the whole table (so a total never stands alone
    on a page of its own); returns the SPAN command for it."""
    rows.append([para(text, "h2")] + [""] * (len(rows[0]) - 1))
    return ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1))


def _longest_word(item: object) -> float:
    if not isinstance(item, Paragraph):
        return 0.0
    st = item.style
    words = item.text.replace("<br/>", " ").split()
    return max((stringWidth(w, st.fontName, st.fontSize) for w in words), default=0.0)


def fit_longest_words(rows: list[list[object]], widths: list[float],
                      skip: Collection[tuple[int, int]] = ()) -> list[float]:
    """Widen columns whose longest word would not fit (ReportLab would split it mid-cluster and
    print a broken conjunct), taking the room from columns with slack. The unshaped width is
    used: it is a little wider than the shaped one, which is the safe side. Cells at (row,
    column) in ``skip`` are left out."""
    padding = 10.0  # 4 pt cell padding + room for shaping and kerning differences
    needed = [0.0] * len(widths)
    for r, row in enumerate(rows):
        for index, item in enumerate(row):
            if (r, index) not in skip:
                needed[index] = max(needed[index], _longest_word(item) + padding)
    fitted = [max(w, n) for w, n in zip(widths, needed)]
    excess = sum(fitted) - sum(widths)
    slack = [max(f - n, 0.0) for f, n in zip(fitted, needed)]
    if excess > 0 and sum(slack) > 0:
        share = min(excess / sum(slack), 1.0)
        fitted = [f - s * share for f, s in zip(fitted, slack)]
    return fitted


def scaled(fractions: list[float], width: float) -> list[float]:
    total = sum(fractions)
    return [width * f / total for f in fractions]


def content_width(orientation: str) -> float:
    size = LANDSCAPE if orientation == "landscape" else PORTRAIT
    return size[0] - 2 * MARGIN


def switch_to(orientation: str) -> list[object]:
    """Flowables that start a new page in the given orientation."""
    return [NextPageTemplate(orientation), PageBreak()]


class ApaDocTemplate(BaseDocTemplate):
    """Portrait and landscape A4 pages with a footer line: office, fiscal year, "পৃষ্ঠা n"."""

    def __init__(self, buffer: object, footer: str, title: str, author: str,
                 page_numbers: PageNumbers | None = None, first_page: str = "portrait") -> None:
        super().__init__(buffer, pagesize=PORTRAIT, title=title, author=author, creator="APA Desktop",
                         leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
                         initialFontName=register_fonts())
        self.footer = footer
        self.on_first_page = None
        self.page_numbers = page_numbers or PageNumbers()
        templates = []
        for name, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
            frame = Frame(MARGIN, MARGIN + 4 * mm, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - 4 * mm,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)
            templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, onPage=self._decorate))
        templates.sort(key=lambda template: template.id != first_page)  # the first page's template first
        self.addPageTemplates(templates)

    def afterFlowable(self, flowable: object) -> None:
        self.page_numbers.record(flowable, self.page)

    def _endBuild(self) -> None:
        """Lay out as usual, then define the page-number forms the contents page used, then save."""
        self._doSave = 0
        super()._endBuild()
        self.page_numbers.define_forms(self.canv)
        self.canv.save()

    def _decorate(self, canvas: object, doc: object) -> None:
        if doc.page == 1 and self.on_first_page is not None:
            self.on_first_page(canvas)
        width = canvas._pagesize[0]
        text = f"{self.footer}    পৃষ্ঠা {to_bengali_digits(str(doc.page))}"
        footer = Paragraph(escape(text), style("small"))
        _, height = footer.wrap(width - 2 * MARGIN, 20)
        footer.drawOn(canvas, MARGIN, MARGIN - height + 6)
