"""File names of exported documents, shared by the command line and the export dialog."""

from __future__ import annotations


def pdf_name(office_id: str, fiscal_year: str, quarter: int | None, part: str | None = None,
             suffix: str = "") -> str:
    """``<office>-<year>-apa.pdf``, ``…-q3.pdf``, ``…-nis.pdf``, ``…-nis-q3.pdf`` or ``…-enothi.pdf``
    (``part``: an annex or a register; + ``suffix``)."""
    parts = [office_id, fiscal_year]
    if part is not None:
        parts.append(part)
    if quarter:
        parts.append(f"q{quarter}")
    elif part is None:
        parts.append("apa")
    return "-".join(parts) + f"{suffix}.pdf"
