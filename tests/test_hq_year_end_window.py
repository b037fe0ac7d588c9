"""The HQ window's year-end views as a user sees them: "who is late" first, the results with
ranks (ties shared) and the evaluation screen beside the office's read-only tabs."""

from __future__ import annotations

from datetime import date

import pytest

pytest.importorskip("pytestqt")

from bundle_helpers import make_key, office_key, small_office_year
from PySide6.QtWidgets import QComboBox

from apa_desktop.core.model import Office
from apa_desktop.export.bundle import write_bundle
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer
from apa_desktop.ui import hq_late
from apa_desktop.ui.hq_window import HqWindow


def _bundle(office_id: str, achievement: float, quarter: int) -> bytes:
    office_year, evidence = small_office_year(office_id, "2023-24", quarter=quarter, achievement=achievement)
    office_year.office = Office(id=office_id, name=f"অফিস {office_id}", tier="upazila", superior_office="জেলা কার্যালয়, খুলনা")
    data, _ = write_bundle(office_year, office_key(office_id), revision=1, sequence=1, previous_sha256=None,
                           evidence=evidence)
    return data


@pytest.fixture
def hq(make_hq):
    db = make_hq()
    for office, achievement, quarter in (("UNO-A", 8.0, 2), ("UNO-B", 8.0, 2), ("UNO-C", 4.0, 1)):
        enroll(db, office, make_key(office)[1])
        assert Importer(db).import_source(_bundle(office, achievement, quarter)).status == "imported"
    return db


def test_who_is_late_is_the_first_view(qtbot, hq, monkeypatch):
    monkeypatch.setattr(hq_late, "today", lambda: date(2024, 1, 20))  # Q3 due 15 Apr: choose Q2 (due 15 Jan)
    window = HqWindow(hq)
    qtbot.addWidget(window)
    tabs = window.centralWidget()
    assert tabs.currentWidget() is window.late_view and tabs.tabText(0) == "কে বাকি"
    view = window.late_view
    assert view.year.currentData() == "2023-24" and view.quarter.currentData() == 3
    view.quarter.setCurrentIndex(1)  # Q2: A and B report it (sent today, after the deadline), C does not
    statuses = {view.table.item(r, 1).text(): view.table.item(r, 0).text() for r in range(view.table.rowCount())}
    assert statuses == {"অফিস UNO-C (UNO-C)": "এখনো আসেনি", "অফিস UNO-A (UNO-A)": "বিলম্বে",
                        "অফিস UNO-B (UNO-B)": "বিলম্বে"}
    assert "এখনো আসেনি ১" in view.summary.text()
    assert [view.tier.itemData(i) for i in range(view.tier.count())] == [None, "upazila"]
    view.tier.setCurrentIndex(1)
    assert view.table.rowCount() == 3


def test_results_rank_ties_together_and_the_evaluation_screen_records(qtbot, hq, tmp_path):
    window = HqWindow(hq)
    qtbot.addWidget(window)
    view = window.results_view
    ranks = {view.table.item(r, 1).text(): view.table.item(r, 0).text() for r in range(view.table.rowCount())}
    assert ranks["অফিস UNO-A (UNO-A)"] == ranks["অফিস UNO-B (UNO-B)"] == "১/৩"
    assert ranks["অফিস UNO-C (UNO-C)"] == "৩/৩"
    out = tmp_path / "results.pdf"
    from apa_desktop.export.results_file import write_results

    write_results(view.results, "2023-24", out)
    assert out.read_bytes().startswith(b"%PDF")

    row = next(r for r in range(view.table.rowCount()) if "UNO-A" in view.table.item(r, 1).text())
    view.table.selectRow(row)
    window.ask_receipts = lambda: None  # store the evaluation without signing a receipt
    view._evaluate_selected()
    screen = window.evaluation_screen
    qtbot.addWidget(screen)
    screen.quarter.setCurrentIndex(1)
    screen.table.item(1, 3).setText("১")  # [1.1.2] reported 3 in Q2; the evaluator saw 1
    screen.table.cellWidget(1, 4).setCurrentIndex(screen.table.cellWidget(1, 4).findData("insufficient"))
    screen.table.item(1, 5).setText("সভার কার্যবিবরণী নেই")
    assert not screen.save()  # no evaluator's name
    assert "name" in screen.message.text() or "নাম" in screen.message.text()
    screen.by.setText("মোঃ করিম")
    assert screen.save()
    # to Q2 the sum of the quarters: 3 + 1 evaluated instead of 3 + 3 reported
    assert [(r.reported, r.evaluated, r.evidence) for r in screen.result.rows] == [(6.0, 4.0, "insufficient")]
    view.refresh()
    ranks = {view.table.item(r, 1).text(): (view.table.item(r, 0).text(), view.table.item(r, 5).text())
             for r in range(view.table.rowCount())}
    assert ranks["অফিস UNO-A (UNO-A)"][1] == "স্বমূল্যায়িত"  # a Q2 evaluation is not the annual one
    assert isinstance(screen.table.cellWidget(0, 4), QComboBox)


def test_cli_results_write_ranked_xlsx_and_pdf_and_late_lists_the_quarter(hq, tmp_path):
    import re
    import subprocess
    import sys

    from hq_helpers import hq_cli_args
    from openpyxl import load_workbook

    run = [sys.executable, "-m", "apa_desktop", "hq"]
    xlsx, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    for out in (xlsx, pdf):
        done = subprocess.run([*run, "results", *hq_cli_args(hq), "--year", "২০২৩-২৪", "--out", str(out)],
                              capture_output=True, text=True, check=True, timeout=120)
        assert done.stdout.startswith("3\t")
    sheet = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    ranks = {row[1]: (row[0], row[6], row[-1]) for row in sheet[2:]}
    assert ranks == {"UNO-A": (1, "self", 3), "UNO-B": (1, "self", 3), "UNO-C": (3, "self", 3)}
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # the office names (অফিস UNO-A ...) are printed, one row each; shaped runs copy out with
    # private-use code points in place of some glyphs (TECH-NOTES), dropped here
    flat = re.sub(r"[\ue000-\uf8ff-]", "", text)
    assert all(flat.count(f"UNO{x}") == 1 for x in "ABC")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all("APASans" in line for line in fonts)  # the bundled font only, chart included
    listed = subprocess.run([*run, "results", *hq_cli_args(hq), "--year", "2023-24", "--tier", "district"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    assert listed == ["rank\tsiblings\toffice_id\toffice_name\tsuperior_office\ttier\ttotal\tbasis"]
    late = subprocess.run([*run, "late", *hq_cli_args(hq), "--year", "2023-24", "--quarter", "2"],
                          capture_output=True, text=True, check=True).stdout.splitlines()
    assert [line.split("\t")[:2] for line in late[1:]] == [["not_yet", "UNO-C"], ["late", "UNO-A"], ["late", "UNO-B"]]
    bad = subprocess.run([*run, "results", *hq_cli_args(hq), "--year", "2023-24", "--out", str(tmp_path / "r.doc")], check=False,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and ".pdf or .xlsx" in bad.stderr
