"""Every command on a full disk (issue 12, "Done when"): the commands are taken from the command
group itself, so a new command is run here or fails the test until it is listed with the reason it
cannot be. Each runs in a subprocess with realistic arguments whose output goes to a small tmpfs
filled to the last byte (for a command that only reads, its standard output is a file there). Each
must exit non-zero saying that the disk is full, in Bengali (in English with ``--lang en``), with
no traceback and no "unexpected error", and both databases on that disk must hold exactly what
they held before."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest

from apa_desktop import cli
from apa_desktop.core import interchange
from apa_desktop.export import keys as office_keys
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer
from apa_desktop.hq.store import open_hq_store

from bundle_helpers import bundle_for, make_key, small_office_year
from test_no_traceback import _fill, _free, _mount

PASS = "correct horse"
DEMO = Path(cli.__file__).resolve().parent.parent / "resources" / "demo"

FULL = {"bn": "ডিস্ক ভরে গেছে", "en": "disk is full"}
UNEXPECTED = ("অপ্রত্যাশিত", "unexpected error", "Traceback")

NOT_RUN = {
    "gui": "opens the window and waits for the person: its edit, paste, attach and export paths on a full "
           "disk are tests/test_ui_disk_full.py",
    "open": "opens the window with a file in its dialog: the window's paths are tests/test_ui_disk_full.py",
    "hq window": "opens HQ's window and waits for the person",
    "hq serve": "serves until stopped; an upload on a full disk is answered by the same importer as `hq import`",
}
"""Commands that run until a person (or a signal) stops them, with why they are not run here."""

READS = {"offices", "score", "check", "calendar", "templates list", "templates show", "bundle history",
         "bundle outbox", "verify", "hq list", "hq show", "hq conflicts", "hq late"}
"""Commands that only read: their standard output is a file on the full disk."""


def _all_commands(group: click.Group = cli.main, prefix: tuple[str, ...] = ()) -> set[str]:
    found: set[str] = set()
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found |= _all_commands(command, (*prefix, name))
        else:
            found.add(" ".join((*prefix, name)))
    return found


def run(*args: str, stdout=subprocess.PIPE, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "APA_TODAY": "2024-02-01"}
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, encoding="utf-8", timeout=300, env=env)


def _ok(*args: str, home: Path) -> None:
    done = run(*args, home=home)
    assert done.returncode == 0, (args, done.stderr[-2000:])


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """What the commands read (keys, a signed PDF, bundles, a receipt, a link file, a template pack,
    a plan), and the office and HQ databases later copied onto the full disk."""
    work = tmp_path_factory.mktemp("work")
    home = work / "home"
    office_year, _ = small_office_year("DC-KHULNA")
    (work / "doc.json").write_text(interchange.dumps(office_year), "utf-8")
    for name, office in (("head", "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, জেলা কার্যালয়, খুলনা"), ("hq", "মন্ত্রিপরিষদ বিভাগ")):
        p12, crt = office_keys.new_self_issued_key("রহিম", "উপপরিচালক", office, PASS)
        (work / f"{name}.p12").write_bytes(p12)
        (work / f"{name}.crt").write_bytes(crt)
    (work / "pass").write_text(PASS + "\n", "utf-8")
    db, hq, blobs = str(work / "office.sqlite3"), str(work / "hq.sqlite3"), str(work / "hq.blobs")
    hq_key = ("--p12", str(work / "hq.p12"), "--passphrase-file", str(work / "pass"))
    _ok("demo", "--db", db, home=home)
    _ok("export-pdf", "--db", db, "--out-dir", str(work / "pdfs"), "--office", "khulna-ict", home=home)
    shutil.copy(next((work / "pdfs").glob("*.pdf")), work / "apa.pdf")
    _ok("sign", "--in", str(work / "apa.pdf"), "--out", str(work / "signed.pdf"),
        "--p12", str(work / "head.p12"), "--passphrase-file", str(work / "pass"), home=home)
    _ok("bundle", "export", "--db", db, "--office", "khulna-ict", "--p12", str(work / "head.p12"),
        "--passphrase-file", str(work / "pass"), "--out-dir", str(work / "bundles"), home=home)
    _ok("hq", "server-cert", "--out-dir", str(work / "tls"), "--host", "hq.example", home=home)
    _ok("hq", "enroll", "--hq-db", hq, "--hq-blobs", blobs, "--office-id", "khulna-ict", "--cert",
        str(work / "head.crt"), "--link-out", str(work / "office.apalink"), "--url", "https://hq.example:8443",
        "--tls-dir", str(work / "tls"), "--hq-cert", str(work / "hq.crt"), home=home)
    _ok("hq", "import", "--hq-db", hq, "--hq-blobs", blobs, str(work / "bundles"), "--receipts",
        str(work / "receipts"), *hq_key, home=home)
    shutil.copy(next((work / "receipts").iterdir()), work / "office.apareceipt")
    _ok("bundle", "link", "--db", db, str(work / "office.apalink"), home=home)
    (work / "jessore.crt").write_bytes(make_key("DC-JESSORE")[1])
    store = open_hq_store(hq, Path(blobs))  # an office with a conflict waiting for a decision
    try:
        enroll(store, "DC-KHULNA", make_key("DC-KHULNA")[1])
        importer = Importer(store)
        importer.import_source(bundle_for("DC-KHULNA", revision=1, sequence=1, achievement=6.0))
        assert importer.import_source(bundle_for("DC-KHULNA", revision=1, sequence=2, achievement=9.0)).status == \
            "conflict"
    finally:
        store.close()
    (work / "incoming").mkdir()
    (work / "incoming" / "DC-KHULNA-2.apabundle").write_bytes(
        bundle_for("DC-KHULNA", revision=2, sequence=3, achievement=7.0))
    tongi = (DEMO / "tongi-2023-24-q3.tsv.txt").read_text(encoding="utf-8").split("\n")
    (work / "egov.txt").write_text("\n".join(tongi[:16]), encoding="utf-8")
    _ok("templates", "from-text", "--kind", "egov", "--year", "2023-24", "--version", "2", "--in",
        str(work / "egov.txt"), "--out", str(work / "egov.json"), home=home)
    _ok("templates", "pack", "--out", str(work / "egov.apatemplates"), *hq_key, str(work / "egov.json"), home=home)
    return work


def _command_lines(disk: Path, work: Path) -> dict[str, tuple[str, ...]]:
    """Each command's arguments, writing to ``disk`` (the full tmpfs)."""
    db, hq = ("--db", str(disk / "office.sqlite3")), ("--hq-db", str(disk / "hq.sqlite3"), "--hq-blobs",
                                                       str(disk / "hq.blobs"))
    head = ("--p12", str(work / "head.p12"), "--passphrase-file", str(work / "pass"))
    hq_key = ("--p12", str(work / "hq.p12"), "--passphrase-file", str(work / "pass"))
    return {
        "demo": ("demo", "--db", str(disk / "new.sqlite3")),
        "import-json": ("import-json", *db, str(work / "doc.json")),
        "import-plan": ("import-plan", *db, "--office", "khulna-ict", "--year", "2023-24", "--part", "egov",
                        "--apply", str(work / "egov.txt")),
        "new-year": ("new-year", *db, "--office", "khulna-ict", "--year", "2023-24"),
        "backup": ("backup", *db),
        "export-json": ("export-json", *db, "--office", "khulna-ict", "--year", "2022-23", "--out",
                        str(disk / "x.json")),
        "export-pdf": ("export-pdf", *db, "--out-dir", str(disk / "pdfs"), "--office", "khulna-ict"),
        "screenshot": ("screenshot", *db, "--out", str(disk / "shots")),
        "self-test": ("self-test", "--out", str(disk / "selftest")),
        "keys new": ("keys", "new", "--name", "n", "--designation", "d", "--office", "o", "--out",
                     str(disk / "k.p12"), "--passphrase-file", str(work / "pass")),
        "sign": ("sign", "--in", str(work / "apa.pdf"), "--out", str(disk / "signed.pdf"), *head),
        "bundle export": ("bundle", "export", *db, "--office", "khulna-ict", *head, "--out-dir", str(disk / "out")),
        "bundle link": ("bundle", "link", *db, str(work / "office.apalink")),
        "bundle receipt": ("bundle", "receipt", *db, str(work / "office.apareceipt"), "--hq-cert", str(work / "hq.crt")),
        "bundle send": ("bundle", "send", *db),
        "templates from-text": ("templates", "from-text", "--kind", "egov", "--year", "2023-24", "--in",
                                str(work / "egov.txt"), "--out", str(disk / "egov.json")),
        "templates pack": ("templates", "pack", "--out", str(disk / "egov.apatemplates"), *hq_key,
                           str(work / "egov.json")),
        "templates import": ("templates", "import", *db, "--hq-cert", str(work / "hq.crt"),
                             str(work / "egov.apatemplates")),
        "hq server-cert": ("hq", "server-cert", "--out-dir", str(disk / "tls"), "--host", "hq.example"),
        "hq enroll": ("hq", "enroll", *hq, "--office-id", "DC-JESSORE", "--cert", str(work / "jessore.crt")),
        "hq import": ("hq", "import", *hq, str(work / "incoming")),
        "hq evaluate": ("hq", "evaluate", *hq, "--office", "khulna-ict", "--year", "2022-23", "--by", "মোঃ করিম"),
        "hq review": ("hq", "review", *hq, "--office", "khulna-ict", "--year", "2022-23", "--decision", "accepted",
                      "--by", "মোঃ রহিম", *hq_key, "--out-dir", str(disk / "receipts")),
        "hq resolve": ("hq", "resolve", *hq, "--conflict", "1", "--keep", "incoming", "--by", "রহিমা"),
        "hq revoke": ("hq", "revoke", *hq, "--office-id", "khulna-ict"),
        "hq export": ("hq", "export", *hq, "--out", str(disk / "table.csv")),
        "hq results": ("hq", "results", *hq, "--year", "2022-23", "--out", str(disk / "results.pdf")),
        # the readers: their output goes to a file on the full disk
        "offices": ("offices", *db),
        "score": ("score", *db),
        "check": ("check", *db),
        "calendar": ("calendar", *db, "--office", "khulna-ict", "--year", "2022-23"),
        "templates list": ("templates", "list", *db),
        "templates show": ("templates", "show", *db, "grs/2023-24/field/1"),
        "bundle history": ("bundle", "history", *db),
        "bundle outbox": ("bundle", "outbox", *db),
        "verify": ("verify", str(work / "signed.pdf"), "--trust", str(work / "head.crt")),
        "hq list": ("hq", "list", *hq),
        "hq show": ("hq", "show", *hq, "--office", "khulna-ict", "--year", "2022-23"),
        "hq conflicts": ("hq", "conflicts", *hq),
        "hq late": ("hq", "late", *hq, "--year", "2022-23", "--quarter", "4"),
    }


def _contents(disk: Path) -> dict[str, list]:
    """Every row of every table of the office and HQ databases, and HQ's stored files (the disk is
    freed first: reading a WAL database needs room for its index)."""
    _free(disk)
    found: dict[str, list] = {}
    for name in ("office.sqlite3", "hq.sqlite3"):
        with sqlite3.connect(f"{(disk / name).as_uri()}?mode=ro", uri=True) as conn:
            tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
            for table in tables:
                found[f"{name}:{table}"] = sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"')))
    found["hq.blobs"] = sorted(str(p.relative_to(disk)) for p in (disk / "hq.blobs").rglob("*"))
    return found


def test_every_command_is_run_on_a_full_disk_or_listed_with_why_not():
    listed = set(_command_lines(Path("/d"), Path("/w"))) | set(NOT_RUN)
    assert listed >= READS
    assert _all_commands() - listed == set(), "new command(s): give them arguments here or a reason in NOT_RUN"
    assert listed - _all_commands() == set(), "listed commands that no longer exist"


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_every_command_on_a_full_disk_says_so_in_the_language_asked_and_loses_nothing(tmp_path, work, lang):
    disk = tmp_path / "disk"
    _mount(disk, "24m")
    try:
        for name in ("office.sqlite3", "hq.sqlite3"):
            shutil.copy(work / name, disk / name)
        shutil.copytree(work / "hq.blobs", disk / "hq.blobs")
        before = _contents(disk)
        failures = []
        for command, args in _command_lines(disk, work).items():
            _fill(disk)
            if command in READS:
                with open(disk / "out.txt", "w") as out:
                    result = run("--lang", lang, *args, stdout=out, home=tmp_path / "home")
            else:
                result = run("--lang", lang, *args, home=tmp_path / "home")
            said = result.stderr
            wrong = [w for w in UNEXPECTED if w in said]
            if lang == "en" and any("\u0980" <= ch <= "\u09ff" for ch in said):
                wrong.append("Bengali in an English message")
            if result.returncode == 0 or FULL[lang] not in said or wrong:
                failures.append((command, result.returncode, wrong, said[-600:]))
            if _contents(disk) != before:
                failures.append((command, "changed what was saved"))
        assert not failures, "\n".join(map(repr, failures))
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
