"""Detached CMS signatures over a bundle's ``manifest.json`` (pyHanko), and their verification.

The office head's key lives in a passphrase-protected PKCS#12 file. Headquarters trusts
exactly one certificate per office (the one enrolled), so verification makes that certificate
the only trust root and also requires the CMS signer to *be* that certificate: a look-alike
certificate with the same name, or another office's certificate, fails.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from ..core.errors import UserError
from .certificates import (
    CertificateNotValid,
    check_signing_time,
    check_validity,
    cms_signing_time,
    digest_name,
    unsupported_digest,
)

__all__ = ["SigningKeyError", "SignatureInvalid", "OfficeKey", "load_office_key", "sign_manifest",
           "verify_manifest_signature", "cert_fingerprint", "load_certificate", "TrustedCert"]


class SigningKeyError(UserError, ValueError):
    """The key could not be used: wrong passphrase, not a PKCS#12 file, a certificate outside its
    validity period."""


class SignatureInvalid(UserError, ValueError):
    """The CMS signature does not verify; ``code`` says why (see docs/bundle-format.md)."""

    def __init__(self, code: str, detail: str = "") -> None:
        what = f"{code}: {detail}" if detail else code
        UserError.__init__(self, f"স্বাক্ষর যাচাই হয়নি ({what})", f"The signature does not verify ({what})")
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class OfficeKey:
    """A loaded signer and its certificate (DER)."""

    signer: object  # pyhanko.sign.signers.SimpleSigner; imported lazily (≈0.8 s)
    cert_der: bytes
    in_memory: tuple[Any, Any] | None = None
    """(certificate, private key) as ``cryptography`` objects when the key was loaded from a file:
    :func:`sign_manifest` then signs with them directly (≈0.2 ms instead of ≈40 ms through
    pyHanko's ASN.1 layer; HQ signs a receipt per bundle). Keys on a token have none."""


def load_office_key(p12: bytes, passphrase: bytes | str) -> OfficeKey:
    """Open the office head's PKCS#12 file; a wrong passphrase gives a clear :class:`SigningKeyError`."""
    from pyhanko.sign.signers import SimpleSigner

    if isinstance(passphrase, str):
        passphrase = passphrase.encode("utf-8")
    try:
        signer = SimpleSigner.load_pkcs12_data(p12, other_certs=[], passphrase=passphrase)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(
            "স্বাক্ষর-চাবি খোলা যায়নি: পাসফ্রেজ ভুল অথবা ফাইলটি PKCS#12 নয়।",
            f"Cannot open the signing key: wrong passphrase or not a PKCS#12 file ({exc}).",
        ) from None
    if signer is None:
        raise SigningKeyError("স্বাক্ষর-চাবি খোলা যায়নি।", "Cannot open the signing key.")
    cert_der = signer.signing_cert.dump()
    try:
        check_validity(cert_der)
    except CertificateNotValid as exc:
        raise SigningKeyError(f"এই চাবি দিয়ে স্বাক্ষর করা যাবে না: {exc.message_bn}",
                              f"This key cannot sign: {exc.message_en}") from None
    return OfficeKey(signer, cert_der, _in_memory(p12, passphrase))


def _in_memory(p12: bytes, passphrase: bytes) -> tuple[Any, Any] | None:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12

    key, cert, _ = pkcs12.load_key_and_certificates(p12, passphrase)
    if cert is None or not isinstance(key, (ec.EllipticCurvePrivateKey, rsa.RSAPrivateKey)):
        return None
    return cert, key


def sign_manifest(key: OfficeKey, manifest: bytes) -> bytes:
    """A DER-encoded detached CMS SignedData over ``manifest`` (SHA-256), with the signed
    attributes content type, signing time and message digest, and the signer's certificate."""
    if key.in_memory is not None:
        from cryptography.hazmat.primitives.serialization import pkcs7

        cert, private = key.in_memory
        options = [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary,
                   pkcs7.PKCS7Options.NoCapabilities]
        return (pkcs7.PKCS7SignatureBuilder().set_data(manifest).add_signer(cert, private, hashes.SHA256())
                .sign(Encoding.DER, options))
    signed = _run(key.signer.async_sign_general_data(manifest, "sha256", detached=True))
    return signed.dump()


def load_certificate(data: bytes) -> bytes:
    """A certificate in PEM or DER as DER bytes; raises ValueError if it is not one."""
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise ValueError(f"not an X.509 certificate: {exc}") from None
    return cert.public_bytes(Encoding.DER)


def cert_fingerprint(cert_der: bytes) -> str:
    """SHA-256 fingerprint (hex) of a DER certificate."""
    return x509.load_der_x509_certificate(cert_der).fingerprint(hashes.SHA256()).hex()


def signer_certificate(cms_der: bytes) -> bytes:
    """The DER certificate of the single signer embedded in a CMS SignedData."""
    try:
        info = cms.ContentInfo.load(cms_der, strict=True)
        if info["content_type"].native != "signed_data":
            raise SignatureInvalid("cms_malformed", "not SignedData")
        signed = info["content"]
        signers = signed["signer_infos"]
        if len(signers) != 1:
            raise SignatureInvalid("cms_malformed", "expected exactly one signer")
        sid = signers[0]["sid"]
        for choice in signed["certificates"] or []:
            if choice.name != "certificate":
                continue
            cert = choice.chosen
            if sid.name == "issuer_and_serial_number":
                ias = sid.chosen
                if cert.issuer == ias["issuer"] and cert.serial_number == ias["serial_number"].native:
                    return cert.dump()
            elif cert.key_identifier == sid.chosen.native:
                return cert.dump()
    except SignatureInvalid:
        raise
    except Exception as exc:  # noqa: BLE001 - asn1crypto raises assorted ValueError/TypeError on garbage
        raise SignatureInvalid("cms_malformed", str(exc)) from None
    raise SignatureInvalid("cms_malformed", "the signer's certificate is not in the signature")


class TrustedCert:
    """An enrolled certificate with its validation context built once (no per-bundle path building)."""

    def __init__(self, cert_der: bytes) -> None:
        from pyhanko_certvalidator import ValidationContext

        self.cert_der = cert_der
        self._cert = asn1_x509.Certificate.load(cert_der)
        self._context = ValidationContext(trust_roots=[self._cert], allow_fetching=False,
                                          revocation_mode="soft-fail")

    def verify(self, manifest: bytes, cms_der: bytes) -> None:
        """Raise :class:`SignatureInvalid` unless ``cms_der`` is this certificate's valid signature
        over ``manifest``."""
        if signer_certificate(cms_der) != self.cert_der:
            raise SignatureInvalid("signer_not_enrolled", "the signature is by a different certificate")
        from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
        from pyhanko.sign.validation.settings import KeyUsageConstraints

        try:
            signed_data = cms.ContentInfo.load(cms_der)["content"]
            signer_info = signed_data["signer_infos"][0]
            digest, signed_at = digest_name(signer_info), cms_signing_time(signer_info)
        except Exception as exc:  # noqa: BLE001 - malformed CMS
            raise SignatureInvalid("cms_malformed", str(exc)) from None
        refusal = unsupported_digest(digest)
        if refusal:
            raise SignatureInvalid("unsupported_digest", refusal)
        try:
            check_signing_time(self.cert_der, signed_at)
        except CertificateNotValid as exc:
            raise SignatureInvalid(exc.code, exc.detail) from None
        try:
            status = _run(async_validate_detached_cms(
                manifest, signed_data, signer_validation_context=self._context,
                key_usage_settings=KeyUsageConstraints(key_usage=set(), extd_key_usage=None)))
        except Exception as exc:  # noqa: BLE001 - malformed CMS deep inside pyHanko
            raise SignatureInvalid("cms_malformed", str(exc)) from None
        if not (status.intact and status.valid):
            raise SignatureInvalid("signature_invalid", "the manifest does not match its signature")
        if not status.trusted:
            raise SignatureInvalid("certificate_untrusted", "the certificate is expired or not valid")


_LOOPS = threading.local()


def _run(coroutine: Any) -> Any:
    """Run pyHanko's coroutine on one reused event loop per thread (a new loop per bundle costs
    more than the validation itself; HQ's server verifies on several threads at once). Not for
    use from inside a running loop."""
    loop = getattr(_LOOPS, "loop", None)
    if loop is None or loop.is_closed():
        loop = _LOOPS.loop = asyncio.new_event_loop()
    return loop.run_until_complete(coroutine)


def verify_manifest_signature(manifest: bytes, cms_der: bytes, cert_der: bytes) -> None:
    """One-off form of :meth:`TrustedCert.verify`."""
    TrustedCert(cert_der).verify(manifest, cms_der)
