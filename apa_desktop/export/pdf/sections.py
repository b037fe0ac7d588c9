"""The text parts of the APA: cover with both signatories, contents, overview, preamble, Sections 1
and 2, Annexes 1-3, and the signature blocks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table

from ...core.calendar import plan_year_labels
from ...core.model import OfficeYear, Person
from ...core.numerals import format_date, format_value, to_bengali_digits
from ..fonts import FAMILY
from .pagerefs import PageNumbers, PageRef
from .styles import UNITS_BN, cell, content_width, grid, para, scaled, style

CONTENTS = (
    ("overview", "কর্মসম্পাদনের সার্বিক চিত্র"),
    ("preamble", "প্রস্তাবনা"),
    ("section1", "সেকশন ১: রূপকল্প, অভিলক্ষ্য, কর্মসম্পাদনের ক্ষেত্র এবং কার্যাবলি"),
    ("section2", "সেকশন ২: বিভিন্ন কার্যক্রমের চূড়ান্ত ফলাফল/প্রভাব"),
    ("section3", "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"),
    ("annex1", "সংযোজনী ১: শব্দসংক্ষেপ"),
    ("annex2", "সংযোজনী ২: কর্মসম্পাদন ব্যবস্থাপনা ও প্রমাণক"),
    ("annex3", "সংযোজনী ৩: অন্য অফিসের সঙ্গে সংশ্লিষ্ট কর্মসম্পাদন সূচকসমূহ"),
    ("annexes", "সংযোজনী ৪-৮: সুশাসন ও সংস্কারমূলক কর্মপরিকল্পনাসমূহ"),
)
"""The parts of the full APA as the contents page lists them: (key given to :func:`.pagerefs.mark`, title)."""


def fiscal_period(fiscal_year: str) -> str:
    start = int(fiscal_year[:4])
    return to_bengali_digits(f"১ জুলাই, {start} - ৩০ জুন, {start + 1}")


def signature_block(person: Person, label: str, date_text: str = "") -> list[object]:
    blank = "\u00a0"  # an empty line keeps its height, so both blocks line up
    lines = [blank, blank, "-" * 30, person.name or blank, person.designation or blank, person.office or blank]
    if date_text:
        lines.append(f"তারিখ: {date_text}")
    return [para(label, "small")] + [para(line, "center") for line in lines if line is not None]


def signatures(office_year: OfficeYear, date_text: str = "") -> Table:
    cover = office_year.cover
    width = content_width("portrait") / 2
    table = Table([[signature_block(cover.office_signatory, "অফিস প্রধান", date_text),
                    signature_block(cover.superior_signatory, "ঊর্ধ্বতন অফিস প্রধান", date_text)]],
                  colWidths=[width, width])
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    return KeepTogether([Spacer(1, 10), table])


def _post(designation: str, office: str) -> str:
    """"প্রোগ্রামার, জেলা কার্যালয়, খুলনা", leaving out whichever part is not known."""
    return ", ".join(part for part in (designation.strip(), office.strip()) if part)


def cover_page(office_year: OfficeYear, title: str = "বার্ষিক কর্মসম্পাদন চুক্তি") -> list[object]:
    cover = office_year.cover
    signing = format_date(cover.signing_date) if cover.signing_date else ""
    return [
        Spacer(1, 60), para(office_year.office.name, "h1"), Spacer(1, 40),
        para(title, "title"), Spacer(1, 30),
        para(_post(cover.office_signatory.designation, cover.office_signatory.office or office_year.office.name), "center"),
        para("এবং", "center"),
        para(_post(cover.superior_signatory.designation,
                   cover.superior_signatory.office or office_year.office.superior_office), "center"),
        para("-এর মধ্যে স্বাক্ষরিত", "center"), Spacer(1, 30),
        para(cover.period or fiscal_period(office_year.fiscal_year), "subtitle"),
        Spacer(1, 120), signatures(office_year, signing),
    ]


def contents(numbers: PageNumbers) -> list[object]:
    """The contents page: each part with the page it starts on, filled in after layout."""
    size = style("body").fontSize
    number_width = 30.0
    rows = [[para(f"{to_bengali_digits(str(i))}. {title}"), PageRef(numbers, key, number_width, size)]
            for i, (key, title) in enumerate(CONTENTS, 1)]
    width = content_width("portrait")
    table = Table(rows, colWidths=[width - number_width, number_width])
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), FAMILY), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey, None, (1, 2))])  # dotted leaders
    return [para("সূচিপত্র", "h1"), Spacer(1, 8), table]


def overview(office_year: OfficeYear) -> list[object]:
    o = office_year.overview
    out = [para("কর্মসম্পাদনের সার্বিক চিত্র", "h1")]
    for heading, text in (("সাম্প্রতিক অর্জন", o.achievements), ("সমস্যা এবং চ্যালেঞ্জসমূহ", o.challenges),
                          ("ভবিষ্যৎ পরিকল্পনা", o.future_plan), (f"{to_bengali_digits(office_year.fiscal_year)} অর্থবছরের সম্ভাব্য প্রধান অর্জনসমূহ", o.expected)):
        if text:
            out += [para(heading, "h2")] + [para(p) for p in text.split("\n\n")]
    return out


def preamble(office_year: OfficeYear) -> list[object]:
    out = [CondPageBreak(200), para("প্রস্তাবনা", "h1")] + [para(p) for p in office_year.preamble.text.split("\n\n") if p]
    return out


def section1(office_year: OfficeYear) -> list[object]:
    s = office_year.section1
    out = [para("সেকশন ১", "h1"), para("রূপকল্প, অভিলক্ষ্য, কর্মসম্পাদনের ক্ষেত্র এবং কার্যাবলি", "h2"),
           para("১.১ রূপকল্প", "h2"), para(s.vision), para("১.২ অভিলক্ষ্য", "h2"), para(s.mission),
           para("১.৩ কর্মসম্পাদনের ক্ষেত্র", "h2")]
    out += [para(f"{to_bengali_digits(str(i))}. {a}") for i, a in enumerate(s.own_areas, 1)]
    if s.governance_areas:
        out += [para("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র", "h2")]
        out += [para(f"{to_bengali_digits(str(i))}. {a}") for i, a in enumerate(s.governance_areas, 1)]
    out += [para("১.৪ কার্যাবলি", "h2")] + [para(f"{to_bengali_digits(str(i))}. {f}") for i, f in enumerate(s.functions, 1)]
    return out


def section2(office_year: OfficeYear) -> list[object]:
    previous, projections = plan_year_labels(office_year.fiscal_year)
    years = [to_bengali_digits(y) for y in (*previous, office_year.fiscal_year, *projections)]
    head = ["চূড়ান্ত ফলাফল/প্রভাব", "কর্মসম্পাদন সূচকসমূহ", "একক", f"প্রকৃত অর্জন {years[0]}",
            f"প্রকৃত অর্জন {years[1]}", f"লক্ষ্যমাত্রা {years[2]}", f"প্রক্ষেপণ {years[3]}",
            f"প্রক্ষেপণ {years[4]}", "নির্ধারিত লক্ষ্যমাত্রা অর্জনের ক্ষেত্রে যৌথভাবে দায়িত্বপ্রাপ্ত মন্ত্রণালয়/বিভাগ/সংস্থাসমূহের নাম",
            "উপাত্তসূত্র"]
    rows: list[list[object]] = [[cell(h, "head") for h in head]]
    for r in office_year.section2:
        values = [*r.prev_actuals[:2], r.target, *r.projections[:2]]
        rows.append([cell(r.outcome), cell(r.indicator), cell(UNITS_BN.get(r.unit, r.unit), "cellc")]
                    + [cell(format_value(v, r.unit) if v is not None else "", "cellc") for v in values]
                    + [cell(r.joint_offices), cell(r.data_source)])
    widths = scaled([14, 16, 6, 7, 7, 7, 7, 7, 15, 12], content_width("landscape"))
    return [para("সেকশন ২", "h1"), para("বিভিন্ন কার্যক্রমের চূড়ান্ত ফলাফল/প্রভাব (Outcome/Impact)", "h2"), grid(rows, widths)]


def annex1(office_year: OfficeYear) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("ক্রমিক নম্বর", "শব্দসংক্ষেপ", "বিবরণ")]]
    rows += [[cell(a.serial, "cellc"), cell(a.term), cell(a.meaning)] for a in office_year.annex1]
    return [para("সংযোজনী ১: শব্দসংক্ষেপ (Acronyms)", "h1"), grid(rows, scaled([10, 25, 65], content_width("portrait")))]


def annex2(office_year: OfficeYear) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("কার্যক্রম", "কর্মসম্পাদন সূচক", "বাস্তবায়নকারী অনুবিভাগ, অধিশাখা, শাখা", "লক্ষ্যমাত্রা অর্জনের প্রমাণক")]]
    rows += [[cell(r.activity), cell(r.indicator), cell(r.implementer), cell(r.evidence)] for r in office_year.annex2]
    return [para("সংযোজনী ২: কর্মসম্পাদন ব্যবস্থাপনা ও প্রমাণক", "h1"), grid(rows, scaled([25, 25, 20, 30], content_width("portrait")))]


def annex3(office_year: OfficeYear) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("কার্যক্রম", "কর্মসম্পাদন সূচক", "যেসকল অফিসের সাথে সংশ্লিষ্ট", "সংশ্লিষ্ট অফিসের সাথে কার্যক্রম সমন্বয়ের কৌশল")]]
    rows += [[cell(r.activity), cell(r.indicator), cell(r.offices), cell(r.strategy)] for r in office_year.annex3]
    if len(rows) == 1:
        rows.append([cell("প্রযোজ্য নয়", "cellc"), cell(""), cell(""), cell("")])
    return [para("সংযোজনী ৩: অন্য অফিসের সঙ্গে সংশ্লিষ্ট কর্মসম্পাদন সূচকসমূহ", "h1"),
            grid(rows, scaled([25, 25, 20, 30], content_width("portrait")))]
