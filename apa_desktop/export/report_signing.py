"""Signing an office-year's report: render, sign, and lock the revision (CLI and GUI share this)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .pdf import apa_pdf
from .signing import sign_pdf_with_signer


def sign_office_year_report(store: Any, office_year_id: int, signer: Any, *, signer_name: str | None = None,
                            designation: str | None = None, quarter: int | None = None,
                            date: dt.date | None = None, allow_other_office: bool = False) -> bytes:
    """Render the APA (or the quarter's progress report), sign it with ``signer`` (from
    :func:`~apa_desktop.export.bundle_signing.load_office_key` ``.signer`` or
    :func:`~apa_desktop.export.signing.pkcs11_signer`) on the office head's signature line, mark
    the current revision signed via ``store.mark_signed`` and return the signed PDF. A signed
    revision refuses further edits. A key of another office is refused
    (:class:`~apa_desktop.export.signing.OtherOfficeKey`) unless ``allow_other_office``; nothing
    is locked then."""
    office_year = store.load(office_year_id)
    pdf = apa_pdf(office_year, quarter)
    signed = sign_pdf_with_signer(pdf, signer, signer_name=signer_name, designation=designation, date=date,
                                  role="office_head", allow_other_office=allow_other_office)
    head = office_year.cover.office_signatory
    store.mark_signed(office_year_id, signer_name or head.name or signer.signing_cert.subject.native.get("common_name", ""),
                      signed)
    return signed
