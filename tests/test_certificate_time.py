"""Certificates are checked for time everywhere (issue 12, item 2): a bundle at HQ, a receipt at the
office, a PDF's signature and the key chosen for sign / bundle export / hq enroll; an expired or
not-yet-valid certificate is refused with its own reason and dates, SHA-1 is named as such, and a
changed file is reported as a changed file only."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from functools import lru_cache

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from apa_desktop.export import signing
from apa_desktop.export.bundle import write_bundle
from apa_desktop.export.bundle_signing import OfficeKey, SigningKeyError, load_office_key
from apa_desktop.export.certificates import CertificateNotValid, check_validity
from apa_desktop.hq import enrolment
from apa_desktop.hq.importer import Importer

from bundle_helpers import small_office_year

PASS = "time passphrase"
NOW = dt.datetime.now(dt.timezone.utc)
EXPIRED = (NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=30))
NOT_YET = (NOW + dt.timedelta(days=30), NOW + dt.timedelta(days=400))
CURRENT = (NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=400))


@lru_cache(maxsize=None)
def timed_key(name: str, period: tuple[dt.datetime, dt.datetime]) -> tuple[bytes, bytes]:
    """(PKCS#12, certificate DER) of a self-signed key valid only in ``period``."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(period[0]).not_valid_after(period[1])
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(name.encode(), key, cert, None,
                                                serialization.BestAvailableEncryption(PASS.encode()))
    return p12, cert.public_bytes(serialization.Encoding.DER)


def raw_key(p12: bytes) -> OfficeKey:
    """The key without the program's time check: what a clock-wrong or hostile office would use."""
    from pyhanko.sign.signers import SimpleSigner

    signer = SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=PASS.encode())
    return OfficeKey(signer, signer.signing_cert.dump())


@pytest.mark.parametrize("period,code,word", [(EXPIRED, "certificate_expired", "expired on"),
                                              (NOT_YET, "certificate_not_yet_valid", "not valid before")])
def test_hq_refuses_a_bundle_signed_outside_the_certificate_period(make_hq, monkeypatch, period, code, word):
    p12, der = timed_key(f"DC-TIME-{code}", period)
    db = make_hq("hq")
    monkeypatch.setattr(enrolment, "check_validity", lambda der: None)  # enrolled while it was valid
    enrolment.enroll(db, "DC-KHULNA", der)
    office_year, evidence = small_office_year()
    bundle, _ = write_bundle(office_year, raw_key(p12), revision=1, sequence=1, previous_sha256=None,
                             evidence=evidence)
    before = db.dump_tables()
    outcome = Importer(db).import_source(bundle)
    assert outcome.status == "rejected"
    assert word in outcome.detail and period[1].strftime("%Y-%m-%d") in outcome.detail, outcome.detail
    assert "signature_invalid" not in outcome.detail
    assert db.dump_tables() == before


def test_hq_enroll_refuses_an_expired_certificate_with_its_dates(make_hq):
    _, der = timed_key("DC-OLD", EXPIRED)
    with pytest.raises(CertificateNotValid) as refused:
        enrolment.enroll(make_hq("hq"), "DC-OLD", der)
    assert EXPIRED[1].strftime("%Y-%m-%d") in refused.value.message("en")
    assert "মেয়াদ" in refused.value.message("bn")


@pytest.mark.parametrize("period", [EXPIRED, NOT_YET])
def test_a_key_outside_its_period_cannot_be_chosen_to_sign(period):
    with pytest.raises(SigningKeyError) as refused:
        load_office_key(timed_key("signer", period)[0], PASS)
    assert "cannot sign" in refused.value.message_en


def test_the_office_refuses_a_receipt_signed_by_an_expired_hq_certificate():
    from apa_desktop.export.receipts import ReceiptInvalid, make_receipt, read_receipt

    p12, der = timed_key("HQ", EXPIRED)
    receipt = make_receipt(raw_key(p12), bundle_sha256="a" * 64, bundle_id="b", office_id="DC-KHULNA",
                           fiscal_year="2023-24", revision=1, sequence=1, outcome="imported", comment="",
                           issued_at=NOW.isoformat())
    with pytest.raises(ReceiptInvalid, match="expired on"):
        read_receipt(receipt, der)
    good_p12, good_der = timed_key("HQ-now", CURRENT)
    good = make_receipt(raw_key(good_p12), bundle_sha256="a" * 64, bundle_id="b", office_id="DC-KHULNA",
                        fiscal_year="2023-24", revision=1, sequence=1, outcome="imported", comment="",
                        issued_at=NOW.isoformat())
    assert read_receipt(good, good_der)["office_id"] == "DC-KHULNA"


@pytest.fixture(scope="module")
def pdf() -> bytes:
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.lib.styles import getSampleStyleSheet

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer).build([Paragraph("APA", getSampleStyleSheet()["Normal"])])
    return buffer.getvalue()


def _sign(pdf: bytes, key: OfficeKey, md: str = "sha256") -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    out = io.BytesIO()
    meta = signers.PdfSignatureMetadata(field_name="Signature1", md_algorithm=md)
    signers.PdfSigner(meta, signer=key.signer).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
    return out.getvalue()


@pytest.mark.parametrize("period,word", [(EXPIRED, "expired on"), (NOT_YET, "not valid before")])
def test_verify_refuses_a_pdf_signed_outside_the_certificate_period(pdf, period, word):
    p12, der = timed_key(f"pdf-{word}", period)
    result = signing.verify_pdf(_sign(pdf, raw_key(p12)), [der])
    assert not result.ok
    assert len(result.reasons) == 1 and word in result.reasons[0], result.reasons


def test_verify_names_sha1_as_an_unsupported_digest_not_an_expired_certificate(pdf):
    p12, der = timed_key("pdf-sha1", CURRENT)
    result = signing.verify_pdf(_sign(pdf, raw_key(p12), md="sha1"), [der])
    assert not result.ok
    assert result.reasons and all("unsupported digest algorithm sha1" in r for r in result.reasons), result.reasons


def test_verify_reports_a_changed_pdf_only_as_changed(pdf):
    p12, der = timed_key("pdf-changed", CURRENT)
    signed = bytearray(_sign(pdf, raw_key(p12)))
    assert signing.verify_pdf(bytes(signed), [der]).ok
    at = bytes(signed).index(b"ReportLab Generated")
    signed[at] ^= 0x01
    result = signing.verify_pdf(bytes(signed), [der])
    assert not result.ok
    assert len(result.reasons) == 1 and "changed after signing" in result.reasons[0], result.reasons


def test_the_certificate_check_gives_both_dates():
    _, der = timed_key("dates", NOT_YET)
    with pytest.raises(CertificateNotValid) as refused:
        check_validity(der)
    text = refused.value.message("en")
    assert NOT_YET[0].strftime("%Y-%m-%d") in text and NOT_YET[1].strftime("%Y-%m-%d") in text


def test_sign_command_refuses_an_expired_key_without_a_traceback(tmp_path, pdf):
    p12, _ = timed_key("cli-old", EXPIRED)
    (tmp_path / "k.p12").write_bytes(p12)
    (tmp_path / "pass.txt").write_text(PASS + "\n", "utf-8")
    (tmp_path / "in.pdf").write_bytes(pdf)
    result = subprocess.run([sys.executable, "-m", "apa_desktop", "--lang", "en", "sign", "--in", str(tmp_path / "in.pdf"),
                             "--out", str(tmp_path / "out.pdf"), "--p12", str(tmp_path / "k.p12"),
                             "--passphrase-file", str(tmp_path / "pass.txt"), "--name", "x", "--designation", "y"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "expired on" in result.stderr
    assert not (tmp_path / "out.pdf").exists()


def test_hq_names_a_sha1_bundle_signature_as_an_unsupported_digest(make_hq):
    import zipfile

    from apa_desktop.export.bundle_signing import _run

    p12, der = timed_key("DC-SHA1", CURRENT)
    db = make_hq("hq")
    enrolment.enroll(db, "DC-KHULNA", der)
    office_year, evidence = small_office_year()
    key = raw_key(p12)
    good, _ = write_bundle(office_year, key, revision=1, sequence=1, previous_sha256=None, evidence=evidence)
    members = [(i.filename, zipfile.ZipFile(io.BytesIO(good)).read(i)) for i in zipfile.ZipFile(io.BytesIO(good)).infolist()]
    manifest = dict(members)["manifest.json"]
    sha1 = _run(key.signer.async_sign_general_data(manifest, "sha1", detached=True)).dump()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members:
            zf.writestr(name, sha1 if name == "manifest.cms" else blob)
    outcome = Importer(db).import_source(out.getvalue())
    assert outcome.status == "rejected"
    assert "digest algorithm is not supported" in outcome.detail and "sha1" in outcome.detail, outcome.detail
    assert "expired" not in outcome.detail


@pytest.mark.parametrize("period,code,word", [(EXPIRED, "certificate_expired", "expired on"),
                                              (NOT_YET, "certificate_not_yet_valid", "not valid before")])
def test_a_template_pack_signed_outside_hqs_certificate_period_is_refused_as_such(tmp_path, period, code, word):
    """Not as "the file was altered": the pack is whole, HQ's certificate was not valid then."""
    from apa_desktop.core.template_manifest import PackRefused
    from apa_desktop.core.templates import find_template, make_template
    from apa_desktop.db import open_database
    from apa_desktop.db.templates import TemplateStore
    from apa_desktop.export.template_pack import import_pack, write_pack

    p12, der = timed_key("HQ", period)
    plan = find_template("egov", "2026-27").plan
    pack = write_pack([make_template("egov", "2026-27", "field", 1, "official", "circular", plan)], raw_key(p12))
    store = open_database(tmp_path / "office.sqlite3")
    before = list(store.database.execute("SELECT * FROM templates ORDER BY 1"))
    with pytest.raises(PackRefused) as refused:
        import_pack(TemplateStore(store), pack, der)
    assert refused.value.code == code and word in refused.value.message_en
    assert "altered" not in refused.value.message_en
    assert list(store.database.execute("SELECT * FROM templates ORDER BY 1")) == before
    store.close()
