"""A :class:`~apa_desktop.core.charts.BarChart` drawn in the window with QPainter.

PySide6-Essentials has no Qt Charts, and a few grouped bars do not justify PySide6-Addons
(docs/charts.md gives the sizes). Qt shapes Bengali itself with the application font.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..core.charts import PALETTE, BarChart
from . import i18n
from .models.cells import digits


class ChartWidget(QWidget):
    """Grouped bars with the value over each bar, the category and its maximum under each group,
    a legend when there is more than one series, and any markers as dashed red lines."""

    def __init__(self, chart: BarChart | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_chart(self, chart: BarChart | None) -> None:
        self.chart = chart
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def paintEvent(self, event: object) -> None:
        if self.chart is None or not self.chart.categories:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        lang, d = i18n.language(), digits()
        line = painter.fontMetrics().height()
        top, bottom = line * 2.6, self.height() - line * 2.4
        plot = QRectF(8, top, self.width() - 16, max(10.0, bottom - top))
        painter.drawText(QRectF(0, 2, self.width(), line * 1.2), Qt.AlignmentFlag.AlignCenter,
                         self.chart.title.text(lang))
        self._legend(painter, lang, line)
        self._bars(painter, plot, d, lang, line)
        painter.end()

    def _legend(self, painter: QPainter, lang: str, line: float) -> None:
        if len(self.chart.series) < 2:
            return
        x = 8.0
        for i, series in enumerate(self.chart.series):
            painter.fillRect(QRectF(x, line * 1.35, line * 0.8, line * 0.8), QColor(PALETTE[i % len(PALETTE)]))
            name = series.name.text(lang)
            painter.drawText(QRectF(x + line, line * 1.2, 200, line), Qt.AlignmentFlag.AlignLeft, name)
            x += line * 1.6 + painter.fontMetrics().horizontalAdvance(name)

    def _bars(self, painter: QPainter, plot: QRectF, d: str, lang: str, line: float) -> None:
        chart = self.chart
        n_cat, n_series = len(chart.categories), len(chart.series)
        group = plot.width() / n_cat
        bar = group * 0.8 / n_series
        painter.setPen(QPen(QColor("#999999")))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for c, category in enumerate(chart.categories):
            left = plot.left() + c * group + group * 0.1
            for s in range(n_series):
                height = (plot.height() - line) * chart.share(s, c)
                rect = QRectF(left + s * bar, plot.bottom() - height, bar * 0.92, height)
                painter.fillRect(rect, QColor(PALETTE[s % len(PALETTE)]))
                painter.setPen(QColor("black"))
                if chart.value_labels and bar >= painter.fontMetrics().horizontalAdvance("৮৮.৮৮") * 0.8:
                    painter.drawText(QRectF(rect.left() - 10, rect.top() - line, rect.width() + 20, line),
                                     Qt.AlignmentFlag.AlignCenter, chart.value_text(s, c, d))
            text = category.text(lang)
            wide = max(group, painter.fontMetrics().horizontalAdvance(text) + 4.0)  # sparse labels of narrow bars
            below = QRectF(plot.left() + c * group + (group - wide) / 2, plot.bottom() + 2, wide, line * 2.2)
            if len(set(chart.maxima)) > 1:
                text += f"\n/{chart.maximum_text(c, d)}"
            painter.drawText(below, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        pen = QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine)
        for marker in chart.markers:
            x = plot.left() + marker.index * group
            painter.setPen(pen)
            painter.drawLine(int(x), int(plot.top()), int(x), int(plot.bottom()))
            painter.drawText(QRectF(x + 3, plot.top(), 200, line), Qt.AlignmentFlag.AlignLeft, marker.label.text(lang))
