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
