"""HQ's drill-down opens an office-year whose evidence is larger than the office's own 20 MB limit
(HQ accepted it within the bundle's member limit), with every file there to open (issue 12)."""

from __future__ import annotations

import hashlib

import pytest

pytest.importorskip("pytestqt")

from apa_desktop.ui.hq_drilldown import temporary_store  # noqa: E402

from bundle_helpers import small_office_year  # noqa: E402


def test_drill_down_holds_evidence_over_twenty_megabytes(make_hq):
    hq = make_hq("hq")
    office_year, _ = small_office_year(evidence_files=0)
    big = b"%PDF-1.4\n" + b"\0" * (25 * 1024 * 1024)
    sha = hashlib.sha256(big).hexdigest()
    hq.put_evidence({sha: big})
    office_year.section3.areas[0].activities[0].indicators[0].evidence[0] = [sha]
    store, oy_id, folder = temporary_store(hq, office_year)
    try:
        assert store.get_evidence(sha).size == len(big)
        assert store.load(oy_id).section3.areas[0].activities[0].indicators[0].evidence[0] == [sha]
    finally:
        store.close()
        folder.cleanup()
