"""Storage: one SQLite file per user (WAL, ``synchronous=FULL``), through sqlite-utils."""

from .database import open_database
from .errors import DatabaseDamaged, EvidenceRejected, InvalidRequest, NotFound, RevisionLocked, StoreError
from .records import AuditEntry, EvidenceFile, OfficeYearInfo, RevisionInfo
from .store import STATES, Store

__all__ = [
    "open_database", "Store", "STATES",
    "StoreError", "DatabaseDamaged", "RevisionLocked", "EvidenceRejected", "NotFound", "InvalidRequest",
    "AuditEntry", "EvidenceFile", "OfficeYearInfo", "RevisionInfo",
]
