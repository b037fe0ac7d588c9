"""The consolidated view at HQ: one summary line per office-year, export to CSV/XLSX, drill-down."""

from __future__ import annotations

import csv
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ..core import interchange
from ..core.evidence import rows_missing_evidence
from ..core.model import OfficeYear

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


def consolidated_rows(db: Database, office_id: str | None = None,
                      fiscal_year: str | None = None) -> list[dict[str, Any]]:
    """Every office-year at HQ (or those of ``office_id`` / ``fiscal_year``) with its latest
    revision, sorted by office and year."""
    where = " AND ".join(clause for clause, value in (("d.office_id = :office", office_id),
                                                      ("d.fiscal_year = :year", fiscal_year)) if value is not None)
    rows = db.execute(
        "SELECT d.office_id, d.office_name, d.fiscal_year, d.revision, d.report_quarter, d.total_score, d.signed, "
        "d.missing_evidence, (SELECT count(*) FROM conflicts c WHERE c.office_id = d.office_id "
        "AND c.fiscal_year = d.fiscal_year AND c.resolved_at IS NULL) "
        f"FROM documents d {'WHERE ' + where if where else ''} ORDER BY d.office_id, d.fiscal_year",
        {"office": office_id, "year": fiscal_year}).fetchall()
    result = []
    for office, name, fy, rev, quarter, total, signed, missing, conflicts in rows:
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


def export_table(db: Database, out: Path, rows: list[dict[str, Any]] | None = None) -> int:
    """Write the consolidated table (or the given ``rows`` of it, e.g. those a filter shows) to
    ``out`` (.csv or .xlsx); returns the number of rows."""
    rows = consolidated_rows(db) if rows is None else rows
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


def load_document(db: Database, office_id: str, fiscal_year: str) -> OfficeYear | None:
    """The latest office-year HQ holds for the office and year, or ``None``."""
    row = db.execute("SELECT document FROM documents WHERE office_id = ? AND fiscal_year = ?",
                     (office_id, fiscal_year)).fetchone()
    return None if row is None else interchange.loads(row[0])


def drill_down(db: Database, office_id: str, fiscal_year: str) -> dict[str, Any] | None:
    """Read-only detail of one office-year: the summary, the score breakdown, conflicts, the document."""
    office_year = load_document(db, office_id, fiscal_year)
    if office_year is None:
        return None
    from ..core.scoring import breakdown_to_data, score_office_year

    (summary,) = consolidated_rows(db, office_id, fiscal_year)
    conflicts = [dict(zip(("kind", "detail", "detected_at", "incoming_sha256"), row)) for row in db.execute(
        "SELECT kind, detail, detected_at, incoming_sha256 FROM conflicts WHERE office_id = ? AND fiscal_year = ? "
        "AND resolved_at IS NULL ORDER BY id", (office_id, fiscal_year)).fetchall()]
    return {
        "summary": summary,
        "scores": breakdown_to_data(score_office_year(office_year, office_year.report_quarter)),
        "conflicts": conflicts,
        "document": json.loads(interchange.dumps(office_year)),
    }
