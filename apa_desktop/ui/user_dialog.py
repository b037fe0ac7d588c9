"""Who is working: the clerk's name and post, asked once, kept in the settings, changeable from
the window's toolbar, and written into every audit row (``DocumentSession.user``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ..db import Store
from .document import USER_SETTING
from .i18n import tr

PARTS_SETTING = "ui.user_parts"
"""[name, post] as typed, to fill the dialog again; USER_SETTING holds the text the audit shows."""


def user_text(name: str, post: str) -> str:
    """The audit's user: "নাম (পদবি)", or the name alone."""
    name, post = name.strip(), post.strip()
    return f"{name} ({post})" if post else name


def save_user(store: Store, name: str, post: str) -> None:
    store.set_setting(PARTS_SETTING, [name.strip(), post.strip()])
    store.set_setting(USER_SETTING, user_text(name, post))


class UserDialog(QDialog):
    """Name (required) and post of the person entering the data."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(tr("user_title"))
        name, post = (list(store.get_setting(PARTS_SETTING, ["", ""])) + ["", ""])[:2]
        self.name = QLineEdit(str(name), self)
        self.post = QLineEdit(str(post), self)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #a00000;")
        form = QFormLayout(self)
        form.addRow(QLabel(tr("user_explain"), self))
        form.addRow(tr("user_name"), self.name)
        form.addRow(tr("user_post"), self.post)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> bool:
        if not self.name.text().strip():
            self.message.setText(tr("user_name_needed"))
            return False
        save_user(self.store, self.name.text(), self.post.text())
        self.accept()
        return True


def ask_user_once(store: Store, parent: QWidget | None = None) -> None:
    """Ask for the name and post when none is kept yet (the first start)."""
    if not str(store.get_setting(USER_SETTING, "") or "").strip():
        UserDialog(store, parent).exec()
