"""PAdES signatures on APA PDFs: verify accepts only intact, whole-file, trusted signatures."""

from __future__ import annotations

import datetime as dt
import io

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


def test_pkcs11_token_signs_twice_in_one_program_with_softhsm(softhsm_token, pdf):
    token = softhsm_token
    for _ in range(2):  # the first signing logs the token out again
        with signing.pkcs11_signer(token.lib, token.label, token.key_label, token.pin) as signer:
            out = signing.sign_pdf_with_signer(pdf, signer, signer_name="টোকেন", designation="প্রধান")
        result = signing.verify_pdf(out, [token.cert_pem])
        assert result.ok, result.reasons


def test_a_wrong_token_pin_has_a_clear_message(softhsm_token):
    token = softhsm_token
    with pytest.raises(signing.SigningKeyError, match="পিন"):
        with signing.pkcs11_signer(token.lib, token.label, token.key_label, "0000"):
            pass


def test_signing_an_office_year_report_locks_its_revision(tmp_path, head_key):
    from apa_desktop.db import open_database
    from apa_desktop.db.demo import install_demo
    from apa_desktop.export.bundle_signing import load_office_key
    from apa_desktop.export.report_signing import sign_office_year_report

    store = open_database(tmp_path / "db.sqlite")
    install_demo(store)
    info = next(i for i in store.office_years() if i.office_id == "tongi-lwc")
    tongi_p12, tongi_cert = keys.new_self_issued_key("ডাঃ ফেরদৌস আক্তার", "সিনিয়র মেডিকেল অফিসার", "tongi-lwc", "pw")
    with pytest.raises(signing.OtherOfficeKey, match="tongi|টংগী"):
        sign_office_year_report(store, info.id, load_office_key(head_key[0], "correct horse").signer, quarter=3)
    assert not next(i for i in store.office_years() if i.id == info.id).signed  # nothing locked
    signer = load_office_key(tongi_p12, "pw").signer
    signed = sign_office_year_report(store, info.id, signer, signer_name="মোঃ রহিম", designation="উপপরিচালক",
                                     quarter=3)
    assert signing.verify_pdf(signed, [tongi_cert], office="tongi-lwc").ok
    assert next(i for i in store.office_years() if i.id == info.id).signed
