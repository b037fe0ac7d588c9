"""One editing delegate per unit: count, percent, date, marks, text (multi-line).

Every numeric editor accepts Bengali and ASCII digits (the core's numerals parse them) and the
model shows Bengali digits. A value that does not parse is handed to the model anyway, which
keeps it in the cell with its message and stores nothing."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .models.table_model import KindRole


class UnitDelegate(QStyledItemDelegate):
    """A one-line editor with a placeholder saying what the unit expects."""

    placeholder = ""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setPlaceholderText(self.placeholder)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class CountDelegate(UnitDelegate):
    placeholder = "১২৩"


class PercentDelegate(UnitDelegate):
    placeholder = "৮৫%"


class DateDelegate(UnitDelegate):
    placeholder = "দিন/মাস/বছর"


class CountDateDelegate(UnitDelegate):
    placeholder = "৪ ও ৩১/০৭/২০২৩"


class MarksDelegate(UnitDelegate):
    placeholder = "৮.৫০"


class TextDelegate(QStyledItemDelegate):
    """A multi-line editor for long Bengali text; Enter saves, Shift+Enter starts a new line."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.installEventFilter(self)
        return editor

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), 72))
        rect.setWidth(max(rect.width(), 260))
        editor.setGeometry(rect)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (isinstance(obj, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.commitData.emit(obj)
            self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(obj, event)


DELEGATE_TYPES: dict[str, type[QStyledItemDelegate]] = {
    "count": CountDelegate, "number": CountDelegate, "percent": PercentDelegate, "date": DateDelegate,
    "count_date": CountDateDelegate, "marks": MarksDelegate, "text": TextDelegate,
}


class CellDelegate(QStyledItemDelegate):
    """Hands each cell to the delegate of its unit (a plan row's unit decides its value cells)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._by_kind = {kind: cls(self) for kind, cls in DELEGATE_TYPES.items()}
        self._line = UnitDelegate(self)
        for delegate in (*self._by_kind.values(), self._line):
            delegate.commitData.connect(self.commitData)
            delegate.closeEditor.connect(self.closeEditor)

    def _for(self, index: QModelIndex | QPersistentModelIndex) -> QStyledItemDelegate:
        return self._by_kind.get(str(index.data(KindRole)), self._line)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        return self._for(index).createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        self._for(index).setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        self._for(index).setModelData(editor, model, index)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: QModelIndex | QPersistentModelIndex) -> None:
        self._for(index).updateEditorGeometry(editor, option, index)
