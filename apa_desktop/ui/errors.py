"""The window's one presenter of errors a person reads (core.errors.UserError).

Every dialog and tab shows a refusal through :func:`show_error`, so the message is always in the
window's current language and never worked out by hand.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.errors import UserError, environment_error
from .i18n import language, tr


def error_text(error: BaseException) -> str:
    """The message of ``error`` in the window's language (a :class:`UserError`'s own text in that
    language; any other exception as :func:`message_for` says it)."""
    if isinstance(error, UserError):
        return error.message(language())
    return message_for(error)


def message_for(exc: BaseException) -> str:
    """What the window says about any exception, in its language: a :class:`UserError`'s message;
    what a disk or database error means (full, read-only, locked, vanished) and that nothing saved
    was lost; a domain refusal's text; else, as a last resort, where the traceback was logged."""
    if isinstance(exc, UserError):
        return error_text(exc)
    if isinstance(getattr(exc, "message_bn", None), str) and isinstance(getattr(exc, "message_en", None), str):
        return exc.message_en if language() == "en" else exc.message_bn  # an error not yet a UserError
    error = environment_error(exc)
    if error is None and isinstance(exc, (ValueError, LookupError)):
        return str(exc)  # a domain refusal not yet a UserError (its text carries both languages)
    if error is None:
        from ..crashlog import crash_message

        error = UserError(*crash_message(exc))
    return error_text(error)


def install_last_resort(parent_of=lambda: None) -> None:
    """Route any exception no code caught (in a slot, an event handler) to a message box naming
    its log file instead of a traceback on the console (PySide6 hands them to ``sys.excepthook``)."""
    import sys

    def hook(kind, value, tb):  # the excepthook signature
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        QMessageBox.critical(parent_of(), tr("app_title"), message_for(value))

    sys.excepthook = hook


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """Show ``error`` in a warning box over ``parent``, in the current language."""
    QMessageBox.warning(parent, title or tr("app_title"), error_text(error))
