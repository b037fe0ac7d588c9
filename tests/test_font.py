"""The bundled APA Sans font: one family for Bengali and Latin whose shaping survived the merge."""

from __future__ import annotations

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont

from apa_desktop.export import fonts

# What Noto Sans Bengali Regular (Debian fonts-noto-core, the font APA Sans is built from) gives
# for each text: one advance per shaped glyph. Recorded once, so the test needs no system font.
SOURCE_ADVANCES = {
    "ক্ষ": [919],  # one conjunct glyph
    "স্থ": [721],
    "কি": [266, 807],  # i-kar drawn before its consonant
    "রুপি": [803, 266, 716],  # ra + u-kar ligature
    "ক্র্য": [930, 255],  # ra-phala conjunct, ya-phala
    "র্ক": [807, 0],  # reph: no advance of its own
    "ন্ত্র": [693],  # three-consonant conjunct
}


def _shape(path: str, text: str) -> list[tuple[int, int]]:
    font = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    return [(i.codepoint, p.x_advance) for i, p in zip(buffer.glyph_infos, buffer.glyph_positions)]


@pytest.mark.parametrize("path", [fonts.REGULAR_PATH, fonts.BOLD_PATH])
def test_family_is_renamed_and_covers_both_scripts(path):
    font = TTFont(path)
    assert font["name"].getDebugName(1) == "APA Sans"
    assert all("Noto" not in (r.toUnicode() or "") for r in font["name"].names if r.nameID in (1, 3, 4, 6, 16))
    cmap = font.getBestCmap()
    for ch in "অআকক্ষি০৯ABCxyz@-()।":
        assert ord(ch) in cmap or ch == "্", ch
    assert {"GSUB", "GPOS", "GDEF"} <= set(font.keys())


@pytest.mark.parametrize("text", sorted(SOURCE_ADVANCES))
def test_bengali_shapes_as_in_the_source_font(text):
    merged = _shape(str(fonts.REGULAR_PATH), text)
    assert [a for _, a in merged] == SOURCE_ADVANCES[text]
    assert all(gid != 0 for gid, _ in merged)


@pytest.mark.parametrize("text", ["ই-নথি (e-Nothi)", "Python-এর"])
def test_mixed_words_have_no_missing_glyphs(text):
    glyphs = _shape(str(fonts.REGULAR_PATH), text)
    assert all(gid != 0 for gid, _ in glyphs)


def test_i_kar_is_drawn_before_its_consonant():
    font = TTFont(fonts.REGULAR_PATH)
    order = font.getGlyphOrder()
    shaped = _shape(str(fonts.REGULAR_PATH), "কি")
    cmap = font.getBestCmap()
    assert order[shaped[0][0]] == cmap[ord("ি")]


def test_startup_check_passes_and_registers_family():
    assert fonts.register_fonts() == "APASans"
    fonts.check_shaping()


def test_startup_check_fails_loudly_without_uharfbuzz(monkeypatch):
    import reportlab.pdfbase.ttfonts as ttfonts

    monkeypatch.setattr(ttfonts, "uharfbuzz", None)
    with pytest.raises(fonts.ShapingUnavailable, match="uharfbuzz"):
        fonts.check_shaping()


def _covered() -> set[int]:
    return set(TTFont(fonts.REGULAR_PATH).getBestCmap()) & set(TTFont(fonts.BOLD_PATH).getBestCmap())


# What the window and the PDFs draw but is not the app's own text: legacy (Bijoy) bytes shown as
# typed, and the invisible marks numerals strip.
_NOT_DRAWN_BY_US = ("core/bijoy_table.py", "core/bijoy_text.py", "core/numerals.py")


def _shown_strings():
    """Every translated string, and every string literal (not a docstring) of the package."""
    import ast
    from pathlib import Path

    from babel.messages.pofile import read_po

    package = Path(fonts.__file__).resolve().parents[1]
    for po in sorted((package / "resources" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    yield f"{po.parts[-3]}:{message.id}", str(message.string)
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name in _NOT_DRAWN_BY_US:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}  # and attribute docs
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield f"{name}:{node.lineno}", node.value


def test_every_text_the_app_shows_is_drawn_by_the_bundled_font():
    """A character APA Sans lacks shows as an empty box wherever no other font has it (the Windows
    build under Wine drew "≠" in the legend as one): every string the app shows is covered."""
    covered = _covered()
    missing = {where: "".join(sorted({c for c in text if ord(c) > 127 and ord(c) not in covered}))
               for where, text in _shown_strings()}
    assert {where: chars for where, chars in missing.items() if chars} == {}
