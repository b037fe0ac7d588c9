"""The re-base preview: row by row what taking a newer template does to one part (unchanged,
changed, added, removed), removed rows that hold achievements first and in red; applying it is
one edit of the part, undone with Undo and audited."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.edits import set_edit
from ..core.numerals import format_code, format_number
from ..core.rebase import RebasePreview, part_path, preview, rebased
from ..core.templates import Template
from .i18n import tr
from .models.cells import digits


class RebaseDialog(QDialog):
    """Preview re-basing the session's part on ``template``; Apply makes it one undoable edit."""

    def __init__(self, session, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.template = session, template
        self.preview: RebasePreview = preview(session.office_year, template)
        self.setWindowTitle(tr("rebase_title"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        head = QLabel(tr("rebase_head").replace("{old}", self.preview.old_id or "-").replace("{new}", template.id), self)
        head.setWordWrap(True)
        layout.addWidget(head)
        lost = self.preview.lost()
        self.warning = QLabel(tr("rebase_lost").replace("{n}", format_number(len(lost), digits())) if lost else "", self)
        self.warning.setObjectName("rebase_lost")
        self.warning.setStyleSheet("color: #a00000; font-weight: bold;")
        self.warning.setVisible(bool(lost))
        layout.addWidget(self.warning)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("rebase_rows")
        self.table.setHorizontalHeaderLabels([tr("rebase_status"), tr("code"), tr("title"), tr("rebase_changed")])
        for change in self.preview.ordered():
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = [tr(f"rebase_row_{change.status}") + (" ‼" if change.loses_report else ""),
                     format_code(change.code, digits()), change.title,
                     ", ".join(tr(f"rebase_field_{name}") for name in change.changed)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if change.loses_report:
                    item.setForeground(QColor("#a00000"))
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, 480)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #a00000;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("cancel"))
        self.apply_button = buttons.addButton(tr("rebase_apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("rebase_apply")
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not session.editable:
            self.apply_button.setEnabled(False)
            self.message.setText(tr("rebase_signed"))

    def apply(self) -> bool:
        """Re-base the part as previewed, as one edit (Undo takes it back)."""
        office_year = self.session.office_year
        edit = set_edit(office_year, part_path(self.template.kind), rebased(office_year, self.template))
        if not self.session.apply([edit], tr("rebase_title")):
            self.message.setText(tr("rebase_signed"))
            return False
        self.accept()
        return True
