"""Reading an office-year from a file a user hands us: interchange JSON, or a PDF that embeds it.

Files come from USB sticks and e-mail: they are checked against the shipped JSON Schema before
anything is decoded, and every failure is a clear message, never a traceback."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..core.errors import UserError
from ..core.interchange import InterchangeError, from_document
from ..core.model import OfficeYear
from ..paths import resource_path

MAX_FILE_BYTES = 64 * 1024 * 1024


class InterchangeFileError(UserError, ValueError):
    """The file is not an office-year this program can read; the message says why."""


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    text = resource_path("schema", "office-year-v1.schema.json").read_text("utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def parse_office_year_json(data: bytes, source: str = "file") -> OfficeYear:
    """Validate interchange JSON against the schema, then decode it."""
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InterchangeFileError(f"{source}: JSON নয় / not JSON: {exc}") from None
    error = next(iter(sorted(_validator().iter_errors(payload), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise InterchangeFileError(
            f"{source}: এপিএ ডেস্কটপের ফরম্যাটের সাথে মেলে না / does not match the APA Desktop "
            f"interchange format at {where}: {error.message[:300]}"
        )
    try:
        return from_document(payload)
    except InterchangeError as exc:
        raise InterchangeFileError(f"{source}: {exc}") from None


def read_office_year_file(path: Path) -> OfficeYear:
    """An office-year from a ``.json`` interchange file or an APA Desktop PDF."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InterchangeFileError(
                f"{path.name}: ফাইলটি খুব বড় / file too large ({size} bytes, at most {MAX_FILE_BYTES})"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InterchangeFileError(f"{path}: পড়া যায়নি / cannot read: {exc.strerror}") from None
    if data.startswith(b"%PDF"):
        from .pdf import extract_embedded_document

        try:
            return extract_embedded_document(data)
        except InterchangeFileError:
            raise
        except Exception as exc:  # a hostile or foreign PDF: say so, do not crash
            raise InterchangeFileError(
                f"{path.name}: এই পিডিএফে এপিএ ডেস্কটপের তথ্য নেই / this PDF holds no APA Desktop data ({exc})"
            ) from None
    return parse_office_year_json(data, path.name)
