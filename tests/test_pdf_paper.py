"""Everything printed lies on the paper, and pages break as a person would, for every export kind
of every demo office-year, of office-years made from every shipped template with every indicator
filled, and of generated plans with many columns and long titles."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from reportlab.platypus import Paragraph, Spacer, Table

from apa_desktop.core.demo import demo_office_years
from apa_desktop.core.model import (
    Activity,
    Area,
    BranchFiles,
    CountDate,
    EnothiSummary,
    EnothiWorksheet,
    FourIRAction,
    Indicator,
    InnovationProgressReport,
    InnovationProgressRow,
    InnovationRecord,
    Office,
    OfficeYear,
    PlanColumns,
    Registers,
    annex_kinds,
    register_kinds,
)
from apa_desktop.core.templates import load_templates, new_office_year
from apa_desktop.export.pdf import document_pdf
from apa_desktop.export.pdf import styles as pdf_styles
from apa_desktop.export.pdf.signatures import SignatureBlocks
from apa_desktop.export.pdf.styles import HEADINGS
from apa_desktop.export.pdf.tables import Grid
from tests.factories import make_office_year
from tests.pdf_checks import off_paper

pytest.importorskip("pypdfium2")


def export_kinds(office_year: OfficeYear) -> list[tuple[int | None, str | None]]:
    """(quarter, part) of every export a person can make of ``office_year``: the APA, each
    quarter's report, each annex alone (plan and Q3 report), each register."""
    kinds: list[tuple[int | None, str | None]] = [(None, None), *((q, None) for q in range(1, 5))]
    kinds += [(q, kind) for kind in annex_kinds(office_year) for q in (None, 3)]
    kinds += [(None, kind) for kind in register_kinds(office_year)]
    return kinds


REMARK = ("প্রমাণক সংযুক্ত: অফিস আদেশ নং ৫৬.০০.০০০০.০৪৫.১৮.০০১.২২-১২৩৪, সভার কার্যবিবরণী, "
          "উপস্থিতির তালিকা ও ছবি; বিস্তারিত https://khulna.gov.bd/site/notices/2b3c4d5e-annual-report")


def _filled(office_year: OfficeYear) -> OfficeYear:
    """Every indicator (Section 3, Annexes 4-8) with an achievement in every quarter and a long
    remark, figures as wide as offices type them (১২,৩৪৫.৬৭; several dates), and every register."""
    office_year = copy.deepcopy(office_year)
    start = int(office_year.fiscal_year[:4])
    for plan in office_year.plans():
        for area in plan.areas:
            for activity in area.activities:
                for ind in activity.indicators:
                    if ind.feeds_from:
                        continue
                    ind.quarters = [_value(ind.unit, start, q) for q in range(4)]
                    ind.quarter_remarks = [REMARK] * 4
    for section in office_year.nis.sections:
        for activity in section.activities:
            activity.achievements = [_value(activity.unit, start, q) for q in range(4)]
            activity.remark = REMARK
    if not any(register_kinds(office_year)):
        office_year.registers = _registers(start)
    office_year.report_quarter = 4
    return office_year


def _value(unit: str, start: int, quarter: int) -> object:
    day = dt.date(start, 7, 1) + dt.timedelta(days=91 * quarter + 20)
    days = tuple(day + dt.timedelta(days=7 * k) for k in range(4))
    return {"percent": 87.35, "date": day, "count_date": CountDate(12.0, days)}.get(unit, 12345.67 + quarter)


def _registers(start: int) -> Registers:
    """Every register filled as an office would: long names, links, a 17-column e-Nothi summary."""
    day = dt.date(start, 10, 15)
    innovations = [InnovationRecord(str(i), f"অনলাইনে আবেদন গ্রহণ ও নিষ্পত্তি সেবা সহজিকরণ {i}", LONG, "হ্যাঁ",
                                    "হ্যাঁ, নিয়মিত ফলাফল পাচ্ছেন", UNBREAKABLE, REMARK) for i in range(1, 13)]
    summary = EnothiSummary("প্রধান কার্যালয়, অনেক লম্বা নামের শাখা", 1234.0, day, *([98765.0] * 12))
    branches = [BranchFiles(str(i), f"প্রশাসন ও অর্থ শাখা {i}", 1234.0 + i, "স্বাক্ষরিত") for i in range(1, 16)]
    enothi = EnothiWorksheet(LONG, day, day + dt.timedelta(days=90), branches, 18600.0, 45678.0, 61.0, [summary] * 3)
    fourir = [FourIRAction(f"[১.{i}]", LONG, f"চতুর্থ শিল্প বিপ্লবের চ্যালেঞ্জ মোকাবিলায় কর্মশালা {i}", "date",
                           [day, day + dt.timedelta(days=30)], "প্রোগ্রামার, আইসিটি শাখা", REMARK) for i in range(1, 9)]
    progress = InnovationProgressReport("উদ্ভাবনী কর্মপরিকল্পনা বাস্তবায়ন অগ্রগতি প্রতিবেদন", "নতুন অফিস", "জানুয়ারি-জুন",
                                        [InnovationProgressRow(str(i), LONG, LONG, day, day + dt.timedelta(days=60),
                                                               "সহকারী পরিচালক (প্রশাসন)", LONG, "সংখ্যা", REMARK)
                                         for i in range(1, 10)])
    return Registers(innovations, enothi, fourir, [progress])


def _from_every_template() -> list[OfficeYear]:
    out = []
    for year, tier in sorted({(t.fiscal_year, t.tier) for t in load_templates()}):
        office = Office(id=f"new-{tier}", name="নতুন অফিস, উপজেলা কার্যালয়, অনেক লম্বা নামের জেলা",
                        tier="head_office" if tier == "head_office" else "district", address="সদর রোড, জেলা শহর")
        out.append(_filled(new_office_year(office, year)))
    return out


LONG = ("সরকারি দপ্তরে দক্ষতা, দ্রুত সিদ্ধান্ত ও ইলেকট্রনিক ব্যবস্থাপনা প্রবর্তনের লক্ষ্যে ডি-নথি বিষয়ক "
        "অনলাইন/ক্ষেত্রবিশেষে সরাসরি প্রশিক্ষণ আয়োজন এবং আওতাধীন অফিসসমূহের অংশগ্রহণ নিশ্চিতকরণ")
UNBREAKABLE = "https://www.dte.gov.bd/site/page/innovation-showcasing-2023-24-all-institutes-report"


def _wide() -> OfficeYear:
    """Section 3 and an annex with every optional column, long titles and unbreakable words."""
    office_year = _filled(make_office_year(3, areas=3, indicators_per_area=3))
    office_year.office.name = "তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, " * 3 + "জেলা কার্যালয়"
    for plan in (office_year.section3, office_year.annexes["grs"]):
        plan.columns = PlanColumns(serial=True, area=True, method=True, prev_actuals=True, projections=True,
                                   prev_years=("২০২০-২১", "২০২১-২২"), projection_years=("২০২৩-২৪", "২০২৪-২৫"))
        for area in plan.areas:
            area.title = f"{LONG} {area.title}"
            for activity in area.activities:
                activity.title = f"{activity.title} {LONG}"
                for ind in activity.indicators:
                    ind.title = f"{ind.title} {UNBREAKABLE}"
                    ind.remark = f"বিস্তারিত: {UNBREAKABLE}/{UNBREAKABLE}"
                    ind.method = ind.method or "cumulative"
    many = [Indicator(code=f"9.{i}.1", title=f"{LONG} {i}", unit="count", weight=1.0, method="sum",
                      levels=[10.0, 9.0, 8.0, 7.0, 6.0], quarters=[1.0, 2.0, 3.0, 4.0]) for i in range(1, 40)]
    office_year.section3.areas.insert(0, Area(code="9", title=LONG, weight=10.0, activities=[
        Activity(code=f"9.{i}", title=LONG, serial=str(i), indicators=[ind]) for i, ind in enumerate(many, 1)]))
    return office_year


def _cases() -> list[tuple[str, OfficeYear, int | None, str | None]]:
    years = [*demo_office_years(), *_from_every_template(), _wide()]
    return [(f"{oy.office.id}-{oy.fiscal_year}-{part or 'apa'}-q{quarter or 0}", oy, quarter, part)
            for oy in years for quarter, part in export_kinds(oy)]


CASES = _cases()


@pytest.fixture
def layout(monkeypatch):
    """What each page holds, in drawing order: (page, flowable) as ReportLab lays them out."""
    drawn: list[tuple[int, object]] = []
    original = pdf_styles.ApaDocTemplate.afterFlowable

    def record(doc, flowable):
        drawn.append((doc.page, flowable))
        original(doc, flowable)

    monkeypatch.setattr(pdf_styles.ApaDocTemplate, "afterFlowable", record)
    return drawn


def _paragraphs(cell: object) -> list[Paragraph]:
    """The paragraphs of a table cell (ReportLab keeps a laid-out cell as a tuple of flowables)."""
    if isinstance(cell, Paragraph):
        return [cell]
    if isinstance(cell, list | tuple):
        return [p for item in cell for p in _paragraphs(item)]
    return []


def _data_rows(part: Grid) -> int:
    rows = range(part.repeatRows, len(part._cellvalues) - part.total_rows)
    return sum(1 for r in rows if r not in part.section_rows)


def break_rule_violations(drawn: list[tuple[int, object]]) -> list[str]:
    """Pages that end in a heading; table parts with fewer than two data rows where the table was
    broken; signature blocks on another page than the rows they certify."""
    found = []
    last_on_page: dict[int, object] = {}
    for page, flowable in drawn:
        if isinstance(flowable, Paragraph | Table):
            last_on_page[page] = flowable
    pages = sorted(last_on_page)
    for page in pages[:-1]:
        last = last_on_page[page]
        if isinstance(last, Paragraph) and last.style.name in HEADINGS:
            found.append(f"page {page} ends with the heading {last.text[:40]!r}")
    tables: dict[tuple, list[tuple[int, Grid]]] = {}
    for page, flowable in drawn:
        if isinstance(flowable, Grid):  # the parts of one broken table share header cells and widths
            key = (id(_paragraphs(flowable._cellvalues[0][0])[0]), tuple(round(w, 2) for w in flowable._colWidths))
            tables.setdefault(key, []).append((page, flowable))
    for parts in tables.values():
        if len(parts) > 1:
            found += [f"page {page}: a broken table's part with {_data_rows(part)} data row(s)"
                      for page, part in parts if _data_rows(part) < 2]
    for index, (page, flowable) in enumerate(drawn):
        if not isinstance(flowable, SignatureBlocks):
            continue
        before = index - 1  # past the notes under the table
        while before >= 0 and (isinstance(drawn[before][1], Spacer) or _is_note(drawn[before][1])):
            before -= 1
        if before >= 0 and isinstance(drawn[before][1], Grid) and drawn[before][0] != page:
            found.append(f"page {page}: signatures without the last rows they certify (page {drawn[before][0]})")
    return found


def _is_note(flowable: object) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name == "small"


@pytest.mark.parametrize("name, office_year, quarter, part", CASES, ids=[c[0] for c in CASES])
def test_everything_lies_on_the_paper_and_pages_break_as_a_person_would(name, office_year, quarter, part, layout):
    pdf = document_pdf(office_year, quarter, part)
    outside = off_paper(pdf)
    assert not outside, f"{len(outside)} objects off the paper, first: {outside[0]}"
    assert not break_rule_violations(layout)


def _texts(table: Grid) -> set[str]:
    return {p.text for row in table._cellvalues for c in row for p in _paragraphs(c)}


def test_the_generated_wide_plan_is_printed_in_bands_with_its_code_column_repeated(layout):
    pdf = document_pdf(_wide(), 3, None)
    bands = [f for _, f in layout if isinstance(f, Grid) and any("[৯.১.১]" in t for t in _texts(f))]
    assert len({len(b._colWidths) for b in bands}) >= 2  # two bands of columns, each with the indicator codes
    assert any("মন্তব্য" in _texts(b) for b in bands) and any("কার্যক্রম" in _texts(b) for b in bands)
    assert not off_paper(pdf)
