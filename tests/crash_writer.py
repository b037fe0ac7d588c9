"""Child process for test_crash_safety: commits edits in a loop and reports each one as saved.

Usage: ``python tests/crash_writer.py DB OFFICE_YEAR_ID START``. Edit n sets Q1 of indicator
``n % INDICATORS`` to the value n and then prints ``saved <n> <value>`` (flushed), so whatever the
parent reads has been committed. Runs until killed.

Also provides :func:`small_office_year`, the small document the storage tests share.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apa_desktop.core.edits import set_edit  # noqa: E402
from apa_desktop.core.model import Activity, Area, Indicator, Office, OfficeYear, Plan  # noqa: E402

INDICATORS = 6


def small_office_year(office_id: str = "dc-khulna", fiscal_year: str = "2023-24") -> OfficeYear:
    """Two areas of three indicators each, with Bengali titles."""
    areas = [
        Area(code=str(a + 1), title=f"ক্ষেত্র {a + 1}", weight=35,
             activities=[Activity(code=f"{a + 1}.1", title="কার্যক্রম", indicators=[
                 Indicator(code=f"{a + 1}.1.{i + 1}", title=f"সূচক {i + 1}", weight=35 / 3,
                           levels=[100.0, 90.0, 80.0, 70.0, 60.0])
                 for i in range(3)])])
        for a in range(2)
    ]
    return OfficeYear(office=Office(office_id, "জেলা প্রশাসকের কার্যালয়, খুলনা"), fiscal_year=fiscal_year,
                      section3=Plan(kind="section3", areas=areas))


def cell_path(n: int) -> tuple:
    """The path edit n writes to: Q1 of indicator n % INDICATORS."""
    k = n % INDICATORS
    return ("section3", "areas", k // 3, "activities", 0, "indicators", k % 3, "quarters", 0)


def main(db_path: str, office_year_id: int, start: int) -> None:
    from apa_desktop.db import open_database

    store = open_database(Path(db_path))
    n = start
    while True:
        model = store.load(office_year_id)
        store.apply_edit(office_year_id, set_edit(model, cell_path(n), float(n)), user="crash-writer")
        sys.stdout.write(f"saved {n} {n}\n")
        sys.stdout.flush()
        n += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
