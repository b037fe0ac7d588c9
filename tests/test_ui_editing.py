"""Editing beyond typing: pending confirmations, invalid dates in forms, row operations,
the language switch, and a JSON import run off the UI thread."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from apa_desktop.core.interchange import dumps  # noqa: E402
from apa_desktop.core.model import Office  # noqa: E402
from apa_desktop.core.templates import new_office_year  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.ui import i18n  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.cells import resolve  # noqa: E402
from test_ui_clerk import seed_section3_rows  # noqa: E402


@pytest.fixture
def window(tmp_path, qtbot):
    store = open_database(tmp_path / "apa.db")
    oy_id = store.create_office_year(new_office_year(Office("upz", "উপজেলা অফিস"), "2023-24"))
    win = MainWindow(store, oy_id)
    qtbot.addWidget(win)
    yield win
    store.close()


def test_values_read_from_a_share_are_flagged_and_can_be_confirmed(window):
    tab = window.tab("section3")
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.paste_rows_text(seed_section3_rows())
    oy = window.session.office_year
    flagged = [r for r, row in enumerate(tab.model.rows)
               if row.kind == "indicator" and resolve(oy, row.path).pending]
    assert flagged, "the seed's '১০০%' achievements of count/date rows must wait for confirmation"
    r = flagged[0]
    q3 = next(c for c, col in enumerate(tab.model.columns) if col.header[1] == "Achieved\nQ3")
    assert "নিশ্চিত" in tab.model.index(r, q3).data(3)  # ToolTipRole: the message to confirm
    tab.view.setCurrentIndex(tab.model.index(r, q3))
    tab.confirm_pending()
    assert not resolve(window.session.office_year, tab.model.rows[r].path).pending
    assert tab.model.index(r, q3).data(3) is None


def test_an_invalid_signing_date_stays_typed_with_its_message_and_is_not_saved(window):
    cover = window.tab("cover")
    path = ("cover", "signing_date")
    cover.set_text(path, "৩২/১৩/২০২৩")
    cover.commit(path)
    assert window.session.office_year.cover.signing_date is None
    assert cover.errors[path].text()
    assert cover.text_of(path) == "৩২/১৩/২০২৩"
    cover.set_text(path, "২৯/০৬/২০২৩")
    cover.commit(path)
    assert str(window.session.office_year.cover.signing_date) == "2023-06-29"
    assert cover.errors[path].isHidden()


def test_rows_are_added_moved_and_removed_in_a_register(window):
    tab = window.tab("annex1")
    tab.add_row()
    tab.view.setCurrentIndex(tab.model.index(0, 1))
    assert tab.model.setData(tab.model.index(0, 1), "এপিএ")
    tab.add_row()
    assert tab.model.setData(tab.model.index(1, 1), "জিআরএস")
    tab.view.setCurrentIndex(tab.model.index(1, 1))
    tab.move_up()
    assert [a.term for a in window.session.office_year.annex1] == ["জিআরএস", "এপিএ"]
    tab.remove_row()
    assert len(window.session.office_year.annex1) == 1
    window.session.undo_stack.undo()
    assert len(window.session.office_year.annex1) == 2


def test_the_english_switch_relabels_tabs_and_keeps_the_document(window):
    try:
        window.switch_language()
        assert window.tabs.tabText(window.keys().index("section3")) == "Section 3"
        from PySide6.QtCore import Qt
        model = window.tab("section3").model
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Code"
        assert window.session.office_year.office.name == "উপজেলা অফিস"
    finally:
        i18n.set_language("bn")


def test_a_json_import_runs_off_the_ui_thread_and_replaces_the_document(window, tmp_path, qtbot):
    other = new_office_year(Office("upz", "উপজেলা অফিস"), "2023-24")
    other.overview.achievements = "আমদানি করা অর্জন"
    file = tmp_path / "in.json"
    file.write_text(dumps(other), encoding="utf-8")
    job = window.import_json(file)
    with qtbot.waitSignal(job.done, timeout=10000):
        pass
    QApplication.processEvents()
    assert window.session.office_year.overview.achievements == "আমদানি করা অর্জন"
