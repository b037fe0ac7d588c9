"""How much of a PDF's own Bengali text an extractor gives back: shared by
tests/test_pdf_text_search.py and bench/bench_pdf_text.py.

A document's own words are the Bengali words of the office-year JSON embedded in the PDF that the
document draws (recorded from the words ReportLab shapes while it builds the PDF: an annex printed
alone does not draw the other annexes' words). An extractor finds a word when the word occurs as a
whole word in its text of the document's pages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import ttfonts
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import paragraph

from apa_desktop.core.demo import demo_office_years
from apa_desktop.core.model import OfficeYear, annex_kinds, register_kinds
from apa_desktop.export.fonts import register_fonts
from apa_desktop.export.pdf import document_pdf, embedded_json

BENGALI = re.compile("[\u0980-\u09ff]")
EDGE_PUNCTUATION = "()[]{},;:!?'\"‘’“”।॥/|*-–—…"


def words(text: str) -> set[str]:
    """The Bengali words of a text (NFC, split at white space, punctuation at the ends dropped)."""
    found = set()
    for token in unicodedata.normalize("NFC", text).split():
        token = token.strip(EDGE_PUNCTUATION)
        if BENGALI.search(token):
            found.add(token)
    return found


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def embedded_words(pdf: bytes) -> set[str]:
    """The Bengali words of every text in the office-year JSON embedded in the PDF."""
    data = json.loads(embedded_json(pdf))
    return set().union(*(words(text) for text in json_strings(data)))


@contextmanager
def recording_drawn_words() -> Iterator[set[str]]:
    """Collect the words ReportLab shapes (its input text, before any glyph is chosen)."""
    register_fonts()  # install the text layer first: it wraps ReportLab's own shapeFragWord
    drawn: set[str] = set()
    modules = (ttfonts, paragraph, rl_canvas)
    originals = [module.shapeFragWord for module in modules]

    def recorder(original: Callable) -> Callable:
        def shape(w, *args, **kwargs):
            drawn.update(words("".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))))
            return original(w, *args, **kwargs)
        return shape

    for module, original in zip(modules, originals):
        module.shapeFragWord = recorder(original)
    try:
        yield drawn
    finally:
        for module, original in zip(modules, originals):
            module.shapeFragWord = original


@dataclass
class Export:
    office_year: OfficeYear
    quarter: int | None
    part: str | None  # None (the APA or report), an annex kind or a register kind
    pdf: bytes
    own_words: set[str]  # the embedded JSON's words that the document draws

    @property
    def name(self) -> str:
        quarter = f" Q{self.quarter}" if self.quarter else ""
        return f"{self.office_year.office.id} {self.office_year.fiscal_year} {self.part or 'apa'}{quarter}"


def demo_exports() -> Iterator[Export]:
    """Every export kind of every demo office-year: the APA, the four quarterly reports, each
    annex alone, each register."""
    for office_year in demo_office_years():
        for quarter, part in export_kinds(office_year):
            with recording_drawn_words() as drawn:
                pdf = document_pdf(office_year, quarter, part)
            yield Export(office_year, quarter, part, pdf, embedded_words(pdf) & drawn)


def export_kinds(office_year: OfficeYear) -> list[tuple[int | None, str | None]]:
    kinds: list[tuple[int | None, str | None]] = [(None, None), (1, None), (2, None), (3, None), (4, None)]
    kinds += [(None, kind) for kind in annex_kinds(office_year)]
    kinds += [(None, kind) for kind in register_kinds(office_year)]
    return kinds


def pdftotext(pdf: bytes) -> str:
    """poppler's text of every page, in -layout mode: its default mode joins a line that ends
    in a hyphen with the next one and drops the hyphen (ই-\nনথি -> ইনথি), which no viewer's copy
    or search does."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run([shutil.which("pdftotext") or "pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                              check=True, capture_output=True).stdout.decode("utf-8")


def pymupdf_text(pdf: bytes) -> str:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def pdfium_text(pdf: bytes) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def found_share(own_words: set[str], extracted: str) -> tuple[float, set[str]]:
    """The share of the document's own words the extracted text holds, and the missing ones."""
    missing = own_words - words(extracted)
    return (1 - len(missing) / len(own_words)) if own_words else 1.0, missing
