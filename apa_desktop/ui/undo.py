"""QUndoStack commands wrapping core edits: each command is saved through the store when done,
undone and redone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..core.edits import Edit


class EditCommand(QUndoCommand):
    """One user action (a cell, a paste, a row move) as a list of core edits.

    The edits are already saved when the command is pushed (the store refuses bad edits before
    anything reaches the stack), so the first ``redo`` that QUndoStack.push makes is skipped."""

    def __init__(self, edits: list[Edit], text: str, apply: Callable[[list[Edit]], None]) -> None:
        super().__init__(text)
        self._edits = edits
        self._apply = apply
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self._edits)

    def undo(self) -> None:
        self._apply([edit.inverse() for edit in reversed(self._edits)])
