"""The superior's evaluation: recorded at HQ (CLI and core), scored by the same engine on every
row, audited with the evaluator's name, carried back to the office in a signed receipt (USB), and
shown in the office's window beside what the office reported."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bundle_helpers import PASSPHRASE, make_key, office_key
from hq_helpers import hq_cli_args

from apa_desktop.core.edits import path_to_text
from apa_desktop.core.evaluation import (
    EvaluationError,
    build_evaluation,
    compare,
    evaluated_document,
    from_data,
    row_results,
    to_data,
)
from apa_desktop.core.evidence import evidence_rows
from apa_desktop.core.scoring import score_office_year
from apa_desktop.export.bundle_export import export_bundle, import_receipt
from apa_desktop.export.bundle_signing import load_certificate
from apa_desktop.export.receipts import ReceiptInvalid, make_receipt, read_receipt
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer

AT = "2024-08-01T00:00:00+00:00"


def first_rows(office_year, n=2):
    return [path for path, row in evidence_rows(office_year) if getattr(row, "quarters", None)
            and row.quarters[2] is not None][:n]


def test_evaluated_scores_agree_with_the_scoring_engine_on_every_row(tongi):
    store, oy_id = tongi
    oy = store.load(oy_id)
    a, b = first_rows(oy)
    evaluation = build_evaluation(oy, 3, sets={path_to_text(a) + ".quarters[2]": "২০০০"},
                                  evidence={path_to_text(a): "insufficient", path_to_text(b): "seen"},
                                  notes={path_to_text(a): "রেজিস্টারে ২০০০ জন"}, by="মোঃ করিম", at=AT)
    reported, evaluated, rows = compare(oy, evaluation)
    engine_reported = row_results(score_office_year(oy, 3))
    engine_evaluated = row_results(score_office_year(evaluated_document(oy, evaluation), 3))
    assert rows and all((r.reported, r.reported_score) == engine_reported[r.path] for r in rows)
    assert all((r.evaluated, r.evaluated_score) == engine_evaluated[r.path] for r in rows)
    changed = [r for r in rows if r.changed]
    assert [r.path for r in changed] == [a] and changed[0].evaluated == 2000.0
    assert evaluated.total < reported.total and oy.section3.areas[0].activities[0].indicators[0].quarters[2] == 6000.0
    assert from_data(to_data(evaluation)) == evaluation


@pytest.mark.parametrize(("sets", "evidence", "by", "message"), [
    ({"section3.areas[99]": "1"}, {}, "করিম", "No indicator"),
    ({"section3.areas[0].activities[0].indicators[0]": "1"}, {}, "করিম", "quarter's cell"),
    ({"section3.areas[0].activities[0].indicators[0].quarters[3]": "1"}, {}, "করিম", "after the quarter"),
    ({"section3.areas[0].activities[0].indicators[0].quarters[0]": "অনেক"}, {}, "করিম", "number"),
    ({}, {"section3.areas[0].activities[0].indicators[0]": "maybe"}, "করিম", "Evidence is one of"),
    ({}, {}, "  ", "name"),
])
def test_bad_entries_are_refused_with_a_message(tongi, sets, evidence, by, message):
    store, oy_id = tongi
    with pytest.raises(EvaluationError, match=message):
        build_evaluation(store.load(oy_id), 3, sets=sets, evidence=evidence, notes={}, by=by, at=AT)


def test_a_receipt_with_a_forged_or_foreign_evaluation_section_is_refused():
    good = {"version": 1, "office_id": "X", "fiscal_year": "2023-24", "quarter": 4, "by": "ক", "at": AT, "rows": []}
    for section in ({**good, "version": 9}, {**good, "quarter": 7}, {**good, "rows": [{"path": "a..b"}]},
                    {**good, "office_id": "Y"}):
        data = make_receipt(office_key("HQ"), bundle_sha256="a" * 64, bundle_id="b", office_id="X",
                            fiscal_year="2023-24", revision=1, sequence=1, outcome="evaluated", decision="accepted",
                            comment="", issued_at=AT, evaluation=section)
        with pytest.raises(ReceiptInvalid, match="evaluation"):
            read_receipt(data, load_certificate(make_key("HQ")[1]))


def test_an_evaluation_recorded_at_hq_reaches_the_office_by_usb_and_shows_beside_reported(qtbot, tongi, tmp_path,
                                                                                        monkeypatch, make_hq):
    from datetime import date

    from apa_desktop.ui import home_tab
    from apa_desktop.ui.main_window import MainWindow

    store, oy_id = tongi
    sent = export_bundle(store, oy_id, office_key("tongi-lwc"), tmp_path / "usb")
    hq = make_hq()
    enroll(hq, "tongi-lwc", make_key("tongi-lwc")[1])
    assert Importer(hq).import_source(sent.path).status == "imported"
    (tmp_path / "hq.p12").write_bytes(make_key("HQ")[0])
    (tmp_path / "pass").write_text(PASSPHRASE + "\n", encoding="utf-8")
    a, b = first_rows(store.load(oy_id))
    run = [sys.executable, "-m", "apa_desktop", "hq", "evaluate", *hq_cli_args(hq), "--office", "tongi-lwc",
           "--year", "২০২৩-২৪", "--quarter", "3", "--set", f"{path_to_text(a)}.quarters[2]=২,০০০",
           "--evidence", f"{path_to_text(a)}=insufficient", "--note", f"{path_to_text(b)}=হাজিরা খাতা দেখা হয়েছে",
           "--evidence", f"{path_to_text(b)}=seen", "--by", "মোঃ করিম", "--p12", str(tmp_path / "hq.p12"),
           "--passphrase-file", str(tmp_path / "pass"), "--out-dir", str(tmp_path / "usb" / "receipts")]
    out = subprocess.run(run, capture_output=True, text=True, check=True, timeout=120).stdout.splitlines()
    reported, evaluated = out[0].split("\t")[1], out[0].split("\t")[3]
    assert float(evaluated) < float(reported)
    [receipt] = (tmp_path / "usb" / "receipts").glob("*-evaluation.apareceipt")
    assert [(actor, action) for _, actor, action, *_ in hq.audit_log() if action == "evaluate"] == [("মোঃ করিম", "evaluate")]
    bad = subprocess.run([*run[:15], "--set", f"{path_to_text(a)}=5", "--by", "করিম"], check=False, capture_output=True,
                         text=True)
    assert bad.returncode == 1 and "quarter's cell" in bad.stderr + bad.stdout

    import_receipt(store.path, receipt.read_bytes(), make_key("HQ")[1])
    monkeypatch.setattr(home_tab, "today", lambda: date(2024, 8, 5))
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    window.show()
    tab = window.tab("home")
    assert [tab.states.item(r, 5).text() for r in range(3)] == ["মূল্যায়িত"] * 3
    view = tab.evaluation
    assert view.isVisible() and "মোঃ করিম" in view.heading.text()
    oy = store.load(oy_id)
    evaluation = build_evaluation(oy, 3, sets={f"{path_to_text(a)}.quarters[2]": "2000"}, evidence={}, notes={},
                                  by="x", at=AT)
    engine = row_results(score_office_year(evaluated_document(oy, evaluation), 3))
    shown = {row.path: i for i, row in enumerate(view.rows)}
    i = shown[a]
    cells = [view.table.item(i, c).text() for c in range(8)]
    assert cells[2] == "৬,০০০" and cells[3] == "২,০০০" and cells[6] == "অপর্যাপ্ত"
    assert cells[5] == f"{engine[a][1]:.2f}".translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    assert view.table.item(shown[b], 7).text() == "হাজিরা খাতা দেখা হয়েছে"
    assert reported.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")) in view.heading.text()
