"""The text parts of the APA: cover with both signatories, contents, overview, preamble, Sections 1
and 2, Annexes 1-3, and the signature blocks."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Spacer, Table

from ...core.calendar import next_fiscal_years, previous_fiscal_years
from ...core.model import OfficeYear
from ...core.numerals import format_date, format_value, to_bengali_digits
from ..fonts import FAMILY
from .letterhead import letterhead
from .pagerefs import PageNumbers, PageRef
from .plans import NOT_APPLICABLE, fiscal_year_long
from .signatures import SignatureBlocks, signatures
from .styles import UNITS_BN, cell, content_width, para, style
from .tables import simple_grid

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


def apa_signatures(office_year: OfficeYear, date_text: str = "") -> SignatureBlocks:
    """The two parties of the APA: the office head (left) and the superior office's head (right)."""
    cover = office_year.cover
    return signatures([(cover.office_signatory, "office_head"), (cover.superior_signatory, "superior")], date_text)


def _post(designation: str, office: str) -> str:
    """"প্রোগ্রামার, জেলা কার্যালয়, খুলনা", leaving out whichever part is not known."""
    return ", ".join(part for part in (designation.strip(), office.strip()) if part)


def cover_page(office_year: OfficeYear, title: str = "বার্ষিক কর্মসম্পাদন চুক্তি") -> list[object]:
    cover = office_year.cover
    signing = format_date(cover.signing_date) if cover.signing_date else ""
    return [
        *letterhead(office_year), Spacer(1, 40),
        para(title, "title"), Spacer(1, 30),
        para(_post(cover.office_signatory.designation, cover.office_signatory.office or office_year.office.name), "center"),
        para("এবং", "center"),
        para(_post(cover.superior_signatory.designation,
                   cover.superior_signatory.office or office_year.office.superior_office), "center"),
        para("-এর মধ্যে স্বাক্ষরিত", "center"), Spacer(1, 30),
        para(cover.period or fiscal_period(office_year.fiscal_year), "subtitle"),
        Spacer(1, 110), apa_signatures(office_year, signing),
    ]


def contents(numbers: PageNumbers, printed: set[str]) -> list[object]:
    """The contents page: each printed part (key in ``printed``) with the page it starts on,
    filled in after layout."""
    size = style("body").fontSize
    number_width = 30.0
    listed = [(key, title) for key, title in CONTENTS if key in printed]
    rows = [[para(f"{to_bengali_digits(str(i))}. {title}"), PageRef(numbers, key, number_width, size)]
            for i, (key, title) in enumerate(listed, 1)]
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
    out = [para("প্রস্তাবনা", "h1")] + [para(p) for p in office_year.preamble.text.split("\n\n") if p]
    return out


def section1(office_year: OfficeYear) -> list[object]:
    """Vision, mission, areas and functions; a part the office has not filled is left out, and
    an empty section says "প্রযোজ্য নয়"."""
    s = office_year.section1

    def numbered(items: list[str]) -> list[object]:
        return [para(f"{to_bengali_digits(str(i))}. {item}") for i, item in enumerate(items, 1)]

    parts = [("১.১ রূপকল্প", [para(s.vision)] if s.vision else []),
             ("১.২ অভিলক্ষ্য", [para(s.mission)] if s.mission else []),
             ("১.৩ কর্মসম্পাদনের ক্ষেত্র", numbered(s.own_areas)),
             ("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র", numbered(s.governance_areas)),
             ("১.৪ কার্যাবলি", numbered(s.functions))]
    out = [para("সেকশন ১", "h1"), para("রূপকল্প, অভিলক্ষ্য, কর্মসম্পাদনের ক্ষেত্র এবং কার্যাবলি", "h2")]
    for heading, body in parts:
        if body:
            out += [para(heading, "h2"), *body]
    if len(out) == 2:
        out.append(para(NOT_APPLICABLE))
    return out


def section2(office_year: OfficeYear, provisional_note: str = "") -> list[object]:
    """Section 2 (outcome/impact) with its years in Bengali digits; the last actual is marked
    provisional ("*") when the year's form has the note."""
    fy = office_year.fiscal_year
    before, after = previous_fiscal_years(fy, 2), next_fiscal_years(fy, 2)
    star = "*" if provisional_note else ""
    bn = to_bengali_digits
    head = ["চূড়ান্ত ফলাফল/প্রভাব", "কর্মসম্পাদন সূচকসমূহ", "একক", f"প্রকৃত অর্জন {bn(before[0])}",
            f"প্রকৃত অর্জন{star} {bn(before[1])}", f"লক্ষ্যমাত্রা {bn(fy)}", "প্রক্ষেপণ", "",
            "নির্ধারিত লক্ষ্যমাত্রা অর্জনের ক্ষেত্রে যৌথভাবে দায়িত্বপ্রাপ্ত মন্ত্রণালয়/বিভাগ/সংস্থাসমূহের নাম",
            "উপাত্তসূত্র"]
    # As the form: "প্রক্ষেপণ" over its two years ("২০২৩-২০২৪", "২০২৪-২০২৫"); the rest span both rows.
    projection = head.index("প্রক্ষেপণ")
    years = {projection: fiscal_year_long(after[0]), projection + 1: fiscal_year_long(after[1])}
    rows: list[list[object]] = [[cell(h, "head") if h else "" for h in head],
                                [cell(years[c], "head") if c in years else "" for c in range(len(head))]]
    spans = [("SPAN", (projection, 0), (projection + 1, 0))]
    spans += [("SPAN", (c, 0), (c, 1)) for c in range(len(head)) if c not in years]
    for r in office_year.section2:
        values = [*r.prev_actuals[:2], r.target, *r.projections[:2]]
        rows.append([cell(r.outcome), cell(r.indicator), cell(UNITS_BN.get(r.unit, r.unit), "cellc")]
                    + [cell(format_value(v, r.unit) if v is not None else "", "cellc") for v in values]
                    + [cell(r.joint_offices), cell(r.data_source)])
    _not_applicable(rows, header_rows=2)
    out = [para("সেকশন ২", "h1"), para("বিভিন্ন কার্যক্রমের চূড়ান্ত ফলাফল/প্রভাব (Outcome/Impact)", "h2"),
           *simple_grid(rows, content_width("landscape"), header_rows=2, commands=spans, numbered=True)]
    if provisional_note and office_year.section2:
        out.append(para(provisional_note, "small"))
    return out


def _not_applicable(rows: list[list[object]], header_rows: int = 1) -> None:
    """A table with no rows says so ("প্রযোজ্য নয়") instead of printing a bare header."""
    if len(rows) == header_rows:
        rows.append([cell(NOT_APPLICABLE, "cellc")] + [cell("") for _ in rows[0][1:]])


def annex1(office_year: OfficeYear) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("ক্রমিক নম্বর", "শব্দসংক্ষেপ", "বিবরণ")]]
    rows += [[cell(a.serial, "cellc"), cell(a.term), cell(a.meaning)] for a in office_year.annex1]
    _not_applicable(rows)
    return [para("সংযোজনী ১: শব্দসংক্ষেপ (Acronyms)", "h1"), *simple_grid(rows, content_width("portrait"))]


def annex2(office_year: OfficeYear) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("কার্যক্রম", "কর্মসম্পাদন সূচক", "বাস্তবায়নকারী অনুবিভাগ, অধিশাখা, শাখা", "লক্ষ্যমাত্রা অর্জনের প্রমাণক")]]
    rows += [[cell(r.activity), cell(r.indicator), cell(r.implementer), cell(r.evidence)] for r in office_year.annex2]
    _not_applicable(rows)
    return [para("সংযোজনী ২: কর্মসম্পাদন ব্যবস্থাপনা ও প্রমাণক", "h1"), *simple_grid(rows, content_width("portrait"))]


def annex3(office_year: OfficeYear) -> list[object]:
    rows: list[list[object]] = [[cell(h, "head") for h in ("কার্যক্রম", "কর্মসম্পাদন সূচক", "যেসকল অফিসের সাথে সংশ্লিষ্ট", "সংশ্লিষ্ট অফিসের সাথে কার্যক্রম সমন্বয়ের কৌশল")]]
    rows += [[cell(r.activity), cell(r.indicator), cell(r.offices), cell(r.strategy)] for r in office_year.annex3]
    _not_applicable(rows)
    return [para("সংযোজনী ৩: অন্য অফিসের সঙ্গে সংশ্লিষ্ট কর্মসম্পাদন সূচকসমূহ", "h1"),
            *simple_grid(rows, content_width("portrait"))]
