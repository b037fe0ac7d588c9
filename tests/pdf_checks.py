"""Checks of a printed PDF as a person holding the paper would make them: nothing outside the
printable area (pypdfium2 reads the pages: every text run, line and rectangle with its bounds)."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4
PRINTABLE_MARGIN = 5 * MM
"""A printer cannot print the outermost ~5 mm of the sheet."""
KINDS = {1: "text", 2: "line or rectangle", 3: "image", 4: "shading", 5: "form"}
"""pdfium's page-object types (FPDF_PAGEOBJ_*). A form (a page number filled in after layout)
is checked by its bounds on the page, which clip all it draws."""


@dataclass(frozen=True)
class Outside:
    page: int
    what: str
    box: tuple[float, float, float, float]

    def __str__(self) -> str:
        left, bottom, right, top = self.box
        return f"page {self.page}: {self.what} at x {left:.1f}…{right:.1f}, y {bottom:.1f}…{top:.1f}"


def off_paper(pdf: bytes, margin: float = PRINTABLE_MARGIN) -> list[Outside]:
    """Every text run (so every glyph), line and rectangle not inside the page less ``margin``."""
    import pypdfium2 as pdfium

    found: list[Outside] = []
    document = pdfium.PdfDocument(pdf)
    try:
        for number, page in enumerate(document, 1):
            width, height = page.get_size()
            for obj in page.get_objects(max_depth=0):
                if obj.type not in KINDS:
                    continue
                left, bottom, right, top = obj.get_bounds()
                if (left < margin - 0.01 or bottom < margin - 0.01 or right > width - margin + 0.01
                        or top > height - margin + 0.01):
                    found.append(Outside(number, KINDS[obj.type], (left, bottom, right, top)))
    finally:
        document.close()
    return found
