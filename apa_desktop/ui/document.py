"""The open office-year: the store, the live document, the undo stack and the current scores.

Every change goes through :meth:`DocumentSession.apply`: saved at once by ``Store.apply_edits``
(one transaction), pushed on the undo stack, then the office-year is rescored and
``changed`` tells the views which paths moved so they repaint only those.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..core.edits import Edit
from ..core.model import OfficeYear
from ..core.rules import DocumentRules
from ..core.scoring import Breakdown, WeightIssue, score_office_year, validate_weights
from ..db import Store
from .errors import message_for
from .i18n import tr
from .undo import EditCommand

USER_SETTING = "ui.user"


class DocumentSession(QObject):
    """One office-year open in the window."""

    changed = Signal(list)
    """The edits just applied (done, undone or redone)."""
    rescored = Signal()
    failed = Signal(str)
    """A message for the status bar when the store refused an edit."""
    lock_changed = Signal()
    """The document became editable or locked (a new revision was opened)."""

    def __init__(self, store: Store, office_year_id: int, parent: QObject | None = None,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.store = store
        self.office_year_id = office_year_id
        self.read_only = read_only
        """Shown only (HQ's drill-down): nothing is ever edited, whatever the revision."""
        self.signed = self._current_revision_signed()
        self.undo_stack = QUndoStack(self)
        self.quarter: int | None = None
        self.breakdown: Breakdown | None = None
        self.weight_issues: list[WeightIssue] = []
        self._document = store.load(office_year_id)
        self._rules: DocumentRules | None = None
        self.rescore()

    @property
    def rules(self) -> DocumentRules:
        """The document's rules for its current rows (core.rules), asked to enable cells and
        buttons; the store asks the same rules again when an edit is saved."""
        if self._rules is None or self._rules.office_year is not self._document:
            self._rules = DocumentRules(self._document)
        return self._rules

    @property
    def office_year(self) -> OfficeYear:
        """The live document (the store's cached object; change it only through :meth:`apply`)."""
        return self._document

    @property
    def editable(self) -> bool:
        """Whether edits are accepted: not a read-only view and the current revision not signed."""
        return not self.read_only and not self.signed

    @property
    def user(self) -> str:
        return str(self.store.get_setting(USER_SETTING, ""))

    def apply(self, edits: list[Edit], text: str) -> bool:
        """Save ``edits`` as one undoable action; False (and ``failed`` emitted) if refused."""
        if not edits:
            return True
        if not self.editable:
            self.failed.emit(tr("read_only") if self.read_only else tr("locked"))
            return False
        if not self._save(edits):
            return False
        self.undo_stack.push(EditCommand(edits, text, self._replay))
        return True

    def reload(self) -> None:
        """Take the store's document again after it was replaced as a whole (an import): the
        undo history no longer applies to it."""
        self.undo_stack.clear()
        self._document = self.store.load(self.office_year_id)
        self._rules = None
        self.refresh_lock()
        self.rescore()

    def new_revision(self, reason: str) -> bool:
        """Open a new revision of a signed office-year (``reason`` required); False and
        ``failed`` emitted when the store refuses it (an empty reason)."""
        if self.read_only:
            return False
        try:
            self.store.new_revision(self.office_year_id, reason, self.user)
        except Exception as exc:  # noqa: BLE001 - InvalidRequest: no reason given
            self.failed.emit(message_for(exc))
            return False
        self.undo_stack.clear()
        self._document = self.store.load(self.office_year_id)
        self.refresh_lock()
        return True

    def refresh_lock(self) -> None:
        """Read again whether the current revision is signed (after signing it from the window)."""
        self._set_signed(self._current_revision_signed())

    def _set_signed(self, signed: bool) -> None:
        if signed != self.signed:
            self.signed = signed
            if signed:
                self.undo_stack.clear()  # a signed revision is not undone in place
            self.lock_changed.emit()

    def _current_revision_signed(self) -> bool:
        revisions = self.store.revisions(self.office_year_id)
        return bool(revisions) and revisions[-1].locked

    def set_quarter(self, quarter: int | None) -> None:
        self.quarter = quarter
        self.rescore()

    def rescore(self) -> None:
        """Score the office-year for the selected quarter (whole year when None)."""
        self.breakdown = score_office_year(self.office_year, quarter=self.quarter)
        self.weight_issues = list(validate_weights(self.office_year))
        self.rescored.emit()

    def _save(self, edits: list[Edit]) -> bool:
        try:
            self.store.apply_edits(self.office_year_id, edits, self.user)
        except Exception as exc:  # noqa: BLE001 - RevisionLocked, EditError: the store changed nothing
            self.failed.emit(message_for(exc))
            return False
        self._document = self.store.load(self.office_year_id)
        self._rules = None
        self.rescore()
        self.changed.emit(edits)
        return True

    def _replay(self, edits: list[Edit]) -> None:
        self._save(edits)

