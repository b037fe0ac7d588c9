"""The one kind of error a person reads: every message meant for the user derives from UserError.

The window shows a UserError through its one presenter in the current language; the command line
prints it in the language asked and exits non-zero. Anything else reaching the top is a defect.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["bn", "en"]


class UserError(Exception):
    """An error a person can act on, in Bengali and English, with the path it is about if any.

    ``str()`` gives "Bengali / English" so logs and old callers keep both.
    """

    def __init__(self, message_bn: str, message_en: str, path: str | None = None) -> None:
        super().__init__(f"{message_bn} / {message_en}")
        self.message_bn = message_bn
        self.message_en = message_en
        self.path = path

    def message(self, lang: str = "bn") -> str:
        """The message in ``lang`` ("bn" or "en"; anything else is read as Bengali)."""
        return self.message_en if lang == "en" else self.message_bn

    def __str__(self) -> str:
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
