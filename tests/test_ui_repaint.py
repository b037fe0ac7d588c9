"""One edited cell repaints that cell's row and the figures that changed, never the whole tab
(a label changing size relaid out and repainted everything, which took the edit past 16 ms)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402


class PaintedArea(QObject):
    """The area painted on one widget, summed over its paint events."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget
        self.area = 0

    def eventFilter(self, watched, event) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.area += event.rect().width() * event.rect().height()
        return False


def test_an_achievement_edit_repaints_a_small_part_of_the_tab(tmp_path, qtbot):
    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    window = MainWindow(store, store.find_office_year("khulna-ict", "2022-23"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    for key in window.keys():
        window.tab(key)
    tab = window.tab("section3")
    QApplication.processEvents()
    model = tab.model
    column = next(c for c, col in enumerate(model.columns) if col.header[1] == "Achieved\nQ1")
    row = next(r for r, row in enumerate(model.rows) if row.kind == "indicator")
    assert model.setData(model.index(row, column), "১")  # the first edit enables Undo: the window relays out once
    QApplication.processEvents()
    painted = PaintedArea(tab)
    QApplication.instance().installEventFilter(painted)
    try:
        for text in ("৩৪৫", "১২"):
            assert model.setData(model.index(row, column), text)
            QApplication.processEvents()
    finally:
        QApplication.instance().removeEventFilter(painted)
    assert tab.summary.text().startswith("প্রাপ্ত নম্বর: ")
    assert painted.area < tab.width() * tab.height() / 4
    store.close()
