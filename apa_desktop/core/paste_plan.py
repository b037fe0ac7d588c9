"""What a paste would change, worked out before anything is stored (the paste preview).

A range pasted onto a table is a grid of text. Its columns are mapped onto the table's columns by
the pasted header row when there is one (each pasted heading matched to the table's headings;
one that fits several is *ambiguous* and the clerk is asked), else in order from the current
column. Its rows go onto the table's rows from the current one; a heading row of the table (an
area, an activity, an NIS section) takes no values and is skipped — visibly — when the pasted
column is a column of values, so six values land on the next six indicators.

Each pasted cell then either changes a stored value (old -> new), is refused with the reason (the
template fixes the cell, the text does not read in the cell's unit, no column there), or leaves
the cell as it was. Cells typed with the Bijoy keyboard (SutonnyMJ; see core.bijoy) are read as
the Unicode Bengali they show, and listed, unless the clerk keeps the original text. Nothing is stored here: :func:`plan_paste` returns a :class:`PastePlan` whose
``edits`` the caller stores as one undoable change once the clerk confirms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .bijoy_text import ConvertedCell, read_legacy
from .edits import Edit, Path, resolve, set_edit
from .errors import UserError
from .model import OfficeYear
from .rules import DocumentRules


@dataclass(frozen=True)
class TargetColumn:
    """A column of the table pasted onto: its headings (Bengali, English)."""

    headers: tuple[str, ...]


@dataclass(frozen=True)
class TargetCell:
    """A cell of the table: the document path it stores (None: computed or empty) and how its
    text is read and shown."""

    path: Path | None
    kind: str


@dataclass(frozen=True)
class Change:
    line: int
    column: int
    path: Path
    old: str
    new: str


@dataclass(frozen=True)
class Refused:
    line: int
    column: int
    text: str
    message_bn: str
    message_en: str

    def message(self, lang: str = "bn") -> str:
        return self.message_en if lang == "en" else self.message_bn


@dataclass
class PastePlan:
    """The preview of one paste: what changes, what is refused and why, which rows were skipped."""

    changes: list[Change] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    """Table rows (headings) passed over by the pasted rows."""
    header_line: int | None = None
    """The pasted line read as the header row (columns mapped by it), if any."""
    mapping: dict[int, int] = field(default_factory=dict)
    """Pasted column -> table column."""
    ambiguous: dict[int, list[int]] = field(default_factory=dict)
    """Pasted columns whose heading fits several table columns: the clerk chooses."""
    edits: list[Edit] = field(default_factory=list)
    converted: list[ConvertedCell] = field(default_factory=list)
    """Pasted cells that were Bijoy/SutonnyMJ text, with their Unicode reading."""
    keep_original: bool = False
    """The clerk chose to keep the Bijoy cells as they were typed (``converted`` then only lists them)."""
    added: list[str] = field(default_factory=list)
    """The titles of the rows a row paste adds."""

    @property
    def needs_preview(self) -> bool:
        """More than one cell changes, or something is refused, skipped, to be chosen or converted."""
        return len(self.changes) > 1 or bool(self.refused or self.skipped_rows or self.ambiguous or self.converted)



def split_grid(text: str) -> list[list[str]]:
    """Tab-separated lines as Word and Excel put them on the clipboard (trailing newline dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
    return [line.split("\t") for line in lines]


def _squash(text: str) -> str:
    return re.sub(r"[\s\-–—:()/%]+", "", unicodedata.normalize("NFC", text)).lower()


def _fits(pasted: str, column: TargetColumn) -> bool:
    p = _squash(pasted)
    if not p:
        return False
    return any(h and (p == h or (len(p) >= 3 and (p in h or h in p))) for h in map(_squash, column.headers))


def map_header(cells: list[str], columns: list[TargetColumn]) -> tuple[dict[int, int], dict[int, list[int]]] | None:
    """Read ``cells`` as a header row: (pasted column -> table column, ambiguous columns), or None
    when it is not one (fewer than half of its non-empty cells fit a table heading)."""
    mapping: dict[int, int] = {}
    ambiguous: dict[int, list[int]] = {}
    filled = [i for i, c in enumerate(cells) if c.strip()]
    for i in filled:
        fits = [c for c, column in enumerate(columns) if _fits(cells[i], column)]
        exact = [c for c in fits if any(_squash(cells[i]) == _squash(h) for h in columns[c].headers)]
        fits = exact if len(exact) == 1 else fits
        if len(fits) == 1:
            mapping[i] = fits[0]
        elif fits:
            ambiguous[i] = fits
    if not filled or (len(mapping) + len(ambiguous)) * 2 < len(filled):
        return None
    return mapping, ambiguous


def plan_paste(office_year: OfficeYear, grid: list[list[TargetCell]], columns: list[TargetColumn],
               headings: list[bool], start_row: int, start_column: int, text: str,
               show: Callable[[Any, str], str], parse: Callable[[str, str], Any],
               choices: dict[int, int] | None = None, keep_original: bool = False) -> PastePlan:
    """The preview of pasting ``text`` at (``start_row``, ``start_column``) of a table.

    ``grid[r][c]`` is the table's cell, ``headings[r]`` whether row ``r`` is a heading row (it
    takes no values); ``show(value, kind)`` and ``parse(text, kind)`` are how the table shows and
    reads a cell (``parse`` raises a UserError for text that does not read). ``choices`` settles
    ambiguous columns (pasted column -> table column); ``keep_original`` keeps Bijoy cells as typed."""
    rules = DocumentRules(office_year)
    text, converted = read_legacy(text, keep_original)
    result = PastePlan(converted=converted, keep_original=keep_original)
    lines = split_grid(text)
    header = map_header(lines[0], columns) if lines else None
    if header is not None:
        result.header_line = 1
        result.mapping, result.ambiguous = header
        for pasted, chosen in (choices or {}).items():
            if pasted in result.ambiguous and chosen in result.ambiguous[pasted]:
                result.mapping[pasted] = chosen
                del result.ambiguous[pasted]
        body = list(enumerate(lines[1:], 2))
    else:
        width = max((len(line) for line in lines), default=0)
        result.mapping = {i: start_column + i for i in range(width) if start_column + i < len(columns)}
        body = list(enumerate(lines, 1))
    single_values = all(len(line) == 1 for _, line in body)
    row = start_row
    for number, cells in body:
        if single_values or header is not None:
            while row < len(grid) and headings[row] and _heading_takes_nothing(grid[row], cells, result.mapping):
                result.skipped_rows.append(row)
                row += 1
        if row >= len(grid):
            for i, text_ in enumerate(cells):
                if text_.strip():
                    result.refused.append(Refused(number, i, text_, "সারণিতে এর জন্য সারি নেই",
                                                  "No table row left for this line"))
            continue
        for i, text_ in enumerate(cells):
            _place(result, rules, office_year, grid[row], number, i, text_, show, parse)
        row += 1
    return result


def _heading_takes_nothing(cells_row: list[TargetCell], cells: list[str], mapping: dict[int, int]) -> bool:
    """A heading row none of whose mapped cells would take a pasted value."""
    return all(cells_row[c].path is None for i, c in mapping.items() if i < len(cells) and cells[i].strip())


def _place(result: PastePlan, rules: DocumentRules, office_year: OfficeYear, cells_row: list[TargetCell],
           line: int, column: int, text: str, show: Callable[[Any, str], str],
           parse: Callable[[str, str], Any]) -> None:
    target_column = result.mapping.get(column)
    if column in result.ambiguous:
        result.refused.append(Refused(line, column, text, "কোন কলামে যাবে বেছে নিন", "Choose the column this goes to"))
        return
    if target_column is None:
        if text.strip():
            result.refused.append(Refused(line, column, text, "এর জন্য কোনো কলাম নেই", "No column for this"))
        return
    cell = cells_row[target_column]
    if cell.path is None:
        if text.strip():
            result.refused.append(Refused(line, column, text, "এই ঘরে কিছু রাখা যায় না (শিরোনাম বা গণনা করা ঘর)",
                                          "Nothing can be stored in this cell (a heading or a computed cell)"))
        return
    current = resolve(office_year, cell.path)
    old = show(current, cell.kind)
    fixed = rules.fixed(cell.path)
    try:
        value = parse(text, cell.kind)
    except UserError as error:
        result.refused.append(Refused(line, column, text, f"পড়া যায়নি: {error.message_bn}",
                                      f"Unreadable: {error.message_en}"))
        return
    if value == current:
        return
    if fixed is not None:
        result.refused.append(Refused(line, column, text, fixed.message_bn, fixed.message_en))
        return
    edit = set_edit(office_year, cell.path, value)
    result.changes.append(Change(line, column, cell.path, old, show(value, cell.kind)))
    result.edits.append(edit)
