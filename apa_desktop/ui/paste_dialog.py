"""The paste preview: what a paste will change (old -> new), the rows it adds, the cells refused
with the reason, the heading rows it passes over, the cells read from Bijoy/SutonnyMJ text (with
"মূল লেখা রাখুন" to keep them as typed); nothing is stored until the clerk confirms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.numerals import format_number
from ..core.paste_plan import PastePlan
from .i18n import language, tr


def _n(value: int) -> str:
    return format_number(value, "bn" if language() == "bn" else "en")


class PasteDialog(QDialog):
    """Shows a :class:`PastePlan`; ``replan(choices, keep_original)`` recomputes it when an ambiguous
    column is chosen or the clerk keeps (or stops keeping) the Bijoy text as typed. ``added`` lists
    the rows a row paste adds (their titles) when the plan does not."""

    def __init__(self, plan: PastePlan, parent: QWidget | None = None, *, where: Callable[[tuple], str] = str,
                 column_names: list[str] | None = None,
                 replan: Callable[[dict[int, int], bool], PastePlan] | None = None,
                 added: list[str] | None = None, row_names: Callable[[int], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paste_preview")
        self.setWindowTitle(tr("paste_preview"))
        self.resize(900, 560)
        self.plan, self.where, self.replan = plan, where, replan
        self.column_names = column_names or []
        self.row_names = row_names or (lambda r: _n(r + 1))
        self.added = added or []
        self.choices: dict[int, int] = {}
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.choose = QFormLayout()
        layout.addLayout(self.choose)
        self.changes = QTableWidget(0, 3, self)
        self.changes.setObjectName("paste_changes")
        self.changes.setHorizontalHeaderLabels([tr("paste_where"), tr("paste_old"), tr("paste_new")])
        layout.addWidget(self.changes, 2)
        self.refused = QTableWidget(0, 3, self)
        self.refused.setObjectName("paste_refused")
        self.refused.setHorizontalHeaderLabels([tr("paste_line"), tr("paste_text"), tr("paste_reason")])
        layout.addWidget(self.refused, 1)
        self.skipped = QLabel(self)
        self.skipped.setWordWrap(True)
        layout.addWidget(self.skipped)
        self.legacy_info = QLabel(self)
        self.legacy_info.setWordWrap(True)
        layout.addWidget(self.legacy_info)
        self.conversions = QTableWidget(0, 3, self)
        self.conversions.setObjectName("paste_converted")
        self.conversions.setHorizontalHeaderLabels([tr("paste_line"), tr("bijoy_as_typed"), tr("bijoy_as_read")])
        layout.addWidget(self.conversions, 1)
        self.keep_original = QCheckBox(tr("bijoy_keep_original"), self)
        self.keep_original.setObjectName("keep_original")
        self.keep_original.setChecked(plan.keep_original)
        self.keep_original.toggled.connect(self._keep)
        layout.addWidget(self.keep_original)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("paste_confirm"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self._combos: dict[int, QComboBox] = {}
        for pasted, options in plan.ambiguous.items():
            combo = QComboBox(self)
            combo.addItem(tr("paste_choose"), None)
            for option in options:
                combo.addItem(self._column(option), option)
            combo.currentIndexChanged.connect(lambda _, p=pasted, c=combo: self._chosen(p, c.currentData()))
            self._combos[pasted] = combo
            self.choose.addRow(f"{tr('paste_ambiguous')} {_n(pasted + 1)}", combo)
        self.show_plan(plan)

    def _column(self, c: int) -> str:
        return self.column_names[c].replace("\n", " ") if c < len(self.column_names) else _n(c + 1)

    def _chosen(self, pasted: int, column: int | None) -> None:
        if column is None or self.replan is None:
            return
        self.choices[pasted] = column
        self.show_plan(self.replan(dict(self.choices), self.keep_original.isChecked()))

    def _keep(self, keep: bool) -> None:
        if self.replan is not None:
            self.show_plan(self.replan(dict(self.choices), keep))

    def show_plan(self, plan: PastePlan) -> None:
        self.plan = plan
        self.added = plan.added or self.added
        lang = language()
        self.summary.setText(
            f"{tr('paste_changes')}: {_n(len(plan.changes))}   {tr('paste_added')}: {_n(len(self.added))}   "
            f"{tr('paste_refused')}: {_n(len(plan.refused))}"
            + (f"   {tr('paste_by_header')}" if plan.header_line else ""))
        rows = [(self.where(c.path), c.old, c.new) for c in plan.changes] + [
            (tr("paste_new_row"), "", title) for title in self.added]
        self.changes.setRowCount(len(rows))
        for r, texts in enumerate(rows):
            for c, text in enumerate(texts):
                self.changes.setItem(r, c, QTableWidgetItem(text))
        self.refused.setRowCount(len(plan.refused))
        for r, item in enumerate(plan.refused):
            for c, text in enumerate((f"{_n(item.line)}:{_n(item.column + 1)}", item.text, item.message(lang))):
                self.refused.setItem(r, c, QTableWidgetItem(text))
        self.changes.resizeColumnsToContents()
        self.refused.resizeColumnsToContents()
        self.skipped.setText(f"{tr('paste_skipped')}: " + ", ".join(self.row_names(r) for r in plan.skipped_rows)
                             if plan.skipped_rows else "")
        self._show_converted(plan)
        self.ok.setEnabled(bool(plan.edits or self.added) and not plan.ambiguous)

    def _show_converted(self, plan: PastePlan) -> None:
        """The Bijoy cells, as typed and as read; hidden when there are none."""
        shown = bool(plan.converted)
        for widget in (self.legacy_info, self.conversions, self.keep_original):
            widget.setVisible(shown)
        self.keep_original.setEnabled(self.replan is not None)
        key = "bijoy_kept" if plan.keep_original else "bijoy_converted"
        self.legacy_info.setText(f"{tr(key)}: {_n(len(plan.converted))}" if shown else "")
        self.conversions.setRowCount(len(plan.converted))
        for r, cell in enumerate(plan.converted):
            for c, text in enumerate((f"{_n(cell.line)}:{_n(cell.column + 1)}", cell.original, cell.converted)):
                self.conversions.setItem(r, c, QTableWidgetItem(text))
        self.conversions.resizeColumnsToContents()
