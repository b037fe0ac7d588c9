"""Files the CLI and the window write onto a name the user chose are written whole or not at all:
a full disk or a failure half-way leaves the earlier file (a signed PDF, a key, a pack) as it was."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from apa_desktop.export import files
from apa_desktop.export.files import write_whole


def test_a_failed_write_leaves_the_earlier_file_whole_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "signed.pdf"
    target.write_bytes(b"the signed PDF of last week")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_whole(target, b"x" * 100_000)
    assert target.read_bytes() == b"the signed PDF of last week"
    assert [p.name for p in tmp_path.iterdir()] == ["signed.pdf"]


def test_a_write_replaces_the_file_and_keys_are_private(tmp_path):
    target = tmp_path / "key.p12"
    target.write_bytes(b"old")
    write_whole(target, b"new key", private=True)
    assert target.read_bytes() == b"new key"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert stat.S_IMODE(write_whole(tmp_path / "a.crt", b"cert").stat().st_mode) == 0o644
