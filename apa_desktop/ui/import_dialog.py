""""নথি থেকে আমদানি…": one part of the plan read from a document's text (a table copied from Word
or a PDF's text), previewed row by row (matched by code or title, new, refused with the reason,
cells kept as written, codes repaired, cells converted from Bijoy/SutonnyMJ text, with "মূল লেখা
রাখুন" to keep them as typed), and stored on confirm as one undoable change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.bijoy_text import decode_document
from ..core.importer.part_import import PARTS, PartImport, import_part
from ..core.numerals import format_code, format_number
from .i18n import language, tr

STATUS_KEYS = {"matched": "import_matched", "matched_by_title": "import_matched_title", "new": "import_new",
               "refused": "import_refused"}


class ImportPartDialog(QDialog):
    """Choose the part and the file; the preview fills in; "নিশ্চিত করে রাখুন" stores it."""

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_part")
        self.setWindowTitle(tr("import_part_title"))
        self.resize(900, 560)
        self.session = session
        self.result: PartImport | None = None
        self.part = QComboBox(self)
        for part in PARTS:
            self.part.addItem(tr(part), part)
        self.file_label = QLabel(self)
        choose = QPushButton(tr("import_choose_file"), self)
        choose.clicked.connect(self.choose_file)
        top = QHBoxLayout()
        top.addWidget(self.part)
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.rows = QTableWidget(0, 4, self)
        self.rows.setObjectName("import_rows")
        self.rows.setHorizontalHeaderLabels([tr("import_status"), tr("paste_where"), tr("paste_text"),
                                             tr("paste_reason")])
        self.keep_original = QCheckBox(tr("bijoy_keep_original"), self)
        self.keep_original.setObjectName("keep_original")
        self.keep_original.setVisible(False)
        self.keep_original.toggled.connect(lambda _: self.refresh())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(tr("paste_confirm"))
        self.ok.setEnabled(False)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.keep_original)
        layout.addWidget(buttons)
        self.part.currentIndexChanged.connect(lambda _: self.refresh())
        self.text = ""

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("import_choose_file"), "", "Text (*.txt *.tsv);;* (*)")
        if name:
            self.load(Path(name))

    def load(self, path: Path) -> None:
        self.text = decode_document(path.read_bytes())
        self.file_label.setText(path.name)
        self.refresh()

    def refresh(self) -> None:
        """The preview of the chosen part from the chosen file (nothing stored)."""
        if not self.text:
            return
        keep = self.keep_original.isChecked()
        self.result = result = import_part(self.session.office_year, self.text, self.part.currentData(), keep)
        digits = "bn" if language() == "bn" else "en"
        lines = [(tr(STATUS_KEYS[o.status]), format_code(o.code, digits) if o.code else "", o.title,
                  o.reason_bn if language() == "bn" else o.reason_en) for o in result.outcomes]
        lines += [(tr("import_repaired"), "", repair, "") for repair in result.repairs]
        lines += [(tr("import_kept"), format_number(p.line, digits), p.text,
                   p.expected_bn if language() == "bn" else p.expected_en) for p in result.problems]
        lines += [(tr("bijoy_kept" if keep else "import_converted"),
                   f"{format_number(c.line, digits)}:{format_number(c.column + 1, digits)}", c.converted, c.original)
                  for c in result.converted]
        self.keep_original.setVisible(bool(result.converted))
        self.rows.setRowCount(len(lines))
        for r, texts in enumerate(lines):
            for c, text in enumerate(texts):
                self.rows.setItem(r, c, QTableWidgetItem(str(text)))
        self.rows.resizeColumnsToContents()
        count = {s: sum(o.status == s for o in result.outcomes) for s in STATUS_KEYS}
        self.summary.setText("   ".join(f"{tr(STATUS_KEYS[s])}: {format_number(n, digits)}" for s, n in count.items())
                             + (f"   {tr('import_converted')}: {format_number(len(result.converted), digits)}"
                                if result.converted else ""))
        self.ok.setEnabled(bool(result.edits) and self.session.editable)

    def confirm(self) -> None:
        if self.result is not None and self.session.apply(self.result.edits, tr("import_part_title")):
            self.accept()
