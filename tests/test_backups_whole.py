"""Backups are whole or absent (issue 12, item 3): written under a temporary name, checked, flushed
and renamed; a kill or a full disk leaves no file that latest_backup(), --keep or the daily backup
would take for a backup; leftovers go at the next start, a failed backup says why and is retried."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from apa_desktop.db import open_database
from apa_desktop.db.backups import (
    TEMP_SUFFIX, BackupFailed, backups_of, is_whole, latest_backup, make_backup, remove_leftovers,
)


@pytest.fixture
def store(tmp_path):
    s = open_database(tmp_path / "apa.sqlite3")
    yield s
    s.close()


def _pad(store, megabytes: int) -> None:
    """Make the database about ``megabytes`` large (so a backup takes time and space)."""
    store.set_setting("padding", os.urandom(megabytes * 512 * 1024).hex())


def test_a_broken_file_under_a_backup_name_is_never_the_latest_nor_counted(store, tmp_path):
    good = store.backup()
    folder = good.parent
    for name in ("apa-29990101T000000000000Z.sqlite3", "apa-29990102T000000000000Z.sqlite3"):
        (folder / name).write_bytes(b"")  # what a kill during VACUUM INTO used to leave
    (folder / "apa-29990103T000000000000Z.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert latest_backup(store.path) == good
    assert store.backup_if_due(hours=24) is None  # the whole one is fresh: nothing due
    kept = store.backup(keep=2)
    whole = [p for p in backups_of(store.path) if is_whole(p)]
    assert whole == [good, kept]


def test_a_broken_newest_file_does_not_stop_the_daily_backup(store):
    folder = store.path.parent / "backups"
    folder.mkdir()
    (folder / "apa-29990101T000000000000Z.sqlite3").write_bytes(b"")
    made = store.backup_if_due(hours=24)
    assert made is not None and is_whole(made)


def test_leftover_temporary_files_are_removed_at_the_next_start_and_backup(store):
    folder = store.path.parent / "backups"
    folder.mkdir()
    leftover = folder / f"apa-20260101T000000000000Z.sqlite3{TEMP_SUFFIX}"
    leftover.write_bytes(b"half a copy")
    assert remove_leftovers(store.path) == [leftover] and not leftover.exists()
    leftover.write_bytes(b"half a copy")
    store.backup()
    assert not leftover.exists()


def test_sigkill_during_backup_never_leaves_a_file_taken_for_a_backup(tmp_path):
    db = tmp_path / "apa.sqlite3"
    store = open_database(db)
    _pad(store, 24)
    store.close()
    rng = random.Random(12)
    for _ in range(8):
        child = subprocess.Popen([sys.executable, "-m", "apa_desktop", "backup", "--db", str(db)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.4, 1.6))
        child.send_signal(signal.SIGKILL)
        child.wait()
        for path in backups_of(db):
            assert is_whole(path), f"{path.name} has a backup's name but is not whole"
    remove_leftovers(db)
    assert not list((tmp_path / "backups").glob(f"*{TEMP_SUFFIX}"))


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs mounted for the test (root only)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill needs root")
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_backup_on_a_full_disk_leaves_nothing_and_says_why(store, tiny_disk):
    _pad(store, 3)
    with pytest.raises(BackupFailed) as failed:
        make_backup(store._conn, store.path, tiny_disk, keep=10)
    assert list(tiny_disk.iterdir()) == []
    assert "full" in failed.value.message("en") and "অক্ষত" in failed.value.message("bn")


@pytest.mark.parametrize("lang,words", [("bn", "ব্যাকআপ নেওয়া যায়নি"), ("en", "could not be made")])
def test_the_backup_command_on_a_full_disk_says_why_without_a_traceback(store, tiny_disk, lang, words):
    _pad(store, 3)
    store.close()
    result = subprocess.run([sys.executable, "-m", "apa_desktop", "--lang", lang, "backup", "--db", str(store.path),
                             "--to", str(tiny_disk)], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and words in result.stderr
    assert list(tiny_disk.iterdir()) == []


def test_a_failed_automatic_backup_is_retried_at_the_next_start(store, qtbot, monkeypatch):
    from apa_desktop.ui import app

    shown = []
    monkeypatch.setattr(app.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(type(store), "backup_if_due", lambda self, **kw: (_ for _ in ()).throw(
        BackupFailed("ব্যাকআপ নেওয়া যায়নি", "The backup could not be made: disk full")))
    app.automatic_backup(store)
    assert shown and store.get_setting(app.BACKUP_FAILED)
    monkeypatch.undo()
    app.retry_failed_backup(store)
    assert store.get_setting(app.BACKUP_FAILED) is None
    assert latest_backup(store.path) is not None
