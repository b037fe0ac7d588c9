"""Time of one committed cell edit: ``Store.apply_edit`` on a database on disk.

Usage: ``python bench/bench_edit_commit.py [--edits 300] [--dir DIR]``. Builds an office-year
the size of a full APA (Section 3, NIS plan, Annexes 5-8), then times single-cell edits, each
committed in its own transaction with ``synchronous=FULL``. Prints median and p95.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apa_desktop.core.edits import set_edit  # noqa: E402
from apa_desktop.core.interchange import dumps  # noqa: E402
from apa_desktop.core.model import (  # noqa: E402
    Activity, Area, Indicator, NisActivity, NisPlan, NisSection, Office, OfficeYear, Plan,
)
from apa_desktop.db import open_database  # noqa: E402


def full_size_office_year() -> OfficeYear:
    """About 80 scored indicators and 30 NIS activities with Bengali text, like a real APA."""
    def plan(kind: str, areas: int, activities: int, indicators: int) -> Plan:
        return Plan(kind=kind, areas=[
            Area(code=f"{a}", title=f"কর্মসম্পাদনের ক্ষেত্র {a}: সেবা প্রদান ও সুশাসন নিশ্চিতকরণ", weight=10,
                 activities=[Activity(code=f"{a}.{b}", title="কার্যক্রমের বিবরণ " * 4, indicators=[
                     Indicator(code=f"{a}.{b}.{c}", title="সূচকের নাম ও বিবরণ " * 3, weight=1.5,
                               levels=[100.0, 90.0, 80.0, 70.0, 60.0], prev_actuals=[95.0, 97.0],
                               projections=[100.0, 100.0], quarters=[25.0, 20.0, None, None],
                               quarter_remarks=["অফিস আদেশ ও ছবি সংযুক্ত", "", "", ""])
                     for c in range(1, indicators + 1)])
                     for b in range(1, activities + 1)])
            for a in range(1, areas + 1)])

    nis = NisPlan(title="জাতীয় শুদ্ধাচার কৌশল কর্ম-পরিকল্পনা", sections=[
        NisSection(code=f"{s}", title="প্রাতিষ্ঠানিক ব্যবস্থা", weight=10, activities=[
            NisActivity(code=f"{s}.{k}", title="নৈতিকতা কমিটির সভা আয়োজন", indicator="সভা আয়োজিত",
                        weight=2, annual_target=4.0, targets=[1.0, 1.0, 1.0, 1.0], achievements=[1.0, 1.0, None, None],
                        responsible="অতিরিক্ত জেলা প্রশাসক (সার্বিক)")
            for k in range(1, 7)])
        for s in range(1, 6)])
    return OfficeYear(
        office=Office("dc-khulna", "জেলা প্রশাসকের কার্যালয়, খুলনা"), fiscal_year="2023-24",
        section3=plan("section3", 5, 4, 3), nis=nis,
        annexes={k: plan(k, 1, 3, 2) for k in ("egov", "grs", "charter", "rti")},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--dir", type=Path, default=None, help="folder on the disk to test (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        store = open_database(Path(tmp) / "bench.sqlite3")
        doc = full_size_office_year()
        oy_id = store.create_office_year(doc)
        indicators = [ind for area in store.load(oy_id).section3.areas
                      for act in area.activities for ind in act.indicators]
        paths = [("section3", "areas", a, "activities", b, "indicators", c, "quarters", 2)
                 for a, area in enumerate(store.load(oy_id).section3.areas)
                 for b, act in enumerate(area.activities) for c in range(len(act.indicators))]
        times = []
        for n in range(args.edits):
            edit = set_edit(store.load(oy_id), paths[n % len(paths)], float(n))
            start = time.perf_counter()
            store.apply_edit(oy_id, edit, user="bench")
            times.append(time.perf_counter() - start)
        store.close()
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(f"document: {len(indicators)} Section 3 indicators, {len(dumps(doc).encode()) // 1024} KB interchange JSON")
    print(f"apply_edit (one cell, committed, synchronous=FULL) over {len(times)} edits: "
          f"median {statistics.median(times) * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
