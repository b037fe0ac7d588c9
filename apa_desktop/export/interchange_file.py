"""Reading an office-year from a file a user hands us: interchange JSON, or a PDF that embeds it.

Files come from USB sticks and e-mail: they are checked against the shipped JSON Schema before
anything is decoded, and every failure is a clear message, never a traceback."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core.errors import UserError
from ..core.interchange import InterchangeError, from_document
from ..core.model import OfficeYear
from ..core.validation import require_valid
from ..paths import resource_path

ATTACHMENT_NAME = "office-year.json"
"""The name of the interchange JSON attached to every PDF APA Desktop writes."""

MAX_FILE_BYTES = 64 * 1024 * 1024


class InterchangeFileError(UserError, ValueError):
    """The file is not an office-year this program can read; the message says why.

    Built from both messages, or from one "Bengali / English" text (the older form)."""

    def __init__(self, message_bn: str, message_en: str | None = None, path: str | None = None) -> None:
        if message_en is None:
            message_bn, _, message_en = message_bn.partition(" / ")
            message_en = message_en or message_bn
        super().__init__(message_bn, message_en, path)


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    text = resource_path("schema", "office-year-v1.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def parse_office_year_json(data: bytes, source: str = "file") -> OfficeYear:
    """Validate interchange JSON against the schema, decode it, then validate the decoded document
    (:mod:`apa_desktop.core.validation`; :class:`~apa_desktop.core.errors.DocumentInvalid` lists
    every problem)."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InterchangeFileError(f"{source}: JSON নয়", f"{source}: not JSON: {exc}", source) from None
    error = next(iter(sorted(_validator().iter_errors(payload), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise InterchangeFileError(
            f"{source}: এপিএ ডেস্কটপের ফরম্যাটের সাথে মেলে না ({where})",
            f"{source}: does not match the APA Desktop interchange format at {where}: {error.message[:300]}",
            source)
    try:
        office_year = from_document(payload)
    except (InterchangeError, OverflowError, RecursionError) as exc:
        raise InterchangeFileError(f"{source}: দলিলটি পড়া যায়নি: {exc}", f"{source}: {exc}", source) from None
    return require_valid(office_year, source)


@dataclass(frozen=True)
class FileRead:
    """An office-year read from a file, with what the reader should be told about its origin."""

    office_year: OfficeYear
    notes: tuple[tuple[str, str], ...] = ()
    """(Bengali, English) notes, e.g. that a PDF was unsigned or its signer not checked."""


def read_office_year_file(path: Path, trust: list[bytes] | None = None) -> OfficeYear:
    """An office-year from a ``.json`` interchange file or an APA Desktop PDF (see :func:`read_file`)."""
    return read_file(path, trust).office_year


def read_file(path: Path, trust: list[bytes] | None = None) -> FileRead:
    """An office-year from a ``.json`` interchange file or an APA Desktop PDF.

    A PDF's embedded data is taken only when every signature it carries is intact, valid for its
    time and covers the file (nothing added or replaced after signing), and, when ``trust``
    certificates are given, by one of them; an unsigned PDF is read with a note saying so."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InterchangeFileError(f"{path.name}: ফাইলটি খুব বড় ({size} বাইট, সর্বোচ্চ {MAX_FILE_BYTES})",
                                       f"{path.name}: file too large ({size} bytes, at most {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InterchangeFileError(f"{path}: পড়া যায়নি: {exc.strerror}", f"{path}: cannot read: {exc.strerror}") from None
    if not data.startswith(b"%PDF"):
        if trust:
            raise InterchangeFileError(f"{path.name}: --trust কেবল স্বাক্ষরিত পিডিএফের জন্য; JSON ফাইলে স্বাক্ষর নেই",
                                       f"{path.name}: --trust is for signed PDFs; a JSON file carries no signature")
        return FileRead(parse_office_year_json(data, path.name))
    notes = _signature_notes(data, path.name, trust)
    try:
        return FileRead(extract_embedded_document(data), notes)
    except UserError:
        raise
    except Exception as exc:  # noqa: BLE001 - a hostile or foreign PDF: say so, do not crash
        raise InterchangeFileError(
            f"{path.name}: এই পিডিএফে এপিএ ডেস্কটপের তথ্য নেই / this PDF holds no APA Desktop data ({exc})"
        ) from None


def _signature_notes(data: bytes, name: str, trust: list[bytes] | None) -> tuple[tuple[str, str], ...]:
    """Refuse a PDF whose signatures do not hold; the notes to show for one that is taken."""
    from .signing import verify_pdf

    result = verify_pdf(data, list(trust or []), require_trust=bool(trust))
    if result.reasons == ["the PDF has no signature"]:
        if trust:
            raise InterchangeFileError(f"{name}: পিডিএফটি স্বাক্ষরিত নয়, অথচ --trust দেওয়া হয়েছে",
                                       f"{name}: the PDF is not signed, but --trust was given")
        return (("পিডিএফটি স্বাক্ষরিত নয়: এর তথ্য কেউ সত্যায়িত করেনি", "the PDF was not signed: nobody vouches for its data"),)
    if not result.ok:
        why = "; ".join(result.reasons)[:600]
        raise InterchangeFileError(f"{name}: পিডিএফের স্বাক্ষর ঠিক নেই (স্বাক্ষরের পরে বদলানো বা ভাঙা), তথ্য নেওয়া হয়নি: {why}",
                                   f"{name}: the PDF's signature does not hold, its data was not taken: {why}")
    who = ", ".join(result.signers)
    if trust:
        return ((f"স্বাক্ষর যাচাই হয়েছে: {who}", f"signature verified against the trusted certificate(s): {who}"),)
    return ((f"স্বাক্ষর অক্ষত, কিন্তু স্বাক্ষরকারী ({who}) যাচাই করা হয়নি (--trust দিন)",
             f"the signature is intact, but the signer ({who}) was not checked (give --trust CERT)"),)


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
    try:
        data = embedded_json(pdf_bytes)
    except (KeyError, TypeError) as exc:
        raise InterchangeFileError(
            "এই পিডিএফে এপিএ ডেস্কটপের তথ্য নেই / this PDF holds no APA Desktop data") from exc
    return parse_office_year_json(data, ATTACHMENT_NAME)
