"""HQ's "signed" is a verified signature of that revision (issue 12, item 5); the previous-bundle
chain is checked (a gap, a fork) and an office name that is not the office's is flagged."""

from __future__ import annotations

from functools import lru_cache

import pytest

from apa_desktop.export.bundle import write_bundle
from apa_desktop.export.pdf import apa_pdf
from apa_desktop.export.signing import sign_pdf
from apa_desktop.hq.consolidate import consolidated_rows
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer

from bundle_helpers import PASSPHRASE, make_key, office_key, small_office_year


@lru_cache(maxsize=None)
def signed_pdf_of(office_id: str, key_name: str, achievement: float = 8.0) -> bytes:
    office_year, _ = small_office_year(office_id, achievement=achievement)
    return sign_pdf(apa_pdf(office_year), make_key(key_name)[0], PASSPHRASE, signer_name="head", designation="d")


def bundle(office_id="DC-KHULNA", *, signed_pdf=None, revision=1, sequence=1, previous=None, achievement=8.0,
           name=None):
    office_year, evidence = small_office_year(office_id, achievement=achievement)
    if name is not None:
        office_year.office.name = name
    data, _ = write_bundle(office_year, office_key(office_id), revision=revision, sequence=sequence,
                           previous_sha256=previous, evidence=evidence, signed_pdf=signed_pdf)
    return data


@pytest.fixture
def hq(make_hq):
    store = make_hq("hq")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(store, office, make_key(office)[1])
    return Importer(store)


def _status(importer, office="DC-KHULNA") -> str:
    (row,) = [r for r in consolidated_rows(importer.store) if r["office_id"] == office]
    return row["status"]


def test_a_verified_signed_pdf_of_this_revision_makes_it_signed(hq):
    outcome = hq.import_source(bundle(signed_pdf=signed_pdf_of("DC-KHULNA", "DC-KHULNA")))
    assert outcome.status == "imported" and "unsigned" not in outcome.detail
    assert _status(hq) == "signed"


@pytest.mark.parametrize("case,pdf,why", [
    ("not a PDF", lambda: b"this is not a PDF at all", "not a PDF"),
    ("another key", lambda: signed_pdf_of("DC-KHULNA", "DC-JESSORE"), "not signed by the office's enrolled"),
    ("an earlier revision's PDF", lambda: signed_pdf_of("DC-KHULNA", "DC-KHULNA", achievement=3.0),
     "not this revision's document"),
])
def test_a_signed_pdf_that_does_not_verify_leaves_it_unsigned_with_why(hq, case, pdf, why):
    outcome = hq.import_source(bundle(signed_pdf=pdf()))
    assert outcome.status == "imported"
    assert "listed as unsigned" in outcome.detail and why in outcome.detail, outcome.detail
    assert _status(hq) == "unsigned"


def test_a_gap_and_a_fork_in_the_chain_are_reported(hq):
    first = bundle()
    assert "chain" not in hq.import_source(first).detail
    import hashlib

    first_sha = hashlib.sha256(first).hexdigest()
    gap = hq.import_source(bundle(revision=2, sequence=3, previous="ab" * 32, achievement=9.0))
    assert "chain gap" in gap.detail, gap.detail
    follow = hq.import_source(bundle(revision=3, sequence=4, previous=first_sha, achievement=10.0))
    assert "chain" not in follow.detail, follow.detail
    fork = hq.import_source(bundle(revision=4, sequence=5, previous=first_sha, achievement=11.0))
    assert "chain fork" in fork.detail, fork.detail


def test_an_office_name_not_the_offices_is_flagged(hq):
    assert hq.import_source(bundle("DC-JESSORE")).status == "imported"
    assert hq.import_source(bundle()).status == "imported"
    renamed = hq.import_source(bundle(revision=2, sequence=2, name="অফিস DC-JESSORE", achievement=9.0))
    assert "differs from the name HQ has" in renamed.detail and "another office" in renamed.detail, renamed.detail
