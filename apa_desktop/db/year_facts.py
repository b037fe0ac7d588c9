"""What the office database records about an office-year's reports, for core.progress: the
signed revisions and the bundles sent with HQ's answers, each with the quarter it carries, and
the superior's evaluations received (checked in core when the receipt came in, read again here)."""

from __future__ import annotations

import json

from ..core.evaluation import from_data
from ..core.progress import SentBundle, SignedRevision, YearFacts, covered_quarter
from .bundles_schema import latest_evaluations, open_bundle_log, sent_bundles
from .store import Store


def year_facts(store: Store, office_year_id: int) -> YearFacts:
    info = next(i for i in store.office_years() if i.id == office_year_id)
    revisions = store.revisions(office_year_id)
    quarters: dict[int, int] = {}

    def quarter_of_revision(number: int) -> int:
        if number not in quarters:
            rev = next((r for r in revisions if r.number == number), None)
            quarters[number] = 0 if rev is None else covered_quarter(store.load(office_year_id, rev.id))
        return quarters[number]

    signed = tuple(SignedRevision(r.number, r.signed_at, quarter_of_revision(r.number))
                   for r in revisions if r.signed_at)
    log = open_bundle_log(store.path)
    try:
        bundles = [b for b in sent_bundles(log, info.office_id) if b.fiscal_year == info.fiscal_year]
        evaluations = latest_evaluations(log, info.office_id, info.fiscal_year)
    finally:
        log.conn.close()
    sent = tuple(SentBundle(b.revision, b.created_at, quarter_of_revision(b.revision),
                            "evaluated" if b.sha256 in evaluations else b.status, b.hq_comment) for b in bundles)
    return YearFacts(signed, sent, tuple(from_data(json.loads(e)) for e in evaluations.values()))
