"""``hq results`` on a national-sized year: ranks, the PDF and the XLSX.

Usage: ``python bench/bench_results.py [--offices 1000] [--superiors 20]``

Fills an HQ database with ``--offices`` office-years (full generated documents, a few dozen
distinct ones so totals tie) under ``--superiors`` superior offices in two tiers, and an annual
evaluation for one office in ten, then reports: the one-off scoring of the documents into HQ's
year-end facts (done once per imported bundle), and ``hq results`` itself — reading the rows,
ranking among siblings, writing the PDF and the XLSX — which is the target (< 5 s).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def fill(db, offices: int, superiors: int) -> None:
    """Bundles and documents as the importer stores them (foreign keys off: no certificates)."""
    from factories import make_office_year

    from apa_desktop.core.interchange import dumps

    templates = [make_office_year(seed) for seed in range(24)]
    db.execute("PRAGMA foreign_keys=OFF")
    rows = []
    for i in range(offices):
        office_year = templates[i % len(templates)]
        office_year.office.id = f"UNO-{i:05d}"
        office_year.office.name = f"উপজেলা নির্বাহী অফিসারের কার্যালয় {i}"
        office_year.office.tier = "upazila" if i % 4 else "district"
        office_year.office.superior_office = f"জেলা প্রশাসকের কার্যালয় {i % superiors}"
        rows.append((office_year.office.id, office_year.fiscal_year, office_year.office.name, f"{i:064x}",
                     dumps(office_year)))
    with db.conn:
        db.conn.executemany(
            "INSERT INTO bundles (sha256, bundle_id, manifest_sha256, office_id, fiscal_year, revision, sequence,"
            " previous_sha256, document_sha256, created_at, imported_at, status, signer_fingerprint)"
            " VALUES (?, ?, '', ?, ?, 1, 1, NULL, '', ?, ?, 'imported', '')",
            [(sha, f"b-{office_id}", office_id, fy, f"2023-07-{1 + i % 20:02d}T10:00:00", "2023-07-21T10:00:00")
             for i, (office_id, fy, _, sha, _) in enumerate(rows)])
        db.conn.executemany(
            "INSERT INTO documents (office_id, fiscal_year, office_name, bundle_sha256, revision, sequence,"
            " report_quarter, total_score, signed, missing_evidence, signed_pdf_sha256, document, updated_at)"
            " VALUES (?, ?, ?, ?, 1, 1, 4, 0, 1, 0, NULL, ?, '2023-07-10T10:00:00')", rows)


def evaluate_some(db, every: int) -> None:
    """An annual evaluation for one office in ``every`` (as `hq evaluate` stores it)."""
    from apa_desktop.hq.evaluation import evaluate

    offices = [row[0] for row in db.execute("SELECT office_id FROM documents ORDER BY office_id")][::every]
    for office_id in offices:
        evaluate(db, None, office_id, "2022-23", 4, sets={}, evidence={}, notes={}, by="মূল্যায়ন কমিটি", out_dir=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offices", type=int, default=1000)
    parser.add_argument("--superiors", type=int, default=20)
    args = parser.parse_args()
    from apa_desktop.hq.database import open_hq_database
    from apa_desktop.hq.year_end_store import prepare, refresh_facts

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hq.sqlite3"
        db = prepare(open_hq_database(path))
        start = time.perf_counter()
        fill(db, args.offices, args.superiors)
        print(f"fill {args.offices} office-years: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        scored = refresh_facts(db)
        print(f"score into the year-end facts (once per bundle): {scored} in {time.perf_counter() - start:.1f} s")
        evaluate_some(db, 10)
        db.conn.close()
        for suffix in ("pdf", "xlsx"):
            out = Path(tmp) / f"results.{suffix}"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "apa_desktop", "hq", "results", "--hq-db", str(path), "--year",
                            "2022-23", "--out", str(out)], check=True, capture_output=True)
            took = time.perf_counter() - start
            print(f"hq results --out {out.name}: {took:.2f} s (whole command, Python start included), "
                  f"{out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
