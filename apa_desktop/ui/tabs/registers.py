"""The e-Nothi disposal-rate worksheet: subject, e-Nothi count, the per-branch hard-file table and
the computed rate beside the stated one (the computed rate is never overwritten)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.edits import Edit, set_edit
from ...core.model import EnothiWorksheet
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
                ("subject", ("registers", "enothi", "subject"), "text")])], body)
            form.setFixedHeight(96)
            layout.addWidget(form)
            rates = QFormLayout()
            rates.addRow(tr("computed_rate"), self.rate)
            stated = worksheet.stated_rate
            rates.addRow(tr("stated_rate"), QLabel("" if stated is None else format_number(stated, digits()) + "%"))
            count = worksheet.enothi_count
            rates.addRow(tr("enothi_count"), QLabel("" if count is None else format_number(count, digits())))
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
