"""The NIS tab's heading field: the office the integrity plan is headed with (আঞ্চলিক/মাঠ
পর্যায়ের কার্যালয়ের নাম), the office-year's own, edited like any cell (saved, undoable, audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ..core.edits import set_edit
from .i18n import tr

PATH = ("nis", "office_label")


class NisHeading(QWidget):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.field = QLineEdit(session.office_year.nis.office_label, self)
        self.field.setObjectName("nis_office_label")
        self.field.editingFinished.connect(self.commit)
        self.field.setReadOnly(not session.editable)
        QFormLayout(self).addRow(tr("nis_office_label"), self.field)
        session.changed.connect(lambda edits: any(e.path[:2] == PATH or not e.path[1:] for e in edits) and self.refresh())

    def refresh(self) -> None:
        self.field.setText(self.session.office_year.nis.office_label)

    def commit(self) -> None:
        text = self.field.text().strip()
        if text != self.session.office_year.nis.office_label:
            self.session.apply([set_edit(self.session.office_year, PATH, text)], tr("nis_office_label"))


def with_heading(tab: QWidget, session) -> QWidget:
    """``tab`` (the NIS TableTab) with the heading field above its table."""
    tab.layout().insertWidget(0, NisHeading(session, tab))
    return tab
