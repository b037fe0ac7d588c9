"""HQ's first view, "কে বাকি" (who is late): for one quarter's report, the offices that sent it by
the deadline, late, or not yet, filtered by superior office and tier, exportable, with a chart of
reports received per day against the deadline (hq/late.py computes it all)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import calendar
from ..core.calendar import report_deadline
from ..core.errors import UserError
from ..core.numerals import format_date, format_number, to_bengali_digits
from ..export.late_file import SUFFIXES, write_late
from ..hq.late import STATUSES, Submission, default_period, per_day, submissions
from ..hq.year_end import office_year_rows
from .charts import ChartWidget
from .errors import show_error
from .i18n import tr

COLUMNS = ("late_status", "hq_office", "superior_office", "tier", "late_sent_on")
COLOURS = {"not_yet": "#f8d0d0", "late": "#fff2b3", "on_time": "#d7f0d7"}


def today() -> date:
    """The date the view is computed for: the application's today (APA_TODAY when set); tests replace it."""
    return calendar.today()


def filter_combo(parent: QWidget, values: list[str], all_key: str) -> QComboBox:
    """A combo of ``values`` with "all" first (data None); keeps the current choice when refilled."""
    combo = QComboBox(parent)
    refill(combo, values, all_key)
    return combo


def refill(combo: QComboBox, values: list[str], all_key: str, shown: Any = None) -> None:
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(tr(all_key), None)
    for value in values:
        combo.addItem(shown(value) if shown else value, value)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)


def lay_out(view: Any, combos: list[QComboBox], extras: list[QWidget], sizes: list[int]) -> None:
    """The year-end views' layout: the filter combos (each refreshing the view) and the extras in a
    row, then the table beside the chart. The views are filled by ``view.refresh``."""
    filters = QHBoxLayout()
    for combo in combos:
        filters.addWidget(combo)
        combo.currentIndexChanged.connect(lambda _: view.refresh())
    for widget in extras:
        filters.addWidget(widget, 1 if isinstance(widget, QLabel) else 0)
    splitter = QSplitter(view)
    splitter.addWidget(view.table)
    splitter.addWidget(view.chart)
    splitter.setSizes(sizes)
    layout = QVBoxLayout(view)
    layout.addLayout(filters)
    layout.addWidget(splitter, 1)


def superiors_and_tiers(view: Any, rows: list[Any]) -> None:
    """Refill the superior-office and tier filters with what ``rows`` hold (the choice kept)."""
    refill(view.superior, sorted({r.superior_office for r in rows}), "hq_all_superiors")
    refill(view.tier, sorted({r.tier for r in rows}), "hq_all_tiers", lambda t: tr(f"tier_{t}"))


class LateView(QWidget):
    def __init__(self, hq: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hq = hq
        fy, quarter = default_period(today())
        self.year = QComboBox(self)
        for year in sorted({fy, *self.hq.fiscal_years()}, reverse=True):
            self.year.addItem(to_bengali_digits(year), year)
        self.year.setCurrentIndex(self.year.findData(fy))
        self.quarter = QComboBox(self)
        for q in range(1, 5):
            self.quarter.addItem(f"{tr('q')} {format_number(q, 'bn')}", q)
        self.quarter.setCurrentIndex(quarter - 1)
        self.superior = filter_combo(self, [], "hq_all_superiors")
        self.tier = filter_combo(self, [], "hq_all_tiers")
        self.summary = QLabel(self)
        self.summary.setObjectName("late_summary")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("late_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.chart = ChartWidget(parent=self)
        export = QPushButton(tr("late_export"), self)
        export.clicked.connect(self.choose_export)
        lay_out(self, [self.year, self.quarter, self.superior, self.tier], [self.summary, export], [640, 480])
        self.refresh()

    def refresh(self) -> None:
        fy, quarter = self.year.currentData(), self.quarter.currentData()
        rows = office_year_rows(self.hq, fy)
        superiors_and_tiers(self, rows)
        self.subs = submissions(rows, fy, quarter, self.superior.currentData(), self.tier.currentData())
        self.table.setRowCount(len(self.subs))
        for i, sub in enumerate(self.subs):
            for col, text in enumerate(self.cells(sub)):
                item = QTableWidgetItem(text)
                item.setBackground(QColor(COLOURS[sub.status]))
                self.table.setItem(i, col, item)
        counts = {s: sum(1 for x in self.subs if x.status == s) for s in STATUSES}
        self.summary.setText(f"{tr('deadline')} {format_date(report_deadline(fy, quarter))}: " + ", ".join(
            f"{tr('late_' + s)} {format_number(counts[s], 'bn')}" for s in STATUSES))
        self.chart.set_chart(per_day(self.subs, fy, quarter))

    @staticmethod
    def cells(sub: Submission) -> list[str]:
        return [tr(f"late_{sub.status}"), f"{sub.office_name} ({sub.office_id})", sub.superior_office,
                tr(f"tier_{sub.tier}"), format_date(sub.sent_on) if sub.sent_on else "-"]

    def choose_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(self, tr("late_export"), "late.xlsx",
                                                   "Excel (*.xlsx);;CSV (*.csv)")
        if name:
            path = Path(name)
            if path.suffix.lower() not in SUFFIXES:  # no suffix typed: the chosen filter's
                path = path.with_name(path.name + (".csv" if "csv" in chosen else ".xlsx"))
            self.export(path)

    def export(self, path: Path) -> None:
        """The list as shown (its filters) to XLSX or CSV, by the file's suffix."""
        try:
            write_late(self.subs, path)
        except OSError as exc:
            show_error(self, UserError(f"ফাইলটি লেখা যায়নি: {path}", f"Could not write {path}: {exc}", str(path)))
