"""The receipt format: the signed answers HQ writes back per bundle, read and verified at the office.

A receipt file (``<bundle sha256 prefix>.apareceipt``) is JSON: ``{"format": "apa-desktop/receipt",
"version": 1, "receipt": <base64 of receipt JSON>, "cms": <base64 detached CMS over those bytes>}``.
The receipt says ``accepted`` (imported or already held) or ``returned`` (older, or a conflict)
with HQ's comment for the clerk, and may carry the superior's evaluation as a section of its
own (``"evaluation": {"version": 1, ...}``, see :mod:`apa_desktop.core.evaluation`); a reviewer's
later answer (:mod:`apa_desktop.hq.review`) is a receipt too, with the outcome ``reviewed``. The format lives beside the bundle format: HQ writes
receipts with it and the office reads them without importing ``hq/``. The signing library is
loaded only when a receipt is made or read, so the CLI can name the answers cheaply.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import UserError
from .files import write_whole

if TYPE_CHECKING:
    from .bundle_signing import OfficeKey

FORMAT = "apa-desktop/receipt"
VERSION = 1
SUFFIX = ".apareceipt"
MAX_BYTES = 1024 * 1024
ANSWERS = ("accepted", "returned")
"""What a receipt tells the office about its bundle."""
DECISIONS = {"imported": "accepted", "unchanged": "accepted", "ignored_older": "returned", "conflict": "returned"}
COMMENTS = {
    "imported": "গৃহীত হয়েছে / Accepted.",
    "unchanged": "আগেই গৃহীত / Already received.",
    "ignored_older": "পুরোনো সংশোধন: সর্বশেষটি পাঠান / An older revision: send the latest.",
    "conflict": "একই সংশোধনের ভিন্ন বান্ডল: সদর দপ্তর যোগাযোগ করবে / Another bundle has the same revision; HQ will contact you.",
}


class ReceiptInvalid(UserError, ValueError):
    """The receipt file is malformed or not signed by the known HQ certificate."""


def make_receipt(key: OfficeKey, *, bundle_sha256: str, bundle_id: str, office_id: str, fiscal_year: str,
                 revision: int, sequence: int, outcome: str, comment: str, issued_at: str,
                 decision: str | None = None, evaluation: dict[str, Any] | None = None) -> bytes:
    """A signed receipt file's bytes for one bundle: the import's outcome decides, unless a
    reviewer's ``decision`` is given. ``evaluation`` is the superior's evaluation section
    (:func:`apa_desktop.core.evaluation.to_data`, versioned on its own)."""
    from .bundle_signing import sign_manifest

    receipt = {
        "bundle_sha256": bundle_sha256, "bundle_id": bundle_id, "office_id": office_id,
        "fiscal_year": fiscal_year, "revision": revision, "sequence": sequence, "outcome": outcome,
        "decision": decision or DECISIONS[outcome], "comment": comment or COMMENTS.get(outcome, ""),
        "issued_at": issued_at,
    }
    if evaluation is not None:
        receipt["evaluation"] = evaluation
    body = json.dumps(receipt, ensure_ascii=False, sort_keys=True).encode("utf-8")
    envelope = {"format": FORMAT, "version": VERSION, "receipt": base64.b64encode(body).decode("ascii"),
                "cms": base64.b64encode(sign_manifest(key, body)).decode("ascii")}
    return json.dumps(envelope, indent=1).encode("utf-8")


def write_receipt(out_dir: Path, bundle_sha256: str, data: bytes, name_suffix: str = "") -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    return write_whole(out_dir / f"{bundle_sha256[:16]}{name_suffix}{SUFFIX}", data)


def read_receipt(data: bytes, hq_cert_der: bytes) -> dict[str, Any]:
    """The verified receipt content; raises :class:`ReceiptInvalid`."""
    from .bundle_signing import SignatureInvalid, TrustedCert

    if len(data) > MAX_BYTES:
        raise ReceiptInvalid("the receipt file is too large")
    try:
        envelope = json.loads(data)
        if envelope.get("format") != FORMAT or envelope.get("version") != VERSION:
            raise ReceiptInvalid("not an APA Desktop receipt")
        body = base64.b64decode(envelope["receipt"], validate=True)
        cms_der = base64.b64decode(envelope["cms"], validate=True)
    except ReceiptInvalid:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise ReceiptInvalid(f"the receipt file is malformed: {exc}") from None
    try:
        TrustedCert(hq_cert_der).verify(body, cms_der)
    except SignatureInvalid as exc:
        raise ReceiptInvalid(f"the receipt is not signed by the known HQ certificate ({exc.code}: {exc.detail})") from None
    receipt = json.loads(body)
    if (not isinstance(receipt, dict) or receipt.get("decision") not in ANSWERS
            or not all(isinstance(receipt.get(k), str) for k in ("bundle_sha256", "office_id", "comment", "issued_at"))):
        raise ReceiptInvalid("the receipt content is not valid")
    if "evaluation" in receipt:
        _check_evaluation(receipt)
    return receipt


def _check_evaluation(receipt: dict[str, Any]) -> None:
    """An evaluation section must read back in core and be about the receipt's office-year."""
    from ..core.evaluation import EvaluationError, from_data

    try:
        evaluation = from_data(receipt["evaluation"])
    except EvaluationError as exc:
        raise ReceiptInvalid(f"the receipt's evaluation section is not valid: {exc.message_en}") from None
    if (evaluation.office_id, evaluation.fiscal_year) != (receipt["office_id"], receipt.get("fiscal_year")):
        raise ReceiptInvalid("the receipt's evaluation is about another office-year")
