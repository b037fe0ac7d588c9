"""Annex 4's typed obtained marks beside the computed ones, and the innovation-plan progress
reports register."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.cells import resolve  # noqa: E402


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
