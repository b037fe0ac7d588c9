"""Rendering the main window tab by tab to PNG files (documentation, review of changes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from ..db import Store
from .main_window import LAST_OFFICE_YEAR, MainWindow

SIZE = (1366, 768)


def render_office_year(store: Store, office_year_id: int, out_dir: Path, prefix: str) -> list[Path]:
    """One PNG per tab (plus the evidence panel) of the office-year; the files written.

    The last-opened setting is left as it was."""
    last = store.get_setting(LAST_OFFICE_YEAR)
    window = MainWindow(store, office_year_id)
    window.resize(*SIZE)
    window.show()
    files = []
    for n, key in enumerate(window.keys()):
        window.tab(key)
        QApplication.processEvents()
        file = out_dir / f"{prefix}-{n + 1:02d}-{key}.png"
        window.grab().save(str(file))
        files.append(file)
    window.tab("section3")
    window.evidence_dock.show()
    QApplication.processEvents()
    file = out_dir / f"{prefix}-{len(files) + 1:02d}-evidence.png"
    window.grab().save(str(file))
    files.append(file)
    window.close()
    window.deleteLater()
    if last is not None:
        store.set_setting(LAST_OFFICE_YEAR, last)
    return files
