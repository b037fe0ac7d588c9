"""The HQ window's consolidated table as a Qt model, and the filter over it (office, year, status).

Headquarters holds thousands of office-years, so the table is a model over the rows of
``hq.consolidate.consolidated_rows`` (no widget per cell) and the filter and sort run in a proxy:
the text filter matches the office code or name, the year and status filters match exactly,
and a click on a header sorts by the stored value (numbers as numbers). Sorting reorders the
model's rows with Python's sort (≈30 ms for 20,000 rows) rather than through the proxy, whose
comparisons would each call back into Python (≈2 s)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from ..core.numerals import format_number, format_score, to_bengali_digits
from ..hq.consolidate import COLUMNS, HEADERS_BN, row_matches
from .i18n import tr

CONFLICT_BRUSH = QBrush(QColor("#f8d0d0"))

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def cell_text(key: str, value: Any) -> str:
    """A consolidated-table value as shown: Bengali digits, scores with two decimals, status in words."""
    if value is None:
        return "-"
    if key == "status":
        return tr(f"status_{value}")
    if key == "total_score":
        return format_score(value, "bn")
    if key == "fiscal_year":
        return to_bengali_digits(value)
    return format_number(value, "bn") if isinstance(value, int) else str(value)


def _sort_key(value: Any) -> Any:
    """Missing values sort first; numbers as numbers, text as text."""
    if value is None:
        return (0, 0)
    return (1, value) if isinstance(value, (int, float)) else (2, str(value))


class ConsolidatedModel(QAbstractTableModel):
    """One row per office-year HQ holds (``rows`` as ``consolidated_rows`` gives them)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder the rows by ``column`` (stable; selections follow their rows)."""
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column]
        self.layoutAboutToBeChanged.emit()
        order_of = sorted(range(len(self.rows)), key=lambda r: _sort_key(self.rows[r][key]),
                          reverse=order == Qt.SortOrder.DescendingOrder)
        position = {old: new for new, old in enumerate(order_of)}
        self.rows = [self.rows[r] for r in order_of]
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(persistent, [self.index(position[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS_BN[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, key = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(key, row[key])
        if row["status"] == "conflict":
            if role == Qt.ItemDataRole.BackgroundRole:
                return CONFLICT_BRUSH
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("hq_conflict_help")
        return None


class ConsolidatedFilter(QSortFilterProxyModel):
    """Rows whose office code or name holds the search text, of the chosen year and status."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.fiscal_year: str | None = None
        self.status: str | None = None

    def set_filter(self, text: str | None = None, fiscal_year: str | None = "", status: str | None = "") -> None:
        """Change any of the three filters (an argument left out keeps its filter; ``None`` for
        the year or status means all)."""
        # Qt 6.10+ has the begin/end pair (6.9 has a beginFilterChange without its end):
        # invalidateRowsFilter before.
        begin = getattr(self, "beginFilterChange", None) if hasattr(self, "endFilterChange") else None
        if begin is not None:
            begin()
        if text is not None:
            self.text = text
        if fiscal_year != "":
            self.fiscal_year = fiscal_year
        if status != "":
            self.status = status
        if begin is not None:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return row_matches(self.sourceModel().rows[source_row], self.text, self.fiscal_year, self.status)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the model's (see the module's note); the filter keeps the model's order."""
        self.sourceModel().sort(column, order)

    def row_at(self, view_row: int) -> dict[str, Any] | None:
        """The consolidated row shown at ``view_row`` (None when there is none)."""
        if not 0 <= view_row < self.rowCount():
            return None
        return self.sourceModel().rows[self.mapToSource(self.index(view_row, 0)).row()]

    def shown_rows(self) -> list[dict[str, Any]]:
        """The rows as shown: filtered and in the view's order."""
        return [row for r in range(self.rowCount()) if (row := self.row_at(r)) is not None]
