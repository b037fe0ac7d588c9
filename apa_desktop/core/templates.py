"""Fiscal-year templates: the standard annex plans (4-8) and Section 3's governance area.

Templates are data files, ``resources/templates/<fiscal-year>/<kind>-<tier>-v<version>.json``
(format in ``docs/templates.md``), because their rows, weights and columns change every year.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Union

from .errors import UserError
from ..paths import resource_path
from . import interchange
from .model import ANNEX_KINDS, NisPlan, Office, OfficeYear, Plan

KINDS = ANNEX_KINDS + ("governance",)
"""nis, egov, grs, charter, rti, and "governance" (Section 3's সুশাসন ও সংস্কারমূলক area)."""
TEMPLATE_TIERS = ("field", "head_office")


class TemplateError(UserError, LookupError):
    """No template of that kind for that year (or any earlier year)."""


@dataclass(frozen=True)
class Template:
    id: str
    """"egov/2022-23/field/1"."""
    kind: str
    fiscal_year: str
    tier: str
    version: int
    source: str
    plan: Union[Plan, NisPlan]
    labels: dict = field(default_factory=dict, compare=False)
    """How the year's form prints this part (the file's ``print`` object: headings, group
    headers, banners, instructions; see docs/templates.md)."""
    own_rows: tuple[str, ...] = ()
    """Codes of the rows (NIS sections, plan areas or activities) below which the guideline lets
    an office add its own rows, e.g. ("3",): the NIS plan's "other activities" the office chooses."""


def template_tier(tier: str) -> str:
    """Office tier -> template tier: upazila, district and regional offices use "field"."""
    return "head_office" if tier == "head_office" else "field"


@lru_cache(maxsize=1)
def _loaded() -> tuple[Template, ...]:
    return tuple(load_templates())


def load_templates() -> list[Template]:
    """Every template file shipped in ``resources/templates``."""
    templates = []
    for path in sorted(resource_path("templates").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        hint = NisPlan if data["kind"] == "nis" else Plan
        plan = interchange.from_data(hint, data["plan"], where=path.name)
        templates.append(Template(id=data["id"], kind=data["kind"], fiscal_year=data["fiscal_year"],
                                  tier=data["tier"], version=int(data["version"]), source=data["source"],
                                  plan=plan, labels=data.get("print", {}),
                                  own_rows=tuple(data.get("own_rows", ()))))
    return templates


def available_years() -> list[str]:
    return sorted({t.fiscal_year for t in _loaded()})


def find_template(kind: str, fiscal_year: str, tier: str = "field") -> Template:
    """The latest version for that kind, year and tier; a year without one gets the nearest
    earlier year's; a head office without one of its own gets the field template."""
    wanted = template_tier(tier)
    for t_tier in dict.fromkeys((wanted, "field")):
        found = [t for t in _loaded() if t.kind == kind and t.tier == t_tier and t.fiscal_year <= fiscal_year]
        if found:
            year = max(t.fiscal_year for t in found)
            return max((t for t in found if t.fiscal_year == year), key=lambda t: t.version)
    raise TemplateError(f"no {kind} template for {fiscal_year} ({wanted}) or any earlier year")


def template_by_id(template_id: str | None) -> Template | None:
    """The shipped template with this id (a part's ``template_id``), if any."""
    return next((t for t in _loaded() if t.id == template_id), None) if template_id else None


def new_office_year(office: Office, fiscal_year: str) -> OfficeYear:
    """A new office-year starting from that year's templates; each part records its template id
    (which names the year it really came from when an earlier year's template was used)."""
    office_year = OfficeYear(office=copy.deepcopy(office), fiscal_year=fiscal_year)
    governance = find_template("governance", fiscal_year, office.tier)
    office_year.section3.areas = copy.deepcopy(governance.plan.areas)
    office_year.section3.columns = copy.deepcopy(governance.plan.columns)
    office_year.section3.template_id = governance.id
    nis = find_template("nis", fiscal_year, office.tier)
    office_year.nis = copy.deepcopy(nis.plan)
    office_year.nis.template_id = nis.id
    for kind in ANNEX_KINDS[1:]:
        template = find_template(kind, fiscal_year, office.tier)
        plan = copy.deepcopy(template.plan)
        plan.template_id = template.id
        office_year.annexes[kind] = plan
    return office_year


def strip_achievements(plan: Union[Plan, NisPlan]) -> None:
    """Make an office's plan a template: keep rows, units, weights and targets; drop what the
    office reported (achievements, typed totals, remarks, previous actuals, projections)."""
    if isinstance(plan, NisPlan):
        for section in plan.sections:
            for act in section.activities:
                fresh = type(act)(code=act.code, title=act.title, indicator=act.indicator, weight=act.weight,
                                  unit=act.unit, responsible=act.responsible, annual_target=act.annual_target,
                                  targets=act.targets, target_total=act.target_total)
                act.__dict__.update(fresh.__dict__)
        return
    for area in plan.areas:
        for act in area.activities:
            for ind in act.indicators:
                fresh = type(ind)(code=ind.code, title=ind.title, unit=ind.unit, weight=ind.weight,
                                  method=ind.method, levels=ind.levels, feeds_from=ind.feeds_from)
                ind.__dict__.update(fresh.__dict__)
