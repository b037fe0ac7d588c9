"""No traceback, ever (issue 12, item 7): a read-only folder or a locked database is said in the
user's language with "nothing was lost" (every command on a full disk: test_disk_full_cli.py); an
unexpected error is logged to a file whose place is said; no display is said in one line; evidence
names never lead out of their folder; a passphrase file is read the same way by every command."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from apa_desktop.core import interchange
from apa_desktop.export import keys as office_keys

from bundle_helpers import small_office_year

PASS = "correct horse"


def run(*args: str, env: dict | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, env={**os.environ, **(env or {})})


def _mount(path: Path, size: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")


def _fill(folder: Path) -> None:
    """Write until the file system is full (ENOSPC), so that the next write fails."""
    chunk = b"\0" * 65536
    with open(folder / "filler", "wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError:
            pass
    for n in range(1000):  # the last partial blocks
        try:
            (folder / f"filler-{n}").write_bytes(b"\0" * 512)
        except OSError:
            break


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Files the commands read, outside the full disk."""
    work = tmp_path_factory.mktemp("inputs")
    office_year, _ = small_office_year("DC-KHULNA")
    (work / "doc.json").write_text(interchange.dumps(office_year), "utf-8")
    p12, crt = office_keys.new_self_issued_key("রহিম", "উপপরিচালক", "খুলনা", PASS)
    (work / "head.p12").write_bytes(p12)
    (work / "head.crt").write_bytes(crt)
    (work / "pass").write_text(PASS + "\r\nsecond line\n", "utf-8")
    assert run("demo", "--db", str(work / "seed.sqlite3")).returncode == 0
    assert run("export-pdf", "--db", str(work / "seed.sqlite3"), "--out-dir", str(work), "--office",
               "khulna-ict").returncode == 0
    return work


def _free(disk: Path) -> None:
    for filler in disk.glob("filler*"):
        filler.unlink()



def test_a_read_only_folder_is_said_not_raised(tmp_path, inputs):
    disk = tmp_path / "ro"
    _mount(disk, "8m")
    try:
        assert run("demo", "--db", str(disk / "office.sqlite3")).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        result = run("--lang", "en", "import-json", "--db", str(disk / "office.sqlite3"), str(inputs / "doc.json"))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "cannot be written" in result.stderr or "read-only" in result.stderr, result.stderr
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_locked_database_is_said_not_raised(tmp_path, inputs):
    db = tmp_path / "office.sqlite3"
    assert run("demo", "--db", str(db)).returncode == 0
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("--lang", "en", "import-json", "--db", str(db), str(inputs / "doc.json"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "in use by another program" in result.stderr, result.stderr


def test_an_unexpected_error_is_logged_and_its_place_said(tmp_path):
    home = tmp_path / "home"
    script = ("import sys; from apa_desktop import cli; from apa_desktop.cli import data_cmds;"
              "data_cmds.offices.callback = lambda **kw: 1 / 0;"
              "sys.argv = ['apa-desktop', '--lang', 'en', 'offices']; cli.main()")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "ZeroDivisionError" in result.stderr
    logs = list((home / "data").rglob("apa-desktop-error-*.log"))
    assert len(logs) == 1 and str(logs[0]) in result.stderr
    assert "Traceback" in logs[0].read_text("utf-8")


def test_no_display_is_one_line_in_both_languages_not_an_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "apa_desktop", "--db", str(tmp_path / "x.sqlite3")],
                            capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    result = subprocess.run([sys.executable, "-m", "apa_desktop"], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, env=env)
    assert result.returncode == 1, (result.returncode, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "No display" in lines[0] and "ডিসপ্লে" in lines[0]
    assert "xcb" not in result.stderr


def test_every_command_reads_the_first_line_of_a_passphrase_file(tmp_path, inputs):
    """keys new, sign, bundle export and templates pack: one function, the first line without its
    line ending (a key made with the first line opens with the same file everywhere)."""
    (tmp_path / "pass").write_text("first line\r\nsecond line\n", "utf-8")
    made = run("keys", "new", "--name", "n", "--designation", "d", "--office", "o", "--out", str(tmp_path / "k.p12"),
               "--passphrase-file", str(tmp_path / "pass"))
    assert made.returncode == 0, made.stderr
    from apa_desktop.export.bundle_signing import load_office_key

    load_office_key((tmp_path / "k.p12").read_bytes(), "first line")  # not the whole file
    key = ("--p12", str(tmp_path / "k.p12"), "--passphrase-file", str(tmp_path / "pass"))
    db = tmp_path / "office.sqlite3"
    assert run("demo", "--db", str(db)).returncode == 0
    exported = run("bundle", "export", "--db", str(db), "--office", "khulna-ict", *key, "--out-dir",
                   str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    signed = run("sign", "--in", str(next(inputs.glob("khulna-ict-*.pdf"))), "--out", str(tmp_path / "s.pdf"), *key,
                 "--allow-other-office")
    assert signed.returncode == 0, signed.stderr
    from apa_desktop.core.templates import find_template

    template = tmp_path / "egov.json"
    template.write_text(json.dumps(find_template("egov", "2023-24").data, ensure_ascii=False), "utf-8")
    packed = run("templates", "pack", "--out", str(tmp_path / "t.apatemplates"), *key, str(template))
    assert packed.returncode == 0, packed.stderr


def test_an_evidence_name_with_a_path_is_stored_as_a_plain_file_name(tmp_path):
    from apa_desktop.db import open_database

    store = open_database(tmp_path / "office.sqlite3")
    data = b"%PDF-1.4 evidence"
    for hostile in ("../../outside.pdf", "/etc/outside.pdf", "C:\\Windows\\outside.pdf", "..\\outside.pdf"):
        sha = store.put_evidence(data + hostile.encode(), hostile)
        assert store.get_evidence(sha).name == "outside.pdf"
    store.close()


def test_opening_evidence_whose_stored_name_is_a_path_writes_only_inside_its_temporary_folder(tmp_path, qtbot,
                                                                                              monkeypatch):
    """A database from before names were made safe (or edited by hand) may hold "../../x": opening
    that evidence from the window still writes one file inside its own temporary folder."""
    pytest.importorskip("pytestqt")
    import tempfile

    from PySide6.QtGui import QDesktopServices

    from apa_desktop.core.model import Office
    from apa_desktop.core.templates import new_office_year
    from apa_desktop.db import open_database
    from apa_desktop.ui.main_window import MainWindow

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    store = open_database(tmp_path / "office.sqlite3")
    oy_id = store.create_office_year(new_office_year(Office("upz", "উপজেলা অফিস"), "2023-24"))
    sha = store.put_evidence(b"%PDF-1.4 evidence", "x.pdf")
    with sqlite3.connect(tmp_path / "office.sqlite3") as raw:
        raw.execute("UPDATE evidence SET name = ? WHERE sha256 = ?", ("../../outside.pdf", sha))
    window = MainWindow(store, oy_id)
    qtbot.addWidget(window)
    window.evidence.open_file(sha)
    (written,) = opened
    assert Path(written).name == "outside.pdf" and Path(written).parent.parent == temp
    assert Path(written).read_bytes() == b"%PDF-1.4 evidence"
    assert not (tmp_path / "outside.pdf").exists() and not (temp / "outside.pdf").exists()
    window.close()
    store.close()


def test_a_refusal_is_said_only_in_the_language_asked(tmp_path, inputs):
    """A command's own refusal ("Bengali / English") is given in the language of --lang alone."""
    hq = str(tmp_path / "hq.sqlite3")
    assert run("hq", "enroll", "--hq-db", hq, "--office-id", "a", "--cert", str(inputs / "head.crt")).returncode == 0
    again = ("hq", "enroll", "--hq-db", hq, "--office-id", "b", "--cert", str(inputs / "head.crt"))
    english, bengali = run("--lang", "en", *again), run("--lang", "bn", *again)
    assert english.returncode == bengali.returncode == 1
    assert "Cannot enrol" in english.stderr and not any("\u0980" <= ch <= "\u09ff" for ch in english.stderr)
    assert "নথিভুক্ত করা যায়নি" in bengali.stderr and "Cannot enrol" not in bengali.stderr
