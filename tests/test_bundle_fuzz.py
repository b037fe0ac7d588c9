"""Hostile bundles at HQ. 10,000 byte-level mutants of a signed bundle: none is imported, none
changes the HQ data, none crashes the importer. 500 signed bundles carrying structure-aware
mutants of real documents (as an office's own key would sign them, issue 12: report_quarter 5,
`quarters: []`, revision 2**63 ... stopped HQ): each is rejected with a reason leaving HQ's data as
it was, or imported with a consolidated total between 0 and 100; no exception reaches the caller."""

from __future__ import annotations

import hashlib
import io
import json
import math
import random
import uuid
import warnings
import zipfile

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apa_desktop.core import interchange
from apa_desktop.export import bundle as bundle_format
from apa_desktop.export.bundle_signing import sign_manifest
from apa_desktop.hq.consolidate import consolidated_rows
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer
from apa_desktop.hq.store import open_hq_store

from bundle_helpers import bundle_for, make_key, office_key
from document_mutations import base_documents, mutated_documents

MUTANTS = 10_000


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, blob in members:
                zf.writestr(name, blob)
    return buffer.getvalue()


def mutate(rng: random.Random, data: bytes, members: list[tuple[str, bytes]], other: list[tuple[str, bytes]]) -> bytes:
    """One random mutation: byte flips, truncation, insertion, or a member swap/rename/drop/dup."""
    kind = rng.randrange(8)
    if kind <= 2:
        out = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if kind == 3:
        return data[:rng.randrange(len(data))]
    if kind == 4:
        at = rng.randrange(len(data))
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
    ms = list(members)
    if kind == 5:  # swap two members' contents
        i, j = rng.sample(range(len(ms)), 2)
        ms[i], ms[j] = (ms[i][0], ms[j][1]), (ms[j][0], ms[i][1])
    elif kind == 6:  # take a member from another office's bundle
        name, blob = rng.choice(other)
        ms = [(n, blob if n == name else b) for n, b in ms]
    else:  # drop, duplicate or rename one member
        i = rng.randrange(len(ms))
        choice = rng.randrange(3)
        if choice == 0:
            del ms[i]
        elif choice == 1:
            ms.append(ms[i])
        else:
            ms[i] = (rng.choice(["../" + ms[i][0], "/" + ms[i][0], ms[i][0].upper(), "evidence/x"]), ms[i][1])
    return _zip(ms)


def test_ten_thousand_mutated_bundles_never_change_hq_data(tmp_path, make_hq):
    db = make_hq("hq")
    for office in ("DC-KHULNA", "DC-JESSORE"):
        enroll(db, office, make_key(office)[1])
    importer = Importer(db)
    base = bundle_for("DC-KHULNA", revision=1, sequence=1, evidence_files=1)
    assert importer.import_source(base).status == "imported"
    members = _members(base)
    other = _members(bundle_for("DC-JESSORE", revision=1, sequence=1, evidence_files=1))
    before = db.dump_tables()
    rng = random.Random(20261123)
    counts: dict[str, int] = {}
    for _ in range(MUTANTS):
        mutant = mutate(rng, base, members, other)
        outcome = importer.import_source(mutant)
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        # A mutant may by chance still be the same valid bundle (a flip in an unchecked ZIP field):
        # then it holds the same document and sequence and is a no-op. Nothing else is acceptable.
        assert outcome.status in ("rejected", "unchanged"), outcome.line()
        assert db.dump_tables() == before, outcome.line()
    assert counts["rejected"] > MUTANTS * 0.9, counts


SIGNED_MUTANTS = 500
"""Each needs a real CMS signature and an import (about 80 ms of CPU together): 10,000 would add
minutes to the suite. The same validation is run on 10,000 mutants, without the signing, by
tests/test_validation_fuzz.py, and the importer on 10,000 byte-level mutants above."""
HOSTILE_COUNTERS = [0, -1, 2**63 - 1, 2**63, 2**64, 10**30]


def _inner(document: dict) -> dict:
    return document["document"] if isinstance(document.get("document"), dict) else {}


def _template_ids(document: dict) -> dict:
    """The template ids a bundle's manifest names: the document's own when it decodes at all."""
    try:
        return interchange.from_document(document).template_ids()
    except Exception:  # an undecodable mutant: the importer must say so, not this helper
        return {}


def signed_bundle(document: dict, office_id: str, fiscal_year: str, revision: int, sequence: int) -> bytes:
    """A bundle signed with ``office_id``'s own key around any document text, written the way
    export/bundle.py writes one but without its checks (an attacker's or a broken program's tool)."""
    text = json.dumps(document, ensure_ascii=False).encode("utf-8")  # NaN and Infinity as JSON does not allow
    members = {bundle_format.DOCUMENT: text}
    manifest = {
        "format": bundle_format.FORMAT, "format_version": bundle_format.FORMAT_VERSION,
        "bundle_id": str(uuid.uuid4()), "office_id": office_id, "fiscal_year": fiscal_year,
        "revision": revision, "sequence": sequence, "previous_bundle_sha256": None,
        "created_at": "2024-01-15T10:00:00+00:00", "app_version": bundle_format.app_version(),
        "template_ids": _template_ids(document),
        "members": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                    for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [(bundle_format.MANIFEST, manifest_bytes),
                           (bundle_format.SIGNATURE, sign_manifest(office_key(office_id), manifest_bytes)),
                           *members.items()]:
            zf.writestr(zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def signed_hq(tmp_path_factory):
    """One HQ (SQLite: what is checked here is the importer, the same on both back ends) with the four
    demo offices enrolled, each with its own key."""
    folder = tmp_path_factory.mktemp("signed-fuzz")
    store = open_hq_store(str(folder / "hq.sqlite3"), folder / "blobs")
    for text in base_documents():
        office_id = json.loads(text)["document"]["office"]["id"]
        enroll(store, office_id, make_key(office_id)[1])
    yield Importer(store), {"sequence": 0}
    store.close()


def test_the_unmutated_demo_documents_signed_this_way_are_imported(signed_hq):
    """So that a mutant is rejected for its mutation, never for the way the test wraps it."""
    importer, state = signed_hq
    for text in base_documents():
        document = json.loads(text)
        state["sequence"] += 1
        outcome = importer.import_source(signed_bundle(document, document["document"]["office"]["id"],
                                                       document["document"]["fiscal_year"], state["sequence"],
                                                       state["sequence"]))
        assert outcome.status == "imported", outcome.line()


@settings(max_examples=SIGNED_MUTANTS, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(document=mutated_documents(), counters=st.one_of(st.none(), st.tuples(
    st.sampled_from(HOSTILE_COUNTERS), st.sampled_from(HOSTILE_COUNTERS))))
def test_signed_hostile_documents_are_rejected_leaving_hq_as_it_was_or_imported_whole(signed_hq, document, counters):
    importer, state = signed_hq
    store = importer.store
    enrolled = [json.loads(t)["document"]["office"]["id"] for t in base_documents()]
    office = _inner(document).get("office")
    office_id = office.get("id") if isinstance(office, dict) else None
    office_id = office_id if office_id in enrolled else enrolled[0]  # the manifest names an enrolled office
    fiscal_year = _inner(document).get("fiscal_year")
    state["sequence"] += 1
    revision, sequence = counters or (state["sequence"], state["sequence"])
    before = store.dump_tables()
    outcome = importer.import_source(signed_bundle(document, office_id, str(fiscal_year), revision, sequence))
    assert outcome.status in ("rejected", "imported", "unchanged", "ignored_older", "conflict"), outcome.line()
    if outcome.status == "rejected":
        assert outcome.detail and store.dump_tables() == before, outcome.line()
    for row in consolidated_rows(store):
        total = row["total_score"]
        assert total is None or (math.isfinite(total) and -1e-6 <= total <= 100 + 1e-6), row
