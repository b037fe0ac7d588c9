"""The PDF commands end to end in a subprocess: export, keys, sign, counter-sign, verify, import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    cwd = tmp_path_factory.mktemp("cli")
    (cwd / "pw").write_text("correct horse\n")
    (cwd / "pw2").write_text("battery staple\n")
    assert run("demo", "--db", "db.sqlite", cwd=cwd).returncode == 0
    return cwd


@pytest.fixture(scope="module")
def exported(work) -> Path:
    result = run("export-pdf", "--db", "db.sqlite", "--out-dir", "out", "--office", "khulna-ict", cwd=work)
    assert result.returncode == 0, result.stderr
    return work / "out" / "khulna-ict-2022-23-apa.pdf"


@pytest.fixture(scope="module")
def keys(work) -> None:
    for name, out, pw, office in (("মোঃ রহিম", "head.p12", "pw", "khulna-ict"),
                                  ("করিম", "boss.p12", "pw2", "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর")):
        result = run("keys", "new", "--name", name, "--designation", "উপপরিচালক", "--office", office,
                     "--out", out, "--passphrase-file", pw, cwd=work)
        assert result.returncode == 0, result.stderr
    assert (work / "head.crt").read_bytes().startswith(b"-----BEGIN CERTIFICATE")


def test_export_pdf_writes_one_file_per_office_year(work):
    result = run("export-pdf", "--db", "db.sqlite", "--out-dir", "all", cwd=work)
    assert result.returncode == 0, result.stderr
    assert len(list((work / "all").glob("*.pdf"))) == len(result.stdout.split())
    quarter = run("export-pdf", "--db", "db.sqlite", "--out-dir", "q", "--office", "tongi-lwc", "--year", "2023-24",
                  "--quarter", "3", cwd=work)
    assert quarter.returncode == 0 and (work / "q" / "tongi-lwc-2023-24-q3.pdf").is_file()


def test_sign_then_verify_passes_and_tampering_fails(work, exported, keys):
    assert run("sign", "--in", str(exported), "--out", "s.pdf", "--p12", "head.p12", "--passphrase-file", "pw",
               cwd=work).returncode == 0
    ok = run("verify", "s.pdf", "--trust", "head.crt", cwd=work)
    assert ok.returncode == 0, ok.stderr
    data = bytearray((work / "s.pdf").read_bytes())
    data[len(data) // 2] ^= 0x20
    (work / "bad.pdf").write_bytes(bytes(data))
    bad = run("verify", "bad.pdf", "--trust", "head.crt", cwd=work)
    assert bad.returncode == 1 and "INVALID" in bad.stderr
    untrusted = run("verify", "s.pdf", "--trust", "boss.crt", cwd=work)
    assert untrusted.returncode == 1 and "not trusted" in untrusted.stderr


def test_counter_signature_verifies_with_both_certificates(work, exported, keys):
    run("sign", "--in", str(exported), "--out", "one.pdf", "--p12", "head.p12", "--passphrase-file", "pw", cwd=work)
    result = run("sign", "--in", "one.pdf", "--out", "two.pdf", "--p12", "boss.p12", "--passphrase-file", "pw2",
                 cwd=work)
    assert result.returncode == 0, result.stderr
    assert run("verify", "two.pdf", "--trust", "head.crt", "--trust", "boss.crt", cwd=work).returncode == 0


def test_wrong_passphrase_is_a_clear_message(work, exported, keys):
    (work / "wrong").write_text("nope\n")
    result = run("sign", "--in", str(exported), "--out", "x.pdf", "--p12", "head.p12", "--passphrase-file", "wrong",
                 cwd=work)
    assert result.returncode != 0
    assert "wrong passphrase" in result.stderr and "Traceback" not in result.stderr


def test_import_json_accepts_the_exported_pdf(work, exported):
    result = run("import-json", "--help", cwd=work)
    assert "PDF" in result.stdout
    from apa_desktop.export.pdf import extract_embedded_document

    assert extract_embedded_document(exported.read_bytes()).office.id == "khulna-ict"


def test_sign_with_a_usb_token_then_verify(work, exported, softhsm_token):
    token = softhsm_token
    (work / "token.crt").write_bytes(token.cert_pem)
    (work / "pin").write_text(token.pin + "\n")
    (work / "badpin").write_text("0000\n")
    args = ("sign", "--in", str(exported), "--pkcs11-lib", token.lib, "--token-label", token.label,
            "--key-label", token.key_label, "--designation", "প্রোগ্রামার")
    wrong = run(*args, "--out", "token-bad.pdf", "--pin-file", "badpin", cwd=work)
    assert wrong.returncode != 0 and "পিন" in wrong.stderr and not (work / "token-bad.pdf").exists()
    result = run(*args, "--out", "token-signed.pdf", "--pin-file", "pin", cwd=work)
    assert result.returncode == 0, result.stderr
    assert run("verify", "token-signed.pdf", "--trust", "token.crt", cwd=work).returncode == 0


def test_export_pdf_writes_one_annex_plan_and_says_which_office_years_lack_it(work):
    result = run("export-pdf", "--db", "db.sqlite", "--out-dir", "annex", "--annex", "nis", "--quarter", "3", cwd=work)
    assert result.returncode == 0, result.stderr
    written = {Path(line).name for line in result.stdout.split()}
    assert "tongi-lwc-2023-24-nis-q3.pdf" in written and "khulna-ict-2022-23-nis-q3.pdf" in written
    assert "mole 2016-17" in result.stderr  # the 2016-17 report has no NIS plan
    assert not (work / "annex" / "mole-2016-17-nis-q3.pdf").exists()
    wrong = run("export-pdf", "--db", "db.sqlite", "--out-dir", "annex", "--annex", "nothing", cwd=work)
    assert wrong.returncode == 2 and "nis" in wrong.stderr


def test_export_pdf_writes_a_register_and_refuses_a_register_with_a_quarter(work):
    result = run("export-pdf", "--db", "db.sqlite", "--out-dir", "reg", "--register", "enothi", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "reg" / "dte-2022-23-enothi.pdf").read_bytes().startswith(b"%PDF")
    assert "khulna-ict 2022-23" in result.stderr  # Khulna keeps no e-Nothi worksheet
    both = run("export-pdf", "--db", "db.sqlite", "--out-dir", "reg", "--register", "enothi", "--quarter", "2", cwd=work)
    assert both.returncode == 2 and "quarter" in both.stderr
