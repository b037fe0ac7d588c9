"""Registers: innovation database, e-Nothi worksheet, 4IR plan, innovation-plan progress report."""

from __future__ import annotations

import re
from datetime import date

from ..model import (
    BranchFiles,
    EnothiSummary,
    EnothiWorksheet,
    FourIRAction,
    InnovationProgressReport,
    InnovationProgressRow,
    InnovationRecord,
    Registers,
)
from ..numerals import to_ascii_digits
from ..vocabulary import Unit
from .blocks import Row
from .headers import unit_of
from .problems import Reader, clean, squash

SUMMARY_FIELDS = ("dak_received", "dak_disposed", "dak_pending", "note_self", "note_from_dak", "note_disposed",
                  "note_office", "note_other", "note_email_other", "note_total", "note_pending", "vacant_dak",
                  "vacant_note")
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _cells(row: Row, width: int) -> list[str]:
    cells = [clean(c) for c in row.cells]
    return cells + [""] * (width - len(cells))


def iso_date(text: str) -> date | None:
    """A yyyy-mm-dd date as printed by e-Nothi (Bengali or ASCII digits)."""
    match = ISO.search(to_ascii_digits(text))
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    except ValueError:
        return None


def add_innovation(records: list[InnovationRecord], row: Row, reader: Reader) -> None:
    """A database row; a row without a serial continues the previous one (split over a page)."""
    c = _cells(row, 7)
    if not c[0] and records:
        last = records[-1]
        for name, text in zip(("name", "description", "working", "users_benefit", "link", "remark"), c[1:7]):
            if text:
                setattr(last, name, f"{getattr(last, name)} {text}".strip())
        return
    records.append(InnovationRecord(serial=c[0], name=c[1], description=c[2], working=c[3],
                                    users_benefit=c[4], link=c[5], remark=c[6]))


def add_branch(sheet: EnothiWorksheet, row: Row, reader: Reader) -> None:
    c = _cells(row, 4)
    if not c[0] and "মোট" in c[1]:
        sheet.stated_hard_total = reader.number(c[2], row.line, 2)
        return
    sheet.branches.append(BranchFiles(serial=c[0], branch=c[1], hard_files=reader.number(c[2], row.line, 2),
                                      signature=c[3]))


def add_summary(sheet: EnothiWorksheet, row: Row, reader: Reader) -> None:
    c = [clean(x) for x in row.cells]
    c += [""] * (3 + len(SUMMARY_FIELDS) - len(c))
    summary = EnothiSummary(office=c[0], users=reader.number(c[1], row.line, 1), last_update=iso_date(c[2]))
    if c[2] and summary.last_update is None:
        reader.problem(row.line, 2, c[2], "তারিখ (বছর-মাস-দিন)", "a date (yyyy-mm-dd)")
    for i, name in enumerate(SUMMARY_FIELDS):
        setattr(summary, name, reader.number(c[3 + i], row.line, 3 + i))
    extra = c[3 + len(SUMMARY_FIELDS):]
    if any(extra):
        summary.unlabelled = [reader.number(x, row.line, 3 + len(SUMMARY_FIELDS) + i) for i, x in enumerate(extra)]
        reader.problem(row.line, 3 + len(SUMMARY_FIELDS), " ".join(extra),
                       "শিরোনামের চেয়ে বেশি কলাম: কোন কলাম কোনটি তা মিলিয়ে দেখুন",
                       "more cells than the header names: check which column is which")
    sheet.summaries.append(summary)


def read_enothi_lines(sheet: EnothiWorksheet, lines: list[tuple[int, str]], reader: Reader) -> None:
    """The worksheet's free text: subject, "... সংখ্যা = ২২৩৬", "= ৬১%" and the summary period."""
    for number, raw in lines:
        text = clean(raw)
        ascii_text = to_ascii_digits(text)
        if text.startswith("বিষয়") and "ই-নথি" in text:
            sheet.subject = re.sub(r"^বিষয়\s*[:ঃ]\s*", "", text).rstrip(":")
        elif "সংখ্যা" in text and "=" in text and "ই-নথি" in text:
            sheet.enothi_count = reader.number(text.split("=")[-1], number, 0)
        elif re.fullmatch(r"\$*\s*=\s*[\d.]+\s*\\?%\s*\$*", ascii_text):
            sheet.stated_rate = reader.number(re.sub(r"[^\d.]", "", ascii_text), number, 0)
        elif "কার্যবিবরণী" in text:
            dates = ISO.findall(ascii_text)
            if len(dates) == 2:
                sheet.period_start, sheet.period_end = (date(*map(int, d)) for d in dates)


def add_fourir(actions: list[FourIRAction], row: Row, reader: Reader) -> None:
    c = _cells(row, 8)
    unit = str(unit_of(c[3]) or Unit.DATE)
    if c[3] and unit_of(c[3]) is None:
        reader.problem(row.line, 3, c[3], "একক (তারিখ, সংখ্যা)", "a unit (তারিখ, সংখ্যা)")
    targets = []
    for col in (4, 5):
        value = reader.value(c[col], unit, row.line, col) if c[col] not in ("--",) else None
        targets.append(value)
    actions.append(FourIRAction(indicator=c[0], subject=c[1], activity=c[2], unit=unit, targets=targets,
                                implementer=c[6], remark=c[7]))


def add_progress(report: InnovationProgressReport, row: Row, reader: Reader) -> None:
    c = _cells(row, 9)
    report.rows.append(InnovationProgressRow(
        serial=c[0], subject=c[1], proposed_work=c[2], start=reader.value(c[3], "date", row.line, 3),
        end=reader.value(c[4], "date", row.line, 4), responsible=c[5], expected_result=c[6], measure=c[7],
        progress=c[8]))


def progress_report(registers: Registers, headings: list[str]) -> InnovationProgressReport:
    """The report the rows belong to: a new one when its title is printed, else the last one."""
    title = next((h for h in headings if "অগ্রগতি" in h and "কর্মপরিকল্পনা" in h), "")
    if registers.innovation_progress and not title:
        return registers.innovation_progress[-1]
    office = ""
    if title:
        i = headings.index(title)
        office = headings[i - 1] if i else ""
    period = next((h for h in headings if squash(h).startswith("বাস্তবায়নকাল")), "")
    report = InnovationProgressReport(title=title, office=office,
                                      period=re.sub(r"^বাস্তবায়নকাল\s*[:ঃ]\s*", "", period))
    registers.innovation_progress.append(report)
    return report


