"""A tab holding one sheet: its toolbar (add/remove/reorder rows, paste rows, confirm), the
table, and the line that shows an invalid cell's message."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import model as m
from ...core.edits import insert_edit, move_edit, remove_edit, set_edit
from ..i18n import language, tr
from ..models.cells import resolve
from ..models.table_model import PathTableModel, Row
from ..score_panel import fix_label_size
from ..table_view import SheetView

NEW_ITEM = {"area": m.Area, "activity": m.Activity, "indicator": m.Indicator, "section": m.NisSection,
            "nis_activity": m.NisActivity}


class TableTab(QWidget):
    """A sheet with row operations that follow the kind of the current row."""

    def __init__(self, model: PathTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)  # dies with its tab, and stops listening to the session then
        self.view = SheetView(model, self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #a00000;")
        self.error.setWordWrap(True)
        self.view.message.connect(self.error.setText)
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (("add_row", self.add_row), ("remove_row", self.remove_row), ("move_up", self.move_up),
                          ("move_down", self.move_down), ("paste_rows", self.paste_rows),
                          ("confirm", self.confirm_pending)):
            button = QPushButton(tr(key), self)
            button.setObjectName(key)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        bar.addStretch(1)
        self.summary = QLabel(self)
        self.summary.setObjectName("summary")
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setText(tr("total_obtained"))
        fix_label_size(self.summary, 240)
        bar.addWidget(self.summary)
        model.session.rescored.connect(self._update_summary)
        self._update_summary()
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        model.session.lock_changed.connect(self.update_actions)
        model.modelReset.connect(self.update_actions)
        self.update_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

    def update_actions(self) -> None:
        """Enable the row buttons that apply: none on a locked document; no adding, removing,
        reordering or pasting of the template's rows (with a tooltip saying why)."""
        row = self.current_row()
        for key, button in self.buttons.items():
            enabled = self.session.editable and (key == "confirm" or self._allowed(key, row))
            button.setEnabled(enabled)
            button.setToolTip("" if enabled else tr("locked") if not self.session.editable else tr("template_rows"))

    def _allowed(self, key: str, row: Row | None) -> bool:
        """Whether the row action ``key`` may change the rows at ``row`` (the template's may not)."""
        if not self.session.editable:
            return False
        if key in ("add_row", "paste_rows"):
            return not self.model.template_list(row)
        if key in ("move_up", "move_down") and row is not None:
            # Nor may a row of the clerk's trade places with one of the template's (an own area
            # moved below the governance area, say).
            step = -1 if key == "move_up" else 1
            neighbour = row.path[:-1] + (int(row.path[-1]) + step,)
            if any(r.path == neighbour and self.model.template_row(r) for r in self.model.rows):
                return False
        return not self.model.template_row(row)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.model.set_active(True)
        self._update_summary()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.model.set_active(False)

    def _update_summary(self) -> None:
        if not self.isVisible():
            return  # updated when shown
        text = self.model.summary()
        self.summary.setText(f"{tr('total_obtained')}: {text}" if text else "")

    @property
    def session(self) -> Any:
        return self.model.session

    def current_row(self) -> Row | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def _list_and_index(self, row: Row | None) -> tuple[tuple, int] | None:
        if row is None:
            return None
        return row.path[:-1], int(row.path[-1])

    def add_row(self) -> None:
        """Add a row of the current row's kind just below it (an empty table gets its first row);
        at a template row (Section 3's governance area) the clerk's new row goes above it."""
        row = self.current_row()
        if not self._allowed("add_row", row):
            return
        oy = self.session.office_year
        if row is None:
            list_path, item = self._empty_target()
            if list_path is None:
                return
            edit = insert_edit(oy, list_path, len(resolve(oy, list_path)), item)
        else:
            list_path, index = row.path[:-1], int(row.path[-1])
            item_type = NEW_ITEM.get(row.kind, getattr(self.model, "item_type", None))
            if item_type is None:
                return
            below = 0 if self.model.template_row(row) else 1
            edit = insert_edit(oy, list_path, index + below, item_type())
        self.session.apply([edit], tr("add_row"))

    def _empty_target(self) -> tuple[tuple | None, Any]:
        list_path = getattr(self.model, "list_path", None)
        if list_path is not None and resolve(self.session.office_year, list_path) is not None:
            return list_path, self.model.item_type()
        plan_path = getattr(self.model, "plan_path", None)
        if plan_path is not None:
            return plan_path + ("areas",), m.Area()
        return None, None

    def remove_row(self) -> None:
        row = self.current_row()
        target = self._list_and_index(row)
        if target is not None and self._allowed("remove_row", row):
            self.session.apply([remove_edit(self.session.office_year, *target)], tr("remove_row"))

    def _move(self, step: int) -> None:
        row = self.current_row()
        target = self._list_and_index(row)
        if target is None or not self._allowed("move_up" if step < 0 else "move_down", row):
            return
        list_path, index = target
        size = len(resolve(self.session.office_year, list_path))
        if 0 <= index + step < size:
            column = self.view.currentIndex().column()
            moved = list_path + (index + step,)
            self.session.apply([move_edit(self.session.office_year, list_path, index, index + step)], tr("move_up"))
            for r, row in enumerate(self.model.rows):
                if row.path == moved:
                    self.view.setCurrentIndex(self.model.index(r, column))

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def paste_rows(self) -> None:
        """Insert rows copied from Word/Excel (tab-separated) below the current row."""
        self.paste_rows_text(QGuiApplication.clipboard().text())

    def paste_rows_text(self, text: str) -> bool:
        """Read ``text`` with the importer's ``paste_rows`` (which knows the seed tables' layouts)
        into a copy of the target, then store the new rows as insert edits, one undoable action.
        Nothing is stored when a row cannot be read; the problems are listed under the table."""
        from ...core.importer import paste_rows

        found = self._paste_target()
        if found is None or not self._allowed("paste_rows", self.current_row()):
            return False
        target_path, list_suffix, position, kind = found
        oy = self.session.office_year
        scratch = copy.deepcopy(resolve(oy, target_path))
        before = len(resolve(scratch, list_suffix))
        result = paste_rows(scratch, text, position, kind=kind)
        if result.problems:
            bn = language() == "bn"
            self.error.setText("\n".join(
                f"{p.line}:{p.column + 1} «{p.text}» — {p.expected_bn if bn else p.expected_en}"
                for p in result.problems[:5]))
            return False
        added = resolve(scratch, list_suffix)[position:position + len(resolve(scratch, list_suffix)) - before]
        list_path = target_path + list_suffix
        edits = [insert_edit(oy, list_path, position, item) for item in reversed(added)]
        self.error.setText("")
        return self.session.apply(edits, tr("paste_rows"))

    def _paste_target(self) -> tuple[tuple, tuple, int, str | None] | None:
        """(target path, list below it that grows, position, register kind) for the current row."""
        oy = self.session.office_year
        row = self.current_row()
        plan_path = getattr(self.model, "plan_path", None)
        if plan_path is not None:
            plan = resolve(oy, plan_path)
            if plan is None:
                return None
            if not plan.columns.area and plan.areas:
                suffix: tuple = ("areas", 0, "activities")
                position = int(row.path[len(plan_path) + 3]) + 1 if row and len(row.path) > len(plan_path) + 3 \
                    else len(plan.areas[0].activities)
            else:
                suffix = ("areas",)
                position = int(row.path[len(plan_path) + 1]) + 1 if row else len(plan.areas)
            return plan_path, suffix, position, None
        if row is not None and row.path[:2] == ("nis", "sections"):
            section_path = row.path[:3]
            position = int(row.path[4]) + 1 if len(row.path) > 4 else 0
            return section_path, ("activities",), position, None
        list_path = getattr(self.model, "list_path", None)
        if list_path is None:
            return None
        position = int(row.path[-1]) + 1 if row else len(resolve(oy, list_path) or [])
        if list_path[-1] == "branches":
            return list_path[:-1], ("branches",), position, None
        if list_path[-1] in ("innovations", "fourir"):
            return list_path, (), position, list_path[-1]
        return None  # Section 2 and Annexes 1-3: ranges are pasted cell by cell (Ctrl+V)

    def confirm_pending(self) -> None:
        """Confirm the values flagged on the current row (clears its ``pending`` notes)."""
        row = self.current_row()
        if row is None:
            return
        pending = resolve(self.session.office_year, row.path + ("pending",))
        if pending:
            self.session.apply([set_edit(self.session.office_year, row.path + ("pending",), {})], tr("confirm"))
