"""HQ's results ("ফলাফল"): every office's total (evaluated, else self-assessed, and which), its
parts and its rank among sibling offices, sortable and filtered by superior office and tier, the
distribution of totals drawn, and the same table written to PDF or XLSX (hq/results.py ranks,
export/results_file.py writes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..core.calendar import fiscal_year_of
from ..core.charts import distribution
from ..core.numerals import format_number, format_score, to_bengali_digits
from ..export.results_file import write_results
from ..hq.results import Result, results
from ..hq.year_end import office_year_rows
from .charts import ChartWidget
from .hq_late import filter_combo, lay_out, superiors_and_tiers, today
from .i18n import tr

COLUMNS = ("results_rank", "hq_office", "superior_office", "tier", "total", "results_basis", "own_part", "gov_part")


class SortItem(QTableWidgetItem):
    """A cell shown with Bengali digits that sorts by its number."""

    def __init__(self, text: str, key: float) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.key < getattr(other, "key", 0.0)


def result_cells(r: Result) -> list[QTableWidgetItem]:
    own = next((o for k, o, _ in r.parts if k == "own"), None)
    gov = next((o for k, o, _ in r.parts if k == "governance"), None)
    return [SortItem(f"{format_number(r.rank, 'bn')}/{format_number(r.siblings, 'bn')}", r.rank),
            QTableWidgetItem(f"{r.office_name} ({r.office_id})"), QTableWidgetItem(r.superior_office),
            QTableWidgetItem(tr(f"tier_{r.tier}")), SortItem(format_score(r.total), r.total),
            QTableWidgetItem(tr(f"results_{r.source}")),
            SortItem("-" if own is None else format_score(own), own or 0.0),
            SortItem("-" if gov is None else format_score(gov), gov or 0.0)]


class ResultsView(QWidget):
    evaluate = Signal(str, str)
    """(office id, fiscal year) the user asked to evaluate."""

    def __init__(self, hq: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hq = hq
        self.year = QComboBox(self)
        current = fiscal_year_of(today())
        for year in sorted({current, *self.hq.fiscal_years()}, reverse=True):
            self.year.addItem(to_bengali_digits(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(self.hq.fiscal_years()[0] if self.hq.fiscal_years() else current)))
        self.superior = filter_combo(self, [], "hq_all_superiors")
        self.tier = filter_combo(self, [], "hq_all_tiers")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("results_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.chart = ChartWidget(parent=self)
        evaluate = QPushButton(tr("hq_evaluate"), self)
        evaluate.clicked.connect(self._evaluate_selected)
        export = QPushButton(tr("results_export"), self)
        export.clicked.connect(self.choose_export)
        lay_out(self, [self.year, self.superior, self.tier], [QLabel(self), evaluate, export], [760, 420])
        self.refresh()

    def refresh(self) -> None:
        rows = office_year_rows(self.hq, self.year.currentData())
        superiors_and_tiers(self, rows)
        self.results = results(rows, self.superior.currentData(), self.tier.currentData())
        header = self.table.horizontalHeader()
        sorted_by = (header.sortIndicatorSection(), header.sortIndicatorOrder()) if self.table.isSortingEnabled() else None
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.results))
        for i, r in enumerate(self.results):
            for col, item in enumerate(result_cells(r)):
                item.setData(Qt.ItemDataRole.UserRole, i)
                self.table.setItem(i, col, item)
        # the ranked order (superior office, tier, rank) until the user sorts by a column
        header.setSortIndicator(*(sorted_by or (-1, Qt.SortOrder.AscendingOrder)))
        self.table.setSortingEnabled(True)
        self.chart.set_chart(distribution([r.total for r in self.results]) if self.results else None)

    def selected(self) -> Result | None:
        row = self.table.currentRow()
        if row < 0 or self.table.item(row, 0) is None:
            return None
        return self.results[self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)]

    def _evaluate_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.evaluate.emit(chosen.office_id, self.year.currentData())

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("results_export"), "results.pdf", "PDF (*.pdf);;Excel (*.xlsx)")
        if name:
            write_results(self.results, self.year.currentData(), Path(name))
