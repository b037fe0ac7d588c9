"""HQ's answer after reading an office-year: accept it, or return it to the office with a comment.

The answer is a signed receipt (:mod:`.receipts`) for the bundle HQ holds for that office-year,
carried back like the import receipts; the office that imports it sees "returned" and the
reviewer's comment against the bundle it sent. A return needs a comment (what to correct) and
every answer the reviewer's name; the answer goes into HQ's append-only audit log with the
receipt file written (and kept, for the office to fetch from
HQ's server). The CLI (``apa-desktop hq review``) and the HQ window both call
:func:`review`.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import UserError
from ..export.bundle_signing import OfficeKey
from ..export.receipts import ANSWERS, make_receipt, write_receipt
from .store import HqStore, now


class ReviewError(UserError, ValueError):
    """The answer cannot be given as asked (nothing held, no name, a return without a comment)."""


def review(store: HqStore, key: OfficeKey, office_id: str, fiscal_year: str, decision: str, comment: str,
           by: str, out_dir: Path) -> Path:
    """Sign and write HQ's answer on the office-year's latest bundle; returns the receipt file."""
    comment, by = comment.strip(), by.strip()
    if decision not in ANSWERS:
        raise ReviewError(f"সিদ্ধান্ত হতে হবে এর একটি: {', '.join(ANSWERS)}",
                          f"the decision must be one of {', '.join(ANSWERS)}")
    if not by:
        raise ReviewError("সিদ্ধান্তদাতার নাম লিখতে হবে", "the reviewer's name is required")
    if decision == "returned" and not comment:
        raise ReviewError("ফেরত পাঠাতে মন্তব্য লিখতে হবে", "a return needs a comment saying what to correct")
    row = store.latest_bundle(office_id, fiscal_year)
    if row is None:
        raise ReviewError(f"সদর দপ্তরে অফিস {office_id} এর {fiscal_year} অর্থবছরের কোনো নথি নেই",
                          f"HQ has no document for office {office_id} year {fiscal_year}")
    sha, bundle_id, revision, sequence = row
    at = now()
    data = make_receipt(key, bundle_sha256=sha, bundle_id=bundle_id, office_id=office_id, fiscal_year=fiscal_year,
                        revision=revision, sequence=sequence, outcome="reviewed", decision=decision,
                        comment=comment, issued_at=at)
    with store.transaction():
        store.audit(at, by, f"review_{decision}", office_id, fiscal_year, f"bundle {sha}; comment: {comment}")
        store.add_receipt(office_id, sha, "review", at, data)  # fetched by the office over the network
    return write_receipt(out_dir, sha, data, "-review")
