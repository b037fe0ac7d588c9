"""The one kind of error a person reads: every message meant for the user derives from UserError.

The window shows a UserError through its one presenter in the current language; the command line
prints it in the language asked and exits non-zero. Anything else reaching the top is a defect.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["bn", "en"]


class UserError(Exception):
    """An error a person can act on, in Bengali and English, with the path it is about if any.

    ``str()`` gives "Bengali / English" so logs and old callers keep both. An error raised with
    one text (older classes that now derive from UserError) takes "Bengali / English" apart when
    it is written so, else shows that text in both languages.
    """

    def __init__(self, message_bn: str, message_en: str | None = None, path: str | None = None) -> None:
        if message_en is None:
            bn, sep, en = str(message_bn).partition(" / ")
            message_bn, message_en = (bn, en) if sep else (str(message_bn), str(message_bn))
        super().__init__(f"{message_bn} / {message_en}" if message_bn != message_en else message_bn)
        self.message_bn = message_bn
        self.message_en = message_en
        self.path = path

    def message(self, lang: str = "bn") -> str:
        """The message in ``lang`` ("bn" or "en"; anything else is read as Bengali)."""
        return self.message_en if lang == "en" else self.message_bn

    def __str__(self) -> str:
        if self.message_bn == self.message_en:
            return self.message_bn
        return f"{self.message_bn} / {self.message_en}"


class DocumentInvalid(UserError):
    """An incoming document refused by :mod:`apa_desktop.core.validation`; ``problems`` lists every
    problem found (each with its path and its Bengali and English message). Nothing was stored."""

    SHOWN = 10
    """How many problems the message itself lists (all are in ``problems``)."""

    def __init__(self, problems: list, source: str = "") -> None:
        self.problems = list(problems)
        head = f"{source}: " if source else ""
        shown = self.problems[: self.SHOWN]
        more = len(self.problems) - len(shown)
        lines_bn = [f"  {p.path}: {p.message_bn}" for p in shown] + ([f"  … আরও {more}টি সমস্যা"] if more else [])
        lines_en = [f"  {p.path}: {p.message_en}" for p in shown] + ([f"  … {more} more problem(s)"] if more else [])
        super().__init__(
            "\n".join([f"{head}দলিলটি গ্রহণ করা হয়নি, কিছুই সংরক্ষণ করা হয়নি ({len(self.problems)}টি সমস্যা):", *lines_bn]),
            "\n".join([f"{head}the document was refused, nothing was stored "
                       f"({len(self.problems)} problem(s)):", *lines_en]),
            path=source or None,
        )


_NOTHING_LOST_BN = "যা আগে সংরক্ষিত ছিল তা অক্ষত আছে; এই কাজটি সংরক্ষিত হয়নি।"
_NOTHING_LOST_EN = "Nothing saved before was lost; this action was not saved."


def environment_reason(exc: BaseException) -> tuple[str, str] | None:
    """What an ``OSError`` or an SQLite error means (disk full, read-only folder, locked database, a
    file that vanished) as (Bengali, English), naming the file when the error does; ``None`` for
    anything else. Pure: SQLite errors are recognised by their class's module and their text."""
    import errno

    text = str(exc)
    lowered = text.lower()
    if isinstance(exc, OSError):
        where = exc.filename or ""
        code = exc.errno
        if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
            what = ("ডিস্ক ভরে গেছে: জায়গা খালি করে আবার চেষ্টা করুন", "the disk is full: free some space and try again")
        elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
            what = ("ফোল্ডার বা ফাইলটিতে লেখা যায় না (শুধু-পড়ার বা অনুমতি নেই)",
                    "the folder or file cannot be written (read-only, or no permission)")
        elif code in (errno.ENOENT, errno.ENOTDIR):
            what = ("ফাইল বা ফোল্ডারটি পাওয়া যায়নি (সরানো বা মুছে ফেলা হয়েছে?)",
                    "the file or folder is not there (moved or deleted?)")
        else:
            what = (f"ফাইল পড়া/লেখা যায়নি ({exc.strerror or text})", f"a file could not be read or written ({exc.strerror or text})")
        suffix = f": {where}" if where else ""
        return f"{what[0]}{suffix}", f"{what[1]}{suffix}"
    if type(exc).__module__ in ("sqlite3", "_sqlite3") or type(exc).__name__ in ("OperationalError", "DatabaseError"):
        if "full" in lowered:
            return "ডিস্ক ভরে গেছে: জায়গা খালি করে আবার চেষ্টা করুন", "the disk is full: free some space and try again"
        if "locked" in lowered or "busy" in lowered:
            return ("ডাটাবেস অন্য একটি প্রোগ্রাম ব্যবহার করছে: সেটি বন্ধ করে আবার চেষ্টা করুন",
                    "the database is in use by another program: close it and try again")
        if "readonly" in lowered or "read-only" in lowered:
            return "ডাটাবেসে লেখা যায় না (শুধু-পড়ার ফোল্ডার বা ফাইল)", "the database cannot be written (read-only folder or file)"
        if "unable to open" in lowered:
            return ("ডাটাবেস ফাইলটি খোলা যায়নি (ফোল্ডারটি শুধু-পড়ার, নেই, বা অনুমতি নেই)",
                    "the database file cannot be opened (its folder is read-only, missing, or not permitted)")
        return f"ডাটাবেসের ত্রুটি ({text})", f"a database error ({text})"
    return None


def environment_error(exc: BaseException) -> UserError | None:
    """:func:`environment_reason` as the error a person reads, saying that nothing saved was lost;
    ``None`` for anything else."""
    reason = environment_reason(exc)
    if reason is None:
        return None
    where = exc.filename if isinstance(exc, OSError) else None
    return UserError(f"{reason[0]}। {_NOTHING_LOST_BN}", f"{reason[1]}. {_NOTHING_LOST_EN}", str(where) if where else None)
