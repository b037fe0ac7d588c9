"""A template from the official form's text: the rows of a plan copied from the Cabinet Division's
guideline (Word or PDF text, tab-separated, with the table's header), read by the same importer
that reads the seed documents, then validated (core.template_check)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .importer import ImportProblem, import_document
from .model import NisPlan, Office, Plan
from .numerals import format_number
from .template_check import TemplateProblem, check_plan, row_problem
from .templates import KINDS, Template, make_template, strip_achievements

_NO_PLAN = ("লেখায় এই ধরনের কোনো পরিকল্পনার সারণি পাওয়া যায়নি (সারণির শিরোনামসহ কপি করুন)",
            "No plan of this kind was found in the text (copy the table with its header)")


@dataclass
class TextTemplate:
    """What the text gave: the template (None when it has problems) and every problem."""

    template: Template | None
    plan: Plan | NisPlan | None
    problems: list[TemplateProblem] = field(default_factory=list)


def template_from_text(kind: str, fiscal_year: str, tier: str, text: str, *, total: float | None = None,
                       version: int = 1, status: str = "official", source: str = "") -> TextTemplate:
    """Read the plan of ``kind`` from ``text`` and make it a template; ``total`` is the annex total
    when the copied text does not print it."""
    if kind not in KINDS:
        raise ValueError(f"unknown template kind {kind!r}")
    result = import_document(text, Office(id="-", name="-"), fiscal_year)
    plan = _plan_of(kind, result.office_year)
    problems = [_import_problem(p) for p in result.problems]
    if plan is None:
        return TextTemplate(None, None, problems + [row_problem("", *_NO_PLAN)])
    plan = copy.deepcopy(plan)
    strip_achievements(plan)  # a report's achievements are not the form's
    if total is not None:
        plan.total = total
    problems += check_plan(kind, plan)
    if problems:
        return TextTemplate(None, plan, problems)
    template = make_template(kind, fiscal_year, tier, version, status, source or "text of the official form", plan)
    return TextTemplate(template, template.plan, [])


def _plan_of(kind: str, office_year: object) -> Plan | NisPlan | None:
    if kind == "nis":
        nis = office_year.nis  # type: ignore[attr-defined]
        return nis if nis.sections else None
    if kind == "governance":
        section3 = copy.deepcopy(office_year.section3)  # type: ignore[attr-defined]
        section3.areas = [a for a in section3.areas if a.governance]
        return section3 if section3.areas else None
    return office_year.annexes.get(kind)  # type: ignore[attr-defined]


def _import_problem(problem: ImportProblem) -> TemplateProblem:
    where_bn = f"লাইন {format_number(problem.line)}" + (
        f", কলাম {format_number(problem.column + 1)}" if problem.column >= 0 else "")
    where_en = f"line {problem.line}" + (f", column {problem.column + 1}" if problem.column >= 0 else "")
    return TemplateProblem(where_bn, f"{problem.text!r} পড়া যায়নি; প্রত্যাশিত: {problem.expected_bn}",
                           f"{problem.text!r} could not be read; expected {problem.expected_en}", where_en)
