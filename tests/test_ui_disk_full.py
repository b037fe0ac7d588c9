"""The main window on a full disk (issue 12, item 7): an edit, a paste, an attachment and an export
each say in Bengali that the disk is full and that nothing was lost; no traceback (pytest-qt fails
the test on any exception in a slot) and the saved document is unchanged."""

from __future__ import annotations

import subprocess

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QColor, QImage  # noqa: E402

from apa_desktop.core.interchange import dumps  # noqa: E402
from apa_desktop.core.model import Office  # noqa: E402
from apa_desktop.core.templates import new_office_year  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.ui.export_dialog import ExportDialog  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from test_no_traceback import _fill, _free, _mount  # noqa: E402
from test_ui_clerk import cell, seed_section3_rows, type_into_cell  # noqa: E402

FULL_BN = "ডিস্ক ভরে গেছে"


@pytest.fixture
def full_window(tmp_path, qtbot):
    disk = tmp_path / "disk"
    _mount(disk, "16m")
    store = open_database(disk / "apa.sqlite3")
    oy_id = store.create_office_year(new_office_year(Office("upz", "উপজেলা অফিস"), "2023-24"))
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("section3")
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.paste_rows_text(seed_section3_rows())
    saved = dumps(store.load(oy_id))
    messages: list[str] = []
    window.session.failed.connect(messages.append)
    _fill(disk)
    yield window, store, oy_id, saved, messages, disk
    window.close()
    store.close()
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _unchanged(disk, oy_id, saved) -> None:
    _free(disk)
    again = open_database(disk / "apa.sqlite3")
    try:
        assert dumps(again.load(oy_id)) == saved
    finally:
        again.close()


def test_an_edit_and_a_paste_on_a_full_disk_say_so_and_lose_nothing(full_window, qtbot):
    window, store, oy_id, saved, messages, disk = full_window
    tab = window.tab("section3")
    type_into_cell(qtbot, tab, cell(tab, "1.1.1", "Achieved Q1"), "৬০০০")
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    tab.paste_rows_text(seed_section3_rows())
    assert messages and all(FULL_BN in m and "অক্ষত" in m for m in messages), messages
    assert not any("database or disk is full" in m for m in messages)
    _unchanged(disk, oy_id, saved)


def test_an_attachment_on_a_full_disk_says_so_and_loses_nothing(full_window, tmp_path):
    window, store, oy_id, saved, messages, disk = full_window
    tab = window.tab("section3")
    window.evidence.set_target(tab.model.rows[cell(tab, "1.1.1", "Achieved Q1").row()].path)
    photo = tmp_path / "ছবি.png"
    image = QImage(400, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    image.save(str(photo))
    assert not window.evidence.attach(photo)
    assert FULL_BN in window.evidence.message.text()
    _unchanged(disk, oy_id, saved)


def test_an_export_on_a_full_disk_says_so(full_window, qtbot):
    window, store, oy_id, saved, messages, disk = full_window
    dialog = ExportDialog(store, oy_id)
    qtbot.addWidget(dialog)
    dialog.output.set_path(disk / "report.pdf")
    with qtbot.waitSignal(dialog.finished_work, timeout=60_000):
        dialog.export_button.click()
    assert FULL_BN in dialog.message.text(), dialog.message.text()
    _unchanged(disk, oy_id, saved)
