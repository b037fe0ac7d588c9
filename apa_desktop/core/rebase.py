"""Re-basing a part of a started office-year on a newer version of its template.

A started year keeps the exact template it began with (each part records the template's id and
SHA-256); a newer version (headquarters' official template after a carry-over, version 2 after
version 1) is applied only when the clerk asks, after a preview row by row. Rows are matched by
code: a matched row takes the new template's title, unit, weight and targets and keeps everything
the office reported (achievements, remarks, evidence, typed totals, previous actuals and
projections); a removed row that holds anything reported is listed first, so nothing is lost
without being shown.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import interchange
from .model import Indicator, NisActivity, NisPlan, OfficeYear, Plan
from .templates import KINDS, Template, part_of, stamp, year_template

Row = Indicator | NisActivity
REPORTED = {
    Indicator: ("quarters", "quarter_remarks", "evidence", "remark", "typed_total", "typed_obtained", "pending",
                "prev_actuals", "projections"),
    NisActivity: ("achievements", "quarter_remarks", "evidence", "remark", "typed_total", "typed_obtained",
                  "pending"),
}
"""What the office wrote into a row: kept through a re-base."""
COMPARED = {
    Indicator: ("title", "unit", "weight", "method", "levels", "feeds_from"),
    NisActivity: ("title", "indicator", "unit", "weight", "responsible", "annual_target", "targets", "target_total"),
}
"""What the template gives a row: taken from the new version."""


@dataclass(frozen=True)
class RowChange:
    status: str
    """"unchanged", "changed", "added" or "removed"."""
    code: str
    title: str
    changed: tuple[str, ...] = ()
    """The fields the new version changes (weight, levels...)."""
    reported: bool = False
    """The office's row holds achievements, remarks or evidence."""

    @property
    def loses_report(self) -> bool:
        return self.status == "removed" and self.reported


@dataclass
class RebasePreview:
    kind: str
    old_id: str | None
    new: Template
    rows: list[RowChange] = field(default_factory=list)

    def lost(self) -> list[RowChange]:
        """Removed rows that hold something reported: shown before anything happens."""
        return [r for r in self.rows if r.loses_report]

    def ordered(self) -> list[RowChange]:
        """The rows as the preview shows them: reported rows that would be removed first."""
        return self.lost() + [r for r in self.rows if not r.loses_report]


def newer_templates(office_year: OfficeYear, catalogue: Iterable[Template]) -> dict[str, Template]:
    """Per kind, the template a new office-year of this year would take now, where the part began
    with another (an official template after a carry-over, a higher version)."""
    catalogue = list(catalogue)
    found = {}
    for kind in KINDS:
        part = part_of(office_year, kind)
        best = year_template(catalogue, kind, office_year.fiscal_year, office_year.office.tier)
        if part is None or best is None or part.template_id is None:
            continue
        if best.id != part.template_id:  # year_template ranks it above the one the part began with
            found[kind] = best
    return found


def preview(office_year: OfficeYear, template: Template) -> RebasePreview:
    """Row by row, what re-basing the part on ``template`` does."""
    part = part_of(office_year, template.kind)
    matched, unmatched = _match(_rows(part, template.kind) if part is not None else [],
                                _rows(template.plan, template.kind))
    result = RebasePreview(template.kind, getattr(part, "template_id", None), template)
    for new, old in matched:
        if old is None:
            result.rows.append(RowChange("added", new.code, new.title))
            continue
        old_data, new_data = interchange.to_data(old), interchange.to_data(new)
        changed = tuple(f for f in COMPARED[type(new)] if old_data[f] != new_data[f])
        result.rows.append(RowChange("changed" if changed else "unchanged", new.code, new.title, changed,
                                     _reported(old)))
    for old in unmatched:
        result.rows.append(RowChange("removed", old.code, old.title, (), _reported(old)))
    return result


def rebased(office_year: OfficeYear, template: Template) -> Plan | NisPlan:
    """The part as it is after re-basing on ``template``: the new rows, each matched row keeping
    what the office reported; for Section 3 the office's own areas stay as they are."""
    part = part_of(office_year, template.kind)
    plan = copy.deepcopy(template.plan)
    matched, _ = _match(_rows(part, template.kind) if part is not None else [], _rows(plan, template.kind))
    for row, old in matched:
        if old is not None:
            for name in REPORTED[type(row)]:
                setattr(row, name, copy.deepcopy(getattr(old, name)))
    if isinstance(plan, NisPlan):
        plan.office_label = office_year.nis.office_label or office_year.office.name
        stamp(plan, template)
        return plan
    if template.kind == "governance":
        section3 = copy.deepcopy(office_year.section3)
        section3.areas = [a for a in section3.areas if not a.governance] + plan.areas
        stamp(section3, template)
        return section3
    stamp(plan, template)
    return plan


def part_path(kind: str) -> tuple[str, ...]:
    """The edit path of the part a template of ``kind`` fills."""
    return ("section3",) if kind == "governance" else ("nis",) if kind == "nis" else ("annexes", kind)


def _rows(plan: Any, kind: str) -> list[Row]:
    if isinstance(plan, NisPlan):
        return [a for s in plan.sections for a in s.activities]
    areas = [a for a in plan.areas if a.governance] if kind == "governance" else plan.areas
    return [i for a in areas for act in a.activities for i in act.indicators]


def _match(old_rows: list[Row], new_rows: list[Row]) -> tuple[list[tuple[Row, Row | None]], list[Row]]:
    """Each new row with the office's row of the same code (the first one, when the office's
    part repeats a code), and the office's rows left unmatched."""
    pool: dict[str, list[Row]] = {}
    for old in old_rows:
        pool.setdefault(old.code, []).append(old)
    matched = [(new, pool[new.code].pop(0) if pool.get(new.code) else None) for new in new_rows]
    taken = {id(old) for _, old in matched if old is not None}
    return matched, [old for old in old_rows if id(old) not in taken]


def _reported(row: Row) -> bool:
    values = row.achievements if isinstance(row, NisActivity) else row.quarters
    return (any(v is not None for v in values) or bool(row.remark) or any(row.evidence)
            or any(row.quarter_remarks) or row.typed_total is not None)

