"""The window's one presenter of errors a person reads (core.errors.UserError).

Every dialog and tab shows a refusal through :func:`show_error`, so the message is always in the
window's current language and never worked out by hand.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import UserError
from .i18n import language, tr


def error_text(error: BaseException) -> str:
    """The message of ``error`` in the window's language (a :class:`UserError`'s own text in that
    language; any other exception's text as it is)."""
    if isinstance(error, UserError):
        return error.message(language())
    return getattr(error, "message_bn" if language() == "bn" else "message_en", None) or str(error)


def show_error(parent: QWidget | None, error: UserError, title: str | None = None) -> None:
    """Show ``error`` in a warning box over ``parent``, in the current language."""
    QMessageBox.warning(parent, title or tr("app_title"), error_text(error))
