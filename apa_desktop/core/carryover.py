"""Carry-over templates: an earlier year's template renumbered for a year that has none yet.

Made explicitly, once, and marked ``carry-over`` with the template it came from, so the clerk is
told to check it against the Cabinet Division's guideline. Every field of the source is copied
(fields a later version of the format adds included); only the year changes: each date moves by
the years between, each fiscal year written in a title or column label is renumbered
(২০২৩-২৪ → ২০২৬-২৭, ২০২৩-২০২৪ → ২০২৬-২০২৭) and the previous-actuals and projection columns are
labelled relative to the new year.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from .calendar import plan_year_labels, shift_date, years_between
from .numerals import to_ascii_digits, to_bengali_digits
from .templates import Template, template_from_data, template_id

CARRY_OVER_VERSION = 0
"""A carry-over is version 0: any template issued for the year is newer."""

_DIGIT = "[0-9০-৯]"
_FISCAL_YEAR = re.compile(rf"({_DIGIT}{{4}})(\s*[-\u2010-\u2015/]\s*)({_DIGIT}{{4}}|{_DIGIT}{{2}})(?!{_DIGIT})")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def carry_over(source: Template, fiscal_year: str) -> Template:
    """A carry-over of ``source`` for ``fiscal_year`` (a later year)."""
    years = years_between(source.fiscal_year, fiscal_year)
    data = copy.deepcopy(source.data)
    data.update(
        id=template_id(source.kind, fiscal_year, source.tier, CARRY_OVER_VERSION, "carry-over"),
        fiscal_year=fiscal_year, version=CARRY_OVER_VERSION, status="carry-over", carried_from=source.id,
        source=f"carried over from {source.id}: {source.source}",
        note=(f"{to_bengali_digits(source.fiscal_year)} সালের টেমপ্লেট থেকে নেওয়া: মন্ত্রিপরিষদ বিভাগের "
              f"{to_bengali_digits(fiscal_year)} নির্দেশিকার সাথে "
              f"মিলিয়ে দেখুন / Carried over from {source.fiscal_year}: check it against the Cabinet "
              f"Division's {fiscal_year} guideline"),
    )
    data["plan"] = renumber(data["plan"], years)
    columns = data["plan"].get("columns")
    if isinstance(columns, dict):
        prev, proj = plan_year_labels(fiscal_year)
        if columns.get("prev_years"):
            columns["prev_years"] = list(prev)
        if columns.get("projection_years"):
            columns["projection_years"] = list(proj)
    return template_from_data(data, where=data["id"])


def renumber(data: Any, years: int) -> Any:
    """JSON data with every ISO date moved by ``years`` and every fiscal year in text renumbered."""
    if isinstance(data, dict):
        return {k: renumber(v, years) for k, v in data.items()}
    if isinstance(data, list):
        return [renumber(v, years) for v in data]
    if isinstance(data, str):
        if _ISO_DATE.fullmatch(data):
            return shift_date(date.fromisoformat(data), years).isoformat()
        return renumber_text(data, years)
    return data


def renumber_text(text: str, years: int) -> str:
    """"২০২৩-২৪" → "২০২৬-২৭" for ``years`` = 3, keeping the digits and the form as written."""
    def shifted(match: re.Match[str]) -> str:
        first, sep, second = match.groups()
        start = int(to_ascii_digits(first))
        if to_ascii_digits(second) != f"{start + 1:04d}"[-len(second):]:
            return match.group(0)  # two years that are not one fiscal year: leave them
        new_first, new_second = f"{start + years:04d}", f"{start + years + 1:04d}"[-len(second):]
        bengali = not first.isascii()
        return (to_bengali_digits(new_first) if bengali else new_first) + sep + (
            to_bengali_digits(new_second) if not second.isascii() else new_second)
    return _FISCAL_YEAR.sub(shifted, text)
