"""Annex 4's typed obtained marks beside the computed ones, and the innovation-plan progress
reports register."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.cells import resolve  # noqa: E402
from apa_desktop.ui.models.table_model import ErrorRole  # noqa: E402


@pytest.fixture
def store(tmp_path):
    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    yield store
    store.close()


def open_window(qtbot, store, office_id: str, fiscal_year: str) -> MainWindow:
    window = MainWindow(store, store.find_office_year(office_id, fiscal_year))
    qtbot.addWidget(window)
    return window


def test_nis_typed_obtained_mark_that_differs_is_flagged_beside_the_computed_one(store, qtbot):
    window = open_window(qtbot, store, "khulna-ict", "2022-23")
    oy_id = window.session.office_year_id
    tab = window.tab("nis")
    model = tab.model
    typed = next(c for c, col in enumerate(model.columns) if col.header[1] == "Obtained\n(typed)")
    computed = next(c for c, col in enumerate(model.columns) if col.header[1] == "Obtained\n(computed)")
    r = next(r for r, row in enumerate(model.rows) if row.kind == "nis_activity" and model.index(r, computed).data())
    shown = model.index(r, computed).data()
    assert model.setData(model.index(r, typed), "৯৯")
    path = model.rows[r].path
    assert resolve(store.load(oy_id), path).typed_obtained == 99  # kept as typed
    assert model.index(r, computed).data() == shown  # the computed mark is not replaced
    for c in (typed, computed):
        assert model.index(r, c).data(8).color().name() == "#ffc680"  # BackgroundRole
        assert "৯৯" in model.index(r, c).data(3) and shown in model.index(r, c).data(3)  # ToolTipRole
    assert model.setData(model.index(r, typed), shown)
    assert model.index(r, typed).data(8) is None and not model.index(r, computed).data(3)


def test_innovation_progress_reports_are_shown_edited_and_added(store, qtbot):
    window = open_window(qtbot, store, "mole", "2016-17")
    tab = window.tab("innovation_progress")
    assert tab.choice.count() == 1 and "ইনোভেশন" in tab.choice.currentText()
    model = tab.table.model
    assert model.rowCount() == 10
    start = next(c for c, col in enumerate(model.columns) if col.header[1] == "Start")
    assert model.index(0, start).data() == "০১/০১/২০১৭"
    progress = next(c for c, col in enumerate(model.columns) if col.header[1] == "Progress")
    assert model.setData(model.index(0, progress), "বাস্তবায়িত")
    oy_id = window.session.office_year_id
    assert store.load(oy_id).registers.innovation_progress[0].rows[0].progress == "বাস্তবায়িত"
    assert not model.setData(model.index(0, start), "৩২/০১/২০১৭")  # stays typed with its message
    assert model.index(0, start).data(ErrorRole)

    assert tab.add_report()
    assert tab.choice.count() == 2 and tab.choice.currentIndex() == 1
    assert tab.table.model.rowCount() == 0
    tab.table.add_row()
    assert len(store.load(oy_id).registers.innovation_progress[1].rows) == 1
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert tab.choice.count() == 1


def test_a_progress_report_is_removed_only_after_the_clerk_confirms(store, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    window = open_window(qtbot, store, "mole", "2016-17")
    tab = window.tab("innovation_progress")
    oy_id = window.session.office_year_id
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: next(answers))
    assert tab.remove.isEnabled()
    assert not tab.remove_report()  # "No"
    assert len(store.load(oy_id).registers.innovation_progress) == 1
    assert tab.remove_report()
    assert store.load(oy_id).registers.innovation_progress == []
    assert tab.choice.count() == 0 and not tab.remove.isEnabled()
    window.session.undo_stack.undo()
    assert len(store.load(oy_id).registers.innovation_progress[0].rows) == 10 and tab.choice.count() == 1


def test_innovation_progress_is_read_only_in_hq_view(store, qtbot):
    window = MainWindow(store, store.find_office_year("mole", "2016-17"), read_only=True)
    qtbot.addWidget(window)
    tab = window.tab("innovation_progress")
    assert not tab.add.isEnabled() and not tab.add_report()
    assert not tab.remove.isEnabled() and not tab.remove_report()
    assert not any(button.isEnabled() for button in tab.table.buttons.values())



def test_a_cell_kept_unreadable_on_import_is_shown_red_with_its_reason(store, qtbot):
    """Tongi's NIS item 1.4 target names 31/04/2024, a date that does not exist: the importer kept
    the text as written; the clerk must see it marked with what to do, not a quiet cell."""
    from apa_desktop.ui.models.table_model import INVALID, UNREADABLE_MESSAGE

    model = open_window(qtbot, store, "tongi-lwc", "2023-24").tab("nis").model
    flagged = [model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
               if model.index(r, c).data(3) == UNREADABLE_MESSAGE]  # ToolTipRole
    assert flagged, "the unreadable target of item 1.4 is not flagged"
    assert all(index.data(8).color() == INVALID for index in flagged)  # BackgroundRole
    assert any("৩১/০৪/২০২৪" in index.data() for index in flagged)


def test_typing_the_e_nothi_count_in_bengali_digits_updates_the_computed_rate(store, qtbot):
    """Seed 004: 2,236 e-Nothi notes against 1,439 hard files is 60.84 %; the clerk types this
    quarter's count and the rate follows; the printed rate stays as it was typed."""
    from PySide6.QtWidgets import QLabel, QLineEdit

    window = open_window(qtbot, store, "dte", "2022-23")
    tab = window.tab("enothi")
    rate = tab.findChild(QLabel, "computed_rate")
    assert rate.text() == "৬০.৮৪%"
    (count,) = [e for e in tab.findChildren(QLineEdit) if e.property("kind") == "number" and e.text() == "২,২৩৬"]
    count.setText("৩০০০")
    count.editingFinished.emit()
    worksheet = store.load(window.session.office_year_id).registers.enothi
    assert worksheet.enothi_count == 3000 and worksheet.stated_rate == 61
    assert rate.text() == "৬৭.৫৮%"  # 3000 / (3000 + 1439)
    count.setText("তিন হাজার")
    count.editingFinished.emit()
    assert store.load(window.session.office_year_id).registers.enothi.enothi_count == 3000


def test_level_headers_use_the_forms_names_five_levels_in_section_3_three_in_the_annexes(store, qtbot):
    window = open_window(qtbot, store, "khulna-ict", "2022-23")
    section3 = [col.header[0] for col in window.tab("section3").model.columns if col.header[1] == "60%"]
    egov = [col.header[0] for col in window.tab("egov").model.columns if col.header[1][:1].isdigit()]
    assert section3 == ["চলতি মানের\nনিম্নে\n৬০%"]
    assert egov == ["অসাধারণ\n১০০%", "উত্তম\n৮০%", "চলতি মান\n৬০%"]  # seed 003's e-governance plan


def test_a_three_line_header_is_shown_whole_in_the_bundled_font(store, qtbot):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QApplication

    from apa_desktop.ui.app import load_fonts

    app = QApplication.instance()
    before = app.font()
    load_fonts(app)
    try:
        window = open_window(qtbot, store, "tongi-lwc", "2023-24")
        window.resize(1366, 768)
        window.show()
        view = window.tab("section3").view
        header, model = view.horizontalHeader(), view.model()
        column = next(c for c, col in enumerate(model.columns) if col.header[1] == "60%")
        text = model.headerData(column, Qt.Orientation.Horizontal)
        assert text.count("\n") == 2
        needed = header.fontMetrics().boundingRect(QRect(0, 0, 500, 500), int(Qt.AlignmentFlag.AlignCenter), text)
        assert header.height() >= needed.height() + 6
    finally:
        app.setFont(before)


def test_section3_typed_total_and_obtained_mark_that_differ_are_flagged_beside_the_computed(store, qtbot):
    window = open_window(qtbot, store, "tongi-lwc", "2023-24")
    model = window.tab("section3").model
    column = {col.header[1]: c for c, col in enumerate(model.columns)}
    r = next(r for r, row in enumerate(model.rows) if row.kind == "indicator")  # [১.১.১], Q3 ৬,০০০, score ১৫.০০
    total, typed_mark = model.index(r, column["Total\n(typed)"]), model.index(r, column["Obtained\n(typed)"])
    assert model.setData(total, "৫,৯০০") and model.setData(typed_mark, "15")
    path = model.rows[r].path
    indicator = resolve(store.load(window.session.office_year_id), path)
    assert (indicator.typed_total, indicator.typed_obtained) == (5900, 15)  # kept as typed
    assert total.data(8).color().name() == "#ffc680"  # BackgroundRole: differs from ৬,০০০
    assert total.data(3) == "লিখিত মোট অর্জন ৫,৯০০, গণনায় ৬,০০০"  # ToolTipRole
    assert typed_mark.data(8) is None and not typed_mark.data(3)  # ১৫ agrees with the score
    assert model.index(r, column["Score"]).data() == "১৫.০০"  # the computed score is not replaced
    assert model.setData(total, "6000")
    assert total.data(8) is None
