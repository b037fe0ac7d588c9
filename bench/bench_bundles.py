"""Bundle import throughput at HQ.

Generates N realistic bundles (one per office, a full office-year from tests/factories with three
evidence files of 20-60 KB each and a signed PDF), enrols every office, then times
``hq import`` of the whole folder and a second import of the same folder (all "unchanged").

    .venv/bin/python bench/bench_bundles.py            # N = 100 and 1000
    .venv/bin/python bench/bench_bundles.py 100 5000
    .venv/bin/python bench/bench_bundles.py 200 sqlite postgresql   # both (a throwaway PostgreSQL cluster)
    APA_BENCH_WORKERS=1 .venv/bin/python bench/bench_bundles.py   # one process, as on Windows (no fork)
    APA_BENCH_HQ_DB=postgresql://postgres@/postgres?host=/tmp/sock .venv/bin/python bench/bench_bundles.py

With ``APA_BENCH_HQ_DB`` (a PostgreSQL URL) each run imports into a fresh schema of that database
(dropped afterwards); otherwise into a SQLite file in a temporary folder.
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.serialization import pkcs12  # noqa: E402

from apa_desktop.export.bundle import evidence_hashes, write_bundle  # noqa: E402
from apa_desktop.export.bundle_signing import load_office_key  # noqa: E402
from apa_desktop.hq.store import open_hq_store  # noqa: E402
from apa_desktop.hq.enrolment import enroll  # noqa: E402
from apa_desktop.hq.importer import Importer, expand_sources  # noqa: E402
from factories import make_office_year  # noqa: E402


def _key(name: str) -> tuple[bytes, bytes]:
    """A throw-away EC key and self-signed certificate as (unencrypted PKCS#12, PEM)."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365)).sign(key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(name.encode(), key, cert, None, serialization.NoEncryption())
    return p12, cert.public_bytes(serialization.Encoding.PEM)


def generate(n: int, folder: Path) -> list[tuple[str, bytes]]:
    """Write n bundles into folder; returns (office id, certificate PEM) to enrol."""
    rng = random.Random(n)
    offices = []
    for i in range(n):
        office_year = make_office_year(i)
        office_year.office.id = f"OFF-{i:05d}"
        office_year.report_quarter = 1 + i % 4
        blobs = [b"%PDF-1.4\n" + rng.randbytes(rng.randint(20_000, 60_000)) for _ in range(3)]
        evidence = {hashlib.sha256(b).hexdigest(): b for b in blobs}
        indicators = [ind for area in office_year.section3.areas for act in area.activities for ind in act.indicators]
        for j, sha in enumerate(evidence):
            indicators[j % len(indicators)].evidence[0].append(sha)
        assert evidence_hashes(office_year) == set(evidence)
        p12, pem = _key(office_year.office.id)
        data, _ = write_bundle(office_year, load_office_key(p12, b""), revision=1, sequence=1, previous_sha256=None,
                               evidence=evidence, signed_pdf=b"%PDF-1.7\n" + rng.randbytes(40_000))
        (folder / f"{office_year.office.id}.apabundle").write_bytes(data)
        offices.append((office_year.office.id, pem))
    return offices


def fresh_target(base: str | None, folder: Path, name: str) -> str:
    """A new, empty HQ database: a SQLite file in ``folder``, or a fresh schema of the PostgreSQL
    database at ``base`` (:func:`drop_target` removes it)."""
    if not base:
        return str(folder / f"{name}.sqlite3")
    import psycopg

    schema = f"bench_{name}_{os.getpid()}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def drop_target(base: str | None, target: str) -> None:
    if base:
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {target.rsplit('%3D', 1)[1]} CASCADE")


def database_size(store) -> float:
    """MiB the HQ data take (database and blob folder)."""
    blobs = sum(p.stat().st_size for p in store.blobs.root.rglob("*") if p.is_file())
    if store.dialect == "sqlite":
        rows = os.path.getsize(store.target)
    else:
        (rows,) = store.backend.fetchone("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                                         "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                         "WHERE n.nspname = current_schema() AND c.relkind = 'r'")
    return (rows + blobs) / 2**20


def run(n: int, base: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bundles"
        folder.mkdir()
        t0 = time.perf_counter()
        offices = generate(n, folder)
        generated = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in folder.iterdir())
        target = fresh_target(base, Path(tmp), f"n{n}")
        db = open_hq_store(target, Path(tmp) / "blobs")
        for office_id, pem in offices:
            enroll(db, office_id, pem)
        files = expand_sources([folder])
        results = []
        for label in ("import", "re-import"):
            importer = Importer(db)
            t0 = time.perf_counter()
            workers = int(os.environ.get("APA_BENCH_WORKERS", "0")) or None
            counts = Counter(outcome.status for outcome in importer.import_many(files, workers))
            elapsed = time.perf_counter() - t0
            results.append((label, elapsed, dict(counts)))
        print(f"N={n} on {db.dialect}: generated in {generated:.1f} s, {size / n / 1024:.0f} KiB per bundle, "
              f"hq data {database_size(db):.0f} MiB")
        db.close()
        drop_target(base, target)
        for label, elapsed, counts in results:
            print(f"  {label:9s} {elapsed:7.2f} s  {n / elapsed:8.0f} bundles/s  {counts}")


def main() -> None:
    """Arguments: the N to run (default 100 and 1000) and, optionally, the back ends ``sqlite``
    and ``postgresql`` (default: SQLite, or the database of ``APA_BENCH_HQ_DB``); ``postgresql``
    without ``APA_BENCH_HQ_DB`` starts a throwaway cluster (tests/pg_cluster.py)."""
    sizes = [int(arg) for arg in sys.argv[1:] if arg.isdigit()] or [100, 1000]
    backends = [arg for arg in sys.argv[1:] if arg in ("sqlite", "postgresql")]
    cluster = None
    if "postgresql" in backends and not os.environ.get("APA_BENCH_HQ_DB"):
        from pg_cluster import PostgresCluster, postgres_bin

        cluster = PostgresCluster(postgres_bin())
        cluster.start()
    try:
        for n in sizes:
            for backend in backends or [None]:
                if backend == "sqlite":
                    run(n, base=None)
                elif backend == "postgresql":
                    run(n, base=cluster.url() if cluster else os.environ["APA_BENCH_HQ_DB"])
                else:
                    run(n, base=os.environ.get("APA_BENCH_HQ_DB"))
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
