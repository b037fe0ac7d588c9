"""A signed PDF's data is taken only with its signature (issue 12, item 4): `import-json FILE.pdf`
verifies every signature; data replaced by an incremental update after signing, a broken signature
or (with --trust) a look-alike signer are refused with the reason; an unsigned PDF is imported with
a visible note."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from apa_desktop.core import interchange
from apa_desktop.export import keys as office_keys
from apa_desktop.export import signing
from apa_desktop.export.pdf import apa_pdf

from bundle_helpers import small_office_year

PASS = "correct horse"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=180)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("signedpdf")
    office_year, _ = small_office_year()
    pdf = apa_pdf(office_year)
    head_p12, head_crt = office_keys.new_self_issued_key("মোঃ রহিম", "উপপরিচালক", office_year.office.id, PASS)
    _, look_alike_crt = office_keys.new_self_issued_key("মোঃ রহিম", "উপপরিচালক", office_year.office.id, "other")
    (work / "head.crt").write_bytes(head_crt)
    (work / "look-alike.crt").write_bytes(look_alike_crt)
    (work / "unsigned.pdf").write_bytes(pdf)
    signed = signing.sign_pdf(pdf, head_p12, PASS, signer_name="মোঃ রহিম", designation="উপপরিচালক")
    (work / "signed.pdf").write_bytes(signed)
    (work / "tampered.pdf").write_bytes(_replace_embedded_data(signed))
    broken = bytearray(signed)
    broken[len(broken) // 3] ^= 0x20
    (work / "broken.pdf").write_bytes(bytes(broken))
    return work


def _replace_embedded_data(pdf: bytes) -> bytes:
    """An incremental update after signing that swaps office-year.json for a tampered document."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    office_year, _ = small_office_year()
    office_year.office.name = "TAMPERED OFFICE"
    for indicator in office_year.section3.areas[0].activities[0].indicators:
        indicator.quarters = [99999.0] * 4
    payload = interchange.dumps(office_year).encode()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec_ref = names.raw_get(1)
    spec = spec_ref.get_object()
    stream = generic.StreamObject({generic.NameObject("/Type"): generic.NameObject("/EmbeddedFile")},
                                  stream_data=payload)
    spec["/EF"] = generic.DictionaryObject({generic.NameObject("/F"): writer.add_object(stream),
                                            generic.NameObject("/UF"): writer.add_object(stream)})
    writer.update_container(spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _names(db: Path) -> list[str]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT name FROM offices")]


def test_the_tamper_really_replaces_the_data(files):
    from apa_desktop.export.pdf import embedded_json

    assert "TAMPERED OFFICE" in json.loads(embedded_json((files / "tampered.pdf").read_bytes()))["document"]["office"]["name"]


@pytest.mark.parametrize("name,why", [("tampered.pdf", "modified after this signature"),
                                      ("broken.pdf", "signature")])
def test_a_pdf_changed_after_signing_is_refused_with_the_reason(files, tmp_path, name, why):
    db = tmp_path / "office.sqlite3"
    result = run("--lang", "en", "import-json", "--db", str(db), str(files / name))
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and "its data was not taken" in result.stderr
    assert why in result.stderr
    assert "TAMPERED OFFICE" not in _names(db)


def test_a_signed_pdf_is_imported_with_a_note_on_its_signer(files, tmp_path):
    db = tmp_path / "office.sqlite3"
    loose = run("--lang", "en", "import-json", "--db", str(db), str(files / "signed.pdf"))
    assert loose.returncode == 0, loose.stderr
    assert "was not checked (give --trust CERT)" in loose.stderr
    trusted = run("--lang", "en", "import-json", "--db", str(db), str(files / "signed.pdf"),
                  "--trust", str(files / "head.crt"))
    assert trusted.returncode == 0, trusted.stderr
    assert "verified against the trusted certificate" in trusted.stderr


def test_a_look_alike_signer_is_refused_when_trust_is_asked(files, tmp_path):
    db = tmp_path / "office.sqlite3"
    result = run("--lang", "en", "import-json", "--db", str(db), str(files / "signed.pdf"),
                 "--trust", str(files / "look-alike.crt"))
    assert result.returncode == 1 and "not trusted" in result.stderr
    assert _names(db) == []


def test_an_unsigned_pdf_is_imported_with_a_visible_note(files, tmp_path):
    db = tmp_path / "office.sqlite3"
    result = run("import-json", "--db", str(db), str(files / "unsigned.pdf"))
    assert result.returncode == 0, result.stderr
    assert "স্বাক্ষরিত নয়" in result.stderr and "not signed" in result.stderr
    refused = run("--lang", "en", "import-json", "--db", str(db), str(files / "unsigned.pdf"),
                  "--trust", str(files / "head.crt"))
    assert refused.returncode == 1 and "not signed" in refused.stderr
