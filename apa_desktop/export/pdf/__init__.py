"""The printed APA and progress reports as PDF (ReportLab, shaped Bengali, APA Sans embedded).

- :func:`apa_pdf`: the full APA (cover, contents, overview, preamble, Sections 1-3, Annexes 1-8);
  with ``quarter`` it is the progress report for that quarter (achievement columns, score
  summary, evidence list); ``quarter=4`` is the annual self-evaluation.
- :func:`annex_pdf`: one annex plan on its own.
- :func:`register_pdf`: one register of the e-governance plan (innovations, e-Nothi, 4IR, progress).
Every PDF embeds the office-year's interchange JSON (:func:`extract_embedded_document`).
"""

from __future__ import annotations

import io

from reportlab.platypus import CondPageBreak

from ...core import interchange
from ...core.model import REGISTER_KINDS, OfficeYear, annex_kinds, register_kinds
from ...core.numerals import quarter_title, to_bengali_digits
from ...core.scoring import score_office_year
from ..interchange_file import ATTACHMENT_NAME, embedded_json, extract_embedded_document
from .charts import score_chart
from .nis import nis_table
from .pagerefs import PageNumbers, mark
from .plans import ANNEX_NUMBERS, plan_table
from .registers import ORIENTATION, REGISTER_TITLES, register_story
from .report import evidence_list, score_summary
from .sections import (annex1, annex2, annex3, contents, cover_page, overview, preamble, section1,
                       section2, signatures)
from .styles import ApaDocTemplate, content_width, switch_to

__all__ = ["apa_pdf", "annex_pdf", "register_pdf", "document_pdf", "extract_embedded_document", "embedded_json", "ATTACHMENT_NAME"]


SIGNATURE_SPACE = 95
"""Points kept free at the bottom of the last page for the visible signature boxes."""


def _build(office_year: OfficeYear, story: list[object], title: str,
           page_numbers: PageNumbers | None = None, first_page: str = "portrait") -> bytes:
    story = [*story, CondPageBreak(SIGNATURE_SPACE)]
    buffer = io.BytesIO()
    footer = f"{office_year.office.name} · {to_bengali_digits(office_year.fiscal_year)} · {title}"
    doc = ApaDocTemplate(buffer, footer=footer, title=title, author=office_year.office.name,
                         page_numbers=page_numbers, first_page=first_page)
    payload = interchange.dumps(office_year).encode("utf-8")
    from .attachment import attach_json

    doc.on_first_page = lambda canvas: attach_json(canvas, payload)
    doc.build(story)
    return buffer.getvalue()


def _annex_story(office_year: OfficeYear, kind: str, breakdown: object, quarter: int | None) -> list[object]:
    if kind == "nis":
        result = breakdown.nis if breakdown is not None else None
        return nis_table(office_year.nis, result)
    result = breakdown.plans.get(kind) if breakdown is not None else None
    return plan_table(office_year.annexes[kind], office_year.fiscal_year, result, quarter)


def apa_pdf(office_year: OfficeYear, quarter: int | None = None) -> bytes:
    """The full APA, or (with ``quarter``) the progress report up to that quarter."""
    report = quarter is not None
    numbers = PageNumbers()
    breakdown = score_office_year(office_year, quarter) if report else None
    if report:
        title = quarter_title(quarter)
        story: list[object] = cover_page(office_year, f"বার্ষিক কর্মসম্পাদন চুক্তি: {title}")[:9]
        story += score_summary(office_year, breakdown)
        story.append(score_chart(office_year, quarter, content_width("portrait")))
    else:
        title = "বার্ষিক কর্মসম্পাদন চুক্তি"
        story = cover_page(office_year) + switch_to("portrait")[1:] + contents(numbers) + switch_to("portrait")[1:]
        story += mark("overview", overview(office_year)) + mark("preamble", preamble(office_year))
        story += [signatures(office_year)]
        story += switch_to("portrait")[1:] + mark("section1", section1(office_year))
        story += switch_to("landscape") + mark("section2", section2(office_year))
    story += switch_to("landscape")
    story += mark("section3", plan_table(office_year.section3, office_year.fiscal_year,
                                         breakdown.plans.get("section3") if report else None, quarter))
    if not report:
        story += switch_to("portrait") + mark("annex1", annex1(office_year)) + mark("annex2", annex2(office_year))
        story += mark("annex3", annex3(office_year))
    for index, kind in enumerate(annex_kinds(office_year)):
        annex = _annex_story(office_year, kind, breakdown, quarter)
        story += switch_to("landscape") + (mark("annexes", annex) if index == 0 else annex)
    if report:
        story += switch_to("portrait") + evidence_list(office_year, quarter) + [signatures(office_year)]
    return _build(office_year, story, title, numbers)


def annex_pdf(office_year: OfficeYear, kind: str, quarter: int | None = None) -> bytes:
    """One annex plan (``nis``, ``egov``, ``grs``, ``charter``, ``rti``) on its own; with
    ``quarter``, with its achievements and obtained marks up to that quarter."""
    if kind not in annex_kinds(office_year):
        raise ValueError(f"{office_year.office.id} {office_year.fiscal_year} has no annex {kind!r}")
    breakdown = score_office_year(office_year, quarter) if quarter is not None else None
    story = [*_annex_story(office_year, kind, breakdown, quarter), signatures(office_year)]
    title = f"সংযোজনী {ANNEX_NUMBERS[kind]}"
    if quarter is not None:
        title += f": {quarter_title(quarter)}"
    return _build(office_year, story, title, first_page="landscape")


def register_pdf(office_year: OfficeYear, kind: str) -> bytes:
    """One register (``innovations``, ``enothi``, ``fourir``, ``innovation_progress``) as printed."""
    if kind not in register_kinds(office_year):
        raise ValueError(f"{office_year.office.id} {office_year.fiscal_year} has no register {kind!r}")
    return _build(office_year, register_story(office_year, kind), REGISTER_TITLES[kind],
                  first_page=ORIENTATION[kind])


def document_pdf(office_year: OfficeYear, quarter: int | None = None, part: str | None = None) -> bytes:
    """What the export dialog and ``export-pdf`` write: the APA or the quarter's report (``part``
    None), one annex plan (``part`` an annex kind), or one register (a register kind; it has no
    quarter)."""
    if part is None:
        return apa_pdf(office_year, quarter)
    if part in REGISTER_KINDS:
        return register_pdf(office_year, part)
    return annex_pdf(office_year, part, quarter)
