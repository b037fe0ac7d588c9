"""10,000 mutated bundles: none is imported, none changes the HQ data, none crashes the importer."""

from __future__ import annotations

import io
import random
import warnings
import zipfile

from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.importer import Importer

from bundle_helpers import bundle_for, make_key

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
