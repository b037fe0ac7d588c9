"""A whole document (seed-style text) -> an :class:`OfficeYear`: its tables and its free text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..model import EnothiWorksheet, NisPlan, Office, OfficeYear, Plan
from .blocks import Block, split_blocks
from .headers import header_length, is_numbering_row, plan_kind, quarter_of, table_kind
from .nis import NisBuilder, finish_nis, is_nis_data, nis_layout
from .plans import PlanBuilder, finish_plan, is_plan_data, plan_layout, read_plan_rows
from .problems import ImportProblem, Reader, clean
from .registers import (
    add_branch,
    add_fourir,
    add_innovation,
    add_progress,
    add_summary,
    progress_report,
    read_enothi_lines,
)
from .sections import add_section_rows
from .text import read_free_text

YEARS = re.compile(r"[০-৯0-9]{4}\s*-\s*[০-৯0-9]{2,4}")


@dataclass
class ImportResult:
    office_year: OfficeYear
    problems: list[ImportProblem] = field(default_factory=list)


def import_document(text: str, office: Office, fiscal_year: str) -> ImportResult:
    """Read every table (and the cover, overview, preamble, Section 1, signatures) of ``text``."""
    text = unicodedata.normalize("NFC", text)
    office_year = OfficeYear(office=office, fiscal_year=fiscal_year)
    reader = Reader()
    blocks, trailing = split_blocks(text)
    state = _State(office_year, reader)
    for block in blocks:
        state.add_block(block)
    for plan in office_year.plans():
        finish_plan(plan)
    if office_year.nis.sections:
        finish_nis(office_year.nis)
    if office_year.registers.enothi is not None:
        lines = [h for b in blocks for h in b.headings] + trailing
        read_enothi_lines(office_year.registers.enothi, lines, reader)
    read_free_text(office_year, text)
    return ImportResult(office_year, reader.problems)


class _State:
    """What the tables read so far have opened: the current plan and its carry-down state."""

    def __init__(self, office_year: OfficeYear, reader: Reader) -> None:
        self.office_year, self.reader = office_year, reader
        self.plan_kind: str | None = None
        self.builder: PlanBuilder | None = None
        self.previous = ""

    def add_block(self, block: Block) -> None:
        headings = [clean(h).lstrip("+ ") for _, h in block.headings]
        kind = table_kind(block)
        quarter = next((quarter_of(h) for h in headings if "ত্রৈমাসিক" in h and quarter_of(h)), None)
        if quarter and self.office_year.report_quarter is None:
            self.office_year.report_quarter = quarter
        if kind == "plan":
            self._plan(block, headings)
        elif kind == "nis":
            self._nis(block, headings)
        elif kind in ("outcomes", "acronyms", "evidence", "linked"):
            add_section_rows(self.office_year, kind, _body(block), self.reader)
        elif kind in ("innovations", "enothi_branches", "enothi_summary", "fourir", "innovation_progress"):
            self._register(kind, block, headings)
        elif kind == "unknown":
            row = block.rows[0]
            self.reader.problem(row.line, -1, "\t".join(row.cells)[:200], "চেনা যায় এমন সারণির শিরোনাম",
                                "a table header this importer knows (plan, NIS, annex, register)")
        self.previous = kind

    def _plan(self, block: Block, headings: list[str]) -> None:
        kind = plan_kind(headings, self.plan_kind if self.previous == "plan" else None)
        n = header_length(block, is_plan_data)
        if self.office_year.report_quarter is None:
            self.office_year.report_quarter = next(
                (quarter_of(c) for r in block.rows[:n] for c in r.cells if "ত্রৈমাসিক" in c and quarter_of(c)), None)
        layout = plan_layout(block.rows[:n], self.office_year.report_quarter)
        if kind == "section3":
            plan = self.office_year.section3
        else:
            plan = self.office_year.annexes.setdefault(kind, Plan(kind=kind))
        if kind != self.plan_kind or self.builder is None or self.builder.plan is not plan:
            plan.kind = kind
            plan.title = plan.title or _title(headings, kind)
            plan.columns = layout.columns()
            self.builder = PlanBuilder(plan, layout, self.reader)
        else:
            self.builder.layout = layout
        self.plan_kind = kind
        read_plan_rows(self.builder, block.rows[n:])

    def _nis(self, block: Block, headings: list[str]) -> None:
        nis: NisPlan = self.office_year.nis
        n = header_length(block, is_nis_data)
        layout = nis_layout(block.rows[:n])
        nis.title = nis.title or next((h for h in headings if "শুদ্ধাচার" in h), "")
        label = next((h for h in headings if "কার্যালয়ের নাম" in h), "")
        nis.office_label = nis.office_label or label.split(":", 1)[-1].strip()
        nis.year_label = nis.year_label or layout.year_label
        builder = NisBuilder(nis, layout, self.reader)
        for row in block.rows[n:]:
            builder.add_row(row)

    def _register(self, kind: str, block: Block, headings: list[str]) -> None:
        registers = self.office_year.registers
        rows = _body(block)
        if kind in ("enothi_branches", "enothi_summary") and registers.enothi is None:
            registers.enothi = EnothiWorksheet()
        report = progress_report(registers, headings) if kind == "innovation_progress" else None
        for row in rows:
            if not any(clean(c) for c in row.cells):
                continue
            if kind == "innovations":
                add_innovation(registers.innovations, row, self.reader)
            elif kind == "enothi_branches" and registers.enothi is not None:
                add_branch(registers.enothi, row, self.reader)
            elif kind == "enothi_summary" and registers.enothi is not None:
                add_summary(registers.enothi, row, self.reader)
            elif kind == "fourir":
                add_fourir(registers.fourir, row, self.reader)
            elif report is not None:
                add_progress(report, row, self.reader)


def _body(block: Block) -> list:
    """The rows after the header: after a numbering row if there is one, else after the first
    row and any second header row of words or years."""
    numbering = [i for i, row in enumerate(block.rows[:4]) if is_numbering_row(row)]
    if numbering:
        return block.rows[numbering[0] + 1:]
    rows = block.rows[1:]
    while rows and not clean(rows[0].cells[0]) and _is_header_row(rows[0]):
        rows = rows[1:]
    return rows


def _is_header_row(row) -> bool:
    """A second header row: words or year ranges only ("শুরুর তারিখ", "২০২৩-২০২৪")."""
    cells = [clean(c) for c in row.cells if clean(c)]
    return bool(cells) and all(YEARS.fullmatch(c) or not re.search(r"[০-৯0-9]", c) for c in cells)


def _title(headings: list[str], kind: str) -> str:
    keys = {"section3": "পরিকল্পনা", "egov": "ই-গভর্ন্যান্স", "grs": "অভিযোগ", "charter": "প্রতিশ্রুতি",
            "rti": "তথ্য অধিকার"}
    return next((h for h in reversed(headings) if keys[kind] in h), "")

