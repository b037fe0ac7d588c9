"""``hq results`` on a national-sized year: ranks, the PDF and the XLSX.

Usage: ``python bench/bench_results.py [--offices 1000] [--superiors 20] [--repeat 3]``

Fills an HQ database with ``--offices`` office-years (full generated documents, a few dozen
distinct ones so totals tie) under ``--superiors`` superior offices in two tiers, and an annual
evaluation for one office in ten, then reports: the one-off scoring of the documents into HQ's
year-end facts (done once per imported bundle), and ``hq results`` itself — reading the rows,
ranking among siblings, writing the PDF and the XLSX — which is the target (< 5 s), in wall
time and in CPU time (the machine is shared: wall time is CPU time plus waiting for a core),
each run ``--repeat`` times, with the median. The command runs with its bytecode cached (in a
temporary folder, after one untimed run), as an installed application has it: where
``PYTHONDONTWRITEBYTECODE`` is set, every run would otherwise compile the application's modules
anew.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def fill(store, offices: int, superiors: int) -> None:
    """Bundles and documents through the HQ store, as the importer records them (generated
    documents, not signed bundles: signing a thousand bundles would time the key, not HQ)."""
    from factories import make_office_year

    from apa_desktop.core.interchange import dumps
    from apa_desktop.hq.store import DocumentRow

    templates = [make_office_year(seed) for seed in range(24)]
    with store.transaction():
        store.add_certificate("bench", "BENCH", b"bench", "CN=bench")
        for i in range(offices):
            office_year = templates[i % len(templates)]
            office_year.office.id = f"UNO-{i:05d}"
            office_year.office.name = f"উপজেলা নির্বাহী অফিসারের কার্যালয় {i}"
            office_year.office.tier = "upazila" if i % 4 else "district"
            office_year.office.superior_office = f"জেলা প্রশাসকের কার্যালয় {i % superiors}"
            sha = f"{i:064x}"
            store.record_bundle(sha256=sha, bundle_id=f"b-{i}", manifest_sha256="", office_id=office_year.office.id,
                                fiscal_year=office_year.fiscal_year, revision=1, sequence=1, previous_sha256=None,
                                document_sha256="", created_at=f"2023-07-{1 + i % 20:02d}T10:00:00",
                                status="imported", signer_fingerprint="bench")
            store.put_document(DocumentRow(office_year.office.id, office_year.fiscal_year, office_year.office.name,
                                           sha, 1, 1, 4, None, 0, None, dumps(office_year)))


def evaluate_some(store, offices: int, every: int) -> None:
    """An annual evaluation for one office in ``every`` (as `hq evaluate` stores it)."""
    from apa_desktop.hq.evaluation import evaluate

    for office_id in [f"UNO-{i:05d}" for i in range(0, offices, every)]:
        evaluate(store, None, office_id, "2022-23", 4, sets={}, evidence={}, notes={}, by="মূল্যায়ন কমিটি", out_dir=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offices", type=int, default=1000)
    parser.add_argument("--superiors", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from apa_desktop.hq.store import open_hq_store
    from apa_desktop.hq.year_end import refresh_facts

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hq.sqlite3"
        store = open_hq_store(path)
        start = time.perf_counter()
        fill(store, args.offices, args.superiors)
        print(f"fill {args.offices} office-years: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        scored = refresh_facts(store)
        print(f"score into the year-end facts (once per bundle): {scored} in {time.perf_counter() - start:.1f} s")
        evaluate_some(store, args.offices, 10)
        store.close()
        for suffix in ("pdf", "xlsx"):
            out = Path(tmp) / f"results.{suffix}"
            _run_results(path, out)  # untimed: caches the bytecode
            runs = [_run_results(path, out) for _ in range(args.repeat)]
            for took, busy in runs:
                print(f"hq results --out {out.name}: {took:.2f} s wall, {busy:.2f} s CPU")
            print(f"hq results --out {out.name}: median {statistics.median(t for t, _ in runs):.2f} s wall, "
                  f"{statistics.median(c for _, c in runs):.2f} s CPU (the whole command, Python start included), "
                  f"{out.stat().st_size // 1024} KB")
        print(check_ranks(Path(tmp) / "results.xlsx"))


def check_ranks(xlsx: Path) -> str:
    """The XLSX's ranks against their definition: one more than the siblings (same superior
    office and tier) with a higher total."""
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx, read_only=True).active.iter_rows(min_row=3, values_only=True))
    groups: dict[tuple[str, str], list[float]] = {}
    for row in rows:
        groups.setdefault((row[3], row[4]), []).append(row[5])
    wrong = [row[1] for row in rows if row[0] != 1 + sum(1 for t in groups[row[3], row[4]] if t > row[5])]
    tied = sum(1 for row in rows if groups[row[3], row[4]].count(row[5]) > 1)
    assert not wrong, f"wrong ranks: {wrong[:5]}"
    return f"ranks checked: {len(rows)} offices in {len(groups)} sibling groups, {tied} sharing a rank"


def _run_results(db: Path, out: Path) -> tuple[float, float]:
    """One ``hq results`` in a subprocess: (wall seconds, CPU seconds)."""
    start, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(db.parent / "pycache")
    subprocess.run([sys.executable, "-m", "apa_desktop", "hq", "results", "--hq-db", str(db), "--year", "2022-23",
                    "--out", str(out)], check=True, capture_output=True, env=env)
    took, used = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return took, used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime


if __name__ == "__main__":
    main()
