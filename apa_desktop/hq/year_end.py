"""What the year's end at HQ reads from the HQ store, as plain rows: the document being evaluated,
and per office-year of a fiscal year its tier, superior office, self-assessed and evaluated
totals and parts, the latest quarter it reports and when its bundles were made (for
hq/results.py and hq/late.py). The SQL is in :class:`~apa_desktop.hq.store.HqStore`.

The per-document facts are kept once per bundle (scoring a document takes about 20 ms, too slow
to redo for a thousand office-years on every listing): :func:`refresh_facts` fills in what
is missing, and every reader calls it first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.charts import score_parts
from ..core.interchange import loads
from ..core.model import OfficeYear
from ..core.progress import covered_quarter
from ..core.scoring import score_office_year
from .store import HqStore


@dataclass(frozen=True)
class HeldDocument:
    office_year: OfficeYear
    bundle_sha256: str
    bundle_id: str
    revision: int
    sequence: int


def held_document(store: HqStore, office_id: str, fiscal_year: str) -> HeldDocument | None:
    """HQ's current document of the office-year and the bundle it came in."""
    text, bundle = store.document_text(office_id, fiscal_year), store.latest_bundle(office_id, fiscal_year)
    if text is None or bundle is None:
        return None
    return HeldDocument(loads(text), *bundle)


def refresh_facts(store: HqStore) -> int:
    """Score and keep the facts of every current document not kept yet; returns how many."""
    rows = []
    for sha, text in store.documents_without_facts():
        office_year = loads(text)
        breakdown = score_office_year(office_year)
        rows.append((sha, office_year.office.tier, office_year.office.superior_office, round(breakdown.total, 2),
                     json.dumps(score_parts(breakdown)), covered_quarter(office_year)))
    if rows:
        store.put_year_facts(rows)
    return len(rows)


@dataclass(frozen=True)
class OfficeYearRow:
    """One office-year as the results and the late list read it."""

    office_id: str
    office_name: str
    tier: str
    superior_office: str
    self_total: float
    self_parts: list[tuple[str, float, float]]
    evaluated_total: float | None
    evaluated_parts: list[tuple[str, float, float]] | None
    reported_quarter: int
    bundle_times: tuple[str, ...]
    """When each bundle of the office-year was made at the office (ISO), oldest first."""


def chosen(rows: Iterable[OfficeYearRow], superior: str | None = None,
           tier: str | None = None) -> list[OfficeYearRow]:
    """The rows of one superior office and/or tier (``None``: all): the one filter the results,
    the late list and their files share."""
    return [r for r in rows if superior in (None, r.superior_office) and tier in (None, r.tier)]


def _parts(text: str) -> list[tuple[str, float, float]]:
    return [(k, float(o), float(t)) for k, o, t in json.loads(text)]


def office_year_rows(store: HqStore, fiscal_year: str) -> list[OfficeYearRow]:
    """Every office-year of ``fiscal_year`` HQ holds, with its latest annual evaluation if any."""
    refresh_facts(store)
    evaluated = {office: (total, _parts(parts)) for office, total, parts in store.annual_evaluations(fiscal_year)}
    times: dict[str, list[str]] = {}
    for office_id, created in store.bundle_times(fiscal_year):
        times.setdefault(office_id, []).append(created)
    out = []
    for office_id, name, tier, superior, total, parts, quarter in store.year_facts(fiscal_year):
        ev = evaluated.get(office_id)
        out.append(OfficeYearRow(office_id, name, tier, superior, total, _parts(parts), ev[0] if ev else None,
                                 ev[1] if ev else None, quarter, tuple(times.get(office_id, ()))))
    return out
