"""The office-year's interchange JSON as a PDF file attachment (added before signing, so the
signature covers it); export/interchange_file.py reads it back, so ``import-json`` accepts the
PDF alone."""

from __future__ import annotations

import zlib

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)

from ..interchange_file import ATTACHMENT_NAME


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
