"""The main window on a full disk (issue 12, item 7): an edit, a paste through its preview, an
attachment, a PDF export and a bundle export each show one message in the window's language (Bengali,
or English when chosen) saying that the disk is full and that nothing was lost; no traceback
(pytest-qt fails the test on any exception in a slot) and the saved document is unchanged."""

from __future__ import annotations

import subprocess

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QColor, QImage

from apa_desktop.core.interchange import dumps
from apa_desktop.core.model import Office
from apa_desktop.core.templates import new_office_year
from apa_desktop.db import open_database
from apa_desktop.ui import i18n
from apa_desktop.ui.bundle_dialog import BundleDialog
from apa_desktop.ui.export_dialog import ExportDialog
from apa_desktop.ui.main_window import MainWindow
from test_no_traceback import _fill, _free, _mount
from test_ui_clerk import cell, seed_section3_rows, type_into_cell

FULL = {"bn": "ডিস্ক ভরে গেছে", "en": "disk is full"}
NOTHING_LOST = {"bn": "অক্ষত", "en": "Nothing saved before was lost"}


def _in_language(text: str, lang: str) -> bool:
    """``text`` says the disk is full and nothing was lost, in ``lang`` only (no raw SQLite text)."""
    bengali = any("\u0980" <= ch <= "\u09ff" for ch in text)
    return (FULL[lang] in text and NOTHING_LOST[lang] in text and "database or disk is full" not in text
            and bengali == (lang == "bn"))


@pytest.fixture(params=["bn", "en"])
def full_window(request, tmp_path, qtbot):
    lang = request.param
    i18n.set_language(lang)
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
    yield window, store, oy_id, saved, messages, disk, lang
    window.close()
    store.close()
    i18n.set_language("bn")
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _unchanged(disk, oy_id, saved) -> None:
    _free(disk)
    again = open_database(disk / "apa.sqlite3")
    try:
        assert dumps(again.load(oy_id)) == saved
    finally:
        again.close()


def test_an_edit_on_a_full_disk_says_so_once_and_loses_nothing(full_window, qtbot):
    window, store, oy_id, saved, messages, disk, lang = full_window
    tab = window.tab("section3")
    type_into_cell(qtbot, tab, cell(tab, "1.1.1", "Achieved Q1"), "৬০০০")
    assert len(messages) == 1 and _in_language(messages[0], lang), messages
    assert window.statusBar().currentMessage() == messages[0]
    _unchanged(disk, oy_id, saved)


def test_a_paste_confirmed_in_its_preview_on_a_full_disk_says_so_and_loses_nothing(full_window, paste_dialogs):
    window, store, oy_id, saved, messages, disk, lang = full_window
    tab = window.tab("section3")
    shown = len(paste_dialogs.shown)
    tab.view.setCurrentIndex(cell(tab, "1.1.1", "Achieved Q1"))
    tab.view.paste_text("৭০০০\t৮০০০")  # a range of cells: the preview is shown and accepted
    assert len(paste_dialogs.shown) == shown + 1, "the paste went round its preview"
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    tab.paste_rows_text(seed_section3_rows())  # rows: through their preview too
    assert len(paste_dialogs.shown) == shown + 2
    assert len(messages) == 2 and all(_in_language(m, lang) for m in messages), messages
    _unchanged(disk, oy_id, saved)


def test_an_attachment_on_a_full_disk_says_so_and_loses_nothing(full_window, tmp_path):
    window, store, oy_id, saved, messages, disk, lang = full_window
    tab = window.tab("section3")
    window.evidence.set_target(tab.model.rows[cell(tab, "1.1.1", "Achieved Q1").row()].path)
    photo = tmp_path / "ছবি.png"
    image = QImage(400, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    image.save(str(photo))
    assert not window.evidence.attach(photo)
    assert _in_language(window.evidence.message.text(), lang), window.evidence.message.text()
    _unchanged(disk, oy_id, saved)


def test_a_pdf_export_on_a_full_disk_says_so(full_window, qtbot):
    window, store, oy_id, saved, messages, disk, lang = full_window
    dialog = ExportDialog(store, oy_id, window)
    qtbot.addWidget(dialog)
    dialog.output.set_path(disk / "report.pdf")
    with qtbot.waitSignal(dialog.finished_work, timeout=60_000):
        dialog.export_button.click()
    assert _in_language(dialog.message.text(), lang), dialog.message.text()
    _unchanged(disk, oy_id, saved)


def test_a_bundle_export_on_a_full_disk_says_so_and_loses_nothing(full_window, qtbot, tmp_path):
    from bundle_helpers import PASSPHRASE, make_key

    window, store, oy_id, saved, messages, disk, lang = full_window
    (tmp_path / "office.p12").write_bytes(make_key("upz")[0])
    dialog = BundleDialog(store, oy_id, window)
    qtbot.addWidget(dialog)
    dialog.destination.setEditText(str(disk / "usb"))
    dialog.key.key_file.set_path(tmp_path / "office.p12")
    dialog.key.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.finished_work, timeout=60_000):
        dialog.send_button.click()
    assert _in_language(dialog.message.text(), lang), dialog.message.text()
    assert dialog.history.rowCount() == 0
    _unchanged(disk, oy_id, saved)
