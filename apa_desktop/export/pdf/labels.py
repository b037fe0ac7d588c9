"""What the year's form prints around a part's table: headings, group headers, banner rows and
instructions. They come from the template of that part and fiscal year (the ``print`` object of
its file, see docs/templates.md); the defaults below apply to a part no template describes (an
office's own plan of a year without templates)."""

from __future__ import annotations

from functools import cache
from typing import Any

from ...core.model import OfficeYear
from ...core.templates import TemplateError, find_template, load_templates

DEFAULTS: dict[str, Any] = {
    "column_numbers": True,
    "area": "কর্মসম্পাদনের ক্ষেত্র",
    "area_weight": "মান",
    "obtained": "অর্জিত মান",
    "obtained_column": True,
    "levels": "লক্ষ্যমাত্রা {year}",
    "own_banner": "",
    "governance_banner": "",
    "provisional_note": "",
    "annual_target": "{year} অর্থবছরের লক্ষ্যমাত্রা",
    "group_header": "বাস্তবায়ন অগ্রগতি পরিবীক্ষণ",
    "target_or_achievement": "লক্ষ্যমাত্রা/ অর্জন",
    "responsible": "বাস্তবায়নের দায়িত্বপ্রাপ্ত ব্যক্তি/পদ",
    "office_label": "",
    "instructions": [],
}

TEMPLATE_KIND = {"section3": "governance"}
"""Section 3 is printed as its governance area's template says."""


@cache
def _by_id() -> dict[str, Any]:
    return {t.id: t for t in load_templates()}


def labels(office_year: OfficeYear, kind: str, template_id: str | None = None) -> dict[str, Any]:
    """The print labels of part ``kind`` (``section3``, ``nis``, ``egov`` …) of ``office_year``:
    those of the template the part came from, else of that kind's template for the year."""
    kind = TEMPLATE_KIND.get(kind, kind)
    found = _by_id().get(template_id or "")
    if found is None or found.kind != kind:
        try:
            found = find_template(kind, office_year.fiscal_year, office_year.office.tier)
        except TemplateError:
            found = None
    return {**DEFAULTS, **(found.labels if found is not None else {})}
