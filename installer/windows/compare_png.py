"""Compare the Windows build's screenshots with the Linux build's, tab by tab (smoke_windows.sh).

    python compare_png.py WINDOWS_PNG_DIR LINUX_PNG_DIR [--tolerance 0.001] [--exclude NAME]

Both renderings use the bundled APA Sans, so the same tab must look alike; the rasterisers differ
(Windows' font engine under Wine, FreeType on Linux): glyph advances differ by a fraction of a
pixel, which adds up along a toolbar or a tab bar to shifts of up to ~20 px. Both images are scaled
down by 8 (which evens out anti-aliasing), and a cell of the Windows image counts as differing only
when no cell of the Linux image within 3 cells across and 1 up or down matches it (grey values
within a quarter of the range): drift is forgiven, a glyph drawn as something else is not. The
difference is the share of differing cells. Measured here (2026-12-02, 19 tabs, evidence panel
included): the Wine build against Linux 0.0000 on every tab (without the shift 0.0014-0.0145); the
same tabs with Bengali drawn as empty boxes (no Bengali font) 0.0029-0.0691. Exit 1 when a tab
differs more than the tolerance or is missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageChops

SCALE = 8
STRONG = 64
"""A grey difference above this (of 255) after scaling counts as a differing cell."""
REACH_ACROSS, REACH_DOWN = 3, 1
"""How far (in cells of 8 px) a matching cell may have drifted."""


def difference(a: Path, b: Path) -> float:
    """The share (0..1) of cells of ``a`` that no nearby cell of ``b`` matches (same-sized images)."""
    first, second = (Image.open(p).convert("L") for p in (a, b))
    if first.size != second.size:
        return 1.0
    size = (first.width // SCALE, first.height // SCALE)
    small, other = (im.resize(size, Image.Resampling.BOX) for im in (first, second))
    nearest = None
    for dx in range(-REACH_ACROSS, REACH_ACROSS + 1):
        for dy in range(-REACH_DOWN, REACH_DOWN + 1):
            diff = ImageChops.difference(small, ImageChops.offset(other, dx, dy))
            nearest = diff if nearest is None else ImageChops.darker(nearest, diff)
    assert nearest is not None
    return sum(nearest.histogram()[STRONG + 1:]) / (size[0] * size[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("windows", type=Path)
    parser.add_argument("linux", type=Path)
    parser.add_argument("--tolerance", type=float, default=0.001)
    parser.add_argument("--exclude", action="append", default=None,
                        help="leave out PNGs whose name contains this")
    args = parser.parse_args()
    excluded = args.exclude or []
    names = sorted(p.name for p in args.linux.glob("*.png") if not any(x in p.name for x in excluded))
    if not names:
        print(f"no PNGs in {args.linux}", file=sys.stderr)
        return 1
    failed = []
    for name in names:
        other = args.windows / name
        value = difference(other, args.linux / name) if other.is_file() else 1.0
        print(f"  {name}: {value:.4f}")
        if value > args.tolerance:
            failed.append(name)
    print(f"{len(names)} tabs compared, {len(failed)} beyond the tolerance {args.tolerance}")
    if failed:
        print(f"differ from the Linux rendering: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
