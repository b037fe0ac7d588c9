"""The form tabs: cover and signatories, overview (with the preamble), Section 1.

Each field is bound to a document path and saved when editing finishes (focus leaves the
field); dates are read by the core's numerals, and an invalid date stays typed with its message."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.edits import Edit, resolve, set_edit
from ...core.model import TIERS
from ...core.numerals import ParseError
from ..errors import error_text
from ..i18n import tr
from ..models.cells import parse, show


class _PlainEdit(QPlainTextEdit):
    """A multi-line field that saves when it loses focus."""

    def __init__(self, on_done: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_done = on_done

    def focusOutEvent(self, event: Any) -> None:
        super().focusOutEvent(event)
        self._on_done()

PARSED_KINDS = ("date", "number")
"""Field kinds read through core.numerals (Bengali or ASCII digits); other fields are text,
except "tier", a choice of the office tiers."""


def tier_combo(parent: QWidget) -> QComboBox:
    """The office tiers (upazila, district, regional, head office) by name; the data is the code."""
    combo = QComboBox(parent)
    for tier in TIERS:
        combo.addItem(tr(f"tier_{tier}"), tier)
    return combo


class FormTab(QWidget):
    """Fields bound to paths; ``fields`` is a list of (group key, [(label key, path, kind)])."""

    def __init__(self, session: Any, fields: list[tuple[str, list[tuple[str, tuple, str]]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.editors: dict[tuple, QWidget] = {}
        self.errors: dict[tuple, QLabel] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        for group_key, rows in fields:
            box = QGroupBox(tr(group_key), body)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for label_key, path, kind in rows:
                editor = self._editor(path, kind)
                error = QLabel(box)
                error.setStyleSheet("color: #a00000;")
                error.hide()
                holder = QWidget(box)
                inner = QVBoxLayout(holder)
                inner.setContentsMargins(0, 0, 0, 0)
                inner.addWidget(editor)
                inner.addWidget(error)
                form.addRow(tr(label_key), holder)
                self.errors[path] = error
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.refresh()
        session.changed.connect(self._on_changed)
        session.lock_changed.connect(self.update_lock)
        self.update_lock()

    def update_lock(self) -> None:
        """Fields are read-only while the document is (HQ's view, a signed revision)."""
        for editor in self.editors.values():
            if isinstance(editor, QComboBox):
                editor.setEnabled(self.session.editable)
            else:
                editor.setReadOnly(not self.session.editable)  # type: ignore[attr-defined]

    def _editor(self, path: tuple, kind: str) -> QWidget:
        if kind == "tier":
            editor: QWidget = tier_combo(self)
            editor.activated.connect(lambda _: self.commit(path))
        elif kind in ("text_long", "lines"):
            editor = _PlainEdit(lambda: self.commit(path), self)
            editor.setMinimumHeight(90 if kind == "text_long" else 70)
            editor.setTabChangesFocus(True)
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            editor = QLineEdit(self)
            editor.editingFinished.connect(lambda: self.commit(path))
        editor.setProperty("kind", kind)
        self.editors[path] = editor
        return editor

    def text_of(self, path: tuple) -> str:
        editor = self.editors[path]
        if isinstance(editor, QComboBox):
            return editor.currentData() or ""
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def set_text(self, path: tuple, text: str) -> None:
        editor = self.editors[path]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(text))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        else:
            editor.setText(text)

    def refresh(self) -> None:
        oy = self.session.office_year
        for path, editor in self.editors.items():
            if self.errors[path].isVisible():
                continue
            value = resolve(oy, path)
            kind = editor.property("kind")
            text = "\n".join(value or []) if kind == "lines" else show(value, kind if kind in PARSED_KINDS else "text")
            if text != self.text_of(path):
                self.set_text(path, text)

    def commit(self, path: tuple) -> None:
        """Save the field at ``path`` if it changed and is valid; otherwise show its message."""
        kind = self.editors[path].property("kind")
        text = self.text_of(path)
        error = self.errors[path]
        try:
            if kind == "lines":
                value: Any = [line.strip() for line in text.split("\n") if line.strip()]
            elif kind in PARSED_KINDS:
                value = parse(text, kind)
            else:
                value = text
        except ParseError as exc:
            error.setText(error_text(exc))
            error.show()
            return
        error.hide()
        oy = self.session.office_year
        if resolve(oy, path[:-1]) is None:
            return
        if value == resolve(oy, path):
            return
        edit: Edit = set_edit(oy, path, value)
        self.session.apply([edit], tr(path[-1]) if isinstance(path[-1], str) else "")

    def _on_changed(self, edits: list[Edit]) -> None:
        """Refresh the fields only when an edit reached one of them (or replaced a part above)."""
        if any(edit.path[:len(path)] == path or path[:len(edit.path)] == edit.path
               for edit in edits for path in self.editors):
            self.refresh()

def cover_tab(session: Any) -> FormTab:
    def person(prefix: str) -> list[tuple[str, tuple, str]]:
        return [("name", ("cover", prefix, "name"), "text"), ("designation", ("cover", prefix, "designation"), "text"),
                ("office", ("cover", prefix, "office"), "text")]

    office = [("office_name", ("office", "name"), "text"), ("tier", ("office", "tier"), "tier"),
              ("superior_office", ("office", "superior_office"), "text"), ("address", ("office", "address"), "text"),
              ("web_portal", ("office", "web_portal"), "text")]
    return FormTab(session, [
        ("office_details", office),
        ("office_signatory", person("office_signatory")),
        ("superior_signatory", person("superior_signatory")),
        ("cover", [("period", ("cover", "period"), "text"), ("signing_date", ("cover", "signing_date"), "date")]),
    ])

def overview_tab(session: Any) -> FormTab:
    return FormTab(session, [
        ("overview", [(key, ("overview", key), "text_long")
                      for key in ("achievements", "challenges", "future_plan", "expected")]),
        ("preamble", [("preamble", ("preamble", "text"), "text_long"),
                      ("signing_date", ("preamble", "signing_date"), "date")]),
    ])

def section1_tab(session: Any) -> FormTab:
    return FormTab(session, [
        ("section1", [("vision", ("section1", "vision"), "text"), ("mission", ("section1", "mission"), "text_long"),
                      ("own_areas", ("section1", "own_areas"), "lines"),
                      ("governance_areas", ("section1", "governance_areas"), "lines"),
                      ("functions", ("section1", "functions"), "lines")]),
    ])
