"""The registers with more than one table: the e-Nothi disposal-rate worksheet (subject, e-Nothi
count, the per-branch hard-file table and the computed rate beside the stated one, which is never
overwritten) and the older innovation-plan progress reports (one report at a time)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.edits import Edit, insert_edit, remove_edit, set_edit
from ...core.model import EnothiWorksheet, InnovationProgressReport
from ...core.numerals import format_number
from ...core.scoring import enothi_rate
from ..i18n import tr
from ..models.cells import digits
from ..models.list_models import list_model
from .forms import FormTab
from .table_tab import TableTab


class EnothiTab(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.layout_ = QVBoxLayout(self)
        self.rate = QLabel(self)
        self.rate.setObjectName("computed_rate")
        self._body: QWidget | None = None
        self._build()
        session.changed.connect(self._on_changed)
        session.lock_changed.connect(self._build)

    def _build(self) -> None:
        if self._body is not None:
            self._body.deleteLater()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        worksheet = self.session.office_year.registers.enothi
        if worksheet is None:
            button = QPushButton(tr("new_office_year") + " — " + tr("enothi"), body)
            button.clicked.connect(self._create)
            button.setEnabled(self.session.editable)
            layout.addWidget(button)
            layout.addStretch(1)
        else:
            form = FormTab(self.session, [("enothi", [
                ("subject", ("registers", "enothi", "subject"), "text"),
                ("enothi_count", ("registers", "enothi", "enothi_count"), "number"),
                ("stated_rate", ("registers", "enothi", "stated_rate"), "number")])], body)
            form.setFixedHeight(200)
            layout.addWidget(form)
            rates = QFormLayout()
            rates.addRow(tr("computed_rate"), self.rate)
            layout.addLayout(rates)
            layout.addWidget(TableTab(list_model(self.session, "branches", body), body), 1)
        self.layout_.addWidget(body)
        self._body = body
        self._update_rate()

    def _update_rate(self) -> None:
        worksheet = self.session.office_year.registers.enothi
        rate = enothi_rate(worksheet) if worksheet is not None else None
        self.rate.setText("" if rate is None else format_number(rate, digits(), decimals=2) + "%")

    def _create(self) -> None:
        self.session.apply([set_edit(self.session.office_year, ("registers", "enothi"), EnothiWorksheet())],
                           tr("enothi"))

    def _on_changed(self, edits: list[Edit]) -> None:
        if any(edit.path == ("registers", "enothi") for edit in edits):
            self._build()
        else:
            self._update_rate()


PROGRESS = ("registers", "innovation_progress")


class InnovationProgressTab(QWidget):
    """The innovation-plan progress reports: pick a report; its title, office and period, and
    its rows (subject, proposed work, dates, responsible, expected result, measure, progress)."""

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.choice = QComboBox(self)
        self.choice.setObjectName("progress_report_choice")
        self.choice.currentIndexChanged.connect(lambda _: self._show_report())
        self.add = QPushButton(tr("new_progress_report"), self)
        self.add.setObjectName("new_progress_report")
        self.add.clicked.connect(self.add_report)
        self.remove = QPushButton(tr("remove_progress_report"), self)
        self.remove.setObjectName("remove_progress_report")
        self.remove.clicked.connect(self.remove_report)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("innovation_report"), self))
        top.addWidget(self.choice, 1)
        top.addWidget(self.add)
        top.addWidget(self.remove)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self._body: QWidget | None = None
        self.table: TableTab | None = None
        self._fill_choice()
        session.changed.connect(self._on_changed)
        session.lock_changed.connect(self._update_lock)
        self._update_lock()

    def reports(self) -> list[InnovationProgressReport]:
        return self.session.office_year.registers.innovation_progress

    def _fill_choice(self, select: int = 0) -> None:
        self.choice.blockSignals(True)
        self.choice.clear()
        for report in self.reports():
            self.choice.addItem(_report_name(report))
        self.choice.setCurrentIndex(min(select, len(self.reports()) - 1))
        self.choice.blockSignals(False)
        self._show_report()

    def _show_report(self) -> None:
        if self._body is not None:
            self._body.deleteLater()
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        index = self.choice.currentIndex()
        self.table = None
        if index < 0:
            layout.addWidget(QLabel(tr("no_progress_reports"), body))
            layout.addStretch(1)
        else:
            path = PROGRESS + (index,)
            form = FormTab(self.session, [("innovation_report", [
                (key, path + (key,), "text") for key in ("title", "office", "period")])], body)
            form.setFixedHeight(150)
            layout.addWidget(form)
            self.table = TableTab(list_model(self.session, "innovation_progress_rows", body, path + ("rows",)), body)
            layout.addWidget(self.table, 1)
        self.layout_.addWidget(body, 1)
        self._body = body

    def add_report(self) -> bool:
        """Add an empty report after the others and show it."""
        oy = self.session.office_year
        edit = insert_edit(oy, PROGRESS, len(self.reports()), InnovationProgressReport())
        return self.session.apply([edit], tr("new_progress_report"))

    def remove_report(self) -> bool:
        """Remove the report shown, with its rows, after the clerk confirms (Undo brings it back)."""
        index = self.choice.currentIndex()
        if index < 0 or not self.session.editable:
            return False
        answer = QMessageBox.question(self, tr("remove_progress_report"),
                                      f"{tr('remove_progress_report_confirm')}\n{self.choice.currentText()}")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        edit = remove_edit(self.session.office_year, PROGRESS, index)
        return self.session.apply([edit], tr("remove_progress_report"))

    def _update_lock(self) -> None:
        self.add.setEnabled(self.session.editable)
        self.remove.setEnabled(self.session.editable and bool(self.reports()))

    def _on_changed(self, edits: list[Edit]) -> None:
        """A report added or removed (or the registers replaced): list them again; a report's
        title, office or period changed: rename it in the list."""
        reports = [edit for edit in edits if edit.path[:len(PROGRESS)] == PROGRESS]
        if any(len(edit.path) <= len(PROGRESS) + 1 for edit in reports) or any(
                PROGRESS[:len(edit.path)] == edit.path for edit in edits):
            self._fill_choice(len(self.reports()) - 1 if any(e.kind == "insert" for e in edits) else 0)
            self._update_lock()
        elif any(len(edit.path) == len(PROGRESS) + 2 for edit in reports):
            self._rename_choices()

    def _rename_choices(self) -> None:
        for i, report in enumerate(self.reports()):
            self.choice.setItemText(i, _report_name(report))


def _report_name(report: InnovationProgressReport) -> str:
    return " — ".join(part for part in (report.title, report.office, report.period) if part) or tr("innovation_report")
