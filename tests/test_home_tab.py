"""The office's home tab "এক নজরে" on a fixed date: the next deadline and the days left, each
quarter's state (entered, signed, sent, answered), the reminder said once, a click on missing
evidence going to the row, and progress against what is due."""

from __future__ import annotations

from datetime import date

from bundle_helpers import make_key, office_key
from PySide6.QtWidgets import QMessageBox

from apa_desktop.core import progress
from apa_desktop.core.demo import demo_office_years
from apa_desktop.export.bundle_export import export_bundle, import_receipt
from apa_desktop.export.receipts import make_receipt
from apa_desktop.ui import home_tab, i18n


def store_sent_at(store) -> str:
    from apa_desktop.db.bundles_schema import open_bundle_log, sent_bundles

    return sent_bundles(open_bundle_log(store.path))[0].created_at


def on(monkeypatch, day: str) -> None:
    monkeypatch.setattr(home_tab, "today", lambda: date.fromisoformat(day))


def window(qtbot, store, oy_id):
    from apa_desktop.ui.main_window import MainWindow

    w = MainWindow(store, oy_id)
    qtbot.addWidget(w)
    w.show()
    return w


def states_column(tab, column: int) -> list[str]:
    return [tab.states.item(row, column).text() for row in range(4)]


def test_home_tab_is_first_and_shows_next_deadline_days_left_and_quarter_states(qtbot, tongi, monkeypatch):
    i18n.set_language("bn")
    on(monkeypatch, "2024-04-05")
    store, oy_id = tongi
    w = window(qtbot, store, oy_id)
    assert w.keys()[0] == "home" and w.tabs.tabText(0) == "এক নজরে"
    tab = w.tab("home")
    # Q1 and Q2 were never sent: the earliest unsent report is overdue, in red
    assert "১৫/১০/২০২৩" in tab.deadline.text() and "১৭৩ দিন পেরিয়ে গেছে" in tab.deadline.text()
    assert "#c62828" in tab.deadline.styleSheet()
    assert states_column(tab, 1) == ["১৫/১০/২০২৩", "১৫/০১/২০২৪", "১৫/০৪/২০২৪", "১৫/০৭/২০২৪"]
    oy = store.load(oy_id)
    rows = len(list(progress.evidence_rows(oy)))
    entered = [sum(1 for _, r in progress.evidence_rows(oy) if progress._reported(r)[q] is not None) for q in range(4)]
    assert states_column(tab, 2)[2].startswith(f"{entered[2]}/{rows}".translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")))
    assert states_column(tab, 3) == ["না"] * 4 and states_column(tab, 4) == ["-"] * 4
    # the chart covers the quarters with achievements so far (Q1-Q3 on 5 April)
    assert [s.name.en for s in tab.chart.chart.series] == ["Q1", "Q2", "Q3"]


def test_a_bundle_sent_and_answered_changes_the_quarter_states(qtbot, tongi, monkeypatch, tmp_path):
    i18n.set_language("en")
    try:
        on(monkeypatch, "2024-04-10")
        store, oy_id = tongi
        sent = export_bundle(store, oy_id, office_key("tongi-lwc"), tmp_path / "usb")
        w = window(qtbot, store, oy_id)
        tab = w.tab("home")
        sent_on = date.fromisoformat(store_sent_at(store)[:10]).strftime("%d/%m/%Y")
        assert states_column(tab, 4) == [f"{sent_on} (late)"] * 3 + ["-"]  # sent now, after the 2023-24 dates
        assert states_column(tab, 5) == ["-"] * 4
        # Q1-Q3 sent, so the next deadline is Q4's, not overdue
        assert "15/07/2024" in tab.deadline.text() and "#c62828" not in tab.deadline.styleSheet()
        receipt = make_receipt(office_key("HQ"), bundle_sha256=sent.sha256, bundle_id="b", office_id="tongi-lwc",
                               fiscal_year="2023-24", revision=1, sequence=1, outcome="reviewed", decision="returned",
                               comment="প্রমাণক দিন", issued_at="2024-04-11T02:00:00+00:00")
        import_receipt(store.path, receipt, make_key("HQ")[1])
        w.tabs.setCurrentIndex(1)
        w.tabs.setCurrentIndex(0)  # shown again: the tab reads the bundle log again
        assert states_column(tab, 5)[:3] == ["Returned with comment"] * 3
        assert tab.states.item(0, 5).toolTip() == "প্রমাণক দিন"
    finally:
        i18n.set_language("bn")


def test_sent_dates_say_late_after_the_deadline(qtbot, tongi, monkeypatch, tmp_path):
    on(monkeypatch, "2024-04-10")
    store, oy_id = tongi
    export_bundle(store, oy_id, office_key("tongi-lwc"), tmp_path / "usb")
    states = progress.quarter_states(store.load(oy_id), home_tab.year_facts(store, oy_id))
    assert [s.sent for s in states] == [True, True, True, False]
    sent_day = date.fromisoformat(states[0].sent_at[:10])
    assert states[0].late == (sent_day > date(2023, 10, 15)) and states[3].late is False


def test_the_reminder_appears_once_when_a_deadline_is_within_14_days_and_not_sent(qtbot, tongi, monkeypatch):
    on(monkeypatch, "2024-04-05")
    store, oy_id = tongi
    w = window(qtbot, store, oy_id)
    assert w.reminder is not None and w.reminder.isVisible()
    assert "১৫/০৪/২০২৪" in w.reminder.text() and "১০ দিন বাকি" in w.reminder.text()
    w.reminder.close()
    w.switch_language()  # the window rebuilds: no second reminder
    w.switch_language()
    boxes = w.findChildren(QMessageBox, "deadline_reminder")
    assert len(boxes) == 1 and not boxes[0].isVisible()
    on(monkeypatch, "2024-03-20")  # 26 days before: nothing to say
    assert window(qtbot, store, oy_id).reminder is None


def test_a_click_on_missing_evidence_goes_to_the_row(qtbot, tongi, monkeypatch):
    on(monkeypatch, "2024-04-05")
    store, oy_id = tongi
    w = window(qtbot, store, oy_id)
    tab = w.tab("home")
    part = tab.missing.topLevelItem(0)
    child = part.child(0)
    path = child.data(0, 256)
    assert int(child.parent().text(1).translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))) == part.childCount()
    tab._activated(child)
    assert w.tabs.currentIndex() == w.keys().index(progress.part_of(path))
    table = w.built[w.tabs.currentIndex()]
    assert table.model.rows[table.view.currentIndex().row()].path == path


def test_an_indicator_on_track_for_the_year_shows_as_on_track_not_zero():
    oy = next(o for o in demo_office_years() if o.office.id == "tongi-lwc")
    indicator = oy.section3.areas[0].activities[0].indicators[0]
    indicator.unit, indicator.method = "count", "sum"
    indicator.levels = [400.0, 360.0, 320.0, 280.0, 240.0]
    indicator.quarters = [100.0, None, None, None]
    path = ("section3", "areas", 0, "activities", 0, "indicators", 0)
    [row] = [r for r in progress.progress_against_due(oy, 1) if r.path == path]
    assert (row.due, row.achieved, row.on_track) == (100.0, 100.0, True)
    [row] = [r for r in progress.progress_against_due(oy, 2) if r.path == path]
    assert (row.due, row.on_track, round(row.ratio, 2)) == (200.0, False, 0.5)


def test_nis_rows_are_measured_against_their_quarterly_targets():
    oy = next(o for o in demo_office_years() if o.office.id == "tongi-lwc")
    act = next(a for s in oy.nis.sections for a in s.activities if a.unit == "count")
    act.annual_target, act.targets, act.achievements = 4.0, [2.0, 0.0, 1.0, 1.0], [2.0, None, None, None]
    rows = {r.path: r for r in progress.progress_against_due(oy, 2)}
    [row] = [r for r in rows.values() if r.title in (act.indicator, act.title) and r.target == 4.0 and r.due == 2.0]
    assert row.on_track


def test_the_score_bar_says_how_many_rows_have_what_is_due_by_the_quarter(qtbot, tongi, monkeypatch):
    on(monkeypatch, "2024-05-01")
    store, oy_id = tongi
    w = window(qtbot, store, oy_id)
    panel = w.score_panel
    assert panel.due.text() == ""  # the whole year: nothing is "due by a quarter"
    panel.quarter.setCurrentIndex(panel.quarter.findData(3))
    rows = progress.progress_against_due(store.load(oy_id), 3)
    on_track = sum(r.on_track for r in rows)
    digits = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
    assert panel.due.text() == f"যা প্রাপ্য: {on_track}/{len(rows)}".translate(digits) and on_track > 0


def test_cli_calendar_prints_deadlines_days_left_and_states_in_the_chosen_digits(tongi, tmp_path):
    import subprocess
    import sys

    store, oy_id = tongi
    export_bundle(store, oy_id, office_key("tongi-lwc"), tmp_path / "usb")
    run = [sys.executable, "-m", "apa_desktop", "calendar", "--db", str(store.path), "--office", "tongi-lwc",
           "--year", "২০২৩-২৪", "--today", "2024-07-01"]
    bn = subprocess.run(run, capture_output=True, text=True, check=True).stdout.splitlines()
    en = subprocess.run(run + ["--digits", "en"], capture_output=True, text=True, check=True).stdout.splitlines()
    assert bn[0].endswith("২০২৩-২৪") and len(bn) == len(en) == 1 + 9 + 4
    [next_line] = [line for line in en if "<- next" in line]
    assert next_line.startswith("15/07/2024\t14 days left\tAnnual self-evaluation")
    assert en[-4].startswith("Q 1\tdeadline 15/10/2023\tentered ") and "\tsent " in en[-4] and "(late)" in en[-4]
    assert en[-1].endswith("not sent\tno answer")
    assert bn[-1].startswith("ত্রৈমাসিক ৪\tসময়সীমা ১৫/০৭/২০২৪")
    failed = subprocess.run(run[:-2] + ["--today", "tomorrow"], check=False, capture_output=True, text=True)
    assert failed.returncode == 2 and "--today" in failed.stderr
