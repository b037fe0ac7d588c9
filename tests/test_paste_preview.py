"""Paste that shows what it will change: the preview, confirm, Undo; template-fixed cells never
overwritten; columns by the pasted header row; heading rows skipped under a column of values."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from apa_desktop.core.interchange import to_data  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.cells import resolve  # noqa: E402
from apa_desktop.ui.tabs.table_tab import TableTab  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "demo"
TABLES = ("section2", "section3", "annex1", "annex2", "annex3", "nis", "egov", "grs", "charter", "rti")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("paste") / "apa.db"
    store = open_database(path)
    install_demo(store)
    store.close()
    return path


@pytest.fixture
def store(demo_db, tmp_path):
    copy_path = tmp_path / "apa.db"
    copy_path.write_bytes(demo_db.read_bytes())
    s = open_database(copy_path)
    yield s
    s.close()


def _window(qtbot, store, office="khulna-ict", year="2022-23") -> MainWindow:
    window = MainWindow(store, store.find_office_year(office, year))
    qtbot.addWidget(window)
    return window


def _column(tab: TableTab, header_en: str) -> int:
    return next(c for c, col in enumerate(tab.model.columns) if col.header[1].replace("\n", " ") == header_en)


def _rows(tab: TableTab, kind: str) -> list[int]:
    return [r for r, row in enumerate(tab.model.rows) if row.kind == kind]


def test_pasting_over_annex_titles_and_weights_changes_none_of_them(store, qtbot, paste_dialogs):
    """The report's case: a range copied over the GRS plan's codes, titles and weights (the
    column-number row "১ ২ ৩ …" included) overwrites nothing the template fixes."""
    window = _window(qtbot, store)
    tab = window.tab("grs")
    before = copy.deepcopy(tab.session.office_year.annexes["grs"])
    first = _rows(tab, "indicator")[0]
    tab.view.setCurrentIndex(tab.model.index(first, 0))
    lines = ["\t".join(["১", "২", "৩", "৪", "৫", "৬", "৭"])] * 3
    tab.view.paste_text("\n".join(lines))
    after = store.load(tab.session.office_year_id).annexes["grs"]
    for a, area in enumerate(after.areas):
        for b, act in enumerate(area.activities):
            for i, ind in enumerate(act.indicators):
                old = before.areas[a].activities[b].indicators[i]
                assert (ind.code, ind.title, ind.unit, ind.weight, ind.method, ind.levels) == \
                       (old.code, old.title, old.unit, old.weight, old.method, old.levels)
    preview = paste_dialogs.shown[-1].plan
    assert any("টেমপ্লেট" in r.message_bn for r in preview.refused)


def test_a_column_of_values_skips_the_heading_rows_visibly(store, qtbot, paste_dialogs):
    window = _window(qtbot, store)
    tab = window.tab("section3")
    q1 = _column(tab, "Achieved Q1")
    indicators = _rows(tab, "indicator")
    tab.view.setCurrentIndex(tab.model.index(indicators[0], q1))
    tab.view.paste_text("\n".join(str(n) for n in (11, 12, 13, 14, 15, 16)))
    preview = paste_dialogs.shown[-1].plan
    assert len(preview.changes) == 6 and not preview.refused and preview.skipped_rows
    oy = store.load(tab.session.office_year_id)
    stored = [resolve(oy, tab.model.rows[r].path).quarters[0] for r in indicators[:6]]
    assert stored == [11, 12, 13, 14, 15, 16]
    assert "বাদ" in paste_dialogs.shown[-1].skipped.text()
    window.undo_action.trigger()
    oy = store.load(tab.session.office_year_id)
    assert [resolve(oy, tab.model.rows[r].path).quarters[0] for r in indicators[:6]] != stored


def test_columns_follow_the_pasted_header_row(store, qtbot, paste_dialogs):
    window = _window(qtbot, store)
    tab = window.tab("section3")
    first = _rows(tab, "indicator")[0]
    tab.view.setCurrentIndex(tab.model.index(first, 0))
    tab.view.paste_text("অর্জন ত্রৈ ২\tঅর্জন ত্রৈ ১\n৭\t৫")
    preview = paste_dialogs.shown[-1].plan
    assert preview.header_line == 1
    oy = store.load(tab.session.office_year_id)
    assert resolve(oy, tab.model.rows[first].path).quarters[:2] == [5, 7]


def test_an_ambiguous_heading_is_asked_and_nothing_is_stored_until_chosen(store, qtbot, paste_dialogs):
    window = _window(qtbot, store)
    tab = window.tab("section3")
    first = _rows(tab, "indicator")[0]
    tab.view.setCurrentIndex(tab.model.index(first, 0))
    before = to_data(store.load(tab.session.office_year_id))
    paste_dialogs.answer = "accept"
    tab.view.paste_text("অর্জন\n৯")  # fits each quarter's column
    dialog = paste_dialogs.shown[-1]
    assert dialog.plan.ambiguous and not dialog.ok.isEnabled()
    assert to_data(store.load(tab.session.office_year_id)) == before
    q3 = _column(tab, "Achieved Q3")
    paste_dialogs.choose = {0: q3}
    tab.view.paste_text("অর্জন\n৯")
    assert resolve(store.load(tab.session.office_year_id), tab.model.rows[first].path).quarters[2] == 9


def test_cancelling_the_preview_stores_nothing(store, qtbot, paste_dialogs):
    window = _window(qtbot, store)
    tab = window.tab("section3")
    first = _rows(tab, "indicator")[0]
    tab.view.setCurrentIndex(tab.model.index(first, _column(tab, "Achieved Q1")))
    before = to_data(store.load(tab.session.office_year_id))
    paste_dialogs.answer = "reject"
    tab.view.paste_text("১\t২\t৩")
    assert paste_dialogs.shown and to_data(store.load(tab.session.office_year_id)) == before


def test_row_paste_onto_nis_section_3_previews_the_rows_added(store, qtbot, paste_dialogs):
    window = _window(qtbot, store)
    tab = window.tab("nis")
    oy = tab.session.office_year
    s3 = next(s for s, sec in enumerate(oy.nis.sections) if sec.code == "3")
    r = next(r for r, row in enumerate(tab.model.rows) if row.path == ("nis", "sections", s3))
    tab.view.setCurrentIndex(tab.model.index(r, 1))
    size = len(oy.nis.sections[s3].activities)
    rows = ("৩.৯ নিজস্ব শুদ্ধাচার কার্যক্রম\tআয়োজিত সভা\t১\tসংখ্যা\tফোকাল পয়েন্ট\t৪\tলক্ষ্যমাত্রা\t১\t১\t১\t১\n"
            "\t\t\t\t\t\tঅর্জন\t১\t\t\t")
    assert tab.buttons["paste_rows"].isEnabled()
    assert tab.paste_rows_text(rows)
    assert paste_dialogs.shown[-1].added
    assert len(store.load(tab.session.office_year_id).nis.sections[s3].activities) == size + 1
    window.undo_action.trigger()
    assert len(store.load(tab.session.office_year_id).nis.sections[s3].activities) == size
    s1 = next(s for s, sec in enumerate(oy.nis.sections) if sec.code == "1")
    r = next(r for r, row in enumerate(tab.model.rows) if row.path == ("nis", "sections", s1, "activities", 0))
    tab.view.setCurrentIndex(tab.model.index(r, 1))
    assert not tab.buttons["paste_rows"].isEnabled()
    assert not tab.paste_rows_text(rows)


def _seed_lines() -> list[str]:
    lines = []
    for file in sorted(DEMO.glob("*.tsv.txt")):
        lines += [line for line in file.read_text(encoding="utf-8").splitlines() if "\t" in line]
    return lines


SEED_LINES = _seed_lines()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_cell_keeps_its_value_takes_the_previewed_value_or_is_listed_refused(store, qtbot, paste_dialogs,
                                                                                    data):
    """Random pastes (seed lines, pieces of them, whole blocks with headings, as typed in Unicode or
    in Bijoy/SutonnyMJ) at random cells of random tables of random office-years."""
    from apa_desktop.core.bijoy import to_bijoy

    infos = store.office_years()
    info = data.draw(st.sampled_from(infos))
    window = MainWindow(store, info.id)
    qtbot.addWidget(window)
    keys = [k for k in TABLES if k in window.keys()]
    tab = window.tab(data.draw(st.sampled_from(keys)))
    if not isinstance(tab, TableTab) or not tab.model.rows:
        return
    r = data.draw(st.integers(0, len(tab.model.rows) - 1))
    c = data.draw(st.integers(0, len(tab.model.columns) - 1))
    start = data.draw(st.integers(0, len(SEED_LINES) - 1))
    count = data.draw(st.integers(1, 8))
    width = data.draw(st.integers(1, 20))
    text = "\n".join("\t".join(line.split("\t")[:width]) for line in SEED_LINES[start:start + count])
    if data.draw(st.booleans()):
        text = to_bijoy(text)
    tab.view.setCurrentIndex(tab.model.index(r, c))
    before = copy.deepcopy(store.load(info.id))
    plan = tab.view.plan_paste(text)
    tab.view.paste_text(text)
    after = store.load(info.id)
    changed = {change.path: change.new for change in plan.changes}
    refused_any = bool(plan.refused) or bool(plan.ambiguous)
    model = tab.model
    for row in range(model.rowCount()):
        for col in range(model.columnCount()):
            path = model.cell_path(model.index(row, col))
            if path is None:
                continue
            old, new = resolve(before, path), resolve(after, path)
            if old == new:
                continue
            assert path in changed, (path, old, new)
            assert model.index(row, col).data() == changed[path]
            assert window.session.rules.fixed(path) is None
    assert refused_any or not plan.ambiguous
    window.close()


def test_section3_rows_pasted_without_their_header_keep_the_target_levels_in_place(tmp_path, qtbot):
    """The report's case: without the header rows the five levels went into the previous-year
    columns; the columns are now chosen by what reads."""
    from apa_desktop.core.model import Office
    from apa_desktop.core.templates import new_office_year

    lines = (DEMO / "tongi-2023-24-q3.tsv.txt").read_text(encoding="utf-8").splitlines()
    s3 = next(i for i, line in enumerate(lines) if "সেকশন ৩" in line)
    start = next(i for i in range(s3, len(lines)) if lines[i].startswith("কর্মসম্পাদনের ক্ষেত্র\tমান"))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    data = "\n".join(line for line in lines[start:end] if "[" in line)
    store = open_database(tmp_path / "apa.db")
    oy_id = store.create_office_year(new_office_year(Office(id="t", name="টংগী"), "2023-24"))
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("section3")
    tab.view.setCurrentIndex(tab.model.index(0, 1))
    assert tab.paste_rows_text(data)
    first = store.load(oy_id).section3.areas[0].activities[0].indicators[0]
    assert first.code == "1.1.1" and first.levels == [6000, 5500, 5200, 5000, 4700]
    assert first.prev_actuals == [None, None]
    store.close()


# Bijoy (SutonnyMJ) text, typed by hand from the code chart: সভা আয়োজন করা হয়েছে / প্রতিবেদন প্রেরণ করা হয়েছে.
BIJOY_REMARKS = "mfv Av‡qvRb Kiv n‡q‡Q\ncÖwZ‡e`b ‡cÖiY Kiv n‡q‡Q"
UNICODE_REMARKS = ["সভা আয়োজন করা হয়েছে", "প্রতিবেদন প্রেরণ করা হয়েছে"]


def _paste_bijoy_remarks(store, qtbot, paste_dialogs, monkeypatch, keep: bool):
    window = _window(qtbot, store)
    tab = window.tab("grs")
    first = _rows(tab, "indicator")[0]
    tab.view.setCurrentIndex(tab.model.index(first, _column(tab, "Remark")))
    if keep:
        from apa_desktop.ui.paste_dialog import PasteDialog

        answer = PasteDialog.exec

        def keep_then_answer(dialog):
            dialog.keep_original.setChecked(True)
            return answer(dialog)

        monkeypatch.setattr(PasteDialog, "exec", keep_then_answer)
    assert tab.view.paste_text(BIJOY_REMARKS)
    dialog = paste_dialogs.shown[-1]
    stored = store.load(tab.session.office_year_id).annexes["grs"]
    remarks = [ind.remark for area in stored.areas for act in area.activities for ind in act.indicators][:2]
    return window, dialog, remarks


def test_bijoy_text_pasted_onto_an_annex_is_previewed_converted_and_stored_in_unicode(store, qtbot, paste_dialogs,
                                                                                     monkeypatch):
    window, dialog, remarks = _paste_bijoy_remarks(store, qtbot, paste_dialogs, monkeypatch, keep=False)
    assert [c.converted for c in dialog.plan.converted] == UNICODE_REMARKS
    assert [c.new for c in dialog.plan.changes] == UNICODE_REMARKS
    assert dialog.keep_original.isVisibleTo(dialog) and dialog.keep_original.text().startswith("মূল লেখা রাখুন")
    shown = [dialog.conversions.item(r, 2).text() for r in range(dialog.conversions.rowCount())]
    assert shown == UNICODE_REMARKS
    assert remarks == UNICODE_REMARKS
    window.undo_action.trigger()
    assert all(not ind.remark for area in store.load(window.tab("grs").session.office_year_id).annexes["grs"].areas
               for act in area.activities for ind in act.indicators[:1])


def test_keeping_the_original_stores_the_bijoy_text_as_typed(store, qtbot, paste_dialogs, monkeypatch):
    _, dialog, remarks = _paste_bijoy_remarks(store, qtbot, paste_dialogs, monkeypatch, keep=True)
    assert dialog.plan.keep_original and len(dialog.plan.converted) == 2
    assert [c.new for c in dialog.plan.changes] == BIJOY_REMARKS.split("\n")
    assert remarks == BIJOY_REMARKS.split("\n")


def test_bijoy_rows_pasted_onto_the_nis_plan_add_the_same_row_as_unicode_ones(store, qtbot, paste_dialogs):
    """Row paste (সারি পেস্ট) of a Bijoy-typed own activity: converted, listed, stored as Unicode."""
    unicode_rows = ("৩.৯ নিজস্ব শুদ্ধাচার কার্যক্রম\tআয়োজিত সভা\t১\tসংখ্যা\tফোকাল পয়েন্ট\t৪\tলক্ষ্যমাত্রা\t১\t১\t১\t১\n"
                    "\t\t\t\t\t\tঅর্জন\t১\t\t\t")
    bijoy_rows = ("3.9 wbR¯^ ï×vPvi Kvh©µg\tAv‡qvwRZ mfv\t1\tmsL¨v\t‡dvKvj c‡q›U\t4\tjÿ¨gvÎv\t1\t1\t1\t1\n"
                  "\t\t\t\t\t\tAR©b\t1\t\t\t")
    added = []
    for rows in (unicode_rows, bijoy_rows):
        window = _window(qtbot, store)
        tab = window.tab("nis")
        oy = tab.session.office_year
        s3 = next(s for s, sec in enumerate(oy.nis.sections) if sec.code == "3")
        r = next(r for r, row in enumerate(tab.model.rows) if row.path == ("nis", "sections", s3))
        tab.view.setCurrentIndex(tab.model.index(r, 1))
        assert tab.paste_rows_text(rows)
        added.append(to_data(store.load(tab.session.office_year_id).nis.sections[s3].activities[-1]))
        window.undo_action.trigger()
    dialog = paste_dialogs.shown[-1]
    assert dialog.plan.converted and dialog.keep_original.isVisibleTo(dialog)
    assert "নিজস্ব শুদ্ধাচার কার্যক্রম" in dialog.plan.converted[0].converted
    assert added[0] == added[1]
