"""The year in the window, driven as a clerk would: the start dialog defaults to today's fiscal year
and says what would be carried over; the banner names carried-over and partial parts; the office-year
menu opens, creates and starts years without a restart; a pack from the menu offers a re-base whose
preview keeps achievements and which Undo takes back; a focal point's template from pasted text."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from bundle_helpers import make_key, office_key
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit

from apa_desktop.core.templates import find_template, make_template
from apa_desktop.db import open_database
from apa_desktop.db.demo import install_demo
from apa_desktop.db.templates import TemplateStore
from apa_desktop.export.template_pack import write_pack
from apa_desktop.ui.main_window import MainWindow
from apa_desktop.ui.office_years import (
    import_pack_file,
    open_template_dialog,
    start_new_year,
)
from apa_desktop.ui.start_dialog import StartDialog

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
DEMO = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "demo"


@pytest.fixture(autouse=True)
def bundled_font(qapp):
    """The bundled Bengali font, loaded before any widget is laid out (as the application does)."""
    from apa_desktop.ui.app import load_fonts

    load_fonts(qapp)


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("APA_TODAY", "2026-12-01")
    store = open_database(tmp_path / "office.sqlite3")
    install_demo(store)
    yield store
    store.close()


def shot(widget, name: str) -> None:
    """Save a picture of ``widget`` (in the bundled Bengali font) to look at."""
    widget.ensurePolished()
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def create(qtbot, store, office_id: str = "upz-kaliganj", year: str | None = None) -> int:
    dialog = StartDialog(store)
    qtbot.addWidget(dialog)
    dialog.office_id.setText(office_id)
    dialog.office_name.setText("উপজেলা সমাজসেবা কার্যালয়, কালীগঞ্জ")
    dialog.tier.setCurrentIndex(dialog.tier.findData("upazila"))
    if year is not None:
        dialog.year.setCurrentIndex(dialog.year.findData(year))
    dialog.create()
    assert dialog.chosen is not None, dialog.message.text()
    return dialog.chosen


def test_start_dialog_defaults_to_todays_year_and_offers_the_one_after(qtbot, store):
    dialog = StartDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    years = [dialog.year.itemData(i) for i in range(dialog.year.count())]
    assert years == ["2022-23", "2023-24", "2024-25", "2025-26", "2026-27", "2027-28"]
    assert dialog.year.currentData() == "2026-27"
    assert "আগের বছর থেকে" in dialog.year_status.text()
    shot(dialog, "start-dialog.png")
    dialog.year.setCurrentIndex(dialog.year.findData("2023-24"))
    assert "সরকারি টেমপ্লেট" in dialog.year_status.text() and "আংশিক" in dialog.year_status.text()


def test_a_new_office_typed_over_a_prefilled_one_keeps_nothing_of_that_office(qtbot, store):
    dialog = StartDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.list.setCurrentRow(0)  # selecting an office-year offers its office for a new year
    demo = dialog.offices[dialog.list.item(0).data(257)]
    assert dialog.office_name.text() == demo.name and dialog.superior_office.text() == demo.superior_office
    dialog.office_id.selectAll()
    qtbot.keyClicks(dialog.office_id, "upz-sirajdikhan")
    assert dialog.office_name.text() == "" and dialog.superior_office.text() == ""
    dialog.office_name.insert("উপজেলা নির্বাহী অফিসারের কার্যালয়, সিরাজদিখান")  # (keyClicks types ASCII only)
    dialog.create()
    office = store.load(dialog.chosen).office
    assert (office.id, office.superior_office) == ("upz-sirajdikhan", "")
    dialog.office_id.setText(demo.id)  # typing a known office's id fills it in again
    assert dialog.superior_office.text() == demo.superior_office


def test_a_new_office_year_for_today_says_2026_27_everywhere_and_shows_the_banner(qtbot, store):
    oy_id = create(qtbot, store)
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    window.show()
    oy = store.load(oy_id)
    assert oy.fiscal_year == "2026-27" and "২০২৬-২৭" in window.windowTitle()
    assert "২০২৬-২৭" in window.findChild(type(window.lock_label), "score_office_year").text()
    assert "২০২৬-২০২৭" in oy.nis.title and oy.nis.office_label == "উপজেলা সমাজসেবা কার্যালয়, কালীগঞ্জ"
    assert oy.section3.columns.prev_years == ("2024-25", "2025-26")
    banner = window.template_banner
    assert banner.isVisible() and "আগের বছর থেকে নেওয়া" in banner.label.text()
    shot(window, "window-with-banner.png")
    shot(banner, "banner.png")


def test_the_2023_24_nis_plan_is_named_partial_in_the_banner(qtbot, store):
    window = MainWindow(store, create(qtbot, store, year="2023-24"))
    qtbot.addWidget(window)
    assert "আংশিক টেমপ্লেট" in window.template_banner.label.text()


def test_the_menu_opens_another_office_year_and_starts_next_year_without_a_restart(qtbot, store):
    khulna = store.find_office_year("khulna-ict", "2022-23")
    window = MainWindow(store, khulna)
    qtbot.addWidget(window)
    window.show()
    names = [a.objectName() for a in window.office_year_menu.actions()]
    assert names[:3] == ["menu_open_office_year", "menu_create_office_year", "menu_new_year_from_plan"]
    assert window.office_year_menu.actions()[0].shortcut().toString()
    new_id = start_new_year(window, "2023-24")
    assert window.session.office_year_id == new_id and "২০২৩-২৪" in window.windowTitle()
    carried = [a for a in window.session.office_year.section3.areas if not a.governance]
    assert carried and carried[0].activities[0].indicators[0].quarters == [None] * 4
    window.open_office_year(khulna)
    assert window.session.office_year.fiscal_year == "2022-23" and "২০২২-২৩" in window.windowTitle()
    window.tab("section3")  # the rebuilt tabs work on the switched office-year


def test_the_menus_create_item_opens_the_start_dialog_over_the_window_and_switches_to_the_new_year(qtbot, store):
    window = MainWindow(store, store.find_office_year("khulna-ict", "2022-23"))
    qtbot.addWidget(window)
    window.show()
    create_action = next(a for a in window.office_year_menu.actions() if a.objectName() == "menu_create_office_year")
    assert create_action.shortcut().matches(QKeySequence(QKeySequence.StandardKey.New))
    create_action.trigger()
    dialog = window.start_dialog
    assert dialog.isVisible() and dialog.parent() is window and dialog.year.currentData() == "2026-27"
    dialog.office_id.setText("upz-sreepur")
    dialog.office_name.setText("উপজেলা সমাজসেবা কার্যালয়, শ্রীপুর")
    dialog.create()
    qtbot.waitUntil(lambda: window.session.office_year.office.id == "upz-sreepur")
    assert window.session.office_year.fiscal_year == "2026-27" and "শ্রীপুর ২০২৬-২৭" in window.windowTitle()
    qtbot.waitUntil(window.template_banner.isVisible)  # the rebuilt window shows once events run
    assert "আগের বছর থেকে নেওয়া" in window.template_banner.label.text()


def test_a_pack_from_the_menu_offers_a_rebase_that_keeps_achievements_and_undo_reverses(qtbot, store, tmp_path):
    oy_id = create(qtbot, store)
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    window.show()
    from apa_desktop.core.edits import set_edit
    path = ("annexes", "grs", "areas", 0, "activities", 0, "indicators", 0, "quarters", 0)
    assert window.session.apply([set_edit(window.session.office_year, path, 40.0)], "achievement")
    plan = copy.deepcopy(find_template("grs", "2026-27").plan)
    plan.areas[0].activities.pop(1)  # HQ's form drops the alternative [১.১.১.১] and moves a mark
    plan.areas[0].activities[0].indicators[0].weight = 14
    plan.areas[0].activities[1].indicators[0].weight = 6
    official = make_template("grs", "2026-27", "field", 1, "official", "Cabinet Division circular", plan)
    pack, cert = tmp_path / "grs.apatemplates", tmp_path / "hq.crt"
    pack.write_bytes(write_pack([official], office_key("HQ")))
    cert.write_bytes(make_key("HQ")[1])
    assert import_pack_file(window, pack, cert)
    assert window.template_banner.rebase_button.isVisible() and "grs/2026-27/field/1" in window.template_banner.label.text()
    dialog = window.open_rebase_dialog(window.template_banner.newer["grs"])
    statuses = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert any("বাদ" in s for s in statuses)
    shot(dialog, "rebase-preview.png")
    dialog.apply()
    grs = window.session.office_year.annexes["grs"]
    assert grs.template_id == official.id and grs.areas[0].activities[0].indicators[0].quarters[0] == 40.0
    assert not window.template_banner.rebase_button.isVisible()
    window.session.undo_stack.undo()
    assert window.session.office_year.annexes["grs"].template_id == "grs/2026-27/field/0"
    assert store.audit_log(oy_id)[0].action == "set"


def test_a_signed_revision_is_never_rebased_in_place(qtbot, store, tmp_path):
    oy_id = create(qtbot, store)
    store.mark_signed(oy_id, "office head", b"%PDF-1.4 signed")
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    official = make_template("rti", "2026-27", "field", 1, "official", "circular", find_template("rti", "2026-27").plan)
    TemplateStore(store).add([official])
    window.update_templates()
    dialog = window.open_rebase_dialog(window.template_banner.newer["rti"])
    assert not dialog.apply_button.isEnabled() and not dialog.apply()
    assert window.session.office_year.annexes["rti"].template_id == "rti/2026-27/field/0"


def test_a_focal_point_pastes_the_guidelines_form_and_saves_a_draft_template(qtbot, store):
    oy_id = create(qtbot, store, year="2023-24")
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    dialog = open_template_dialog(window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("nis"))
    lines = (DEMO / "tongi-2023-24-q3.tsv.txt").read_text(encoding="utf-8").split("\n")[65:99]
    dialog.text.setPlainText("\n".join(lines))
    assert not dialog.save_button.isEnabled()
    assert any("[১.৪]" in dialog.problems.item(i).text() for i in range(dialog.problems.count()))
    dialog.text.setPlainText("\n".join(lines).replace("৩১/০৪/২০২৪", "৩০/০৪/২০২৪").replace("৩১/০৪/ ২৪", "৩০/০৪/ ২৪"))
    assert dialog.problems.count() == 0 and dialog.rows.rowCount() == 9 and dialog.save_button.isEnabled()
    units = {dialog.rows.item(r, 2).text() for r in range(dialog.rows.rowCount())} - {""}
    assert units and units <= {"সংখ্যা", "%", "তারিখ", "সংখ্যা ও তারিখ", "প্রাপ্ত নম্বর"}, units  # the clerk's words
    shot(dialog, "template-dialog.png")
    dialog.save()
    assert dialog.saved.status == "draft" and dialog.saved.id == "nis/2023-24/field/2-draft"
    assert "nis" in window.template_banner.newer  # the draft replaces the partial template by a re-base


def test_the_nis_tab_edits_the_office_its_heading_names(qtbot, store):
    oy_id = create(qtbot, store)
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    field = window.tab("nis").findChild(QLineEdit, "nis_office_label")
    assert field.text() == "উপজেলা সমাজসেবা কার্যালয়, কালীগঞ্জ"
    field.setText("উপজেলা সমাজসেবা কার্যালয়, কালীগঞ্জ, গাজীপুর")
    field.editingFinished.emit()
    assert store.load(oy_id).nis.office_label == "উপজেলা সমাজসেবা কার্যালয়, কালীগঞ্জ, গাজীপুর"
    window.session.undo_stack.undo()
    assert field.text() == "উপজেলা সমাজসেবা কার্যালয়, কালীগঞ্জ"
