"""Plausible values: a value that reads but is unlikely is stored and flagged yellow with its
reason for the clerk to confirm; the colours of the cells are distinct and explained by a legend."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from apa_desktop.core.rules import implausible  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.legend import legend_entries  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.table_model import PENDING  # noqa: E402


@pytest.fixture
def window(tmp_path, qtbot):
    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    window = MainWindow(store, store.find_office_year("khulna-ict", "2022-23"))
    qtbot.addWidget(window)
    yield window
    store.close()


def _cell(tab, unit: str, header_en: str):
    oy = tab.session.office_year
    from apa_desktop.ui.models.cells import resolve
    r = next(r for r, row in enumerate(tab.model.rows) if row.kind == "indicator"
             and resolve(oy, row.path).unit == unit)
    c = next(c for c, col in enumerate(tab.model.columns) if col.header[1] == header_en)
    return tab.model.index(r, c)


@pytest.mark.parametrize("key,unit,text,reason", [
    ("egov", "date", "০১/০১/৯৯", "2099"), ("rti", "date", "১৫/১১/২০২৩", "outside the fiscal year"),
    ("section3", "count", "-৫", "negative"), ("grs", "percent", "১২০", "outside 0-100"),
])
def test_an_implausible_value_is_stored_and_flagged_with_its_reason(window, key, unit, text, reason):
    tab = window.tab(key)
    index = _cell(tab, unit, "Achieved\nQ1")
    assert tab.model.setData(index, text)
    oy = window.store.load(window.session.office_year_id)
    from apa_desktop.ui.models.cells import resolve
    row = tab.model.rows[index.row()]
    assert resolve(oy, row.path + ("quarters", 0)) is not None  # stored
    assert reason in resolve(oy, row.path).pending["quarters[0]"]
    assert tab.model.data(index, Qt.ItemDataRole.BackgroundRole).color() == PENDING
    assert reason in tab.model.data(index, Qt.ItemDataRole.ToolTipRole)
    window.undo_action.trigger()  # one change: the value and its flag go together
    assert "quarters[0]" not in resolve(window.store.load(window.session.office_year_id), row.path).pending


def test_a_plausible_value_is_not_flagged_and_clears_an_old_flag(window):
    tab = window.tab("section3")
    index = _cell(tab, "count", "Achieved\nQ1")
    row = tab.model.rows[index.row()]
    from apa_desktop.ui.models.cells import resolve
    assert tab.model.setData(index, "-৩")
    assert tab.model.setData(index, "৩")
    assert "quarters[0]" not in resolve(window.store.load(window.session.office_year_id), row.path).pending
    assert implausible("2022-23", "date", __import__("datetime").date(2023, 9, 30)) is None  # the quarter after


def test_the_legend_shows_distinct_colours_for_each_meaning(window, tmp_path):
    colours = [colour.lower() for colour, _ in legend_entries()]
    assert len(colours) == len(set(colours)) == 9
    assert window.legend.isVisibleTo(window)
    window.resize(1366, 740)
    window.show()
    window.grab().save(str(tmp_path / "legend.png"))
