"""PAdES B-B signatures on APA PDFs with a visible box (name, designation, date in Bengali digits),
from a PKCS#12 file or a PKCS#11 token, and their verification.

pyHanko is imported inside the functions: its import costs ≈0.8 s and most runs never sign."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..core.numerals import format_date
from .bundle_signing import SigningKeyError, load_office_key
from .certificates import CertificateNotValid, check_signing_time, check_validity, unsupported_digest
from .fonts import REGULAR_PATH

__all__ = ["SigningKeyError", "SignatureBox", "OFFICE_HEAD_BOX", "SUPERIOR_BOX", "VerificationResult", "sign_pdf", "sign_pdf_with_signer",
           "pkcs11_signer", "verify_pdf", "stamp_text"]

@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: page index (negative counts from the end) and the box
    (x1, y1, x2, y2) in points."""

    page: int = -1
    box: tuple[int, int, int, int] = (330, 56, 560, 130)


# The PDFs keep the bottom of their last page free for these two boxes (pdf.SIGNATURE_SPACE).
OFFICE_HEAD_BOX = SignatureBox()
SUPERIOR_BOX = SignatureBox(box=(40, 56, 270, 130))
VISIBLE_SLOTS = (OFFICE_HEAD_BOX, SUPERIOR_BOX)
"""The first signature (the office head's) goes right, the counter-signature left; any later one
is invisible on the page (there is no free room left for it) and is listed by :func:`verify_pdf`."""


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)


def stamp_text(signer_name: str, designation: str, date: dt.date) -> str:
    """The visible box's text: the date is printed dd/mm/yyyy in Bengali digits."""
    when = format_date(date)
    return f"ডিজিটাল স্বাক্ষর: {signer_name}\n{designation}\nতারিখ: {when}"


def sign_pdf(pdf_bytes: bytes, p12_bytes: bytes, passphrase: str | bytes, *, signer_name: str,
             designation: str, date: dt.date | None = None, field_name: str | None = None,
             box: SignatureBox | None = None) -> bytes:
    """Sign with a PKCS#12 key; a wrong passphrase raises :class:`SigningKeyError` with a clear message."""
    key = load_office_key(p12_bytes, passphrase)
    return sign_pdf_with_signer(pdf_bytes, key.signer, signer_name=signer_name, designation=designation,
                                date=date, field_name=field_name, box=box)


@contextmanager
def pkcs11_signer(lib_path: str | Path, token_label: str, key_label: str, pin: str) -> Iterator[Any]:
    """Open a PKCS#11 token (USB token or SoftHSM2) and give a pyHanko signer for ``key_label``.

    The token's session is closed (and so logged out) when the ``with`` block ends: a token
    left logged in refuses the next login of the same program."""
    from pyhanko.sign import pkcs11 as p11

    try:
        session = p11.open_pkcs11_session(str(lib_path), user_pin=pin,
                                          token_criteria=p11.TokenCriteria(label=token_label))
    except Exception as exc:  # noqa: BLE001 - the library's errors are many and unhelpful
        raise SigningKeyError(
            "টোকেন খোলা যায়নি: পিন, টোকেনের নাম বা লাইব্রেরি পরীক্ষা করুন।",
            f"Cannot open PKCS#11 token {token_label!r} with {lib_path}: {type(exc).__name__} {exc}",
        ) from None
    try:
        # Hash on the host, sign raw on the token: SoftHSM2 and many USB tokens lack ECDSA-SHA256.
        signer = p11.PKCS11Signer(session, key_label=key_label, cert_label=key_label, use_raw_mechanism=True)
        _check_key_time(signer.signing_cert.dump())
        yield signer
    finally:
        session.close()


def _check_key_time(cert_der: bytes) -> None:
    """The key chosen to sign must have a certificate valid now (a token's as much as a file's)."""
    try:
        check_validity(cert_der)
    except CertificateNotValid as exc:
        raise SigningKeyError(f"এই চাবি দিয়ে স্বাক্ষর করা যাবে না: {exc.message_bn}",
                              f"This key cannot sign: {exc.message_en}") from None


def _next_slot(writer: Any) -> tuple[str, SignatureBox | None]:
    """The first free field name ``SignatureN`` and the box of the next visible slot, if any."""
    from pyhanko.sign.fields import enumerate_sig_fields

    names = {name for name, _, _ in enumerate_sig_fields(writer)}
    name = next(f"Signature{i}" for i in itertools.count(len(names) + 1) if f"Signature{i}" not in names)
    return name, VISIBLE_SLOTS[len(names)] if len(names) < len(VISIBLE_SLOTS) else None


def sign_pdf_with_signer(pdf_bytes: bytes, signer: Any, *, signer_name: str, designation: str,
                         date: dt.date | None = None, field_name: str | None = None,
                         box: SignatureBox | None = None) -> bytes:
    """Add one signature incrementally (earlier signatures stay valid: counter-signing). Without
    ``field_name`` and ``box`` it takes the next free slot (see :data:`VISIBLE_SLOTS`)."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    date = date or dt.date.today()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    free_name, free_box = _next_slot(writer)
    field_name, box = field_name or free_name, box or free_box
    if box is not None:
        page = box.page % int(writer.root["/Pages"]["/Count"])
        spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=page, box=box.box)
    else:
        spec = fields.SigFieldSpec(sig_field_name=field_name)
    fields.append_signature_field(writer, spec)
    style = TextStampStyle(
        stamp_text="%(text)s",
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(REGULAR_PATH)), font_size=9, leading=12),
        border_width=1,
        background=None,
    )
    meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, name=signer_name)
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out,
                        appearance_text_params={"text": stamp_text(signer_name, designation, date)})
    return out.getvalue()


def verify_pdf(pdf_bytes: bytes, trusted_certs: list[bytes], require_trust: bool = True) -> VerificationResult:
    """OK only when every signature is intact, valid, by a trusted certificate, and the last one
    covers the whole file (nothing added after signing). ``trusted_certs``: PEM or DER.

    ``require_trust=False`` checks everything but who signed (``import-json`` without ``--trust``)."""
    from asn1crypto import pem, x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader

    roots = []
    for data in trusted_certs:
        der = pem.unarmor(data)[2] if pem.detect(data) else data
        roots.append(asn1_x509.Certificate.load(der))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a verification failure, not a crash
        return VerificationResult(False, [f"the file is not a readable PDF: {type(exc).__name__}: {exc}"])
    if not embedded:
        return VerificationResult(False, ["the PDF has no signature"])
    reasons: list[str] = []
    signers_seen: list[str] = []
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)  # pyHanko logs tracebacks for failures we report in `reasons`
    try:
        for index, sig in enumerate(embedded, 1):
            _check_one(sig, index, len(embedded), roots, reasons, signers_seen, require_trust)
    finally:
        logging.disable(previous)
    return VerificationResult(not reasons, reasons, signers_seen)


def signer_certificates(pdf_bytes: bytes) -> list[bytes]:
    """The DER certificate of each signature's signer, in order (empty for an unreadable PDF)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        return [sig.signer_cert.dump() for sig in reader.embedded_signatures]
    except Exception:  # noqa: BLE001 - a damaged file has no signer
        return []


def _check_one(sig: Any, index: int, count: int, roots: list[Any], reasons: list[str],
               signers_seen: list[str], require_trust: bool = True) -> None:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    label = f"signature {index} ({sig.field_name})"
    refusal = unsupported_digest(str(getattr(sig, "md_algorithm", "") or ""))
    if refusal:  # said as such, before pyHanko's policy turns it into a vaguer failure
        reasons.append(f"{label}: {refusal}")
        return
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(sig, context, skip_diff=False)
    except Exception as exc:  # noqa: BLE001
        reasons.append(f"{label}: cannot be validated: {type(exc).__name__}: {exc}")
        return
    signers_seen.append(status.signing_cert.subject.human_friendly)
    if not status.intact:  # a changed file is reported as that alone: nothing else about it holds
        reasons.append(f"{label}: the document was changed after signing (digest mismatch)")
        return
    try:
        check_signing_time(status.signing_cert.dump(), status.signer_reported_dt)
    except CertificateNotValid as exc:
        reasons.append(f"{label}: {exc.message_en}")
        return
    if not status.valid:
        reasons.append(f"{label}: the cryptographic signature is invalid")
    if require_trust and not status.trusted:
        reasons.append(f"{label}: the signer's certificate ({status.signing_cert.subject.human_friendly}) "
                       "is not trusted")
    coverage = status.coverage
    if index == count:
        if coverage != SignatureCoverageLevel.ENTIRE_FILE:
            reasons.append(f"{label}: content was added after the last signature (coverage {coverage.name})")
    elif coverage not in (SignatureCoverageLevel.ENTIRE_REVISION, SignatureCoverageLevel.ENTIRE_FILE):
        reasons.append(f"{label}: covers only part of its revision ({coverage.name})")
    modification = getattr(status, "modification_level", None)
    if modification is not None and modification.name not in ("NONE", "LTA_UPDATES", "FORM_FILLING"):
        reasons.append(f"{label}: the file was modified after this signature ({modification.name})")
    if status.intact and status.valid and status.trusted and not status.bottom_line:
        reasons.append(f"{label}: not acceptable ({status.summary()})")
