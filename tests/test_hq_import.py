"""Headquarters: newer replaces older, conflicts wait for a person, enrolment rules, the
consolidated table and its CSV/XLSX export, receipts, and the parallel import path."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from apa_desktop.export.bundle_signing import load_certificate
from apa_desktop.hq.consolidate import consolidated_rows, export_table
from apa_desktop.hq.enrolment import enroll, revoke
from apa_desktop.hq.importer import Importer
from apa_desktop.export.receipts import ReceiptInvalid, make_receipt, read_receipt

from hq_helpers import hq_cli_args

from bundle_helpers import bundle_for, make_key, office_key


@pytest.fixture
def hq(tmp_path, make_hq):
    db = make_hq("hq")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(db, office, make_key(office)[1])
    return Importer(db)


def test_newer_revision_replaces_older_and_older_is_ignored(hq):
    assert hq.import_source(bundle_for(revision=1, sequence=1, achievement=6.0)).status == "imported"
    assert hq.import_source(bundle_for(revision=2, sequence=2, achievement=10.0)).status == "imported"
    rows = consolidated_rows(hq.store)
    assert [(r["office_id"], r["revision"], r["report_quarter"]) for r in rows] == [("DC-KHULNA", 2, 2)]
    before = hq.store.dump_tables()
    late = hq.import_source(bundle_for(revision=1, sequence=3, achievement=1.0))
    assert late.status == "ignored_older" and "ignored as older" in late.line()
    assert hq.store.dump_tables() == before


def test_two_different_bundles_with_the_same_revision_are_a_conflict_for_a_person(hq):
    hq.import_source(bundle_for(revision=1, sequence=1, achievement=6.0))
    document_before = hq.store.backend.fetchall("SELECT document, total_score FROM documents")
    outcome = hq.import_source(bundle_for(revision=1, sequence=2, achievement=9.0))
    assert outcome.status == "conflict"
    assert hq.store.backend.fetchall("SELECT document, total_score FROM documents") == document_before
    assert hq.store.backend.fetchall("SELECT kind FROM conflicts") == [("same_revision",)]
    assert consolidated_rows(hq.store)[0]["status"] == "conflict"


def test_missing_evidence_counts_indicators_reported_without_evidence(hq):
    hq.import_source(bundle_for(revision=1, sequence=1))
    # helper document: indicator 1 has evidence in Q1 only but reports Q1-Q2; indicator 2 has none
    assert consolidated_rows(hq.store)[0]["missing_evidence"] == 2


def test_a_certificate_speaks_for_one_office_only(hq):
    with pytest.raises(ValueError, match="DC-KHULNA"):
        enroll(hq.store, "DC-OTHER", make_key("DC-KHULNA")[1])
    assert revoke(hq.store, "DC-JESSORE", reason="stolen laptop") == 1
    with pytest.raises(ValueError, match="revoked"):
        enroll(hq.store, "DC-JESSORE", make_key("DC-JESSORE")[1])
    assert hq.import_source(bundle_for("DC-JESSORE")).status == "rejected"


def test_consolidated_table_exports_to_csv_and_xlsx(hq, tmp_path):
    hq.import_source(bundle_for("DC-KHULNA"))
    hq.import_source(bundle_for("DC-JESSORE"))
    assert export_table(hq.store, tmp_path / "t.csv") == 2
    with open(tmp_path / "t.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["office_id"] for r in rows] == ["DC-JESSORE", "DC-KHULNA"]
    assert rows[0]["office_name"] == "অফিস DC-JESSORE"
    from openpyxl import load_workbook

    export_table(hq.store, tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet.cell(1, 1).value == "অফিস কোড" and sheet.cell(3, 1).value == "DC-JESSORE"
    with pytest.raises(ValueError):
        export_table(hq.store, tmp_path / "t.txt")


def test_parallel_import_gives_the_same_outcomes_as_one_by_one(tmp_path, make_hq):
    files = []
    for i in range(12):
        path = tmp_path / f"b{i}.apabundle"
        path.write_bytes(bundle_for("DC-KHULNA" if i % 2 else "DC-JESSORE", revision=1 + i // 2, sequence=1 + i // 2))
        files.append(path)
    files.append(files[0])
    (tmp_path / "junk.apabundle").write_bytes(b"junk")
    files.append(tmp_path / "junk.apabundle")
    results = []
    for name, workers in (("one.sqlite3", 1), ("many.sqlite3", 2)):
        db = make_hq(name)
        for office in ("DC-KHULNA", "DC-JESSORE"):
            enroll(db, office, make_key(office)[1])
        outcomes = list(Importer(db).import_many(files, workers=workers))
        results.append(([o.status for o in outcomes], consolidated_rows(db)))
    assert results[0] == results[1]
    assert results[0][0][-2:] == ["unchanged", "rejected"]


def test_receipt_is_verified_against_hq_certificate():
    key = office_key("HQ")
    data = make_receipt(key, bundle_sha256="a" * 64, bundle_id="x", office_id="DC-KHULNA", fiscal_year="2023-24",
                        revision=1, sequence=1, outcome="ignored_older", comment="", issued_at="2026-11-23")
    receipt = read_receipt(data, load_certificate(make_key("HQ")[1]))
    assert receipt["decision"] == "returned" and "older" in receipt["comment"]
    with pytest.raises(ReceiptInvalid):
        read_receipt(data, load_certificate(make_key("not HQ")[1]))
    with pytest.raises(ReceiptInvalid):
        read_receipt(data.replace(b'"cms": "', b'"cms": "AAAA'), load_certificate(make_key("HQ")[1]))


def test_cli_import_prints_one_line_per_file_and_fails_on_rejections(tmp_path, make_hq):
    (tmp_path / "k.crt").write_bytes(make_key("DC-KHULNA")[1])
    (tmp_path / "good.apabundle").write_bytes(bundle_for())
    (tmp_path / "bad.apabundle").write_bytes(b"PK\x03\x04 truncated")
    run = [sys.executable, "-m", "apa_desktop", "hq"]
    db = make_hq()
    subprocess.run(run + ["enroll", *hq_cli_args(db), "--office-id", "DC-KHULNA", "--cert", str(tmp_path / "k.crt")],
                   check=True, capture_output=True, timeout=60)
    done = subprocess.run(run + ["import", *hq_cli_args(db), str(tmp_path)], capture_output=True, text=True, timeout=60)
    lines = done.stdout.splitlines()
    assert done.returncode == 2
    assert lines[0].startswith(str(tmp_path / "bad.apabundle")) and ": rejected: " in lines[0]
    assert lines[1].endswith("imported: DC-KHULNA 2023-24 revision 1")
