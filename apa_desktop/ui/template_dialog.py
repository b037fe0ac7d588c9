"""A focal point's template from the official form: paste the plan's text, see its rows and its
problems (row by row), save it as a draft template of this office (core.template_text, the same
as ``apa-desktop templates from-text``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.template_rows import template_rows
from ..core.template_text import TextTemplate, template_from_text
from ..core.templates import KINDS, Template, template_tier
from ..db.templates import TemplateStore
from .errors import error_text
from .i18n import language, tr
from .models.cells import digits, show


class TemplateTextDialog(QDialog):
    """Make a draft template for ``office_year``'s office and year from pasted text."""

    def __init__(self, templates: TemplateStore, office_year, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates, self.office_year = templates, office_year
        self.result_: TextTemplate | None = None
        self.saved: Template | None = None
        self.setWindowTitle(tr("template_text_title"))
        self.resize(960, 640)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("template_kind")
        for kind in KINDS:
            self.kind.addItem(tr(f"template_kind_{kind}"), kind)
        self.total = QDoubleSpinBox(self)
        self.total.setRange(0, 100)
        self.total.setSpecialValueText(tr("template_total_printed"))
        form.addRow(tr("template_kind"), self.kind)
        form.addRow(tr("template_total"), self.total)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("template_text")
        self.text.setPlaceholderText(tr("template_text_hint"))
        self.text.textChanged.connect(self.read)
        self.kind.currentIndexChanged.connect(lambda _: self.read())
        self.total.valueChanged.connect(lambda _: self.read())
        self.rows = QTableWidget(0, 5, self)
        self.rows.setObjectName("template_rows")
        self.rows.setHorizontalHeaderLabels([tr("code"), tr("title"), tr("unit"), tr("weight"), tr("targets")])
        self.rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the title takes the room left
        self.problems = QListWidget(self)
        self.problems.setObjectName("template_problems")
        self.problems.setStyleSheet("color: #a00000;")
        self.message = QLabel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("close"))
        self.save_button = buttons.addButton(tr("template_save_draft"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("template_save")
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.rows, 2)
        layout.addWidget(QLabel(tr("template_problems"), self))
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.read()

    def _version(self, kind: str) -> int:
        key = (kind, self.office_year.fiscal_year, template_tier(self.office_year.office.tier))
        return 1 + max((t.version for t in self.templates.catalogue(self.office_year.office.id) if t.key == key),
                       default=0)

    def read(self) -> None:
        """Read the pasted text again and show its rows and problems."""
        kind = self.kind.currentData()
        text = self.text.toPlainText()
        self.result_ = template_from_text(
            kind, self.office_year.fiscal_year, template_tier(self.office_year.office.tier), text,
            total=self.total.value() or None, version=self._version(kind), status="draft",
            source=tr("template_draft_source")) if text.strip() else None
        rows = template_rows(self.result_.plan, digits()) if self.result_ and self.result_.plan else []
        self.rows.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(show(value, "unit_name") if c == 2 and value else value)
                item.setToolTip(item.text())
                self.rows.setItem(r, c, item)
        self.problems.clear()
        for problem in self.result_.problems if self.result_ else []:
            self.problems.addItem(problem.message(language()))
        self.save_button.setEnabled(bool(self.result_ and self.result_.template))

    def save(self) -> None:
        """Store the draft for this office (it then wins over a carry-over or a partial template)."""
        if not self.result_ or self.result_.template is None:
            return
        try:
            self.templates.add([self.result_.template], office_id=self.office_year.office.id)
        except UserError as exc:  # InvalidRequest: the id is taken by another template
            self.message.setText(error_text(exc))
            return
        self.saved = self.result_.template
        self.accept()
