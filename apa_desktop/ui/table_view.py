"""A spreadsheet-like table view: arrow/Tab/Enter navigation, copy and paste of ranges
(tab-separated, as Word and Excel put them on the clipboard), a cell's change history from the
audit log, and the message of an invalid cell shown under the table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableView,
    QWidget,
)

from ..core.paste_plan import PastePlan, TargetCell, TargetColumn, plan_paste
from .delegates import CellDelegate
from .i18n import language, tr
from .models.cells import digits, parse, show
from .models.table_model import LEAF_KINDS, ErrorRole, PathTableModel

EDIT_TRIGGERS = (QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
                 | QAbstractItemView.EditTrigger.EditKeyPressed)


class SheetView(QTableView):
    """The table of one tab."""

    message = Signal(str)
    """The message of the current cell when it is invalid (empty otherwise)."""

    def __init__(self, model: PathTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        self._fit_header_height()
        model.headerDataChanged.connect(self._fit_header_height)
        model.modelReset.connect(self._fit_header_height)
        for c, column in enumerate(model.columns):
            self.setColumnWidth(c, column.width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(26)
        self.verticalHeader().setVisible(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        model.dataChanged.connect(self._announce)
        copy = QAction(self, shortcut=QKeySequence.StandardKey.Copy, triggered=self.copy_selection)
        self.paste_action = QAction(self, shortcut=QKeySequence.StandardKey.Paste, triggered=self.paste)
        for action in (copy, self.paste_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.addAction(action)
        model.session.lock_changed.connect(self.update_lock)
        self.update_lock()

    def _fit_header_height(self) -> None:
        """Tall enough for the header with the most lines ("চলতি মানের / নিম্নে / ৬০%"): Qt's own
        size hint is cached before the Bengali font is measured and clips the third line."""
        model, header = self.model(), self.horizontalHeader()
        lines = max((str(model.headerData(c, Qt.Orientation.Horizontal) or "").count("\n") + 1
                     for c in range(model.columnCount())), default=1)
        header.setMinimumHeight(max(44, lines * header.fontMetrics().lineSpacing() + 10))

    def update_lock(self) -> None:
        """Typing, paste and Delete only while the document is editable (not read-only or signed)."""
        editable = self.sheet().session.editable
        self.setEditTriggers(EDIT_TRIGGERS if editable else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.paste_action.setEnabled(editable)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter saves the cell and moves down, as in a spreadsheet (Tab moves right); an invalid
        cell keeps the cursor, with its message shown, for correction."""
        super().closeEditor(editor, hint)
        current = self.currentIndex()
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and not current.data(ErrorRole):
            below = self.model().index(current.row() + 1, current.column())
            if below.isValid():
                self.setCurrentIndex(below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Delete empties the selected cells (one undoable action)."""
        if event.key() == Qt.Key.Key_Delete and self.state() != QAbstractItemView.State.EditingState:
            model = self.sheet()
            if not model.session.editable:
                return
            edits = [edit for index in self.selectedIndexes() if model.cell_path(index) is not None
                     for edit in [model.edit_for(index, "")] if edit is not None]
            model.session.apply(edits, tr("remove_row"))
            return
        super().keyPressEvent(event)

    def sheet(self) -> PathTableModel:
        model = self.model()
        assert isinstance(model, PathTableModel)
        return model

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        self.message.emit(str(current.data(ErrorRole) or "") if current.isValid() else "")

    def _announce(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: list = ()) -> None:
        current = self.currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self.message.emit(str(current.data(ErrorRole) or ""))

    # -------------------------------------------------------- copy and paste

    def copy_selection(self) -> None:
        """Copy the selected range as tab-separated text (the shown, Bengali-digit text)."""
        indexes = self.selectedIndexes() or [self.currentIndex()]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        model = self.sheet()
        lines = ["\t".join(str(model.index(r, c).data() or "").replace("\n", " ") for c in cols) for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines))

    def paste(self) -> None:
        """Paste a tab-separated range at the current cell, as one undoable action.

        Cells that do not parse stay marked in place with their message; the rest are stored."""
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> bool:
        """Work out what pasting ``text`` at the current cell changes (core.paste_plan); when more
        than one cell changes, or cells are refused, heading rows skipped or a column is ambiguous,
        show the preview and store nothing unless the clerk confirms; then store it as one
        undoable change. Cells the template fixes are never overwritten. True when stored."""
        start = self.currentIndex()
        if not start.isValid() or not text or not self.sheet().session.editable:
            return False
        model = self.sheet()
        plan = self.plan_paste(text)
        if plan.needs_preview and not self.confirm_paste(plan, text):
            return False
        edits = [e for edit in plan.edits for e in model.flag_edits(edit)]
        return model.session.apply(edits, tr("paste_rows"))

    def plan_paste(self, text: str, choices: dict[int, int] | None = None, keep_original: bool = False) -> PastePlan:
        """The preview of pasting ``text`` at the current cell (nothing stored); ``keep_original``
        keeps Bijoy-typed cells as typed."""
        model, start = self.sheet(), self.currentIndex()
        grid = [[_target(model, model.index(r, c)) for c in range(model.columnCount())]
                for r in range(model.rowCount())]
        columns = [TargetColumn(column.header) for column in model.columns]
        headings = [row.kind not in LEAF_KINDS for row in model.rows]
        return plan_paste(model.session.office_year, grid, columns, headings, start.row(), start.column(), text,
                          show, parse, choices, keep_original)

    def confirm_paste(self, plan: PastePlan, text: str) -> bool:
        """Show the preview; True when the clerk confirms (the plan then holds the chosen columns)."""
        from .paste_dialog import PasteDialog

        model = self.sheet()
        dialog = PasteDialog(plan, self, where=self.describe, column_names=[c.header[0 if language() == "bn" else 1]
                                                                            for c in model.columns],
                             replan=lambda choices, keep: self.plan_paste(text, choices, keep),
                             row_names=self.row_name)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        plan.__dict__.update(dialog.plan.__dict__)
        return accepted and not plan.ambiguous

    def row_name(self, r: int) -> str:
        """A table row as the clerk knows it: its code, else its title."""
        model = self.sheet()
        return str(model.index(r, 0).data() or model.index(r, 1).data() or r + 1)

    def describe(self, path: tuple) -> str:
        """Where a document path is in this table: the row's code (or title) and the column's heading."""
        model = self.sheet()
        for r, row in enumerate(model.rows):
            if path[:len(row.path)] == row.path:
                suffix = path[len(row.path):]
                for column in model.columns:
                    if column.compute is None and column.field_for(row) == suffix:
                        bn, en = column.header
                        return f"{self.row_name(r)} — {(bn if language() == 'bn' else en).replace(chr(10), ' ')}"
        return str(path)

    # --------------------------------------------------------------- history

    def _menu(self, pos) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        menu.addAction(tr("history"), lambda: self.show_history(index))
        menu.exec(self.viewport().mapToGlobal(pos))

    def history_lines(self, index: QModelIndex) -> list[str]:
        """One line per recorded change of the cell, newest first."""
        model = self.sheet()
        path = model.cell_path(index)
        if path is None:
            return []
        entries = model.session.store.history(model.session.office_year_id, path)
        lines = []
        for entry in entries:
            old = "" if entry.old is None else entry.old
            new = "" if entry.new is None else entry.new
            when = entry.at.replace("T", " ")[:19]
            if digits() == "bn":
                from ..core.numerals import to_bengali_digits
                when = to_bengali_digits(when)
            lines.append(f"{when}  {entry.user}: {old} » {new}")
        return lines

    def show_history(self, index: QModelIndex) -> None:
        lines = self.history_lines(index)
        QMessageBox.information(self, tr("history"), "\n".join(lines) if lines else tr("no_history"))


def _target(model: PathTableModel, index: QModelIndex) -> TargetCell:
    path = model.cell_path(index)
    return TargetCell(path, model.cell_kind(index) if path is not None else "text")
