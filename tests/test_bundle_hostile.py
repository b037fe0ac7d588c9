"""Hostile and broken bundle files are rejected with a clear reason and leave HQ data untouched."""

from __future__ import annotations

import io
import json
import warnings
import zipfile

import pytest

from apa_desktop.export.bundle import Limits, read_bundle
from apa_desktop.export.bundle_errors import REASONS, BundleRejected
from apa_desktop.hq.enrolment import enroll, revoke
from apa_desktop.hq.importer import Importer

from bundle_helpers import bundle_for, make_key


def members_of(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def rezip(members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we write on purpose
        with zipfile.ZipFile(buffer, "w", method) as zf:
            for name, blob in members:
                zf.writestr(zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0)), blob, compress_type=method)
    return buffer.getvalue()


@pytest.fixture
def hq(tmp_path, make_hq):
    """An HQ database with two enrolled offices and one imported bundle; yields (importer, good bundles)."""
    db = make_hq("hq")
    for office in ("DC-KHULNA", "DC-JESSORE", "UNO-TONGI"):
        enroll(db, office, make_key(office)[1])
    revoke(db, "UNO-TONGI", reason="key lost")
    importer = Importer(db)
    first = bundle_for("DC-KHULNA", revision=1, sequence=1)
    second = bundle_for("DC-KHULNA", revision=2, sequence=2, achievement=9.0)
    assert importer.import_source(first).status == "imported"
    assert importer.import_source(second).status == "imported"
    return importer, first, second


def assert_rejected(importer: Importer, data: bytes, *codes: str) -> str:
    before = importer.store.dump_tables()
    outcome = importer.import_source(data)
    assert outcome.status == "rejected", outcome.line()
    assert any(REASONS[c][1] in outcome.detail for c in codes), outcome.line()
    assert importer.store.dump_tables() == before
    return outcome.detail


def test_every_reason_has_bengali_and_english_text():
    for bn, en in REASONS.values():
        assert bn and en and bn != en


def test_truncated_bundle_is_rejected_as_damaged(hq):
    importer, _, second = hq
    fresh = bundle_for("DC-KHULNA", revision=3, sequence=3)
    for cut in (len(fresh) - 1, len(fresh) - 30, len(fresh) // 2, 10, 0):
        assert_rejected(importer, fresh[:cut], "corrupt", "not_a_bundle")


def test_bit_flips_anywhere_are_rejected(hq):
    importer, _, _ = hq
    fresh = bundle_for("DC-KHULNA", revision=3, sequence=3)
    for position in range(0, len(fresh), 97):
        flipped = bytearray(fresh)
        flipped[position] ^= 0x10
        before = importer.store.dump_tables()
        outcome = importer.import_source(bytes(flipped))
        # A flip in an unchecked header field (a timestamp) may leave a bundle that is still valid:
        # then it is a new, good bundle; otherwise it must be rejected and nothing written.
        if outcome.status == "rejected":
            assert importer.store.dump_tables() == before


def test_not_a_bundle_at_all(hq):
    importer, _, _ = hq
    assert_rejected(importer, b"%PDF-1.7\n" + b"x" * 500, "not_a_bundle")
    assert_rejected(importer, b"", "not_a_bundle")
    assert_rejected(importer, rezip([("hello.txt", b"hi")]), "unexpected_member")


@pytest.mark.parametrize("name", ["../evil", "evidence/../../etc/passwd", "/etc/passwd", "..\\evil.exe",
                                  "C:/evil", "evidence//x", "./manifest.json"])
def test_unsafe_member_paths_are_rejected(hq, name):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    assert_rejected(importer, rezip(good + [(name, b"payload")]), "unsafe_path")


def test_unexpected_member_is_rejected(hq):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    assert_rejected(importer, rezip(good + [("autorun.inf", b"[autorun]")]), "unexpected_member")


def test_duplicated_member_is_rejected(hq):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    document = dict(good)["document.json"]
    assert_rejected(importer, rezip(good + [("document.json", document.replace(b"9", b"1"))]), "duplicate_member")


def test_archive_bomb_by_ratio_is_rejected_before_expanding(hq):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    bomb = "evidence/" + "0" * 64
    assert_rejected(importer, rezip(good + [(bomb, b"\0" * 20_000_000)]), "archive_bomb")


def test_archive_bomb_by_size_is_rejected(hq, tmp_path):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    import os

    big = rezip(good + [("evidence/" + "1" * 64, os.urandom(300_000))], method=zipfile.ZIP_STORED)
    small = Importer(importer.store, Limits(max_member_bytes=100_000))
    assert_rejected(small, big, "archive_bomb")
    assert_rejected(Importer(importer.store, Limits(max_total_bytes=200_000)), big, "archive_bomb")
    assert_rejected(Importer(importer.store, Limits(max_file_bytes=200_000)), big, "too_large")


def test_lying_size_header_is_caught_by_bounded_read(hq):
    importer, _, _ = hq
    data = bytearray(rezip(members_of(bundle_for("DC-KHULNA", revision=3, sequence=3)), zipfile.ZIP_STORED))
    # Shrink document.json's declared size in the central directory: the read must not trust it.
    header = data.find(b"document.json", data.find(b"PK\x01\x02")) - 46
    assert data[header:header + 4] == b"PK\x01\x02"
    data[header + 24:header + 28] = (10).to_bytes(4, "little")
    assert_rejected(importer, bytes(data), "corrupt", "archive_bomb")


def test_member_not_matching_the_manifest_hash_is_rejected(hq):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    tampered = [(n, b.replace("সভা".encode(), "সবা".encode()) if n == "document.json" else b) for n, b in good]
    assert_rejected(importer, rezip(tampered), "hash_mismatch")
    evidence = [(n, b[:-1] + b"!" if n.startswith("evidence/") else b) for n, b in good]
    assert_rejected(importer, rezip(evidence), "hash_mismatch")
    dropped = [(n, b) for n, b in good if not n.startswith("evidence/")]
    assert_rejected(importer, rezip(dropped), "hash_mismatch")


def test_edited_manifest_breaks_the_signature(hq):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    manifest = json.loads(dict(good)["manifest.json"])
    manifest["revision"] = 99
    edited = [(n, json.dumps(manifest).encode() if n == "manifest.json" else b) for n, b in good]
    assert_rejected(importer, rezip(edited), "signature_invalid")
    no_sig = [(n, b) for n, b in good if n != "manifest.cms"]
    assert_rejected(importer, rezip(no_sig), "missing_member")
    garbage_sig = [(n, b"\x30\x03\x02\x01\x01" if n == "manifest.cms" else b) for n, b in good]
    assert_rejected(importer, rezip(garbage_sig), "cms_malformed")


def test_signature_by_unknown_certificate_is_rejected(hq):
    importer, _, _ = hq
    assert_rejected(importer, bundle_for("DC-KHULNA", key_name="look-alike DC-KHULNA", revision=3, sequence=3),
                    "signer_not_enrolled")
    assert_rejected(importer, bundle_for("DC-NOWHERE", revision=1, sequence=1), "office_not_enrolled")


def test_signature_by_revoked_certificate_is_rejected(hq):
    importer, _, _ = hq
    assert_rejected(importer, bundle_for("UNO-TONGI", revision=1, sequence=1), "certificate_revoked")


def test_one_office_cannot_speak_for_another(hq):
    importer, _, _ = hq
    detail = assert_rejected(importer, bundle_for("DC-KHULNA", key_name="DC-JESSORE", revision=5, sequence=5),
                             "signer_not_enrolled")
    assert "DC-JESSORE" in detail


def test_replay_of_an_old_bundle_changes_nothing(hq):
    importer, first, second = hq
    before = importer.store.dump_tables()
    assert importer.import_source(first).status == "unchanged"
    assert importer.import_source(second).status == "unchanged"
    never_seen_old = bundle_for("DC-KHULNA", revision=1, sequence=1, achievement=3.0)
    outcome = importer.import_source(never_seen_old)
    assert outcome.status == "conflict"  # a second, different bundle with sequence 1: for a person
    assert importer.store.backend.fetchall("SELECT revision FROM documents") == [(2,)]
    del before
    before = importer.store.dump_tables()
    older = importer.import_source(bundle_for("DC-KHULNA", revision=1, sequence=7, achievement=4.0))
    assert older.status == "ignored_older" and "revision 1" in older.line()
    assert importer.store.dump_tables() == before


def test_wrong_document_office_inside_a_signed_bundle_is_rejected(hq):
    from apa_desktop.export.bundle import write_bundle

    from bundle_helpers import office_key, small_office_year

    importer, _, _ = hq
    office_year, evidence = small_office_year("DC-JESSORE")
    data, manifest = write_bundle(office_year, office_key("DC-JESSORE"), revision=1, sequence=1,
                                  previous_sha256=None, evidence=evidence)
    good = members_of(data)
    other_doc = members_of(bundle_for("DC-KHULNA", revision=9, sequence=9))
    swapped = [(n, dict(other_doc)["document.json"] if n == "document.json" else b) for n, b in good]
    assert_rejected(importer, rezip(swapped), "hash_mismatch")


def test_read_bundle_reports_reason_code():
    with pytest.raises(BundleRejected) as info:
        read_bundle(b"PK\x03\x04garbage", Limits(), lambda office, cert: None)  # type: ignore[arg-type,return-value]
    assert info.value.reason_code == "corrupt"
    assert "ভাঙা" in info.value.message_bn


def test_too_many_members_is_rejected_before_listing_them(hq):
    importer, _, _ = hq
    good = members_of(bundle_for("DC-KHULNA", revision=3, sequence=3))
    many = good + [(f"evidence/{i:064x}", b"") for i in range(60)]
    assert_rejected(Importer(importer.store, Limits(max_members=50)), rezip(many), "too_many_members")
    flood = good + [(f"evidence/{i:064x}", b"") for i in range(1200)]
    assert_rejected(Importer(importer.store, Limits(max_members=10)), rezip(flood), "too_many_members")
