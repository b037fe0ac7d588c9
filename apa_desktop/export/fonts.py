"""The bundled "APA Sans" family (Bengali + Latin in one font) for ReportLab, and the start-up
check that HarfBuzz shaping is really active: without uharfbuzz ReportLab silently ignores
``shaping=1`` and prints broken conjuncts and misplaced vowel signs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..core.errors import UserError

FAMILY = "APASans"
BOLD = "APASans-Bold"
FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR_PATH = FONT_DIR / "APASans-Regular.ttf"
BOLD_PATH = FONT_DIR / "APASans-Bold.ttf"


class ShapingUnavailable(UserError, RuntimeError):
    """Bengali text would print wrongly: refuse to make a PDF."""


@cache
def register_fonts() -> str:
    """Register the family with ReportLab (once) and check shaping; return the family name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for path in (REGULAR_PATH, BOLD_PATH):
        if not path.is_file():
            raise ShapingUnavailable(f"font file missing: {path} (run tools/build_font.py)")
    pdfmetrics.registerFont(TTFont(FAMILY, str(REGULAR_PATH)))
    pdfmetrics.registerFont(TTFont(BOLD, str(BOLD_PATH)))
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, FAMILY)
    addMapping(FAMILY, 1, 1, BOLD)
    check_shaping()
    from . import searchable_text  # imported here: it loads ReportLab's platypus

    searchable_text.install()
    return FAMILY


def check_shaping() -> None:
    """Fail loudly unless HarfBuzz turns ক + ্ + ষ into one conjunct glyph in our font."""
    try:
        import uharfbuzz as hb
    except ImportError as exc:
        raise ShapingUnavailable(
            "Bengali shaping is not available: the Python package 'uharfbuzz' is missing. "
            "Install it with: pip install 'reportlab[shaping]'"
        ) from exc
    face = hb.Face(hb.Blob.from_file_path(str(REGULAR_PATH)))
    font = hb.Font(face)
    text = "ক্ষি"
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    shaped = [info.codepoint for info in buffer.glyph_infos]
    cmap = {cp: gid for cp, gid in ((ord(ch), font.get_nominal_glyph(ord(ch))) for ch in text)}
    unshaped = [cmap[ord(ch)] for ch in text]
    if shaped == unshaped or len(shaped) >= len(unshaped):
        raise ShapingUnavailable(
            f"HarfBuzz did not shape Bengali with {REGULAR_PATH.name}: glyphs {shaped} "
            f"equal the unshaped sequence {unshaped}; the font's GSUB tables are broken"
        )
    from reportlab.pdfbase import ttfonts

    if getattr(ttfonts, "uharfbuzz", None) is None:
        raise ShapingUnavailable(
            "ReportLab cannot import uharfbuzz: Paragraph(shaping=1) would be silently ignored"
        )
