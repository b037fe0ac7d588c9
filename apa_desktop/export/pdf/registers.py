"""The registers of the e-governance plan as printed (seeds 002 and 004): the database of
innovations and simplified services, the e-Nothi disposal-rate worksheet with its computed rate,
the 4IR action plan, and the older innovation-plan progress reports.

Headings and column titles are those of the forms; figures have Bengali digits. The e-Nothi
rate is the one the core computes from the branches' counts, printed beside the rate the office
stated; the e-Nothi activity summary (কার্যবিবরণী) follows the worksheet."""

from __future__ import annotations

from reportlab.platypus import Spacer

from ...core.model import EnothiSummary, OfficeYear
from ...core.numerals import format_date, format_number, format_value, to_bengali_digits
from ...core.scoring import enothi_hard_files, enothi_rate
from .letterhead import letterhead
from .styles import UNITS_BN, cell, content_width, para
from .tables import simple_grid

REGISTER_TITLES = {
    "innovations": "ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবার ডাটাবেজ",
    "enothi": "ই-নথিতে ডাক ও নোট নিষ্পত্তির হার",
    "fourir": "চতুর্থ শিল্প বিপ্লবের চ্যালেঞ্জ মোকাবেলায় কর্মপরিকল্পনা",
    "innovation_progress": "উদ্ভাবন কর্মপরিকল্পনার অগ্রগতি প্রতিবেদন",
}
"""Each register's title (the kinds are ``core.model.REGISTER_KINDS``)."""

ORIENTATION = {"innovations": "landscape", "enothi": "portrait", "fourir": "landscape",
               "innovation_progress": "landscape"}


def register_story(office_year: OfficeYear, kind: str) -> list[object]:
    """The heading and tables of one register."""
    return {"innovations": _innovations, "enothi": _enothi, "fourir": _fourir,
            "innovation_progress": _innovation_progress}[kind](office_year)


def _heading(office_year: OfficeYear, kind: str) -> list[object]:
    return [*letterhead(office_year), para(REGISTER_TITLES[kind], "h1")]


def _innovations(office_year: OfficeYear) -> list[object]:
    head = ("ক্রমিক নং", "ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/আইডিয়ার নাম",
            "সেবা/আইডিয়ার সংক্ষিপ্ত বিবরণ", "সেবা/আইডিয়াটি কার্যকর আছে কি-না/ না থাকলে কারণ",
            "সেবা গ্রহীতাগণ প্রত্যাশিত ফলাফল পাচ্ছে কি-না", "সেবার লিংক", "মন্তব্য")
    rows: list[list[object]] = [[cell(h, "head") for h in head]]
    rows += [[cell(r.serial, "cellc"), cell(r.name), cell(r.description), cell(r.working, "cellc"),
              cell(r.users_benefit, "cellc"), cell(r.link), cell(r.remark)] for r in office_year.registers.innovations]
    return _heading(office_year, "innovations") + simple_grid(rows, content_width("landscape"), numbered=True)


def _enothi(office_year: OfficeYear) -> list[object]:
    sheet = office_year.registers.enothi
    assert sheet is not None
    out = _heading(office_year, "enothi")
    if sheet.subject:
        out.append(para(f"বিষয়: {sheet.subject}"))
    elif sheet.period_start and sheet.period_end:
        out.append(para(f"সময়কাল: {format_date(sheet.period_start)} - {format_date(sheet.period_end)}"))
    hard = enothi_hard_files(sheet)
    rows: list[list[object]] = [[cell(h, "head") for h in ("সিরিয়াল নং", "শাখার নাম", "হার্ড ফাইলের সংখ্যা", "স্বাক্ষর")]]
    rows += [[cell(b.serial, "cellc"), cell(b.branch), cell(_number(b.hard_files), "cellc"), cell(b.signature)]
             for b in sheet.branches]
    rows.append([cell(""), cell("সর্বমোট", "head"), cell(format_number(hard), "head"), cell("")])
    room_to_sign = [("TOPPADDING", (0, 1), (-1, -2), 6), ("BOTTOMPADDING", (0, 1), (-1, -2), 6)]
    out += [*simple_grid(rows, content_width("portrait"), commands=room_to_sign, weights=[12, 40, 22, 26]),
            Spacer(1, 10)]
    if sheet.enothi_count is not None:
        count = format_number(sheet.enothi_count)
        out += [para(f"ই-নথিতে ডাক ও নোট নিষ্পত্তির সংখ্যা = {count}"),
                para(f"ই-নথিতে ডাক ও নোট নিষ্পত্তির হার = {count} ÷ ({count} + {format_number(hard)}) × ১০০")]
    rate = enothi_rate(sheet)
    if rate is not None:
        stated = f" (অফিসের উল্লিখিত হার: {format_number(sheet.stated_rate)}%)" if sheet.stated_rate is not None else ""
        out.append(para(f"= {format_number(rate, decimals=2)}% (গণনাকৃত){stated}", "h2"))
    elif sheet.stated_rate is not None:
        out.append(para(f"= {format_number(sheet.stated_rate)}% (অফিসের উল্লিখিত হার)", "h2"))
    for summary in sheet.summaries:
        out += _enothi_summary(sheet, summary)
    return out


SUMMARY_GROUPS = (("ডাক", ("গ্রহণ", "নিষ্পন্ন", "অনিষ্পন্ন")),
                  ("নোট", ("স্ব-উদ্যোগে", "ডাক থেকে", "নিষ্পন্ন", "অফিস", "অন্যান্য", "ইমেইল ও অন্যান্য", "মোট", "অনিষ্পন্ন")),
                  ("কর্মকর্তা বিহীন পদবি", ("ডাক", "নোট")))
"""The e-Nothi activity summary's grouped columns (after office, users and last update), as e-Nothi prints them."""


def _enothi_summary(sheet: object, summary: EnothiSummary) -> list[object]:
    """The office activity table exported from e-Nothi (seed 004's কার্যবিবরণী, 16 columns and any
    unlabelled ones the office's copy had)."""
    values = [summary.dak_received, summary.dak_disposed, summary.dak_pending, summary.note_self,
              summary.note_from_dak, summary.note_disposed, summary.note_office, summary.note_other,
              summary.note_email_other, summary.note_total, summary.note_pending, summary.vacant_dak,
              summary.vacant_note, *summary.unlabelled]
    extra = len(summary.unlabelled)
    top = ["অফিসের নাম", "ব্যবহারকারী", "সর্বশেষ হালনাগাদ"]
    second: list[object] = ["", "", ""]
    commands = [("SPAN", (c, 0), (c, 1)) for c in range(3)]
    for group, names in SUMMARY_GROUPS:
        commands.append(("SPAN", (len(top), 0), (len(top) + len(names) - 1, 0)))
        top += [group] + [""] * (len(names) - 1)
        second += list(names)
    top += [""] * extra
    second += [""] * extra
    header = [[cell(h, "head") if h else "" for h in top], [cell(h, "head") if h else "" for h in second]]
    last = format_value(summary.last_update, "date") if summary.last_update else ""
    row = [cell(summary.office), cell(_number(summary.users), "cellc"), cell(last, "cellc"),
           *[cell(_number(v), "cellc") for v in values]]
    title = f"“{summary.office}” অফিসের কার্যবিবরণী"
    if sheet.period_start and sheet.period_end:
        title += f" ({to_bengali_digits(sheet.period_start.isoformat())} - {to_bengali_digits(sheet.period_end.isoformat())})"
    return [Spacer(1, 8), para(title, "h2"),
            *simple_grid(header + [row], content_width("portrait"), header_rows=2, commands=commands, numbered=True)]


def _fourir(office_year: OfficeYear) -> list[object]:
    head = ("কর্মসম্পাদন সূচক", "বিষয়", "কার্যক্রম", "একক", "লক্ষ্যমাত্রা", "", "বাস্তবায়নকারি", "মন্তব্য")
    rows: list[list[object]] = [[cell(h, "head") for h in head]]
    for action in office_year.registers.fourir:
        targets = [cell(format_value(v, action.unit) if v is not None else "", "cellc") for v in action.targets[:2]]
        rows.append([cell(action.indicator), cell(action.subject), cell(action.activity),
                     cell(UNITS_BN.get(action.unit, action.unit), "cellc"), *targets, cell(action.implementer),
                     cell(action.remark)])
    return _heading(office_year, "fourir") + simple_grid(rows, content_width("landscape"),
                                                          commands=[("SPAN", (4, 0), (5, 0))])


def _innovation_progress(office_year: OfficeYear) -> list[object]:
    out = _heading(office_year, "innovation_progress")
    for report in office_year.registers.innovation_progress:
        out += [para(line, "h2") for line in (report.title, report.office, report.period) if line]
        rows: list[list[object]] = [
            [cell(h, "head") for h in ("ক্রঃ নং", "বিষয়", "প্রস্তাবিত বিষয় (গৃহীতব্য কাজের নাম)", "বাস্তবায়নকাল", "",
                                      "দায়িত্বপ্রাপ্ত কর্মকর্তা", "প্রত্যাশিত ফলাফল", "পরিমাপ", "অগ্রগতি")],
            ["", "", "", cell("শুরুর তারিখ", "head"), cell("সমাপ্তির তারিখ", "head"), "", "", "", ""],
        ]
        rows += [[cell(r.serial, "cellc"), cell(r.subject), cell(r.proposed_work), cell(_date(r.start), "cellc"),
                  cell(_date(r.end), "cellc"), cell(r.responsible), cell(r.expected_result), cell(r.measure),
                  cell(r.progress)] for r in report.rows]
        spans = [("SPAN", (3, 0), (4, 0))] + [("SPAN", (c, 0), (c, 1)) for c in (0, 1, 2, 5, 6, 7, 8)]
        out += simple_grid(rows, content_width("landscape"), header_rows=2, commands=spans, numbered=True)
    return out


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)


def _date(value: object) -> str:
    return "" if value is None else format_value(value, "date")
