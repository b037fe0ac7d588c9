"""Recognise what a table is and what its columns hold, from header keywords.

Matching is on text without spaces and by substring, so OCR damage such as
"কর্মসম্পাদন সূচকে" (for "...সূচকের মান"), "অতিউত্তম" or "চলতি মানর নিম্নে" still maps.
"""

from __future__ import annotations

import re

from ..numerals import QUARTER_ORDINALS, to_ascii_digits
from ..vocabulary import Method, Unit, method_of_text, unit_of_text
from .blocks import Block, Row
from .problems import clean, squash

CODE = re.compile(r"^\s*[\[(]\s*([০-৯0-9]+(?:\s*\.\s*[০-৯0-9]+)*)\s*[\])]\s*")
"""A leading official code: ``[১.১.১]`` or ``(১)``."""

ORDINALS = {word: q for q, word in enumerate(QUARTER_ORDINALS, 1)}
PLAN_KINDS = (("section3", ("সেকশন৩", "কর্মসম্পাদনপরিকল্পনা")), ("charter", ("সেবাপ্রদানপ্রতিশ্রুতি",)),
              ("grs", ("অভিযোগপ্রতিকার",)), ("rti", ("তথ্যঅধিকার",)), ("egov", ("ই-গভর্ন্যান্স",)))


def split_code(text: str) -> tuple[str, str, int]:
    """``"[১.১] title"`` -> ``("1.1", "title", 2)``; no code -> ``("", text, 0)``."""
    text = clean(text)
    match = CODE.match(text)
    if not match:
        return "", text, 0
    code = re.sub(r"\s", "", to_ascii_digits(match.group(1)))
    return code, text[match.end():].strip(), code.count(".") + 1


def unit_of(text: str) -> Unit | None:
    return unit_of_text(squash(text))


def method_of(text: str) -> Method | None:
    return method_of_text(squash(text))


def quarter_of(text: str) -> int | None:
    """The quarter an ordinal in a header names ("৩য় ত্রৈমাসিক অর্জন" -> 3)."""
    for word, quarter in ORDINALS.items():
        if word in squash(text):
            return quarter
    return None


def is_numbering_row(row: Row) -> bool:
    """The row "১ ২ ৩ ..." under a header that numbers the columns."""
    cells = [to_ascii_digits(clean(c)) for c in row.cells if clean(c)]
    return len(cells) >= 3 and all(c.isdigit() for c in cells)


def header_text(block: Block, rows: int = 3) -> str:
    return "".join(squash(c) for r in block.rows[:rows] for c in r.cells)


def table_kind(block: Block) -> str:
    """nis, innovation_progress, innovations, enothi_branches, enothi_summary, fourir,
    acronyms, evidence, linked, outcomes, plan, toc or unknown."""
    head = header_text(block)
    first = [clean(r.cells[0]) for r in block.rows]
    if first and all(c.endswith(".....") for c in first if c):
        return "toc"
    for kind, words in (("nis", ("কোয়ার্টার",)), ("innovation_progress", ("প্রস্তাবিতবিষয়",)),
                        ("innovations", ("আইডিয়ার",)), ("enothi_branches", ("হার্ডফাইল",)),
                        ("enothi_summary", ("ব্যবহারকারী",)), ("acronyms", ("শব্দসংক্ষেপ",)),
                        ("evidence", ("প্রমাণক",)), ("linked", ("যেসকলঅফিস",)),
                        ("fourir", ("বাস্তবায়নকারি",)), ("outcomes", ("চূড়ান্তফলাফল", "ফলাফল/প্রভাব"))):
        if any(w in head for w in words):
            return kind
    if "একক" in head and "সূচক" in head:
        return "plan"
    return "unknown"


def plan_kind(headings: list[str], previous: str | None) -> str:
    """Section 3 or an annex, from the title lines above the table (else the previous plan)."""
    text = "".join(squash(h) for h in headings)
    for kind, words in PLAN_KINDS:
        if any(w in text for w in words):
            return kind
    return previous or "section3"


def level_percent(label: str) -> int | None:
    """The level a header names: "১০০%" or "অসাধারণ" -> 100 ... "চলতি মানের নিম্নে" -> 60."""
    text = to_ascii_digits(squash(label))
    match = re.fullmatch(r"(\d+)%", text)
    if match:
        return int(match.group(1))
    for word, percent in (("নিম্ন", 60), ("অসাধারণ", 100), ("অতি", 90), ("চলতি", 70), ("উত্তম", 80)):
        if word in text:
            return percent
    return None


def header_length(block: Block, is_data) -> int:
    """How many leading rows are header (up to and including a numbering row)."""
    for i, row in enumerate(block.rows):
        if is_numbering_row(row):
            return i + 1
        if is_data(row) or (i and _is_group_row(row)):
            return i
    return len(block.rows)


def _is_group_row(row: Row) -> bool:
    """A row with text in its first cell only: a group heading inside the table."""
    cells = [clean(c) for c in row.cells]
    return bool(cells and cells[0]) and not any(cells[1:])


def column_labels(rows: list[Row]) -> list[list[str]]:
    """Per column, the non-empty header texts from top to bottom (no spaces)."""
    width = max((len(r.cells) for r in rows), default=0)
    labels: list[list[str]] = [[] for _ in range(width)]
    for row in rows:
        if is_numbering_row(row):
            continue
        for i, cell in enumerate(row.cells):
            if squash(cell):
                labels[i].append(squash(cell))
    return labels


def years_in(text: str) -> str:
    match = re.search(r"[০-৯0-9]{4}\s*-\s*[০-৯0-9]{2,4}", text)
    return match.group(0).replace(" ", "") if match else ""
