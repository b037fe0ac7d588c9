"""Draw the application icon, installer/windows/apa-desktop.ico (16 to 256 px), with Pillow.

A document page with a ticked line on the colours of the Bangladesh flag: green square, red
disc. Run from the repository root: ``python tools/make_icon.py`` (the .ico is committed; run
this only to change it)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

GREEN, RED, WHITE, GREY = (0, 106, 78, 255), (244, 42, 65, 255), (255, 255, 255, 255), (150, 170, 160, 255)
SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
OUT = Path(__file__).resolve().parent.parent / "installer" / "windows" / "apa-desktop.ico"


def draw(size: int = 256) -> Image.Image:
    """The icon at ``size`` px (drawn at 256 and scaled; the .ico holds every size of SIZES)."""
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, 248, 248), radius=44, fill=GREEN)
    pen.rounded_rectangle((62, 40, 194, 216), radius=12, fill=WHITE)       # the page
    for y in (80, 112, 144):
        pen.rounded_rectangle((84, y, 172, y + 12), radius=6, fill=GREY)  # its lines
    pen.ellipse((128, 140, 216, 228), fill=RED)                            # the disc
    pen.line((146, 186, 166, 206, 200, 160), fill=WHITE, width=14, joint="curve")  # the tick
    return image if size == 256 else image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    draw().save(OUT, format="ICO", sizes=SIZES)
    print(OUT)


if __name__ == "__main__":
    main()
