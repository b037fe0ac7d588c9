"""The read-only HQ window: the consolidated table with conflicts marked, the breakdown of the
selected office-year, and the drill-down into the office's own tabs with the office's scores."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from apa_desktop.core.numerals import format_score  # noqa: E402
from apa_desktop.core.scoring import score_office_year  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.export.bundle_export import export_bundle  # noqa: E402
from apa_desktop.hq.enrolment import enroll  # noqa: E402
from apa_desktop.hq.importer import Importer  # noqa: E402
from apa_desktop.ui.hq_window import HqWindow  # noqa: E402

from bundle_helpers import bundle_for, make_key, office_key, small_office_year  # noqa: E402


@pytest.fixture
def hq(tmp_path, make_hq):
    db = make_hq("hq")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(db, office, make_key(office)[1])
        Importer(db).import_source(bundle_for(office))
    yield db
    db.close()


def test_hq_window_lists_office_years_and_shows_the_breakdown(qtbot, hq):
    window = HqWindow(hq)
    qtbot.addWidget(window)
    assert window.proxy.rowCount() == 2
    window.table.selectRow(1)
    office_year, _ = small_office_year("DC-KHULNA")
    total = score_office_year(office_year, office_year.report_quarter).total
    assert "DC-KHULNA" in window.detail.toPlainText()
    assert format_score(total, digits="bn") in window.detail.toPlainText()
    assert window.proxy.index(1, 5).data() == format_score(total, "bn")
    assert window.proxy.index(1, 2).data() == "২০২৩-২৪"
    assert window.conflicts.text() == "এই অফিস-বছরে কোনো দ্বন্দ্ব নেই"


def test_a_conflict_is_marked_in_the_table_and_explained(qtbot, hq, tmp_path):
    outcome = Importer(hq).import_source(bundle_for("DC-KHULNA", sequence=2, achievement=9.0))
    assert outcome.status == "conflict"
    window = HqWindow(hq)
    qtbot.addWidget(window)
    row = next(r for r in range(window.proxy.rowCount()) if window.row_at(r)["office_id"] == "DC-KHULNA")
    status = window.proxy.index(row, 6)
    assert status.data() == "দ্বন্দ্ব"
    assert status.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#f8d0d0"
    window.table.selectRow(row)
    assert window.conflicts.text().startswith("দ্বন্দ্ব (১)")
    assert outcome.sha256[:16] in window.conflicts.text()
    assert "২ অফিস-বছর, ১ অমীমাংসিত দ্বন্দ্ব" in window.statusBar().currentMessage()
    window.grab().save(str(tmp_path / "hq-conflict.png"))


def test_hq_finds_offices_by_code_or_name_filters_by_year_and_status_and_exports_what_it_shows(qtbot, hq, tmp_path):
    import csv

    enroll(hq, "UNO-RUPSA", make_key("UNO-RUPSA")[1])
    Importer(hq).import_source(bundle_for("UNO-RUPSA", fy="2022-23"))
    Importer(hq).import_source(bundle_for("DC-KHULNA", sequence=2, achievement=9.0))  # a conflict
    window = HqWindow(hq)
    qtbot.addWidget(window)
    shown = lambda: [window.row_at(r)["office_id"] for r in range(window.proxy.rowCount())]  # noqa: E731
    assert shown() == ["DC-JESSORE", "DC-KHULNA", "UNO-RUPSA"]
    window.search.setText("khul")  # the code, any case
    assert shown() == ["DC-KHULNA"]
    assert "দেখানো হচ্ছে ১" in window.statusBar().currentMessage()
    window.search.setText("")
    window.year.setCurrentIndex(window.year.findData("2022-23"))
    assert shown() == ["UNO-RUPSA"]
    window.year.setCurrentIndex(window.year.findData(None))
    window.status.setCurrentIndex(window.status.findData("conflict"))
    assert shown() == ["DC-KHULNA"]
    window.status.setCurrentIndex(window.status.findData(None))
    window.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by fiscal year
    assert shown()[0] == "UNO-RUPSA"
    window.table.selectRow(0)
    assert "UNO-RUPSA" in window.detail.toPlainText()
    window.year.setCurrentIndex(window.year.findData("2023-24"))
    window.export_table(tmp_path / "shown.csv")
    with open(tmp_path / "shown.csv", encoding="utf-8-sig") as handle:
        assert [row[0] for row in csv.reader(handle)] == ["office_id", "DC-JESSORE", "DC-KHULNA"]
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    window.refresh()  # after an import the filters and the sort stay
    assert window.year.currentData() == "2023-24" and shown() == ["DC-KHULNA", "DC-JESSORE"]


def test_a_bundle_imported_at_hq_opens_in_the_office_tabs_with_the_office_total(qtbot, tmp_path, make_hq):
    store = open_database(tmp_path / "office.sqlite3")
    office_year, evidence = small_office_year("UNO-TONGI", quarter=3, achievement=9.5)
    for data in evidence.values():
        store.put_evidence(data, "photo.pdf")
    oy_id = store.create_office_year(office_year, "clerk")
    at_office = score_office_year(store.load(oy_id), office_year.report_quarter).total
    sent = export_bundle(store, oy_id, office_key("UNO-TONGI"), tmp_path / "usb")
    store.close()
    db = make_hq("hq")
    enroll(db, "UNO-TONGI", make_key("UNO-TONGI")[1])
    assert Importer(db).import_source(sent.path).status == "imported"

    window = HqWindow(db)
    qtbot.addWidget(window)
    window.table.selectRow(0)
    drill = window.open_row(0)
    assert drill is not None
    assert drill.read_only and not drill.session.editable
    assert drill.tabs.currentIndex() == drill.keys().index("section3")
    assert drill.session.breakdown.total == at_office
    assert format_score(at_office, "bn") in drill.score_panel.total.text()
    assert drill.session.office_year.section3 == store_free_copy(office_year).section3
    assert len(drill.session.store.office_years()) == 1
    assert all(drill.session.store.evidence_exists(sha) for sha in evidence)
    assert window.open_row(0) is drill  # opening again raises the same window
    drill.grab().save(str(tmp_path / "drill.png"))
    folder = window.drill_downs[("UNO-TONGI", "2023-24")].folder.name
    drill.close()
    qtbot.waitUntil(lambda: not window.drill_downs)
    assert not Path(folder).exists()
    db.close()


def store_free_copy(office_year):
    """The office-year as it travels (interchange round trip), for comparing with the drill-down."""
    from apa_desktop.core import interchange

    return interchange.loads(interchange.dumps(office_year))


def test_hq_imports_a_folder_off_the_ui_thread_and_exports_the_table(qtbot, hq, tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "usb"
    folder.mkdir()
    enroll(hq, "UNO-RUPSA", make_key("UNO-RUPSA")[1])
    (folder / "a.apabundle").write_bytes(bundle_for("UNO-RUPSA"))
    (folder / "b.apabundle").write_bytes(bundle_for("UNO-RUPSA")[:500])  # a yanked plug
    (folder / "c.apabundle").write_bytes(bundle_for("DC-KHULNA"))  # already at HQ
    window = HqWindow(hq)
    qtbot.addWidget(window)
    assert window.proxy.rowCount() == 2
    with qtbot.waitSignal(window.finished_work, timeout=60_000):
        window.import_bundles([folder])
    assert window.proxy.rowCount() == 3
    summary = window.detail.toPlainText()
    assert summary.startswith("আমদানির ফলাফল: imported ১, unchanged ১, rejected ১")
    assert "b.apabundle: rejected" in summary
    window.export_table(tmp_path / "table.xlsx")
    sheet = load_workbook(tmp_path / "table.xlsx").active
    assert sheet.max_row == 2 + 3
    assert "সারণি রপ্তানি হয়েছে" in window.statusBar().currentMessage()
    window.export_table(tmp_path / "table.txt")
    assert "সারণি রপ্তানি হয়নি" in window.statusBar().currentMessage()


@pytest.mark.parametrize("index", range(4))
def test_every_demo_office_year_drills_down_to_the_office_scores(qtbot, tmp_path, index, make_hq):
    """A full APA (Section 3 with the governance area, NIS and Annexes 5-8): every part's score at
    HQ's drill-down equals the office's, for the quarter the office reported."""
    from apa_desktop.core.demo import demo_office_years

    office_year = demo_office_years()[index]
    office_id = office_year.office.id
    store = open_database(tmp_path / "office.sqlite3")
    oy_id = store.create_office_year(office_year, "clerk")
    at_office = score_office_year(store.load(oy_id), office_year.report_quarter)
    sent = export_bundle(store, oy_id, office_key(office_id), tmp_path / "usb")
    store.close()
    db = make_hq("hq")
    enroll(db, office_id, make_key(office_id)[1])
    assert Importer(db).import_source(sent.path).status == "imported"
    window = HqWindow(db)
    qtbot.addWidget(window)
    drill = window.open_row(0)
    at_hq = drill.session.breakdown
    assert (at_hq.total, at_hq.own_part, at_hq.governance_part) == (
        at_office.total, at_office.own_part, at_office.governance_part)
    assert at_hq.annex_totals() == at_office.annex_totals()  # NIS and Annexes 5-8: (obtained, total)
    assert at_hq.plans["section3"].obtained == at_office.plans["section3"].obtained
    assert format_score(at_office.total, "bn") in drill.score_panel.total.text()
    if index == 0:
        drill.grab().save(str(tmp_path / "drill-demo.png"))
    drill.close()
    db.close()


def _conflicted_window(qtbot, hq):
    outcome = Importer(hq).import_source(bundle_for("DC-KHULNA", sequence=2, achievement=9.0))
    assert outcome.status == "conflict"
    window = HqWindow(hq)
    qtbot.addWidget(window)
    row = next(r for r in range(window.proxy.rowCount()) if window.row_at(r)["office_id"] == "DC-KHULNA")
    window.table.selectRow(row)
    return window, row, outcome


def _answers(monkeypatch, name: str, confirm: bool) -> None:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *args, **kwargs: (name, True)))
    answer = QMessageBox.StandardButton.Yes if confirm else QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *args, **kwargs: answer))


def test_a_conflict_is_decided_in_the_window_with_a_name_and_a_confirmation(qtbot, hq, monkeypatch):
    
    window, row, outcome = _conflicted_window(qtbot, hq)
    assert window.conflict_list.count() == 1 and window.take_incoming_button.isEnabled()
    before = hq.dump_tables()
    _answers(monkeypatch, "", True)
    window.take_incoming_button.click()  # no name: nothing happens
    assert "নাম লিখতে হবে" in window.statusBar().currentMessage()
    _answers(monkeypatch, "Rahima", False)
    window.take_incoming_button.click()  # not confirmed
    assert hq.dump_tables() == before
    _answers(monkeypatch, "Rahima", True)
    window.take_incoming_button.click()
    assert hq.backend.fetchall("SELECT resolution, decided_by FROM conflicts") == [("incoming", "Rahima")]
    assert hq.backend.fetchone("SELECT bundle_sha256 FROM documents WHERE office_id = 'DC-KHULNA'")[0] == outcome.sha256
    assert window.proxy.index(row, 6).data() != "দ্বন্দ্ব"
    assert window.conflict_list.count() == 0 and not window.keep_current_button.isEnabled()
    assert window.conflicts.text() == "এই অফিস-বছরে কোনো দ্বন্দ্ব নেই"


def test_keep_hq_in_the_window_leaves_the_document_and_a_second_decision_is_refused(qtbot, hq, monkeypatch):
    window, _, _ = _conflicted_window(qtbot, hq)
    document = hq.backend.fetchall("SELECT * FROM documents ORDER BY 1")
    conflict_id = window.selected_conflict()
    _answers(monkeypatch, "Karim", True)
    window.keep_current_button.click()
    assert hq.backend.fetchall("SELECT resolution FROM conflicts") == [("current",)]
    assert hq.backend.fetchall("SELECT * FROM documents ORDER BY 1") == document
    assert not window.apply_decision(conflict_id, "incoming", "Someone")
    assert "already decided" in window.statusBar().currentMessage()


def test_the_window_writes_signed_receipts_asking_for_the_key_once(qtbot, hq, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from apa_desktop.export.bundle_signing import load_certificate
    from apa_desktop.export.receipts import read_receipt

    from bundle_helpers import PASSPHRASE

    (tmp_path / "hq.p12").write_bytes(make_key("HQ")[0])
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *args, **kwargs: asked.append("p12") or (str(tmp_path / "hq.p12"), "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *args, **kwargs: (PASSPHRASE, True)))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(tmp_path / "r")))
    enroll(hq, "UNO-RUPSA", make_key("UNO-RUPSA")[1])
    window = HqWindow(hq)
    qtbot.addWidget(window)
    window.receipts_action.setChecked(True)
    for name, data in (("a.apabundle", bundle_for("UNO-RUPSA")), ("b.apabundle", bundle_for("UNO-RUPSA", revision=2,
                                                                                          sequence=2))):
        (tmp_path / name).write_bytes(data)
        with qtbot.waitSignal(window.finished_work, timeout=60_000):
            window.import_bundles([tmp_path / name])
    assert asked == ["p12"]
    receipts = sorted((tmp_path / "r").iterdir())
    assert len(receipts) == 2
    assert {read_receipt(p.read_bytes(), load_certificate(make_key("HQ")[1]))["decision"] for p in receipts} == {
        "accepted"}
    assert str(tmp_path / "r") in window.detail.toPlainText()


def test_a_reviewer_returns_an_office_year_with_a_comment_as_a_signed_receipt(qtbot, hq, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from apa_desktop.export.bundle_signing import load_certificate
    from apa_desktop.export.receipts import read_receipt

    from bundle_helpers import PASSPHRASE

    (tmp_path / "hq.p12").write_bytes(make_key("HQ")[0])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(tmp_path / "hq.p12"), "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "r")))
    texts = iter(["মোঃ রহিম", PASSPHRASE])  # the reviewer's name, then HQ's passphrase
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (next(texts), True)))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("প্রমাণক দিন", True)))
    window = HqWindow(hq)
    qtbot.addWidget(window)
    assert window.review_selected("returned") is None  # nothing selected
    assert "বাছাই" in window.statusBar().currentMessage()
    window.table.selectRow(0)
    office_id = window.row_at(0)["office_id"]
    path = window.review_selected("returned")
    receipt = read_receipt(path.read_bytes(), load_certificate(make_key("HQ")[1]))
    assert (receipt["office_id"], receipt["decision"], receipt["comment"]) == (office_id, "returned", "প্রমাণক দিন")
    assert hq.backend.fetchall("SELECT actor, action FROM audit") == [("মোঃ রহিম", "review_returned")]
