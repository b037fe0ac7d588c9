"""Office side: export an office-year as a bundle, and take HQ's receipts in. Used by CLI and GUI."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..db import Store
from ..db.bundles_schema import SentBundle, open_bundle_log, record_receipt, remember_setting, setting
from .bundle import SUFFIX, evidence_hashes, write_bundle
from .bundle_signing import OfficeKey, load_certificate
from .receipts import ReceiptInvalid, read_receipt

HQ_CERT_KEY = "hq_certificate"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    sequence: int
    revision: int
    size: int


def export_bundle(store: Store, office_year_id: int, key: OfficeKey, out_dir: Path) -> ExportResult:
    """Write the office-year's full state as a signed bundle in ``out_dir`` (a USB stick, say).

    The file is written under a temporary name, synced and read back before it gets its
    final name, and only then counts as sent in the bundle log (sequence and hash chain)."""
    info = next(i for i in store.office_years() if i.id == office_year_id)
    office_year = store.load(office_year_id)
    signed = [r for r in store.revisions(office_year_id) if r.signed_pdf_sha256]
    signed_pdf = store.signed_pdf(signed[-1].id) if signed else None
    evidence = {sha: store.get_evidence(sha).data for sha in evidence_hashes(office_year)}
    sequence, previous = store.last_sent(info.office_id)
    sequence += 1
    data, manifest = write_bundle(office_year, key, revision=info.revision, sequence=sequence, previous_sha256=previous,
                                  evidence=evidence, signed_pdf=signed_pdf)
    sha = hashlib.sha256(data).hexdigest()
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / f"{info.office_id}-{info.fiscal_year}-r{info.revision}-s{sequence}{SUFFIX}"
    tmp = final.with_name(final.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    if hashlib.sha256(tmp.read_bytes()).hexdigest() != sha:
        tmp.unlink()
        raise OSError(f"the copy on {out_dir} does not read back correctly (faulty drive?)")
    store.log_sent_bundle(SentBundle(sequence, info.office_id, sha, manifest["bundle_id"], info.fiscal_year,
                                     info.revision, previous, final.name, manifest["created_at"], "sent", "", None))
    os.replace(tmp, final)
    return ExportResult(final, sha, sequence, info.revision, len(data))


def import_receipt(db_path: Path, data: bytes, hq_cert: bytes | None = None) -> dict[str, Any]:
    """Verify HQ's receipt and mark the bundle accepted or returned with HQ's comment.

    The HQ certificate is given once (``hq_cert``) and remembered; later receipts must be
    signed by it. Returns the receipt content."""
    log = open_bundle_log(db_path)
    try:
        if hq_cert is not None:
            remember_setting(log, HQ_CERT_KEY, load_certificate(hq_cert))
        known = setting(log, HQ_CERT_KEY)
        if known is None:
            raise ReceiptInvalid("HQ's certificate is not known yet: give it once with --hq-cert")
        receipt = read_receipt(data, known)
        evaluation = (json.dumps(receipt["evaluation"], ensure_ascii=False, sort_keys=True)
                      if "evaluation" in receipt else None)
        if not record_receipt(log, receipt["office_id"], receipt["bundle_sha256"], receipt["decision"],
                              receipt["comment"], receipt["issued_at"], evaluation):
            raise ReceiptInvalid("the receipt is for a bundle this database did not send")
        return receipt
    finally:
        log.conn.close()
