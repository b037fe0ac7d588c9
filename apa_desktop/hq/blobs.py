"""HQ's evidence files and signed PDFs, outside the database rows: a content-addressed folder.

A file's name is its SHA-256 (``ab/abcdef….bin`` under the folder), so the same bytes are kept
once however many bundles carry them, and a name says what its content must be. Writes are
atomic (a temporary file in the same folder, synced, then renamed), so a crash leaves either the
whole file or none; a file already present is rewritten only when its bytes no longer match its
name (an upload's chunks are written without the sync). The database keeps the hashes (and
sizes) in its ``evidence`` table; a blob written by a transaction that then rolls back is only an
unreferenced file, harmless and reused when the same bytes come again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / f"{sha256}.bin"

    def put(self, data: bytes, durable: bool = True) -> str:
        """Keep ``data``; returns its SHA-256. ``durable=False`` skips the sync to disk: for bytes
        that can be asked for again (an upload's chunks, which are checked against their hash
        whenever they are used), never for what a database row will name."""
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.exists() and self.get(sha) is not None:  # a damaged copy is written again
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    def get(self, sha256: str) -> bytes | None:
        """The bytes named ``sha256``, or ``None`` when absent or not matching their name."""
        try:
            data = self.path(sha256).read_bytes()
        except (FileNotFoundError, ValueError):
            return None
        return data if hashlib.sha256(data).hexdigest() == sha256 else None
