"""A :class:`~apa_desktop.core.charts.BarChart` drawn in a PDF: bars and axes with ReportLab
graphics, labels as shaped paragraphs (a graphics ``String`` is not shaped by HarfBuzz, so
Bengali conjuncts would break; ``Paragraph(shaping=1).drawOn`` is)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from ...core.charts import PALETTE, BarChart, score_by_part
from ...core.model import OfficeYear
from ...core.scoring import score_office_year
from ..fonts import BOLD, FAMILY, register_fonts

_LABEL = 9.5  # points of label height


def _style(size: float, bold: bool = False, left: bool = False) -> ParagraphStyle:
    register_fonts()
    return ParagraphStyle("chart", fontName=BOLD if bold else FAMILY, fontSize=size, leading=size * 1.25,
                          alignment=TA_LEFT if left else TA_CENTER, shaping=1)


class ChartFlowable(Flowable):
    """Grouped bars, the value over each bar, the category (and its maximum) under each group."""

    def __init__(self, chart: BarChart, width: float, height: float = 62 * mm, lang: str = "bn") -> None:
        super().__init__()
        self.chart, self.width, self.height, self.lang = chart, width, height, lang
        self.digits = "bn" if lang == "bn" else "en"
        self.spaceBefore = 8

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(self.width, avail_width)
        return self.width, self.height

    def _text(self, text: str, x: float, y: float, width: float, size: float = 7.0, bold: bool = False,
              left: bool = False) -> None:
        """``text`` centred (or from the left) in ``width``, its top at ``y``."""
        para = Paragraph(escape(text).replace("\n", "<br/>"), _style(size, bold, left))
        _, h = para.wrap(width, 100)
        para.drawOn(self.canv, x, y - h)

    def draw(self) -> None:
        chart, w, h = self.chart, self.width, self.height
        legend = _LABEL * 1.4 if len(chart.series) > 1 else 0
        title, below = _LABEL * 1.6, _LABEL * 2.4
        plot_bottom, plot_top = below, h - title - legend - _LABEL
        group = w / len(chart.categories)
        bar = group * 0.8 / len(chart.series)
        drawing = Drawing(w, h, initialFontName=FAMILY)  # the renderer sets a font even with no text: not Helvetica
        drawing.add(Line(0, plot_bottom, w, plot_bottom, strokeColor=colors.grey, strokeWidth=0.5))
        for c in range(len(chart.categories)):
            for s in range(len(chart.series)):
                height = (plot_top - plot_bottom) * chart.share(s, c)
                x = c * group + group * 0.1 + s * bar
                drawing.add(Rect(x, plot_bottom, bar * 0.92, height, strokeColor=None,
                                 fillColor=colors.HexColor(PALETTE[s % len(PALETTE)])))
        for marker in chart.markers:
            x = marker.index * group
            drawing.add(Line(x, plot_bottom, x, plot_top, strokeColor=colors.HexColor("#c62828"),
                             strokeDashArray=[3, 2]))
        renderPDF.draw(drawing, self.canv, 0, 0)
        self._labels(plot_bottom, plot_top, group, bar, legend)

    def _labels(self, plot_bottom: float, plot_top: float, group: float, bar: float, legend: float) -> None:
        chart, lang, d = self.chart, self.lang, self.digits
        self._text(chart.title.text(lang), 0, self.height, self.width, 9, bold=True)
        if legend:
            step = self.width / len(chart.series)
            for s, series in enumerate(chart.series):
                self.canv.setFillColor(colors.HexColor(PALETTE[s % len(PALETTE)]))
                self.canv.rect(s * step + 4, self.height - _LABEL * 1.6 - 7, 6, 6, stroke=0, fill=1)
                self.canv.setFillColor(colors.black)
                self._text(series.name.text(lang), s * step + 12, self.height - _LABEL * 1.6 + 1, step - 14, left=True)
        varied = len(set(chart.maxima)) > 1
        for c, category in enumerate(chart.categories):
            for s in range(len(chart.series) if chart.value_labels else 0):
                top = plot_bottom + (plot_top - plot_bottom) * chart.share(s, c)
                x = c * group + group * 0.1 + s * bar
                self._text(chart.value_text(s, c, d), x - 6, top + _LABEL, bar + 12, 5.5 if len(chart.series) > 2 else 6.5)
            text = category.text(lang) + (f"\n/{chart.maximum_text(c, d)}" if varied else "")
            wide = max(group, 34.0)  # room for a sparse label under a narrow bar
            self._text(text, c * group + (group - wide) / 2, plot_bottom - 1, wide)
        for marker in chart.markers:
            self._text(marker.label.text(lang), marker.index * group - 40, plot_top + _LABEL, 80, 6.5)


def score_chart(office_year: OfficeYear, quarter: int, width: float) -> ChartFlowable:
    """The progress report's chart: the score by part for each quarter reported so far, or for
    the annual self-evaluation (quarter 4) the year's."""
    quarters = [None] if quarter >= 4 else list(range(1, quarter + 1))
    return ChartFlowable(score_by_part([score_office_year(office_year, q) for q in quarters]), width)
