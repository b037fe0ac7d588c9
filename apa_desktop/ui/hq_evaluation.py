"""The superior's evaluation screen at HQ: the office's own tabs, read-only, beside an evaluation
column — per indicator and NIS activity the reported achievement of the quarter, the evaluated
one (left empty to keep the reported), the evidence mark and a note — with the evaluator's name.
Saving goes through hq.evaluation.evaluate (checked, scored by the same engine, stored, audited,
and signed back to the office when HQ's key is given); the result shows reported beside evaluated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.edits import path_to_text
from ..core.errors import UserError
from ..core.evaluation import EVIDENCE
from ..core.evidence import evidence_rows
from ..core.model import NisActivity
from ..core.numerals import format_number, format_value
from ..hq.evaluation import evaluate
from ..hq.year_end import held_document
from . import i18n
from .evaluation_view import EvaluationView, row_code
from .i18n import tr

COLUMNS = ("ev_code", "ev_title", "ev_reported", "ev_evaluated", "ev_evidence", "ev_note")


class EvaluationScreen(QWidget):
    """``ask_key`` returns HQ's key and receipt folder (or None to store without a receipt)."""

    def __init__(self, hq: Any, office_id: str, fiscal_year: str, ask_key: Callable[[], Any] | None = None,
                 office_view: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hq, self.office_id, self.fiscal_year, self.ask_key = hq, office_id, fiscal_year, ask_key
        held = held_document(self.hq, office_id, fiscal_year)
        if held is None:
            raise UserError("এই অফিস-বছরের নথি নেই", "HQ holds no document for this office-year")
        self.office_year = held.office_year
        self.setWindowTitle(f"{tr('hq_evaluate')} — {self.office_year.office.name}")
        self.quarter = QComboBox(self)
        for q in range(1, 5):
            self.quarter.addItem(f"{tr('q')} {format_number(q, 'bn')}", q)
        self.quarter.setCurrentIndex(3 if self.office_year.report_quarter in (None, 4) else self.office_year.report_quarter - 1)
        self.quarter.currentIndexChanged.connect(lambda _: self.fill())
        self.by = QLineEdit(self)
        self.by.setPlaceholderText(tr("ev_by"))
        self.save_button = QPushButton(tr("ev_save"), self)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("evaluation_entries")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # part and code
        self.table.setColumnWidth(5, 260)  # room for the note
        self.table.verticalHeader().hide()
        self.result = EvaluationView(self)
        column = QWidget(self)
        rows = QVBoxLayout(column)
        head = QHBoxLayout()
        head.addWidget(self.quarter)
        head.addWidget(self.by, 1)
        head.addWidget(self.save_button)
        rows.addLayout(head)
        rows.addWidget(self.table, 2)
        rows.addWidget(self.message)
        rows.addWidget(self.result, 1)
        splitter = QSplitter(self)
        if office_view is not None:
            splitter.addWidget(office_view)
        splitter.addWidget(column)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1366, 740)
        self.fill()

    def fill(self) -> None:
        """One line per row: reported (read-only), evaluated, evidence, note (editable)."""
        q = self.quarter.currentData()
        self.paths = []
        rows = list(evidence_rows(self.office_year))
        self.table.setRowCount(len(rows))
        for i, (path, row) in enumerate(rows):
            reported = (row.achievements if isinstance(row, NisActivity) else row.quarters)[q - 1]
            cells = [row_code(path, row.code), getattr(row, "indicator", "") or row.title,
                     "-" if reported is None else format_value(reported, row.unit)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, col, item)
            self.table.setItem(i, 3, QTableWidgetItem(""))
            combo = QComboBox(self.table)
            combo.addItem("", None)
            for mark in EVIDENCE:
                combo.addItem(tr(f"evidence_{mark}"), mark)
            self.table.setCellWidget(i, 4, combo)
            self.table.setItem(i, 5, QTableWidgetItem(""))
            self.paths.append((path, "achievements" if isinstance(row, NisActivity) else "quarters"))

    def entries(self) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """What the evaluator typed, as the paths and texts hq.evaluation reads."""
        q = self.quarter.currentData()
        sets, marks, notes = {}, {}, {}
        for i, (path, cells) in enumerate(self.paths):
            text = path_to_text(path)
            value = self.table.item(i, 3).text().strip()
            if value:
                sets[f"{text}.{cells}[{q - 1}]"] = value
            mark = self.table.cellWidget(i, 4).currentData()
            if mark:
                marks[text] = mark
            note = self.table.item(i, 5).text().strip()
            if note:
                notes[text] = note
        return sets, marks, notes

    def save(self) -> bool:
        sets, marks, notes = self.entries()
        signing = self.ask_key() if self.ask_key else None
        try:
            result = evaluate(self.hq, signing.key if signing else None, self.office_id, self.fiscal_year,
                              self.quarter.currentData(), sets=sets, evidence=marks, notes=notes, by=self.by.text(),
                              out_dir=signing.out_dir if signing else None)
        except UserError as exc:
            self.message.setStyleSheet("color: #a00000;")
            self.message.setText(exc.message(i18n.language()))
            return False
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(tr("ev_saved") + (f": {result.receipt}" if result.receipt else ""))
        self.result.show_evaluation(self.office_year, result.evaluation, only_marked=True)
        return True
