"""Accepting evidence files (প্রমাণক): size limit and kind by content, checked against the name."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import PurePath

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_SETTING = "evidence.max_bytes"

MIMES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg", ".png": "png", ".docx": "docx", ".xlsx": "xlsx"}


MAX_NAME = 150
_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
_RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


def safe_name(name: str) -> str:
    """A file name safe to store and to write into a folder on any system: the last part of any
    path (``../``, ``C:\\``, ``/etc/``), without control or reserved characters, not a Windows
    device name, at most :data:`MAX_NAME` characters (the extension kept); "evidence" if nothing
    is left. Used when a file is attached and again when it is opened."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", str(name)))[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base:
        return "evidence"
    if _RESERVED.fullmatch(base):
        base = f"_{base}"
    if len(base) > MAX_NAME:
        suffix = PurePath(base).suffix[:16]
        base = base[: MAX_NAME - len(suffix)] + suffix
    return base


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are ("pdf", "jpg", "png", "docx", "xlsx"), or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    return None


def check_evidence(data: bytes, name: str, max_bytes: int) -> str:
    """The MIME type of an acceptable evidence file; raises ``EvidenceRejected`` otherwise."""
    from .errors import EvidenceRejected

    if len(data) > max_bytes:
        mb = max_bytes / (1024 * 1024)
        raise EvidenceRejected(
            f"ফাইলটি খুব বড় ({len(data) / (1024 * 1024):.1f} MB); সর্বোচ্চ {mb:g} MB: {name}",
            f"The file is too large ({len(data) / (1024 * 1024):.1f} MB); the limit is {mb:g} MB: {name}",
        )
    kind = sniff(data)
    by_name = EXTENSIONS.get(PurePath(name).suffix.lower())
    if kind is None or by_name is None:
        raise EvidenceRejected(
            f"এই ধরনের ফাইল প্রমাণক হিসেবে নেওয়া যায় না (PDF, JPG, PNG, DOCX, XLSX চলে): {name}",
            f"This kind of file is not accepted as evidence (PDF, JPG, PNG, DOCX, XLSX are): {name}",
        )
    if kind != by_name:
        raise EvidenceRejected(
            f"ফাইলের নাম ({name}) আর ভেতরের ধরন ({kind.upper()}) মেলে না",
            f"The file name ({name}) does not match its content ({kind.upper()})",
        )
    return MIMES[kind]
