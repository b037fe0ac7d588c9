"""The printed APA and progress report: fonts embedded, sensible pages, data inside, fast enough."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from apa_desktop.core import interchange
from apa_desktop.core.demo import demo_office_years
from apa_desktop.export.interchange_file import InterchangeFileError
from apa_desktop.export.pdf import annex_pdf, apa_pdf, extract_embedded_document

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def demos() -> dict[str, object]:
    return {oy.office.id: oy for oy in demo_office_years()}


@pytest.fixture(scope="module")
def khulna_apa(demos) -> bytes:
    return apa_pdf(demos["khulna-ict"])


@pytest.fixture(scope="module")
def tongi_q3(demos) -> bytes:
    return apa_pdf(demos["tongi-lwc"], 3)


def _poppler(tool: str, data: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                          check=True, capture_output=True, text=True).stdout


@needs_poppler
@pytest.mark.parametrize("which", ["khulna_apa", "tongi_q3"])
def test_only_the_bundled_font_is_used_and_it_is_embedded_and_subset(which, request, tmp_path):
    lines = _poppler("pdffonts", request.getfixturevalue(which), tmp_path).splitlines()[2:]
    assert lines
    for line in lines:
        assert "APASans" in line, line
        assert line.split()[-5:-3] == ["yes", "yes"], line  # emb, sub


@needs_poppler
def test_full_apa_has_a_sensible_page_count(khulna_apa, tmp_path):
    info = _poppler("pdfinfo", khulna_apa, tmp_path)
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 12 <= pages <= 40


@needs_poppler
def test_page_numbers_are_bengali(khulna_apa, tmp_path):
    page = _poppler("pdftotext", khulna_apa, tmp_path, "-f", "12", "-l", "12")
    assert "১২" in page
    assert not any(ch.isascii() and ch.isdigit() for ch in page)


@needs_poppler
def test_cover_leaves_out_an_unknown_designation_instead_of_printing_a_stray_comma(tongi_q3, tmp_path):
    cover = _poppler("pdftotext", tongi_q3, tmp_path, "-layout", "-f", "1", "-l", "1")
    assert not any(line.strip().startswith(",") for line in cover.splitlines())  # the superior's post is unknown


@needs_poppler
def test_contents_page_names_the_page_each_part_starts_on(khulna_apa, tmp_path):
    from apa_desktop.core.numerals import parse_number

    lines = [line for line in _poppler("pdftotext", khulna_apa, tmp_path, "-layout", "-f", "2", "-l", "2").splitlines()
             if line[:1].isdigit()]  # "১. title …… ৩"; the footer line ends in a digit too
    pages = [int(parse_number(line.split()[-1])) for line in lines]
    assert len(pages) == 9 and pages == sorted(pages) and pages[0] == 3

    def page_text(number: int) -> str:
        return _poppler("pdftotext", khulna_apa, tmp_path, "-f", str(number), "-l", str(number))

    assert "Outcome/Impact" in page_text(pages[3])  # সেকশন ২'s heading
    assert "Outcome/Impact" not in page_text(pages[3] - 1)
    assert "Acronyms" in page_text(pages[5])  # সংযোজনী ১'s heading


@pytest.mark.parametrize("office, quarter", [("khulna-ict", None), ("tongi-lwc", 3)])
def test_embedded_json_equals_the_document(demos, office, quarter, khulna_apa, tongi_q3):
    data = khulna_apa if quarter is None else tongi_q3
    assert interchange.dumps(extract_embedded_document(data)) == interchange.dumps(demos[office])


def test_pdf_without_our_data_is_refused_clearly():
    from reportlab.pdfgen.canvas import Canvas
    import io

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.showPage()
    canvas.save()
    with pytest.raises(InterchangeFileError, match="no APA Desktop data"):
        extract_embedded_document(buffer.getvalue())


def test_every_demo_office_year_exports(demos):
    for office_year in demos.values():
        assert apa_pdf(office_year).startswith(b"%PDF")
        if office_year.report_quarter:
            assert apa_pdf(office_year, office_year.report_quarter).startswith(b"%PDF")


@needs_poppler
def test_each_annex_plan_exports_on_its_own_on_landscape_pages(demos, tmp_path):
    office_year = demos["tongi-lwc"]
    for kind in ("nis", *office_year.annexes):
        info = _poppler("pdfinfo", annex_pdf(office_year, kind, 3), tmp_path)
        assert "Page size:       841.89 x 595.276 pts (A4)" in info, kind
    with pytest.raises(ValueError, match="no annex"):
        annex_pdf(demos["mole"], "nis")


@needs_poppler
def test_each_register_prints_with_the_computed_enothi_rate(demos, tmp_path):
    from apa_desktop.core.model import register_kinds
    from apa_desktop.export.pdf import register_pdf

    dte = demos["dte"]
    assert register_kinds(dte) == ["innovations", "enothi", "fourir"]
    assert register_kinds(demos["mole"]) == ["innovation_progress"]
    for office_year in (dte, demos["mole"]):
        for kind in register_kinds(office_year):
            pdf = register_pdf(office_year, kind)
            assert interchange.dumps(extract_embedded_document(pdf)) == interchange.dumps(office_year)
            fonts = _poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
            assert fonts and all("APASans" in line for line in fonts)
    text = _poppler("pdftotext", register_pdf(dte, "enothi"), tmp_path)
    # ২,২৩৬ ÷ (২,২৩৬ + ১,৪৩৯) × ১০০ = ৬০.৮৪%, from the branches' counts (poppler reads the
    # shaped '.' and '%' as private-use characters, hence the wildcard)
    assert re.search("৬০.৮৪", text)
    with pytest.raises(ValueError, match="no register"):
        register_pdf(demos["khulna-ict"], "enothi")
