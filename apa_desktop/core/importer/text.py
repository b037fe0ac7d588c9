"""The free text of an APA document: cover, overview, preamble, Section 1 and signatures.

Parts are found by the headings the standard APA format prints; a part whose heading is not in
the text stays empty (progress reports have no overview).
"""

from __future__ import annotations

import re
from datetime import date

from ..model import OfficeYear, Person
from ..numerals import ParseError, parse_date, parse_number, to_ascii_digits
from .problems import clean, squash

MONTHS = ("জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর",
          "নভেম্বর", "ডিসেম্বর")
# (squashed heading keyword, part); the first that a heading contains wins; a part runs to the next heading
MARKERS = (("সম্ভাব্যপ্রধানঅর্জন", "expected"), ("প্রধানঅর্জনসমূহ", "achievements"), ("সমস্যাএবংচ্যালেঞ্জ", "challenges"),
           ("ভবিষ্যৎপরিকল্পনা:", "future_plan"),
           ("প্রস্তাবনা(Preamble)", "preamble"), ("সেকশন১", None), ("রূপকল্প(Vision)", "vision"),
           ("অভিলক্ষ্য(Mission)", "mission"), ("১.৩.১", "own_areas"),
           ("১.৩.২", "governance_areas"), ("কর্মসম্পাদনেরক্ষেত্র", None), ("কার্যাবলি(Functions)", "functions"), ("সেকশন২", None))
DATE = re.compile(r"^[০-৯0-9]{1,2}\s*[/.\-]\s*[০-৯0-9]{1,2}\s*[/.\-]\s*[০-৯0-9]{2,4}$")
ITEM = re.compile(r"^(?:[০-৯0-9]+\.|-)\s+")


def read_free_text(office_year: OfficeYear, text: str) -> None:
    lines = [clean(line) for line in text.split("\n") if "\t" not in line]
    parts = _parts(lines)
    ov, s1 = office_year.overview, office_year.section1
    ov.achievements, ov.challenges = "\n".join(parts["achievements"]), "\n".join(parts["challenges"])
    ov.future_plan, ov.expected = "\n".join(parts["future_plan"]), "\n".join(parts["expected"])
    office_year.preamble.text = "\n".join(parts["preamble"])
    office_year.preamble.signing_date = _preamble_date(office_year.preamble.text)
    s1.vision, s1.mission = "\n".join(parts["vision"]), "\n".join(parts["mission"])
    s1.own_areas = [ITEM.sub("", x) for x in parts["own_areas"]]
    s1.governance_areas = [ITEM.sub("", x) for x in parts["governance_areas"]]
    s1.functions = [ITEM.sub("", x) for x in parts["functions"]]
    _cover(office_year, [x for x in lines if x])
    _signatures(office_year, [x for x in lines if x])
    _name_from_a_signed_plan(office_year, [x for x in lines if x])


def _parts(lines: list[str]) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {name: [] for _, name in MARKERS if name}
    current = None
    for line in lines:
        key = squash(line.lstrip("#"))
        marker = next((m for m in MARKERS if m[0] in key and len(key) < 120), None)
        if marker:
            current = marker[1]
            continue
        if line.startswith("আমি,") and ("অঙ্গীকার" in line or "অঞ্জীকার" in line):
            parts["preamble"].append(line)  # the two signatories' undertakings close the agreement text
        elif current and line and not line.startswith("#"):
            parts[current].append(line)
        if current == "preamble" and "সম্মত হলেন" in line:
            current = None
    return parts


def _preamble_date(text: str) -> date | None:
    """"২০২২ সালের .....জুন..... মাসের .....২৯..... তারিখে" -> 2022-06-29."""
    match = re.search(r"([০-৯0-9]{4})\s*সালের[\s.]*([^\s.]+)[\s.]*মাসের[\s.]*([০-৯0-9]{1,2})[\s.]*তারিখে", text)
    if not match or match.group(2) not in MONTHS:
        return None
    try:
        return date(int(to_ascii_digits(match.group(1))), MONTHS.index(match.group(2)) + 1,
                    int(parse_number(match.group(3))))
    except (ValueError, ParseError):
        return None


def _cover(office_year: OfficeYear, lines: list[str]) -> None:
    """"<designation>, <office>" / "এবং" / "<designation>, <office>-এর মধ্যে স্বাক্ষরিত" at the top."""
    for i, line in enumerate(lines[1:-1], 1):
        if line == "এবং" and lines[i + 1].endswith("স্বাক্ষরিত"):
            cover = office_year.cover
            cover.office_signatory = _designation_office(lines[i - 1])
            cover.superior_signatory = _designation_office(re.sub(r"-এর মধ্যে স্বাক্ষরিত$", "", lines[i + 1]))
            cover.period = next((x for x in lines[i + 2:i + 6] if "জুলাই" in x and "জুন" in x), "")
            break
    for i, line in enumerate(lines):
        if squash(line).startswith("স্বাক্ষরিত:"):
            dates = [_date(x) for x in lines[i + 1:i + 12]]
            office_year.cover.signing_date = next((d for d in dates if d), None)
            break
    if office_year.cover.signing_date is None:
        office_year.cover.signing_date = office_year.preamble.signing_date


def _designation_office(text: str) -> Person:
    designation, _, office = text.partition(",")
    return Person(designation=designation.strip(), office=office.strip())


def _date(text: str) -> date | None:
    if not DATE.match(text):
        return None
    try:
        return parse_date(text)
    except ParseError:
        return None


HONORIFIC = r"(?:মোঃ|মো:|মোছাঃ|ডাঃ|ডা:|জনাব|বেগম)"


def _name_from_a_signed_plan(office_year: OfficeYear, lines: list[str]) -> None:
    """The cover's signature blocks have no names (they are signed by hand); an annex plan
    signed below "স্বাক্ষর" / date / name / designation (seed 003's NIS plan) names the office
    head. Taken only when the cover names nobody and the designations agree."""
    head = office_year.cover.office_signatory
    if head.name or not head.designation:
        return
    for i, line in enumerate(lines):
        if squash(line).strip("*") != "স্বাক্ষর":
            continue
        block = [x for x in lines[i + 1:i + 4] if not _date(x)]
        if len(block) >= 2 and re.match(HONORIFIC, block[0]) and squash(block[1]) == squash(head.designation):
            head.name = block[0]
            return


def _signatures(office_year: OfficeYear, lines: list[str]) -> None:
    """Signature blocks "(name)" / designation / office at the end of a progress report: the
    first is the preparer, the last the office head."""
    people = [Person(name=line.strip("() "), designation=lines[i + 1], office=lines[i + 2])
              for i, line in enumerate(lines[:-2])
              if re.fullmatch(rf"\({HONORIFIC}[^()]*\)", line)]
    if not people:
        return
    office_year.cover.office_signatory = people[-1]
    if len(people) > 1:
        office_year.cover.preparer = people[0]
