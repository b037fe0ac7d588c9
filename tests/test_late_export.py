"""Who is late, exported: the HQ window's late list and `hq late --out` write the list as shown
(the same superior-office and tier filter) to XLSX or CSV, and the per-day chart marks the deadline."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date

import pytest

pytest.importorskip("pytestqt")

from hq_helpers import hq_cli_args
from openpyxl import load_workbook
from test_hq_year_end_window import hq  # noqa: F401  (the fixture: three offices, one behind)

from apa_desktop.ui import hq_late
from apa_desktop.ui.hq_window import HqWindow


def _xlsx_rows(path):
    return list(load_workbook(path).active.iter_rows(values_only=True))


def test_the_late_list_exports_to_xlsx_and_csv_as_filtered(qtbot, hq, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(hq_late, "today", lambda: date(2024, 1, 20))
    window = HqWindow(hq)
    qtbot.addWidget(window)
    view = window.late_view
    view.quarter.setCurrentIndex(1)  # Q2, due 15 Jan 2024: A and B late, C not yet
    view.export(tmp_path / "late.xlsx")
    rows = _xlsx_rows(tmp_path / "late.xlsx")
    assert rows[0][0] == "অবস্থা" and rows[1] == ("status", "office_id", "office_name", "superior_office", "tier",
                                                  "sent_on")
    assert [(r[0], r[1]) for r in rows[2:]] == [("not_yet", "UNO-C"), ("late", "UNO-A"), ("late", "UNO-B")]
    assert rows[2][5] is None and rows[3][5].date() == date.today()  # imported today: sent today, a real date
    assert rows[3][2] == "অফিস UNO-A" and rows[3][3] == "জেলা কার্যালয়, খুলনা"

    view.superior.setCurrentIndex(view.superior.findData("জেলা কার্যালয়, খুলনা"))
    view.tier.setCurrentIndex(view.tier.findData("upazila"))
    view.export(tmp_path / "late.csv")
    with open(tmp_path / "late.csv", encoding="utf-8-sig", newline="") as handle:
        listed = list(csv.reader(handle))
    assert [r[:2] for r in listed[1:]] == [["not_yet", "UNO-C"], ["late", "UNO-A"], ["late", "UNO-B"]]

    chart = view.chart.chart  # the reports received per day, the deadline marked
    assert sum(chart.series[0].values) == 2 and chart.markers[0].label.en == "Deadline"
    first_day = date(2024, 1, 1)  # the day after Q2 ends
    assert chart.markers[0].index == (date(2024, 1, 15) - first_day).days


def test_hq_late_writes_the_filtered_list_to_a_file(hq, tmp_path):  # noqa: F811
    run = [sys.executable, "-m", "apa_desktop", "hq", "late", *hq_cli_args(hq), "--year", "2023-24", "--quarter", "2"]
    done = subprocess.run([*run, "--tier", "upazila", "--out", str(tmp_path / "late.xlsx")], capture_output=True,
                          text=True, check=True, timeout=120)
    assert done.stdout.startswith("3\t")
    assert [r[:2] for r in _xlsx_rows(tmp_path / "late.xlsx")[2:]] == [("not_yet", "UNO-C"), ("late", "UNO-A"),
                                                                      ("late", "UNO-B")]
    none = subprocess.run([*run, "--tier", "district", "--out", str(tmp_path / "none.csv")], capture_output=True,
                          text=True, check=True, timeout=120)
    assert none.stdout.startswith("0\t") and (tmp_path / "none.csv").read_text("utf-8-sig").splitlines() == [
        "status,office_id,office_name,superior_office,tier,sent_on"]
    bad = subprocess.run([*run, "--out", str(tmp_path / "late.doc")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and ".csv or .xlsx" in bad.stderr
