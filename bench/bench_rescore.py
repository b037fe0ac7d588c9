"""Time of one edit + full rescore of an office-year (what the UI does after every cell change).

Usage: ``python bench/bench_rescore.py [--repeats 2000] [--quarter 3] [--factory]``. Uses the demo Khulna
office-year when ``apa_desktop.core.demo`` provides one, else a factory office-year of the same
size (~20 Section 3 indicators, ~40 annex rows, a 14-activity NIS plan). Each round changes one
quarter value in place and rescores everything with ``score_office_year``; prints median and p95
in microseconds. Target: median under 1 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from apa_desktop.core.model import Indicator, OfficeYear  # noqa: E402
from apa_desktop.core.scoring import score_office_year  # noqa: E402


def khulna_office_year(factory: bool = False) -> tuple[OfficeYear, str]:
    """The demo Khulna office-year if the demo module exists, else a factory one of its size."""
    try:
        if factory:
            raise ImportError("factory office-year asked for")
        from apa_desktop.core.demo import demo_office_years
    except ImportError:
        demo_office_years = None
    if demo_office_years is not None:
        for office_year in demo_office_years():
            if "খুলনা" in office_year.office.name or "khulna" in office_year.office.id.lower():
                return office_year, "demo Khulna office-year"
    from factories import make_office_year

    return make_office_year(seed=0, areas=4, indicators_per_area=5), "factory office-year"


def scored_rows(office_year: OfficeYear) -> list[Indicator]:
    return [i for p in office_year.plans() for a in p.areas for x in a.activities for i in x.indicators
            if not i.feeds_from]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2000)
    parser.add_argument("--factory", action="store_true", help="use tests/factories.py, not the demo")
    parser.add_argument("--quarter", type=int, default=None, help="score a progress report of this quarter")
    args = parser.parse_args()
    office_year, source = khulna_office_year(args.factory)
    rows = [i for i in scored_rows(office_year) if i.unit in ("count", "percent")]
    nis = sum(len(s.activities) for s in office_year.nis.sections)
    print(f"{source}: {len(scored_rows(office_year))} indicators, {nis} NIS activities")
    start = time.perf_counter()
    score_office_year(office_year, quarter=args.quarter)
    print(f"first (uncached) score: {(time.perf_counter() - start) * 1e6:.0f} µs")
    for _ in range(50):  # warm-up
        score_office_year(office_year, quarter=args.quarter)
    times = []
    for n in range(args.repeats):
        row = rows[n % len(rows)]
        start = time.perf_counter()
        row.quarters[1] = float(n)  # the edit: one quarter value, never seen before (no cache hit)
        breakdown = score_office_year(office_year, quarter=args.quarter)
        times.append((time.perf_counter() - start) * 1e6)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"edit + rescore: median {statistics.median(times):.0f} µs, p95 {p95:.0f} µs "
          f"({args.repeats} rounds; last total {breakdown.total:.2f})")


if __name__ == "__main__":
    main()
