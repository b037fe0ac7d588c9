"""Office -> bundle -> HQ: the drill-down shows the same document and scores as the office, through
the real command line (subprocesses), with receipts going back to the office."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from apa_desktop.core import interchange
from apa_desktop.core.scoring import breakdown_to_data, score_office_year
from apa_desktop.db import open_database

from hq_helpers import hq_cli_args

from bundle_helpers import PASSPHRASE, evidence_blob, make_key
from factories import make_office_year


def cli(*args: str | Path, ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run([sys.executable, "-m", "apa_desktop", *map(str, args)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode in ok, done.stdout + done.stderr
    return done.stdout


def office_database(tmp_path: Path) -> tuple[Path, str, str]:
    """An office database with one office-year (evidence attached, revision 1 signed)."""
    db_path = tmp_path / "office.sqlite3"
    store = open_database(db_path)
    office_year = make_office_year(7)
    office_year.report_quarter = 2
    hashes = [store.put_evidence(evidence_blob(office_year.office.id, n), f"order-{n}.pdf") for n in range(3)]
    first = office_year.section3.areas[0].activities[0].indicators[0]
    first.evidence[0] = hashes[:2]
    first.evidence[1] = hashes[2:]
    oy_id = store.create_office_year(office_year, "clerk")
    store.mark_signed(oy_id, "অফিস প্রধান", b"%PDF-1.7\n% signed APA\n" + b"0" * 300)
    store.close()
    return db_path, office_year.office.id, office_year.fiscal_year


def test_office_bundle_hq_round_trip_keeps_document_and_scores(tmp_path, make_hq):
    db_path, office_id, fy = office_database(tmp_path)
    p12, pem = make_key(office_id)
    hq_p12, hq_pem = make_key("HQ Cabinet Division")
    for name, data in [("office.p12", p12), ("office.crt", pem), ("hq.p12", hq_p12), ("hq.crt", hq_pem),
                       ("pass.txt", (PASSPHRASE + "\n").encode())]:
        (tmp_path / name).write_bytes(data)
    usb, receipts = tmp_path / "usb", tmp_path / "receipts"
    hq = make_hq()

    line = cli("bundle", "export", "--db", db_path, "--office", office_id, "--year", fy, "--p12", tmp_path / "office.p12",
               "--passphrase-file", tmp_path / "pass.txt", "--out-dir", usb)
    assert "sequence 1" in line
    bundle = next(usb.glob("*.apabundle"))
    cli("hq", "enroll", *hq_cli_args(hq), "--office-id", office_id, "--cert", tmp_path / "office.crt")
    hq_args = ("--receipts", receipts, "--p12", tmp_path / "hq.p12", "--passphrase-file", tmp_path / "pass.txt")
    assert cli("hq", "import", *hq_cli_args(hq), usb, *hq_args).strip().endswith(f"imported: {office_id} {fy} revision 1")
    assert cli("hq", "import", *hq_cli_args(hq), bundle).strip().endswith("unchanged: already imported")

    detail = json.loads(cli("hq", "show", *hq_cli_args(hq), "--office", office_id, "--year", fy, "--json"))
    store = open_database(db_path)
    office_year = store.load(store.find_office_year(office_id, fy))
    assert detail["document"] == json.loads(interchange.dumps(office_year))
    assert detail["scores"] == json.loads(json.dumps(breakdown_to_data(score_office_year(office_year, 2))))
    assert detail["summary"]["total_score"] == round(score_office_year(office_year, 2).total, 2)
    assert detail["summary"]["status"] == "signed"
    table = cli("hq", "list", *hq_cli_args(hq))
    assert office_id in table and f"{round(score_office_year(office_year, 2).total, 2):.2f}" in table
    assert office_id in cli("hq", "list", *hq_cli_args(hq), "--search", office_id.upper()[:6], "--status", "signed")
    assert office_id not in cli("hq", "list", *hq_cli_args(hq), "--status", "conflict")
    assert office_id not in cli("hq", "list", *hq_cli_args(hq), "--year", "2019-20")

    receipt = next(receipts.glob("*.apareceipt"))
    assert "accepted" in cli("bundle", "receipt", "--db", db_path, receipt, "--hq-cert", tmp_path / "hq.crt")
    history = cli("bundle", "history", "--db", db_path)
    assert "\taccepted\t" in history and bundle.name in history

    # a reviewer at HQ reads it and returns it with a comment; the office sees why
    review = ("hq", "review", *hq_cli_args(hq), "--office", office_id, "--year", fy, "--p12", tmp_path / "hq.p12",
              "--passphrase-file", tmp_path / "pass.txt", "--out-dir", receipts, "--by", "মোঃ রহিম")
    refused = subprocess.run([sys.executable, "-m", "apa_desktop", *map(str, review), "--decision", "returned"],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "comment" in refused.stderr  # a return needs one
    returned = Path(cli(*review, "--decision", "returned", "--comment", "সূচক ১.১.১-এর প্রমাণক দিন").strip())
    assert "returned" in cli("bundle", "receipt", "--db", db_path, returned)
    assert "\treturned\t" in cli("bundle", "history", "--db", db_path)
    assert "সূচক ১.১.১-এর প্রমাণক দিন" in cli("bundle", "history", "--db", db_path)


def test_wrong_passphrase_is_a_clear_error(tmp_path):
    db_path, office_id, _ = office_database(tmp_path)
    (tmp_path / "k.p12").write_bytes(make_key(office_id)[0])
    (tmp_path / "bad.txt").write_text("not it")
    done = subprocess.run([sys.executable, "-m", "apa_desktop", "bundle", "export", "--db", str(db_path), "--office",
                           office_id, "--p12", str(tmp_path / "k.p12"), "--passphrase-file", str(tmp_path / "bad.txt"),
                           "--out-dir", str(tmp_path / "usb")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "wrong passphrase" in done.stderr
    assert not (tmp_path / "usb").exists() or not list((tmp_path / "usb").iterdir())
