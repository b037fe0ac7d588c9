"""The sign dialog: the office head's PKCS#12 file and passphrase (masked), or a USB token
(PKCS#11 library, token and key labels, PIN; all but the PIN remembered), the name and
designation for the visible signature box; signs the APA or the quarter's report with
``sign_office_year_report`` (which also locks the revision) and writes the signed PDF.

A wrong passphrase is caught when the key is opened, before anything is rendered or stored, and
shown in the dialog. The work runs off the UI thread on a connection of its own to the office
database (the window's store notices the write and reloads). :class:`KeyFields` is shared with
the bundle dialog."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..db import Store, open_database
from ..export.names import pdf_name
from .errors import error_text
from .i18n import tr
from .widgets import PathField, default_folder, quarter_combo
from .workers import Job, Report, run_in_background

if TYPE_CHECKING:
    from ..export.bundle_signing import OfficeKey

KEY_FILTER = "PKCS#12 (*.p12 *.pfx)"
LIBRARY_FILTER = "PKCS#11 (*.so *.dll *.dylib)"
TOKEN_SETTING = "pkcs11_token"
"""Settings key: the token's library path, token label and key label (never the PIN)."""


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

    def loader(self) -> KeyLoader:
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

    @contextmanager
    def signer(self) -> Iterator[Any]:
        yield self.load().signer


class TokenFields:
    """The USB token rows of a form: PKCS#11 library, token label, key label and masked PIN."""

    def __init__(self, form: QFormLayout, parent: QWidget, remembered: dict[str, str]) -> None:
        self.library = PathField(tr("choose_library"), "open", LIBRARY_FILTER, parent)
        self.library.set_path(remembered.get("lib", ""))
        self.token_label = QLineEdit(remembered.get("token_label", ""), parent)
        self.key_label = QLineEdit(remembered.get("key_label", ""), parent)
        self.pin = QLineEdit(parent)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.rows = [self.library, self.token_label, self.key_label, self.pin]
        for key, widget in zip(("token_library", "token_label", "key_label", "pin"), self.rows):
            form.addRow(tr(key), widget)

    def ready(self) -> bool:
        path = self.library.path()
        return (path is not None and path.is_file() and bool(self.token_label.text().strip())
                and bool(self.key_label.text().strip()) and bool(self.pin.text()))

    def loader(self) -> TokenLoader:
        path = self.library.path()
        assert path is not None
        return TokenLoader(path, self.token_label.text().strip(), self.key_label.text().strip(), self.pin.text())


@dataclass(frozen=True)
class TokenLoader:
    lib: Path
    token_label: str
    key_label: str
    pin: str

    @contextmanager
    def signer(self) -> Iterator[Any]:
        """Log in to the token for one signing; a wrong PIN raises ``SigningKeyError``."""
        from ..export.signing import pkcs11_signer

        with pkcs11_signer(self.lib, self.token_label, self.key_label, self.pin) as signer:
            yield signer

    def remembered(self) -> dict[str, str]:
        return {"lib": str(self.lib), "token_label": self.token_label, "key_label": self.key_label}


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
        self.loader: KeyLoader | TokenLoader | None = None
        office_year = store.load(office_year_id)
        self.setWindowTitle(tr("sign_title"))
        self.setMinimumWidth(560)
        form = QFormLayout()
        self.quarter = quarter_combo(self)
        self.quarter.setCurrentIndex(max(0, self.quarter.findData(quarter)))
        form.addRow(tr("document"), self.quarter)
        self.source = QComboBox(self)
        self.source.addItem(tr("key_source_file"), "file")
        self.source.addItem(tr("key_source_token"), "token")
        form.addRow(tr("key_source"), self.source)
        self.key = KeyFields(form, self)
        remembered = store.get_setting(TOKEN_SETTING) or {}
        self.token = TokenFields(form, self, remembered)
        self.form = form
        self.source.currentIndexChanged.connect(self._show_source)
        self.source.setCurrentIndex(1 if remembered else 0)
        self._show_source()
        head = office_year.cover.office_signatory
        self.name = QLineEdit(head.name, self)
        self.designation = QLineEdit(head.designation, self)
        form.addRow(tr("name"), self.name)
        form.addRow(tr("designation"), self.designation)
        self.output = PathField(tr("choose_output"), "save", "PDF (*.pdf)", self)
        self.output.set_path(output or default_folder() / pdf_name(
            office_year.office.id, office_year.fiscal_year, quarter, suffix="-signed"))
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

    def _use_token(self) -> bool:
        return self.source.currentData() == "token"

    def _show_source(self) -> None:
        """The key file rows or the token rows, whichever the head signs with."""
        token = self._use_token()
        for widget in (self.key.key_file, self.key.passphrase):
            self.form.setRowVisible(widget, not token)
        for widget in self.token.rows:
            self.form.setRowVisible(widget, token)

    def sign(self) -> Job | None:
        """Open the key, render, sign and lock off the UI thread, then write the signed file."""
        target = self.output.path()
        fields = self.token if self._use_token() else self.key
        if not fields.ready() or target is None:
            self._fail(tr("need_token") if self._use_token() else tr("need_key"))
            return None
        loader, quarter = fields.loader(), self.quarter.currentData()
        name, designation = self.name.text().strip(), self.designation.text().strip()
        db_path, office_year_id = self.store.path, self.office_year_id

        def work(report: Report) -> Path | None:
            from ..export.report_signing import sign_office_year_report

            report(0, 3)
            with loader.signer() as signer:
                if not report(1, 3):
                    return None
                target.parent.mkdir(parents=True, exist_ok=True)  # fail before anything is locked
                store = open_database(db_path)
                try:
                    pdf = sign_office_year_report(store, office_year_id, signer, signer_name=name,
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
        self.loader = loader
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
            if isinstance(self.loader, TokenLoader):
                self.store.set_setting(TOKEN_SETTING, self.loader.remembered())
            self.signed.emit(result)
        self.finished_work.emit()

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet("color: #a00000;")
        self.message.setText(text)
