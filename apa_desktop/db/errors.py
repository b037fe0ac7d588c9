"""Errors of the storage layer, each with a Bengali and an English message for the user."""

from __future__ import annotations

from apa_desktop.core.errors import UserError


class StoreError(UserError):
    """A storage error the user can act on; ``str()`` gives "Bengali / English"."""


class DatabaseDamaged(StoreError):
    """The database file failed ``PRAGMA quick_check`` or is not a database at all."""


class RevisionLocked(StoreError):
    """The current revision is signed: it is never edited in place."""


class EvidenceRejected(StoreError, ValueError):
    """An evidence file is too large or not an accepted kind."""


class NotFound(StoreError, KeyError):
    """No office-year, revision or evidence file with that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


class InvalidRequest(StoreError, ValueError):
    """A request the store refuses as given (missing reason, unknown state, mismatched document)."""
