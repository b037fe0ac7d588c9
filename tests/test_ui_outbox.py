"""The real window delivers through the outbox: from two fresh databases, an office linked once
exports a bundle and the outbox sends it to a running `hq serve` with nothing more to do; HQ's
answer (accepted, then returned with a comment) reaches the office's window on the next contact."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.hq.review import review  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402

from bundle_helpers import PASSPHRASE, make_key, office_key, small_office_year  # noqa: E402

WAIT_MS = 60_000


def test_the_window_sends_an_exported_bundle_and_shows_hqs_answers(qtbot, qapp, hq_server, tmp_path):
    from apa_desktop.ui.app import load_fonts

    load_fonts(qapp)
    store = open_database(tmp_path / "office.sqlite3")
    office_year, evidence = small_office_year("UNO-TONGI")
    for data in evidence.values():
        store.put_evidence(data, "photo.pdf")
    oy_id = store.create_office_year(office_year, "clerk")
    link = hq_server.enroll("UNO-TONGI")
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    panel = window.open_outbox()
    assert "সংযোগ-ফাইল" in panel.contact.text()  # not linked yet: it says what to do
    assert panel.link(link)
    qtbot.waitUntil(lambda: not window.outbox_sender.running, timeout=WAIT_MS)

    (tmp_path / "office.p12").write_bytes(make_key("UNO-TONGI")[0])
    dialog = window.open_bundle_dialog()
    dialog.destination.setEditText(str(tmp_path / "usb"))
    dialog.key.key_file.set_path(tmp_path / "office.p12")
    dialog.key.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.finished_work, timeout=WAIT_MS):
        dialog.send_button.click()
    qtbot.waitUntil(lambda: [e.shown_state for e in store.outbox()] == ["accepted"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.outbox_sender.running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.table.item(0, 1).text() == "গৃহীত",
                    timeout=WAIT_MS)
    assert "শেষ যোগাযোগ" in panel.contact.text() and hq_server.url in panel.contact.text()
    assert hq_server.store.backend.fetchall("SELECT office_id FROM bundles") == [("UNO-TONGI",)]

    review(hq_server.store, office_key("HQ Cabinet Division"), "UNO-TONGI", "2023-24", "returned",
           "সূচক ১.১.১-এর প্রমাণক দিন", "রহিম", tmp_path / "answers")
    panel.send_button.click()  # "এখন পাঠান": the next contact brings the answer
    qtbot.waitUntil(lambda: panel.table.item(0, 1).text() == "ফেরত পাঠানো হয়েছে", timeout=WAIT_MS)
    assert panel.table.item(0, 5).text() == "সূচক ১.১.১-এর প্রমাণক দিন"
    panel.grab().save(str(tmp_path / "outbox.png"))
    qtbot.waitUntil(lambda: not window.outbox_sender.running, timeout=WAIT_MS)
    window.close()
    store.close()
