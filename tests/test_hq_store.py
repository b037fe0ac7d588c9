"""The HQ store: evidence lives outside the rows in a content-addressed folder, on both back ends;
an HQ file made before the store opens with its evidence moved out; transactions are all or nothing."""

from __future__ import annotations

import hashlib

import pytest

from apa_desktop.hq.backends import SqliteBackend
from apa_desktop.hq.blobs import BlobStore
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer
from apa_desktop.hq.schema import MIGRATIONS, Migration
from apa_desktop.hq.store import open_hq_store

from bundle_helpers import bundle_for, make_key


def test_evidence_and_signed_pdfs_are_files_named_by_hash_and_the_rows_keep_only_hashes(make_hq):
    store = make_hq()
    enroll(store, "DC-KHULNA", make_key("DC-KHULNA")[1])
    outcome = Importer(store).import_source(bundle_for("DC-KHULNA"))
    assert outcome.status == "imported"
    evidence = dict(outcome.bundle.evidence)
    assert evidence
    rows = dict(store.backend.fetchall("SELECT sha256, size FROM evidence"))
    for sha, data in evidence.items():
        assert rows[sha] == len(data)
        assert store.blobs.path(sha).read_bytes() == data
        assert store.evidence(sha) == data
    columns = [row for row in store.dump_tables() if row[0] == "evidence"]
    assert all(len(row) == 3 for row in columns)  # table, sha256, size: no bytes in the database


def test_a_blob_that_no_longer_matches_its_name_is_not_handed_out(tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    sha = blobs.put(b"evidence bytes")
    assert sha == hashlib.sha256(b"evidence bytes").hexdigest() and blobs.get(sha) == b"evidence bytes"
    assert blobs.put(b"evidence bytes") == sha  # kept once
    blobs.path(sha).write_bytes(b"tampered")
    assert blobs.get(sha) is None
    assert not list(blobs.path(sha).parent.glob(".tmp-*"))


def test_a_failed_transaction_leaves_nothing_behind(make_hq):
    store = make_hq()
    enroll(store, "DC-KHULNA", make_key("DC-KHULNA")[1])
    before = store.dump_tables()
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.audit("2026-01-01", "Karim", "test", "DC-KHULNA", "2023-24", "")
            with store.transaction():
                store.audit("2026-01-01", "Karim", "nested", "DC-KHULNA", "2023-24", "")
            raise RuntimeError("stop")
    assert store.dump_tables() == before


def test_an_hq_file_made_before_the_store_opens_with_its_evidence_moved_to_the_folder(tmp_path):
    path = tmp_path / "old.sqlite3"
    backend = SqliteBackend(path)
    old = Migration(backend, BlobStore(tmp_path / "unused"))
    backend.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)")
    for name, fn in MIGRATIONS[:3]:  # as sqlite-utils applied them before the store existed
        fn(old)
        backend.execute("INSERT INTO _sqlite_migrations VALUES ('apa_desktop_hq', ?, '2026-11-01')", (name,))
    data = b"%PDF-1.4 an old evidence file"
    sha = hashlib.sha256(data).hexdigest()
    backend.execute("INSERT INTO evidence (sha256, size, data) VALUES (?, ?, ?)", (sha, len(data), data))
    backend.close()
    store = open_hq_store(path)
    assert store.evidence(sha) == data
    assert store.blobs.root == tmp_path / "old.sqlite3.blobs"
    assert [name for (name,) in store.backend.fetchall("SELECT name FROM hq_migrations ORDER BY name")] == [
        name for name, _ in MIGRATIONS]
    store.close()
