"""A whole part of the plan (Section 3, an annex plan, Section 1/2, Annexes 1-3) read from a
document's text into an existing office-year, as a preview and a list of edits.

The text is read by :func:`import_document` (the one parser). Each source row is then matched to a
row of the office-year's part: by code, else by title similarity when the code is damaged (the
repair is listed), else it is new. Matched rows take the values the office enters (achievements,
remarks, typed totals; and, on its own rows, the plan's cells); new rows are inserted where the
document's rules (core.rules) allow, otherwise refused with the reason. Cells typed with the Bijoy
keyboard (SutonnyMJ) are converted to Unicode first and listed (core.bijoy), unless the clerk keeps
the original text. Nothing is stored here:
the caller stores ``edits`` as one audited change.
"""

from __future__ import annotations

import copy
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..bijoy_text import ConvertedCell, read_legacy
from ..edits import Edit, apply_edit, insert_edit, set_edit
from ..model import OfficeYear
from ..rules import DocumentRules
from ..walk import plan_indicators
from .document import import_document
from .problems import ImportProblem

PARTS = ("section3", "nis", "egov", "grs", "charter", "rti", "section1", "section2", "annex1", "annex2", "annex3")

OFFICE_FIELDS = ("prev_actuals", "levels", "projections", "quarters", "quarter_remarks", "typed_total",
                 "typed_obtained", "remark", "weight", "unit", "method", "title", "code")
NIS_FIELDS = ("annual_target", "targets", "achievements", "typed_total", "typed_obtained", "remark",
              "quarter_remarks", "responsible", "weight", "unit", "indicator", "title", "code", "target_total")
SIMILAR = 0.8
"""Title similarity (difflib ratio) above which a row with a damaged code is taken as the same row."""


@dataclass
class RowOutcome:
    """What became of one source row."""

    status: str
    """"matched", "matched_by_title", "new" or "refused"."""
    code: str
    title: str
    reason_bn: str = ""
    reason_en: str = ""


@dataclass
class PartImport:
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    """Cells that did not read: kept as written (marked unreadable), with their source line."""
    repairs: list[str] = field(default_factory=list)
    """Each damaged code repaired ("১.১] -> [১.১]"-style: the code read from the row matched by title)."""
    edits: list[Edit] = field(default_factory=list)
    converted: list[ConvertedCell] = field(default_factory=list)
    """Source cells that were Bijoy/SutonnyMJ text (line, column, as typed, as read)."""
    keep_original: bool = False

    @property
    def refused(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.status == "refused"]


_HALF_BRACKETED = re.compile(r"^(\s*)(\[?)([০-৯0-9]+(?:\.[০-৯0-9]+)+)(\]?)(?=\s|$)")


def repair_codes(text: str) -> tuple[str, list[str]]:
    """Codes OCR left with one bracket (``১.১]``, ``[১.১.১``) at the start of a cell, bracketed
    again; only dotted codes with exactly one bracket (unambiguous). Each repair is listed."""
    repairs: list[str] = []
    lines = text.split("\n")
    for n, line in enumerate(lines):
        cells = line.split("\t")
        for c, cell in enumerate(cells):
            match = _HALF_BRACKETED.match(cell)
            if match and bool(match.group(2)) != bool(match.group(4)):
                fixed = f"{match.group(1)}[{match.group(3)}]"
                repairs.append(f"line {n + 1}: {match.group(0).strip()} -> [{match.group(3)}]")
                cells[c] = fixed + cell[match.end():]
        lines[n] = "\t".join(cells)
    return "\n".join(lines), repairs


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a), _norm(b)).ratio()


class _Work:
    """The edits so far, applied to a scratch copy so each next edit's path is right."""

    def __init__(self, office_year: OfficeYear, result: PartImport) -> None:
        self.doc = copy.deepcopy(office_year)
        self.result = result
        self.new_rows: set[int] = set()
        """Rows this import inserted (by identity): a later source row is never matched to one."""

    def apply(self, edit: Edit) -> str | None:
        refused = DocumentRules(self.doc).refusal(edit)
        if refused is not None:
            return refused.message_bn + "\0" + refused.message_en
        apply_edit(self.doc, edit)
        self.result.edits.append(edit)
        if edit.kind == "insert":
            self.new_rows.update(_ids(_get(self.doc, edit.path)))
        return None

    def set_fields(self, path: tuple, source: Any, names: tuple[str, ...]) -> None:
        rules = DocumentRules(self.doc)
        target = _get(self.doc, path)
        for name in names:
            new = getattr(source, name)
            if new == getattr(target, name) or rules.fixed(path + (name,)) is not None:
                continue
            if new in (None, "", []) and name in ("code", "title", "unit"):
                continue
            self.apply(set_edit(self.doc, path + (name,), copy.deepcopy(new)))


def _ids(row: Any) -> set[int]:
    """The identities of a row and the rows below it."""
    found = {id(row)}
    for name in ("activities", "indicators"):
        for child in getattr(row, name, None) or []:
            found |= _ids(child)
    return found


def _get(root: Any, path: tuple) -> Any:
    obj = root
    for step in path:
        obj = obj[step] if isinstance(step, int) or isinstance(obj, dict) else getattr(obj, step)
    return obj


def import_part(office_year: OfficeYear, text: str, part: str, keep_original: bool = False) -> PartImport:
    """The preview (and edits) of reading ``part`` from ``text`` into ``office_year``;
    ``keep_original`` reads Bijoy cells as typed instead of converting them."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}")
    text, converted = read_legacy(text, keep_original)
    text, repairs = repair_codes(text)
    read = import_document(text, copy.deepcopy(office_year.office), office_year.fiscal_year)
    result = PartImport(problems=[p for p in read.problems if p.column >= 0], repairs=repairs,
                        converted=converted, keep_original=keep_original)
    for problem in read.problems:
        if problem.column < 0:  # a row that could not be read at all
            result.outcomes.append(RowOutcome("refused", "", problem.text[:80],
                                              f"লাইন {problem.line}: {problem.expected_bn}",
                                              f"line {problem.line}: {problem.expected_en}"))
    work = _Work(office_year, result)
    source = read.office_year
    if part in ("section3", "egov", "grs", "charter", "rti"):
        plan = source.section3 if part == "section3" else source.annexes.get(part)
        if plan is not None:
            _plan(work, ("section3",) if part == "section3" else ("annexes", part), plan)
    elif part == "nis":
        _nis(work, source)
    elif part == "section1":
        work.set_fields(("section1",), source.section1, ("vision", "mission", "own_areas", "governance_areas",
                                                        "functions"))
        result.outcomes.append(RowOutcome("matched", "", "section1"))
    else:
        _list(work, part, getattr(source, part))
    return result


def _refuse(result: PartImport, code: str, title: str, why: str) -> None:
    bn, _, en = why.partition("\0")
    result.outcomes.append(RowOutcome("refused", code, title, bn, en))


def _plan(work: _Work, plan_path: tuple, source: Any) -> None:
    result = work.result
    if plan_path[0] == "annexes" and work.doc.annexes.get(plan_path[1]) is None:
        why = work.apply(set_edit(work.doc, plan_path, copy.deepcopy(source)))
        status = "new" if why is None else "refused"
        for area in source.areas:
            for act in area.activities:
                for ind in act.indicators:
                    result.outcomes.append(RowOutcome(status, ind.code, ind.title))
        return
    for area in source.areas:
        for act in area.activities:
            for ind in act.indicators:
                _indicator(work, plan_path, area, act, ind)


def _candidates(work: _Work, plan_path: tuple, governance: bool) -> list[tuple[tuple, Any]]:
    plan = _get(work.doc, plan_path)
    area_of = len(plan_path) + 1  # the area's index in an indicator's path
    return [(path, ind) for path, ind in plan_indicators(plan, plan_path)
            if id(ind) not in work.new_rows
            and (plan_path != ("section3",) or plan.areas[path[area_of]].governance == governance)]


def _indicator(work: _Work, plan_path: tuple, area: Any, act: Any, ind: Any) -> None:
    result = work.result
    candidates = _candidates(work, plan_path, area.governance)
    by_code = [(p, i) for p, i in candidates if ind.code and i.code == ind.code]
    if len(by_code) > 1:
        by_code = [max(by_code, key=lambda pi: _similar(pi[1].title, ind.title))]
    status = "matched"
    if not by_code:
        best = max(candidates, key=lambda pi: _similar(pi[1].title, ind.title), default=None)
        if best is not None and _similar(best[1].title, ind.title) >= SIMILAR:
            by_code, status = [best], "matched_by_title"
            if best[1].code != ind.code:
                result.repairs.append(f"{ind.code or '—'} -> {best[1].code} ({_norm(ind.title)[:40]})")
    if by_code:
        path, _ = by_code[0]
        fixed_code = copy.deepcopy(ind)
        fixed_code.code = by_code[0][1].code
        work.set_fields(path, fixed_code, OFFICE_FIELDS)
        result.outcomes.append(RowOutcome(status, fixed_code.code, ind.title))
        return
    why = _insert_indicator(work, plan_path, area, act, ind)
    if why is None:
        result.outcomes.append(RowOutcome("new", ind.code, ind.title))
    else:
        _refuse(result, ind.code, ind.title, why)


def _insert_indicator(work: _Work, plan_path: tuple, area: Any, act: Any, ind: Any) -> str | None:
    """Insert a new indicator under its activity (or the activity under its area, or the area)."""
    plan = _get(work.doc, plan_path)
    areas = [(a, x) for a, x in enumerate(plan.areas) if x.governance == area.governance or plan_path != ("section3",)]
    for a, x in areas:
        for b, y in enumerate(x.activities):
            if act.code and y.code == act.code:
                list_path = plan_path + ("areas", a, "activities", b, "indicators")
                return work.apply(insert_edit(work.doc, list_path, len(y.indicators), copy.deepcopy(ind)))
    for a, x in areas:
        if (area.code and x.code == area.code) or (area.title and _norm(x.title) == _norm(area.title)):
            new_act = copy.deepcopy(act)
            new_act.indicators = [copy.deepcopy(ind)]
            return work.apply(insert_edit(work.doc, plan_path + ("areas", a, "activities"), len(x.activities), new_act))
    new_area = copy.deepcopy(area)
    new_act = copy.deepcopy(act)
    new_act.indicators = [copy.deepcopy(ind)]
    new_area.activities = [new_act]
    index = next((i for i, x in enumerate(plan.areas) if x.governance), len(plan.areas)) \
        if plan_path == ("section3",) else len(plan.areas)
    return work.apply(insert_edit(work.doc, plan_path + ("areas",), index, new_area))


def _nis(work: _Work, source: OfficeYear) -> None:
    result = work.result
    for section in source.nis.sections:
        s = next((i for i, x in enumerate(work.doc.nis.sections) if x.code == section.code), None)
        for act in section.activities:
            if s is None:
                _refuse(result, act.code, act.title, "এই অংশটি এ বছরের শুদ্ধাচার পরিকল্পনায় নেই\0"
                        "This part is not in this year's integrity plan")
                continue
            acts = work.doc.nis.sections[s].activities
            a = next((i for i, x in enumerate(acts) if act.code and x.code == act.code), None)
            status = "matched"
            if a is None:
                best = max(range(len(acts)), key=lambda i: _similar(acts[i].title, act.title), default=None)
                if best is not None and _similar(acts[best].title, act.title) >= SIMILAR:
                    a, status = best, "matched_by_title"
                    result.repairs.append(f"{act.code or '—'} -> {acts[best].code} ({_norm(act.title)[:40]})")
            if a is not None:
                fixed = copy.deepcopy(act)
                fixed.code = acts[a].code
                work.set_fields(("nis", "sections", s, "activities", a), fixed, NIS_FIELDS)
                result.outcomes.append(RowOutcome(status, fixed.code, act.title))
                continue
            why = work.apply(insert_edit(work.doc, ("nis", "sections", s, "activities"), len(acts),
                                         copy.deepcopy(act)))
            if why is None:
                result.outcomes.append(RowOutcome("new", act.code, act.title))
            else:
                _refuse(result, act.code, act.title, why)


def _list(work: _Work, part: str, items: list) -> None:
    result = work.result
    for item in items:
        current = getattr(work.doc, part)
        title = getattr(item, "indicator", "") or getattr(item, "term", "") or getattr(item, "activity", "")
        if item in current:
            result.outcomes.append(RowOutcome("matched", "", title))
            continue
        why = work.apply(insert_edit(work.doc, (part,), len(current), copy.deepcopy(item)))
        if why is None:
            result.outcomes.append(RowOutcome("new", "", title))
        else:
            _refuse(result, "", title, why)
