"""The superior's evaluation travels back over the network: an office linked with a link file sends
its bundle from the outbox to a running `hq serve`, HQ evaluates it (the CLI, or the HQ window's
evaluation screen), and the office's next contact brings the signed evaluation receipt; the real
office window then shows reported and evaluated figures side by side, every row's scores equal to
the scoring engine's."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from apa_desktop.core.edits import path_to_text
from apa_desktop.core.evaluation import build_evaluation, evaluated_document, row_results
from apa_desktop.core.evidence import evidence_rows
from apa_desktop.core.numerals import format_score
from apa_desktop.core.scoring import score_office_year
from apa_desktop.export.bundle_export import export_bundle
from apa_desktop.sync.sender import link_office, queue_export

from bundle_helpers import office_key
from hq_helpers import hq_cli_args
from server_helpers import cli
from test_evaluation import first_rows

WAIT_MS = 60_000
OFFICE = "tongi-lwc"
AT = "2024-08-01T00:00:00+00:00"


def _sent_to_hq(store, oy_id, hq_server, tmp_path):
    """The demo office linked to HQ with its bundle exported into the outbox."""
    link_office(store, hq_server.enroll(OFFICE).read_bytes())
    sent = export_bundle(store, oy_id, office_key(OFFICE), tmp_path / "usb")
    queue_export(store, OFFICE, sent.path, sent.sha256)
    return sent


def _evaluation_entries(store, oy_id):
    a, b = first_rows(store.load(oy_id))
    sets = {f"{path_to_text(a)}.quarters[2]": "২০০০"}
    return a, b, sets, {path_to_text(a): "insufficient", path_to_text(b): "seen"}, {path_to_text(b): "খাতা দেখা হয়েছে"}


def _assert_rows_agree_with_the_engine(view, office_year, sets):
    """Every row the office sees: reported and evaluated scores as the scoring engine computes them."""
    evaluation = build_evaluation(office_year, 3, sets=sets, evidence={}, notes={}, by="x", at=AT)
    reported_breakdown = score_office_year(office_year, 3)
    evaluated_breakdown = score_office_year(evaluated_document(office_year, evaluation), 3)
    reported, evaluated = row_results(reported_breakdown), row_results(evaluated_breakdown)

    def score(x):
        return "-" if x is None else format_score(x, "bn")

    rows = [path for path, _ in evidence_rows(office_year) if path in reported]  # the rows an evaluator can mark
    assert view.table.rowCount() == len(view.rows) == len(rows) > 10 and [r.path for r in view.rows] == rows
    assert format_score(reported_breakdown.total, "bn") in view.heading.text()
    assert format_score(evaluated_breakdown.total, "bn") in view.heading.text()
    for i, row in enumerate(view.rows):
        assert (view.table.item(i, 4).text(), view.table.item(i, 5).text()) == (
            score(reported[row.path][1]), score(evaluated[row.path][1])), row.code
    assert sum(1 for r in view.rows if r.changed) == 1


def test_an_evaluation_by_the_command_line_reaches_the_office_window_on_its_next_contact(qtbot, qapp, hq_server,
                                                                                        tongi, tmp_path, monkeypatch):
    from datetime import date

    from apa_desktop.ui import home_tab
    from apa_desktop.ui.app import load_fonts
    from apa_desktop.ui.main_window import MainWindow

    load_fonts(qapp)
    monkeypatch.setattr(home_tab, "today", lambda: date(2024, 8, 5))
    store, oy_id = tongi
    _sent_to_hq(store, oy_id, hq_server, tmp_path)
    window = MainWindow(store, oy_id)  # its outbox sends the bundle at start
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: [e.shown_state for e in store.outbox()] == ["accepted"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.outbox_sender.running, timeout=WAIT_MS)
    home = window.tab("home")
    assert not home.evaluation.isVisible()

    a, b, sets, marks, notes = _evaluation_entries(store, oy_id)
    args = ["hq", "evaluate", *hq_cli_args(hq_server.store), "--office", OFFICE, "--year", "2023-24", "--quarter", "3",
            "--by", "মোঃ করিম", "--p12", hq_server.folder / "hq.p12", "--passphrase-file", hq_server.folder / "pass"]
    for option, pairs in (("--set", sets), ("--evidence", marks), ("--note", notes)):
        for path, value in pairs.items():
            args += [option, f"{path}={value}"]
    done = cli(*args)
    assert done.returncode == 0, done.stderr
    head = done.stdout.splitlines()[0].split("\t")
    reported_total, evaluated_total = head[1], head[3]

    assert window.outbox_sender.send()  # "এখন পাঠান" (or the 15-minute timer): the next contact
    qtbot.waitUntil(lambda: home.evaluation.isVisible(), timeout=WAIT_MS)  # the open home tab refreshes itself
    qtbot.waitUntil(lambda: not window.outbox_sender.running, timeout=WAIT_MS)
    assert home.states.item(2, 5).text() == "মূল্যায়িত"
    assert [e.shown_state for e in store.outbox()] == ["evaluated"]
    view = home.evaluation
    bn = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
    assert "মোঃ করিম" in view.heading.text()
    assert reported_total.translate(bn) in view.heading.text() and evaluated_total.translate(bn) in view.heading.text()
    _assert_rows_agree_with_the_engine(view, store.load(oy_id), sets)
    shown = {row.path: i for i, row in enumerate(view.rows)}
    assert view.table.item(shown[a], 3).text() == "২,০০০" and view.table.item(shown[a], 6).text() == "অপর্যাপ্ত"
    assert view.table.item(shown[b], 7).text() == "খাতা দেখা হয়েছে"
    window.grab().save(str(tmp_path / "evaluated_over_network.png"))
    window.close()


def test_an_evaluation_saved_in_the_hq_window_comes_back_with_bundle_send(qtbot, hq_server, tongi, tmp_path):
    from types import SimpleNamespace

    from apa_desktop.db import open_database
    from apa_desktop.db.year_facts import year_facts
    from apa_desktop.ui.hq_evaluation import EvaluationScreen

    store, oy_id = tongi
    sent = _sent_to_hq(store, oy_id, hq_server, tmp_path)
    a = first_rows(store.load(oy_id))[0]
    store.close()
    db = tmp_path / "office.sqlite3"
    first = cli("bundle", "send", "--db", db)
    assert first.returncode == 0 and f"{sent.path.name}\taccepted" in first.stdout, first.stdout + first.stderr

    signing = SimpleNamespace(key=office_key("HQ Cabinet Division"), out_dir=None)  # no USB stick this time
    screen = EvaluationScreen(hq_server.store, OFFICE, "2023-24", ask_key=lambda: signing)
    qtbot.addWidget(screen)
    screen.quarter.setCurrentIndex(screen.quarter.findData(3))
    screen.by.setText("রহিমা খাতুন")
    row = next(i for i, (path, _) in enumerate(screen.paths) if path == a)
    screen.table.item(row, 3).setText("২০০০")
    assert screen.save(), screen.message.text()
    assert [kind for _, _, kind, _ in hq_server.store.receipts_since(OFFICE, 0)] == ["import", "evaluation"]

    again = cli("bundle", "send", "--db", db)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"{sent.path.name}\tevaluated\tQ3\tরহিমা খাতুন\t" in again.stdout
    assert "evaluated" not in cli("bundle", "send", "--db", db).stdout  # it comes once
    assert "\tevaluated\t" in cli("bundle", "outbox", "--db", db).stdout
    office = open_database(db)
    (evaluation,) = year_facts(office, oy_id).evaluations
    assert evaluation.by == "রহিমা খাতুন" and evaluation.quarter == 3
    oy = office.load(oy_id)
    assert evaluated_document(oy, evaluation).section3.areas[0].activities[0].indicators[0].quarters[2] == 2000.0
    office.close()
