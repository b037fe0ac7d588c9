"""Page numbers that are known only after the pages are laid out: the contents page.

:func:`mark` tags the heading a part starts with; the document template records in its
:class:`PageNumbers` the page that heading lands on (after any page break before it). A
:class:`PageRef` draws a PDF form XObject named after the part, which the template defines once
the whole document is laid out. ReportLab allows a form to be used before it is defined, so the
contents page gets its numbers in one layout pass.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from ...core.numerals import to_bengali_digits
from ..fonts import FAMILY


def _form_name(key: str) -> str:
    return f"pageref-{key}"


def mark(key: str, flowables: list[object]) -> list[object]:
    """Tag the first paragraph of ``flowables`` (the part's heading) as the start of ``key``."""
    heading = next(f for f in flowables if isinstance(f, Paragraph))
    heading.page_key = key
    return flowables


class PageNumbers:
    """The parts referred to (part → font size of the reference) and where they start."""

    def __init__(self) -> None:
        self.refs: dict[str, float] = {}
        self.pages: dict[str, int] = {}

    def record(self, flowable: object, page: int) -> None:
        key = getattr(flowable, "page_key", None)
        if key is not None:
            self.pages.setdefault(key, page)

    def define_forms(self, canvas: object) -> None:
        """Every referenced part's page in Bengali digits, right-aligned at the origin of its
        form; an empty form for a part the document does not have."""
        for key, font_size in self.refs.items():
            # The bounding box clips: the number lies left of the origin.
            canvas.beginForm(_form_name(key), -10 * font_size, -font_size, font_size, 2 * font_size)
            if key in self.pages:
                canvas.setFont(FAMILY, font_size)
                canvas.drawRightString(0, 0, to_bengali_digits(str(self.pages[key])))
            canvas.endForm()


class PageRef(Flowable):
    """The page number of the part ``key``, right-aligned in ``width`` points."""

    def __init__(self, numbers: PageNumbers, key: str, width: float, font_size: float) -> None:
        super().__init__()
        self.key, self.width, self.font_size = key, width, font_size
        numbers.refs[key] = font_size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.font_size * 1.3

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.translate(self.width, self.font_size * 0.52)
        self.canv.doForm(_form_name(self.key))
        self.canv.restoreState()
