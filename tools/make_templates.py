"""Generate the shipped fiscal-year templates in apa_desktop/resources/templates.

The official and partial ones are read from the demo documents (the seeds) by the same
``template_from_text`` that ``apa-desktop templates from-text`` runs, after the few corrections
listed in CORRECTIONS (each one documented in docs/templates.md); the years no document gives are
carry-overs made by core.carryover. Every template must pass core.template_check.

Run: .venv/bin/python tools/make_templates.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from apa_desktop.core.carryover import carry_over
from apa_desktop.core.template_check import check_template
from apa_desktop.core.template_text import template_from_text
from apa_desktop.core.templates import Template, carry_over_source, template_from_data
from apa_desktop.paths import resource_path

KHULNA = "khulna-ict-apa-2022-23.tsv.txt"
TONGI = "tongi-2023-24-q3.tsv.txt"
DTE = "dte-egov-2022-23-q2.tsv.txt"
SEED = {  # the documents by seed number (docs/templates.md): no office's name goes into a template
    KHULNA: "seed 003, a district office's APA 2022-23",
    TONGI: "seed 000, a field office's 2023-24 Q3 progress report",
    DTE: "seed 004, a directorate's e-gov & innovation plan 2022-23 (Q2 report)",
}

PARTS = {  # the lines (first, last, 1-based) of each plan's table in each document
    (KHULNA, "governance"): (117, 159), (KHULNA, "nis"): (236, 290), (KHULNA, "egov"): (291, 303),
    (KHULNA, "grs"): (304, 316), (KHULNA, "charter"): (317, 329), (KHULNA, "rti"): (330, 10_000),
    (TONGI, "egov"): (1, 16), (TONGI, "grs"): (17, 28), (TONGI, "charter"): (29, 39), (TONGI, "rti"): (40, 50),
    (TONGI, "nis"): (66, 99), (DTE, "egov"): (1, 25),
}

CORRECTIONS: dict[str, list[tuple[str, str, str]]] = {
    KHULNA: [
        ("লক্ষ্যমাত্রা\t\t০১.১২.২০\t", "লক্ষ্যমাত্রা\t\t০১.১২.২০২২\t",
         "NIS [১.৫]: the date wrapped onto the next line when the PDF was copied (২০ / ২২)"),
        ("\tঅর্জন\t\t২২\t", "\tঅর্জন\t\t\t", "NIS [১.৫]: the wrapped part of the date, not an achievement"),
        ("\tতারিখ\tপ্রোগ্রামার\t৪\tলক্ষ্যমাত্রা\t২৫/০৯/২০\t২৫/১২/২০\t২৫/০৩/২০\t২৫/০৬/২০\t",
         ("\tসংখ্যা ও তারিখ\tপ্রোগ্রামার\t৪ ও ২৫/০৯/২০২২ ২৫/১২/২০২২ ২৫/০৩/২০২৩ ২৫/০৬/২০২৩\tলক্ষ্যমাত্রা\t"
          "১ ও ২৫/০৯/২০২২\t১ ও ২৫/১২/২০২২\t১ ও ২৫/০৩/২০২৩\t১ ও ২৫/০৬/২০২৩\t"),
         ("NIS [১.৬]: four submissions by four dates (annual target ৪, unit 'তারিখ' cannot hold a count); the "
          "dates' years wrapped onto the next line")),
        ("\tঅর্জন\t২২\t২২\t২৩\t০২৩\t", "\tঅর্জন\t\t\t\t\t", "NIS [১.৬]: the wrapped years, not achievements"),
        ("০৩\t[২.১] তথ্য বাতায়ন", "০৩\t[৩.১] তথ্য বাতায়ন",
         "e-gov: the third activity is printed [২.১] again; its indicator is [৩.১.১]"),
        ("উর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরণ\t[২.২.১]", "উর্ধ্বতন কর্তৃপক্ষের নিকট প্রেরণ\t[২.১.১]",
         "GRS: the indicators of [২.১] and [২.২] are printed with each other's codes"),
        ("প্রশিক্ষণ আয়োজন\t[২.১.১]", "প্রশিক্ষণ আয়োজন\t[২.২.১]", "GRS: the same swap"),
        ("সিদ্ধান্ত বাস্তবায়ন\t[১.৩.১]", "সিদ্ধান্ত বাস্তবায়ন\t[১.২.১]",
         "citizen charter: the indicators of [১.২] and [১.৩] are printed with each other's codes"),
        ("ত্রৈমাসিক ভিত্তিতে সভা আয়োজন\t[১.২.১]", "ত্রৈমাসিক ভিত্তিতে সভা আয়োজন\t[১.৩.১]", "citizen charter: the same swap"),
    ],
    TONGI: [
        ("৩১/০৪/২০২৪", "৩০/০৪/২০২৪", "NIS [১.৪]: 31 April does not exist; the quarter's last working day is 30 April"),
        ("৩১/০৪/ ২৪", "৩০/০৪/ ২৪", "NIS [১.৪] Q4 target: the same date"),
        ("[১.১.১.১] স্টেকহোল্ডারের সমন্বয়ে সভা আয়োজিত\tসংখ্যা\t\t",
         "[১.১.১.১] স্টেকহোল্ডারের সমন্বয়ে সভা আয়োজিত\tসংখ্যা\t০\t",
         ("GRS [১.১.১.১] is the alternative to [১.১.১] for an office that received no complaint: it prints no "
          "weight of its own; weight 0 (the office moves [১.১.১]'s 15 marks to it when it applies)")),
    ],
    DTE: [
        ("[১.২.১] ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, সহজীকৃত ও ডিজিটাইজকৃত সেবাসমূহ চালুকৃত\t\t\t\t\t৭",
         "\t\t\t\t[১.২.২] ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, সহজীকৃত ও ডিজিটাইজকৃত সেবাসমূহ চালুকৃত\tতারিখ\t৭",
         ("the report prints a second indicator [১.২.১] (weight 7, dates in May 2023) in the activity column "
          "without a unit: it is [১.২.২], a date")),
        ("জোরদারকরণ\t৩\t", "জোরদারকরণ\t৩০\t",
         "area [১] printed as ৩; its indicators add up to 30 (annex total 50)"),
        ("প্রাতিষ্ঠানিক দক্ষতা বৃদ্ধি\t২\t", "প্রাতিষ্ঠানিক দক্ষতা বৃদ্ধি\t২০\t",
         "area [২] printed as ২; its indicators add up to 20"),
    ],
}

PARTIAL_NIS = ("seed 000 prints only sections 1-3 of the 2023-24 NIS plan (6 activities, 10 marks); no source here "
               "gives the rest: replace it with the Cabinet Division's form (templates from-text)")

ISSUED = [  # (kind, year, tier, document, what of it, status, note)
    ("nis", "2022-23", "field", KHULNA, "Annex 4 (NIS plan in its 2021-22 format)", "official", ""),
    ("nis", "2023-24", "field", TONGI, "NIS plan: only the parts the report prints", "partial", PARTIAL_NIS),
    *[(kind, "2022-23", "field", KHULNA, f"{kind} annex", "official", "") for kind in ("egov", "grs", "charter", "rti")],
    *[(kind, "2023-24", "field", TONGI, f"{kind} plan", "official", "") for kind in ("egov", "grs", "charter", "rti")],
    ("governance", "2022-23", "field", KHULNA, "Section 3 governance area", "official", ""),
    ("egov", "2022-23", "head_office", DTE, "e-gov plan", "official", ""),
]
CARRIED = {"2023-24": ["governance"], **{year: ["nis", "egov", "grs", "charter", "rti", "governance"]
                                         for year in ("2024-25", "2025-26", "2026-27")}}
"""Years and kinds no document here gives: carried over (seed 000 prints no governance area)."""
HEAD_OFFICE_CARRIED = ("2023-24", "2024-25", "2025-26", "2026-27")


def document_text(name: str, kind: str) -> str:
    """The lines of the plan's table in the document, corrected."""
    lines = resource_path("demo", name).read_text(encoding="utf-8").split("\n")
    first, last = PARTS[(name, kind)]
    text = "\n".join(lines[first - 1:last])
    for old, new, _why in CORRECTIONS.get(name, []):
        text = text.replace(old, new, 1)
    return text


PRINT_LABELS: dict[str, dict] = json.loads((Path(__file__).parent / "print_labels.json").read_text(encoding="utf-8"))


def issued(kind: str, year: str, tier: str, document: str, what: str, status: str, note: str) -> Template:
    made = template_from_text(kind, year, tier, document_text(document, kind), status=status,
                              source=f"{SEED[document]}, {what}")
    assert made.template is not None, [p.message("en") for p in made.problems]
    return template_from_data(dict(made.template.data, note=note, **form_fields(kind, year, tier)))


def form_fields(kind: str, year: str, tier: str) -> dict[str, object]:
    """What the template data says beyond its rows: how the form prints (tools/print_labels.json,
    the ``print`` object of docs/templates.md) and where the office may add its own rows."""
    labels = PRINT_LABELS.get(f"{kind}/{year}/{tier}")
    return {**({"print": labels} if labels else {}), **({"own_rows": ["3"]} if kind == "nis" else {})}


def all_templates() -> list[Template]:
    templates = [issued(*row) for row in ISSUED]
    for year, kinds in CARRIED.items():
        for kind in kinds:
            templates.append(_carried(templates, kind, year, "field"))
    for year in HEAD_OFFICE_CARRIED:
        templates.append(_carried(templates, "egov", year, "head_office"))
    return templates


def _carried(templates: list[Template], kind: str, year: str, tier: str) -> Template:
    return carry_over(carry_over_source([t for t in templates if t.tier == tier], kind, year, tier), year)


def main() -> None:
    root = resource_path("templates")
    for old in root.glob("*/*.json"):
        old.unlink()
    for template in all_templates():
        problems = check_template(template)
        assert not problems, (template.id, [p.message("en") for p in problems])
        name = f"{template.kind}-{template.tier}-v{template.version}.json"
        path = root / template.fiscal_year / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(template.data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", path.relative_to(root), template.status)


if __name__ == "__main__":
    main()
