"""Whether a bundle's ``signed.pdf`` really is the signed form of the bundle's document.

HQ calls an office-year signed only when the PDF's signatures hold (intact, valid for their time,
nothing added after signing), one of them is by the office's enrolled certificate, and the data
the PDF embeds is the bundle's document itself: not an earlier revision's PDF carried along, not
another office's, not something that is not a PDF."""

from __future__ import annotations

from ..core import interchange
from ..core.model import OfficeYear


def signed_pdf_problem(signed_pdf: bytes, office_year: OfficeYear, enrolled_cert_der: bytes,
                       document_bytes: bytes | None = None) -> str | None:
    """Why ``signed_pdf`` does not make the office-year signed, or None when it does.

    ``document_bytes``: the interchange file ``office_year`` was decoded from. When the PDF embeds
    exactly those bytes, they are the same document and need no second decoding (a third of the cost)."""
    from .interchange_file import embedded_json
    from .signing import signer_certificates, verify_pdf

    if not signed_pdf.startswith(b"%PDF"):
        return "signed.pdf is not a PDF"
    result = verify_pdf(signed_pdf, [enrolled_cert_der], require_trust=False)
    if not result.ok:
        return f"its signature does not hold: {'; '.join(result.reasons)[:300]}"
    if enrolled_cert_der not in signer_certificates(signed_pdf):
        return "it is not signed by the office's enrolled certificate"
    try:
        embedded_bytes = embedded_json(signed_pdf)
        if document_bytes is not None and embedded_bytes == document_bytes:
            return None
        embedded = interchange.loads(embedded_bytes)
    except Exception:  # noqa: BLE001 - no data, or not ours
        return "it embeds no APA Desktop data"
    if interchange.to_document(embedded) != interchange.to_document(office_year):
        return "the signed data is not this revision's document (an earlier revision's PDF?)"
    return None
