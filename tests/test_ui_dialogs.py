"""The export, sign and bundle dialogs driven as a clerk would (paths set in the fields, never a
blocking file dialog)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.export.pdf import extract_embedded_document  # noqa: E402
from apa_desktop.ui.export_dialog import ExportDialog  # noqa: E402

from bundle_helpers import small_office_year  # noqa: E402

WAIT_MS = 60_000


@pytest.fixture
def office(tmp_path):
    store = open_database(tmp_path / "office.sqlite3")
    office_year, evidence = small_office_year("UNO-TONGI")
    for data in evidence.values():
        store.put_evidence(data, "photo.pdf")
    oy_id = store.create_office_year(office_year, "clerk")
    yield store, oy_id
    store.close()


def run_job(qtbot, dialog, start) -> None:
    """Press the dialog's button (``start``) and wait until its background work is done."""
    with qtbot.waitSignal(dialog.finished_work, timeout=WAIT_MS):
        start()


def test_export_dialog_writes_the_chosen_report_and_previews_its_first_page(qtbot, office, tmp_path):
    store, oy_id = office
    dialog = ExportDialog(store, oy_id)
    qtbot.addWidget(dialog)
    assert dialog.quarter.currentData() == 2  # the quarter the office reports
    assert dialog.output.path().name == "UNO-TONGI-2023-24-q2.pdf"
    dialog.quarter.setCurrentIndex(dialog.quarter.findData(None))
    assert dialog.output.path().name == "UNO-TONGI-2023-24-apa.pdf"  # follows the choice
    dialog.output.set_path(tmp_path / "out" / "plan.pdf")
    dialog.quarter.setCurrentIndex(dialog.quarter.findData(3))
    assert dialog.output.path().name == "plan.pdf"  # a name the clerk typed is kept
    run_job(qtbot, dialog, dialog.export_button.click)
    written = (tmp_path / "out" / "plan.pdf").read_bytes()
    assert written.startswith(b"%PDF-")
    assert extract_embedded_document(written).office.id == "UNO-TONGI"
    assert dialog.message.text().startswith("রপ্তানি হয়েছে")
    if shutil.which("pdftoppm"):
        assert not dialog.preview.pixmap().isNull()
        assert dialog.preview.pixmap().width() == 360
    else:
        assert "pdftoppm" in dialog.preview.text()
    dialog.grab().save(str(tmp_path / "export.png"))


def test_export_dialog_exports_one_annex_plan_on_its_own(qtbot, tmp_path):
    from apa_desktop.db.demo import install_demo

    store = open_database(tmp_path / "demo.sqlite3")
    install_demo(store)
    oy_id = store.find_office_year("tongi-lwc", "2023-24")
    dialog = ExportDialog(store, oy_id, can_sign=True)
    qtbot.addWidget(dialog)
    assert [dialog.part.itemData(i) for i in range(dialog.part.count())] == [None, "nis", "egov", "grs", "charter", "rti"]
    dialog.output.set_path(tmp_path / "tongi-lwc-2023-24-q3.pdf")
    dialog.quarter.setCurrentIndex(dialog.quarter.findData(3))
    dialog.part.setCurrentIndex(dialog.part.findData("grs"))
    assert dialog.output.path() == tmp_path / "tongi-lwc-2023-24-grs-q3.pdf"
    run_job(qtbot, dialog, dialog.export_button.click)
    annex = dialog.output.path().read_bytes()
    whole = (tmp_path / "whole.pdf")
    dialog.part.setCurrentIndex(0)
    dialog.output.set_path(whole)
    assert not dialog.sign_button.isEnabled()  # the office head signs the whole document, not one annex
    run_job(qtbot, dialog, dialog.export_button.click)
    assert dialog.sign_button.isEnabled()
    pages = lambda pdf: len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))  # noqa: E731
    assert 1 <= pages(annex) < pages(whole.read_bytes())
    assert extract_embedded_document(annex).office.id == "tongi-lwc"
    store.close()


def test_export_dialog_prints_a_register_without_a_quarter(qtbot, tmp_path):
    from apa_desktop.db.demo import install_demo

    store = open_database(tmp_path / "demo.sqlite3")
    install_demo(store)
    dialog = ExportDialog(store, store.find_office_year("dte", "2022-23"))
    qtbot.addWidget(dialog)
    dialog.output.set_path(tmp_path / "dte-2022-23-apa.pdf")
    dialog.part.setCurrentIndex(dialog.part.findData("enothi"))
    assert not dialog.quarter.isEnabled()
    assert dialog.output.path() == tmp_path / "dte-2022-23-enothi.pdf"
    run_job(qtbot, dialog, dialog.export_button.click)
    assert dialog.output.path().read_bytes().startswith(b"%PDF")
    dialog.part.setCurrentIndex(0)
    assert dialog.quarter.isEnabled()
    store.close()


def test_export_dialog_without_pdftoppm_says_so(qtbot, office, tmp_path, monkeypatch):
    store, oy_id = office
    monkeypatch.setattr("apa_desktop.ui.export_dialog.shutil.which", lambda _: None)
    dialog = ExportDialog(store, oy_id)
    qtbot.addWidget(dialog)
    dialog.output.set_path(tmp_path / "r.pdf")
    run_job(qtbot, dialog, dialog.export_button.click)
    assert (tmp_path / "r.pdf").exists()
    assert "pdftoppm" in dialog.preview.text()


def test_export_dialog_reports_an_unwritable_target(qtbot, office, tmp_path):
    store, oy_id = office
    (tmp_path / "file").write_text("x")
    dialog = ExportDialog(store, oy_id)
    qtbot.addWidget(dialog)
    dialog.output.set_path(tmp_path / "file" / "r.pdf")  # a folder that is a file
    run_job(qtbot, dialog, dialog.export_button.click)
    assert dialog.message.text().startswith("রপ্তানি হয়নি")
    assert dialog.export_button.isEnabled()
    # the clerk's path stays in the field to be corrected, and nothing was written anywhere
    assert dialog.output.path() == tmp_path / "file" / "r.pdf"
    assert not list(tmp_path.rglob("*.pdf")) and (tmp_path / "file").read_text() == "x"


@pytest.fixture
def key_file(tmp_path):
    from bundle_helpers import make_key

    path = tmp_path / "head.p12"
    path.write_bytes(make_key("UNO-TONGI head")[0])
    return path


def type_text(field: QLineEdit, text: str) -> None:
    """Type as an input method would: Bengali digits as key events carrying text (keyClicks
    aborts on non-ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def test_sign_dialog_wrong_passphrase_is_said_in_the_dialog_and_changes_nothing(qtbot, office, key_file, tmp_path):
    from apa_desktop.ui.sign_dialog import SignDialog

    store, oy_id = office
    dialog = SignDialog(store, oy_id, quarter=2)
    qtbot.addWidget(dialog)
    assert dialog.key.passphrase.echoMode() == QLineEdit.EchoMode.Password
    dialog.key.key_file.set_path(key_file)
    dialog.key.passphrase.setText("wrong")
    dialog.output.set_path(tmp_path / "signed.pdf")
    run_job(qtbot, dialog, dialog.sign_button.click)
    assert "পাসফ্রেজ ভুল" in dialog.message.text()
    assert not (tmp_path / "signed.pdf").exists()
    assert not store.revisions(oy_id)[-1].locked
    dialog.grab().save(str(tmp_path / "sign-wrong.png"))


def test_sign_dialog_signs_the_report_and_locks_the_revision(qtbot, office, key_file, tmp_path):
    from bundle_helpers import PASSPHRASE, make_key

    from apa_desktop.export.signing import verify_pdf
    from apa_desktop.ui.sign_dialog import SignDialog

    store, oy_id = office
    dialog = SignDialog(store, oy_id, quarter=2)
    qtbot.addWidget(dialog)
    assert dialog.quarter.currentData() == 2
    dialog.key.key_file.set_path(key_file)
    type_text(dialog.key.passphrase, PASSPHRASE)
    dialog.name.setText("মোঃ আবদুল করিম")
    dialog.designation.setText("উপজেলা নির্বাহী অফিসার")
    dialog.output.set_path(tmp_path / "signed" / "q2.pdf")
    with qtbot.waitSignal(dialog.signed, timeout=WAIT_MS) as signal:
        run_job(qtbot, dialog, dialog.sign_button.click)
    assert signal.args == [tmp_path / "signed" / "q2.pdf"]
    signed = (tmp_path / "signed" / "q2.pdf").read_bytes()
    assert verify_pdf(signed, [make_key("UNO-TONGI head")[1]]).ok
    revision = store.revisions(oy_id)[-1]
    assert revision.locked and revision.signed_by == "মোঃ আবদুল করিম"
    assert dialog.message.text().startswith("স্বাক্ষরিত")
    assert not dialog.sign_button.isEnabled()
    again = SignDialog(store, oy_id)
    qtbot.addWidget(again)
    assert again.message.text().startswith("এই সংস্করণ আগেই স্বাক্ষরিত")
    assert not again.sign_button.isEnabled()


def test_sign_dialog_signs_with_a_usb_token_and_remembers_all_but_the_pin(qtbot, office, softhsm_token, tmp_path):
    from apa_desktop.export.signing import verify_pdf
    from apa_desktop.ui.sign_dialog import SignDialog

    store, oy_id = office
    token = softhsm_token
    dialog = SignDialog(store, oy_id, quarter=2)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.source.currentData() == "file" and not dialog.token.pin.isVisible()
    dialog.source.setCurrentIndex(dialog.source.findData("token"))
    assert dialog.token.pin.isVisible() and not dialog.key.passphrase.isVisible()
    assert dialog.token.pin.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.sign() is None and "পিন" in dialog.message.text()  # nothing filled in yet
    dialog.token.library.set_path(token.lib)
    dialog.token.token_label.setText(token.label)
    dialog.token.key_label.setText(token.key_label)
    dialog.token.pin.setText("0000")
    dialog.output.set_path(tmp_path / "token.pdf")
    run_job(qtbot, dialog, dialog.sign_button.click)
    assert "পিন" in dialog.message.text() and not (tmp_path / "token.pdf").exists()
    assert not store.revisions(oy_id)[-1].locked
    dialog.token.pin.setText(token.pin)
    with qtbot.waitSignal(dialog.signed, timeout=WAIT_MS):
        run_job(qtbot, dialog, dialog.sign_button.click)
    assert verify_pdf((tmp_path / "token.pdf").read_bytes(), [token.cert_pem]).ok
    assert store.revisions(oy_id)[-1].locked
    again = SignDialog(store, oy_id)  # next time the token is the default, without its PIN
    qtbot.addWidget(again)
    assert again.source.currentData() == "token"
    assert (again.token.library.path(), again.token.token_label.text()) == (Path(token.lib), token.label)
    assert again.token.pin.text() == ""


def test_sign_dialog_asks_for_the_key_first(qtbot, office):
    from apa_desktop.ui.sign_dialog import SignDialog

    store, oy_id = office
    dialog = SignDialog(store, oy_id)
    qtbot.addWidget(dialog)
    assert dialog.sign() is None
    assert dialog.message.text() == "স্বাক্ষর-চাবির ফাইল ও পাসফ্রেজ দিন"


def test_bundle_dialog_sends_to_a_folder_and_shows_hq_decision_from_the_receipt(qtbot, office, tmp_path, make_hq):
    from bundle_helpers import PASSPHRASE, make_key, office_key

    from apa_desktop.hq.enrolment import enroll
    from apa_desktop.hq.importer import Importer
    from apa_desktop.export.receipts import make_receipt
    from apa_desktop.ui.bundle_dialog import BundleDialog

    store, oy_id = office
    (tmp_path / "office.p12").write_bytes(make_key("UNO-TONGI")[0])
    dialog = BundleDialog(store, oy_id)
    qtbot.addWidget(dialog)
    assert dialog.history.rowCount() == 0
    dialog.destination.setEditText(str(tmp_path / "usb"))
    dialog.key.key_file.set_path(tmp_path / "office.p12")
    dialog.key.passphrase.setText("wrong")
    run_job(qtbot, dialog, dialog.send_button.click)
    assert "পাসফ্রেজ ভুল" in dialog.message.text()
    assert dialog.history.rowCount() == 0 and not (tmp_path / "usb").exists()

    dialog.key.passphrase.clear()
    type_text(dialog.key.passphrase, PASSPHRASE)
    run_job(qtbot, dialog, dialog.send_button.click)
    [bundle] = (tmp_path / "usb").glob("*.apabundle")
    assert bundle.name == "UNO-TONGI-2023-24-r1-s1.apabundle"
    assert dialog.message.text().startswith("বান্ডেল লেখা হয়েছে")
    assert dialog.history.rowCount() == 1
    assert dialog.history.item(0, 5).text() == "পাঠানো হয়েছে"
    assert dialog.history.item(0, 3).text() == "১"

    hq = make_hq("hq")
    enroll(hq, "UNO-TONGI", make_key("UNO-TONGI")[1])
    outcome = Importer(hq).import_source(bundle)
    assert outcome.status == "imported"
    hq.close()
    receipt = tmp_path / "r.apareceipt"
    receipt.write_bytes(make_receipt(
        office_key("HQ"), bundle_sha256=outcome.sha256, bundle_id=outcome.bundle.manifest["bundle_id"],
        office_id="UNO-TONGI", fiscal_year="2023-24", revision=1, sequence=1, outcome="conflict",
        comment="দ্বিতীয় ত্রৈমাসিকের প্রমাণক আবার পাঠান", issued_at="2026-11-23T02:00:00+00:00"))
    (tmp_path / "hq.crt").write_bytes(make_key("HQ")[1])
    dialog.receipt_file.set_path(receipt)
    run_job(qtbot, dialog, dialog.receipt_button.click)
    assert "HQ's certificate is not known" in dialog.message.text()  # the first receipt needs HQ's certificate
    dialog.hq_cert.set_path(tmp_path / "hq.crt")
    run_job(qtbot, dialog, dialog.receipt_button.click)
    assert dialog.message.text().startswith("রসিদ গ্রহণ করা হয়েছে: ফেরত")
    assert dialog.history.item(0, 5).text() == "ফেরত"
    assert dialog.history.item(0, 6).text() == "দ্বিতীয় ত্রৈমাসিকের প্রমাণক আবার পাঠান"
    assert dialog.history.item(0, 5).background().color().name() == "#f8d0d0"
    dialog.grab().save(str(tmp_path / "bundle.png"))


def test_bundle_dialog_lists_removable_drives_as_destinations(qtbot, office, monkeypatch, tmp_path):
    from apa_desktop.ui import bundle_dialog

    store, oy_id = office
    monkeypatch.setattr(bundle_dialog, "removable_drives", lambda: [("KINGSTON (/media/clerk/KINGSTON)", tmp_path)])
    dialog = bundle_dialog.BundleDialog(store, oy_id)
    qtbot.addWidget(dialog)
    assert dialog.destination.currentText() == "KINGSTON (/media/clerk/KINGSTON)"
    assert dialog.destination_folder() == tmp_path


def toolbar_texts(window) -> list[str]:
    return [action.text() for action in window.toolbar.actions()]


def test_main_window_opens_the_dialogs_and_signing_locks_the_open_document(qtbot, office, key_file, tmp_path):
    from bundle_helpers import PASSPHRASE

    from apa_desktop.ui.main_window import MainWindow

    store, oy_id = office
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    assert {"PDF রপ্তানি…", "স্বাক্ষর…", "সদর দপ্তরে পাঠান…"} <= set(toolbar_texts(window))
    export = window.open_export_dialog()
    assert export.isVisible() and export.office_id == "UNO-TONGI"
    export.close()
    bundle = window.open_bundle_dialog()
    assert bundle.isVisible()
    bundle.close()
    window.session.set_quarter(2)
    dialog = window.open_sign_dialog()
    assert dialog.quarter.currentData() == 2
    dialog.key.key_file.set_path(key_file)
    dialog.key.passphrase.setText(PASSPHRASE)
    dialog.output.set_path(tmp_path / "signed.pdf")
    assert window.session.editable
    run_job(qtbot, dialog, dialog.sign_button.click)
    assert window.session.signed and not window.session.editable
    assert window.lock_banner.isVisibleTo(window)


def test_read_only_window_offers_export_but_not_signing_or_sending(qtbot, office):
    from apa_desktop.ui.main_window import MainWindow

    store, oy_id = office
    window = MainWindow(store, oy_id, read_only=True)
    qtbot.addWidget(window)
    texts = toolbar_texts(window)
    assert "PDF রপ্তানি…" in texts
    assert "স্বাক্ষর…" not in texts and "সদর দপ্তরে পাঠান…" not in texts


def test_the_exported_report_is_signed_from_the_export_dialog(qtbot, office, key_file, tmp_path):
    from bundle_helpers import PASSPHRASE

    from apa_desktop.ui.main_window import MainWindow

    store, oy_id = office
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    export = window.open_export_dialog()
    assert export.sign_button.isVisible() and not export.sign_button.isEnabled()
    export.quarter.setCurrentIndex(export.quarter.findData(1))
    export.output.set_path(tmp_path / "q1.pdf")
    run_job(qtbot, export, export.export_button.click)
    assert export.sign_button.isEnabled()
    sign = export.open_sign_dialog()
    assert sign.quarter.currentData() == 1
    assert sign.output.path() == tmp_path / "q1-signed.pdf"
    sign.key.key_file.set_path(key_file)
    sign.key.passphrase.setText(PASSPHRASE)
    run_job(qtbot, sign, sign.sign_button.click)
    assert (tmp_path / "q1-signed.pdf").read_bytes().count(b"/ByteRange") == 1
    assert window.session.signed


def test_the_read_only_export_dialog_offers_no_signing(qtbot, office):
    from apa_desktop.ui.main_window import MainWindow

    store, oy_id = office
    window = MainWindow(store, oy_id, read_only=True)
    qtbot.addWidget(window)
    assert not window.open_export_dialog().sign_button.isVisible()
