"""Every cell of every table of seeds 000, 002, 003 and 004 comes back out of the exported JSON.

The seed text is read here independently of the importer: each data row is located in
``interchange.dumps`` of the imported document by its text (or, for rows of numbers only such
as a NIS achievement row, next to the previous row), and each non-empty cell must equal a field
of that record rendered back: numbers and dates as values, text as NFC text, "[১.১.১] title"
as code and title. '-' cells are empty. The table of contents is regenerated, not stored.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest

from apa_desktop.core import interchange
from apa_desktop.core.demo import DEMO, import_demo
from apa_desktop.core.numerals import ParseError, parse_date, parse_number, parse_value, to_ascii_digits
from apa_desktop.paths import resource_path

HEADER_STARTS = ("কর্মসম্পাদন", "কার্যক্রম", "ক্রম", "ক্রঃ", "চূড়ান্ত", "অসাধারণ", "লক্ষ্যমাত্রা/", "লক্ষ্যমাত্রা /", "শুরুর তারিখ",
                 "সিরিয়াল", "অফিসের নাম", "গ্রহণ")
STRUCTURAL = {"লক্ষ্যমাত্রা", "অর্জন", "সর্বমোট"}
WORDS = {"সংখ্যা": "count", "%": "percent", "তারিখ": "date", "সংখ্যা ও তারিখ": "count_date",
         "প্রাপ্ত নম্বর": "marks", "সমষ্টি": "sum", "গড়": "mean", "ক্রমপুঞ্জিভূত": "cumulative"}
CODE = re.compile(r"^[\[(]\s*([০-৯0-9.]+)\s*[\])]\s*(.*)$|^([০-৯0-9]+(?:\.[০-৯0-9]+)?)\.?\s+(.*)$", re.S)
ISO = re.compile(r"^[০-৯0-9]{4}-[০-৯0-9]{2}-[০-৯0-9]{2}$")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(cell: str) -> str:
    return nfc(re.sub(r"</?\w+>|\*\*", "", cell)).strip()


def is_header(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    ascii_cells = [to_ascii_digits(c).replace(" ", "") for c in filled]
    if len(filled) >= 3 and all(c.isdigit() for c in ascii_cells):
        return True  # the column-numbering row
    if filled and all(re.fullmatch(r"\d+%|\d{4}-\d{2,4}", c) for c in ascii_cells):
        return True  # the level-percent row, or years under a merged header
    if filled and filled[0].endswith(".....") and len(filled) == 2:
        return True  # table of contents
    return bool(filled) and filled[0].startswith(HEADER_STARTS)


def seed_rows(text: str):
    """(line, cleaned cells) of every data row of every table."""
    for number, line in enumerate(text.split("\n"), 1):
        if "\t" in line:
            cells = [clean(c) for c in line.split("\t")]
            if any(cells) and not is_header(cells):
                yield number, cells


def leaves(data, out: set | None = None) -> set:
    """A record's values as comparable atoms: ("n", float), ("d", date), ("cd", ...), ("t", text)."""
    out = set() if out is None else out
    if isinstance(data, bool) or data is None:
        return out
    if isinstance(data, (int, float)):
        out.add(("n", float(data)))
    elif isinstance(data, str):
        out.add(("t", nfc(data)))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", data):
            out.add(("d", date.fromisoformat(data)))
        out.update(("t", bn) for bn, en in WORDS.items() if en == data)
    elif isinstance(data, dict) and set(data) == {"count", "dates"}:
        dates = tuple(date.fromisoformat(d) for d in data["dates"])
        out.add(("cd", (data["count"], dates)))
        out.update(("d", d) for d in dates)
    elif isinstance(data, dict):
        for value in data.values():
            leaves(value, out)
    elif isinstance(data, list):
        for value in data:
            leaves(value, out)
    return out


def without(data: dict, *keys: str) -> dict:
    return {k: v for k, v in data.items() if k not in keys}


def records(doc: dict) -> list[set]:
    found = []
    for plan in [doc["section3"], *doc["annexes"].values()]:
        for area in plan["areas"]:
            for act in area["activities"]:
                for ind in act["indicators"]:
                    found.append(leaves([ind, without(act, "indicators"), without(area, "activities")]))
    for section in doc["nis"]["sections"]:
        found.append(leaves(without(section, "activities")))
        found += [leaves([act, without(section, "activities")]) for act in section["activities"]]
    regs = doc["registers"]
    lists = [doc["section2"], doc["annex1"], doc["annex2"], doc["annex3"], regs["innovations"], regs["fourir"]]
    lists += [report["rows"] for report in regs["innovation_progress"]]
    if regs["enothi"]:
        lists += [regs["enothi"]["branches"], regs["enothi"]["summaries"]]
        found.append(leaves(without(regs["enothi"], "branches", "summaries")))
    found += [leaves(item) for items in lists for item in items]
    return found


def atoms(cell: str) -> list[tuple]:
    """What one cell says, as alternatives per part: a code and its title are two parts."""
    match = CODE.match(cell)
    if match:
        code = match.group(1) or match.group(3)
        rest = match.group(2) if match.group(1) else match.group(4)
        return [[("t", to_ascii_digits(code).replace(" ", ""))]] + (atoms(rest.strip()) if rest.strip() else [])
    if re.search(r"\.{3,}", cell):
        parts = [p.strip() for p in re.split(r"\.{3,}", cell) if p.strip()]
        out = []
        for part in parts:
            number = re.match(r"^([০-৯0-9]+)\s*(.*)$", part)
            out += [[("n", parse_number(number.group(1)))]] + ([[("t", number.group(2))]] if number.group(2) else []) \
                if number and part is not parts[0] else [[("t", part)]]
        return out
    return [alternatives(cell)]


def alternatives(cell: str) -> list[tuple]:
    alts = [("t", cell)]
    plain = to_ascii_digits(cell).replace(" ", "")
    if ISO.match(cell):
        alts.append(("d", date.fromisoformat(to_ascii_digits(cell))))
    for reader in (lambda t: ("n", parse_number(t.rstrip("%").strip())), lambda t: ("d", parse_date(t)),
                   lambda t: ("cd", _count_date(t))):
        try:
            alts.append(reader(cell))
        except (ParseError, ValueError):
            pass
    if plain.endswith("%"):
        alts.append(("share", cell))
    return alts


def _count_date(text: str) -> tuple:
    value = parse_value(text, "count_date")
    return (None if value.count is None else value.count, value.dates)


def matches(alts: list[tuple], record: set, pending_texts: str) -> bool:
    for kind, value in alts:
        if kind == "share" and value in pending_texts:
            return True
        if kind == "t" and any(k == "t" and (v == value or (len(value) >= 4 and value in v)) for k, v in record):
            return True
        if kind == "cd" and any(k == "cd" and v[1] == value[1] and (v[0] == value[0]) for k, v in record):
            return True
        if kind in ("n", "d") and (kind, value) in record:
            return True
    return False


def row_matches(cells: list[str], record: set) -> list[str]:
    """The cells of the row that the record does not hold."""
    texts = " ".join(v for k, v in record if k == "t")
    missing = []
    for cell in cells:
        if not cell or set(cell.replace(" ", "")) <= {"-"} or cell in STRUCTURAL:
            continue
        if matches(alternatives(cell), record, texts):
            continue
        if not all(matches(alts, record, texts) for alts in atoms(cell)):
            missing.append(cell)
    return missing


@pytest.mark.parametrize("office_id", [d[1].id for d in DEMO])
def test_every_cell_of_every_seed_table_is_in_the_exported_document(office_id: str) -> None:
    file_name = next(d[0] for d in DEMO if d[1].id == office_id)
    text = resource_path("demo", file_name).read_text(encoding="utf-8")
    doc = json.loads(interchange.dumps(import_demo(office_id).office_year))["document"]
    found = records(doc)
    previous: set | None = None
    failures = []
    checked = 0
    for line, cells in seed_rows(text):
        candidates = ([previous] if previous else []) + found
        best = min(candidates, key=lambda r: len(row_matches(cells, r)))
        missing = row_matches(cells, best)
        if missing:
            failures.append((line, missing, cells))
        previous = best
        checked += sum(1 for c in cells if c)
    assert checked > 40
    assert not failures, failures
