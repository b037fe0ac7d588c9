"""A committed edit survives the process being killed at any moment (power cut stand-in).

A child process (tests/crash_writer.py) commits edits in a loop and reports each one after its
commit; the parent kills it with SIGKILL at random moments, reopens the database and checks
that the file is intact and that every edit reported as saved is there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from apa_desktop.db import open_database
from crash_writer import INDICATORS, cell_path, small_office_year

WRITER = Path(__file__).resolve().parent / "crash_writer.py"
KILLS = 60


def _cell(store, oy_id, n):
    _, _, a, _, _, _, i, _, q = cell_path(n)
    return store.load(oy_id).section3.areas[a].activities[0].indicators[i].quarters[q]


def _saved(output: str) -> list[int]:
    """Edit numbers reported as saved; a line cut short by the kill is not a report."""
    reported = []
    for line in output.splitlines(keepends=True):
        parts = line.split()
        if line.endswith("\n") and len(parts) == 3 and parts[0] == "saved":
            reported.append(int(parts[1]))
    return reported


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_every_edit_reported_saved_survives_sigkill_and_the_file_stays_intact(tmp_path: Path):
    db_path = tmp_path / "apa.sqlite3"
    store = open_database(db_path)
    oy_id = store.create_office_year(small_office_year())
    store.close()
    rng = random.Random(20261123)
    reported: list[int] = []
    next_n = 0
    started = time.monotonic()
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(db_path), str(oy_id), str(next_n)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err
        saved = _saved(out)
        reported += saved
        if saved:
            next_n = saved[-1] + 1

        store = open_database(db_path)  # runs PRAGMA quick_check; raises DatabaseDamaged
        for n in saved[-INDICATORS:]:  # the newest report of each cell must be in the document
            value = _cell(store, oy_id, n)
            assert value is not None and value >= n and int(value) % INDICATORS == n % INDICATORS
        store.close()

    store = open_database(db_path)
    audited = {e.new for e in store.audit_log(oy_id) if e.action == "set"}
    assert set(reported) <= audited
    assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
    assert len(reported) > KILLS, "the writer should have committed many edits between kills"
    assert time.monotonic() - started < 90
