"""Writing a file whole or not at all.

A file written straight onto its name is truncated first: a full disk, a pulled USB stick or a
kill half-way then leaves a broken file where a good one (an earlier export, a key) may have
been. :func:`write_whole` writes a temporary file beside the target, flushes it to the disk and
only then renames it over the target; on any failure the temporary file is removed and the
target is as it was."""

from __future__ import annotations

import os
from pathlib import Path


def write_whole(path: Path, data: bytes, private: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; ``private`` makes it readable by its owner only
    (keys, link files holding a token)."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.part")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
