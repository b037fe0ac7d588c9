"""Problems found while importing, and the cell readers that report them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Unreadable, Value
from ..numerals import ParseError, parse_number, parse_value


@dataclass(frozen=True)
class ImportProblem:
    """A cell (or row, column -1) that could not be read, and what was expected there.

    ``line`` is the 1-based line of the source text (or of the pasted rows), ``column`` the
    0-based tab-separated column.
    """

    line: int
    column: int
    text: str
    expected_bn: str
    expected_en: str


_TAGS = re.compile(r"</?[a-zA-Z]+[^>]*>|\*\*|\\\*|^\*|\*$")


def clean(text: str) -> str:
    """A cell as written: NFC, conversion markup (``<b>``, ``**``) dropped, outer spaces stripped."""
    return unicodedata.normalize("NFC", _TAGS.sub("", text)).strip()


def squash(text: str) -> str:
    """Text for keyword matching only: no spaces, no tags."""
    return re.sub(r"\s+", "", clean(text))


class Reader:
    """Collects problems while reading cells of one import."""

    def __init__(self) -> None:
        self.problems: list[ImportProblem] = []

    def problem(self, line: int, column: int, text: str, bn: str, en: str) -> None:
        self.problems.append(ImportProblem(line, column, text, bn, en))

    def value(self, text: str, unit: str, line: int, column: int) -> Value:
        """A typed cell; an unreadable one is kept as :class:`Unreadable` and reported."""
        text = clean(text)
        try:
            return parse_value(text, unit)
        except ParseError as err:
            self.problem(line, column, text, err.message_bn, err.message_en)
            return Unreadable(text)

    def number(self, text: str, line: int, column: int) -> float | None:
        """A plain number (weights, marks); '-' or empty is ``None``."""
        text = clean(text)
        if text in ("", "-", "--", "—"):
            return None
        try:
            return parse_number(text)
        except ParseError as err:
            self.problem(line, column, text, err.message_bn, err.message_en)
            return None
