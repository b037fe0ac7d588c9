"""What cannot be changed, and why: HQ's read-only view, a signed revision (until a new revision
is opened with a reason), and the template's rows (governance area of Section 3, Annexes 4-8)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QAbstractItemView, QPushButton  # noqa: E402

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.cells import resolve  # noqa: E402
from apa_desktop.ui.tabs.table_tab import TableTab  # noqa: E402

ROW_ACTIONS = ("add_row", "remove_row", "move_up", "move_down", "paste_rows")
PDF = b"%PDF-1.7\n% signed APA\n" + b"0" * 300


@pytest.fixture
def demo(tmp_path):
    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    yield store, store.find_office_year("khulna-ict", "2022-23")
    store.close()


def open_window(qtbot, store, oy_id, **kwargs) -> MainWindow:
    window = MainWindow(store, oy_id, **kwargs)
    qtbot.addWidget(window)
    return window


def first_indicator(tab: TableTab) -> int:
    return next(r for r, row in enumerate(tab.model.rows) if row.kind == "indicator")


def achievement_column(tab: TableTab) -> int:
    return next(c for c, col in enumerate(tab.model.columns) if col.header[1] == "Achieved\nQ1")


def assert_nothing_editable(window: MainWindow) -> None:
    for key in window.keys():
        tab = window.tab(key)
        for table in [tab] if isinstance(tab, TableTab) else tab.findChildren(TableTab):
            assert table.view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers, key
            assert not table.view.paste_action.isEnabled(), key
            for button in table.buttons.values():
                assert not button.isEnabled(), (key, button.objectName())
            model = table.model
            editable = [(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                        if model.flags(model.index(r, c)) & model.flags(model.index(r, c)).ItemIsEditable]
            assert not editable, key
        for editor in getattr(tab, "editors", {}).values():
            assert editor.isReadOnly() if hasattr(editor, "isReadOnly") else not editor.isEnabled(), key
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert not window.evidence.attach_button.isEnabled()


def test_read_only_window_shows_everything_and_changes_nothing(demo, qtbot, tmp_path):
    store, oy_id = demo
    before = store.load(oy_id).section3.areas[0].activities[0].indicators[0].quarters[:]
    window = open_window(qtbot, store, oy_id, read_only=True)
    assert window.read_only and "read-only" in window.lock_label.text()
    assert not window.lock_banner.isHidden() and window.new_revision_button.isHidden()
    assert not window.import_action.isEnabled()
    assert window.score_panel.total.text().count(":") == 1 and "স্কোর নেই" not in window.score_panel.total.text()
    assert_nothing_editable(window)
    tab = window.tab("section3")
    index = tab.model.index(first_indicator(tab), achievement_column(tab))
    assert tab.model.index(index.row(), 1).data()  # the document is shown
    assert not tab.model.setData(index, "৯৯")
    tab.view.setCurrentIndex(index)
    tab.view.paste_text("১\t২")
    window.evidence.set_target(tab.model.rows[index.row()].path)
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(PDF)
    assert not window.evidence.attach(proof)
    assert store.load(oy_id).section3.areas[0].activities[0].indicators[0].quarters == before
    assert store.revisions(oy_id)[-1].number == 1


def test_signed_revision_is_locked_until_a_new_revision_with_a_reason(demo, qtbot):
    store, oy_id = demo
    store.mark_signed(oy_id, "অফিস প্রধান", PDF)
    window = open_window(qtbot, store, oy_id)
    assert window.session.signed and not window.session.editable
    assert "স্বাক্ষরিত" in window.lock_label.text()
    assert not window.new_revision_button.isHidden()
    assert_nothing_editable(window)
    assert not window.open_new_revision("   ")  # a reason is required
    assert store.revisions(oy_id)[-1].locked

    assert window.open_new_revision("ত্রৈমাসিক অর্জন সংশোধন")
    revisions = store.revisions(oy_id)
    assert len(revisions) == 2 and revisions[0].locked and not revisions[-1].locked
    assert revisions[-1].reason == "ত্রৈমাসিক অর্জন সংশোধন"
    assert window.session.editable and window.lock_banner.isHidden()
    tab = window.tab("section3")
    r, c = first_indicator(tab), achievement_column(tab)
    assert tab.view.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers
    assert tab.model.setData(tab.model.index(r, c), "৪২")
    assert resolve(store.load(oy_id), tab.model.rows[r].path + ("quarters", 0)) == 42
    assert window.evidence.attach_button.isEnabled()
    assert window.tab("cover").editors[("cover", "period")].isReadOnly() is False


def test_signing_while_open_locks_the_window(demo, qtbot):
    store, oy_id = demo
    window = open_window(qtbot, store, oy_id)
    tab = window.tab("section3")
    assert tab.model.setData(tab.model.index(first_indicator(tab), achievement_column(tab)), "৭")
    store.mark_signed(oy_id, "অফিস প্রধান", PDF)
    window.session.refresh_lock()
    assert not window.session.editable and not window.undo_action.isEnabled()
    assert not window.lock_banner.isHidden()


def _row(tab: TableTab, predicate) -> int:
    oy = tab.session.office_year
    return next(r for r, row in enumerate(tab.model.rows) if predicate(row, oy))


def _buttons(tab: TableTab) -> dict[str, QPushButton]:
    return {key: tab.buttons[key] for key in ROW_ACTIONS}


def test_template_rows_cannot_be_added_removed_or_moved_but_values_stay_editable(demo, qtbot):
    store, oy_id = demo
    window = open_window(qtbot, store, oy_id)
    tab = window.tab("section3")
    area_of = lambda row, oy: resolve(oy, row.path[:3])  # noqa: E731
    governance = _row(tab, lambda row, oy: row.kind == "indicator" and area_of(row, oy).governance)
    own = _row(tab, lambda row, oy: row.kind == "indicator" and not area_of(row, oy).governance)
    size = len(tab.model.rows)

    tab.view.setCurrentIndex(tab.model.index(governance, 1))
    for key, button in _buttons(tab).items():
        assert not button.isEnabled(), key
        assert "টেমপ্লেট" in button.toolTip()
    assert tab.buttons["confirm"].isEnabled()
    tab.add_row()
    tab.remove_row()
    tab.move_down()
    assert len(tab.model.rows) == size
    assert tab.model.flags(tab.model.index(governance, achievement_column(tab))) & \
        tab.model.flags(tab.model.index(governance, 0)).ItemIsEditable

    governance_area = _row(tab, lambda row, oy: row.kind == "area" and area_of(row, oy).governance)
    tab.view.setCurrentIndex(tab.model.index(governance_area, 1))
    assert tab.buttons["add_row"].isEnabled() and tab.buttons["paste_rows"].isEnabled()  # a new own area
    assert not tab.buttons["remove_row"].isEnabled() and not tab.buttons["move_down"].isEnabled()

    tab.view.setCurrentIndex(tab.model.index(own, 1))
    assert all(button.isEnabled() for button in _buttons(tab).values())
    tab.add_row()
    assert len(tab.model.rows) == size + 1

    for key in ("nis", "egov", "grs", "charter", "rti"):
        annex = window.tab(key)
        leaf = next(r for r, row in enumerate(annex.model.rows) if row.kind in ("indicator", "nis_activity"))
        annex.view.setCurrentIndex(annex.model.index(leaf, 1))
        assert not any(button.isEnabled() for button in _buttons(annex).values()), key
        rows = len(annex.model.rows)
        annex.add_row()
        annex.remove_row()
        assert len(annex.model.rows) == rows, key



def test_new_revision_button_asks_for_a_reason_and_refuses_none(demo, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    store, oy_id = demo
    store.mark_signed(oy_id, "অফিস প্রধান", PDF)
    window = open_window(qtbot, store, oy_id)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[-1]))
    answers = iter([("  ", True), ("", False), ("ভুল সংশোধন", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: next(answers))
    window.new_revision_button.click()
    assert warnings and len(store.revisions(oy_id)) == 1 and not window.session.editable
    window.new_revision_button.click()  # cancelled
    assert len(store.revisions(oy_id)) == 1
    window.new_revision_button.click()
    assert len(store.revisions(oy_id)) == 2 and window.session.editable
    assert window.lock_banner.isHidden()


def test_an_own_area_cannot_be_moved_below_the_governance_area(demo, qtbot):
    store, oy_id = demo
    window = open_window(qtbot, store, oy_id)
    tab = window.tab("section3")
    areas = [r for r, row in enumerate(tab.model.rows) if row.kind == "area"]
    oy = tab.session.office_year
    last_own = max(r for r in areas if not resolve(oy, tab.model.rows[r].path).governance)
    tab.view.setCurrentIndex(tab.model.index(last_own, 1))
    assert not tab.buttons["move_down"].isEnabled() and tab.buttons["move_up"].isEnabled()
    before = [area.title for area in store.load(oy_id).section3.areas]
    tab.move_down()
    assert [area.title for area in store.load(oy_id).section3.areas] == before
    assert store.load(oy_id).section3.areas[-1].governance

    governance_area = max(areas)
    tab.view.setCurrentIndex(tab.model.index(governance_area, 1))
    tab.add_row()  # a new own area, placed above the governance area
    areas_now = store.load(oy_id).section3.areas
    assert len(areas_now) == len(before) + 1 and areas_now[-1].governance and not areas_now[-2].governance
