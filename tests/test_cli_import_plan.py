"""``apa-desktop import-plan``: every table of seeds 000, 003 and 004 read into a new office-year
of the right year and tier with no refused rows; damaged codes repaired where unambiguous and
listed; nothing stored without --apply; exit 1 when a row is refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from apa_desktop.db import open_database

SEEDS = Path("/work/shared/seeds")
CASES = (("000", "2023-24", "district"), ("003", "2022-23", "district"), ("004", "2022-23", "head_office"))
PARTS = ("section3", "nis", "egov", "grs", "charter", "rti", "section1", "section2", "annex1", "annex2", "annex3")


def seed(number: str) -> Path:
    found = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not found:
        pytest.skip("the seed documents are not on this machine")
    return found[0]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.parametrize("number,year,tier", CASES)
def test_every_table_of_a_seed_is_read_into_a_new_office_year_with_no_refused_rows(tmp_path, number, year, tier):
    db = tmp_path / "apa.db"
    for part in PARTS:
        done = run("import-plan", "--db", str(db), "--office", f"s{number}", "--year", year, "--tier", tier,
                   "--part", part, "--apply", str(seed(number)))
        assert done.returncode == 0, (part, done.stdout[-2000:], done.stderr[-2000:])
        assert "refused 0" in done.stdout and "Traceback" not in done.stderr
    store = open_database(db)
    try:
        oy = store.load(store.find_office_year(f"s{number}", year))
        assert oy.office.tier == tier
        source_rows = sum(len(act.indicators) for plan in oy.plans() for area in plan.areas
                          for act in area.activities)
        assert source_rows > 0
        assert all(entry.user for entry in store.audit_log(store.find_office_year(f"s{number}", year)))
    finally:
        store.close()


def test_damaged_codes_are_repaired_where_unambiguous_and_nothing_is_stored_without_apply(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    damaged = text.replace("[৫.১.১]", "৫.১.১]").replace("[৪.১.১]", "[৪.১.৯]")
    file = tmp_path / "damaged.txt"
    file.write_text(damaged, encoding="utf-8")
    db = tmp_path / "apa.db"
    done = run("import-plan", "--db", str(db), "--office", "t", "--year", "2023-24", "--part", "egov", str(file))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "৫.১.১] -> [৫.১.১]" in done.stdout
    assert "4.1.9 -> 4.1.1" in done.stdout and "matched by title" in done.stdout
    assert "nothing stored" in done.stdout
    store = open_database(db)
    try:
        assert store.find_office_year("t", "2023-24") is None
    finally:
        store.close()


def test_a_row_that_cannot_be_read_is_refused_with_its_line_and_exit_status_1(tmp_path):
    text = seed("000").read_text(encoding="utf-8")
    broken = text.replace("[৬.১.১]", "৬-১-১", 1)
    file = tmp_path / "broken.txt"
    file.write_text(broken, encoding="utf-8")
    done = run("import-plan", "--db", str(tmp_path / "apa.db"), "--office", "t", "--year", "2023-24",
               "--part", "egov", str(file))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "REFUSED" in done.stdout and "line " in done.stdout


def _outcome_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.split("\t", 1)[0].isdigit()]


@pytest.mark.parametrize("number,year,part,encoding", (("000", "2023-24", "egov", "cp1252"),
                                                       ("003", "2022-23", "nis", "utf-8"),
                                                       ("003", "2022-23", "section3", "utf-16")))
def test_a_bijoy_typed_copy_of_a_seed_table_reads_the_same_rows_and_lists_the_conversion(tmp_path, number, year,
                                                                                         part, encoding):
    """As Word saves a Bijoy file as plain text: Windows-1252, or "Unicode" (UTF-16), or UTF-8."""
    from apa_desktop.core.bijoy import to_bijoy

    unicode_file = seed(number)
    bijoy_file = tmp_path / "bijoy.txt"
    bijoy_file.write_text(to_bijoy(unicode_file.read_text(encoding="utf-8")), encoding=encoding)
    common = ("import-plan", "--office", "b", "--year", year, "--part", part)
    plain = run(*common, "--db", str(tmp_path / "u.db"), str(unicode_file))
    legacy = run(*common, "--db", str(tmp_path / "b.db"), "--apply", str(bijoy_file))
    assert legacy.returncode == plain.returncode == 0, legacy.stdout[-2000:] + legacy.stderr[-2000:]
    assert _outcome_lines(legacy.stdout) == _outcome_lines(plain.stdout) and _outcome_lines(plain.stdout)
    assert "converted from Bijoy: line " in legacy.stdout and "converted from Bijoy" not in plain.stdout
    assert "Bijoy cells converted 0" not in legacy.stdout
    store = open_database(tmp_path / "b.db")
    try:
        stored = store.load(store.find_office_year("b", year))
        titles = [ind.title for plan in stored.plans() for area in plan.areas for act in area.activities
                  for ind in act.indicators] + [act.title for sec in stored.nis.sections for act in sec.activities]
        assert any("\u0995" <= ch <= "\u09ff" for title in titles for ch in title)
        assert not any(ch in title for title in titles for ch in "‡©¨ª")
    finally:
        store.close()
    kept = run(*common, "--db", str(tmp_path / "k.db"), "--keep-bijoy", str(bijoy_file))
    assert "Bijoy text kept as typed: line " in kept.stdout and "nothing stored" in kept.stdout
