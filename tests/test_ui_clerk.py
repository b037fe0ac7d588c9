"""The main window driven as a clerk would: create an office-year, paste Section 3 rows from a
seed table, type achievements in Bengali digits, attach evidence, undo, close and reopen."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.ui.app import last_office_year  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.table_model import ErrorRole  # noqa: E402
from apa_desktop.ui.start_dialog import StartDialog  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "demo"


def seed_section3_rows() -> str:
    """Section 3 of seed 000 (Tongi 2023-24) with its header rows, as copied from Word."""
    lines = (DEMO / "tongi-2023-24-q3.tsv.txt").read_text(encoding="utf-8").splitlines()
    section3 = next(i for i, line in enumerate(lines) if "সেকশন ৩" in line)
    start = next(i for i in range(section3, len(lines)) if lines[i].startswith("কর্মসম্পাদনের ক্ষেত্র\tমান"))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return "\n".join(lines[start:end])


def type_text(widget, text: str) -> None:
    """Type ``text`` key by key (Bengali characters as key events carrying text, as Avro sends them)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def cell(tab, code: str, header_en: str):
    model = tab.model
    column = next(c for c, col in enumerate(model.columns) if col.header[1].replace("\n", " ") == header_en)
    # the own areas, pasted above the governance area, reuse its codes: take the first match
    row = [r for r, row in enumerate(model.rows)
           if row.kind == "indicator" and _resolve(model.session.office_year, row.path).code == code][0]
    return model.index(row, column)


def _resolve(root, path):
    from apa_desktop.ui.models.cells import resolve
    return resolve(root, path)


def type_into_cell(qtbot, tab, index, text: str) -> None:
    tab.view.setCurrentIndex(index)
    tab.view.edit(index)
    editor = tab.view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()  # the delegate commits on a queued call


@pytest.fixture
def created(tmp_path, qtbot):
    db = tmp_path / "apa.db"
    store = open_database(db)
    dialog = StartDialog(store)
    qtbot.addWidget(dialog)
    dialog.office_id.setText("tongi-test")
    dialog.office_name.setText("শ্রম কল্যাণ কেন্দ্র, টংগী")
    dialog.year.setCurrentIndex(dialog.year.findData("2023-24"))
    dialog.create()
    assert dialog.chosen is not None
    return db, store, dialog.chosen


def test_clerk_creates_pastes_types_attaches_undoes_and_reopens(created, qtbot, tmp_path):
    db, store, oy_id = created
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("section3")

    # paste Section 3 rows copied from the seed document (header rows included)
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.paste_rows_text(seed_section3_rows()), tab.error.text()
    oy = store.load(oy_id)
    codes = [i.code for a in oy.section3.areas for act in a.activities for i in act.indicators]
    assert {"1.1.1", "1.2.1", "2.1.1", "2.2.1", "3.1.1", "3.2.1"} <= set(codes)

    # type an achievement with Bengali digits: stored as a number, shown in Bengali, scored
    q1 = cell(tab, "1.1.1", "Achieved Q1")
    type_into_cell(qtbot, tab, q1, "৬০০০")
    indicator = _resolve(store.load(oy_id), tab.model.rows[q1.row()].path)
    assert indicator.quarters[0] == 6000
    assert q1.data() == "৬,০০০"
    raw = tab.model.index(q1.row(), [c.header[1] for c in tab.model.columns].index("Raw %"))
    score = tab.model.index(q1.row(), [c.header[1] for c in tab.model.columns].index("Score"))
    assert raw.data() == "১০০.০০%"
    assert score.data() == "১৫.০০"
    assert tab.summary.text().startswith("প্রাপ্ত নম্বর: ")

    # ASCII digits are accepted too and shown in Bengali
    q1b = cell(tab, "1.2.1", "Achieved Q1")
    type_into_cell(qtbot, tab, q1b, "2000")
    assert q1b.data() == "২,০০০"

    # invalid input: message in place, typed text kept, nothing stored
    bad = cell(tab, "2.1.1", "Achieved Q1")
    type_into_cell(qtbot, tab, bad, "৩৫ক")
    assert _resolve(store.load(oy_id), tab.model.rows[bad.row()].path).quarters[0] is None
    assert bad.data() == "৩৫ক"
    assert bad.data(ErrorRole)
    assert tab.error.text() == bad.data(ErrorRole)
    assert not store.history(oy_id, tab.model.cell_path(bad))
    # corrected in place: stored, message gone
    type_into_cell(qtbot, tab, bad, "৩৫০")
    assert _resolve(store.load(oy_id), tab.model.rows[bad.row()].path).quarters[0] == 350
    assert not bad.data(ErrorRole)

    # evidence for the indicator and the quarter; a wrong file type is refused with a message
    window.evidence_dock.show()
    window.evidence.set_target(tab.model.rows[q1.row()].path)
    photo = tmp_path / "ছবি.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("green"))
    image.save(str(photo))
    assert window.evidence.attach(photo)
    quarter = window.evidence.quarter
    shas = _resolve(store.load(oy_id), tab.model.rows[q1.row()].path).evidence[quarter - 1]
    assert len(shas) == 1 and store.get_evidence(shas[0]).name == "ছবি.png"
    assert window.evidence.files.count() == 1
    assert not any("১.১.১" in window.evidence.missing.item(i).text() and "স্বাস্থ্যসেবা" in
                   window.evidence.missing.item(i).text() for i in range(window.evidence.missing.count()))
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not evidence")
    assert not window.evidence.attach(text_file)
    assert window.evidence.message.text()

    # undo the attachment, redo it
    window.session.undo_stack.undo()
    assert _resolve(store.load(oy_id), tab.model.rows[q1.row()].path).evidence[quarter - 1] == []
    window.session.undo_stack.redo()
    assert _resolve(store.load(oy_id), tab.model.rows[q1.row()].path).evidence[quarter - 1] == shas

    # the cell's change history comes from the audit log
    assert len(tab.view.history_lines(q1)) == 1
    total = window.session.breakdown.total
    window.close()
    store.close()

    # reopen: the last office-year opens directly, with the same data and scores
    store2 = open_database(db)
    assert last_office_year(store2) == oy_id
    again = MainWindow(store2, oy_id)
    qtbot.addWidget(again)
    tab2 = again.tab("section3")
    q1_again = cell(tab2, "1.1.1", "Achieved Q1")
    assert q1_again.data() == "৬,০০০"
    assert tab2.model.index(q1_again.row(), raw.column()).data() == "১০০.০০%"
    assert again.session.breakdown.total == pytest.approx(total)
    assert _resolve(store2.load(oy_id), tab2.model.rows[q1_again.row()].path).evidence[quarter - 1] == shas
    store2.close()


def test_undo_of_a_typed_achievement_restores_the_empty_cell_and_the_score(created, qtbot):
    db, store, oy_id = created
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("section3")
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.paste_rows_text(seed_section3_rows())
    window.score_panel.quarter.setCurrentIndex(1)  # the Q1 report: the pasted Q3 figures do not count
    assert window.session.quarter == 1
    before = window.session.breakdown.own_part
    q1 = cell(tab, "2.1.1", "Achieved Q1")
    type_into_cell(qtbot, tab, q1, "৩৫০")
    assert window.session.breakdown.own_part > before
    window.session.undo_stack.undo()
    assert q1.data() == ""
    assert window.session.breakdown.own_part == pytest.approx(before)
    window.session.undo_stack.undo()  # the paste
    codes = [i.code for a in store.load(oy_id).section3.areas for act in a.activities for i in act.indicators]
    assert "2.1.1" not in codes


def test_range_paste_previews_then_stores_valid_cells_and_lists_invalid_ones(created, qtbot, paste_dialogs):
    db, store, oy_id = created
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("section3")
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.paste_rows_text(seed_section3_rows())
    start = cell(tab, "1.1.1", "Achieved Q1")
    tab.view.setCurrentIndex(start)
    tab.view.paste_text("১০০০\t২০০০\txyz")
    preview = paste_dialogs.shown[-1].plan
    assert [c.new for c in preview.changes] == ["১,০০০", "২,০০০"]
    assert [r.text for r in preview.refused] == ["xyz"] and "পড়া যায়নি" in preview.refused[0].message_bn
    path = tab.model.rows[start.row()].path
    assert _resolve(store.load(oy_id), path).quarters[:3] == [1000, 2000, 6000]  # Q3 as pasted before
    window.session.undo_stack.undo()
    assert _resolve(store.load(oy_id), path).quarters[:2] == [None, None]


def test_every_part_has_a_tab_and_renders(created, qtbot, tmp_path):
    db, store, oy_id = created
    from apa_desktop.ui.screenshots import render_office_year

    files = render_office_year(store, oy_id, tmp_path, "t")
    assert len(files) >= 13
    assert all(f.stat().st_size > 0 for f in files)


def test_enter_moves_down_and_delete_empties_the_selection(created, qtbot):
    db, store, oy_id = created
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("section3")
    tab.view.setCurrentIndex(tab.model.index(0, 0))
    assert tab.paste_rows_text(seed_section3_rows())
    q1 = cell(tab, "3.1.1", "Achieved Q1")
    type_into_cell(qtbot, tab, q1, "৯৭%")
    assert tab.view.currentIndex().row() == q1.row() + 1
    assert _resolve(store.load(oy_id), tab.model.rows[q1.row()].path).quarters[0] == 97
    tab.view.setCurrentIndex(q1)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert _resolve(store.load(oy_id), tab.model.rows[q1.row()].path).quarters[0] is None


def test_a_new_year_keeps_the_offices_tier_and_superior_and_the_cover_edits_them(tmp_path, qtbot):
    from apa_desktop.db.demo import install_demo

    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    before = {office.id: office for office in store.offices()}["khulna-ict"]
    dialog = StartDialog(store)
    qtbot.addWidget(dialog)
    item = next(dialog.list.item(i) for i in range(dialog.list.count()) if dialog.list.item(i).data(257) == "khulna-ict")
    dialog.list.setCurrentItem(item)
    assert dialog.tier.currentData() == before.tier and dialog.superior_office.text() == before.superior_office
    dialog.year.setCurrentIndex(dialog.year.findData("2023-24"))
    dialog.create()
    new = store.load(dialog.chosen)
    assert (new.office.tier, new.office.superior_office) == (before.tier, before.superior_office)

    window = MainWindow(store, dialog.chosen)
    qtbot.addWidget(window)
    cover = window.tab("cover")
    combo = cover.editors[("office", "tier")]
    combo.setCurrentIndex(combo.findData("upazila"))
    combo.activated.emit(combo.currentIndex())
    superior = cover.editors[("office", "superior_office")]
    superior.setText("জেলা প্রশাসকের কার্যালয়, খুলনা")
    superior.editingFinished.emit()
    office = {office.id: office for office in store.offices()}["khulna-ict"]
    assert (office.tier, office.superior_office) == ("upazila", "জেলা প্রশাসকের কার্যালয়, খুলনা")
    assert store.load(dialog.chosen).office.tier == "upazila"
    name = cover.editors[("office", "name")]
    name.setText("আইসিটি জেলা কার্যালয়, খুলনা")
    name.editingFinished.emit()
    assert window.windowTitle().endswith("আইসিটি জেলা কার্যালয়, খুলনা ২০২৩-২৪")
    assert {office.id: office for office in store.offices()}["khulna-ict"].name == "আইসিটি জেলা কার্যালয়, খুলনা"
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert store.load(dialog.chosen).office.superior_office == before.superior_office
    store.close()
