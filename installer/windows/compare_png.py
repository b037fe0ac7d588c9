"""Compare the Windows build's screenshots with the Linux build's, tab by tab (smoke_windows.sh).

    python compare_png.py WINDOWS_PNG_DIR LINUX_PNG_DIR [--tolerance 0.05]

Both renderings use the bundled APA Sans, so the same tab must look alike; the rasterisers differ
(DirectWrite/GDI under Wine, FreeType on Linux), hence a tolerance rather than equality. The
difference is the mean absolute difference of the grey values after scaling both images down by 4
(which evens out anti-aliasing), from 0 (same) to 1. Text drawn as empty boxes, or missing, moves
whole lines of glyphs and exceeds the tolerance. Exit 1 when a tab differs more or is missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageChops, ImageStat


def difference(a: Path, b: Path) -> float:
    """Mean absolute grey difference (0..1) of two same-sized screenshots, scaled down by 4."""
    first, second = (Image.open(p).convert("L") for p in (a, b))
    if first.size != second.size:
        return 1.0
    size = (first.width // 4, first.height // 4)
    first, second = (im.resize(size, Image.Resampling.BOX) for im in (first, second))
    return ImageStat.Stat(ImageChops.difference(first, second)).mean[0] / 255


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("windows", type=Path)
    parser.add_argument("linux", type=Path)
    parser.add_argument("--tolerance", type=float, default=0.05)
    args = parser.parse_args()
    names = sorted(p.name for p in args.linux.glob("*.png"))
    if not names:
        print(f"no PNGs in {args.linux}", file=sys.stderr)
        return 1
    worst = 0.0
    failed = []
    for name in names:
        other = args.windows / name
        value = difference(other, args.linux / name) if other.is_file() else 1.0
        worst = max(worst, value)
        print(f"  {name}: {value:.4f}")
        if value > args.tolerance:
            failed.append(name)
    print(f"largest difference {worst:.4f} (tolerance {args.tolerance})")
    if failed:
        print(f"differ from the Linux rendering: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
