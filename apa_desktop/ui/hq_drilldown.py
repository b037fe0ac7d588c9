"""An office-year HQ holds, opened in the office's own tabs: a temporary office database with the
document and the evidence files HQ keeps for it (used by the HQ window's drill-down and the
evaluation screen)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..core.model import OfficeYear
from ..db import Store, open_database
from ..db.evidence import MAX_BYTES_SETTING, sniff
from ..export.bundle import Limits, evidence_hashes
from ..hq.store import HqStore


def temporary_store(hq: HqStore, office_year: OfficeYear) -> tuple[Store, int, tempfile.TemporaryDirectory]:
    """An office database in a temporary folder holding ``office_year`` and the evidence files
    HQ keeps for it (the evidence panel can then open them)."""
    folder = tempfile.TemporaryDirectory(prefix="apa-hq-")
    store = open_database(Path(folder.name) / "drill-down.sqlite3")
    # HQ took each file within the bundle's member limit, above the office's own evidence limit.
    store.set_setting(MAX_BYTES_SETTING, Limits().max_member_bytes)
    for sha in sorted(evidence_hashes(office_year)):
        data = hq.evidence(sha)
        kind = sniff(data) if data is not None else None
        if data is not None and kind is not None:
            store.put_evidence(data, f"{sha[:16]}.{kind}")
    return store, store.create_office_year(office_year, user="HQ"), folder
