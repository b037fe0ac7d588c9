"""Visible signatures land on the document's own printed signature lines (cover of the APA,
signature page of a report, either orientation), and only a key of the document's office signs."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest

from apa_desktop.core.demo import demo_office_years
from apa_desktop.export import keys, signing
from apa_desktop.export.pdf import annex_pdf, apa_pdf

needs_pdfsig = pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def demos() -> dict[str, object]:
    return {oy.office.id: oy for oy in demo_office_years()}


@pytest.fixture(scope="module")
def khulna_keys() -> dict[str, tuple[bytes, bytes]]:
    return {"head": keys.new_self_issued_key("মোঃ আব্দুল রহমান", "প্রোগ্রামার", "khulna-ict", "pw"),
            "superior": keys.new_self_issued_key("মহাপরিচালক", "মহাপরিচালক", "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর", "pw"),
            "tongi": keys.new_self_issued_key("ডাঃ ফেরদৌস আক্তার", "সিনিয়র মেডিকেল অফিসার", "tongi-lwc", "pw")}


@pytest.fixture(scope="module")
def signed_apa(demos, khulna_keys) -> bytes:
    pdf = apa_pdf(demos["khulna-ict"])
    one = signing.sign_pdf(pdf, khulna_keys["head"][0], "pw")
    return signing.sign_pdf(one, khulna_keys["superior"][0], "pw")


def _fields(pdf: bytes) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Signature field name → (page index, rectangle)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    reader = PdfFileReader(io.BytesIO(pdf))
    pages = signing._page_ids(reader.root.raw_get("/Pages"))
    out = {}
    for name, _, ref in enumerate_sig_fields(reader):
        field = ref.get_object()
        out[name] = (pages.index(field.raw_get("/P").idnum), tuple(round(float(v)) for v in field["/Rect"]))
    return out


def test_the_apa_records_the_office_heads_line_left_and_the_superiors_right_on_its_cover(demos):
    lines = signing.signature_lines(apa_pdf(demos["khulna-ict"]))
    assert set(lines) == {"office_head", "superior"}
    head, superior = lines["office_head"], lines["superior"]
    assert head.page == superior.page == 0
    assert head.box[2] <= superior.box[0]  # the office head signs left, as the printed labels say
    assert head.box[1] == superior.box[1] and head.box[3] - head.box[1] >= 40


def test_a_signed_apa_has_both_boxes_on_the_covers_signature_lines(demos, signed_apa):
    lines = signing.signature_lines(apa_pdf(demos["khulna-ict"]))
    fields = _fields(signed_apa)
    assert fields == {"Signature-office_head": (0, lines["office_head"].box),
                      "Signature-superior": (0, lines["superior"].box)}


@needs_pdfsig
def test_poppler_reports_both_signatures_of_a_signed_apa_valid(signed_apa, tmp_path):
    path = tmp_path / "signed.pdf"
    path.write_bytes(signed_apa)
    report = subprocess.run(["pdfsig", str(path)], check=False, capture_output=True, text=True).stdout
    assert report.count("Signature Validation: Signature is Valid.") == 2, report
    assert "Signature-office_head" in report and "Signature-superior" in report


def test_the_box_takes_the_signatorys_name_and_designation_from_the_document(demos, signed_apa):
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(signed_apa))
    signatures = {s.field_name: s for s in reader.embedded_signatures}
    assert signatures["Signature-office_head"].sig_object["/Name"] == demos["khulna-ict"].cover.office_signatory.name


@pytest.mark.parametrize("make, orientation", [(lambda oy: apa_pdf(oy, 3), "portrait"),
                                               (lambda oy: annex_pdf(oy, "nis", 3), "landscape")])
def test_a_reports_box_lands_on_the_office_heads_line_of_its_signature_page(demos, make, orientation):
    from pyhanko.pdf_utils.reader import PdfFileReader

    tongi = demos["tongi-lwc"]
    pdf = make(tongi)
    lines = signing.signature_lines(pdf)
    assert set(lines) == {"preparer", "office_head"}
    p12, _ = keys.new_self_issued_key("ডাঃ ফেরদৌস আক্তার", "সিনিয়র মেডিকেল অফিসার", "tongi-lwc", "pw")
    signed = signing.sign_pdf(pdf, p12, "pw")
    page, box = _fields(signed)["Signature-office_head"]
    assert (page, box) == (lines["office_head"].page, lines["office_head"].box)
    reader = PdfFileReader(io.BytesIO(signed))
    pages = int(reader.root["/Pages"]["/Count"])
    assert page == pages - 1  # the signature page is the last
    media_box = reader.root["/Pages"]["/Kids"][page]["/MediaBox"]
    width, height = float(media_box[2]), float(media_box[3])
    assert (width > height) == (orientation == "landscape")
    assert 0 < box[0] < box[2] < width and 0 < box[1] < box[3] < height


def test_a_key_of_another_office_is_refused_naming_both_unless_allowed(demos, khulna_keys):
    pdf = apa_pdf(demos["tongi-lwc"], 3)
    with pytest.raises(signing.OtherOfficeKey) as refused:
        signing.sign_pdf(pdf, khulna_keys["head"][0], "pw")
    assert "khulna-ict" in refused.value.message_en and "টংগী" in refused.value.message_en
    signed = signing.sign_pdf(pdf, khulna_keys["head"][0], "pw", allow_other_office=True)
    result = signing.verify_pdf(signed, [khulna_keys["head"][1]])
    assert result.ok and result.offices == ["khulna-ict"]
    assert not signing.verify_pdf(signed, [khulna_keys["head"][1]], office="tongi-lwc").ok


def test_the_superiors_line_takes_only_a_key_of_the_superior_office(demos, khulna_keys):
    one = signing.sign_pdf(apa_pdf(demos["khulna-ict"]), khulna_keys["head"][0], "pw")
    with pytest.raises(signing.OtherOfficeKey):
        signing.sign_pdf(one, khulna_keys["tongi"][0], "pw")
    both = signing.sign_pdf(one, khulna_keys["superior"][0], "pw")
    trusted = [khulna_keys["head"][1], khulna_keys["superior"][1]]
    assert signing.verify_pdf(both, trusted, office="khulna-ict").ok
    assert not signing.verify_pdf(both, trusted, office="tongi-lwc").ok


def test_the_command_line_refuses_another_offices_key_and_verify_names_each_office(demos, khulna_keys, tmp_path):
    (tmp_path / "in.pdf").write_bytes(apa_pdf(demos["tongi-lwc"], 3))
    (tmp_path / "k.p12").write_bytes(khulna_keys["head"][0])
    (tmp_path / "k.crt").write_bytes(khulna_keys["head"][1])
    (tmp_path / "pw").write_text("pw\n")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "apa_desktop", *args], check=False, cwd=tmp_path,
                              capture_output=True, text=True, timeout=120)

    sign = ("sign", "--in", "in.pdf", "--p12", "k.p12", "--passphrase-file", "pw")
    refused = run(*sign, "--out", "x.pdf")
    assert refused.returncode == 1 and "khulna-ict" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert run(*sign, "--out", "y.pdf", "--allow-other-office").returncode == 0
    verified = run("verify", "y.pdf", "--trust", "k.crt")
    assert verified.returncode == 0 and "office: khulna-ict" in verified.stdout
    assert run("verify", "y.pdf", "--trust", "k.crt", "--office", "tongi-lwc").returncode == 1
