"""Fiscal-year templates: the standard annex plans (4-8) and Section 3's governance area.

Templates are data, one per kind, fiscal year, tier and version, because their rows, weights and
columns change every year (format in ``docs/templates.md``). The shipped ones are files in
``resources/templates/<fiscal-year>/``; an office's database adds those headquarters sent in signed
packs, the carry-overs made for a year without an official template, and a focal point's drafts.
Which of them a new office-year uses is decided here, from a *catalogue* (a list of templates).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..paths import resource_path
from . import interchange
from .errors import UserError
from .model import ANNEX_KINDS, NisActivity, NisPlan, Office, OfficeYear, Plan
from .vocabulary import TemplateStatus

KINDS = ANNEX_KINDS + ("governance",)
"""nis, egov, grs, charter, rti, and "governance" (Section 3's সুশাসন ও সংস্কারমূলক area)."""
TEMPLATE_TIERS = ("field", "head_office")
STATUSES: tuple[str, ...] = tuple(status.value for status in TemplateStatus)
"""official: made from the year's guideline; partial: only part of the plan is known (the note says
why); carry-over: an earlier year's rows renumbered for this year, to be checked; draft: a focal
point's, for this office only, until headquarters issues the year's."""
_RANK = {"official": 4, "draft": 3, "partial": 2, "carry-over": 1}
"""Which template of a year a new office-year takes: an official one over a draft over a partial one
over a carry-over; then the highest version."""
NEEDS_CHECK = ("partial", "carry-over")
"""Statuses the window's banner names until the part is re-based on an official template."""



class TemplateError(UserError, LookupError):
    """No template of that kind for that year (or any earlier year), or a template file that is
    not one."""


@dataclass(frozen=True)
class Template:
    id: str
    """"egov/2022-23/field/1"."""
    kind: str
    fiscal_year: str
    tier: str
    version: int
    status: str
    source: str
    plan: Plan | NisPlan
    note: str = ""
    """Why a partial template is partial, what to check in a carry-over."""
    carried_from: str | None = None
    """The template a carry-over was made from."""
    data: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    """The template as JSON data, every field kept (fields other versions add included)."""

    @property
    def sha256(self) -> str:
        return template_sha256(self.data)

    @property
    def area_plan(self) -> Plan:
        """The plan of a template of any kind but ``nis`` (areas → activities → indicators)."""
        assert isinstance(self.plan, Plan), f"a {self.kind} template has no areas"
        return self.plan

    @property
    def nis_plan(self) -> NisPlan:
        """The plan of an ``nis`` template (sections → activities)."""
        assert isinstance(self.plan, NisPlan), f"a {self.kind} template has no NIS sections"
        return self.plan

    @property
    def labels(self) -> dict[str, Any]:
        """How the year's form prints this part (the file's ``print`` object: headings, group
        headers, banners, instructions; see docs/templates.md)."""
        return self.data.get("print", {})

    @property
    def own_rows(self) -> tuple[str, ...]:
        """Codes of the rows (NIS sections, plan areas or activities) below which the guideline lets
        an office add its own rows, e.g. ("3",): the NIS plan's "other activities" the office chooses."""
        return tuple(self.data.get("own_rows", ()))

    @property
    def key(self) -> tuple[str, str, str]:
        """(kind, fiscal year, tier): the versions of one template share it."""
        return (self.kind, self.fiscal_year, self.tier)


def template_id(kind: str, fiscal_year: str, tier: str, version: int, status: str = "official") -> str:
    """"egov/2026-27/field/2"; a draft's id says so ("…/2-draft") so that headquarters' version of
    the same number is another template."""
    base = f"{kind}/{fiscal_year}/{tier}/{version}"
    return f"{base}-draft" if status == "draft" else base


def canonical_bytes(data: dict[str, Any]) -> bytes:
    """The template's JSON in one canonical form (sorted keys, UTF-8): what its SHA-256 is of."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def template_sha256(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(data)).hexdigest()


def template_from_data(data: Any, where: str = "") -> Template:
    """A template from its JSON data; :class:`TemplateError` naming what is wrong otherwise."""
    if not isinstance(data, dict):
        raise _bad(where, "not a JSON object")
    try:
        kind, status = data["kind"], data.get("status", "official")
        if kind not in KINDS:
            raise _bad(where, f"unknown kind {kind!r}")
        if status not in STATUSES:
            raise _bad(where, f"unknown status {status!r}")
        if data["tier"] not in TEMPLATE_TIERS:
            raise _bad(where, f"unknown tier {data['tier']!r}")
        version = data["version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise _bad(where, "version must be a whole number")
        hint = NisPlan if kind == "nis" else Plan
        plan = interchange.from_data(hint, data["plan"], where=where or data["id"])
        return Template(id=str(data["id"]), kind=kind, fiscal_year=str(data["fiscal_year"]), tier=data["tier"],
                        version=version, status=status, source=str(data.get("source", "")), plan=plan,
                        note=str(data.get("note", "")), carried_from=data.get("carried_from"),
                        data=copy.deepcopy(data))
    except KeyError as exc:
        raise _bad(where, f"missing field {exc}") from None
    except interchange.InterchangeError as exc:
        raise _bad(where, str(exc)) from None


def make_template(kind: str, fiscal_year: str, tier: str, version: int, status: str, source: str,
                  plan: Plan | NisPlan, note: str = "", carried_from: str | None = None,
                  extra: dict[str, Any] | None = None) -> Template:
    """A template from a plan (copied, stripped of anything an office reported)."""
    plan = copy.deepcopy(plan)
    strip_achievements(plan)
    plan.template_id = None
    if isinstance(plan, NisPlan):
        plan.office_label = ""  # the NIS heading names the office of each office-year
    data: dict[str, Any] = {"id": template_id(kind, fiscal_year, tier, version, status), "kind": kind,
                            "fiscal_year": fiscal_year, "tier": tier, "version": version, "status": status,
                            "source": source, "note": note, "carried_from": carried_from}
    data.update(extra or {})
    data["plan"] = interchange.to_data(plan)
    return template_from_data(data)


def _bad(where: str, detail: str) -> TemplateError:
    return TemplateError(f"টেমপ্লেটটি পড়া যায়নি ({where}): {detail}",
                         f"Not a template ({where}): {detail}")


def template_tier(tier: str) -> str:
    """Office tier -> template tier: upazila, district and regional offices use "field"."""
    return "head_office" if tier == "head_office" else "field"


@lru_cache(maxsize=1)
def _loaded() -> tuple[Template, ...]:
    return tuple(load_templates())


def template_by_id(template_id: str | None) -> Template | None:
    """The shipped template with this id (a part's ``template_id``), if any."""
    return next((t for t in _loaded() if t.id == template_id), None) if template_id else None


def load_templates() -> list[Template]:
    """Every template file shipped in ``resources/templates``."""
    return [template_from_data(json.loads(path.read_text(encoding="utf-8")), where=path.name)
            for path in sorted(resource_path("templates").glob("*/*.json"))]


def shipped_templates() -> list[Template]:
    return list(_loaded())


def available_years(catalogue: Iterable[Template] | None = None) -> list[str]:
    """The fiscal years that have a template."""
    return sorted({t.fiscal_year for t in (_loaded() if catalogue is None else catalogue)})


def earliest_year(catalogue: Iterable[Template] | None = None) -> str:
    return available_years(catalogue)[0]


def _tiers(tier: str) -> tuple[str, ...]:
    """The template tiers an office of ``tier`` may use, its own first."""
    return tuple(dict.fromkeys((template_tier(tier), "field")))


def year_template(catalogue: Iterable[Template], kind: str, fiscal_year: str, tier: str = "field") -> Template | None:
    """The template of that very year a new office-year takes (see ``_RANK``), or None."""
    catalogue = list(catalogue)
    for t_tier in _tiers(tier):
        found = [t for t in catalogue if t.key == (kind, fiscal_year, t_tier)]
        if found:
            return max(found, key=lambda t: (_RANK[t.status], t.version))
    return None


def carry_over_source(catalogue: Iterable[Template], kind: str, fiscal_year: str, tier: str = "field") -> Template:
    """The template a carry-over for ``fiscal_year`` is made from: the newest earlier year's,
    never itself a carry-over (so every carry-over names a real document)."""
    catalogue = [t for t in catalogue if t.status != "carry-over"]
    for t_tier in _tiers(tier):
        earlier = sorted({t.fiscal_year for t in catalogue if t.kind == kind and t.tier == t_tier
                          and t.fiscal_year < fiscal_year}, reverse=True)
        if earlier:
            found = year_template(catalogue, kind, earlier[0], t_tier)
            assert found is not None
            return found
    raise TemplateError(f"{fiscal_year} বা তার আগের কোনো বছরের {kind} টেমপ্লেট নেই",
                        f"No {kind} template for {fiscal_year} ({template_tier(tier)}) or any earlier year")


def find_template(kind: str, fiscal_year: str, tier: str = "field",
                  catalogue: Iterable[Template] | None = None) -> Template:
    """The template of that year, else the nearest earlier year's (as shipped)."""
    catalogue = list(_loaded() if catalogue is None else catalogue)
    found = year_template(catalogue, kind, fiscal_year, tier)
    return found if found is not None else carry_over_source(catalogue, kind, fiscal_year, tier)


@dataclass
class YearTemplates:
    """The templates of every part of a new office-year, and the carry-overs made for it (to be
    stored, so they are made once)."""

    chosen: dict[str, Template]
    made: list[Template]

    def needing_check(self) -> list[Template]:
        return [t for t in self.chosen.values() if t.status in NEEDS_CHECK]


def templates_for_year(catalogue: Iterable[Template], fiscal_year: str, tier: str) -> YearTemplates:
    """Every kind's template for a new office-year; a kind without one of that year gets a
    carry-over (never silently an earlier year's)."""
    from .carryover import carry_over

    catalogue = list(catalogue)
    chosen: dict[str, Template] = {}
    made: list[Template] = []
    for kind in KINDS:
        found = year_template(catalogue, kind, fiscal_year, tier)
        if found is None:
            found = carry_over(carry_over_source(catalogue, kind, fiscal_year, tier), fiscal_year)
            made.append(found)
        chosen[kind] = found
    return YearTemplates(chosen, made)


def year_status(catalogue: Iterable[Template], fiscal_year: str, tier: str) -> dict[str, str]:
    """Per kind, the status the office-year would start with ("carry-over" where none exists yet)."""
    catalogue = list(catalogue)
    return {kind: (t.status if (t := year_template(catalogue, kind, fiscal_year, tier)) else "carry-over")
            for kind in KINDS}


def stamp(plan: Plan | NisPlan, template: Template) -> None:
    """Record in a part which template it came from, exactly (id and SHA-256)."""
    plan.template_id = template.id
    plan.template_sha256 = template.sha256


def apply_template(office_year: OfficeYear, template: Template) -> None:
    """Put a template's rows into the office-year's part of that kind (Section 3's governance area
    replaces the one there, the office's own areas stay)."""
    plan = copy.deepcopy(template.plan)
    if template.kind == "governance":
        assert isinstance(plan, Plan)
        section3 = office_year.section3
        section3.areas = [a for a in section3.areas if not a.governance] + plan.areas
        if not any(not a.governance for a in section3.areas):
            section3.columns = plan.columns
        stamp(section3, template)
    elif template.kind == "nis":
        assert isinstance(plan, NisPlan)
        plan.office_label = office_year.office.name
        office_year.nis = plan
        stamp(plan, template)
    else:
        assert isinstance(plan, Plan)
        office_year.annexes[template.kind] = plan
        stamp(plan, template)


def new_office_year(office: Office, fiscal_year: str, catalogue: Iterable[Template] | None = None) -> OfficeYear:
    """A new office-year from the year's templates (carry-overs made where the catalogue has none;
    store them with :func:`templates_for_year` first when they must be kept)."""
    chosen = templates_for_year(_loaded() if catalogue is None else catalogue, fiscal_year, office.tier).chosen
    return office_year_from(office, fiscal_year, chosen)


def office_year_from(office: Office, fiscal_year: str, chosen: dict[str, Template]) -> OfficeYear:
    office_year = OfficeYear(office=copy.deepcopy(office), fiscal_year=fiscal_year)
    for kind in KINDS:
        apply_template(office_year, chosen[kind])
    return office_year


def part_of(office_year: OfficeYear, kind: str) -> Plan | NisPlan | None:
    """The part of an office-year a template of ``kind`` fills (Section 3 for "governance")."""
    if kind == "governance":
        return office_year.section3
    if kind == "nis":
        return office_year.nis
    return office_year.annexes.get(kind)


def strip_achievements(plan: Plan | NisPlan) -> None:
    """Make an office's plan a template: keep rows, units, weights and targets; drop what the
    office reported (achievements, typed totals, remarks, previous actuals, projections)."""
    if isinstance(plan, NisPlan):
        for section in plan.sections:
            for nis_act in section.activities:
                fresh_nis = NisActivity(code=nis_act.code, title=nis_act.title, indicator=nis_act.indicator,
                                        weight=nis_act.weight, unit=nis_act.unit, responsible=nis_act.responsible,
                                        annual_target=nis_act.annual_target, targets=nis_act.targets,
                                        target_total=nis_act.target_total)
                nis_act.__dict__.update(fresh_nis.__dict__)
        return
    for area in plan.areas:
        for act in area.activities:
            for ind in act.indicators:
                fresh = type(ind)(code=ind.code, title=ind.title, unit=ind.unit, weight=ind.weight,
                                  method=ind.method, levels=ind.levels, feeds_from=ind.feeds_from)
                ind.__dict__.update(fresh.__dict__)

