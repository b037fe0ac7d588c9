"""The superior's evaluation beside the office's report: per row the reported and the evaluated
achievement and score (both from the one scoring engine, core.evaluation.compare), the evidence
mark and the evaluator's note. The office's home tab shows it once an evaluation came back; the
HQ evaluation screen shows the same table while the evaluator works."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.charts import PART_LABELS
from ..core.edits import Path
from ..core.evaluation import Evaluation, RowComparison, compare
from ..core.model import OfficeYear
from ..core.numerals import format_code, format_score, format_value
from ..core.progress import part_of
from . import i18n
from .i18n import tr
from .models.cells import digits

COLUMNS = ("ev_code", "ev_title", "ev_reported", "ev_evaluated", "ev_reported_score", "ev_evaluated_score",
           "ev_evidence", "ev_note")


def _value(value: object, unit: str, d: str) -> str:
    return format_value(value, unit, d) if value is not None else "-"


def part_name(path: Path) -> str:
    """The score part a row is in (সেকশন ৩, শুদ্ধাচার, ই-গভর্ন্যান্স, …), in the window's language."""
    part = part_of(path)
    return tr("section3") if part == "section3" else PART_LABELS[part].text(i18n.language())


def row_code(path: Path, code: str) -> str:
    """A row's code with its part: the forms number their rows afresh, [১.১.১] is in every part."""
    return f"{part_name(path)} {format_code(code, digits())}"


def comparison_cells(row: RowComparison) -> list[str]:
    d, unit = digits(), row.unit

    def score(value: float | None) -> str:
        return "-" if value is None else format_score(value, d)

    return [row_code(row.path, row.code), row.title, _value(row.reported, unit, d), _value(row.evaluated, unit, d),
            score(row.reported_score), score(row.evaluated_score),
            tr(f"evidence_{row.evidence}") if row.evidence else "", row.note]


class EvaluationView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setObjectName("evaluation_heading")
        self.heading.setStyleSheet("font-weight: bold;")
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("evaluation_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # part and code
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.rows: list[RowComparison] = []

    def show_evaluation(self, office_year: OfficeYear, evaluation: Evaluation, only_marked: bool = False) -> None:
        """Fill the table; ``only_marked`` keeps the rows the evaluator changed or commented on."""
        reported, evaluated, rows = compare(office_year, evaluation)
        if only_marked:
            rows = [r for r in rows if r.changed or r.evidence or r.note]
        self.rows = rows
        d = digits()
        self.heading.setText(tr("evaluation_heading").replace("{by}", evaluation.by)
                             .replace("{reported}", format_score(reported.total, d))
                             .replace("{evaluated}", format_score(evaluated.total, d)))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for col, text in enumerate(comparison_cells(row)):
                item = QTableWidgetItem(text)
                if row.changed and col in (3, 5):
                    item.setBackground(QColor("#fff2b3"))
                self.table.setItem(i, col, item)

