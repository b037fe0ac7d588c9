"""The bundle dialog (office side): send the open office-year to headquarters as one signed
``.apabundle`` file on a USB drive or in a folder, see every bundle sent with HQ's decision and
comment, and take HQ's receipt in.

Export and receipt import run off the UI thread: ``export_bundle`` gets a store connection of
its own there and logs the bundle through it; the history is read through the window's store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStorageInfo, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.numerals import format_number, to_bengali_digits
from ..db import Store, open_database
from ..db.bundles_schema import SentBundle
from .errors import error_text
from .i18n import tr
from .sign_dialog import KeyFields
from .widgets import PathField
from .workers import Job, Report, run_in_background

if TYPE_CHECKING:
    from ..export.bundle_export import ExportResult

HISTORY_COLUMNS = ("created_at", "fiscal_year", "revision", "sequence", "file", "status", "hq_comment")
STATUS_BRUSHES = {"accepted": QBrush(QColor("#d6f0d6")), "returned": QBrush(QColor("#f8d0d0"))}
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


def removable_drives() -> list[tuple[str, Path]]:
    """Mounted, writable drives that look removable (Linux/macOS mount places, Windows drive
    letters other than the system drive): (label, root path)."""
    drives = []
    for volume in QStorageInfo.mountedVolumes():
        root = volume.rootPath()
        if not (volume.isValid() and volume.isReady()) or volume.isReadOnly():
            continue
        windows_drive = len(root) <= 3 and root[1:2] == ":" and root[:1].upper() != "C"
        if windows_drive or any(root.startswith(prefix) for prefix in REMOVABLE_ROOTS):
            drives.append((f"{volume.displayName()} ({root})", Path(root)))
    return drives


def history_row(bundle: SentBundle) -> list[str]:
    """One bundle sent, as shown (in HISTORY_COLUMNS order; figures in Bengali digits)."""
    figures = (bundle.created_at[:16].replace("T", " "), bundle.fiscal_year, str(bundle.revision), str(bundle.sequence))
    return [*map(to_bengali_digits, figures), bundle.file_name, tr(f"bundle_{bundle.status}"), bundle.hq_comment]


class BundleDialog(QDialog):
    """Write the office-year's bundle, list the bundles sent, import HQ's receipts."""

    finished_work = Signal()
    exported = Signal(object)
    """A bundle was written (and queued in the outbox): the window's sender sends it."""

    def __init__(self, store: Store, office_year_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.office_year_id = store, office_year_id
        self.office_id = store.load(office_year_id).office.id
        self.job: Job | None = None
        self.setWindowTitle(tr("bundle_title"))
        self.resize(900, 640)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self._send_box())
        layout.addWidget(self._history_box(), 1)
        layout.addWidget(self._receipt_box())
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("close"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.refresh()

    def _send_box(self) -> QGroupBox:
        box = QGroupBox(tr("send"), self)
        form = QFormLayout(box)
        self.destination = QComboBox(self)
        self.destination.setEditable(True)
        for label, root in removable_drives():
            self.destination.addItem(label, str(root))
        self.destination.setCurrentIndex(0 if self.destination.count() else -1)
        choose = QPushButton(tr("choose_folder"), self)
        choose.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.destination, 1)
        row.addWidget(choose)
        form.addRow(tr("destination"), row)
        self.key = KeyFields(form, self)
        self.send_button = QPushButton(tr("send"), self)
        self.send_button.clicked.connect(self.send)
        form.addRow(self.send_button)
        return box

    def _history_box(self) -> QGroupBox:
        box = QGroupBox(tr("sent_history"), self)
        self.history = QTableWidget(0, len(HISTORY_COLUMNS), self)
        self.history.setHorizontalHeaderLabels([tr(key) for key in HISTORY_COLUMNS])
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(box).addWidget(self.history)
        return box

    def _receipt_box(self) -> QGroupBox:
        box = QGroupBox(tr("receipt"), self)
        form = QFormLayout(box)
        self.receipt_file = PathField(tr("receipt_file"), "open", "APA receipt (*.apareceipt)", self)
        self.hq_cert = PathField(tr("hq_cert"), "open", "Certificate (*.crt *.pem *.cer *.der)", self)
        form.addRow(tr("receipt_file"), self.receipt_file)
        form.addRow(tr("hq_cert"), self.hq_cert)
        self.receipt_button = QPushButton(tr("import_receipt"), self)
        self.receipt_button.clicked.connect(self.take_receipt)
        form.addRow(self.receipt_button)
        return box

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("choose_folder"), self.destination.currentText())
        if name:
            self.destination.setEditText(name)

    def destination_folder(self) -> Path | None:
        """The chosen drive's root (a listed drive) or the folder typed or picked."""
        index = self.destination.findText(self.destination.currentText())
        if index >= 0 and self.destination.itemData(index):
            return Path(self.destination.itemData(index))
        text = self.destination.currentText().strip()
        return Path(text).expanduser() if text else None

    def refresh(self) -> None:
        """The bundles this office sent, newest first, with HQ's decision and comment."""
        bundles = list(reversed(self.store.sent_bundles(self.office_id)))
        self.history.setRowCount(len(bundles))
        for r, bundle in enumerate(bundles):
            for c, text in enumerate(history_row(bundle)):
                item = QTableWidgetItem(text)
                if bundle.status in STATUS_BRUSHES:
                    item.setBackground(STATUS_BRUSHES[bundle.status])
                self.history.setItem(r, c, item)
        self.history.resizeColumnsToContents()

    def send(self) -> Job | None:
        """Open the key and write the bundle off the UI thread."""
        folder = self.destination_folder()
        if folder is None:
            self._fail(tr("need_destination"))
            return None
        if not self.key.ready():
            self._fail(tr("need_key"))
            return None
        loader, db_path, office_year_id = self.key.loader(), self.store.path, self.office_year_id

        def work(report: Report) -> ExportResult | None:
            from ..export.bundle_export import export_bundle
            from ..sync.sender import queue_export

            report(0, 2)
            key = loader.load()
            if not report(1, 2):
                return None
            store = open_database(db_path)
            try:
                result = export_bundle(store, office_year_id, key, folder)
                office_id = next(i.office_id for i in store.office_years() if i.id == office_year_id)
                queue_export(store, office_id, result.path, result.sha256)  # the outbox sends it to HQ
            finally:
                store.close()
            report(2, 2)
            return result

        def done(result: ExportResult | None, error: Exception | None) -> None:
            if error is None and result is not None:
                self._ok(f"{tr('bundle_written')}: {result.path} ({format_number(result.size / 1024, 'bn', 1)} KB)")
            self._finish(result, error, "bundle_failed")
            if error is None and result is not None:
                self.exported.emit(result)

        return self._start(work, done)

    def take_receipt(self) -> Job | None:
        """Verify HQ's receipt (with HQ's certificate the first time) and mark the bundle."""
        receipt, cert = self.receipt_file.path(), self.hq_cert.path()
        if receipt is None or not receipt.is_file():
            self._fail(tr("need_receipt"))
            return None
        db_path = self.store.path

        def work(report: Report) -> dict[str, Any]:
            from ..export.bundle_export import import_receipt

            report(0, 1)
            result = import_receipt(db_path, receipt.read_bytes(), cert.read_bytes() if cert is not None else None)
            report(1, 1)
            return result

        def done(result: dict[str, Any] | None, error: Exception | None) -> None:
            if error is None and result is not None:
                self._ok(f"{tr('receipt_done')}: {tr('bundle_' + result['decision'])} — {result['comment']}")
            self._finish(result, error, "receipt_failed")

        return self._start(work, done)

    def _start(self, work: Callable[[Report], Any], done: Callable[[Any, Exception | None], None]) -> Job:
        for button in (self.send_button, self.receipt_button):
            button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(tr("working"))
        self.job = run_in_background(self, tr("working"), work, done)
        return self.job

    def _finish(self, result: object, error: Exception | None, failed_key: str) -> None:
        for button in (self.send_button, self.receipt_button):
            button.setEnabled(True)
        if error is not None:
            self._fail(f"{tr(failed_key)}: {error_text(error)}")
        elif result is None:
            self.message.setText(tr("cancelled"))
        self.refresh()
        self.finished_work.emit()

    def _ok(self, text: str) -> None:
        self.message.setStyleSheet("color: #006000;")
        self.message.setText(text)

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet("color: #a00000;")
        self.message.setText(text)
