"""Opening a file given to the application (``apa-desktop FILE``; Windows passes the file a
person double-clicks): the import dialog that takes it, chosen by the file's extension.

The installer associates exactly the extensions of :data:`HANDLERS` with the application
(installer/windows/apa-desktop.nsi; tests/test_packaging_consistency.py keeps the two the same)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ..core.errors import UserError
from ..db.bundles_schema import open_bundle_log, sent_bundles
from .i18n import tr
from .main_window import MainWindow

Handler = Callable[[MainWindow, Path], QDialog]


def open_receipt(window: MainWindow, path: Path) -> QDialog:
    """HQ's receipt: the bundle dialog, with the receipt filled in, ready to be taken in."""
    dialog = window.open_bundle_dialog()
    dialog.receipt_file.set_path(path)
    return dialog


def open_bundle(window: MainWindow, path: Path) -> QDialog:
    """A bundle: the bundle dialog, saying whether this office sent it and what HQ answered
    (headquarters imports bundles in its own window, ``apa-desktop hq window``)."""
    import hashlib

    dialog = window.open_bundle_dialog()
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    log = open_bundle_log(window.store.path)
    try:
        sent = next((b for b in sent_bundles(log, dialog.office_id) if b.sha256 == sha), None)
    finally:
        log.conn.close()
    if sent is None:
        dialog.message.setText(f"{path.name}: {tr('open_bundle_not_sent')}")
    else:
        dialog.message.setText(f"{path.name}: {tr('open_bundle_sent')} ({tr('bundle_' + sent.status)})")
    return dialog


def open_templates(window: MainWindow, path: Path) -> QDialog:
    """HQ's template pack: asked first, then imported as the office-year menu's item does
    (HQ's certificate asked for the first time; every check of ui.office_years.import_pack_file)."""
    from .office_years import import_pack_file

    return confirm(window, f"{tr('open_confirm_templates')}\n{path.name}", lambda: import_pack_file(window, path))


def open_link(window: MainWindow, path: Path) -> QDialog:
    """HQ's link file: the outbox, and over it the question; yes links as its link button does."""
    panel = window.open_outbox()
    return confirm(panel, f"{tr('open_confirm_link')}\n{path.name}", lambda: panel.link(path))


def confirm(parent: QWidget, text: str, on_yes: Callable[[], object]) -> QMessageBox:
    """A yes/no question over ``parent`` (open, not blocking); ``on_yes`` runs on yes only."""
    yes = QMessageBox.StandardButton.Yes
    box = QMessageBox(QMessageBox.Icon.Question, tr("app_title"), text, yes | QMessageBox.StandardButton.No, parent)
    box.button(yes).setText(tr("yes"))
    box.button(QMessageBox.StandardButton.No).setText(tr("no"))
    box.setDefaultButton(yes)
    box.buttonClicked.connect(lambda button: box.standardButton(button) == yes and on_yes())
    box.open()
    return box


HANDLERS: dict[str, Handler] = {
    ".apabundle": open_bundle,
    ".apareceipt": open_receipt,
    ".apatemplates": open_templates,
    ".apalink": open_link,
}
"""Each extension the application opens, and the dialog that takes a file of that kind."""


def tr_in(lang: str, key: str) -> str:
    """A UI text in a given language (a UserError carries both)."""
    from .i18n import catalogue

    return catalogue(lang).get(key, key)


def open_file(window: MainWindow, path: Path) -> QDialog:
    """The dialog for ``path``; a UserError when the file is missing or of an unknown kind."""
    handler = HANDLERS.get(path.suffix.lower())
    if handler is None:
        raise UserError(f"{tr_in('bn', 'open_kind_unknown')} {', '.join(HANDLERS)}",
                        f"{tr_in('en', 'open_kind_unknown')} {', '.join(HANDLERS)}", str(path))
    if not path.is_file():
        raise UserError(tr_in("bn", "open_missing"), tr_in("en", "open_missing"), str(path))
    return handler(window, path)


def open_in_window(path: Path) -> Callable[[MainWindow], None]:
    """What the application does once its window shows: open ``path`` there, a refusal shown
    in the window's language."""
    from .errors import show_error

    def opener(window: MainWindow) -> None:
        try:
            open_file(window, path)
        except UserError as error:
            show_error(window, error)

    return opener
