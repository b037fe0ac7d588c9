"""Checks of a printed PDF as a person holding the paper would make them (pdfplumber reads the
pages): nothing outside the printable area, and no page that ends in a heading or a lone row."""

from __future__ import annotations

import io
from dataclasses import dataclass

MM = 72 / 25.4
PRINTABLE_MARGIN = 5 * MM
"""A printer cannot print the outermost ~5 mm of the sheet."""


@dataclass(frozen=True)
class Outside:
    page: int
    what: str
    box: tuple[float, float, float, float]

    def __str__(self) -> str:
        x0, top, x1, bottom = self.box
        return f"page {self.page}: {self.what} at x {x0:.1f}…{x1:.1f}, y {top:.1f}…{bottom:.1f}"


def off_paper(pdf: bytes, margin: float = PRINTABLE_MARGIN) -> list[Outside]:
    """Every glyph, line and rectangle that is not inside the page less ``margin`` on each side."""
    import pdfplumber

    found: list[Outside] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, 1):
            width, height = float(page.width), float(page.height)
            objects = [("glyph " + repr(c.get("text", "")), c) for c in page.chars]
            objects += [("line", o) for o in page.lines] + [("rect", o) for o in page.rects]
            objects += [("curve", o) for o in page.curves]
            for what, obj in objects:
                x0, x1, top, bottom = (float(obj[k]) for k in ("x0", "x1", "top", "bottom"))
                if x0 < margin - 0.01 or top < margin - 0.01 or x1 > width - margin + 0.01 or bottom > height - margin + 0.01:
                    found.append(Outside(number, what, (x0, top, x1, bottom)))
    return found


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (pdfplumber), for checks on what a page ends with."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]
