"""The HQ window on a national-sized consolidated table.

Usage: ``python bench/bench_hq_window.py [--offices 20000] [--years 1]``

Fills an HQ database with one summary row per office-year (the consolidated table reads only the
summary columns, so the stored documents are left empty; about 20,000 offices report nationally)
and a conflict for one office in a hundred, then reports: opening the window (query, model,
first paint), refreshing it after an import, and a search, a year filter, a status filter and a
sort by total score.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def fill(store, offices: int, years: int) -> None:
    """Summary rows as the importer writes them (SQLite), with foreign keys off for the missing bundles."""
    db = store.backend
    db.execute("PRAGMA foreign_keys=OFF")
    fiscal_years = [f"{2023 - y}-{(24 - y):02d}" for y in range(years)]
    with db.conn:
        db.conn.executemany(
            "INSERT INTO documents (office_id, fiscal_year, office_name, bundle_sha256, revision, sequence,"
            " report_quarter, total_score, signed, missing_evidence, signed_pdf_sha256, document, updated_at)"
            " VALUES (?, ?, ?, ?, 1, 1, 3, ?, ?, ?, NULL, '{}', '2024-04-10T10:00:00')",
            [(f"UNO-{i:05d}", fy, f"উপজেলা নির্বাহী অফিসারের কার্যালয় {i}", f"{i:064x}", 60 + (i * 7) % 40,
              i % 2, i % 9) for i in range(offices) for fy in fiscal_years])
        db.conn.executemany(
            "INSERT INTO conflicts (office_id, fiscal_year, kind, existing_sha256, incoming_sha256, detail,"
            " detected_at) VALUES (?, ?, 'same_revision', 'a', 'b', '', '2024-04-10T10:00:00')",
            [(f"UNO-{i:05d}", fiscal_years[0]) for i in range(0, offices, 100)])


def timed(label: str, action) -> float:
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    print(f"{label}: {elapsed * 1000:.0f} ms")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=1)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from apa_desktop.hq.store import open_hq_store
    from apa_desktop.ui.hq_window import HqWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        db = open_hq_store(Path(folder) / "hq.sqlite3")
        fill(db, args.offices, args.years)
        print(f"{args.offices:,} offices × {args.years} year(s)")
        holder = {}

        def open_window() -> None:
            holder["window"] = HqWindow(db)
            holder["window"].show()
            app.processEvents()

        timed("open the window (query, model, first paint)", open_window)
        window = holder["window"]
        timed("refresh after an import", lambda: (window.refresh(), app.processEvents()))
        timed("search for one office", lambda: (window.search.setText("UNO-01234"), app.processEvents()))
        window.search.setText("")
        timed("filter a status", lambda: (window.status.setCurrentIndex(window.status.findData("conflict")),
                                         app.processEvents()))
        window.status.setCurrentIndex(0)
        timed("sort by total score", lambda: (window.table.sortByColumn(5, Qt.SortOrder.DescendingOrder),
                                              app.processEvents()))
        window.close()
        db.close()


if __name__ == "__main__":
    main()
