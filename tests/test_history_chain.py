"""Tamper-evident history (issue 12, item 8): each audit row and each revision carries the hash of
the previous one; a raw SQL rewrite of a signed revision or of the audit log makes `check` exit 1
naming the office-year and the first row that does not fit."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from apa_desktop.core.edits import set_edit
from apa_desktop.db import open_database

from crash_writer import small_office_year


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)


@pytest.fixture
def signed_db(tmp_path):
    """An office-year with a signed revision 1, a revision 2 with edits, and a second office-year."""
    db = tmp_path / "apa.sqlite3"
    store = open_database(db)
    oy_id = store.create_office_year(small_office_year(), user="clerk")
    doc = store.load(oy_id)
    store.apply_edit(oy_id, set_edit(doc, "section3.areas[0].activities[0].indicators[0].quarters[0]", 5.0), "clerk")
    store.mark_signed(oy_id, "head", b"%PDF-1.4 signed")
    store.new_revision(oy_id, "Q2 report", "clerk")
    doc = store.load(oy_id)
    store.apply_edit(oy_id, set_edit(doc, "section3.areas[0].activities[0].indicators[0].quarters[1]", 7.0), "clerk")
    store.create_office_year(small_office_year("dc-jessore"), user="clerk")
    assert store.history_breaks() == []
    store.close()
    return db, oy_id


def test_an_untouched_history_checks_ok(signed_db):
    db, _ = signed_db
    result = run("check", "--db", str(db), "--digits", "en")
    assert "history chain: ok" in result.stdout, result.stdout + result.stderr
    assert "outside the program" not in result.stdout  # (the small document's weights are reported apart)


def test_a_signed_revision_rewritten_by_delete_and_insert_is_named_by_check(signed_db):
    db, oy_id = signed_db
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT id, office_year_id, number, reason, parent_id, created_at, created_by, body, "
                           "signed_at, signed_by, signed_pdf_sha256, locked FROM revisions "
                           "WHERE office_year_id = ? AND number = 1", (oy_id,)).fetchone()
        body = json.loads(row[7])
        body["document"]["office"]["name"] = "TAMPERED OFFICE"
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DELETE FROM revisions WHERE id = ?", (row[0],))
        conn.execute("INSERT INTO revisions (id, office_year_id, number, reason, parent_id, created_at, created_by, "
                     "body, signed_at, signed_by, signed_pdf_sha256, locked) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     (*row[:7], json.dumps(body, ensure_ascii=False), *row[8:]))
    result = run("check", "--db", str(db), "--digits", "en")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("dc-khulna\t2023-24"))
    assert "revision 1 was changed outside the program" in lines[at + 1]
    assert "history chain: BROKEN" in result.stdout
    assert result.stdout.count("changed outside the program") == 1  # only the rewritten office-year


def test_an_audit_row_deleted_with_raw_sql_is_named_by_check(signed_db):
    db, oy_id = signed_db
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        ids = [r[0] for r in conn.execute("SELECT id FROM audit WHERE office_year_id = ? ORDER BY id", (oy_id,))]
        conn.execute("DELETE FROM audit WHERE id = ?", (ids[1],))
    result = run("check", "--db", str(db), "--digits", "en")
    assert result.returncode == 1
    assert f"audit row {ids[2]} was changed outside the program" in result.stdout


def test_the_chain_is_kept_through_edits_signing_and_new_revisions(signed_db):
    db, oy_id = signed_db
    store = open_database(db)
    try:
        chains = [r[0] for r in store._conn.execute(
            "SELECT c.chain FROM revisions r JOIN revision_chain c ON c.revision_id = r.id WHERE r.office_year_id = ?",
            (oy_id,))]
        assert len(chains) == 2 and all(c and len(c) == 64 for c in chains)
        assert store.history_breaks() == []
    finally:
        store.close()
