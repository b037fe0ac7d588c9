"""A table over the office-year whose rows are paths into the document and whose columns name
fields below each row (a spreadsheet-like view of Section 2, the plans, the NIS grid, annexes
and registers).

Edits go through :class:`~apa_desktop.ui.document.DocumentSession`; a value that does not
parse is kept as typed in the cell with its message (``ErrorRole``/tooltip) and nothing is
stored until it is corrected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...core.edits import Edit, path_to_text, resolve, set_edit
from ...core.interchange import decode_value
from ...core.model import Unreadable
from ...core.numerals import ParseError
from ...core.rules import VALUE_FIELDS, implausible, pending_key
from ..document import DocumentSession
from ..errors import error_text
from ..i18n import language
from .cells import parse, show

ErrorRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
"""The cell kind the delegate edits with (a unit for "row_unit" columns)."""

INVALID = QColor("#f29a9a")
"""Unreadable (kept as written) or not accepted: the one strong red."""
PENDING = QColor("#fff2b3")
WEIGHT_ERROR = QColor("#f3b0b0")
HEADER_ROW = QColor("#e6eef7")
_ROOT = QModelIndex()
"""The invalid index Qt passes for "the table itself" (the row and column counts' default)."""
MISMATCH = QColor("#ffc680")
"""A typed figure that differs from the computed one: both are shown, neither overwritten."""
LEAF_KINDS = ("indicator", "nis_activity", "item")
"""Rows that hold values; the others (areas, activities, NIS sections) are shaded as headings."""


_field_text = lru_cache(maxsize=256)(path_to_text)
"""A column's field path as the text ``pending`` notes are keyed by (asked on every paint)."""


_BRUSHES: dict[int, QBrush] = {}


def brush(colour: QColor) -> QBrush:
    """One brush per colour, made once (data() is asked for backgrounds on every paint)."""
    key = colour.rgba()
    found = _BRUSHES.get(key)
    if found is None:
        found = _BRUSHES[key] = QBrush(colour)
    return found


@lru_cache(maxsize=1)
def bold_font() -> QFont:
    """The font of area and section rows (made once the application exists)."""
    font = QFont()
    font.setBold(True)
    return font


@dataclass
class Row:
    """One table row: the path of its object and its kind ("area", "activity", "indicator", "item"...)."""

    path: tuple
    kind: str = "item"


@dataclass
class Column:
    """A column: its header, the field below each kind of row, and how to show/parse it.

    ``fields`` maps a row kind to the field path below the row ("*" for every kind);
    ``compute`` makes a read-only column from (model, row)."""

    header: tuple[str, str]
    fields: dict[str, tuple] = field(default_factory=dict)
    kind: str = "text"
    compute: Callable[[PathTableModel, Row], Any] | None = None
    width: int = 80

    def field_for(self, row: Row) -> tuple | None:
        return self.fields.get(row.kind, self.fields.get("*"))


@dataclass
class Computed:
    """What a computed cell shows: its text and, optionally, a background colour."""

    text: str
    colour: QColor | None = None
    tooltip: str = ""


UNREADABLE_MESSAGE = ("এই ঘরের লেখা তার এককে পড়া যায়নি; যেমন লেখা ছিল তেমনই রাখা আছে — সংশোধন করুন / "
                      "This cell could not be read as its unit; it is kept as written — please correct it")

class PathTableModel(QAbstractTableModel):
    """Base of every table model; subclasses define :meth:`build_rows` and ``columns``."""

    columns: list[Column] = []

    def __init__(self, session: DocumentSession, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[Row] = []
        self._invalid: dict[tuple[tuple, tuple], tuple[str, str]] = {}
        self._shown: dict[tuple[int, int], tuple[str, Any]] = {}
        """What each computed cell showed last, to repaint only the ones that changed."""
        self.active = True
        """Whether a view shows the table: the computed cells of a hidden tab are not compared
        on each rescoring (they are computed afresh when painted)."""
        self.rows = self.build_rows()
        self._on_rescored()
        session.changed.connect(self._on_changed)
        session.rescored.connect(self._on_rescored)

    # -------------------------------------------------------------- structure

    def build_rows(self) -> list[Row]:
        raise NotImplementedError

    def rebuild(self) -> None:
        self.beginResetModel()
        self.rows = self.build_rows()
        self._shown.clear()
        self.endResetModel()
        self._on_rescored()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            bn, en = self.columns[section].header
            return bn if language() == "bn" else en
        return None

    def summary(self) -> str:
        """A line about the whole table (a plan's obtained marks of its total); none by default."""
        return ""

    def cell_path(self, index: QModelIndex) -> tuple | None:
        """The document path of a stored cell (None for computed or empty cells)."""
        row, column = self.rows[index.row()], self.columns[index.column()]
        suffix = column.field_for(row)
        return None if suffix is None or column.compute else row.path + suffix

    def cell_kind(self, index: QModelIndex) -> str:
        row, column = self.rows[index.row()], self.columns[index.column()]
        if column.kind == "row_unit":
            return resolve(self.session.office_year, row.path + ("unit",)) or "count"
        return column.kind

    # ----------------------------------------------------------------- data

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        path = self.cell_path(index) if self.session.editable else None
        if path is not None and self.session.rules.fixed(path) is None:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def fixed_message(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        """Why a stored cell cannot be typed in (the template fixes it), in the window's language."""
        path = self.cell_path(QModelIndex(index))
        refused = self.session.rules.fixed(path) if path is not None else None
        return refused.message(language()) if refused is not None else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = self.rows[index.row()], self.columns[index.column()]
        if column.compute is not None:
            return self._computed_data(row, column, role)
        suffix = column.field_for(row)
        if suffix is None:
            if role == Qt.ItemDataRole.BackgroundRole and row.kind not in LEAF_KINDS:
                return brush(HEADER_ROW)
            return None
        path = row.path + suffix
        invalid = self._invalid.get((row.path, suffix))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if invalid is not None:
                return invalid[0]
            return show(resolve(self.session.office_year, path), self.cell_kind(index))
        if role == ErrorRole:
            return invalid[1] if invalid else None
        if role == KindRole:
            return self.cell_kind(index)
        if role == Qt.ItemDataRole.ToolTipRole:
            if invalid:
                return invalid[1]
            if isinstance(resolve(self.session.office_year, path), Unreadable):
                return UNREADABLE_MESSAGE
            return (self.pending_message(row, suffix) or self.cell_tooltip(row, suffix)
                    or self.fixed_message(index))
        if role == Qt.ItemDataRole.BackgroundRole:
            if invalid or isinstance(resolve(self.session.office_year, path), Unreadable):
                return brush(INVALID)
            if self.pending_message(row, suffix):
                return brush(PENDING)
            colour = self.cell_colour(row, suffix)
            if colour is not None:
                return brush(colour)
            if row.kind not in LEAF_KINDS:
                return brush(HEADER_ROW)
        if role == Qt.ItemDataRole.FontRole and row.kind in ("area", "section"):
            return bold_font()
        return None

    def _computed_data(self, row: Row, column: Column, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        assert column.compute is not None
        value = column.compute(self, row)
        if value is None:
            return brush(HEADER_ROW) if role == Qt.ItemDataRole.BackgroundRole and row.kind not in LEAF_KINDS else None
        if role == Qt.ItemDataRole.DisplayRole:
            return value.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return value.tooltip or None
        return brush(value.colour) if value.colour is not None else None

    def pending_message(self, row: Row, suffix: tuple) -> str | None:
        """The confirmation the clerk still owes for this cell (``pending`` of its row object)."""
        pending = resolve(self.session.office_year, row.path + ("pending",)) if row.kind in (
            "indicator", "nis_activity") else None
        if not pending:
            return None
        return pending.get(_field_text(suffix)) or pending.get(str(suffix[0]))

    def cell_colour(self, row: Row, suffix: tuple) -> QColor | None:
        """A background for a stored cell (e.g. the level reached); none by default."""
        return None

    def cell_tooltip(self, row: Row, suffix: tuple) -> str | None:
        """A note on a stored cell (e.g. a typed figure that differs from the computed one)."""
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        edit = self.edit_for(index, str(value))
        if edit is None:
            return False
        return self.session.apply(self.flag_edits(edit), self.columns[index.column()].header[0])

    def flag_edits(self, edit: Edit) -> list[Edit]:
        """``edit`` and the change of the row's ``pending`` note it brings: a value that reads but
        is implausible (core.rules.implausible) is stored and flagged for the clerk to confirm; a
        plausible one clears the cell's old flag."""
        path = tuple(edit.path)
        row = max((r for r in self.rows if path[:len(r.path)] == r.path and len(path) > len(r.path)),
                  key=lambda r: len(r.path), default=None)  # the indicator, not the area above it
        if row is None or edit.kind != "set" or row.kind not in ("indicator", "nis_activity") \
                or path[len(row.path)] not in VALUE_FIELDS:
            return [edit]
        suffix = path[len(row.path):]
        oy = self.session.office_year
        value = decode_value(edit.new) if edit.new is not None else None
        unit = resolve(oy, row.path + ("unit",)) or "count"
        reason = implausible(oy.fiscal_year, unit, value)
        key = pending_key(suffix)
        pending = resolve(oy, row.path + ("pending",)) or {}
        note = f"{reason[0]} / {reason[1]}" if reason else None
        if pending.get(key) == note:
            return [edit]
        return [edit, set_edit(oy, row.path + ("pending", key), note)]

    def edit_for(self, index: QModelIndex | QPersistentModelIndex, text: str) -> Edit | None:
        """The edit storing ``text`` in the cell, or None (the cell marked invalid, or no change)."""
        path = self.cell_path(QModelIndex(index))
        if path is None or self.session.rules.fixed(path) is not None:
            return None
        row = self.rows[index.row()]
        suffix = self.columns[index.column()].field_for(row)
        assert suffix is not None
        key = (row.path, suffix)
        try:
            value = parse(text, self.cell_kind(QModelIndex(index)))
        except ParseError as exc:
            self._invalid[key] = (text, error_text(exc))
            self.dataChanged.emit(index, index)
            return None
        had_error = self._invalid.pop(key, None) is not None
        if value == resolve(self.session.office_year, path):
            if had_error:
                self.dataChanged.emit(index, index)
            return None
        return set_edit(self.session.office_year, path, value)

    def clear_invalid(self) -> None:
        self._invalid.clear()

    # -------------------------------------------------------------- updates

    def _on_changed(self, edits: list[Edit]) -> None:
        if any(edit.kind != "set" for edit in edits) or any(len(e.path) < 2 for e in edits):
            self._invalid.clear()
            self.rebuild()
            return
        for edit in edits:
            for r, row in enumerate(self.rows):
                if edit.path[:len(row.path)] != row.path:
                    continue
                suffix = edit.path[len(row.path):]
                cells = [c for c, column in enumerate(self.columns)
                         if column.compute is None and column.field_for(row) == suffix]
                if not cells and row.kind in LEAF_KINDS:
                    self._row_changed(r)  # a field without a column (pending notes, unit...)
                for c in cells:
                    index = self.index(r, c)
                    self.dataChanged.emit(index, index)

    def _row_changed(self, r: int) -> None:
        """Repaint one row cell by cell: QAbstractItemView repaints only the rectangle of a
        one-cell change but the whole viewport for a range."""
        for c in range(len(self.columns)):
            index = self.index(r, c)
            self.dataChanged.emit(index, index)

    def set_active(self, active: bool) -> None:
        """Follow whether the table is shown; when shown again, take what the computed cells
        show now as the base (the view paints them all anyway)."""
        if active and not self.active:
            self._shown.clear()
        self.active = active
        if active:
            self._on_rescored()

    def _on_rescored(self) -> None:
        """Repaint the computed cells whose text or colour changed (scores and subtotals), and
        the stored cells of rows whose level colour changed."""
        if not self.active:
            return
        computed = [c for c, column in enumerate(self.columns) if column.compute is not None]
        for r, row in enumerate(self.rows):
            for c in computed:
                compute = self.columns[c].compute
                assert compute is not None
                value = compute(self, row)
                now = (value.text, value.colour.name() if value and value.colour else None) if value else ("", None)
                before = self._shown.get((r, c))
                if before != now:
                    self._shown[(r, c)] = now
                    if before is None:
                        continue
                    if before[1] != now[1]:
                        self._row_changed(r)  # the level reached colours the row's cells
                    else:
                        index = self.index(r, c)
                        self.dataChanged.emit(index, index)
