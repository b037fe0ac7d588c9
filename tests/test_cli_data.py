"""The command line as a user runs it: a subprocess per command, on a database in a temporary folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    run("demo", "--db", str(db))
    return db


def test_offices_prints_one_office_a_line_as_id_tab_name(demo_db):
    lines = run("offices", "--db", str(demo_db)).stdout.splitlines()
    offices = dict(line.split("\t") for line in lines)
    assert offices["tongi-lwc"] == "শ্রম কল্যাণ কেন্দ্র, টংগী, গাজীপুর"
    assert "khulna-ict" in offices


def test_demo_twice_duplicates_nothing(demo_db):
    before = run("offices", "--db", str(demo_db)).stdout
    out = run("demo", "--db", str(demo_db)).stdout
    assert "+" not in [line[:1] for line in out.splitlines()]
    assert run("offices", "--db", str(demo_db)).stdout == before


def test_score_json_has_a_numeric_total_for_each_office_year(demo_db):
    results = json.loads(run("score", "--db", str(demo_db), "--json").stdout)
    assert {r["office"] for r in results} >= {"tongi-lwc", "khulna-ict"}
    for result in results:
        assert isinstance(result["total"], float)


def test_tongi_third_quarter_total_is_the_hand_computed_one(demo_db):
    """Seed 000 reports 100 % of every target for Q3: Section 3's own areas give 70. Of the NIS
    plan (10 marks) item 1.1 earns 2 × 3/4 = 1.5 and item 1.4 (target with the impossible date
    31/04/2024) earns nothing until the clerk corrects it: 8.5 of 10 -> 8.5 of the governance
    row's 10; the other annexes are complete: 10 + 4 + 3 + 3. Total 70 + 28.5 = 98.5."""
    (result,) = json.loads(run("score", "--db", str(demo_db), "--office", "tongi-lwc", "--json").stdout)
    assert result["own_part"] == pytest.approx(70.0)
    assert result["governance_part"] == pytest.approx(28.5)
    assert result["total"] == pytest.approx(98.5)


def test_score_text_shows_bengali_digits_by_default_and_ascii_on_request(demo_db):
    bengali = run("score", "--db", str(demo_db), "--office", "tongi-lwc").stdout
    english = run("score", "--db", str(demo_db), "--office", "tongi-lwc", "--digits", "en").stdout
    assert "৯৮.৫০" in bengali
    assert "98.50" in english


def test_export_import_export_through_the_command_line_is_byte_identical(demo_db, tmp_path):
    first = tmp_path / "khulna.json"
    run("export-json", "--db", str(demo_db), "--office", "khulna-ict", "--year", "২০২২-২৩", "--out", str(first))
    other_db = tmp_path / "other.sqlite3"
    run("import-json", "--db", str(other_db), str(first))
    second = tmp_path / "again.json"
    run("export-json", "--db", str(other_db), "--office", "khulna-ict", "--year", "2022-23", "--out", str(second))
    assert second.read_bytes() == first.read_bytes()


def test_importing_a_bad_file_says_why_and_changes_nothing(demo_db, tmp_path):
    before = run("export-json", "--db", str(demo_db), "--office", "tongi-lwc", "--year", "2023-24").stdout
    bad = tmp_path / "bad.json"
    damaged = json.loads(before)
    damaged["document"]["office"] = 5
    bad.write_text(json.dumps(damaged), encoding="utf-8")
    result = run("import-json", "--db", str(demo_db), str(bad), check=False)
    assert result.returncode == 1
    assert "document/office" in result.stderr
    assert "Traceback" not in result.stderr
    after = run("export-json", "--db", str(demo_db), "--office", "tongi-lwc", "--year", "2023-24").stdout
    assert after == before


def test_unknown_office_gets_a_clear_message(demo_db):
    result = run("score", "--db", str(demo_db), "--office", "nowhere", check=False)
    assert result.returncode == 1
    assert "No office-year found" in result.stderr


def test_check_reports_weight_problems_and_exits_one(demo_db):
    result = run("check", "--db", str(demo_db), "--digits", "en", check=False)
    # seed 004's e-gov area weights read "৩" and "২" where the indicators add up to 30 and 20
    assert result.returncode == 1
    assert "dte" in result.stdout and "database integrity: ok" in result.stdout


def test_a_damaged_database_file_is_refused_with_a_message(tmp_path):
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\x17" * 4096)
    result = run("offices", "--db", str(db), check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_backup_writes_a_copy_that_opens(demo_db, tmp_path):
    path = Path(run("backup", "--db", str(demo_db), "--to", str(tmp_path / "b")).stdout.strip())
    assert path.exists()
    assert run("offices", "--db", str(path)).stdout == run("offices", "--db", str(demo_db)).stdout
