"""Which rows need evidence: an achievement reported for the quarter and nothing attached;
Section 3's governance rows take theirs from the annexes."""

from __future__ import annotations

from apa_desktop.core.demo import demo_office_years
from apa_desktop.core.evidence import evidence_rows, missing_evidence, rows_missing_evidence


def tongi():
    return next(oy for oy in demo_office_years() if oy.office.id == "tongi-lwc")


def test_rows_reported_for_the_quarter_without_evidence_are_missing_it_and_governance_rows_never():
    office_year = tongi()
    missing = dict(missing_evidence(office_year, 3))
    assert ("section3", "areas", 0, "activities", 0, "indicators", 0) in missing  # ৬,০০০ in Q3, no file
    assert not any(getattr(row, "feeds_from", None) for row in missing.values())
    assert all(row.quarters[2] is not None if hasattr(row, "quarters") else row.achievements[2] is not None
               for row in missing.values())
    assert not any(p[0] == "section3" for p, _ in missing_evidence(office_year, 1))  # Section 3: only Q3 reported


def test_attaching_a_file_for_the_quarter_takes_the_row_off_the_list():
    office_year = tongi()
    path, row = missing_evidence(office_year, 3)[0]
    before = rows_missing_evidence(office_year)
    row.evidence[2] = ["ab" * 32]
    assert path not in dict(missing_evidence(office_year, 3))
    assert rows_missing_evidence(office_year) == before - 1
    assert any(p == path for p, _ in evidence_rows(office_year))
