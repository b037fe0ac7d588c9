"""The ``.apabundle`` sync file: write one, and read one back verifying everything first.

The format is specified in ``docs/bundle-format.md``. Reading never trusts the archive: sizes
in ZIP headers are checked but members are read with bounded reads, names are checked before
anything is extracted (nothing is ever written to disk), and every member must match the
signed manifest. Any problem raises :class:`BundleRejected` with a reason code.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core import interchange
from ..core.evidence import evidence_hashes
from ..core.model import OfficeYear
from ..core.validation import counter_problems, fiscal_year_problems, validate_office_year
from .bundle_errors import BundleRejected
from .bundle_signing import OfficeKey, SignatureInvalid, TrustedCert, sign_manifest, signer_certificate

FORMAT = "apa-desktop/bundle"
FORMAT_VERSION = 1
SUFFIX = ".apabundle"
MANIFEST, SIGNATURE, DOCUMENT, SIGNED_PDF = "manifest.json", "manifest.cms", "document.json", "signed.pdf"
_EVIDENCE = re.compile(r"evidence/[0-9a-f]{64}")
_HEX64 = "^[0-9a-f]{64}$"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

MANIFEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "format_version", "bundle_id", "office_id", "fiscal_year", "revision", "sequence",
                 "previous_bundle_sha256", "created_at", "app_version", "template_ids", "members"],
    "properties": {
        "format": {"const": FORMAT},
        "format_version": {"const": FORMAT_VERSION},
        "bundle_id": {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},
        "office_id": {"type": "string", "minLength": 1, "maxLength": 100},
        "fiscal_year": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
        "revision": {"type": "integer", "minimum": 1},
        "sequence": {"type": "integer", "minimum": 1},
        "previous_bundle_sha256": {"oneOf": [{"type": "null"}, {"type": "string", "pattern": _HEX64}]},
        "created_at": {"type": "string", "maxLength": 40},
        "app_version": {"type": "string", "maxLength": 40},
        "template_ids": {"type": "object", "additionalProperties": {"type": "string", "maxLength": 200}},
        "members": {
            "type": "object",
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["sha256", "size"],
                "properties": {"sha256": {"type": "string", "pattern": _HEX64},
                               "size": {"type": "integer", "minimum": 0}},
            },
        },
    },
}


@dataclass(frozen=True)
class Limits:
    """What a bundle may be; defaults suit an office-year with its evidence scans."""

    max_file_bytes: int = 256 * 1024 * 1024
    max_members: int = 5000
    max_member_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 512 * 1024 * 1024
    max_ratio: float = 200.0
    """Uncompressed ÷ compressed size per member (JSON compresses ≈10-30×; bombs ≫1000×)."""
    max_manifest_bytes: int = 1024 * 1024


@dataclass
class VerifiedBundle:
    """A bundle whose every byte has been checked against its signed manifest."""

    sha256: str
    """SHA-256 of the whole file: the bundle's identity for dedup and the previous-bundle chain."""
    manifest: dict[str, Any]
    manifest_bytes: bytes
    document_bytes: bytes
    office_year: OfficeYear | None
    """The decoded document; HQ's importer drops it (``None``) once it has the summary."""
    evidence: dict[str, bytes] = field(default_factory=dict)
    signed_pdf: bytes | None = None
    signer_cert_der: bytes = b""
    notes: list[str] = field(default_factory=list)
    """What HQ should be told about an accepted bundle (why it is listed as unsigned, say)."""

    @property
    def office_id(self) -> str:
        return self.manifest["office_id"]

    @property
    def fiscal_year(self) -> str:
        return self.manifest["fiscal_year"]


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("apa-desktop")
    except PackageNotFoundError:
        return "0.1.0"


def write_bundle(office_year: OfficeYear, key: OfficeKey, *, revision: int, sequence: int,
                 previous_sha256: str | None, evidence: Mapping[str, bytes], signed_pdf: bytes | None = None,
                 bundle_id: str | None = None, created_at: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """The bytes of a signed bundle holding the full state of ``office_year``, and its manifest.

    ``evidence`` maps SHA-256 -> bytes and must hold every file the document refers to."""
    document = interchange.dumps(office_year).encode("utf-8")
    members: dict[str, bytes] = {DOCUMENT: document}
    for sha in sorted(evidence_hashes(office_year)):
        data = evidence[sha]
        if hashlib.sha256(data).hexdigest() != sha:
            raise ValueError(f"evidence {sha} does not match its hash")
        members[f"evidence/{sha}"] = data
    if signed_pdf is not None:
        members[SIGNED_PDF] = signed_pdf
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "bundle_id": bundle_id or str(uuid.uuid4()),
        "office_id": office_year.office.id,
        "fiscal_year": office_year.fiscal_year,
        "revision": revision,
        "sequence": sequence,
        "previous_bundle_sha256": previous_sha256,
        "created_at": created_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": app_version(),
        "template_ids": office_year.template_ids(),
        "members": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                    for name, data in members.items()},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [(MANIFEST, manifest_bytes), (SIGNATURE, sign_manifest(key, manifest_bytes)),
                           *members.items()]:
            info = zipfile.ZipInfo(name, _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buffer.getvalue(), manifest


TrustLookup = Callable[[str, bytes], TrustedCert]
"""(office id, signer certificate DER) -> the enrolled certificate to verify with; raises
:class:`BundleRejected` when the office is not enrolled or the certificate is revoked or another's."""


def read_source(source: str | Path | bytes, limits: Limits) -> bytes:
    """The bytes of a bundle file, refusing files over the size limit without reading them whole."""
    if isinstance(source, bytes):
        data = source
    else:
        with open(source, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise BundleRejected("too_large", f"> {limits.max_file_bytes} bytes")
    return data


def read_bundle(source: str | Path | bytes, limits: Limits, trust: TrustLookup) -> VerifiedBundle:
    """Read and verify a bundle: archive structure, limits, manifest schema, the CMS signature by
    the certificate ``trust`` gives for the manifest's office, every member's hash and size, and the
    document. Raises :class:`BundleRejected`; returns only a bundle that passed every check."""
    data = read_source(source, limits)
    zf, infos = _open_archive(data, limits)
    # The manifest and its signature first: a file that is not signed by the office is refused
    # before any other member is decompressed (memory to reject a hostile file stays small).
    contents = _read_members(zf, [i for i in infos if i.filename in (MANIFEST, SIGNATURE)], limits)
    manifest = _parse_manifest(contents[MANIFEST])
    try:
        signer = signer_certificate(contents[SIGNATURE])
        trust(manifest["office_id"], signer).verify(contents[MANIFEST], contents[SIGNATURE])
    except SignatureInvalid as exc:
        raise BundleRejected(exc.code, exc.detail) from None
    contents.update(_read_members(zf, [i for i in infos if i.filename not in (MANIFEST, SIGNATURE)], limits,
                                  already=sum(len(blob) for blob in contents.values())))
    listed = manifest["members"]
    present = {name for name in contents if name not in (MANIFEST, SIGNATURE)}
    if set(listed) != present:
        raise BundleRejected("hash_mismatch", f"members differ from the manifest: {sorted(set(listed) ^ present)[:3]}")
    for name in sorted(present):
        entry, blob = listed[name], contents[name]
        if len(blob) != entry["size"] or hashlib.sha256(blob).hexdigest() != entry["sha256"]:
            raise BundleRejected("hash_mismatch", name)
        if name.startswith("evidence/") and hashlib.sha256(blob).hexdigest() != name[len("evidence/"):]:
            raise BundleRejected("hash_mismatch", name)
    if DOCUMENT not in contents:
        raise BundleRejected("missing_member", DOCUMENT)
    try:
        office_year = interchange.loads(contents[DOCUMENT])
    except (interchange.InterchangeError, RecursionError, OverflowError) as exc:
        raise BundleRejected("document_invalid", str(exc)[:200]) from None
    problems = validate_office_year(office_year)
    if problems:
        shown = "; ".join(f"{p.path}: {p.message_en}" for p in problems[:5])
        raise BundleRejected("document_invalid", f"{len(problems)} problem(s): {shown}"[:600])
    if office_year.office.id != manifest["office_id"] or office_year.fiscal_year != manifest["fiscal_year"]:
        raise BundleRejected("document_mismatch", f"{office_year.office.id} {office_year.fiscal_year}")
    evidence = {name[len("evidence/"):]: blob for name, blob in contents.items() if name.startswith("evidence/")}
    missing = evidence_hashes(office_year) - set(evidence)
    if missing:
        raise BundleRejected("evidence_missing", sorted(missing)[0])
    return VerifiedBundle(
        sha256=hashlib.sha256(data).hexdigest(), manifest=manifest, manifest_bytes=contents[MANIFEST],
        document_bytes=contents[DOCUMENT], office_year=office_year, evidence=evidence,
        signed_pdf=contents.get(SIGNED_PDF), signer_cert_der=signer,
    )


def _safe_name(name: str) -> bool:
    if not name or "\\" in name or ":" in name or name.startswith("/") or "\x00" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def _expected_name(name: str) -> bool:
    return name in (MANIFEST, SIGNATURE, DOCUMENT, SIGNED_PDF) or _EVIDENCE.fullmatch(name) is not None


def _open_archive(data: bytes, limits: Limits) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The archive and its entries, after checking names, count and declared sizes."""
    if not data.startswith(b"PK\x03\x04"):
        raise BundleRejected("not_a_bundle")
    # zipfile builds every directory entry before we can count them: bound that work first. Each
    # entry starts with this signature, so the count is an upper bound of the entries (the slack
    # absorbs chance matches inside compressed data).
    if data.count(b"PK\x01\x02") > limits.max_members + 1000:
        raise BundleRejected("too_many_members", "the archive directory is too large")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError,
            IndexError, UnicodeDecodeError, NotImplementedError) as exc:
        raise BundleRejected("corrupt", str(exc)[:200]) from None
    if len(infos) > limits.max_members:
        raise BundleRejected("too_many_members", str(len(infos)))
    seen: set[str] = set()
    for info in infos:
        if not _safe_name(info.filename) or info.orig_filename != info.filename:
            raise BundleRejected("unsafe_path", repr(info.orig_filename)[:120])
        if info.filename in seen:
            raise BundleRejected("duplicate_member", info.filename)
        seen.add(info.filename)
        if not _expected_name(info.filename):
            raise BundleRejected("unexpected_member", info.filename[:120])
        if info.flag_bits & 0x1:
            raise BundleRejected("encrypted", info.filename)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleRejected("corrupt", f"unsupported compression in {info.filename}")
    for required in (MANIFEST, SIGNATURE):
        if required not in seen:
            raise BundleRejected("missing_member", required)
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_bytes:
        raise BundleRejected("archive_bomb", f"declared total {declared} bytes")
    return zf, infos


def _read_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits,
                  already: int = 0) -> dict[str, bytes]:
    """The bytes of ``infos``' members; bounded reads throughout (``already``: bytes read before)."""
    contents: dict[str, bytes] = {}
    total = already
    for info in infos:
        cap = limits.max_manifest_bytes if info.filename == MANIFEST else limits.max_member_bytes
        cap = min(cap, limits.max_total_bytes - total, _ratio_cap(info, limits))
        if info.file_size > cap:
            raise BundleRejected("archive_bomb", f"{info.filename}: {info.file_size} bytes")
        blob = _bounded_read(zf, info, cap)
        total += len(blob)
        contents[info.filename] = blob
    return contents


def _ratio_cap(info: zipfile.ZipInfo, limits: Limits) -> int:
    # Small members may compress better than the ratio allows (a run of zeros); give 64 KiB slack.
    return int(max(info.compress_size, 1) * limits.max_ratio) + 65536


def _bounded_read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read at most ``cap`` bytes of a member, whatever its header says; zipfile checks the CRC."""
    chunks, got = [], 0
    try:
        with zf.open(info) as member:
            while True:
                chunk = member.read(min(65536, cap + 1 - got))
                if not chunk:
                    break
                got += len(chunk)
                if got > cap:
                    raise BundleRejected("archive_bomb", f"{info.filename} expands beyond {cap} bytes")
                chunks.append(chunk)
    except BundleRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError, KeyError) as exc:
        raise BundleRejected("corrupt", f"{info.filename}: {str(exc)[:160]}") from None
    blob = b"".join(chunks)
    if len(blob) != info.file_size:
        raise BundleRejected("corrupt", f"{info.filename}: size differs from its header")
    return blob


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _parse_manifest(raw: bytes) -> dict[str, Any]:
    import jsonschema

    try:
        manifest = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (ValueError, RecursionError) as exc:
        raise BundleRejected("manifest_invalid", str(exc)[:160]) from None
    if isinstance(manifest, dict) and manifest.get("format") == FORMAT \
            and manifest.get("format_version") != FORMAT_VERSION:
        raise BundleRejected("unsupported_version", repr(manifest.get("format_version"))[:40])
    error = jsonschema.exceptions.best_match(_validator().iter_errors(manifest))
    if error is not None:
        where = "/".join(map(str, error.absolute_path)) or "manifest"
        raise BundleRejected("manifest_invalid", f"{where}: {error.message[:160]}")
    problems = counter_problems(revision=manifest["revision"], sequence=manifest["sequence"])
    problems += fiscal_year_problems(manifest["fiscal_year"])
    if problems:
        raise BundleRejected("manifest_invalid", "; ".join(f"{p.path}: {p.message_en}" for p in problems)[:300])
    return manifest


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(MANIFEST_SCHEMA)
