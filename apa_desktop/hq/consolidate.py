"""The consolidated view at HQ: one summary line per office-year, export to CSV/XLSX, drill-down."""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import interchange
from ..core.evidence import rows_missing_evidence
from ..core.model import OfficeYear
from .store import HqStore

COLUMNS = ("office_id", "office_name", "fiscal_year", "revision", "report_quarter", "total_score", "status",
           "missing_evidence", "open_conflicts")
STATUSES = ("signed", "unsigned", "conflict")
"""An office-year's status at HQ: its latest revision signed or not, or an open conflict."""
HEADERS_BN = ("অফিস কোড", "অফিস", "অর্থবছর", "সংশোধন", "ত্রৈমাসিক", "মোট নম্বর", "অবস্থা", "প্রমাণকহীন সূচক",
              "অমীমাংসিত দ্বন্দ্ব")


@dataclass(frozen=True)
class Summary:
    office_name: str
    report_quarter: int | None
    total_score: float | None
    missing_evidence: int


def _score(office_year: OfficeYear) -> float:
    """The total the office sees (core.scoring), rounded to two decimals as published."""
    from ..core.scoring import score_office_year

    return round(score_office_year(office_year, office_year.report_quarter).total, 2)


def summarize(office_year: OfficeYear) -> Summary:
    return Summary(office_year.office.name, office_year.report_quarter, _score(office_year),
                   rows_missing_evidence(office_year))


def consolidated_rows(store: HqStore, office_id: str | None = None,
                      fiscal_year: str | None = None) -> list[dict[str, Any]]:
    """Every office-year at HQ (or those of ``office_id`` / ``fiscal_year``) with its latest
    revision, sorted by office and year."""
    result = []
    for office, name, fy, rev, quarter, total, signed, missing, conflicts in store.consolidated(office_id, fiscal_year):
        status = "conflict" if conflicts else ("signed" if signed else "unsigned")
        result.append(dict(zip(COLUMNS, (office, name, fy, rev, quarter, total, status, missing, conflicts))))
    return result


def row_matches(row: dict[str, Any], text: str = "", fiscal_year: str | None = None,
                status: str | None = None) -> bool:
    """Whether a consolidated row holds ``text`` in its office code or name (any case, NFC) and
    is of ``fiscal_year`` and ``status`` (None: any). The HQ window's filter and ``hq list`` share it."""
    if fiscal_year is not None and row["fiscal_year"] != fiscal_year:
        return False
    if status is not None and row["status"] != status:
        return False
    return not text or fold(text) in fold(f"{row['office_id']} {row['office_name']}")


def fold(text: str) -> str:
    """Text as the search compares it: NFC, case-folded, without surrounding space."""
    return unicodedata.normalize("NFC", text).casefold().strip()


def export_table(store: HqStore, out: Path, rows: list[dict[str, Any]] | None = None) -> int:
    """Write the consolidated table (or the given ``rows`` of it, e.g. those a filter shows) to
    ``out`` (.csv or .xlsx); returns the number of rows."""
    rows = consolidated_rows(store) if rows is None else rows
    suffix = out.suffix.lower()
    if suffix == ".csv":
        with open(out, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows([row[c] for c in COLUMNS] for row in rows)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "APA"
        sheet.append(HEADERS_BN)
        sheet.append(COLUMNS)
        for row in rows:
            sheet.append([row[c] for c in COLUMNS])
        book.save(out)
    else:
        raise ValueError("the output must end in .csv or .xlsx")
    return len(rows)


def load_document(store: HqStore, office_id: str, fiscal_year: str) -> OfficeYear | None:
    """The latest office-year HQ holds for the office and year, or ``None``."""
    text = store.document_text(office_id, fiscal_year)
    return None if text is None else interchange.loads(text)


def drill_down(store: HqStore, office_id: str, fiscal_year: str) -> dict[str, Any] | None:
    """Read-only detail of one office-year: the summary, the score breakdown, conflicts, the document."""
    office_year = load_document(store, office_id, fiscal_year)
    if office_year is None:
        return None
    from ..core.scoring import breakdown_to_data, score_office_year
    from .conflicts import open_conflicts

    (summary,) = consolidated_rows(store, office_id, fiscal_year)
    conflicts = [{"kind": c.kind, "detail": c.detail, "detected_at": c.detected_at,
                  "incoming_sha256": c.incoming_sha256} for c in open_conflicts(store, office_id, fiscal_year)]
    return {
        "summary": summary,
        "scores": breakdown_to_data(score_office_year(office_year, office_year.report_quarter)),
        "conflicts": conflicts,
        "document": json.loads(interchange.dumps(office_year)),
    }
