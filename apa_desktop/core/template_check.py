"""Validation of a template before anyone uses it: made from pasted text, received in a pack, or
shipped.

This is the one validation of templates: it first applies the checks every document from outside
gets (core.validation.template_plan_problems: sizes, finite numbers, four quarters, marks from 0 to
100, known units), then the template's own rules.
Weights add up to the area, section and annex totals (the same rules as the office-year's, from
core.scoring); units and calculation methods are known ones; codes are unique and each row's code
follows the one before and belongs to its parent; target levels are set best-first; nothing an
office reported is in it. Each problem names its row (the code as printed) and what is expected.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from .model import (
    METHODS,
    UNITS,
    CountDate,
    NisPlan,
    Office,
    OfficeYear,
    Plan,
    Unreadable,
)
from .numerals import format_code, format_number
from .scoring import GOVERNANCE_MARKS, validate_weights
from .templates import Template
from .validation import template_plan_problems

Path = tuple[Any, ...]


@dataclass(frozen=True)
class TemplateProblem:
    row: str
    """The row as printed ("[১.১.১]", "লাইন ২৫"), or "" for the whole template."""
    message_bn: str
    message_en: str
    row_en: str = ""
    """The row in English ("[1.1.1]", "line 25")."""

    def message(self, lang: str = "bn") -> str:
        row, text = (self.row_en, self.message_en) if lang == "en" else (self.row, self.message_bn)
        return f"{row}: {text}" if row else text


def row_problem(code: str, bn: str, en: str) -> TemplateProblem:
    """A problem of the row with ``code`` ("1.1.1"; "" for the whole template)."""
    return TemplateProblem(format_code(code) if code else "", bn, en, format_code(code, "en") if code else "")


def check_template(template: Template) -> list[TemplateProblem]:
    """Every problem of ``template`` (none: it may be used)."""
    return check_plan(template.kind, template.plan)


def check_plan(kind: str, plan: Plan | NisPlan) -> list[TemplateProblem]:
    """Every problem of a template's ``plan`` of ``kind``: first what makes it unsafe to read
    (then nothing more is checked), else the template's rules row by row."""
    unsafe = _unsafe_problems(kind, plan)
    if unsafe:
        return unsafe
    problems = _weight_problems(kind, plan)
    rows = list(_nis_rows(plan) if isinstance(plan, NisPlan) else _plan_rows(plan))
    if not rows:
        problems.append(row_problem("", "টেমপ্লেটে কোনো সারি নেই", "The template has no rows"))
    problems += _code_problems(rows)
    for code, unit, method, levels, targets, reported, _level in rows:
        if unit is not None and unit not in UNITS:
            problems.append(row_problem(code, f"অজানা একক {unit!r}; হতে হবে: {', '.join(UNITS)}",
                                            f"unknown unit {unit!r}; expected one of {', '.join(UNITS)}"))
        if method is not None and method not in METHODS:
            problems.append(row_problem(code, f"অজানা গণনা পদ্ধতি {method!r}; হতে হবে: {', '.join(METHODS)}",
                                            f"unknown calculation method {method!r}; expected one of "
                                            f"{', '.join(METHODS)}"))
        problems += _unreadable_problems(code, levels + targets) + _level_problems(code, levels)
        if reported:
            problems.append(row_problem(code, "টেমপ্লেটে অর্জন, মন্তব্য বা প্রমাণক থাকতে পারে না",
                                            "a template holds no achievements, remarks or evidence"))
    return problems


def _unsafe_problems(kind: str, plan: Plan | NisPlan) -> list[TemplateProblem]:
    """The checks of every incoming document, each problem named by its row when it lies in one.
    The plan-wide weight sum is left to :func:`_weight_problems`, which names the rows."""
    problems = []
    for problem in template_plan_problems(plan, kind, "plan"):
        if problem.path == "plan":
            continue
        steps = tuple(int(i) if i else name for name, i in _STEP.findall(problem.path[len("plan"):]))
        code = _code_at(plan, ("section3", *steps))
        where = problem.path[len("plan"):].lstrip(".")
        problems.append(TemplateProblem(format_code(code) if code else where, problem.message_bn,
                                        problem.message_en, format_code(code, "en") if code else where))
    return problems


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def _weight_problems(kind: str, plan: Plan | NisPlan) -> list[TemplateProblem]:
    """The office-year's own weight rules applied to a scratch office-year holding only this part."""
    scratch = OfficeYear(office=Office(id="-", name="-"), fiscal_year="2000-01")
    if isinstance(plan, NisPlan):
        scratch.nis = plan
    elif kind == "governance":
        scratch.section3 = plan
    else:
        scratch.annexes[kind] = plan
    problems = [row_problem(_code_at(plan, issue.path), issue.message_bn, issue.message_en)
                for issue in validate_weights(scratch) if issue.path != ("section3",)]
    problems += _heavier_than_the_plan(plan)
    if kind == "governance" and isinstance(plan, Plan):
        weight = sum(a.weight or 0 for a in plan.areas)
        if abs(weight - GOVERNANCE_MARKS) > 1e-6:
            problems.append(row_problem("", f"সুশাসন ও সংস্কারমূলক ক্ষেত্রের মান {format_number(weight)}, হওয়া উচিত {format_number(GOVERNANCE_MARKS)}",
                                            f"the governance area weighs {weight:g}, it should weigh {GOVERNANCE_MARKS}"))
    return problems


def _heavier_than_the_plan(plan: Plan | NisPlan) -> list[TemplateProblem]:
    """A row weighing more than its whole plan: the sum's mismatch is then this row's doing."""
    if not plan.total:
        return []
    rows = ([(act.code, act.weight) for section in plan.sections for act in section.activities]
            if isinstance(plan, NisPlan) else
            [(ind.code, ind.weight) for area in plan.areas for act in area.activities for ind in act.indicators])
    return [row_problem(code, f"এই সারির মান {format_number(weight)}, পুরো পরিকল্পনার মোট মান "
                              f"{format_number(plan.total)} এর বেশি",
                        f"this row weighs {weight:g}, more than the whole plan's total of {plan.total:g}")
            for code, weight in rows if weight is not None and weight > plan.total + 1e-6]


def _code_at(plan: Plan | NisPlan, path: Path) -> str:
    """The code of the row a weight issue's path points into."""
    node: Any = plan
    code = ""
    for step in path[1:] if path[:1] == ("nis",) else path[1:] if path[:1] == ("section3",) else path[2:]:
        try:
            node = node[step] if isinstance(step, int) else getattr(node, step)
        except (AttributeError, IndexError, KeyError, TypeError):
            break
        code = getattr(node, "code", code) or code
    return code


Row = tuple[str, Any, Any, list[Any], list[Any], bool, int]
"""code, unit, method, levels best-first, its other targets, whether it holds anything an office
reported, and its level (0 areas and NIS sections, 1 activities, 2 indicators)."""


def _plan_rows(plan: Plan) -> Iterator[Row]:
    for area in plan.areas:
        yield area.code, None, None, [], [], False, 0
        for act in area.activities:
            yield act.code, None, None, [], [], False, 1
            for ind in act.indicators:
                reported = any(q is not None for q in ind.quarters) or bool(ind.remark) or any(ind.evidence)
                yield ind.code, ind.unit, ind.method, list(ind.levels), [], reported, 2


def _nis_rows(plan: NisPlan) -> Iterator[Row]:
    for section in plan.sections:
        yield section.code, None, None, [], [], False, 0
        for act in section.activities:
            reported = (any(a is not None for a in act.achievements) or bool(act.remark) or any(act.evidence)
                        or act.typed_total is not None)
            yield act.code, act.unit, None, [], [act.annual_target, *act.targets], reported, 1


def _code_problems(rows: list[Row]) -> list[TemplateProblem]:
    """At each level (areas, activities, indicators) codes are unique and in order, and each row's
    code is under its parent's ([১.২.১] under [১.২])."""
    problems = []
    seen: set[tuple[int, str]] = set()
    previous: dict[int, tuple[int, ...]] = {}
    parent: dict[int, str] = {}
    for level, code in _levels(rows):
        parts = _parts(code)
        if parts is None:
            problems.append(row_problem(code, "কোড সংখ্যা ও বিন্দু দিয়ে লিখতে হবে, যেমন [১.১.১]",
                                        "a code is numbers and dots, e.g. [1.1.1]"))
            continue
        above = parent.get(level - 1, "")
        if (level, code) in seen:
            problems.append(row_problem(code, "এই কোড আগেও আছে; প্রতিটি কোড একবার", "this code appears twice; codes are unique"))
        elif above and not code.startswith(above + "."):
            problems.append(row_problem(code, f"কোডটি {format_code(above)} এর অধীনে হওয়ার কথা ({format_code(above)}.…)",
                                        f"expected a code under {format_code(above, 'en')} "
                                        f"({format_code(above, 'en')[:-1]}.…])"))
        elif level in previous and parts <= previous[level]:
            before = format_code(_text(previous[level]))
            problems.append(row_problem(code, f"কোডটি আগের সারির ({before}) পরে আসার কথা",
                                        f"out of order: expected a code after {format_code(_text(previous[level]), 'en')}"))
        seen.add((level, code))
        previous[level], parent[level] = parts, code
        for deeper in [k for k in parent if k > level]:
            del parent[deeper]
    return problems


def _levels(rows: list[Row]) -> Iterator[tuple[int, str]]:
    """(level, code) of each row with a code: 0 for areas and NIS sections, 1 activities, 2 indicators."""
    for row in rows:
        if row[0]:
            yield row[6], row[0]


def _parts(code: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in code.split("."))
    except ValueError:
        return None


def _text(parts: tuple[int, ...]) -> str:
    return ".".join(map(str, parts))


def _unreadable_problems(code: str, values: list[Any]) -> list[TemplateProblem]:
    return [row_problem(code, f"লক্ষ্যমাত্রা পড়া যায়নি: {v.text!r}; সংখ্যা, তারিখ বা 'সংখ্যা ও তারিখ' দিন",
                            f"a target could not be read: {v.text!r}; expected a number, a date or a count and dates")
            for v in values if isinstance(v, Unreadable)]


def _level_problems(code: str, levels: list[Any]) -> list[TemplateProblem]:
    """Levels best-first: counts and percents never rise, dates never come earlier."""
    counts = [v.count if isinstance(v, CountDate) else v for v in levels]
    numbers = [v for v in counts if isinstance(v, (int, float))]
    dates = [v for v in levels if isinstance(v, date)]
    if any(a < b for a, b in pairwise(numbers)) or any(a > b for a, b in pairwise(dates)):
        return [row_problem(code, "লক্ষ্যমাত্রা সর্বোত্তম থেকে ক্রমানুসারে দিন (অসাধারণ আগে, পরেরগুলো কম বা পরের তারিখ)",
                                "target levels must be set best-first (the 100 % level first, each next one lower, "
                                "or for dates later)")]
    return []


__all__ = ["TemplateProblem", "check_plan", "check_template", "row_problem"]
