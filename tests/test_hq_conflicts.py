"""A person decides a conflict: keep HQ's data or take the incoming bundle's; recorded, audited,
once only; nothing else changes. Also the receipts core function the CLI and the window share."""

from __future__ import annotations

import subprocess
import sys

import pytest

from apa_desktop.export.bundle_signing import load_certificate
from apa_desktop.hq.conflicts import ConflictError, open_conflicts, resolve_conflict
from apa_desktop.hq.consolidate import consolidated_rows
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer
from apa_desktop.export.receipts import read_receipt
from apa_desktop.hq.receipts import receipt_for_outcome

from hq_helpers import hq_cli_args

from bundle_helpers import bundle_for, make_key, office_key


@pytest.fixture
def hq(tmp_path, make_hq):
    db = make_hq("hq")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(db, office, make_key(office)[1])
    importer = Importer(db)
    importer.import_source(bundle_for("DC-KHULNA", revision=1, sequence=1, achievement=6.0))
    importer.import_source(bundle_for("DC-JESSORE"))
    yield importer
    db.close()


def _conflict(hq: Importer) -> tuple[int, str]:
    outcome = hq.import_source(bundle_for("DC-KHULNA", revision=1, sequence=2, achievement=9.0))
    assert outcome.status == "conflict"
    (conflict,) = open_conflicts(hq.store)
    return conflict.id, outcome.sha256


def _rows(db, table: str, where: str = "") -> list[tuple]:
    return db.backend.fetchall(f"SELECT * FROM {table} {where} ORDER BY 1")


def _others(db) -> list[tuple]:
    """Everything a decision must leave alone: other office-years, bundles, evidence, certificates."""
    return [_rows(db, "documents", "WHERE office_id != 'DC-KHULNA'"), _rows(db, "bundles"),
            _rows(db, "evidence"), _rows(db, "certificates"), _rows(db, "conflict_payloads")]


def test_the_importer_keeps_the_incoming_payload_with_the_conflict(hq):
    conflict_id, sha = _conflict(hq)
    (document,) = hq.store.backend.fetchone("SELECT document FROM conflict_payloads WHERE bundle_sha256 = ?", (sha,))
    assert '"DC-KHULNA"' in document
    assert conflict_id == 1 and open_conflicts(hq.store, "DC-KHULNA", "2023-24")[0].incoming_sha256 == sha
    assert open_conflicts(hq.store, "DC-JESSORE", "2023-24") == []


def test_take_incoming_applies_the_incoming_document_records_and_audits(hq):
    conflict_id, sha = _conflict(hq)
    score_before = consolidated_rows(hq.store)[1]["total_score"]
    others = _others(hq.store)
    conflict = resolve_conflict(hq.store, conflict_id, "incoming", "  Rahima Khatun ", "office confirmed by phone")
    assert (conflict.resolution, conflict.decided_by, conflict.note) == ("incoming", "Rahima Khatun",
                                                                         "office confirmed by phone")
    assert conflict.resolved_at is not None
    row = consolidated_rows(hq.store)[1]
    assert row["office_id"] == "DC-KHULNA" and row["status"] == "unsigned" and row["open_conflicts"] == 0
    assert row["total_score"] != score_before
    assert hq.store.backend.fetchone("SELECT bundle_sha256 FROM documents WHERE office_id = 'DC-KHULNA'")[0] == sha
    assert _others(hq.store) == others
    assert open_conflicts(hq.store) == []
    audit = hq.store.backend.fetchall("SELECT actor, action, office_id, fiscal_year FROM audit")
    assert audit == [("Rahima Khatun", "conflict_keep_incoming", "DC-KHULNA", "2023-24")]


def test_keep_current_changes_only_the_conflict_row_and_the_audit(hq):
    conflict_id, _ = _conflict(hq)
    before = [(t, *r) for t, *r in hq.store.dump_tables() if t not in ("conflicts", "audit")]
    conflict = resolve_conflict(hq.store, conflict_id, "current", "Karim", "")
    assert conflict.resolution == "current"
    assert [(t, *r) for t, *r in hq.store.dump_tables() if t not in ("conflicts", "audit")] == before
    assert consolidated_rows(hq.store)[1]["status"] == "unsigned"
    assert hq.store.backend.fetchall("SELECT action FROM audit") == [("conflict_keep_current",)]


def test_deciding_twice_an_unknown_id_a_missing_name_or_a_bad_choice_is_refused_and_writes_nothing(hq):
    conflict_id, _ = _conflict(hq)
    before = hq.store.dump_tables()
    with pytest.raises(ConflictError, match="no conflict 99"):
        resolve_conflict(hq.store, 99, "current", "Karim", "")
    with pytest.raises(ConflictError, match="name"):
        resolve_conflict(hq.store, conflict_id, "current", "  ", "")
    with pytest.raises(ConflictError, match="keep must be"):
        resolve_conflict(hq.store, conflict_id, "both", "Karim", "")
    assert hq.store.dump_tables() == before
    resolve_conflict(hq.store, conflict_id, "current", "Karim", "")
    after = hq.store.dump_tables()
    with pytest.raises(ConflictError, match="already decided .current. by Karim"):
        resolve_conflict(hq.store, conflict_id, "incoming", "Someone else", "")
    assert hq.store.dump_tables() == after


def test_the_audit_log_is_append_only(hq):
    conflict_id, _ = _conflict(hq)
    resolve_conflict(hq.store, conflict_id, "current", "Karim", "")
    with pytest.raises(Exception, match="append-only"):
        hq.store.backend.execute("DELETE FROM audit")


def test_cli_lists_and_resolves_conflicts(hq, tmp_path):
    conflict_id, sha = _conflict(hq)
    run = [sys.executable, "-m", "apa_desktop", "hq"]
    db = hq.store
    listed = subprocess.run(run + ["conflicts", *hq_cli_args(db)], capture_output=True, text=True, timeout=60, check=True)
    lines = listed.stdout.splitlines()
    assert lines[0].startswith("id\toffice_id") and len(lines) == 2
    assert lines[1].startswith(f"{conflict_id}\tDC-KHULNA\t2023-24\tsame_revision") and sha[:16] in lines[1]
    resolve = run + ["resolve", *hq_cli_args(db), "--conflict", str(conflict_id), "--keep", "incoming", "--by", "Rahima"]
    done = subprocess.run(resolve + ["--note", "checked"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "kept incoming\tby Rahima" in done.stdout
    again = subprocess.run(resolve, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "already decided" in again.stderr
    unknown = subprocess.run(run + ["resolve", *hq_cli_args(db), "--conflict", "42", "--keep", "current", "--by", "R"],
                             capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 1 and "no conflict 42" in unknown.stderr
    listed = subprocess.run(run + ["conflicts", *hq_cli_args(db)], capture_output=True, text=True, timeout=60, check=True)
    assert len(listed.stdout.splitlines()) == 1
    assert hq.store.backend.fetchall("SELECT decided_by, note FROM conflicts") == [("Rahima", "checked")]


def test_receipt_for_outcome_signs_bundles_and_skips_rejected_files(hq, tmp_path):
    outcome = hq.import_source(bundle_for("DC-KHULNA", revision=2, sequence=3))
    path = receipt_for_outcome(office_key("HQ"), outcome, tmp_path / "receipts")
    receipt = read_receipt(path.read_bytes(), load_certificate(make_key("HQ")[1]))
    assert (receipt["bundle_sha256"], receipt["outcome"], receipt["decision"]) == (outcome.sha256, "imported", "accepted")
    rejected = hq.import_source(b"not a bundle")
    assert receipt_for_outcome(office_key("HQ"), rejected, tmp_path / "receipts") is None
    assert len(list((tmp_path / "receipts").iterdir())) == 1


def test_cli_import_writes_receipts_through_the_core_function(tmp_path, make_hq):
    from bundle_helpers import PASSPHRASE

    (tmp_path / "k.crt").write_bytes(make_key("DC-KHULNA")[1])
    (tmp_path / "hq.p12").write_bytes(make_key("HQ")[0])
    (tmp_path / "pass").write_text(PASSPHRASE + "\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.apabundle").write_bytes(bundle_for())
    run = [sys.executable, "-m", "apa_desktop", "hq"]
    db = make_hq()
    subprocess.run(run + ["enroll", *hq_cli_args(db), "--office-id", "DC-KHULNA", "--cert", str(tmp_path / "k.crt")],
                   check=True, capture_output=True, timeout=60)
    subprocess.run(run + ["import", *hq_cli_args(db), str(tmp_path / "in"), "--receipts", str(tmp_path / "out"),
                          "--p12", str(tmp_path / "hq.p12"), "--passphrase-file", str(tmp_path / "pass")],
                   check=True, capture_output=True, timeout=60)
    (path,) = (tmp_path / "out").iterdir()
    assert read_receipt(path.read_bytes(), load_certificate(make_key("HQ")[1]))["decision"] == "accepted"


def test_taking_incoming_without_a_kept_payload_is_refused_and_writes_nothing(hq):
    conflict_id, sha = _conflict(hq)
    hq.store.backend.execute("DELETE FROM conflict_payloads WHERE bundle_sha256 = ?", (sha,))  # as recorded before m002
    before = hq.store.dump_tables()
    with pytest.raises(ConflictError, match="not kept"):
        resolve_conflict(hq.store, conflict_id, "incoming", "Karim", "")
    assert hq.store.dump_tables() == before
    assert resolve_conflict(hq.store, conflict_id, "current", "Karim", "").resolution == "current"
