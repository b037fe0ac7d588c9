"""Starting the application: the font, the database, the start dialog or the last office-year."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ..db import NotFound, Store, StoreError, open_database
from ..db.demo import install_demo_on_first_run

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


def application() -> QApplication:
    """The QApplication (created once), with the bundled font loaded."""
    app = QApplication.instance()
    if app is None:
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


def run(db_path: Path | None) -> int:
    """Run the application on the database at ``db_path`` (the user's when None); exit status."""
    app = application()
    try:
        store = open_database(db_path)
    except StoreError as exc:  # a damaged or unreadable file: say so, never a traceback
        QMessageBox.critical(None, "APA Desktop", str(exc))
        return 1
    install_demo_on_first_run(store)
    window = open_window(store)
    if window is None:
        store.close()
        return 0
    window.show()
    status = app.exec()
    automatic_backup(store)
    store.close()
    return status


def automatic_backup(store: Store) -> None:
    """The daily rotating backup, made when the clerk closes the app (so it never slows the
    start); a full disk or an unwritable folder must not turn closing into a crash."""
    try:
        store.backup_if_due()
    except (StoreError, OSError) as exc:
        print(f"APA Desktop: backup skipped: {exc}", file=sys.stderr)
