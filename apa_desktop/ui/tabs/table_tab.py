"""A tab holding one sheet: its toolbar (add/remove/reorder rows, paste rows, confirm), the
table, and the line that shows an invalid cell's message."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core import model as m
from ...core.edits import Edit, insert_edit, move_edit, remove_edit, resolve, set_edit
from ...core.rules import RuleRefusal
from ..errors import error_text
from ..i18n import language, tr
from ..models.table_model import PathTableModel, Row
from ..score_panel import fix_label_size
from ..table_view import SheetView

NEW_ITEM = {"area": m.Area, "activity": m.Activity, "indicator": m.Indicator, "section": m.NisSection,
            "nis_activity": m.NisActivity}
CHILD_LIST = {"area": ("activities", m.Activity), "activity": ("indicators", m.Indicator),
              "section": ("activities", m.NisActivity)}
"""The list below a heading row, where a first child row goes."""


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
        """Enable the row buttons the document's rules allow at the current row (core.rules), with
        the rule's own message as the tooltip of a disabled one; none on a locked document."""
        row = self.current_row()
        for key, button in self.buttons.items():
            if not self.session.editable:
                enabled, tip = False, tr("locked")
            elif key == "confirm":
                enabled, tip = True, ""
            else:
                refused = self.refusal(key, row)
                enabled, tip = refused is None, "" if refused is None else refused.message(language())
            button.setEnabled(enabled)
            button.setToolTip(tip)

    def refusal(self, key: str, row: Row | None) -> RuleRefusal | None:
        """Why the row action ``key`` may not change the rows at ``row``, as the core's rules say
        (the same refusal the store would give); a missing target is refused as "nothing here"."""
        rules = self.session.rules
        if key == "add_row":
            return self._add_target(row)[1]
        if key == "paste_rows":
            target = self._paste_target()
            if target is None:
                return RuleRefusal("এই সারণিতে সারি পেস্ট হয় না; ঘরে ঘরে পেস্ট করুন (Ctrl+V)",
                                   "Rows cannot be pasted into this table; paste cells (Ctrl+V)")
            target_path, suffix, position, _ = target
            return rules.insert_refusal(target_path + suffix, position)
        if row is None:
            return RuleRefusal("আগে একটি সারি বাছুন", "Choose a row first")
        if key == "remove_row":
            return rules.remove_refusal(row.path)
        step = -1 if key == "move_up" else 1
        size = len(resolve(self.session.office_year, row.path[:-1]) or [])
        target = min(max(int(row.path[-1]) + step, 0), size - 1)  # at an end: stays (a template row: refused)
        return rules.move_refusal(row.path, target)

    def _add_target(self, row: Row | None) -> tuple[Edit | None, RuleRefusal | None]:
        """The insert a new row at ``row`` makes: a sibling just below it, else just above it
        (an own area goes above the governance area), else a first child (an own activity in the
        NIS plan's section 3); or the refusal of the first try when none is allowed."""
        oy, rules = self.session.office_year, self.session.rules
        if row is None:
            list_path, item = self._empty_target()
            if list_path is None or resolve(oy, list_path) is None:
                return None, None
            candidates = [(list_path, len(resolve(oy, list_path)), item)]
        else:
            list_path, index = row.path[:-1], int(row.path[-1])
            item_type = NEW_ITEM.get(row.kind, getattr(self.model, "item_type", None))
            candidates = [] if item_type is None else [(list_path, index + 1, item_type()),
                                                       (list_path, index, item_type())]
            if row.kind in CHILD_LIST:
                name, child = CHILD_LIST[row.kind]
                candidates.append((row.path + (name,), 0, child()))
        first: RuleRefusal | None = None
        for list_path, index, item in candidates:
            edit = insert_edit(oy, list_path, index, item)
            refused = rules.refusal(edit)
            if refused is None:
                return edit, None
            first = first or refused
        return None, first

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
        """Add a row where the rules allow one at the current row (see :meth:`_add_target`); a
        refusal is shown, in the window's language, and nothing changes."""
        edit, refused = self._add_target(self.current_row())
        if refused is not None:
            self.error.setText(error_text(refused))
        elif edit is not None:
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
        if target is None:
            return
        refused = self.refusal("remove_row", row)
        if refused is not None:
            self.error.setText(error_text(refused))
            return
        self.session.apply([remove_edit(self.session.office_year, *target)], tr("remove_row"))

    def _move(self, step: int) -> None:
        row = self.current_row()
        target = self._list_and_index(row)
        if target is None:
            return
        refused = self.refusal("move_up" if step < 0 else "move_down", row)
        if refused is not None:
            self.error.setText(error_text(refused))
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
        into a copy of the target, show the preview (the rows added, the cells that did not read
        with the reason: they are kept as written and marked; Bijoy-typed cells converted, or kept
        as typed when the clerk chooses), and store the new rows as insert edits, one undoable
        action, once the clerk confirms."""
        from ...core.bijoy_text import read_legacy
        from ...core.importer import paste_rows
        from ...core.paste_plan import PastePlan, Refused
        from ..paste_dialog import PasteDialog

        found = self._paste_target()
        refused = self.refusal("paste_rows", self.current_row())
        if found is None or refused is not None:
            if refused is not None:
                self.error.setText(error_text(refused))
            return False
        target_path, list_suffix, position, kind = found
        oy = self.session.office_year
        read: dict[bool, list] = {}

        def plan(keep: bool) -> PastePlan:
            source, converted = read_legacy(text, keep)
            scratch = copy.deepcopy(resolve(oy, target_path))
            before = len(resolve(scratch, list_suffix))
            result = paste_rows(scratch, source, position, accept_problems=True, kind=kind)
            read[keep] = resolve(scratch, list_suffix)[position:position + len(resolve(scratch, list_suffix)) - before]
            return PastePlan(refused=[Refused(p.line, p.column, p.text, f"{p.expected_bn} (যেমন লেখা তেমন রাখা হবে)",
                                              f"{p.expected_en} (kept as written, marked)") for p in result.problems],
                             converted=converted, keep_original=keep, added=[_row_title(item) for item in read[keep]])

        preview = plan(False)
        if not read[False]:
            self.error.setText(tr("paste_nothing"))
            return False
        dialog = PasteDialog(preview, self, replan=lambda _choices, keep: plan(keep))
        if dialog.exec() != QDialog.DialogCode.Accepted or not read[dialog.plan.keep_original]:
            return False
        list_path = target_path + list_suffix
        edits = [insert_edit(oy, list_path, position, item) for item in reversed(read[dialog.plan.keep_original])]
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
                if row is not None and row.kind == "area" and self.session.rules.is_template_row(row.path):
                    position -= 1  # at the governance area's heading: the pasted own areas go above it
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


def _row_title(item: Any) -> str:
    """A pasted row as the preview names it: its code and title (or its first text field)."""
    code = getattr(item, "code", "")
    title = getattr(item, "title", "") or getattr(item, "name", "") or getattr(item, "branch", "") \
        or getattr(item, "subject", "") or getattr(item, "indicator", "")
    return f"[{code}] {title}".strip() if code else str(title)
