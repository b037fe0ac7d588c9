"""Rows pasted from Word/Excel into an existing plan, NIS section or register.

The pasted text is read by the same row readers as whole documents. A header row may be
pasted with the rows (then columns are mapped by it); without one, the target's printed
columns are assumed in their usual order. Nothing changes when a row is unreadable, unless
the caller accepts the problems.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

from ..model import EnothiWorksheet, FourIRAction, InnovationProgressReport, InnovationRecord, NisPlan, NisSection, Plan
from .blocks import Block, Row
from .headers import header_length, table_kind
from .nis import NisBuilder, NisLayout, is_nis_data, nis_layout
from .plans import PlanBuilder, PlanLayout, is_plan_data, plan_layout, read_plan_rows
from .problems import ImportProblem, Reader, clean
from .registers import add_branch, add_fourir, add_innovation, add_progress

REGISTER_KINDS = {InnovationRecord: "innovations", FourIRAction: "fourir"}


@dataclass
class PasteResult:
    rows: list[Any] = field(default_factory=list)
    """The rows read (indicators, NIS activities or register rows), in pasted order."""
    problems: list[ImportProblem] = field(default_factory=list)
    applied: bool = False


def paste_rows(target: Any, text: str, position: int, accept_problems: bool = False,
               kind: str | None = None) -> PasteResult:
    """Read tab-separated ``text`` into ``target`` at ``position``.

    ``target``: a :class:`Plan` (new areas, or new activities for plans without an area
    column, go in at ``position``), a :class:`NisSection` (activities), an
    :class:`InnovationProgressReport` or :class:`EnothiWorksheet` (rows/branches), or a
    register list (``kind`` "innovations" or "fourir" when the list is empty).
    """
    rows = [Row(n, line.split("\t")) for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1)
            if clean(line.replace("\t", ""))]
    reader = Reader()
    result = PasteResult()
    if isinstance(target, Plan):
        scratch, items = _plan(target, rows, reader)
        result.rows = [i for a in scratch for act in a.activities for i in act.indicators]
    elif isinstance(target, NisSection):
        items = _nis(rows, reader)
        result.rows = items
    else:
        items = _register(target, rows, reader, kind)
        result.rows = items
    result.problems = reader.problems
    if result.problems and not accept_problems:
        return result
    _insert(target, items, position)
    result.applied = True
    return result


def _insert(target: Any, items: list, position: int) -> None:
    if isinstance(target, Plan):
        if not target.columns.area and target.areas:
            acts = [act for area in items for act in area.activities]
            target.areas[0].activities[position:position] = acts
        else:
            target.areas[position:position] = items
    elif isinstance(target, NisSection):
        target.activities[position:position] = items
    elif isinstance(target, InnovationProgressReport):
        target.rows[position:position] = items
    elif isinstance(target, EnothiWorksheet):
        target.branches[position:position] = items
    else:
        target[position:position] = items


def _plan(target: Plan, rows: list[Row], reader: Reader) -> tuple[list, list]:
    n = header_length(Block(rows=rows), is_plan_data) if rows else 0
    layout = plan_layout(rows[:n], None) if n else _layout_by_content(target, rows)
    scratch = Plan(kind=target.kind, columns=copy.deepcopy(target.columns))
    read_plan_rows(PlanBuilder(scratch, layout, reader), rows[n:])
    return scratch.areas, scratch.areas


def _layout_by_content(target: Plan, rows: list[Row]) -> PlanLayout:
    """Without a header row: the target's printed columns, or the same without the previous
    years', projections' or method columns (rows copied from a report often lack them), whichever
    reads the rows with the fewest problems and fills the levels (the target's own order first)."""
    cols = target.columns
    best: tuple[int, int, PlanLayout] | None = None
    for prev in dict.fromkeys((cols.prev_actuals, False)):
        for projections in dict.fromkeys((cols.projections, False)):
            for method in dict.fromkeys((cols.method, False)):
                trial = Plan(kind=target.kind,
                             columns=replace(cols, prev_actuals=prev, projections=projections, method=method))
                layout = _default_layout(trial)
                reader = Reader()
                read_plan_rows(PlanBuilder(trial, layout, reader), rows)
                empty_levels = sum(level is None for a in trial.areas for act in a.activities
                                   for ind in act.indicators for level in ind.levels[:1])
                score = (len(reader.problems), empty_levels)
                if best is None or score < best[:2]:
                    best = (*score, layout)
    assert best is not None
    return best[2]



def _default_layout(plan: Plan) -> PlanLayout:
    """The usual column order of a plan with these printed columns."""
    cols = plan.columns
    layout, col = PlanLayout(), 0

    def take() -> int:
        nonlocal col
        col += 1
        return col - 1

    if cols.serial:
        layout.serial = take()
    if cols.area:
        layout.area, layout.area_weight = take(), take()
    layout.activity, layout.indicator = take(), take()
    if cols.method:
        layout.method = take()
    layout.unit, layout.weight = take(), take()
    if cols.prev_actuals:
        layout.prev = [take() for _ in range(max(2, len(cols.prev_years)))]
    layout.levels = [(take(), p) for p in cols.levels]
    if cols.projections:
        layout.projections = [take() for _ in range(max(2, len(cols.projection_years)))]
    layout.remark = take()
    return layout


def _nis(rows: list[Row], reader: Reader) -> list:
    n = header_length(Block(rows=rows), is_nis_data) if rows else 0
    layout = nis_layout(rows[:n]) if n else NisLayout()
    section = NisSection()
    builder = NisBuilder(NisPlan(sections=[section]), layout, reader, section)
    for row in rows[n:]:
        builder.add_row(row)
    return section.activities


def _register(target: Any, rows: list[Row], reader: Reader, kind: str | None) -> list:
    if rows and table_kind(Block(rows=rows[:1])) not in ("unknown", "plan"):
        rows = rows[1:]
    if isinstance(target, InnovationProgressReport):
        scratch = InnovationProgressReport()
        for row in rows:
            add_progress(scratch, row, reader)
        return scratch.rows
    if isinstance(target, EnothiWorksheet):
        sheet = EnothiWorksheet()
        for row in rows:
            add_branch(sheet, row, reader)
        return sheet.branches
    kind = kind or (REGISTER_KINDS.get(type(target[0])) if target else None)
    items: list = []
    for row in rows:
        if kind == "innovations":
            add_innovation(items, row, reader)
        elif kind == "fourir":
            add_fourir(items, row, reader)
        else:
            reader.problem(row.line, -1, "", "উদ্ভাবন ডাটাবেজ বা ৪আইআর কর্মপরিকল্পনার সারি",
                           "a row of the innovation database or the 4IR plan")
            break
    return items
