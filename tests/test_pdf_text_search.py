"""The Bengali text of every PDF can be searched and copied: extraction (poppler's pdftotext, as a
person's viewer or HQ's search would) gives back the words the document prints, in logical
order, with decimal points and punctuation (export/searchable_text.py)."""

from __future__ import annotations

import re
import shutil

import pdf_words
import pytest

from apa_desktop.core.demo import demo_office_years
from apa_desktop.core.numerals import format_score
from apa_desktop.core.scoring import score_office_year
from apa_desktop.export import searchable_text
from apa_desktop.export.fonts import register_fonts

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

MIN_FOUND = 0.98
# Pre-base vowel signs (ি ে ৈ), split vowels (ো ৌ), reph (র্), conjuncts (ক্ষ ন্ত্র), ৎ, য়,
# decimals, ASCII punctuation and Latin inside Bengali runs.
TRICKY = ("কারিগরি শিক্ষা অধিদপ্তর ৯৮.৫০ শুদ্ধাচার সংযোজনী কর্মকর্তা-কর্মচারীদের নির্দিষ্ট চতুর্থ "
          "কৌশল কোনো মন্ত্রণালয় উৎসব স্বাস্থ্যবিধি ই-নথি (e-Nothi) ১২:৩০, ৬০.৮৪% [১.১.১]")


def _pdftotext(pdf: bytes) -> str:
    return pdf_words.pdftotext(pdf)


def _paragraph_pdf(text: str, style_name: str = "body", compress: bool = True) -> bytes:
    import io

    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from apa_desktop.export.pdf.styles import style

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pageCompression=int(compress)).build([Paragraph(text, style(style_name))])
    return buffer.getvalue()


def test_reportlab_still_has_what_the_text_layer_patches():
    """Fails when a ReportLab upgrade renames or reshapes the internals the patch relies on."""
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen import canvas, textobject
    from reportlab.platypus import paragraph

    register_fonts()
    searchable_text.check_internals()
    assert searchable_text.installed()
    wrapped = ttfonts.shapeFragWord
    assert getattr(wrapped, "__wrapped__", None) is not None, "shapeFragWord is not wrapped"
    assert paragraph.shapeFragWord is wrapped and canvas.shapeFragWord is wrapped
    assert ttfonts.makeToUnicodeCMap is searchable_text.to_unicode_cmap
    assert hasattr(textobject.PDFTextObject._formatText, "__wrapped__")
    assert {"cluster", "x_advance", "x_offset", "width"} <= set(ttfonts.ShapeData._fields)


def test_shaped_bengali_copies_as_typed():
    text = _pdftotext(_paragraph_pdf(TRICKY))
    assert " ".join(text.split()) == TRICKY


@pytest.mark.parametrize("style_name", ["cell", "head", "h1"])
def test_shaped_bengali_copies_as_typed_in_every_style(style_name):
    text = _pdftotext(_paragraph_pdf(TRICKY, style_name))
    assert pdf_words.words(TRICKY) <= pdf_words.words(text)


def test_one_glyph_with_two_texts_gets_two_codes():
    """The i-kar glyph carries "কি" in one word and "খি" in the other: each copies right."""
    text = _pdftotext(_paragraph_pdf("কি খি কি"))
    assert text.split() == ["কি", "খি", "কি"]


def test_reordered_clusters_carry_actual_text_and_tounicode_has_cluster_entries():
    streams = _paragraph_pdf("কি", compress=False).decode("latin-1")
    assert "/ActualText <FEFF099509BF>" in streams and "BDC" in streams and "EMC" in streams
    # The i-kar glyph's ToUnicode entry is the whole cluster "কি" (U+0995 U+09BF).
    assert re.search(r"<[0-9A-F]{2}> <099509BF>", streams)


def test_a_reordered_cluster_is_drawn_from_one_font_subset():
    """Even when earlier text has filled the first subsets, a cluster's glyphs share a subset
    (an extractor such as pdfium breaks the word where a span changes font)."""
    filler = " ".join(chr(c) + v for c in range(0x995, 0x9B9) for v in ("", "া", "ু", "ে", "্য", "্র", "ৃ"))
    text = _paragraph_pdf(f"আয় কোনো {filler} আয়োজিত কোনো উদ্যোগ", compress=False).decode("latin-1")
    spans = re.findall(r"BDC (.*?) EMC", text)
    assert len(spans) > 20 and len(set(re.findall(r"/F\d+\+(\d+) ", text))) >= 2
    # A font chosen before the span's first glyph is fine; one chosen between its glyphs is not.
    assert not [span for span in spans if " Tf " in re.sub(r"^/F\S+ [\d.]+ Tf [\d.]+ TL ", "", span)]


def test_text_without_reordering_has_no_actual_text():
    streams = _paragraph_pdf("কাকা ৯৮.৫০", compress=False).decode("latin-1")
    assert "ActualText" not in streams


@pytest.fixture(scope="module")
def demo_exports():
    """Every demo export with poppler's text of all its pages."""
    return [(export, _pdftotext(export.pdf)) for export in pdf_words.demo_exports()]


def test_every_demo_export_gives_back_its_own_words(demo_exports):
    assert len(demo_exports) >= 30
    shortfalls = []
    for export, text in demo_exports:
        assert len(export.own_words) >= 10, export.name
        share, missing = pdf_words.found_share(export.own_words, text)
        if share < MIN_FOUND:
            shortfalls.append(f"{export.name}: {share:.1%} found, missing {sorted(missing)[:10]}")
    assert not shortfalls, "\n".join(shortfalls)


def test_office_name_is_found_in_every_export(demo_exports):
    for export, text in demo_exports:
        assert export.office_year.office.name in " ".join(text.split()), export.name
    assert "কারিগরি শিক্ষা অধিদপ্তর" in {export.office_year.office.name for export, _ in demo_exports}


def test_report_summary_scores_copy_with_their_decimal_points(demo_exports):
    reports = [(export, text) for export, text in demo_exports if export.quarter and export.part is None]
    assert len(reports) == 4 * len(demo_office_years())
    for export, text in reports:
        breakdown = score_office_year(export.office_year, export.quarter)
        printed = [breakdown.total, breakdown.own_part, breakdown.governance_part]
        printed += [obtained for obtained, _ in breakdown.annex_totals().values()]
        words = pdf_words.words(text)
        for score in printed:
            assert format_score(score) in words, (export.name, format_score(score))


def test_tongi_third_quarter_total_copies_as_printed(demo_exports):
    export, text = next((e, t) for e, t in demo_exports
                        if e.office_year.office.id == "tongi-lwc" and e.quarter == 3 and e.part is None)
    assert format_score(score_office_year(export.office_year, 3).total) == "৯৮.৫০"
    assert "৯৮.৫০" in text.split()
