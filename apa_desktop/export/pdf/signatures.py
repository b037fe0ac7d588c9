"""The printed signature blocks, and where their signature lines are on the page.

Each block has room to sign above a line, then the signatory's name, designation, office and the
date. The room is a :class:`SignatureSpace`: when drawn, it records its page and rectangle, and
:func:`define_destinations` writes them into the catalogue's ``/Dests`` as named destinations
``apa-sign-<role>`` (``/FitR`` over the rectangle), so that signing
(:mod:`apa_desktop.export.signing`) puts each visible signature on its own line, on the page
where the line is, whatever the orientation. Only the first line of a role is recorded."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName
from reportlab.platypus import Flowable, Table

from ...core.model import Person
from ..fonts import FAMILY
from .styles import content_width, para

DESTINATION_PREFIX = "apa-sign-"
ROLES = {"office_head": "অফিস প্রধান", "superior": "ঊর্ধ্বতন অফিস প্রধান", "preparer": "প্রস্তুতকারী"}
"""The signing roles and the label printed above each block."""
SPACE_HEIGHT = 46.0
"""Room to sign above the line (the visible signature box fills it)."""


class SignatureSpace(Flowable):
    """Blank room ending in the signature line; records its rectangle once per role."""

    def __init__(self, role: str, width: float, height: float = SPACE_HEIGHT) -> None:
        super().__init__()
        self.role, self.width, self.height = role, width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = min(self.width, available_width)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setLineWidth(0.6)
        canvas.setDash(1, 2)
        canvas.line(0, 0, self.width, 0)
        canvas.setDash()
        recorded = canvas.__dict__.setdefault("apa_signature_lines", {})
        if self.role not in recorded:
            left, bottom = canvas.absolutePosition(0, 0)
            right, top = canvas.absolutePosition(self.width, self.height)
            recorded[self.role] = (canvas._doc.thisPageRef(), (left, bottom, right, top))


def define_destinations(canvas: object) -> None:
    """Write the recorded signature lines as the catalogue's named destinations."""
    recorded = canvas.__dict__.get("apa_signature_lines", {})
    if recorded:
        canvas._doc.Catalog.Dests = PDFDictionary({
            DESTINATION_PREFIX + role: PDFArray([page, PDFName("FitR"), *(round(v, 2) for v in rect)])
            for role, (page, rect) in recorded.items()})


def signature_block(person: Person, role: str, width: float, date_text: str = "") -> list[object]:
    """Label, room to sign, then name, designation, office and date (empty lines keep their
    height, so that two blocks side by side line up)."""
    blank = "\u00a0"
    lines = [person.name or blank, person.designation or blank, person.office or blank]
    out: list[object] = [para(ROLES[role], "small"), SignatureSpace(role, width - 16)]
    out += [para(line, "center") for line in lines]
    out.append(para(f"তারিখ: {date_text}" if date_text else "তারিখ:", "center"))
    return out


class SignatureBlocks(Table):
    """One or two signature blocks side by side, never split (and kept with the last rows of what
    it certifies: :func:`.keeping.keep_rules`)."""


def signatures(blocks: list[tuple[Person, str]], date_text: str = "", orientation: str = "portrait") -> SignatureBlocks:
    """Signature blocks side by side: ``blocks`` is ``[(person, role), …]``, left to right."""
    width = min(content_width(orientation), content_width("portrait")) / 2
    table = SignatureBlocks([[signature_block(person, role, width, date_text) for person, role in blocks]],
                            colWidths=[width] * len(blocks), hAlign="CENTER" if len(blocks) > 1 else "RIGHT",
                            spaceBefore=10)
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return table
