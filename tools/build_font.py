"""Build the "APA Sans" font family: Noto Sans (Latin) + Noto Sans Bengali merged into one font.

Why one font: HarfBuzz shapes a run of text with one font. Switching fonts inside a word such as
``Python-এর`` or ``ই-নথি (e-Nothi)`` breaks the shaping, and Noto Sans Bengali has no Latin letters.
The OFL forbids the Reserved Font Name "Noto" on a modified version, hence the new family name.

Usage: ``python tools/build_font.py [--src /usr/share/fonts/truetype/noto]`` (Debian fonts-noto-core).
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

FAMILY = "APA Sans"
OUT_DIR = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "fonts"
# Latin, Latin-1, Latin Extended-A, general punctuation, currency, letterlike, arrows, math basics,
# dotted circle (shown by HarfBuzz for stray vowel signs).
LATIN_UNICODES = "U+0020-007E,U+00A0-017F,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-21FF,U+2212,U+25CC"
STYLES = {"Regular": 400, "Bold": 700}


def _subset(path: Path, unicodes: str | None) -> TTFont:
    """Keep every layout feature (Bengali needs them all) and drop hinting (PDF/Qt do not use it)."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    if unicodes is None:
        subsetter.populate(unicodes=font.getBestCmap().keys())
    else:
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    for table in ("DSIG",):
        if table in font:
            del font[table]
    buffer = io.BytesIO()
    font.save(buffer)
    buffer.seek(0)
    return buffer


def _rename(font: TTFont, style: str) -> None:
    name = font["name"]
    ps_family = FAMILY.replace(" ", "")
    full = f"{FAMILY} {style}" if style != "Regular" else f"{FAMILY} Regular"
    # Drop every inherited name (they carry the Reserved Font Name) except copyright/licence.
    keep = {0, 7, 8, 9, 11, 12, 13, 14}
    name.names = [record for record in name.names if record.nameID in keep]
    for name_id, value in {
        1: FAMILY,
        2: style,
        3: f"{ps_family}-{style};build_font.py",
        4: full,
        5: "Version 1.000; merged from Noto Sans and Noto Sans Bengali",
        6: f"{ps_family}-{style}",
    }.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    name.setName(
        "APA Sans is a modified version of Noto Sans and Noto Sans Bengali "
        "(Copyright 2012-2019 Google LLC, SIL Open Font License 1.1). Not affiliated with Google.",
        10, 3, 1, 0x409,
    )
    font["OS/2"].usWeightClass = STYLES[style]
    font["OS/2"].fsSelection = (font["OS/2"].fsSelection & ~0b1100001) | (0b100000 if style == "Bold" else 0b1000000)
    font["head"].macStyle = 1 if style == "Bold" else 0
    if "CFF " not in font:
        font["post"].formatType = 3.0  # no glyph names: smaller, names are meaningless after merge


def build(src: Path, out_dir: Path = OUT_DIR) -> list[Path]:
    """Merge and write APASans-Regular.ttf and APASans-Bold.ttf; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for style in STYLES:
        latin = _subset(src / f"NotoSans-{style}.ttf", LATIN_UNICODES)
        bengali = _subset(src / f"NotoSansBengali-{style}.ttf", None)
        merged = Merger().merge([latin, bengali])
        _rename(merged, style)
        target = out_dir / f"APASans-{style}.ttf"
        merged.save(target)
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=Path("/usr/share/fonts/truetype/noto"))
    args = parser.parse_args()
    for path in build(args.src):
        print(f"{path} {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
