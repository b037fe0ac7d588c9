"""Paragraph styles, page templates (portrait and landscape A4 with "পৃষ্ঠা ৩" footers) and the
paragraph helpers (tables are in :mod:`.tables`). Styles are made once: ReportLab spends real time creating them."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from ...core.numerals import to_bengali_digits
from ...core.vocabulary import METHOD_NAMES, UNIT_NAMES
from ..fonts import BOLD, FAMILY, register_fonts
from .pagerefs import PageNumbers

MARGIN = 14 * mm
PORTRAIT, LANDSCAPE = A4, landscape(A4)
UNITS_BN = {str(unit): name.bn for unit, name in UNIT_NAMES.items()}
METHODS_BN = {str(method): name.bn for method, name in METHOD_NAMES.items()}
HEADINGS = ("h1", "h2", "h2c")
"""Styles of headings: a heading is kept with what follows it (never last on a page)."""


@cache
def style(name: str) -> ParagraphStyle:
    """Named styles: body, cell, cellc (centred), head (table header), title, h1, h2, h2c
    (centred h2), subtitle (centred, the cover's period), small, center."""
    register_fonts()
    sizes = {"body": (10.5, 16), "cell": (7.5, 10), "cellc": (7.5, 10), "head": (7.5, 10), "title": (20, 30),
             "h1": (14, 21), "h2": (11.5, 17), "h2c": (11.5, 17), "subtitle": (12, 18), "small": (8.5, 12), "center": (11, 17)}
    size, leading = sizes[name]
    bold = name in ("head", "title", "h1", "h2", "h2c", "subtitle")
    centred = name in ("cellc", "head", "title", "h1", "h2c", "subtitle", "center")
    return ParagraphStyle(name, fontName=BOLD if bold else FAMILY, fontSize=size, leading=leading,
                          alignment=TA_CENTER if centred else TA_LEFT, shaping=1,
                          spaceAfter=4 if name in ("body", "h2") else 0,
                          spaceBefore=8 if name in ("h1", "h2") else 0,
                          keepWithNext=int(name in HEADINGS), wordWrap=None)


class Text(Paragraph):
    """A Paragraph that keeps its lines for the last width it was wrapped to. A table cell is
    wrapped to its column's width when the table measures its rows, again for each part of a
    table broken across pages, and again when drawn; shaping and breaking its Bengali lines was
    most of an export's time. The lines depend on the width only (the same column's width comes
    back with rounding differences of 1e-14 pt from ReportLab's arithmetic)."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # ReportLab's argument names
        # Paragraph.split drops the lines (del self.blPara) when the paragraph must move on.
        if self._wrapped is None or abs(self._wrapped[0] - availWidth) > 1e-6 or "blPara" not in self.__dict__:
            self._wrapped = (availWidth, super().wrap(availWidth, availHeight))
        return self._wrapped[1]


def para(text: str, name: str = "body") -> Paragraph:
    """A shaped paragraph of text as written: official text keeps its spelling and its digits
    (figures are formatted with Bengali digits by the callers, through core.numerals)."""
    return Text(escape(text or "").replace("\n", "<br/>"), style(name))


def cell(text: str, name: str = "cell") -> Paragraph:
    return para(text, name)


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
        self.before_save: list[Callable[[Any], None]] = []
        """Steps run on the canvas after the layout and before saving (the signature lines'
        destinations): the writer of a document passes them, so this module knows none of them."""
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
        """Lay out as usual, then define the page-number forms the contents page used and run the
        :attr:`before_save` steps, then save."""
        self._doSave = 0
        super()._endBuild()
        self.page_numbers.define_forms(self.canv)
        for step in self.before_save:
            step(self.canv)
        self.canv.save()

    def _decorate(self, canvas: object, doc: object) -> None:
        if doc.page == 1 and self.on_first_page is not None:
            self.on_first_page(canvas)
        width = canvas._pagesize[0]
        text = f"{self.footer}    পৃষ্ঠা {to_bengali_digits(str(doc.page))}"
        footer = Paragraph(escape(text), style("small"))
        _, height = footer.wrap(width - 2 * MARGIN, 20)
        footer.drawOn(canvas, MARGIN, MARGIN - height + 6)
