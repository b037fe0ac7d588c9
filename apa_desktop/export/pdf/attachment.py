"""The office-year's interchange JSON as a PDF file attachment (added before signing, so the
signature covers it), and reading it back so ``import-json`` accepts the PDF alone."""

from __future__ import annotations

import io
import zlib

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)

from ...core.model import OfficeYear

ATTACHMENT_NAME = "office-year.json"


def attach_json(canvas: object, payload: bytes, name: str = ATTACHMENT_NAME) -> None:
    """Add ``payload`` to the document catalogue's EmbeddedFiles name tree."""
    doc = canvas._doc
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile"), "Subtype": PDFName("application#2Fjson"),
                                      "Filter": PDFName("FlateDecode"),
                                      "Params": PDFDictionary({"Size": len(payload)})}),
                       content=zlib.compress(payload, 6), filters=[])
    stream_ref = doc.Reference(stream)
    spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(name), "UF": PDFString(name),
                          "Desc": PDFString("APA Desktop office-year (interchange JSON)"),
                          "AFRelationship": PDFName("Data"),
                          "EF": PDFDictionary({"F": stream_ref, "UF": stream_ref})})
    spec_ref = doc.Reference(spec)
    doc.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(name), spec_ref])})})
    doc.Catalog.AF = PDFArray([spec_ref])


def embedded_json(pdf_bytes: bytes, name: str = ATTACHMENT_NAME) -> bytes:
    """The attached file's bytes (pyHanko's reader, imported lazily). KeyError when absent."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for index in range(0, len(names), 2):
        if str(names[index]) == name:
            return names[index + 1]["/EF"]["/F"].data
    raise KeyError(name)


def extract_embedded_document(pdf_bytes: bytes) -> OfficeYear:
    """Decode the office-year embedded in an APA Desktop PDF (schema-checked like a JSON file)."""
    from ..interchange_file import InterchangeFileError, parse_office_year_json

    try:
        data = embedded_json(pdf_bytes)
    except (KeyError, TypeError) as exc:
        raise InterchangeFileError(
            "এই পিডিএফে এপিএ ডেস্কটপের তথ্য নেই / this PDF holds no APA Desktop data") from exc
    return parse_office_year_json(data, ATTACHMENT_NAME)
