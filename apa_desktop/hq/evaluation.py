"""Recording the superior's evaluation at HQ and sending it back to the office as a signed answer.

The evaluator's entries are read and checked by core.evaluation; the evaluated score is the same
scoring engine over the evaluated document; the evaluation is stored and audited with the
evaluator's name (:class:`~apa_desktop.hq.store.HqStore`) and written as a receipt for the bundle HQ holds, with an
evaluation section, for the office to import like any receipt (USB or network).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..core.charts import score_parts
from ..core.evaluation import (
    Evaluation,
    EvaluationError,
    RowComparison,
    build_evaluation,
    compare,
    to_data,
)
from ..export.bundle_signing import OfficeKey
from ..export.receipts import make_receipt, write_receipt
from .store import HqStore, now
from .year_end import held_document

COMMENT = "ঊর্ধ্বতন অফিসের মূল্যায়ন / The superior office's evaluation."


@dataclass(frozen=True)
class EvaluationResult:
    evaluation: Evaluation
    reported_total: float
    evaluated_total: float
    rows: list[RowComparison]
    receipt: Path | None


def evaluate(store: HqStore, key: OfficeKey | None, office_id: str, fiscal_year: str, quarter: int, *,
             sets: Mapping[str, str], evidence: Mapping[str, str], notes: Mapping[str, str], by: str,
             out_dir: Path | None) -> EvaluationResult:
    """Check, score, store and audit the evaluation. With ``key``, also sign the receipt carrying
    it and keep it among HQ's receipts, for the office to fetch over the network; with ``out_dir``
    too, write it there for a USB stick. Raises :class:`EvaluationError` (nothing stored) when an
    entry is bad."""
    held = held_document(store, office_id, fiscal_year)
    if held is None:
        raise EvaluationError(f"সদর দপ্তরে এই অফিস-বছরের নথি নেই: {office_id} {fiscal_year}",
                              f"HQ holds no document for office {office_id} year {fiscal_year}")
    at = now()
    evaluation = build_evaluation(held.office_year, quarter, sets=sets, evidence=evidence, notes=notes, by=by, at=at)
    reported, evaluated, rows = compare(held.office_year, evaluation)
    section = to_data(evaluation)
    data = None if key is None else make_receipt(
        key, bundle_sha256=held.bundle_sha256, bundle_id=held.bundle_id, office_id=office_id,
        fiscal_year=fiscal_year, revision=held.revision, sequence=held.sequence, outcome="evaluated",
        decision="accepted", comment=COMMENT, issued_at=at, evaluation=section)
    with store.transaction():
        store.record_evaluation(office_id=office_id, fiscal_year=fiscal_year, quarter=quarter,
                                bundle_sha256=held.bundle_sha256, by=evaluation.by, at=at,
                                section=json.dumps(section, ensure_ascii=False, sort_keys=True),
                                reported_total=round(reported.total, 2), evaluated_total=round(evaluated.total, 2),
                                parts=json.dumps(score_parts(evaluated)))
        if data is not None:  # the office's sender fetches it on its next contact (hq serve's receipts)
            store.add_receipt(office_id, held.bundle_sha256, "evaluation", at, data)
    receipt = None
    if data is not None and out_dir is not None:
        receipt = write_receipt(out_dir, held.bundle_sha256, data, "-evaluation")
    return EvaluationResult(evaluation, reported.total, evaluated.total, rows, receipt)


def parse_pairs(pairs: tuple[str, ...], option: str) -> dict[str, str]:
    """``("PATH=VALUE", ...)`` as typed on the command line -> {PATH: VALUE}."""
    out = {}
    for pair in pairs:
        path, sep, value = pair.partition("=")
        if not sep or not path.strip():
            raise EvaluationError(f"{option} PATH=VALUE লিখুন: {pair}", f"Write {option} PATH=VALUE: {pair}", pair)
        out[path.strip()] = value
    return out
