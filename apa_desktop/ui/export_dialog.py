"""The PDF export dialog: the APA or a quarter's progress report, the output file, and a preview
of the first page; rendering runs off the UI thread with progress and Cancel. The PDF and
signing modules are imported only when used, so the main window starts as fast as before.

The preview is drawn by poppler's ``pdftoppm`` (QtPdf is not in PySide6-Essentials); without it
the dialog says so and the export still works."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..core.model import REGISTER_KINDS, annex_kinds, register_kinds
from ..db import Store
from ..export.names import pdf_name
from .errors import error_text
from .i18n import tr
from .widgets import PathField, default_folder, quarter_combo
from .workers import Job, Report, run_in_background

PREVIEW_DPI = 60
PREVIEW_WIDTH = 360


@dataclass(frozen=True)
class Exported:
    """What one export produced: the file, which report (None: the APA) and the first page as
    PNG (None without pdftoppm)."""

    path: Path
    quarter: int | None
    preview_png: bytes | None
    part: str | None = None
    """The annex plan or register exported on its own (None: the whole document)."""


def first_page_png(pdf: bytes, dpi: int = PREVIEW_DPI) -> bytes | None:
    """The first page rendered to PNG by pdftoppm, or None when pdftoppm is missing or fails."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="apa-preview-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "page"
        source.write_bytes(pdf)
        done = subprocess.run([tool, "-f", "1", "-l", "1", "-r", str(dpi), "-png", "-singlefile", str(source),
                               str(target)], capture_output=True, timeout=60, check=False)
        png = target.with_suffix(".png")
        return png.read_bytes() if done.returncode == 0 and png.exists() else None


class ExportDialog(QDialog):
    """Export the open office-year's APA or progress report to a PDF file, with a preview; with
    ``can_sign``, the exported report can then be signed (the sign dialog opens on it)."""

    exported = Signal(object)
    """The :class:`Exported` result (after a successful export)."""
    signed = Signal(object)
    """The signed PDF's path, when the report was signed from here."""
    finished_work = Signal()

    def __init__(self, store: Store, office_year_id: int, parent: QWidget | None = None,
                 can_sign: bool = False) -> None:
        super().__init__(parent)
        self.store, self.office_year_id = store, office_year_id
        self.job: Job | None = None
        self.can_sign = can_sign
        self.result_: Exported | None = None
        office_year = store.load(office_year_id)
        self.office_id, self.fiscal_year = office_year.office.id, office_year.fiscal_year
        self.setWindowTitle(tr("export_title"))
        self.setMinimumWidth(520)
        self.quarter = quarter_combo(self)
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(office_year.report_quarter)))
        self.part = QComboBox(self)
        self.part.addItem(tr("whole_document"), None)
        for kind in annex_kinds(office_year) + register_kinds(office_year):
            self.part.addItem(tr(kind), kind)
        self.output = PathField(tr("choose_output"), "save", "PDF (*.pdf)", self)
        self._suggest()
        self.quarter.currentIndexChanged.connect(lambda _: self._suggest())
        self.part.currentIndexChanged.connect(lambda _: self._suggest())
        self.preview = QLabel(tr("preview"), self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, int(PREVIEW_WIDTH * 1.414))
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("border: 1px solid #bbb; background: #f4f4f4;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(tr("document"), self.quarter)
        form.addRow(tr("part"), self.part)
        form.addRow(tr("output_file"), self.output)
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton(tr("export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.export)
        self.sign_button = buttons.addButton(tr("sign_pdf"), QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(self.open_sign_dialog)
        self.sign_button.setEnabled(False)
        self.sign_button.setVisible(self.can_sign)
        buttons.addButton(tr("close"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _choice(self) -> tuple[int | None, str | None]:
        """The chosen quarter and part; a register has no quarter (the choice is disabled)."""
        part = self.part.currentData()
        self.quarter.setEnabled(part not in REGISTER_KINDS)
        return (None if part in REGISTER_KINDS else self.quarter.currentData()), part

    def _suggest(self) -> None:
        """Offer the CLI's file name for the chosen document, unless the clerk typed another name."""
        current = self.output.path()
        if current is None or current.name.startswith(f"{self.office_id}-{self.fiscal_year}-"):
            folder = current.parent if current is not None else default_folder()
            self.output.set_path(folder / pdf_name(self.office_id, self.fiscal_year, *self._choice()))

    def export(self) -> Job | None:
        """Render, write and preview off the UI thread; the result arrives in :meth:`_done`."""
        target = self.output.path()
        if target is None:
            self.message.setText(tr("choose_output"))
            return None
        office_year = self.store.load(self.office_year_id)
        quarter, part = self._choice()

        def work(report: Report) -> Exported | None:
            from ..export.pdf import (
                document_pdf,  # ReportLab (≈0.25 s) only when exporting
            )

            report(0, 3)
            pdf = document_pdf(office_year, quarter, part)
            if not report(1, 3):
                return None
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
            report(2, 3)
            png = first_page_png(pdf)
            report(3, 3)
            return Exported(target, quarter, png, part)

        self.export_button.setEnabled(False)
        self.message.setText(tr("working"))
        self.job = run_in_background(self, tr("working"), work, self._done)
        return self.job

    def _done(self, result: Exported | None, error: Exception | None) -> None:
        self.export_button.setEnabled(True)
        if error is not None:
            self.message.setText(f"{tr('export_failed')}: {error_text(error)}")
        elif result is None:
            self.message.setText(tr("cancelled"))
        else:
            self.result_ = result
            self.message.setText(f"{tr('exported')}: {result.path}")
            self._show_preview(result.preview_png)
            self.sign_button.setEnabled(result.part is None)  # the office head signs the whole document
            self.exported.emit(result)
        self.finished_work.emit()

    def _show_preview(self, png: bytes | None) -> None:
        pixmap = QPixmap()
        if png is None or not pixmap.loadFromData(png, "PNG"):
            self.preview.setPixmap(QPixmap())
            self.preview.setText(tr("no_preview"))
            return
        self.preview.setPixmap(pixmap.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation))

    def open_sign_dialog(self) -> QDialog:
        """The sign dialog on the report just exported (same quarter, signed file beside it)."""
        from .sign_dialog import SignDialog  # the sign dialog builds on this module

        assert self.result_ is not None
        path = self.result_.path
        dialog = SignDialog(self.store, self.office_year_id, self, quarter=self.result_.quarter,
                            output=path.with_name(f"{path.stem}-signed.pdf"))
        dialog.signed.connect(self.signed.emit)
        dialog.open()
        return dialog
