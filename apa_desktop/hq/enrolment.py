"""Which certificate speaks for which office: enrolment, revocation, and the trust lookup used
while reading bundles (validation contexts are built once per certificate, not per bundle)."""

from __future__ import annotations

from cryptography import x509

from ..export.bundle_errors import BundleRejected
from ..export.bundle_signing import TrustedCert, cert_fingerprint, load_certificate
from .store import HqStore


def enroll(store: HqStore, office_id: str, cert_bytes: bytes) -> str:
    """Enrol a certificate (PEM or DER) for ``office_id``; returns its SHA-256 fingerprint.

    A certificate already enrolled for another office is refused: one key speaks for one office."""
    der = load_certificate(cert_bytes)
    fingerprint = cert_fingerprint(der)
    row = store.certificate(fingerprint)
    if row is not None:
        if row[0] != office_id:
            raise ValueError(f"this certificate is already enrolled for office {row[0]}")
        if row[1] is not None:
            raise ValueError("this certificate was revoked and cannot be enrolled again")
        return fingerprint
    subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()
    store.add_certificate(fingerprint, office_id, der, subject)
    return fingerprint


def revoke(store: HqStore, office_id: str, fingerprint: str | None = None, reason: str = "") -> int:
    """Revoke the office's certificate ``fingerprint`` (all its certificates when ``None``);
    returns how many were revoked. Bundles already imported stay; new ones are rejected."""
    if fingerprint is not None:
        fingerprint = fingerprint.lower().replace(":", "")
    return store.revoke_certificates(office_id, fingerprint, reason)


class TrustStore:
    """The lookup :func:`~apa_desktop.export.bundle.read_bundle` calls, over the enrolled certificates."""

    def __init__(self, store: HqStore) -> None:
        self._store = store
        self._cache: dict[str, TrustedCert] = {}

    def __call__(self, office_id: str, signer_der: bytes) -> TrustedCert:
        fingerprint = cert_fingerprint(signer_der)
        row = self._store.certificate(fingerprint)
        if row is None:
            if not self._store.office_enrolled(office_id):
                raise BundleRejected("office_not_enrolled", office_id)
            raise BundleRejected("signer_not_enrolled", f"unknown certificate {fingerprint[:16]}…")
        if row[0] != office_id:
            raise BundleRejected("signer_not_enrolled", f"the certificate is enrolled for office {row[0]}, not {office_id}")
        if row[1] is not None:
            raise BundleRejected("certificate_revoked", f"revoked {row[1]}")
        if fingerprint not in self._cache:
            self._cache[fingerprint] = TrustedCert(row[2])
        return self._cache[fingerprint]
