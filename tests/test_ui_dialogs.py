"""The export, sign and bundle dialogs driven as a clerk would (paths set in the fields, never a
blocking file dialog)."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QLineEdit  # noqa: E402

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
    assert isinstance(dialog.output.edit, QLineEdit)
