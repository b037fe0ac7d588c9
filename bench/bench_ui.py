"""UI timings on the demo database.

Usage: ``python bench/bench_ui.py [--runs 5] [--edits 100] [--dir DIR]``

1. Launch: wall time of a fresh process from start to an interactive main window (the window
   shown and its first events processed), on the demo database; the first run is cold, the
   median of the others is "warm". Target ≤ 1.0 s warm.
2. Edit to repaint: one achievement cell of the full demo APA (Khulna 2022-23) changed through
   the model (parse, Store.apply_edit committed with synchronous=FULL, rescoring, dataChanged)
   and the dirty regions repainted (the events processed). Median and p95 of the wall time
   (target ≤ 16 ms), and of the UI thread's CPU time, which a busy shared machine does not
   inflate; once with only Section 3 opened, once with every tab opened first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD = """
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from apa_desktop.ui.app import application, open_window
from apa_desktop.db import open_database
app = application()
store = open_database({db!r})
window = open_window(store)
window.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


def prepare(folder: Path) -> Path:
    from apa_desktop.db import open_database
    from apa_desktop.db.demo import install_demo
    from apa_desktop.ui.main_window import LAST_OFFICE_YEAR

    db = folder / "demo.db"
    store = open_database(db)
    install_demo(store)
    khulna = store.find_office_year("khulna-ict", "2022-23")
    store.set_setting(LAST_OFFICE_YEAR, khulna)
    store.close()
    return db


def bench_launch(db: Path, runs: int) -> list[float]:
    """Wall seconds per fresh process (interpreter start included)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), db=str(db))], check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def bench_edit(db: Path, edits: int, all_tabs: bool = False) -> tuple[list[float], list[float], int]:
    """Wall and UI-thread CPU seconds per edit; with ``all_tabs`` every tab is opened first (as
    after a working session), so the hidden tabs' models listen too."""
    from apa_desktop.db import open_database
    from apa_desktop.ui.app import application
    from apa_desktop.ui.main_window import MainWindow

    app = application()
    store = open_database(db)
    window = MainWindow(store, store.find_office_year("khulna-ict", "2022-23"))
    window.resize(1366, 768)
    window.show()
    if all_tabs:
        for key in window.keys():
            window.tab(key)
            app.processEvents()
    tab = window.tab("section3")
    app.processEvents()
    model = tab.model
    column = next(c for c, col in enumerate(model.columns) if col.header[1] == "Achieved\nQ1")
    row = next(r for r, row in enumerate(model.rows) if row.kind == "indicator")
    index = model.index(row, column)
    times, cpu = [], []
    for n in range(edits):
        start, start_cpu = time.perf_counter(), time.thread_time()
        model.setData(index, "১২" if n % 2 else "৩৪৫")
        app.processEvents()  # paints what the edit made dirty: the cell's row and the score panel
        times.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    indicators = sum(1 for r in model.rows if r.kind == "indicator")
    window.close()
    store.close()
    return times, cpu, indicators


def _figures(seconds: list[float]) -> str:
    ms = sorted(t * 1000 for t in seconds)
    return f"median {statistics.median(ms):.2f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="apa-bench-ui-"))
    db = prepare(folder)
    launch = bench_launch(db, args.runs)
    warm = statistics.median(launch[1:]) if len(launch) > 1 else launch[0]
    print(f"launch to interactive window: cold {launch[0]:.3f} s, warm median {warm:.3f} s (target <= 1.0 s)")
    for all_tabs in (False, True):
        times, cpu, indicators = bench_edit(db, args.edits, all_tabs)
        opened = "every tab opened" if all_tabs else "Section 3 opened"
        print(f"edit to repaint, one achievement cell ({indicators} indicators in Section 3, {opened}): "
              f"wall {_figures(times)} (target <= 16 ms); UI-thread CPU {_figures(cpu)}")


if __name__ == "__main__":
    main()
