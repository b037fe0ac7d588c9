"""The sign dialog: the office head's PKCS#12 file and passphrase (masked), the name and
designation for the visible signature box; signs the APA or the quarter's report with
``sign_office_year_report`` (which also locks the revision) and writes the signed PDF.

A wrong passphrase is caught when the key is opened, before anything is rendered or stored, and
shown in the dialog. The work runs off the UI thread on a connection of its own to the office
database (the window's store notices the write and reloads). :class:`KeyFields` is shared with
the bundle dialog."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..db import Store, open_database
from .export_dialog import PathField, default_folder, error_text, quarter_combo, suggested_name
from .i18n import tr
from .workers import Job, Report, run_in_background

if TYPE_CHECKING:
    from ..export.bundle_signing import OfficeKey

KEY_FILTER = "PKCS#12 (*.p12 *.pfx)"


class KeyFields:
    """The key file and masked passphrase rows of a form."""

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        self.key_file = PathField(tr("choose_key"), "open", KEY_FILTER, parent)
        self.passphrase = QLineEdit(parent)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("key_file"), self.key_file)
        form.addRow(tr("passphrase"), self.passphrase)

    def ready(self) -> bool:
        path = self.key_file.path()
        return path is not None and path.is_file() and bool(self.passphrase.text())

    def loader(self) -> "KeyLoader":
        """What the background work needs to open the key (read on the UI thread)."""
        path = self.key_file.path()
        assert path is not None
        return KeyLoader(path, self.passphrase.text())


@dataclass(frozen=True)
class KeyLoader:
    path: Path
    passphrase: str

    def load(self) -> OfficeKey:
        """Open the key; a wrong passphrase raises ``SigningKeyError`` with a clear message."""
        from ..export.bundle_signing import load_office_key

        return load_office_key(self.path.read_bytes(), self.passphrase)


class SignDialog(QDialog):
    """Sign the open office-year's APA or progress report and lock its revision."""

    signed = Signal(object)
    """The path of the signed PDF, after the revision was marked signed."""
    finished_work = Signal()

    def __init__(self, store: Store, office_year_id: int, parent: QWidget | None = None,
                 quarter: int | None = None, output: Path | None = None) -> None:
        super().__init__(parent)
        self.store, self.office_year_id = store, office_year_id
        self.job: Job | None = None
        office_year = store.load(office_year_id)
        self.setWindowTitle(tr("sign_title"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.quarter = quarter_combo(self)
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(quarter)))
        form.addRow(tr("document"), self.quarter)
        self.key = KeyFields(form, self)
        head = office_year.cover.office_signatory
        self.name = QLineEdit(head.name, self)
        self.designation = QLineEdit(head.designation, self)
        form.addRow(tr("name"), self.name)
        form.addRow(tr("designation"), self.designation)
        self.output = PathField(tr("choose_output"), "save", "PDF (*.pdf)", self)
        self.output.set_path(output or default_folder() / suggested_name(
            office_year.office.id, office_year.fiscal_year, quarter, "-signed"))
        form.addRow(tr("signed_file"), self.output)
        self.message = QLabel(tr("sign_note"), self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.sign_button = buttons.addButton(tr("sign"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.clicked.connect(self.sign)
        buttons.addButton(tr("close"), QDialogButtonBox.ButtonRole.RejectRole).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if store.revisions(office_year_id)[-1].locked:
            self._fail(tr("already_signed"))
            self.sign_button.setEnabled(False)

    def sign(self) -> Job | None:
        """Open the key, render, sign and lock off the UI thread, then write the signed file."""
        target = self.output.path()
        if not self.key.ready() or target is None:
            self._fail(tr("need_key"))
            return None
        loader, quarter = self.key.loader(), self.quarter.currentData()
        name, designation = self.name.text().strip(), self.designation.text().strip()
        db_path, office_year_id = self.store.path, self.office_year_id

        def work(report: Report) -> Path | None:
            from ..export.report_signing import sign_office_year_report

            report(0, 3)
            key = loader.load()
            if not report(1, 3):
                return None
            target.parent.mkdir(parents=True, exist_ok=True)  # fail before anything is locked
            store = open_database(db_path)
            try:
                pdf = sign_office_year_report(store, office_year_id, key.signer, signer_name=name,
                                              designation=designation, quarter=quarter)
            finally:
                store.close()
            report(2, 3)
            target.write_bytes(pdf)
            report(3, 3)
            return target

        self.sign_button.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(tr("working"))
        self.job = run_in_background(self, tr("working"), work, self._done)
        return self.job

    def _done(self, result: Path | None, error: Exception | None) -> None:
        self.sign_button.setEnabled(result is None)  # a signed revision is not signed twice
        if error is not None:
            self._fail(f"{tr('sign_failed')}: {error_text(error)}")
        elif result is None:
            self.message.setText(tr("cancelled"))
        else:
            self.message.setText(f"{tr('signed_ok')}: {result}")
            self.signed.emit(result)
        self.finished_work.emit()

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet("color: #a00000;")
        self.message.setText(text)
