"""PAdES signatures on APA PDFs: verify accepts only intact, whole-file, trusted signatures."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from apa_desktop.export import fonts, keys, signing


@pytest.fixture(scope="module")
def pdf() -> bytes:
    fonts.register_fonts()
    buffer = io.BytesIO()
    style = ParagraphStyle("t", fontName=fonts.FAMILY, shaping=1)
    SimpleDocTemplate(buffer).build([Paragraph("বার্ষিক কর্মসম্পাদন চুক্তি ই-নথি (e-Nothi)", style)])
    return buffer.getvalue()


@pytest.fixture(scope="module")
def head_key() -> tuple[bytes, bytes]:
    return keys.new_self_issued_key("মোঃ রহিম", "উপপরিচালক", "জেলা কার্যালয়, খুলনা", "correct horse")


@pytest.fixture(scope="module")
def superior_key() -> tuple[bytes, bytes]:
    return keys.new_self_issued_key("করিম", "পরিচালক", "বিভাগীয় কার্যালয়", "battery staple")


@pytest.fixture(scope="module")
def signed(pdf, head_key) -> bytes:
    return signing.sign_pdf(pdf, head_key[0], "correct horse", signer_name="মোঃ রহিম",
                            designation="উপপরিচালক", date=dt.date(2022, 6, 29))


def test_freshly_signed_file_verifies(signed, head_key):
    result = signing.verify_pdf(signed, [head_key[1]])
    assert result.ok, result.reasons
    assert "রহিম" in result.signers[0]


def test_counter_signature_by_superior_keeps_both_valid(signed, head_key, superior_key):
    both = signing.sign_pdf(signed, superior_key[0], "battery staple", signer_name="করিম",
                            designation="পরিচালক")
    assert signing.verify_pdf(both, [head_key[1], superior_key[1]]).ok
    only_head = signing.verify_pdf(both, [head_key[1]])
    assert not only_head.ok and "not trusted" in only_head.reasons[0]


def _field_boxes(pdf: bytes) -> dict[str, tuple[float, ...] | None]:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    boxes = {}
    for name, _, ref in enumerate_sig_fields(PdfFileReader(io.BytesIO(pdf))):
        rect = tuple(float(v) for v in ref.get_object().get("/Rect", ()))
        boxes[name] = rect if rect and rect[2] > rect[0] else None
    return boxes


def test_each_signer_gets_a_box_of_its_own_and_a_third_signs_invisibly(signed, head_key, superior_key):
    both = signing.sign_pdf(signed, superior_key[0], "battery staple", signer_name="করিম", designation="পরিচালক")
    three = signing.sign_pdf(both, head_key[0], "correct horse", signer_name="মোঃ রহিম", designation="উপপরিচালক")
    boxes = _field_boxes(three)
    assert boxes == {"Signature1": tuple(map(float, signing.OFFICE_HEAD_BOX.box)),
                     "Signature2": tuple(map(float, signing.SUPERIOR_BOX.box)),
                     "Signature3": None}
    result = signing.verify_pdf(three, [head_key[1], superior_key[1]])
    assert result.ok and len(result.signers) == 3


def test_one_flipped_byte_fails_with_reason(signed, head_key):
    damaged = bytearray(signed)
    damaged[len(damaged) // 3] ^= 0x01
    result = signing.verify_pdf(bytes(damaged), [head_key[1]])
    assert not result.ok
    assert result.reasons


def test_incremental_update_after_signing_fails(signed, head_key):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    info = writer.root
    info["/Extra"] = generic.TextStringObject("added after signing")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    result = signing.verify_pdf(out.getvalue(), [head_key[1]])
    assert not result.ok
    assert any("after" in reason for reason in result.reasons)


def test_untrusted_look_alike_certificate_fails(signed):
    _, look_alike = keys.new_self_issued_key("মোঃ রহিম", "উপপরিচালক", "জেলা কার্যালয়, খুলনা", "x")
    result = signing.verify_pdf(signed, [look_alike])
    assert not result.ok
    assert "not trusted" in " ".join(result.reasons)


def test_unsigned_file_fails(pdf, head_key):
    assert signing.verify_pdf(pdf, [head_key[1]]).reasons == ["the PDF has no signature"]


def test_wrong_passphrase_has_clear_message(pdf, head_key):
    with pytest.raises(signing.SigningKeyError, match="wrong passphrase"):
        signing.sign_pdf(pdf, head_key[0], "wrong", signer_name="a", designation="b")


def test_stamp_text_has_bengali_digits():
    assert "২৯/০৬/২০২২" in signing.stamp_text("ক", "খ", dt.date(2022, 6, 29))


@pytest.mark.skipif(shutil.which("softhsm2-util") is None, reason="softhsm2-util is not installed")
def test_pkcs11_token_signing_with_softhsm(tmp_path, pdf, monkeypatch):
    import pkcs11
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from pkcs11.util.ec import encode_named_curve_parameters

    lib = next((p for p in ("/usr/lib/softhsm/libsofthsm2.so",
                            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so") if __import__("os").path.exists(p)),
               None)
    if lib is None:
        pytest.skip("libsofthsm2.so not found")
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "apa", "--so-pin", "5678",
                    "--pin", "1234"], check=True, capture_output=True)
    token = pkcs11.lib(lib).get_token(token_label="apa")
    with token.open(rw=True, user_pin="1234") as session:
        params = session.create_domain_parameters(
            pkcs11.KeyType.EC, {pkcs11.Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True)
        public, private = params.generate_keypair(store=True, label="head", id=b"\x01")
        # A certificate for the token key, issued by a throw-away CA made here.
        from cryptography.hazmat.primitives.serialization import load_der_public_key
        from pkcs11.util.ec import encode_ec_public_key

        token_public = load_der_public_key(encode_ec_public_key(public))
        ca_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "টোকেন")])
        now = dt.datetime.now(dt.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(token_public).serial_number(7)
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                .sign(ca_key, hashes.SHA256()))
        session.create_object({
            pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
            pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
            pkcs11.Attribute.LABEL: "head", pkcs11.Attribute.ID: b"\x01", pkcs11.Attribute.TOKEN: True,
            pkcs11.Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            pkcs11.Attribute.SUBJECT: name.public_bytes(),
        })
    signer = signing.pkcs11_signer(lib, "apa", "head", "1234")
    out = signing.sign_pdf_with_signer(pdf, signer, signer_name="টোকেন", designation="প্রধান")
    assert b"/ByteRange" in out
    result = signing.verify_pdf(out, [cert.public_bytes(serialization.Encoding.PEM)])
    assert result.ok, result.reasons



def test_signing_an_office_year_report_locks_its_revision(tmp_path, head_key):
    from apa_desktop.db import open_database
    from apa_desktop.db.demo import install_demo
    from apa_desktop.export.bundle_signing import load_office_key
    from apa_desktop.export.report_signing import sign_office_year_report

    store = open_database(tmp_path / "db.sqlite")
    install_demo(store)
    info = next(i for i in store.office_years() if i.office_id == "tongi-lwc")
    signer = load_office_key(head_key[0], "correct horse").signer
    signed = sign_office_year_report(store, info.id, signer, signer_name="মোঃ রহিম", designation="উপপরিচালক",
                                     quarter=3)
    assert signing.verify_pdf(signed, [head_key[1]]).ok
    assert next(i for i in store.office_years() if i.id == info.id).signed
