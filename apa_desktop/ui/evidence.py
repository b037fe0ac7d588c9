"""Evidence (প্রমাণক): files attached to an indicator for a quarter, kept in the database by
content hash (the store checks type and size); open, preview, and the indicators of the quarter
that still have none."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.edits import resolve, set_edit
from ..core.evidence import missing_evidence
from ..core.numerals import format_code, format_number
from ..db.evidence import safe_name
from .errors import message_for
from .i18n import tr
from .models.cells import digits

FILE_FILTER = "PDF, JPG, PNG, DOCX, XLSX (*.pdf *.jpg *.jpeg *.png *.docx *.xlsx)"


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


class EvidencePanel(QWidget):
    """Evidence of the selected indicator for the selected quarter, and what is still missing."""

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.target: tuple | None = None
        self.title = QLabel(tr("select_indicator"), self)
        self.title.setWordWrap(True)
        self.files = QListWidget(self)
        self.files.currentItemChanged.connect(self._preview)
        self.files.itemDoubleClicked.connect(lambda item: self.open_file(item.data(256)))
        self.preview = QLabel(self)
        self.preview.setFixedHeight(120)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000;")
        attach = QPushButton(tr("attach"), self)
        attach.setObjectName("attach")
        attach.clicked.connect(self.choose_and_attach)
        self.attach_button = attach
        self.missing_title = QLabel(self)
        self.missing = QListWidget(self)
        buttons = QHBoxLayout()
        buttons.addWidget(attach)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.files, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.preview)
        layout.addWidget(self.missing_title)
        layout.addWidget(self.missing, 2)
        session.rescored.connect(self.refresh)  # every saved edit rescores: one refresh per edit
        session.lock_changed.connect(self.update_lock)
        self.update_lock()
        self.refresh()

    def update_lock(self) -> None:
        editable = self.session.editable
        self.attach_button.setEnabled(editable)
        self.attach_button.setToolTip("" if editable else tr("read_only") if self.session.read_only else tr("locked"))

    @property
    def quarter(self) -> int:
        return self.session.quarter or (self.session.office_year.report_quarter or 1)

    def set_target(self, path: tuple | None) -> None:
        """Show the evidence of the indicator (or NIS activity) at ``path``."""
        item = resolve(self.session.office_year, path) if path else None
        self.target = path if item is not None and hasattr(item, "evidence") else None
        self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Update the lists (only while the panel is shown: it is refreshed again when shown).

        Only what changed is replaced: refilling the lists and labels on every edit relaid out
        and repainted the whole dock each time."""
        if not self.isVisible():
            return
        oy = self.session.office_year
        q, d = self.quarter, digits()
        if self.target is not None and not hasattr(resolve(oy, self.target), "evidence"):
            self.target = None  # the row was removed (or undone)
        files: list[tuple[str, str]] = []
        if self.target is None:
            title = tr("select_indicator")
        else:
            item = resolve(oy, self.target)
            title = f"{format_code(item.code, d)} {getattr(item, 'title', '')} — {tr('q')} {format_number(q, d)}"
            files = [(self.session.store.get_evidence(sha).name, sha) for sha in item.evidence[q - 1]]
        _set_text(self.title, title)
        if files != [(self.files.item(i).text(), self.files.item(i).data(256)) for i in range(self.files.count())]:
            self.files.clear()
            for name, sha in files:
                entry = QListWidgetItem(name)
                entry.setData(256, sha)
                self.files.addItem(entry)
        missing = [f"{tr(path[1] if path[0] == 'annexes' else path[0])} {format_code(item.code, d)} "
                   f"{getattr(item, 'title', '')}" for path, item in missing_evidence(oy, q)]
        _set_text(self.missing_title, f"{tr('missing_evidence')} ({tr('q')} {format_number(q, d)}): "
                                      f"{format_number(len(missing), d)}")
        if missing != [self.missing.item(i).text() for i in range(self.missing.count())]:
            self.missing.clear()
            self.missing.addItems(missing)

    def choose_and_attach(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("attach"), "", FILE_FILTER)
        if name:
            self.attach(Path(name))

    def attach(self, file: Path) -> bool:
        """Store ``file`` and list it under the selected indicator and quarter; False with a
        message when the store refuses it (type, size) or no indicator is selected."""
        if self.target is None:
            self.message.setText(tr("select_indicator"))
            return False
        if not self.session.editable:
            self.message.setText(tr("read_only") if self.session.read_only else tr("locked"))
            return False
        try:
            sha = self.session.store.put_evidence(file.read_bytes(), file.name)
        except Exception as exc:  # noqa: BLE001 - EvidenceRejected, a vanished file, a full disk: said, never raised
            self.message.setText(message_for(exc))
            return False
        self.message.setText("")
        path = self.target + ("evidence", self.quarter - 1)
        current = list(resolve(self.session.office_year, path))
        if sha in current:
            return True
        return self.session.apply([set_edit(self.session.office_year, path, current + [sha])], tr("attach"))

    def _preview(self, entry: QListWidgetItem | None) -> None:
        self.preview.clear()
        if entry is None:
            return
        evidence = self.session.store.get_evidence(entry.data(256))
        if evidence.mime.startswith("image/"):
            pixmap = QPixmap()
            pixmap.loadFromData(evidence.data)
            self.preview.setPixmap(pixmap.scaledToHeight(118))
        else:
            self.preview.setText(f"{evidence.name} ({format_number(evidence.size // 1024 + 1, digits())} KB)")

    def open_file(self, sha: str) -> None:
        """Open an evidence file with the system's viewer (a copy in the temporary folder)."""
        evidence = self.session.store.get_evidence(sha)
        folder = Path(tempfile.mkdtemp(prefix="apa-evidence-"))
        target = folder / safe_name(evidence.name)  # a stored name never leads out of the folder
        target.write_bytes(evidence.data)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
