"""Starting the application: the font, the database, the start dialog or the last office-year."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from ..core.errors import UserError
from ..db import NotFound, Store, StoreError, open_database
from ..db.backups import remove_leftovers
from ..db.demo import install_demo_on_first_run
from .errors import install_last_resort, message_for

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT_FAMILY = "APA Sans"


def load_fonts(app: QApplication) -> str | None:
    """Load the bundled Bengali+Latin family and make it the application font; its name, or None
    when the font files are missing (a development tree) and Qt's fallback is used."""
    family = None
    for file in sorted(FONT_DIR.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(file))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        app.setFont(QFont(family, 10))
    return family


class NoDisplay(UserError):
    """The window was asked for where there is no screen (a server, an SSH session)."""

    def __init__(self) -> None:
        super().__init__(
            "পর্দা (ডিসপ্লে) নেই বলে উইন্ডো খোলা যায়নি: ডেস্কটপ থেকে চালান, অথবা কমান্ড ব্যবহার করুন "
            "(apa-desktop --help); ছবি তুলতে apa-desktop screenshot।",
            "No display to open the window on: run it from a desktop session, or use the commands "
            "(apa-desktop --help); for pictures of the window, apa-desktop screenshot.")


def has_display() -> bool:
    """False on Linux/BSD without X11 or Wayland and no Qt platform chosen (Qt would abort)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def application() -> QApplication:
    """The QApplication (created once), with the bundled font loaded and the last-resort error
    handler installed; :class:`NoDisplay` instead of Qt's abort where there is no screen."""
    app = QApplication.instance()
    if app is None:
        if not has_display():
            raise NoDisplay()
        install_last_resort(QApplication.activeWindow)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("APA Desktop")
        load_fonts(app)
    assert isinstance(app, QApplication)
    return app


def last_office_year(store: Store) -> int | None:
    """The office-year open last time, if it still exists."""
    from .main_window import LAST_OFFICE_YEAR

    chosen = store.get_setting(LAST_OFFICE_YEAR)
    if chosen is None:
        return None
    try:
        store.load(int(chosen))
    except (NotFound, ValueError):
        return None
    return int(chosen)


def open_window(store: Store):  # -> MainWindow | None
    """The main window on the last office-year, or on the one picked in the start dialog."""
    from .main_window import MainWindow
    from .start_dialog import StartDialog

    chosen = last_office_year(store)
    if chosen is None:
        dialog = StartDialog(store)
        if not dialog.exec() or dialog.chosen is None:
            return None
        chosen = dialog.chosen
    from .user_dialog import ask_user_once

    ask_user_once(store)  # the name and post every audit row carries, asked once
    return MainWindow(store, chosen)


def run(db_path: Path | None, on_window: Callable[[QMainWindow], None] | None = None) -> int:
    """Run the application on the database at ``db_path`` (the user's when None); exit status.
    ``on_window`` is called once the main window shows (to open a file given on the command line)."""
    app = application()
    try:
        store = open_database(db_path)
    except Exception as exc:  # noqa: BLE001 - damaged, unreadable, locked, read-only: said, never a traceback
        QMessageBox.critical(None, "APA Desktop", message_for(exc))
        return 1
    retry_failed_backup(store)
    install_demo_on_first_run(store)
    window = open_window(store)
    if window is None:
        store.close()
        return 0
    window.show()
    if on_window is not None:
        on_window(window)
    status = app.exec()
    automatic_backup(store)
    store.close()
    return status


BACKUP_FAILED = "backup_failed"
"""Setting: why the last automatic backup failed (cleared by the next one that succeeds)."""


def automatic_backup(store: Store) -> None:
    """The daily rotating backup, made when the clerk closes the app (so it never slows the
    start); a full disk or an unwritable folder must not turn closing into a crash: the clerk is
    told why, and the backup is tried again at the next start."""
    _try_backup(store, store.backup_if_due)


def retry_failed_backup(store: Store) -> None:
    """At start: remove what an interrupted backup left, and retry a backup that failed last time."""
    remove_leftovers(store.path)
    if store.get_setting(BACKUP_FAILED) is not None:
        _try_backup(store, store.backup)


def _try_backup(store: Store, backup: Callable[[], object]) -> None:
    """Run ``backup``; a failure is said and remembered for the next start, a success forgets one."""
    try:
        backup()
    except (StoreError, UserError, OSError, sqlite3.Error) as exc:
        _backup_failed(store, exc)
    else:
        _forget_failure(store)


def _backup_failed(store: Store, exc: Exception) -> None:
    text = message_for(exc)
    print(f"APA Desktop: {exc}", file=sys.stderr)
    with contextlib.suppress(StoreError, OSError, sqlite3.Error):  # on a full disk even this may fail
        store.set_setting(BACKUP_FAILED, text)
    QMessageBox.warning(None, "APA Desktop", text)


def _forget_failure(store: Store) -> None:
    with contextlib.suppress(StoreError, OSError, sqlite3.Error):
        if store.get_setting(BACKUP_FAILED) is not None:
            store.set_setting(BACKUP_FAILED, None)
