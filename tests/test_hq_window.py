"""The read-only HQ window lists every office-year and drills down into the same scores."""

from __future__ import annotations

from apa_desktop.core.scoring import score_office_year
from apa_desktop.hq.database import open_hq_database
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer

from bundle_helpers import bundle_for, make_key, small_office_year


def test_hq_window_lists_office_years_and_shows_the_breakdown(qtbot, tmp_path):
    from apa_desktop.core.numerals import format_score
    from apa_desktop.ui.hq_window import HqWindow

    db = open_hq_database(tmp_path / "hq.sqlite3")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(db, office, make_key(office)[1])
        Importer(db).import_source(bundle_for(office))
    window = HqWindow(db)
    qtbot.addWidget(window)
    assert window.table.rowCount() == 2
    window.table.selectRow(1)
    office_year, _ = small_office_year("DC-KHULNA")
    total = score_office_year(office_year, office_year.report_quarter).total
    assert "DC-KHULNA" in window.detail.toPlainText()
    assert format_score(total, digits="bn") in window.detail.toPlainText()
    assert window.table.item(1, 5).text() == f"{round(total, 2):.2f}"
