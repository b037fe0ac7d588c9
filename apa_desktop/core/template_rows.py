"""A template's rows as text, one per area, activity and indicator (the CLI's ``templates show`` and
the window's template dialog print the same)."""

from __future__ import annotations

from .model import NisPlan, Plan
from .numerals import format_code, format_number, format_value


def template_rows(plan: Plan | NisPlan, digits: str = "bn") -> list[tuple[str, str, str, str, str]]:
    """(code, title, unit, weight, targets) per row; the targets are the levels best-first, or a
    NIS activity's annual target."""
    def weight(w: float | None) -> str:
        return "" if w is None else format_number(w, digits)

    rows = []
    if isinstance(plan, NisPlan):
        for section in plan.sections:
            rows.append((format_code(section.code, digits), section.title, "", weight(section.weight), ""))
            for nis_act in section.activities:
                rows.append((format_code(nis_act.code, digits), nis_act.title, nis_act.unit, weight(nis_act.weight),
                             format_value(nis_act.annual_target, nis_act.unit, digits)))
        return rows
    for area in plan.areas:
        rows.append((format_code(area.code, digits) if area.code else "", area.title, "", weight(area.weight), ""))
        for act in area.activities:
            rows.append((format_code(act.code, digits), act.title, "", "", ""))
            for ind in act.indicators:
                levels = " | ".join(format_value(v, ind.unit, digits) for v in ind.levels)
                rows.append((format_code(ind.code, digits), ind.title, ind.unit, weight(ind.weight), levels))
    return rows
