"""PAdES B-B signatures on APA PDFs with a visible box (name, designation, date in Bengali digits),
from a PKCS#12 file or a PKCS#11 token, and their verification.

pyHanko is imported inside the functions: its import costs ≈0.8 s and most runs never sign."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import logging
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import UserError
from ..core.numerals import format_date
from .bundle_signing import SigningKeyError, load_office_key
from .certificates import CertificateNotValid, check_signing_time, check_validity, unsupported_digest
from .fonts import REGULAR_PATH

__all__ = ["SigningKeyError", "SignatureBox", "OFFICE_HEAD_BOX", "SUPERIOR_BOX", "VerificationResult", "OtherOfficeKey",
           "sign_pdf", "sign_pdf_with_signer", "signature_lines", "check_office", "certificate_office",
           "pkcs11_signer", "verify_pdf", "stamp_text"]

@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: page index (negative counts from the end) and the box
    (x1, y1, x2, y2) in points."""

    page: int = -1
    box: tuple[int, int, int, int] = (330, 56, 560, 130)


# A PDF that does not say where its signature lines are (not made by APA Desktop) gets these
# boxes at the foot of its last page: the office head's left, the superior's right, as the
# printed blocks are.
OFFICE_HEAD_BOX = SignatureBox(box=(40, 56, 270, 130))
SUPERIOR_BOX = SignatureBox()
VISIBLE_SLOTS = (OFFICE_HEAD_BOX, SUPERIOR_BOX)
"""The first signature (the office head's) goes left, the counter-signature right; any later one
is invisible on the page (there is no free room left for it) and is listed by :func:`verify_pdf`."""

ROLE_ORDER = ("office_head", "superior", "preparer")
"""Who signs a document first: its office head, then the superior (the APA's counter-signature)
or the preparer (a report's)."""


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    reasons: list[str] = field(default_factory=list)
    signers: list[str] = field(default_factory=list)
    offices: list[str] = field(default_factory=list)
    """The office each signer's certificate names (its organisation), beside :attr:`signers`."""


class OtherOfficeKey(UserError):
    """The key's certificate names another office than the one whose document is signed."""


def signature_lines(pdf_bytes: bytes) -> dict[str, SignatureBox]:
    """Where the document's printed signature lines are, by role (``office_head``, ``superior``,
    ``preparer``): the ``apa-sign-<role>`` named destinations the PDF writer records (see
    :mod:`apa_desktop.export.pdf.signatures`). Empty for a PDF that has none."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from .pdf.signatures import DESTINATION_PREFIX

    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    dests = reader.root.get("/Dests")
    if dests is None:
        return {}
    dests = dests.get_object()
    pages = _page_ids(reader.root.raw_get("/Pages"))
    lines = {}
    for key in dests:
        name = str(key).lstrip("/")
        if not name.startswith(DESTINATION_PREFIX):
            continue
        dest = dests[key].get_object()
        dest = dest["/D"] if hasattr(dest, "keys") else dest
        if len(dest) < 6 or str(dest[1]) != "/FitR":
            continue
        page_ref = dest.raw_get(0)
        left, bottom, right, top = (round(float(dest[i])) for i in range(2, 6))
        lines[name[len(DESTINATION_PREFIX):]] = SignatureBox(pages.index(page_ref.idnum), (left, bottom, right, top))
    return lines


def _page_ids(node_ref: Any) -> list[int]:
    """Object numbers of the pages under a page-tree node, in order."""
    node = node_ref.get_object()
    if node.get("/Type") != "/Pages":
        return [node_ref.idnum]
    kids = node["/Kids"]
    return [n for i in range(len(kids)) for n in _page_ids(kids.raw_get(i))]


def certificate_office(cert: Any) -> str:
    """The office a signing certificate names (its organisation, as ``keys new --office`` writes it)."""
    return str(cert.subject.native.get("organization_name", "") or "")


def _same(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return bool(a.strip()) and norm(a) == norm(b)


def _role_offices(document: Any, role: str) -> list[str]:
    """The names by which the office signing as ``role`` may be named in a certificate."""
    cover = document.cover
    if role == "superior":
        return [n for n in (document.office.superior_office, cover.superior_signatory.office) if n]
    return [n for n in (document.office.id, document.office.name, cover.office_signatory.office) if n]


def check_office(document: Any, role: str, cert: Any) -> None:
    """Refuse a key whose certificate names another office than the one signing as ``role``
    (a certificate that names no office, as some tokens' do, cannot be told apart: it passes)."""
    named = certificate_office(cert)
    allowed = _role_offices(document, role)
    if named and allowed and not any(_same(named, office) for office in allowed):
        wanted = allowed[1] if role != "superior" and len(allowed) > 1 else allowed[0]
        raise OtherOfficeKey(
            f"এই চাবির সনদ অন্য অফিসের: সনদে «{named or '—'}», দলিলটি «{wanted}»-এর। "
            "তবুও স্বাক্ষর করতে --allow-other-office দিন।",
            f"The key's certificate names another office: «{named or '—'}», but the document is «{wanted}»'s. "
            "Give --allow-other-office to sign anyway.")


def _signatory(document: Any, role: str) -> Any:
    cover = document.cover
    return {"office_head": cover.office_signatory, "superior": cover.superior_signatory,
            "preparer": cover.preparer}.get(role)


def stamp_text(signer_name: str, designation: str, date: dt.date) -> str:
    """The visible box's text: the date is printed dd/mm/yyyy in Bengali digits."""
    when = format_date(date)
    return f"ডিজিটাল স্বাক্ষর: {signer_name}\n{designation}\nতারিখ: {when}"


def sign_pdf(pdf_bytes: bytes, p12_bytes: bytes, passphrase: str | bytes, *, signer_name: str | None = None,
             designation: str | None = None, date: dt.date | None = None, field_name: str | None = None,
             box: SignatureBox | None = None, role: str | None = None, allow_other_office: bool = False) -> bytes:
    """Sign with a PKCS#12 key; a wrong passphrase raises :class:`SigningKeyError` with a clear message."""
    key = load_office_key(p12_bytes, passphrase)
    return sign_pdf_with_signer(pdf_bytes, key.signer, signer_name=signer_name, designation=designation,
                                date=date, field_name=field_name, box=box, role=role,
                                allow_other_office=allow_other_office)


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


def _next_slot(writer: Any, lines: dict[str, SignatureBox], role: str | None) -> tuple[str, SignatureBox | None, str | None]:
    """The field name, box and role of the next signature: on the document's own line for
    ``role`` (default: the first role in :data:`ROLE_ORDER` whose line is not signed yet); for a
    PDF without recorded lines the first free ``SignatureN`` and the next of :data:`VISIBLE_SLOTS`."""
    from pyhanko.sign.fields import enumerate_sig_fields

    names = {name for name, _, _ in enumerate_sig_fields(writer)}
    if lines:
        free = [r for r in ROLE_ORDER if r in lines and f"Signature-{r}" not in names]
        role = role or (free[0] if free else None)
        if role is not None and f"Signature-{role}" not in names:
            return f"Signature-{role}", lines.get(role), role
    name = next(f"Signature{i}" for i in itertools.count(len(names) + 1) if f"Signature{i}" not in names)
    if lines:
        return name, None, role
    return name, VISIBLE_SLOTS[len(names)] if len(names) < len(VISIBLE_SLOTS) else None, role


def sign_pdf_with_signer(pdf_bytes: bytes, signer: Any, *, signer_name: str | None = None,
                         designation: str | None = None, date: dt.date | None = None,
                         field_name: str | None = None, box: SignatureBox | None = None,
                         role: str | None = None, allow_other_office: bool = False) -> bytes:
    """Add one signature incrementally (earlier signatures stay valid: counter-signing).

    Without ``field_name`` and ``box`` the visible box goes on the document's printed signature
    line of ``role`` (the next unsigned one by default, see :func:`_next_slot`). An APA Desktop
    PDF names its office: a key whose certificate names another office is refused
    (:class:`OtherOfficeKey`) unless ``allow_other_office``. Name and designation default to the
    document's signatory for the role, then to the certificate's."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    date = date or dt.date.today()
    document = _document(pdf_bytes)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    free_name, free_box, role = _next_slot(writer, signature_lines(pdf_bytes) if document else {}, role)
    field_name, box = field_name or free_name, box or free_box
    cert = signer.signing_cert
    if document is not None and not allow_other_office:
        check_office(document, role or "office_head", cert)
    person = _signatory(document, role) if document is not None and role else None
    subject = cert.subject.native
    signer_name = signer_name or (person.name if person else "") or subject.get("common_name", "")
    designation = designation or (person.designation if person else "") or subject.get("title", "")
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


def _document(pdf_bytes: bytes) -> Any:
    """The office-year an APA Desktop PDF embeds, or None for another PDF."""
    from .interchange_file import InterchangeFileError, extract_embedded_document

    try:
        return extract_embedded_document(pdf_bytes)
    except (InterchangeFileError, KeyError, TypeError, ValueError):
        return None


def verify_pdf(pdf_bytes: bytes, trusted_certs: list[bytes], require_trust: bool = True,
               office: str | None = None) -> VerificationResult:
    """OK only when every signature is intact, valid, by a trusted certificate, and the last one
    covers the whole file (nothing added after signing). ``trusted_certs``: PEM or DER. With
    ``office``, every signer's certificate must name that office (its id or name).

    ``require_trust=False`` checks everything but who signed (``import-json`` without ``--trust``)."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
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
    offices = [certificate_office(sig.signer_cert) for sig in embedded]
    if office is not None:
        reasons += _office_reasons(pdf_bytes, office, embedded, offices)
    return VerificationResult(not reasons, reasons, signers_seen, offices)


def _office_reasons(pdf_bytes: bytes, office: str, embedded: list[Any], offices: list[str]) -> list[str]:
    """A reason for each signature whose certificate is not of ``office`` (id or name); the
    superior's counter-signature on an APA must be of the superior office the document names."""
    document = _document(pdf_bytes)
    own = [office]
    if document is not None and _same(office, document.office.id):
        own += _role_offices(document, "office_head")
    reasons = []
    for index, (sig, named) in enumerate(zip(embedded, offices), 1):
        superior = sig.field_name == "Signature-superior" and document is not None
        allowed = _role_offices(document, "superior") if superior else own
        if not any(_same(named, name) for name in allowed):
            reasons.append(f"signature {index} ({sig.field_name}): the certificate names office «{named or '—'}», "
                           f"not «{allowed[0] if allowed else office}»")
    return reasons


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
