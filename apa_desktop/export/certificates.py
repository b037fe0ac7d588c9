"""The one check of a certificate's validity period and of a signature's digest algorithm.

Every verifier (a bundle's manifest signature at HQ, a receipt at the office, a template pack, a
signed PDF) and every choice of a key (``sign``, ``bundle export``, ``hq enroll``) calls
:func:`check_validity`, so an expired or not-yet-valid certificate is refused everywhere with the
same reason and its dates. The trust anchors here are the certificates themselves (an office's
enrolled certificate, HQ's certificate), which path validation does not check for time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cryptography import x509

from ..core.errors import UserError

SUPPORTED_DIGESTS = ("sha256", "sha384", "sha512")
"""Digest algorithms a signature may use; SHA-1 and MD5 are refused as such."""
CLOCK_SKEW = dt.timedelta(minutes=10)
"""How far a claimed signing time may lie ahead of this computer's clock."""


@dataclass(frozen=True)
class Validity:
    not_before: dt.datetime
    not_after: dt.datetime
    subject: str


class CertificateNotValid(UserError, ValueError):
    """A certificate used outside its validity period; ``code`` is "certificate_expired" or
    "certificate_not_yet_valid" (the bundle reasons of docs/bundle-format.md)."""

    def __init__(self, code: str, validity: Validity, at: dt.datetime) -> None:
        self.code, self.validity, self.at = code, validity, at
        start, end, when = (_day(validity.not_before), _day(validity.not_after), _day(at))
        if code == "certificate_expired":
            bn = f"সনদের মেয়াদ {end} তারিখে শেষ হয়েছে (স্বাক্ষর/ব্যবহারের সময় {when}; বৈধ {start} থেকে {end})"
            en = f"the certificate expired on {end} (signed or used at {when}; valid {start} to {end})"
        else:
            bn = f"সনদটি {start} তারিখের আগে বৈধ নয় (স্বাক্ষর/ব্যবহারের সময় {when}; বৈধ {start} থেকে {end})"
            en = f"the certificate is not valid before {start} (signed or used at {when}; valid {start} to {end})"
        super().__init__(f"{bn}: {validity.subject}", f"{en}: {validity.subject}")

    @property
    def detail(self) -> str:
        """The English reason with its dates (for a bundle's rejection detail)."""
        return self.message_en


def _day(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def validity(cert_der: bytes) -> Validity:
    """The validity period of a DER certificate."""
    cert = x509.load_der_x509_certificate(cert_der)
    return Validity(cert.not_valid_before_utc, cert.not_valid_after_utc, cert.subject.rfc4514_string()[:200])


def check_validity(cert_der: bytes, at: dt.datetime | None = None) -> None:
    """Raise :class:`CertificateNotValid` unless the certificate is valid at ``at`` (default: now)."""
    at = at or dt.datetime.now(dt.UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    period = validity(cert_der)
    if at > period.not_after:
        raise CertificateNotValid("certificate_expired", period, at)
    if at < period.not_before:
        raise CertificateNotValid("certificate_not_yet_valid", period, at)


def check_signing_time(cert_der: bytes, signed_at: dt.datetime | None) -> None:
    """A signature's time check: the certificate must be valid when the signature says it was made
    (now, when it says nothing), and a signing time in the future is not believed: now is used."""
    now = dt.datetime.now(dt.UTC)
    if signed_at is not None and signed_at.tzinfo is None:
        signed_at = signed_at.replace(tzinfo=dt.UTC)
    at = signed_at if signed_at is not None and signed_at <= now + CLOCK_SKEW else now
    check_validity(cert_der, at)


def cms_signing_time(signer_info: Any) -> dt.datetime | None:
    """The signing-time attribute of an asn1crypto ``SignerInfo``, if it carries one."""
    for attribute in signer_info["signed_attrs"] or []:
        if attribute["type"].native == "signing_time":
            value = attribute["values"][0].native
            return value if isinstance(value, dt.datetime) else None
    return None


def digest_name(signer_info: Any) -> str:
    """The digest algorithm's name of an asn1crypto ``SignerInfo`` ("sha256", "sha1", ...)."""
    return str(signer_info["digest_algorithm"]["algorithm"].native)


def unsupported_digest(name: str) -> str | None:
    """The reason to refuse a digest algorithm, or None when it is supported."""
    name = name.lower().replace("-", "")
    if name in SUPPORTED_DIGESTS:
        return None
    return f"unsupported digest algorithm {name} (accepted: {', '.join(SUPPORTED_DIGESTS)})"
