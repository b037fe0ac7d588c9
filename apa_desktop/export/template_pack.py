"""Template packs (``.apatemplates``): headquarters' templates of a year, signed (docs/template-packs.md).

One JSON file: the manifest's exact bytes (as a string), a detached CMS signature over them by
HQ's key (the same signing as bundles and receipts, export.bundle_signing), and each template's
bytes. Reading checks the size, the envelope and the signature against HQ's certificate; the
content is checked in core (core.template_manifest) before the office's database is touched.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from ..core.template_manifest import (
    FORMAT,
    FORMAT_VERSION,
    PackContent,
    PackRefused,
    check_against_installed,
    check_content,
    manifest_entry,
    parse_manifest,
    template_bytes,
)
from ..core.templates import Template
from ..db.templates import TemplateStore
from .bundle_signing import (
    OfficeKey,
    SignatureInvalid,
    TrustedCert,
    cert_fingerprint,
    sign_manifest,
)

MAX_PACK_BYTES = 20 * 1024 * 1024
SUFFIX = ".apatemplates"


def write_pack(templates: Iterable[Template], key: OfficeKey, *, created_at: datetime | None = None) -> bytes:
    """The pack of ``templates`` signed with HQ's ``key``."""
    templates = list(templates)
    issuer = x509.load_der_x509_certificate(key.cert_der).subject.rfc4514_string()
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "pack_id": str(uuid.uuid4()),
        "created_at": (created_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "issuer": {"name": issuer, "certificate_sha256": cert_fingerprint(key.cert_der)},
        "templates": [manifest_entry(t) for t in templates],
    }
    manifest_text = json.dumps(manifest, ensure_ascii=False, indent=1)
    envelope = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "manifest": manifest_text,
        "signature": base64.b64encode(sign_manifest(key, manifest_text.encode("utf-8"))).decode("ascii"),
        "templates": {t.id: template_bytes(t).decode("utf-8") for t in templates},
    }
    return (json.dumps(envelope, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


_OWN_REASONS = {
    "certificate_expired": ("সদর দপ্তরের সনদের মেয়াদ স্বাক্ষরের সময়ে শেষ হয়ে গিয়েছিল",
                            "Headquarters' certificate had expired when the pack was signed"),
    "certificate_not_yet_valid": ("স্বাক্ষরের সময়ে সদর দপ্তরের সনদ তখনো বৈধ হয়নি",
                                  "Headquarters' certificate was not yet valid when the pack was signed"),
    "unsupported_digest": ("প্যাকের স্বাক্ষরের ডাইজেস্ট অ্যালগরিদম গ্রহণযোগ্য নয়",
                           "The pack's signature uses a digest algorithm that is not accepted"),
}
"""Signature refusals that are not a changed file, said as what they are (issue 12: exact reasons)."""


def read_pack(data: bytes, hq_cert_der: bytes) -> PackContent:
    """The pack's verified content, or :class:`PackRefused` saying why."""
    if len(data) > MAX_PACK_BYTES:
        raise PackRefused("too_large", "প্যাক ফাইলটি অনেক বড়", f"The pack is larger than {MAX_PACK_BYTES} bytes")
    envelope = _envelope(data)
    manifest_raw = envelope["manifest"].encode("utf-8")
    try:
        TrustedCert(hq_cert_der).verify(manifest_raw, envelope["signature"])
    except SignatureInvalid as exc:
        if exc.code == "signer_not_enrolled":
            raise PackRefused("other_signer", "প্যাকটি সদর দপ্তরের সনদ দিয়ে স্বাক্ষরিত নয়; অন্য কারো স্বাক্ষর গ্রহণ করা হয় না",
                              "The pack is not signed with headquarters' certificate: a pack signed by any "
                              "other certificate is refused") from None
        if exc.code in _OWN_REASONS:
            bn, en = _OWN_REASONS[exc.code]
            raise PackRefused(exc.code, f"{bn}: {exc.detail}", f"{en}: {exc.detail}") from None
        raise PackRefused("signature_invalid", "প্যাকের স্বাক্ষর মেলে না: ফাইলটি বদলানো হয়েছে বা ক্ষতিগ্রস্ত",
                          f"The pack's signature does not verify: the file was altered or damaged ({exc.code})") from None
    manifest = parse_manifest(manifest_raw)
    members = {tid: text.encode("utf-8") for tid, text in envelope["templates"].items()}
    return check_content(manifest, members)


def pack_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _envelope(data: bytes) -> dict[str, Any]:
    try:
        envelope = json.loads(data.decode("utf-8"))
        ok = (isinstance(envelope, dict) and envelope.get("format") == FORMAT
              and envelope.get("format_version") == FORMAT_VERSION and isinstance(envelope.get("manifest"), str)
              and isinstance(envelope.get("signature"), str) and isinstance(envelope.get("templates"), dict)
              and all(isinstance(v, str) for v in envelope["templates"].values()))
        if ok:
            envelope["signature"] = base64.b64decode(envelope["signature"], validate=True)
            return envelope
    except (ValueError, RecursionError, binascii.Error):
        pass
    raise PackRefused("not_a_pack", "ফাইলটি টেমপ্লেট প্যাক নয় (বা ক্ষতিগ্রস্ত)",
                      "The file is not an APA Desktop template pack (or it is damaged)")


def load_hq_certificate(path: Path) -> bytes:
    from .bundle_signing import load_certificate

    try:
        return load_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise PackRefused("certificate_unreadable", f"সদর দপ্তরের সনদ পড়া যায়নি: {path}",
                          f"Cannot read headquarters' certificate {path}: {exc}") from None


@dataclass(frozen=True)
class PackImport:
    """What importing a pack did: the templates added, or that it was imported before."""

    pack_id: str
    added: list[Template]
    already_imported: bool = False


def import_pack(templates: TemplateStore, data: bytes, hq_cert_der: bytes | None = None, user: str = "") -> PackImport:
    """Verify a pack and apply it to the office's templates in one transaction.

    HQ's certificate is the one remembered from the first pack; ``hq_cert_der`` (from
    ``--hq-cert``) is needed the first time and must be that same certificate afterwards."""
    remembered = templates.hq_certificate()
    if remembered is not None and hq_cert_der is not None and hq_cert_der != remembered:
        raise PackRefused("other_certificate",
                          "এই সনদটি আগে গ্রহণ করা সদর দপ্তরের সনদ নয়; অন্য সনদের প্যাক গ্রহণ করা হয় না",
                          "This certificate is not headquarters' certificate remembered from the first pack: "
                          "packs of another certificate are refused")
    trusted = remembered or hq_cert_der
    if trusted is None:
        raise PackRefused("no_certificate", "প্রথম প্যাকের সাথে সদর দপ্তরের সনদ (--hq-cert) দিন",
                          "Give headquarters' certificate (--hq-cert) with the first pack")
    content = read_pack(data, trusted)
    if templates.pack_imported(content.pack_id, pack_sha256(data)):
        return PackImport(content.pack_id, [], already_imported=True)
    check_against_installed(content.templates, templates.catalogue())
    templates.add_pack(pack_id=content.pack_id, sha256=pack_sha256(data),
                       issuer=str(content.manifest["issuer"]["name"]), created_at=str(content.manifest["created_at"]),
                       templates=content.templates, hq_cert_der=trusted, user=user)
    return PackImport(content.pack_id, content.templates)
