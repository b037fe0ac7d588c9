"""The registers of the e-governance plan as printed (seeds 002 and 004): the database of
innovations and simplified services, the e-Nothi disposal-rate worksheet with its computed rate,
the 4IR action plan, and the older innovation-plan progress reports.

Headings and column titles are those of the forms; figures have Bengali digits. The e-Nothi
rate is the one the core computes from the branches' counts (the rate typed on the form is
shown beside it only when it differs)."""

from __future__ import annotations

from reportlab.platypus import Spacer

from ...core.model import OfficeYear
from ...core.numerals import format_date, format_number, format_value
from ...core.scoring import enothi_hard_files, enothi_rate
from .styles import UNITS_BN, cell, content_width, grid, para, scaled

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
    return [para(office_year.office.name, "center"), para(REGISTER_TITLES[kind], "h1")]


def _innovations(office_year: OfficeYear) -> list[object]:
    head = ("ক্রমিক নং", "ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/আইডিয়ার নাম",
            "সেবা/আইডিয়ার সংক্ষিপ্ত বিবরণ", "সেবা/আইডিয়াটি কার্যকর আছে কি-না/ না থাকলে কারণ",
            "সেবা গ্রহীতাগণ প্রত্যাশিত ফলাফল পাচ্ছে কি-না", "সেবার লিংক", "মন্তব্য")
    rows: list[list[object]] = [[cell(h, "head") for h in head]]
    rows += [[cell(r.serial, "cellc"), cell(r.name), cell(r.description), cell(r.working, "cellc"),
              cell(r.users_benefit, "cellc"), cell(r.link), cell(r.remark)] for r in office_year.registers.innovations]
    return _heading(office_year, "innovations") + [grid(rows, scaled([5, 16, 34, 9, 9, 14, 13], content_width("landscape")))]


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
    out += [grid(rows, scaled([12, 40, 22, 26], content_width("portrait")), extra=room_to_sign), Spacer(1, 10)]
    if sheet.enothi_count is not None:
        count = format_number(sheet.enothi_count)
        out += [para(f"ই-নথিতে ডাক ও নোট নিষ্পত্তির সংখ্যা = {count}"),
                para(f"ই-নথিতে ডাক ও নোট নিষ্পত্তির হার = {count} ÷ ({count} + {format_number(hard)}) × ১০০")]
    rate = enothi_rate(sheet)
    if rate is not None:
        out.append(para(f"= {format_number(rate, decimals=2)}%", "h2"))
        if sheet.stated_rate is not None and round(sheet.stated_rate) != round(rate):
            out.append(para(f"(ফরমে লেখা হার {format_number(sheet.stated_rate)}%; গণনায় {format_number(rate, decimals=2)}%)",
                            "small"))
    return out


def _fourir(office_year: OfficeYear) -> list[object]:
    head = ("কর্মসম্পাদন সূচক", "বিষয়", "কার্যক্রম", "একক", "লক্ষ্যমাত্রা", "", "বাস্তবায়নকারি", "মন্তব্য")
    rows: list[list[object]] = [[cell(h, "head") for h in head]]
    for action in office_year.registers.fourir:
        targets = [cell(format_value(v, action.unit) if v is not None else "", "cellc") for v in action.targets[:2]]
        rows.append([cell(action.indicator), cell(action.subject), cell(action.activity),
                     cell(UNITS_BN.get(action.unit, action.unit), "cellc"), *targets, cell(action.implementer),
                     cell(action.remark)])
    table = grid(rows, scaled([16, 16, 26, 6, 8, 8, 12, 8], content_width("landscape")),
                 extra=[("SPAN", (4, 0), (5, 0))])
    return _heading(office_year, "fourir") + [table]


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
        out.append(grid(rows, scaled([4, 10, 16, 8, 8, 10, 16, 12, 16], content_width("landscape")),
                        header_rows=2, extra=spans))
    return out


def _number(value: float | None) -> str:
    return "" if value is None else format_number(value)


def _date(value: object) -> str:
    return "" if value is None else format_value(value, "date")
