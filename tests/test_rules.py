"""The document's rules live in core (core.rules): the store refuses what they forbid, whoever
calls it, with the same message the window shows on its disabled buttons and cells."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from apa_desktop.core import model as m  # noqa: E402
from apa_desktop.core.edits import insert_edit, move_edit, remove_edit, set_edit  # noqa: E402
from apa_desktop.core.rules import DocumentRules, RuleRefusal  # noqa: E402
from apa_desktop.core.templates import new_office_year  # noqa: E402
from apa_desktop.db import open_database  # noqa: E402
from apa_desktop.db.demo import install_demo  # noqa: E402
from apa_desktop.ui.i18n import set_language  # noqa: E402
from apa_desktop.ui.main_window import MainWindow  # noqa: E402
from apa_desktop.ui.models.cells import resolve  # noqa: E402


@pytest.fixture
def demo(tmp_path):
    store = open_database(tmp_path / "apa.db")
    install_demo(store)
    yield store, store.find_office_year("khulna-ict", "2022-23")
    store.close()


def _governance(oy: m.OfficeYear) -> int:
    return next(i for i, area in enumerate(oy.section3.areas) if area.governance)


def _refused(store, oy_id, edit) -> RuleRefusal:
    before = store.audit_log(oy_id)
    body = store.load(oy_id)
    snapshot = __import__("copy").deepcopy(body)
    with pytest.raises(RuleRefusal) as caught:
        store.apply_edit(oy_id, edit, user="script")
    assert store.load(oy_id) == snapshot and len(store.audit_log(oy_id)) == len(before)
    return caught.value


def _row_of(tab, path):
    return next(r for r, row in enumerate(tab.model.rows) if row.path == path)


def test_store_refuses_every_forbidden_edit_with_the_message_the_window_shows(demo, qtbot):
    store, oy_id = demo
    oy = store.load(oy_id)
    g = _governance(oy)
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("section3")

    # remove a template row (the governance area)
    refused = _refused(store, oy_id, remove_edit(oy, "section3.areas", g))
    tab.view.setCurrentIndex(tab.model.index(_row_of(tab, ("section3", "areas", g)), 1))
    assert not tab.buttons["remove_row"].isEnabled()
    assert tab.buttons["remove_row"].toolTip() == refused.message_bn

    # move an own area below the governance area
    refused = _refused(store, oy_id, move_edit(oy, "section3.areas", g - 1, g))
    tab.view.setCurrentIndex(tab.model.index(_row_of(tab, ("section3", "areas", g - 1)), 1))
    assert not tab.buttons["move_down"].isEnabled()
    assert tab.buttons["move_down"].toolTip() == refused.message_bn

    # change a template weight (an annex indicator's, and a governance indicator's)
    grs = window.tab("grs")
    path = ("annexes", "grs", "areas", 0, "activities", 0, "indicators", 0)
    refused = _refused(store, oy_id, set_edit(oy, path + ("weight",), 1.0))
    weight = next(c for c, col in enumerate(grs.model.columns) if col.header[1] == "Weight")
    index = grs.model.index(_row_of(grs, path), weight)
    assert not grs.model.flags(index) & grs.model.flags(index).ItemIsEditable
    assert grs.model.data(index, 3) == refused.message_bn  # ToolTipRole
    set_language("en")
    try:
        assert grs.model.data(index, 3) == refused.message_en
    finally:
        set_language("bn")
    _refused(store, oy_id, set_edit(oy, ("section3", "areas", g, "activities", 0, "indicators", 0, "weight"), 2.0))

    # the other fixed cells of template rows, the annex total, a template row replaced whole
    for field in ("code", "title", "unit"):
        _refused(store, oy_id, set_edit(oy, path + (field,), "1" if field != "unit" else "percent"))
    _refused(store, oy_id, set_edit(oy, path + ("levels", 0), 99.0))
    _refused(store, oy_id, set_edit(oy, ("annexes", "grs", "total"), 30.0))
    _refused(store, oy_id, set_edit(oy, path, m.Indicator()))
    _refused(store, oy_id, set_edit(oy, ("annexes", "grs"), None))
    _refused(store, oy_id, remove_edit(oy, ("nis", "sections", 0, "activities"), 0))
    # an own row added where the template has no place for one
    _refused(store, oy_id, insert_edit(oy, ("annexes", "grs", "areas", 0, "activities"), 0, m.Activity()))
    _refused(store, oy_id, insert_edit(oy, ("nis", "sections", 0, "activities"), 0, m.NisActivity()))
    _refused(store, oy_id, insert_edit(oy, "section3.areas", g + 1, m.Area(title="নিজস্ব")))
    _refused(store, oy_id, insert_edit(oy, "section3.areas", 0, m.Area(title="ভুয়া", governance=True)))


def test_what_the_office_owns_stays_editable_through_the_store(demo):
    store, oy_id = demo
    oy = store.load(oy_id)
    g = _governance(oy)
    achievement = ("annexes", "grs", "areas", 0, "activities", 0, "indicators", 0, "quarters", 0)
    store.apply_edit(oy_id, set_edit(oy, achievement, 4.0))
    store.apply_edit(oy_id, set_edit(oy, ("section3", "areas", 0, "weight"), 11.0))
    store.apply_edit(oy_id, set_edit(oy, ("section3", "areas", 0, "activities", 0, "title"), "নতুন শিরোনাম"))
    store.apply_edit(oy_id, insert_edit(oy, "section3.areas", g, m.Area(title="নিজস্ব ক্ষেত্র")))
    store.apply_edit(oy_id, move_edit(oy, "section3.areas", g, 0))
    store.apply_edit(oy_id, remove_edit(oy, "section3.areas", 0))
    section3 = next(s for s, sec in enumerate(oy.nis.sections) if sec.code == "3")
    store.apply_edit(oy_id, insert_edit(oy, ("nis", "sections", section3, "activities"), 0,
                                        m.NisActivity(title="নিজস্ব কার্যক্রম", weight=1)))
    own = ("nis", "sections", section3, "activities", 0)
    store.apply_edit(oy_id, set_edit(oy, own + ("weight",), 2.0))
    store.apply_edit(oy_id, remove_edit(oy, own[:-1], 0))
    assert resolve(store.load(oy_id), achievement) == 4.0


def test_own_rows_go_only_where_the_template_data_allows_them():
    """The NIS templates name section 3 ("other activities the office chooses") as open to own
    rows; no other section, and no plan annex, is."""
    oy = new_office_year(m.Office(id="u", name="উপজেলা অফিস", tier="upazila"), "2023-24")
    rules = DocumentRules(oy)
    for s, section in enumerate(oy.nis.sections):
        refused = rules.insert_refusal(("nis", "sections", s, "activities"), 0)
        assert (refused is None) == (section.code == "3"), section.code
    for kind, plan in oy.annexes.items():
        for a, area in enumerate(plan.areas):
            assert rules.insert_refusal(("annexes", kind, "areas", a, "activities"), 0) is not None, kind
    assert rules.insert_refusal(("section3", "areas"), 0) is None


def test_window_adds_own_rows_in_nis_section_3_and_refuses_them_elsewhere(demo, qtbot):
    store, oy_id = demo
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    tab = window.tab("nis")
    oy = tab.session.office_year
    s3 = next(s for s, sec in enumerate(oy.nis.sections) if sec.code == "3")
    s1 = next(s for s, sec in enumerate(oy.nis.sections) if sec.code == "1")
    size = len(oy.nis.sections[s3].activities)

    tab.view.setCurrentIndex(tab.model.index(_row_of(tab, ("nis", "sections", s1, "activities", 0)), 1))
    assert not tab.buttons["add_row"].isEnabled() and not tab.buttons["paste_rows"].isEnabled()
    assert "টেমপ্লেট" in tab.buttons["add_row"].toolTip()
    tab.add_row()
    assert len(store.load(oy_id).nis.sections[s1].activities) == len(oy.nis.sections[s1].activities)

    tab.view.setCurrentIndex(tab.model.index(_row_of(tab, ("nis", "sections", s3)), 1))
    assert tab.buttons["add_row"].isEnabled()
    tab.add_row()
    assert len(store.load(oy_id).nis.sections[s3].activities) == size + 1
    own = ("nis", "sections", s3, "activities", 0)
    r = _row_of(tab, own)
    tab.view.setCurrentIndex(tab.model.index(r, 1))
    assert tab.buttons["remove_row"].isEnabled()
    title = next(c for c, col in enumerate(tab.model.columns) if col.header[1] == "Activity")
    assert tab.model.setData(tab.model.index(r, title), "নিজস্ব কার্যক্রম")
    assert store.load(oy_id).nis.sections[s3].activities[0].title == "নিজস্ব কার্যক্রম"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(store.load(oy_id).nis.sections[s3].activities) == size
