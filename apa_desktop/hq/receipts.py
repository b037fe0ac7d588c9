"""HQ's receipt for each imported bundle (the format itself is :mod:`apa_desktop.export.receipts`)."""

from __future__ import annotations

from pathlib import Path

from ..export.bundle_signing import OfficeKey
from ..export.receipts import make_receipt, write_receipt
from .importer import ImportOutcome
from .store import now


def receipt_for_outcome(key: OfficeKey, outcome: ImportOutcome, out_dir: Path) -> Path | None:
    """Sign and write the receipt for one import outcome (the CLI's ``hq import --receipts`` and
    the HQ window both use this); ``None`` for a rejected file, which gets no receipt."""
    if outcome.bundle is None:
        return None
    m = outcome.bundle.manifest
    data = make_receipt(key, bundle_sha256=outcome.sha256, bundle_id=m["bundle_id"], office_id=m["office_id"],
                        fiscal_year=m["fiscal_year"], revision=m["revision"], sequence=m["sequence"],
                        outcome=outcome.status, comment="", issued_at=now())
    return write_receipt(out_dir, outcome.sha256, data)
