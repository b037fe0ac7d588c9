"""Concurrent and interrupted HQ imports (issue 12, item 6): a second import waits for the first
(one writer, a visible line) instead of failing; killing an import leaves no worker process; the
memory to reject a large hostile file stays bounded (manifest and signature are read first)."""

from __future__ import annotations

import fcntl
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.store import open_hq_store

from bundle_helpers import bundle_for, make_key


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "apa_desktop", *args]


@pytest.fixture
def hq(tmp_path):
    """An SQLite HQ with two enrolled offices, and a folder of 24 bundles to import."""
    target = tmp_path / "hq.sqlite3"
    store = open_hq_store(str(target), tmp_path / "blobs")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(store, office, make_key(office)[1])
    store.close()
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(12):
        for office in ("DC-KHULNA", "DC-JESSORE"):
            (folder / f"{office}-{n:02d}.apabundle").write_bytes(
                bundle_for(office, revision=n + 1, sequence=n + 1, achievement=float(n)))
    return target, tmp_path / "blobs", folder


def test_a_second_import_waits_for_the_first_and_both_succeed(hq):
    target, blobs, folder = hq
    args = ("hq", "import", "--hq-db", str(target), "--hq-blobs", str(blobs), str(folder))
    with open(f"{target}.import-lock", "a+b") as held:  # the first import, holding the lock
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        second = subprocess.Popen(_cli(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  encoding="utf-8")
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "waiting" not in line:
            line += second.stderr.readline()
        assert "waiting for the other import" in line
        assert second.poll() is None  # it waits, it does not fail
        fcntl.flock(held.fileno(), fcntl.LOCK_UN)
    out, err = second.communicate(timeout=180)
    assert second.returncode == 0, err
    assert "locked" not in err and "Traceback" not in err
    assert out.count(": imported") == 24
    third = subprocess.run(_cli(*args), capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert third.returncode == 0 and third.stdout.count(": unchanged") == 24


def test_two_imports_started_together_both_finish(hq):
    target, blobs, folder = hq
    args = _cli("hq", "import", "--hq-db", str(target), "--hq-blobs", str(blobs), str(folder))
    runs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
            for _ in range(2)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in runs]
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err and "locked" not in err, err
    assert sum(out.count(": imported") for _, out, _ in results) == 24


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killing_an_import_leaves_no_worker_alive(hq):
    target, blobs, folder = hq
    for n in range(12, 60):  # enough work that the workers are busy when the import is killed
        (folder / f"DC-KHULNA-{n:02d}.apabundle").write_bytes(
            bundle_for("DC-KHULNA", revision=n + 1, sequence=n + 1, achievement=float(n)))
    parent = subprocess.Popen(_cli("hq", "import", "--hq-db", str(target), "--hq-blobs", str(blobs), str(folder)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and not workers:
        workers = _children(parent.pid)
        time.sleep(0.05)
    assert workers, "the import should have started worker processes"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    time.sleep(2)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()
             and "Z" not in (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0])]
    assert alive == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_rejecting_a_50_mb_unsigned_file_needs_little_memory(hq, tmp_path):
    target, blobs, _ = hq
    hostile = tmp_path / "hostile.apabundle"
    real = zipfile.ZipFile(io.BytesIO(bundle_for("DC-KHULNA")))
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", real.read("manifest.json"))
        zf.writestr("manifest.cms", b"\x30\x03\x02\x01\x00")  # not the office's signature
        zf.writestr("document.json", os.urandom(50 * 1024 * 1024))
    # VmHWM, not ru_maxrss: the latter keeps the forking test process's peak across exec.
    script = ("import sys; from apa_desktop import cli;"
              f"sys.argv = ['apa-desktop', 'hq', 'import', '--hq-db', {str(target)!r}, '--hq-blobs', {str(blobs)!r},"
              f" {str(hostile)!r}];"
              "\ntry:\n    cli.main()\nexcept SystemExit:\n    pass\n"
              "print('peak', [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180)
    assert "rejected" in result.stdout, result.stdout + result.stderr
    peak_mb = int(result.stdout.split("peak")[1]) / 1024
    print(f"peak RSS rejecting a 50 MB hostile file: {peak_mb:.0f} MB")
    assert peak_mb < 150
