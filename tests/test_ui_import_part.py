""""নথি থেকে আমদানি…": a part read from a document's text into a new office-year, previewed,
stored on confirm as one change that Undo reverses."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from apa_desktop.core.model import Office  # noqa: E402
from apa_desktop.core.templates import new_office_year  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.ui.import_dialog import ImportPartDialog  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "demo"


def test_section3_of_a_seed_is_previewed_stored_and_undone(tmp_path, qtbot):
    store = open_database(tmp_path / "apa.db")
    oy_id = store.create_office_year(new_office_year(Office(id="t", name="টংগী", tier="district"), "2023-24"))
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    assert window.import_part_action.isEnabled()
    dialog = ImportPartDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.part.setCurrentIndex(dialog.part.findData("section3"))
    dialog.load(DEMO / "tongi-2023-24-q3.tsv.txt")
    result = dialog.result
    assert result is not None and not result.refused
    assert [o.status for o in result.outcomes].count("new") == 6
    assert dialog.rows.rowCount() >= 6 and dialog.ok.isEnabled()
    assert len(store.load(oy_id).section3.areas) == 1  # nothing stored yet
    dialog.resize(900, 560)
    dialog.grab().save(str(tmp_path / "import.png"))
    dialog.confirm()
    oy = store.load(oy_id)
    codes = [i.code for a in oy.section3.areas if not a.governance for act in a.activities for i in act.indicators]
    assert len(codes) == 6 and oy.section3.areas[-1].governance
    window.undo_action.trigger()
    assert len(store.load(oy_id).section3.areas) == 1
    store.close()


def test_a_bijoy_typed_copy_is_previewed_converted_and_the_original_can_be_kept(tmp_path, qtbot):
    from apa_desktop.core.bijoy import to_bijoy

    unicode_file = DEMO / "tongi-2023-24-q3.tsv.txt"
    bijoy_file = tmp_path / "bijoy.txt"
    bijoy_file.write_text(to_bijoy(unicode_file.read_text(encoding="utf-8")), encoding="utf-8")
    store = open_database(tmp_path / "apa.db")
    oy_id = store.create_office_year(new_office_year(Office(id="t", name="টংগী", tier="district"), "2023-24"))
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    dialog = ImportPartDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.part.setCurrentIndex(dialog.part.findData("section3"))
    dialog.load(unicode_file)
    expected = [(o.status, o.code, o.title) for o in dialog.result.outcomes]
    assert not dialog.keep_original.isVisibleTo(dialog)
    dialog.load(bijoy_file)
    assert [(o.status, o.code, o.title) for o in dialog.result.outcomes] == expected
    assert dialog.result.converted and dialog.keep_original.isVisibleTo(dialog)
    statuses = [dialog.rows.item(r, 0).text() for r in range(dialog.rows.rowCount())]
    assert statuses.count("বিজয় থেকে রূপান্তরিত") == len(dialog.result.converted)
    dialog.resize(900, 560)
    dialog.grab().save(str(tmp_path / "import_bijoy.png"))
    dialog.keep_original.setChecked(True)
    assert dialog.result.keep_original and [(o.status, o.code, o.title) for o in dialog.result.outcomes] != expected
    dialog.keep_original.setChecked(False)
    dialog.confirm()
    oy = store.load(oy_id)
    titles = [i.title for a in oy.section3.areas if not a.governance for act in a.activities for i in act.indicators]
    assert titles == [title for status, code, title in expected]
    store.close()
