"""The headquarters window (read-only): the consolidated table, and a drill-down into one
office-year's score breakdown computed by the same core.scoring the office uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QSplitter, QTableWidget, QTableWidgetItem
from sqlite_utils import Database

from ..core.scoring import format_breakdown, score_office_year
from ..hq.consolidate import COLUMNS, HEADERS_BN, consolidated_rows, load_document


class HqWindow(QMainWindow):
    """Every office-year HQ holds; selecting a row shows its breakdown. Nothing here edits data."""

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle("APA Desktop — সদর দপ্তর / Headquarters")
        self.resize(1200, 720)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(HEADERS_BN))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        self.setCentralWidget(splitter)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.refresh()

    def refresh(self) -> None:
        self.rows = consolidated_rows(self.db)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, key in enumerate(COLUMNS):
                value = row[key]
                text = "-" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.statusBar().showMessage(f"{len(self.rows)} office-years")

    def _show_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self.show_office_year(self.rows[selected[0].row()]["office_id"], self.rows[selected[0].row()]["fiscal_year"])

    def show_office_year(self, office_id: str, fiscal_year: str) -> None:
        office_year = load_document(self.db, office_id, fiscal_year)
        if office_year is None:
            self.detail.setPlainText("")
            return
        breakdown = score_office_year(office_year, office_year.report_quarter)
        header = f"{office_year.office.name} ({office_id}) — {fiscal_year}\n\n"
        self.detail.setPlainText(header + format_breakdown(breakdown, digits="bn"))
