"""The superior office's evaluation of an office-year (DOMAIN §9), as pure data and rules.

Per indicator or NIS activity, the evaluator keeps the reported achievement of a quarter or
records an evaluated one (``--set PATH=VALUE``, PATH naming a quarter's cell such as
``section3.areas[0].activities[0].indicators[2].quarters[3]``), marks the evidence as seen,
missing or insufficient and writes a note (both against the row). The evaluated score is the
same scoring engine run over the document with the evaluated cells in place of the reported
ones, so both figures come from one set of rules.

The evaluation travels back to the office inside HQ's signed receipt as a versioned section
(:func:`to_data` / :func:`from_data`); the office validates it here before storing it.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .edits import EditError, Path, apply_edit, path_from_text, path_to_text, set_edit
from .errors import UserError
from .evidence import evidence_rows
from .interchange import InterchangeError
from .interchange import from_data as value_from_data
from .interchange import to_data as value_to_data
from .model import QUARTERS, NisActivity, OfficeYear, Value
from .numerals import ParseError, parse_value
from .scoring import Breakdown, score_office_year

SECTION_VERSION = 1
EVIDENCE = ("seen", "missing", "insufficient")
"""What the evaluator found of a row's evidence."""
MAX_NOTE = 2000


class EvaluationError(UserError):
    """The evaluation cannot be recorded or read as given (a bad path, value, mark or name)."""


@dataclass(frozen=True)
class RowEvaluation:
    path: Path
    """The row (indicator or NIS activity)."""
    values: tuple[tuple[int, Value], ...] = ()
    """(quarter 1-4, evaluated achievement) where the evaluator recorded one."""
    evidence: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Evaluation:
    office_id: str
    fiscal_year: str
    quarter: int
    """The report evaluated: 1-3, or 4 for the annual self-evaluation."""
    by: str
    at: str
    rows: tuple[RowEvaluation, ...] = ()


@dataclass(frozen=True)
class RowComparison:
    """One row, reported beside evaluated, with its score under each."""

    path: Path
    code: str
    title: str
    unit: str
    reported: Value
    evaluated: Value
    reported_score: float | None
    evaluated_score: float | None
    evidence: str | None
    note: str
    changed: bool = field(default=False)


def _error(bn: str, en: str, path: str | None = None) -> EvaluationError:
    return EvaluationError(bn, en, path)


def _rows(office_year: OfficeYear) -> dict[Path, Any]:
    return dict(evidence_rows(office_year))


def _row_of(path_text: str, rows: Mapping[Path, Any]) -> tuple[Path, int | None]:
    """The row path and, for a cell path (…quarters[i] / …achievements[i]), its quarter (1-4)."""
    try:
        path = path_from_text(path_text.strip())
    except EditError:
        raise _error(f"পথ বোঝা যায়নি: {path_text}", f"Not a path: {path_text}", path_text) from None
    quarter = None
    last = path[-1] if path else None
    if len(path) >= 2 and path[-2] in ("quarters", "achievements") and isinstance(last, int):
        path, quarter = path[:-2], last + 1
    if path not in rows:
        raise _error(f"এই পথে কোনো সূচক নেই: {path_text}", f"No indicator at {path_text}", path_text)
    return path, quarter


def _cell_name(row: Any) -> str:
    return "achievements" if isinstance(row, NisActivity) else "quarters"


def build_evaluation(office_year: OfficeYear, quarter: int, *, sets: Mapping[str, str], evidence: Mapping[str, str],
                     notes: Mapping[str, str], by: str, at: str) -> Evaluation:
    """Read the evaluator's entries (paths and texts as typed) into an :class:`Evaluation`,
    checking every path, value (in the row's unit, Bengali or ASCII digits), mark and the name."""
    if not by.strip():
        raise _error("মূল্যায়নকারীর নাম লিখতে হবে", "The evaluator's name is required")
    if quarter not in range(1, QUARTERS + 1):
        raise _error("ত্রৈমাসিক ১ থেকে ৪", "The quarter is 1 to 4")
    rows = _rows(office_year)
    values: dict[Path, dict[int, Value]] = {}
    marks: dict[Path, str] = {}
    texts: dict[Path, str] = {}
    for text, raw in sets.items():
        path, q = _row_of(text, rows)
        if q is None:
            raise _error(f"ত্রৈমাসিকের ঘর দিন, যেমন {text}.quarters[৩]", f"Name a quarter's cell, e.g. {text}.quarters[3]", text)
        if q > quarter:
            raise _error("মূল্যায়িত ত্রৈমাসিকের পরের ঘর", "A cell after the quarter evaluated", text)
        try:
            values.setdefault(path, {})[q] = parse_value(raw, rows[path].unit)
        except ParseError as exc:
            raise _error(exc.message_bn, exc.message_en, text) from None
    for text, mark in evidence.items():
        path, _ = _row_of(text, rows)
        if mark not in EVIDENCE:
            raise _error(f"প্রমাণক: {', '.join(EVIDENCE)}", f"Evidence is one of {', '.join(EVIDENCE)}", text)
        marks[path] = mark
    for text, note in notes.items():
        path, _ = _row_of(text, rows)
        if len(note) > MAX_NOTE:
            raise _error("মন্তব্য খুব দীর্ঘ", "The note is too long", text)
        texts[path] = note.strip()
    order = {p: i for i, p in enumerate(rows)}
    paths = sorted(set(values) | set(marks) | set(texts), key=order.__getitem__)
    return Evaluation(office_year.office.id, office_year.fiscal_year, quarter, by.strip(), at,
                      tuple(RowEvaluation(p, tuple(sorted(values.get(p, {}).items())), marks.get(p), texts.get(p, ""))
                            for p in paths))


def evaluated_document(office_year: OfficeYear, evaluation: Evaluation) -> OfficeYear:
    """A copy of the document with the evaluated achievements in place of the reported ones."""
    evaluated = copy.deepcopy(office_year)
    rows = _rows(evaluated)
    for row in evaluation.rows:
        if row.path not in rows:
            raise _error("মূল্যায়নের সূচক এই নথিতে নেই", "An evaluated indicator is not in this document",
                         path_to_text(row.path))
        for q, value in row.values:
            apply_edit(evaluated, set_edit(evaluated, row.path + (_cell_name(rows[row.path]), q - 1), value))
    return evaluated


def row_results(breakdown: Breakdown) -> dict[Path, tuple[Value, float | None]]:
    """Each scored row's (achievement, score) by its path."""
    out: dict[Path, tuple[Value, float | None]] = {}
    for plan in breakdown.plans.values():
        for ind in plan.indicators():
            out[tuple(ind.path)] = (ind.achievement, ind.score)
    if breakdown.nis is not None:
        for section in breakdown.nis.sections:
            for act in section.activities:
                out[tuple(act.path)] = (act.achievement, act.obtained)
    return out


def compare(office_year: OfficeYear, evaluation: Evaluation) -> tuple[Breakdown, Breakdown, list[RowComparison]]:
    """The reported and the evaluated breakdowns (same engine, same quarter) and every row side by side."""
    reported = score_office_year(office_year, evaluation.quarter)
    evaluated = score_office_year(evaluated_document(office_year, evaluation), evaluation.quarter)
    before, after = row_results(reported), row_results(evaluated)
    marks = {r.path: r for r in evaluation.rows}
    out = []
    for path, row in evidence_rows(office_year):
        if path not in before:
            continue
        mark = marks.get(path)
        (rep, rep_score), (ev, ev_score) = before[path], after.get(path, before[path])
        out.append(RowComparison(path, row.code, getattr(row, "indicator", "") or row.title, row.unit, rep, ev, rep_score,
                                 ev_score, mark.evidence if mark else None, mark.note if mark else "",
                                 bool(mark and mark.values)))
    return reported, evaluated, out


def to_data(evaluation: Evaluation) -> dict[str, Any]:
    """The receipt's evaluation section (versioned)."""
    return {"version": SECTION_VERSION, "office_id": evaluation.office_id, "fiscal_year": evaluation.fiscal_year,
            "quarter": evaluation.quarter, "by": evaluation.by, "at": evaluation.at,
            "rows": [{"path": path_to_text(r.path), "values": [[q, value_to_data(v, Value)] for q, v in r.values],
                      "evidence": r.evidence, "note": r.note} for r in evaluation.rows]}


def from_data(data: Any) -> Evaluation:
    """An evaluation section read back, every field checked; raises :class:`EvaluationError`."""
    bad = _error("রসিদের মূল্যায়ন অংশ সঠিক নয়", "The receipt's evaluation section is not valid")
    if not isinstance(data, dict) or data.get("version") != SECTION_VERSION:
        raise _error("রসিদের মূল্যায়ন অংশের সংস্করণ অজানা", "Unknown version of the receipt's evaluation section")
    try:
        head = [data[k] for k in ("office_id", "fiscal_year", "by", "at")]
        quarter, rows = data["quarter"], data["rows"]
        if not all(isinstance(x, str) for x in head) or quarter not in range(1, QUARTERS + 1) or not isinstance(rows, list):
            raise bad
        out = []
        for row in rows:
            values = tuple((int(q), value_from_data(Value, v, "evaluation")) for q, v in row["values"])
            if row["evidence"] not in (None, *EVIDENCE) or not isinstance(row["note"], str) or len(row["note"]) > MAX_NOTE \
                    or any(q not in range(1, QUARTERS + 1) for q, _ in values):
                raise bad
            out.append(RowEvaluation(path_from_text(row["path"]), values, row["evidence"], row["note"]))
    except (KeyError, TypeError, ValueError, EditError, InterchangeError):
        raise bad from None
    return Evaluation(head[0], head[1], quarter, head[2], head[3], tuple(out))
