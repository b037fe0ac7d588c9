"""Office side: each export is the full state, numbered and chained to the previous bundle, and
verifies at HQ; receipts mark the log; a receipt for a bundle never sent is refused."""

from __future__ import annotations

import hashlib

import pytest

from apa_desktop.db import open_database
from apa_desktop.db.bundles_schema import open_bundle_log, sent_bundles
from apa_desktop.export.bundle import Limits, read_bundle
from apa_desktop.export.bundle_export import export_bundle, import_receipt
from apa_desktop.export.bundle_signing import TrustedCert, load_certificate
from apa_desktop.export.receipts import ReceiptInvalid, make_receipt

from bundle_helpers import make_key, office_key, small_office_year


@pytest.fixture
def office(tmp_path):
    store = open_database(tmp_path / "office.sqlite3")
    office_year, evidence = small_office_year("UNO-TONGI")
    for data in evidence.values():
        store.put_evidence(data, "photo.pdf")
    oy_id = store.create_office_year(office_year, "clerk")
    yield store, oy_id
    store.close()


def trust(office_id: str, signer: bytes) -> TrustedCert:
    return TrustedCert(load_certificate(make_key(office_id)[1]))


def test_exports_are_numbered_chained_and_verify(office, tmp_path):
    store, oy_id = office
    first = export_bundle(store, oy_id, office_key("UNO-TONGI"), tmp_path / "usb")
    second = export_bundle(store, oy_id, office_key("UNO-TONGI"), tmp_path / "usb")
    assert (first.sequence, second.sequence) == (1, 2)
    assert hashlib.sha256(first.path.read_bytes()).hexdigest() == first.sha256
    verified = read_bundle(second.path, Limits(), trust)
    assert verified.manifest["previous_bundle_sha256"] == first.sha256
    assert verified.manifest["revision"] == 1 and len(verified.evidence) == 2
    assert not list((tmp_path / "usb").glob("*.part"))
    log = open_bundle_log(store.path)
    assert [(b.sequence, b.status) for b in sent_bundles(log)] == [(1, "sent"), (2, "sent")]


def test_receipt_marks_the_bundle_returned_with_hq_comment(office, tmp_path):
    store, oy_id = office
    sent = export_bundle(store, oy_id, office_key("UNO-TONGI"), tmp_path / "usb")
    receipt = make_receipt(office_key("HQ"), bundle_sha256=sent.sha256, bundle_id="b", office_id="UNO-TONGI",
                           fiscal_year="2023-24", revision=1, sequence=1, outcome="conflict",
                           comment="দয়া করে ফোন করুন", issued_at="2026-11-23T02:00:00+00:00")
    with pytest.raises(ReceiptInvalid, match="--hq-cert"):
        import_receipt(store.path, receipt)
    import_receipt(store.path, receipt, make_key("HQ")[1])
    [entry] = sent_bundles(open_bundle_log(store.path))
    assert (entry.status, entry.hq_comment) == ("returned", "দয়া করে ফোন করুন")
    stranger = make_receipt(office_key("HQ"), bundle_sha256="f" * 64, bundle_id="b", office_id="UNO-TONGI",
                            fiscal_year="2023-24", revision=1, sequence=9, outcome="imported", comment="",
                            issued_at="2026-11-23")
    with pytest.raises(ReceiptInvalid, match="did not send"):
        import_receipt(store.path, stranger)


def test_hq_returns_an_office_year_with_a_comment_and_an_older_receipt_does_not_undo_it(office, tmp_path, make_hq):
    from apa_desktop.hq.enrolment import enroll
    from apa_desktop.hq.importer import Importer
    from apa_desktop.hq.receipts import receipt_for_outcome
    from apa_desktop.hq.review import ReviewError, review

    store, oy_id = office
    sent = export_bundle(store, oy_id, office_key("UNO-TONGI"), tmp_path / "usb")
    hq = make_hq("hq")
    enroll(hq, "UNO-TONGI", make_key("UNO-TONGI")[1])
    accepted = receipt_for_outcome(office_key("HQ"), Importer(hq).import_source(sent.path), tmp_path / "back")
    with pytest.raises(ReviewError, match="comment"):
        review(hq, office_key("HQ"), "UNO-TONGI", "2023-24", "returned", "  ", "রহিম", tmp_path / "back")
    with pytest.raises(ReviewError, match="name"):
        review(hq, office_key("HQ"), "UNO-TONGI", "2023-24", "accepted", "", "", tmp_path / "back")
    with pytest.raises(ReviewError, match="no document"):
        review(hq, office_key("HQ"), "UNO-RUPSA", "2023-24", "accepted", "", "রহিম", tmp_path / "back")
    returned = review(hq, office_key("HQ"), "UNO-TONGI", "2023-24", "returned",
                      "সূচক ১.১.১-এর প্রমাণক সংযুক্ত করুন", "মোঃ রহিম", tmp_path / "back")
    assert returned != accepted and returned.exists()
    actions = [row[0] for row in hq.backend.fetchall("SELECT action FROM audit ORDER BY id")]
    assert actions == ["review_returned"]

    import_receipt(store.path, returned.read_bytes(), make_key("HQ")[1])
    import_receipt(store.path, accepted.read_bytes())  # carried back later, but issued earlier
    [entry] = sent_bundles(open_bundle_log(store.path))
    assert (entry.sha256, entry.status, entry.hq_comment) == (sent.sha256, "returned", "সূচক ১.১.১-এর প্রমাণক সংযুক্ত করুন")
    hq.close()
