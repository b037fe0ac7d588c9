"""Shared helpers for the bundle and HQ tests: throw-away keys and small office-years."""

from __future__ import annotations

import datetime
import hashlib
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from apa_desktop.core.model import Activity, Area, Indicator, Office, OfficeYear, Plan
from apa_desktop.export.bundle import write_bundle
from apa_desktop.export.bundle_signing import OfficeKey, load_office_key

PASSPHRASE = "test passphrase ১২৩"


@lru_cache(maxsize=None)
def make_key(name: str) -> tuple[bytes, bytes]:
    """(PKCS#12 bytes protected by PASSPHRASE, certificate PEM), self-signed, for tests only."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(
        name.encode(), key, cert, None, serialization.BestAvailableEncryption(PASSPHRASE.encode()))
    return p12, cert.public_bytes(serialization.Encoding.PEM)


@lru_cache(maxsize=None)
def office_key(name: str) -> OfficeKey:
    return load_office_key(make_key(name)[0], PASSPHRASE)


def evidence_blob(office_id: str, n: int, size: int = 2000) -> bytes:
    seed = hashlib.sha256(f"{office_id}/{n}".encode()).digest()
    return (b"%PDF-1.4\n" + seed * (size // 32 + 1))[:size]


def small_office_year(office_id: str = "DC-KHULNA", fy: str = "2023-24", quarter: int = 2,
                      evidence_files: int = 2, achievement: float = 8.0) -> tuple[OfficeYear, dict[str, bytes]]:
    """A two-indicator office-year with achievements for ``quarter`` quarters and some evidence."""
    evidence = {hashlib.sha256(b).hexdigest(): b for b in (evidence_blob(office_id, i) for i in range(evidence_files))}
    hashes_ = sorted(evidence)
    first = Indicator(code="1.1.1", title="প্রশিক্ষণ আয়োজিত", unit="count", weight=10.0,
                      levels=[10.0, 9.0, 8.0, 7.0, 6.0],
                      quarters=[achievement / quarter if q < quarter else None for q in range(4)],
                      evidence=[hashes_ if q == 0 else [] for q in range(4)])
    second = Indicator(code="1.1.2", title="সভা অনুষ্ঠিত", unit="count", weight=60.0,
                       levels=[12.0, 11.0, 10.0, 9.0, 8.0], quarters=[3.0 if q < quarter else None for q in range(4)])
    plan = Plan(kind="section3", title="সেকশন ৩", template_id="governance/2023-24/field/1",
                areas=[Area(code="1", title="সেবা", weight=70.0,
                            activities=[Activity(code="1.1", title="কার্যক্রম", indicators=[first, second])])])
    office_year = OfficeYear(office=Office(id=office_id, name=f"অফিস {office_id}"), fiscal_year=fy,
                             section3=plan, report_quarter=quarter)
    return office_year, evidence


def bundle_for(office_id: str = "DC-KHULNA", *, key_name: str | None = None, revision: int = 1, sequence: int = 1,
               previous: str | None = None, fy: str = "2023-24", achievement: float = 8.0,
               signed_pdf: bytes | None = None, evidence_files: int = 2) -> bytes:
    office_year, evidence = small_office_year(office_id, fy, achievement=achievement, evidence_files=evidence_files)
    data, _ = write_bundle(office_year, office_key(key_name or office_id), revision=revision, sequence=sequence,
                           previous_sha256=previous, evidence=evidence, signed_pdf=signed_pdf)
    return data
