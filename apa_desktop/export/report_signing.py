"""Signing an office-year's report: render, sign, and lock the revision (CLI and GUI share this)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .pdf import apa_pdf
from .signing import sign_pdf_with_signer


def sign_office_year_report(store: Any, office_year_id: int, signer: Any, *, signer_name: str,
                            designation: str, quarter: int | None = None,
                            date: dt.date | None = None) -> bytes:
    """Render the APA (or the quarter's progress report), sign it with ``signer`` (from
    :func:`~apa_desktop.export.bundle_signing.load_office_key` ``.signer`` or
    :func:`~apa_desktop.export.signing.pkcs11_signer`), mark the current revision signed via
    ``store.mark_signed`` and return the signed PDF. A signed revision refuses further edits."""
    office_year = store.load(office_year_id)
    pdf = apa_pdf(office_year, quarter)
    signed = sign_pdf_with_signer(pdf, signer, signer_name=signer_name, designation=designation, date=date)
    store.mark_signed(office_year_id, signer_name, signed)
    return signed
