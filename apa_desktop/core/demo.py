"""The demo office-years, built by the importer from the documents in ``resources/demo``.

* ``tongi-lwc`` শ্রম কল্যাণ কেন্দ্র, টংগী 2023-24 with its 3rd-quarter achievements (seed 000).
  The report prints Section 3's own areas only (70 marks): the governance area (30 marks) is
  filled from the 2023-24 template so the office-year scores out of 100. Its "১০০%" quarter
  cells are converted to values and left pending for the clerk to confirm (DOMAIN §8).
* ``khulna-ict`` ICT district office, Khulna 2022-23: a complete APA (seed 003).
* ``dte`` কারিগরি শিক্ষা অধিদপ্তর 2022-23: e-gov plan with Q2 achievements and the registers
  (innovation database, e-Nothi worksheet, 4IR plan) (seed 004).
* ``mole`` শ্রম ও কর্মসংস্থান মন্ত্রণালয় 2016-17: the innovation-plan progress report of
  January-June 2017 (seed 002).

Tiers and superior offices not printed in the documents are our reading (tongi: district office
of the Department of Labour; dte and mole: head offices). Signatories of seeds 002 and 004 sign
pages rather than an agreement; they are recorded here as the reports' preparers.
"""

from __future__ import annotations

import copy

from ..paths import resource_path
from .importer import ImportResult, import_document
from .model import Office, OfficeYear, Person
from .templates import find_template

DEMO = (
    ("tongi-2023-24-q3.tsv.txt", Office(id="tongi-lwc", name="শ্রম কল্যাণ কেন্দ্র, টংগী, গাজীপুর", tier="district",
                                        superior_office="শ্রম অধিদপ্তর", address="টংগী, গাজীপুর"), "2023-24"),
    ("khulna-ict-apa-2022-23.tsv.txt",
     Office(id="khulna-ict", name="তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর, জেলা কার্যালয়, খুলনা", tier="district",
            superior_office="তথ্য ও যোগাযোগ প্রযুক্তি অধিদপ্তর", address="খুলনা"), "2022-23"),
    ("dte-egov-2022-23-q2.tsv.txt",
     Office(id="dte", name="কারিগরি শিক্ষা অধিদপ্তর", tier="head_office", superior_office="কারিগরি ও মাদ্রাসা শিক্ষা বিভাগ",
            address="এফ-৪/বি, আগারগাঁও প্রশাসনিক এলাকা, ঢাকা-১২০৭", web_portal="www.techedu.gov.bd"), "2022-23"),
    ("mole-innovation-progress-2017.tsv.txt",
     Office(id="mole", name="শ্রম ও কর্মসংস্থান মন্ত্রণালয়", tier="head_office", superior_office="মন্ত্রিপরিষদ বিভাগ",
            address="সচিবালয়, ঢাকা"), "2016-17"),
)

PREPARERS = {
    "dte": Person(name="মঞ্জিল ইসলাম", designation="সহকারি পরিচালক", office="কারিগরি শিক্ষা অধিদপ্তর"),
    "mole": Person(name="সুকান্ত বসাক", designation="সিস্টেম এনালিস্ট", office="শ্রম ও কর্মসংস্থান মন্ত্রণালয়"),
}


def demo_document(file_name: str) -> str:
    return resource_path("demo", file_name).read_text(encoding="utf-8")


def import_demo(office_id: str) -> ImportResult:
    """One demo document as imported, before anything is filled in from templates."""
    file_name, office, fiscal_year = next(d for d in DEMO if d[1].id == office_id)
    return import_document(demo_document(file_name), copy.deepcopy(office), fiscal_year)


def demo_office_years() -> list[OfficeYear]:
    years = []
    for _, office, _ in DEMO:
        office_year = import_demo(office.id).office_year
        if office.id in PREPARERS:
            office_year.cover.preparer = copy.deepcopy(PREPARERS[office.id])
        if office.id == "tongi-lwc":
            _add_governance_area(office_year)
        years.append(office_year)
    return years


def _add_governance_area(office_year: OfficeYear) -> None:
    """Section 3's governance area from the year's template, when the document lacks it."""
    if any(area.governance for area in office_year.section3.areas):
        return
    template = find_template("governance", office_year.fiscal_year, office_year.office.tier)
    office_year.section3.areas.extend(copy.deepcopy(template.area_plan.areas))
    office_year.section3.template_id = template.id
