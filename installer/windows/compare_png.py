"""Compare the Windows build's screenshots with the Linux build's, tab by tab (smoke_windows.sh).

    python compare_png.py WINDOWS_PNG_DIR LINUX_PNG_DIR [--tolerance 0.005] [--exclude evidence]

Both renderings use the bundled APA Sans, so the same tab must look alike; the rasterisers differ
(Windows' font engine under Wine, FreeType on Linux) and line heights differ by a pixel or two,
hence a tolerance rather than equality. Both images are scaled down by 8 (which evens out
anti-aliasing and small shifts); the difference is the share of pixels whose grey value still
differs by more than a quarter of the range. Measured here: the Wine build against Linux
0.0006-0.0011 on every tab; Bengali drawn as empty boxes (no Bengali font) 0.0095-0.024. The
evidence panel's PNG is left out by default: its side list shifts by a line between the two
(0.0115). Exit 1 when a tab differs more than the tolerance or is missing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PIL import Image, ImageChops

SCALE = 8
STRONG = 64
"""A grey difference above this (of 255) after scaling counts as a differing pixel."""


def difference(a: Path, b: Path) -> float:
    """The share (0..1) of pixels that differ strongly between two same-sized screenshots."""
    first, second = (Image.open(p).convert("L") for p in (a, b))
    if first.size != second.size:
        return 1.0
    size = (first.width // SCALE, first.height // SCALE)
    diff = ImageChops.difference(*(im.resize(size, Image.Resampling.BOX) for im in (first, second)))
    return sum(diff.histogram()[STRONG + 1:]) / (size[0] * size[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("windows", type=Path)
    parser.add_argument("linux", type=Path)
    parser.add_argument("--tolerance", type=float, default=0.005)
    parser.add_argument("--exclude", action="append", default=None,
                        help="leave out PNGs whose name contains this (default: evidence)")
    args = parser.parse_args()
    excluded = args.exclude if args.exclude is not None else ["evidence"]
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
