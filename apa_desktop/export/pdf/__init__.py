"""The printed APA and progress reports as PDF (ReportLab, shaped Bengali, APA Sans embedded).

- :func:`apa_pdf`: the full APA (cover, contents, overview, preamble, Sections 1-3, Annexes 1-8);
  with ``quarter`` it is the progress report for that quarter (achievement columns, score
  summary, evidence list); ``quarter=4`` is the annual self-evaluation.
- :func:`annex_pdf`: one annex plan on its own.
- :func:`register_pdf`: one register of the e-governance plan (innovations, e-Nothi, 4IR, progress).
Every PDF embeds the office-year's interchange JSON (:func:`extract_embedded_document`).
"""

from __future__ import annotations

import datetime as dt
import io

from ...core import interchange
from ...core.model import REGISTER_KINDS, OfficeYear, annex_kinds, register_kinds
from ...core.numerals import format_date, quarter_title, to_bengali_digits
from ...core.scoring import Breakdown, score_office_year
from ...core.vocabulary import ANNEX_NUMBERS
from ..interchange_file import ATTACHMENT_NAME, embedded_json, extract_embedded_document
from .attachment import attach_json
from .charts import score_chart
from .keeping import keep_rules
from .labels import labels
from .letterhead import letterhead, office_line, report_period
from .nis import nis_table
from .pagerefs import PageNumbers, mark
from .plans import plan_table
from .registers import ORIENTATION, REGISTER_TITLES, register_story
from .report import evidence_list, score_summary
from .sections import (
    annex1,
    annex2,
    annex3,
    apa_signatures,
    contents,
    cover_page,
    overview,
    preamble,
    section1,
    section2,
)
from .signatures import SignatureBlocks, define_destinations, signatures
from .styles import ApaDocTemplate, content_width, para, switch_to

__all__ = [
    "ATTACHMENT_NAME",
    "annex_pdf",
    "apa_pdf",
    "document_pdf",
    "embedded_json",
    "extract_embedded_document",
    "register_pdf",
]


def _build(office_year: OfficeYear, story: list[object], title: str,
           page_numbers: PageNumbers | None = None, first_page: str = "portrait") -> bytes:
    buffer = io.BytesIO()
    footer = f"{office_year.office.name} · {to_bengali_digits(office_year.fiscal_year)} · {title}"
    doc = ApaDocTemplate(buffer, footer=footer, title=title, author=office_year.office.name,
                         page_numbers=page_numbers, first_page=first_page)
    payload = interchange.dumps(office_year).encode("utf-8")
    doc.on_first_page = lambda canvas: attach_json(canvas, payload)
    doc.before_save.append(define_destinations)
    doc.build(keep_rules(story))
    return buffer.getvalue()


def report_signatures(office_year: OfficeYear, orientation: str = "portrait") -> SignatureBlocks:
    """A report's or register's signatures: the preparer's (left) and the office head's (right),
    dated the day it is printed."""
    cover = office_year.cover
    preparer = cover.preparer or type(cover.office_signatory)()
    return signatures([(preparer, "preparer"), (cover.office_signatory, "office_head")],
                      format_date(dt.date.today()), orientation)


def _annex_story(office_year: OfficeYear, kind: str, breakdown: Breakdown | None, quarter: int | None) -> list[object]:
    if kind == "nis":
        result = breakdown.nis if breakdown is not None else None
        return nis_table(office_year.nis, office_year.fiscal_year, labels(office_year, "nis", office_year.nis.template_id),
                         office_year.office.name, result)
    plan = office_year.annexes[kind]
    result = breakdown.plans.get(kind) if breakdown is not None else None
    return plan_table(plan, office_year.fiscal_year, labels(office_year, kind, plan.template_id), result, quarter)


def _section3(office_year: OfficeYear, breakdown: Breakdown | None, quarter: int | None) -> list[object]:
    plan = office_year.section3
    result = breakdown.plans.get("section3") if breakdown is not None else None
    return plan_table(plan, office_year.fiscal_year, labels(office_year, "section3", plan.template_id), result, quarter)


def summary_page(office_year: OfficeYear, breakdown: Breakdown) -> list[object]:
    """The report's first page: letterhead, office, period, and the score summary. A chart of the
    scores belongs right after the summary: append it to what this returns."""
    quarter = breakdown.quarter or 4
    return [*letterhead(office_year), office_line(office_year),
            para(report_period(office_year.fiscal_year, quarter), "h2c"), *score_summary(office_year, breakdown)]


def _report(office_year: OfficeYear, quarter: int) -> tuple[list[object], str]:
    breakdown = score_office_year(office_year, quarter)
    story = summary_page(office_year, breakdown)
    story.append(score_chart(office_year, quarter, content_width("portrait")))
    story += switch_to("landscape") + [office_line(office_year)] + _section3(office_year, breakdown, quarter)
    for kind in annex_kinds(office_year):
        story += switch_to("landscape") + [office_line(office_year)] + _annex_story(office_year, kind, breakdown, quarter)
    evidence = evidence_list(office_year, quarter)
    if evidence:
        story += switch_to("portrait") + evidence + [report_signatures(office_year)]
    else:  # the signatures under the last table rather than alone on a page
        story.append(report_signatures(office_year, "landscape"))
    return story, quarter_title(quarter)


def _apa(office_year: OfficeYear, numbers: PageNumbers) -> list[object]:
    parts = [("overview", overview(office_year)), ("preamble", preamble(office_year))]
    printed = {key for key, flowables in parts if len(flowables) > 1}
    provisional = labels(office_year, "section3", office_year.section3.template_id)["provisional_note"]
    printed |= {"section1", "section2", "section3", "annex1", "annex2", "annex3"}
    kinds = annex_kinds(office_year)
    if kinds:
        printed.add("annexes")
    story = cover_page(office_year) + switch_to("portrait") + contents(numbers, printed) + switch_to("portrait")
    for key, flowables in parts:
        if key in printed:
            story += mark(key, flowables)
    if "preamble" in printed:  # the parties sign the preamble too; without one, the cover's suffice
        story += [apa_signatures(office_year)]
    story += switch_to("portrait") + mark("section1", section1(office_year))
    story += switch_to("landscape") + mark("section2", section2(office_year, provisional))
    story += switch_to("landscape") + mark("section3", _section3(office_year, None, None))
    story += switch_to("portrait") + mark("annex1", annex1(office_year)) + mark("annex2", annex2(office_year))
    story += mark("annex3", annex3(office_year))
    for index, kind in enumerate(kinds):
        annex = _annex_story(office_year, kind, None, None)
        if kind == "nis":
            annex.append(signatures([(office_year.cover.office_signatory, "office_head")],
                                    format_date(office_year.cover.signing_date) if office_year.cover.signing_date else "",
                                    "landscape"))
        story += switch_to("landscape") + (mark("annexes", annex) if index == 0 else annex)
    return story


def apa_pdf(office_year: OfficeYear, quarter: int | None = None) -> bytes:
    """The full APA, or (with ``quarter``) the progress report up to that quarter."""
    if quarter is not None:
        story, title = _report(office_year, quarter)
        return _build(office_year, story, title)
    numbers = PageNumbers()
    return _build(office_year, _apa(office_year, numbers), "বার্ষিক কর্মসম্পাদন চুক্তি", numbers)


def annex_pdf(office_year: OfficeYear, kind: str, quarter: int | None = None) -> bytes:
    """One annex plan (``nis``, ``egov``, ``grs``, ``charter``, ``rti``) on its own; with
    ``quarter``, with its achievements and obtained marks up to that quarter."""
    if kind not in annex_kinds(office_year):
        raise ValueError(f"{office_year.office.id} {office_year.fiscal_year} has no annex {kind!r}")
    breakdown = score_office_year(office_year, quarter) if quarter is not None else None
    head = [*letterhead(office_year), office_line(office_year)]
    if quarter is not None:
        head.append(para(report_period(office_year.fiscal_year, quarter), "h2c"))
    story = [*head, *_annex_story(office_year, kind, breakdown, quarter), report_signatures(office_year, "landscape")]
    title = f"সংযোজনী {ANNEX_NUMBERS[kind]}"
    if quarter is not None:
        title += f": {quarter_title(quarter)}"
    return _build(office_year, story, title, first_page="landscape")


def register_pdf(office_year: OfficeYear, kind: str) -> bytes:
    """One register (``innovations``, ``enothi``, ``fourir``, ``innovation_progress``) as printed."""
    if kind not in register_kinds(office_year):
        raise ValueError(f"{office_year.office.id} {office_year.fiscal_year} has no register {kind!r}")
    story = [*register_story(office_year, kind), report_signatures(office_year, ORIENTATION[kind])]
    return _build(office_year, story, REGISTER_TITLES[kind], first_page=ORIENTATION[kind])


def document_pdf(office_year: OfficeYear, quarter: int | None = None, part: str | None = None) -> bytes:
    """What the export dialog and ``export-pdf`` write: the APA or the quarter's report (``part``
    None), one annex plan (``part`` an annex kind), or one register (a register kind; it has no
    quarter)."""
    if part is None:
        return apa_pdf(office_year, quarter)
    if part in REGISTER_KINDS:
        return register_pdf(office_year, part)
    return annex_pdf(office_year, part, quarter)
