"""The late list (hq/late.py's submissions, as filtered) as a file: CSV (UTF-8 with a BOM, so
Excel keeps the Bengali) or XLSX (a Bengali header row above the machine one, dates as dates)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIELDS = ("status", "office_id", "office_name", "superior_office", "tier", "sent_on")
HEADERS_BN = ("অবস্থা", "অফিস আইডি", "অফিস", "ঊর্ধ্বতন অফিস", "স্তর", "প্রাপ্তির তারিখ")
SUFFIXES = (".csv", ".xlsx")


def write_late(subs: Sequence[Any], out: Path) -> int:
    """Write ``subs`` (hq.late.Submission) as .csv or .xlsx by the file's suffix; the row count."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError("the output must end in .csv or .xlsx")
    rows = [[s.status, s.office_id, s.office_name, s.superior_office, s.tier, s.sent_on] for s in subs]
    if suffix == ".csv":
        with open(out, "w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(FIELDS)
            writer.writerows([*row[:5], row[5].isoformat() if row[5] else ""] for row in rows)
        return len(rows)
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("late")
    sheet.append(HEADERS_BN)
    sheet.append(FIELDS)
    for row in rows:
        sheet.append(row)
    book.save(out)
    return len(rows)
