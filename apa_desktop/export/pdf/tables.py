"""Bordered tables that always stay on the paper.

:func:`grid` lays a table out inside the frame it will be printed in:

- each column gets at least its longest unbreakable word, the rest of the frame is shared by
  how much more each column's text would need to stand on one line;
- when the words alone do not fit, the font steps down (7.5 pt → 7 pt, the floor);
- when they still do not fit, the columns are split into bands, each printed as its own table
  with the key column (the code or name) repeated, so that nothing is ever cut at the edge.

:class:`Grid` breaks across pages as a person would: at least two data rows on each side of a
break (a total row does not count as one), and a section row never ends a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from ...core.numerals import to_bengali_digits
from ..fonts import FAMILY
from .styles import Text, para

FONT_STEPS = (7.5, 7.0)
"""Cell font sizes tried in turn; 7 pt is the floor below which a form is not read."""
PADDING = 4.0
"""Left + right cell padding (see :data:`GRID`)."""
SLACK = 6.0
"""Room for shaping and kerning differences: the unshaped width a column is measured with is a
little wider than the shaped one, which is the safe side."""
HEADER_FILL = colors.HexColor("#e8e8e8")

GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # plain-string cells must not pull in Helvetica
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), PADDING / 2), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING / 2),
    ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
])


@dataclass
class Rows:
    """A table's content before layout: the rows, how many are header rows, which rows are section
    rows that must not end a page, how many trailing rows are totals, extra style commands
    (``SPAN`` and the like, in table coordinates), and which section rows are banners that repeat
    under the header on a continuation page."""

    cells: list[list[object]]
    header_rows: int = 1
    section_rows: set[int] = field(default_factory=set)
    total_rows: int = 0
    commands: list[tuple] = field(default_factory=list)
    banner_rows: set[int] = field(default_factory=set)

    def add_section_row(self, text: str, banner: bool = False) -> None:
        """A row holding ``text`` across the whole table (a NIS section; with ``banner``, a
        Section 3 banner, printed again under the header on each page the part continues on)."""
        self.cells.append([para(text, "head")] + [""] * (len(self.cells[0]) - 1))
        row = len(self.cells) - 1
        self.section_rows.add(row)
        if banner:
            self.banner_rows.add(row)
        self.commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), HEADER_FILL)]

    def add_total_row(self, text: str) -> None:
        """A last row holding ``text`` across the whole table; it never stands alone on a page."""
        self.cells.append([para(text, "h2")] + [""] * (len(self.cells[0]) - 1))
        row = len(self.cells) - 1
        self.total_rows += 1
        self.commands.append(("SPAN", (0, row), (-1, row)))

    def add_column_numbers(self) -> None:
        """The forms' row of column numbers (১ ২ ৩ …) under the header; it repeats with the header."""
        numbers = [para(to_bengali_digits(str(i)), "cellc") for i in range(1, len(self.cells[0]) + 1)]
        self.cells.insert(self.header_rows, numbers)
        self.commands = [_shift_rows(c, self.header_rows) for c in self.commands]
        self.section_rows = {r + 1 if r >= self.header_rows else r for r in self.section_rows}
        self.banner_rows = {r + 1 if r >= self.header_rows else r for r in self.banner_rows}
        self.header_rows += 1


def _shift_rows(command: tuple, from_row: int) -> tuple:
    """A style command with its rows at or below ``from_row`` moved down by one."""
    name, start, end, *rest = command

    def shift(point: tuple[int, int]) -> tuple[int, int]:
        col, row = point
        return (col, row + 1 if row >= from_row else row)

    return (name, shift(start), shift(end), *rest)


# --- measuring -----------------------------------------------------------------------------------


@cache
def sized(base: ParagraphStyle, size: float) -> ParagraphStyle:
    """``base`` at ``size`` points (leading in proportion); made once per size."""
    if size == base.fontSize:
        return base
    return ParagraphStyle(f"{base.name}-{size}", parent=base, fontSize=size, leading=base.leading * size / base.fontSize)


def _words(item: Paragraph) -> list[str]:
    return item.text.replace("<br/>", " ").split()


def _measure(item: object, size: float) -> tuple[float, float]:
    """(longest unbreakable word, widest line when nothing wraps) of a cell at ``size`` points."""
    if not isinstance(item, Paragraph):
        return 0.0, 0.0
    font = item.style.fontName
    scale = size / 7.5 if item.style.fontSize <= 8 else 1.0  # headings in total rows keep their size
    words = _words(item)
    longest = max((stringWidth(w, font, item.style.fontSize) for w in words), default=0.0) * scale
    lines = item.text.split("<br/>")
    widest = max((stringWidth(line, font, item.style.fontSize) for line in lines), default=0.0) * scale
    return longest, widest


def _spanned_cells(commands: Sequence[tuple], n_rows: int, n_cols: int) -> set[tuple[int, int]]:
    """(row, column) of every cell that starts a span over several columns: such a cell has the
    columns' width together and does not widen its first column."""
    out = set()
    for name, start, end, *_ in commands:
        if name != "SPAN":
            continue
        c0, c1 = start[0] % n_cols, end[0] % n_cols
        if c0 != c1:
            for row in range(start[1] % n_rows, end[1] % n_rows + 1):
                out.add((row, c0))
    return out


def column_needs(rows: Rows, size: float) -> tuple[list[float], list[float]]:
    """Per column: the minimum width (longest word) and the natural width (widest line)."""
    n_cols = len(rows.cells[0])
    skip = _spanned_cells(rows.commands, len(rows.cells), n_cols)
    minimum, natural = [0.0] * n_cols, [0.0] * n_cols
    for r, row in enumerate(rows.cells):
        for c, item in enumerate(row):
            if (r, c) in skip:
                continue
            longest, widest = _measure(item, size)
            minimum[c] = max(minimum[c], longest + PADDING + SLACK)
            natural[c] = max(natural[c], widest + PADDING + SLACK)
    minimum = [max(m, 12.0) for m in minimum]  # an empty column still shows as a column
    return minimum, [max(n, m) for n, m in zip(natural, minimum)]


def share_width(minimum: Sequence[float], natural: Sequence[float], width: float,
                weights: Sequence[float] | None = None) -> list[float] | None:
    """Widths summing to ``width``: each column its minimum, the rest shared by need (natural −
    minimum); room left when every column has its natural width goes by ``weights`` (default the
    natural widths). ``None`` when the minimums alone are wider than ``width``."""
    spare = width - sum(minimum)
    if spare < -0.01:
        return None
    needs = [n - m for n, m in zip(natural, minimum)]
    if sum(needs) >= spare:
        total = sum(needs) or 1.0
        return [m + spare * n / total for m, n in zip(minimum, needs)]
    surplus = spare - sum(needs)
    weights = list(weights) if weights else list(natural)
    total = sum(weights) or 1.0
    return [n + surplus * w / total for n, w in zip(natural, weights)]


# --- bands ---------------------------------------------------------------------------------------


def _groups(commands: Sequence[tuple], n_cols: int) -> list[list[int]]:
    """The columns in runs that a band must not cut: columns joined by a span narrower than the
    whole table (a header over the levels, the NIS target/achievement pair) stay together."""
    joined = set()  # c: columns c and c + 1 are joined
    for name, start, end, *_ in commands:
        c0, c1 = sorted((start[0] % n_cols, end[0] % n_cols))
        if name == "SPAN" and c1 - c0 + 1 < n_cols:
            joined.update(range(c0, c1))
    groups: list[list[int]] = [[0]]
    for c in range(1, n_cols):
        if c - 1 in joined:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def bands(minimum: Sequence[float], width: float, key: Sequence[int], groups: list[list[int]]) -> list[list[int]]:
    """Columns per band, greedily: each band is the key columns and as many following column
    groups as fit in ``width`` by their minimums."""
    out: list[list[int]] = []
    current = list(key)
    for group in groups:
        group = [c for c in group if c not in key]
        if not group:
            continue
        if sum(minimum[c] for c in current + group) > width and len(current) > len(key):
            out.append(current)
            current = list(key)
        current += group
    out.append(current)
    return out


def _band_rows(rows: Rows, columns: list[int]) -> Rows:
    """The part of ``rows`` in ``columns`` (in that order), with its style commands mapped. A row
    spanning the whole table (a banner, a section, a total) is in every band with its text first."""
    n_cols, n_rows = len(rows.cells[0]), len(rows.cells)
    index = {c: i for i, c in enumerate(columns)}
    cells = [[row[c] for c in columns] for row in rows.cells]
    commands = []
    for name, start, end, *rest in rows.commands:
        c0, c1 = sorted((start[0] % n_cols, end[0] % n_cols))
        inside = [index[c] for c in range(c0, c1 + 1) if c in index]
        if not inside:
            continue
        whole = c0 == 0 and c1 == n_cols - 1
        if name == "SPAN" and c0 not in index and not whole:
            continue  # the span's text is in a column of another band
        if name == "SPAN" and index.get(c0) != min(inside):  # the key column came first
            for r in range(start[1] % n_rows, end[1] % n_rows + 1):
                if c0 in index:
                    cells[r][index[c0]] = ""
                cells[r][min(inside)] = rows.cells[r][c0]
        commands.append((name, (min(inside), start[1]), (max(inside), end[1]), *rest))
    return Rows(cells, rows.header_rows, set(rows.section_rows), rows.total_rows, commands, set(rows.banner_rows))


# --- the table -----------------------------------------------------------------------------------


def _resize(rows: Rows, size: float) -> Rows:
    """The same rows with every cell paragraph at ``size`` (total rows keep their heading size)."""
    if size == FONT_STEPS[0]:
        return rows
    cells = [[Text(item.text, sized(item.style, size))
              if isinstance(item, Paragraph) and item.style.fontSize <= 8 else item for item in row]
             for row in rows.cells]
    return Rows(cells, rows.header_rows, rows.section_rows, rows.total_rows, rows.commands, rows.banner_rows)


def grid(rows: Rows, width: float, weights: Sequence[float] | None = None,
         key: Sequence[int] = (0,)) -> list[Table]:
    """The table laid out in ``width`` points: usually one :class:`Grid`; when its words cannot
    fit even at the smallest font, one Grid per band of columns (``key`` columns repeated).
    ``weights`` share out room left over once every column has its natural width."""
    for size in FONT_STEPS:
        minimum, natural = column_needs(rows, size)
        widths = share_width(minimum, natural, width, weights)
        if widths is not None:
            return [_table(_resize(rows, size), widths)]
    sized_rows = _resize(rows, FONT_STEPS[-1])
    minimum, natural = column_needs(sized_rows, FONT_STEPS[-1])
    groups = _groups(rows.commands, len(minimum))
    out = []
    for columns in bands(minimum, width, key, groups):
        part = _band_rows(sized_rows, columns)
        widths = share_width([minimum[c] for c in columns], [natural[c] for c in columns], width,
                             [weights[c] for c in columns] if weights else None)
        if widths is None:  # one column group wider than the page: squeeze it (words wrap mid-word)
            widths = [width * minimum[c] / sum(minimum[c] for c in columns) for c in columns]
        out.append(_table(part, widths))
    return out


def _table(rows: Rows, widths: list[float]) -> Grid:
    table = Grid(rows.cells, colWidths=widths, repeatRows=rows.header_rows, splitInRow=0, hAlign="CENTER")
    table.section_rows, table.total_rows = rows.section_rows, rows.total_rows
    table.header_rows, table.banner_rows = rows.header_rows, rows.banner_rows
    table.setStyle(GRID)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, rows.header_rows - 1), HEADER_FILL), *rows.commands]))
    return table


def simple_grid(cells: list[list[object]], width: float, header_rows: int = 1,
                commands: Sequence[tuple] = (), weights: Sequence[float] | None = None,
                numbered: bool = False) -> list[Table]:
    """:func:`grid` for a table of plain rows; ``numbered`` adds the column-number row."""
    rows = Rows(cells, header_rows, commands=list(commands))
    if numbered:
        rows.add_column_numbers()
    return grid(rows, width, weights)


MIN_ROWS = 2
"""Data rows a table keeps on each side of a page break."""


class Grid(Table):
    """A table that breaks across pages with at least :data:`MIN_ROWS` data rows on each side (its
    trailing total rows do not count), never with a section row last on a page, and with the
    banner row the rows belong to repeated under the header on the next page, as the forms do.

    ReportLab has no public row count or row heights for a split part, so this reads its
    ``_cellvalues`` and ``_rowHeights``; tests/test_pdf_layout.py notices if they change. A banner
    is repeated through ReportLab's documented ``repeatRows`` tuple."""

    section_rows: frozenset[int] | set[int] = frozenset()
    banner_rows: frozenset[int] | set[int] = frozenset()
    total_rows: int = 0
    header_rows: int = 0

    def _calc(self, available_width: float, available_height: float) -> None:
        """Row heights once per width: they do not depend on the room left on the page, and the
        page-break rules ask for them many times (ReportLab would recompute every row each time)."""
        if self.__dict__.get("_calculated_for") != available_width:
            super()._calc(available_width, float("inf"))
            self._calculated_for = available_width

    def _data_rows(self, first: int, stop: int) -> int:
        """Data rows among the rows ``first`` … ``stop - 1`` of this table."""
        last_data = len(self._cellvalues) - self.total_rows
        return sum(1 for r in range(first, min(stop, last_data)) if r not in self.section_rows)

    def _banner_for(self, cut: int) -> int | None:
        """The banner row the rows from ``cut`` on belong to, when the next page needs it again."""
        banner = max((r for r in self.banner_rows if r < cut), default=None)
        return None if banner is None or cut in self.banner_rows else banner

    def split(self, available_width: float, available_height: float) -> list[Table]:
        data_total = self._data_rows(self.header_rows, len(self._cellvalues))
        original_height = available_height
        while True:
            parts = super().split(available_width, available_height)
            if len(parts) != 2:
                return parts
            cut = len(parts[0]._cellvalues)  # rows 0 … cut-1 stay on this page
            before = self._data_rows(self.header_rows, cut)
            after = data_total - before
            if before < MIN_ROWS:
                # too little room: the whole table starts on the next page, unless this one is empty
                at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
                return super().split(available_width, original_height) if at_top else []
            if after >= MIN_ROWS and cut - 1 not in self.section_rows:
                return self._parts(parts, cut, available_width, available_height)
            available_height -= parts[0]._rowHeights[-1]

    def _parts(self, parts: list[Table], cut: int, available_width: float, available_height: float) -> list[Table]:
        """The two parts of a break before row ``cut``, the second with its banner repeated."""
        banner = self._banner_for(cut)
        if banner is not None:
            self.repeatRows = (*range(self.header_rows), banner)
            try:
                parts = super().split(available_width, available_height)
            finally:
                self.repeatRows = self.header_rows
        offset = self.header_rows + (banner is not None) - cut  # a row's index in the second part
        first, second = parts
        first.repeatRows = second.repeatRows = self.header_rows
        first.header_rows = second.header_rows = self.header_rows
        first.total_rows, second.total_rows = 0, self.total_rows
        first.section_rows = {r for r in self.section_rows if r < cut}
        first.banner_rows = {r for r in self.banner_rows if r < cut}
        second.section_rows = {r + offset for r in self.section_rows if r >= cut}
        second.banner_rows = {r + offset for r in self.banner_rows if r >= cut}
        if banner is not None:
            second.section_rows.add(self.header_rows)
            second.banner_rows.add(self.header_rows)
        return parts
