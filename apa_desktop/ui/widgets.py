"""Widgets shared by the export, sign and bundle dialogs: a path with a Browse button, the
quarter choice and the folder a file dialog starts in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..core.numerals import format_number
from .i18n import tr
from .models.cells import digits


class PathField(QWidget):
    """A path in a line edit (settable by tests and by typing) with a Browse button."""

    def __init__(self, caption: str, mode: str, file_filter: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption, self.mode, self.file_filter = caption, mode, file_filter
        self.edit = QLineEdit(self)
        button = QPushButton(tr("browse"), self)
        button.clicked.connect(self.browse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(button)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path | str) -> None:
        self.edit.setText(str(path))

    def browse(self) -> None:
        start = self.edit.text()
        if self.mode == "save":
            name, _ = QFileDialog.getSaveFileName(self, self.caption, start, self.file_filter)
        elif self.mode == "open":
            name, _ = QFileDialog.getOpenFileName(self, self.caption, start, self.file_filter)
        else:
            name = QFileDialog.getExistingDirectory(self, self.caption, start)
        if name:
            self.set_path(name)


def quarter_combo(parent: QWidget) -> QComboBox:
    """The APA alone (data None) or the progress report up to quarter 1-4 (4: annual self-evaluation)."""
    combo = QComboBox(parent)
    combo.addItem(tr("plan_only"), None)
    for quarter in (1, 2, 3):
        combo.addItem(f"{tr('q')} {format_number(quarter, digits())} — {tr('progress_report')}", quarter)
    combo.addItem(tr("annual_evaluation"), 4)
    return combo


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()
