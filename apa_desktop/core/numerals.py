"""Parse and format numbers, dates and codes with Bengali (০-৯) or ASCII digits.

Every parser accepts Bengali and ASCII digits, mixed in one string, and raises
:class:`ParseError` (a ``ValueError``) with a Bengali and an English message that say
what was expected and quote what was written. A parser never returns a half-read value:
the whole text must be understood or the call fails.

Formatting prints Bengali digits by default with Indian grouping (১২,৩৪,৫৬৭.৫০).
Babel never prints Bengali digits, so digits are transliterated here; grouping is done
by hand because it runs on every repaint and is a few string operations.

Round trip: ``parse_value(format_value(v, unit), unit) == v`` for every value of the
unit except :class:`~apa_desktop.core.model.Unreadable` and the empty
``CountDate(None, ())``, which prints as an empty cell and reads back as ``None``.
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from .errors import UserError
from .model import UNITS, CountDate, Unreadable, Value

_BN_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_ASCII = str.maketrans(_BN_DIGITS, "0123456789")
_TO_BENGALI = str.maketrans("0123456789", _BN_DIGITS)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
"""Zero-width space/joiners, word joiner, BOM and soft hyphen: removed before parsing."""
_QUOTE_LIMIT = 60
T = TypeVar("T")

_NUMBER = re.compile(r"(?P<sign>[-\u2212]\s*)?(?P<int>[0-9,]*)(?:\.(?P<frac>[0-9]*))?\s*(?P<pct>%)?")
_DIGIT_RUN = re.compile(r"[0-9]+")
_NUMBERS_ONLY = re.compile(r"[-\u2212%.,0-9\s]+")
_WESTERN = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
_INDIAN = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3}")
_DMY = re.compile(r"([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})\s*[./-]\s*([0-9]{4}|[0-9]{2})")
_YMD = re.compile(r"([0-9]{4})\s*[./-]\s*([0-9]{1,2})\s*[./-]\s*([0-9]{1,2})")
_EMPTY = re.compile(r"[\s\-\u2010-\u2015\u2212]*")
_CODE = re.compile(r"([0-9]+(?:\s*\.\s*[0-9]+)*)\s*\.?")
_SPACE_AROUND_SEPARATOR = re.compile(r"(?<=[0-9])\s*([./-])\s*(?=[0-9])")
_TOKEN = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<date>(?:[0-9]{1,2}[./-][0-9]{1,2}[./-](?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{4}[./-][0-9]{1,2}[./-][0-9]{1,2})(?![0-9]))"
    r"|(?P<ordinal>[0-9](?:\u09ae|\u09af\u09bc|\u09df|\u09b0\u09cd\u09a5|\u09b7\u09cd\u09a0)\s*[:\u0983]?)"
    r"|(?P<number>[0-9][0-9,]*(?:\.[0-9]+)?%?)"
    r"|(?P<connector>\u0993|\u098f\u09ac\u0982|and|&|,|;)"  # ও, এবং
)
"""The words of a count-and-date cell ("৪ ও ৩১/০৭/২০২৩ ...", "১ম: ৩০.০৯.২২ ২য়: ...")."""


class ParseError(UserError, ValueError):
    """Text that could not be read; ``str(err)`` is ``"<message_bn> / <message_en>"``."""

    def __init__(self, text: str, message_bn: str, message_en: str) -> None:
        UserError.__init__(self, message_bn, message_en)
        self.text = text

    def __reduce__(self) -> tuple:
        return (type(self), (self.text, self.message_bn, self.message_en))


def to_ascii_digits(text: str) -> str:
    """Bengali digits replaced by ASCII digits; everything else unchanged."""
    return text.translate(_TO_ASCII)


def to_bengali_digits(text: str) -> str:
    """ASCII digits replaced by Bengali digits; everything else unchanged."""
    return text.translate(_TO_BENGALI)


def with_digits(text: str, digits: str) -> str:
    """``text`` (written with ASCII digits) in the digit system ``digits`` ("bn" or "en")."""
    if digits == "bn":
        return text.translate(_TO_BENGALI)
    if digits == "en":
        return text
    raise ValueError(f"digits must be 'bn' or 'en', not {digits!r}")


def normalize_input(text: str) -> str:
    """NFC, invisible characters removed, ASCII digits, outer spaces (NBSP too) stripped."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_TO_ASCII).strip()


def _quote(text: str) -> str:
    text = text.strip()
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return f"“{text}”"


def parse_error(text: str, bn: str, en: str) -> ParseError:
    """A ParseError whose messages end with the offending input, quoted."""
    if not text.strip():
        return ParseError(text, f"{bn}; ঘরটি খালি", f"{en}; the cell is empty")
    return ParseError(text, f"{bn}; লেখা আছে {_quote(text)}", f"{en}; got {_quote(text)}")


# --------------------------------------------------------------------------- numbers

_NUMBER_BN = "সংখ্যা দিন, যেমন ১২,৩৪,৫৬৭.৮৯ বা ৮৫%"
_NUMBER_EN = "Enter a number such as 12,34,567.89 or 85%"


def parse_number(text: str) -> float:
    """A number with Bengali/ASCII digits, Indian or Western grouping, optional '-' and '%'.

    A trailing '%' is dropped: "৮৫%" is 85.0.
    """
    value, _ = _number(text)
    return value


def _number(text: str) -> tuple[float, bool]:
    """The number and whether it carried a '%'."""
    clean = normalize_input(text)
    match = _NUMBER.fullmatch(clean)
    if not match or not (match["int"] or match["frac"]):
        raise _number_error(text, clean)
    whole = match["int"]
    if "," in whole and not (_WESTERN.fullmatch(whole) or _INDIAN.fullmatch(whole)):
        raise parse_error(
            text,
            "কমা ভুল জায়গায়: লিখুন ১২,৩৪,৫৬৭ বা ১,২৩৪,৫৬৭",
            "Misplaced comma: group digits as 12,34,567 or 1,234,567",
        )
    number = float(f"{'-' if match['sign'] else ''}{whole.replace(',', '') or '0'}.{match['frac'] or '0'}")
    if not math.isfinite(number):
        raise parse_error(text, "সংখ্যাটি অনেক বড়", "The number is too large")
    return number, bool(match["pct"])


def _number_error(text: str, clean: str) -> ParseError:
    if len(_DIGIT_RUN.findall(clean)) > 1 and _NUMBERS_ONLY.fullmatch(clean):
        return parse_error(text, "একটিমাত্র সংখ্যা দিন", "Enter a single number")
    return parse_error(text, _NUMBER_BN, _NUMBER_EN)


def _grouped(integer: str) -> str:
    """ASCII digits with Indian grouping: last three, then pairs."""
    if len(integer) <= 3:
        return integer
    head, tail = integer[:-3], integer[-3:]
    pairs = [head[max(i - 2, 0) : i] for i in range(len(head), 0, -2)]
    return ",".join(reversed(pairs)) + "," + tail


def _group_fixed(plain: str) -> str:
    """Group the integer part of a plain fixed-point string ("-1234567.5")."""
    sign = "-" if plain.startswith("-") else ""
    integer, _, fraction = plain.lstrip("-").partition(".")
    body = _grouped(integer) + (f".{fraction}" if fraction else "")
    return sign + body if body.strip("0.,") else body


def format_number(x: float, digits: str = "bn", decimals: int | None = None) -> str:
    """A number with Indian grouping: ``format_number(1234567.5)`` is "১২,৩৪,৫৬৭.৫".

    ``decimals=None`` prints whole numbers without a fraction and others rounded to four
    decimals with trailing zeros trimmed; ``decimals=n`` prints exactly ``n`` decimals.
    """
    plain = f"{x:.4f}".rstrip("0").rstrip(".") if decimals is None else f"{x:.{decimals}f}"
    return with_digits(_group_fixed(plain), digits)


def _format_exact(x: float, digits: str) -> str:
    """The shortest text that reads back as exactly ``x`` (no exponent), grouped."""
    if x.is_integer() and abs(x) < 1e16:
        plain = str(int(x))
    else:
        plain = format(Decimal(repr(float(x))), "f")
        if "." in plain:
            plain = plain.rstrip("0").rstrip(".")
    return with_digits(_group_fixed(plain), digits)


def format_percent(x: float, digits: str = "bn") -> str:
    """``format_percent(85)`` is "৮৫%"."""
    return format_number(x, digits) + "%"


def format_score(x: float, digits: str = "bn") -> str:
    """A score with two decimals: "৮.৭০"."""
    return format_number(x, digits, decimals=2)


# --------------------------------------------------------------------------- dates

_DATE_BN = "তারিখ দিন: দিন/মাস/বছর (যেমন ১৬/০৩/২০২৪)"
_DATE_EN = "Enter a date as dd/mm/yyyy (e.g. 16/03/2024)"


def parse_date(text: str) -> date:
    """A date as dd/mm/yyyy ('/', '-' or '.', even mixed; two-digit years are 20yy) or ISO."""
    clean = normalize_input(text)
    match = _DMY.fullmatch(clean)
    if match:
        day, month, year = match.groups()
    else:
        match = _YMD.fullmatch(clean)
        if not match:
            raise parse_error(text, _DATE_BN, _DATE_EN)
        year, month, day = match.groups()
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    return _calendar_date(text, full_year, int(month), int(day))


def _calendar_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        raise parse_error(text, "মাস ১ থেকে ১২ হতে হবে (দিন/মাস/বছর)", "The month must be 1 to 12 (dd/mm/yyyy)")
    if not 1 <= year <= 9999:
        raise parse_error(text, _DATE_BN, _DATE_EN)
    days = _stdlib_calendar.monthrange(year, month)[1]
    raise parse_error(
        text,
        f"এই তারিখ ক্যালেন্ডারে নেই: সেই মাসে {to_bengali_digits(str(days))} দিন",
        f"No such date: that month has {days} days",
    )


def format_date(d: date, digits: str = "bn") -> str:
    """dd/mm/yyyy: "১৬/০৩/২০২৪"."""
    return with_digits(f"{d.day:02d}/{d.month:02d}/{d.year:04d}", digits)


QUARTER_ORDINALS = ("১ম", "২য়", "৩য়", "৪র্থ")
"""How the forms number the quarters: "৩য় ত্রৈমাসিক অর্জন"."""


def quarter_title(quarter: int) -> str:
    """The title of a quarter's report: "৩য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন"; the fourth quarter's
    is the annual self-evaluation."""
    if quarter == 4:
        return "বার্ষিক স্বমূল্যায়ন প্রতিবেদন"
    return f"{QUARTER_ORDINALS[quarter - 1]} ত্রৈমাসিক অগ্রগতি প্রতিবেদন"


# The spelling of the government forms (seed 002: "জানুয়ারী"), fixed here rather than taken from
# Babel, whose CLDR data changed it to "জানুয়ারি" in 2.18: a printed date must not change with a
# library upgrade.
MONTH_NAMES = (
    "জানুয়ারী", "ফেব্রুয়ারী", "মার্চ", "এপ্রিল", "মে", "জুন",
    "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর",
)


def format_date_long(d: date, digits: str = "bn") -> str:
    """"জুলাই ১, ২০২২": Bengali month name, day, year."""
    return f"{MONTH_NAMES[d.month - 1]} {with_digits(str(d.day), digits)}, {with_digits(str(d.year), digits)}"


# --------------------------------------------------------------------------- values


def parse_value(text: str, unit: str) -> Value:
    """A cell of the given unit: a float, a date, a :class:`CountDate` or ``None``.

    '-' and empty cells are ``None``. A '%' is accepted only for the unit "percent", so
    that an importer can tell a share of the target from a value (DOMAIN §8). For the
    unit "date", a cell with several dates is ``CountDate(None, dates)``.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    if _EMPTY.fullmatch(text.translate(_INVISIBLE)):
        return None
    if unit == "date":
        return _parse_dates_cell(text)
    if unit == "count_date":
        return _parse_count_date(text)
    value, percent = _number(text)
    if percent and unit != "percent":
        raise parse_error(
            text,
            "এই সূচকের মান শতাংশে নয়: % ছাড়া মানটি দিন",
            "This indicator is not measured in percent: enter the value without %",
        )
    return value


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, word) pairs of a count-and-date cell, spaces dropped; ParseError if unreadable."""
    clean = _SPACE_AROUND_SEPARATOR.sub(r"\1", normalize_input(text))
    tokens, pos = [], 0
    while pos < len(clean):
        match = _TOKEN.match(clean, pos)
        if not match:
            raise parse_error(
                text,
                "সংখ্যা ও তারিখ দিন, যেমন ৪ ও ৩১/০৭/২০২৩ ৩১/১০/২০২৩",
                "Enter a count and dates, e.g. 4 and 31/07/2023 31/10/2023",
            )
        assert match.lastgroup is not None, "every alternative of _TOKEN is a named group"
        if match.lastgroup != "space":
            tokens.append((match.lastgroup, match.group()))
        pos = match.end()
    return tokens


def _count_and_dates(text: str) -> tuple[float | None, tuple[date, ...]]:
    """Read "[count] [ও] [ordinal] date [ও] [ordinal] date ..." strictly."""
    tokens = _tokens(text)
    bad = parse_error(
        text,
        "সংখ্যা ও তারিখ দিন, যেমন ৪ ও ৩১/০৭/২০২৩ ৩১/১০/২০২৩",
        "Enter a count and dates, e.g. 4 and 31/07/2023 31/10/2023",
    )
    if not tokens or tokens[0][0] == "connector" or tokens[-1][0] in ("connector", "ordinal"):
        raise bad
    count = None
    bengali = text.translate(_TO_ASCII) != text
    if tokens[0][0] == "number":
        if tokens[0][1].endswith("%"):
            raise bad
        count = _read_part(parse_number, text, tokens[0][1], bengali)
        tokens = tokens[1:]
    dates = []
    for i, (kind, word) in enumerate(tokens):
        if kind == "date":
            dates.append(_read_part(parse_date, text, word, bengali))
        elif kind == "number" or (kind == "ordinal" and tokens[i + 1][0] != "date"):
            raise bad
    return count, tuple(dates)


def _read_part(parser: Callable[[str], T], text: str, word: str, bengali: bool) -> T:
    """Read one word of a cell; an error quotes the word as written, ``err.text`` is the cell."""
    try:
        return parser(to_bengali_digits(word) if bengali else word)
    except ParseError as err:
        raise ParseError(text, err.message_bn, err.message_en) from None


def _parse_count_date(text: str) -> CountDate:
    count, dates = _count_and_dates(text)
    return CountDate(count, dates)


def _parse_dates_cell(text: str) -> date | CountDate:
    count, dates = _count_and_dates(text)
    if count is not None or not dates:
        raise parse_error(text, _DATE_BN, _DATE_EN)
    return dates[0] if len(dates) == 1 else CountDate(None, dates)


def _format_count_date(value: CountDate, digits: str) -> str:
    dates = [format_date(d, digits) for d in value.dates]
    if value.count is None:
        return " ও ".join(dates)
    count = _format_exact(value.count, digits)
    return " ও ".join([count, " ".join(dates)]) if dates else count


def format_value(value: Value, unit: str, digits: str = "bn") -> str:
    """A cell value as text that :func:`parse_value` reads back to the same value.

    Numbers are printed with as many decimals as needed to be exact (Indian grouping),
    percents with '%', dates as dd/mm/yyyy, count-and-date as "৪ ও ৩১/০৭/২০২৩ ...".
    """
    if value is None:
        return ""
    if isinstance(value, Unreadable):
        return value.text
    if isinstance(value, CountDate):
        return _format_count_date(value, digits)
    if isinstance(value, date):
        return format_date(value, digits)
    text = _format_exact(float(value), digits)
    return text + "%" if unit == "percent" else text


# --------------------------------------------------------------------------- codes


def parse_code(text: str) -> str:
    """An activity/indicator code: "[১.১.১]", "১.১", "(১)" -> "1.1.1", "1.1", "1"."""
    clean = normalize_input(text)
    if len(clean) >= 2 and (clean[0], clean[-1]) in (("[", "]"), ("(", ")")):
        clean = clean[1:-1].strip()
    match = _CODE.fullmatch(clean)
    if not match:
        raise parse_error(text, "ক্রমিক কোড দিন, যেমন [১.১.১]", "Enter a code such as [1.1.1]")
    return ".".join(part.strip().lstrip("0") or "0" for part in match[1].split("."))


def format_code(code: str, digits: str = "bn") -> str:
    """"1.1.1" -> "[১.১.১]"; an empty code stays empty."""
    return with_digits(f"[{code}]", digits) if code else ""
