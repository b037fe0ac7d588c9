"""The last resort of the command line and the window: an unexpected error's traceback goes to a
log file in the user's data folder, and the person is told where it is (never shown a traceback)."""

from __future__ import annotations

import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

LOG_DIR_NAME = "logs"


def log_folder() -> Path:
    from .paths import default_data_dir

    return default_data_dir() / LOG_DIR_NAME


def write_crash_log(exc: BaseException) -> Path | None:
    """Write ``exc``'s traceback to a new file in the logs folder (the temporary folder when that
    cannot be written); its path, or None when no file could be written at all (a full disk)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    for folder in (log_folder(), Path(tempfile.gettempdir())):
        path = folder / f"apa-desktop-error-{stamp}.log"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        return path
    return None


def crash_message(exc: BaseException) -> tuple[str, str]:
    """(Bengali, English) for an unexpected error, naming the log file written for it."""
    path = write_crash_log(exc)
    where_bn = f"বিস্তারিত লেখা আছে: {path}" if path else "বিস্তারিত লিখে রাখা যায়নি (ডিস্ক ভরা?)"
    where_en = f"The details are in {path}" if path else "The details could not be written (is the disk full?)"
    return (f"একটি অপ্রত্যাশিত ত্রুটি হয়েছে ({type(exc).__name__})। আগে সংরক্ষিত তথ্য অক্ষত আছে। {where_bn}; "
            "ফাইলটি সহায়তাকারীকে পাঠান।",
            f"An unexpected error happened ({type(exc).__name__}). What was saved before is intact. {where_en}; "
            "send that file to whoever supports you.")
