"""File names of exported documents, shared by the command line and the export dialog."""

from __future__ import annotations


def pdf_name(office_id: str, fiscal_year: str, quarter: int | None, annex: str | None = None,
             suffix: str = "") -> str:
    """``<office>-<year>-apa.pdf``, ``…-q3.pdf``, ``…-nis.pdf`` or ``…-nis-q3.pdf`` (+ ``suffix``)."""
    parts = [office_id, fiscal_year]
    if annex is not None:
        parts.append(annex)
    if quarter:
        parts.append(f"q{quarter}")
    elif annex is None:
        parts.append("apa")
    return "-".join(parts) + f"{suffix}.pdf"
