"""Section 3 and Annexes 5-8 share this model: area -> activity -> indicator rows, the five
target levels, Q1-Q4 achievements, and each indicator's raw % and score from the scoring."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ...core.edits import resolve
from ...core.model import LEVEL_PERCENTS, Plan, level_name
from ...core.numerals import format_number, format_score
from ..i18n import language
from .cells import digits
from .scores import indicator_score, level_colour, lookup, mismatch_note, obtained, weight_issue_at
from .table_model import MISMATCH, WEIGHT_ERROR, Column, Computed, PathTableModel, Row


def _raw(model: PathTableModel, row: Row) -> Computed | None:
    if row.kind != "indicator":
        return None
    result = indicator_score(model.session.breakdown, row.path)
    if result is None or result.status == "not_reported":
        return Computed("", None, result.message if result is not None else "")
    colour = level_colour(result.level) if result.status == "scored" else None
    return Computed(format_number(result.raw_percent, digits(), decimals=2) + "%", colour, result.message)


def _score(model: PathTableModel, row: Row) -> Computed | None:
    if row.kind == "activity":
        return None
    value = obtained(model.session.breakdown, row.path)
    issue = weight_issue_at(model.session.weight_issues, row.path)
    text = "" if value is None else format_score(value, digits())
    return Computed(text, WEIGHT_ERROR if issue else None, issue or "")


class PlanModel(PathTableModel):
    """The rows of one :class:`Plan` (``plan_path`` is ("section3",) or ("annexes", kind))."""

    def __init__(self, session, plan_path: tuple, parent=None) -> None:
        self.plan_path = plan_path
        self.columns = self._columns(session)
        super().__init__(session, parent)

    def plan(self) -> Plan:
        return resolve(self.session.office_year, self.plan_path)

    def _columns(self, session) -> list[Column]:
        code = {"area": ("code",), "activity": ("code",), "indicator": ("code",)}
        title = {"area": ("title",), "activity": ("title",), "indicator": ("title",)}
        plan = resolve(session.office_year, self.plan_path)
        levels = plan.columns.levels if plan is not None else LEVEL_PERCENTS
        cols = [
            Column(("কোড", "Code"), code, "code", width=56),
            Column(("ক্ষেত্র / কার্যক্রম / সূচক", "Area / activity / indicator"), title, "text", width=230),
            Column(("একক", "Unit"), {"indicator": ("unit",)}, "unit_name", width=60),
            Column(("মান", "Weight"), {"area": ("weight",), "indicator": ("weight",)}, "number", width=48),
            Column(("গণনা\nপদ্ধতি", "Method"), {"indicator": ("method",)}, "method_name", width=64),
        ]
        for percent in levels:
            i = LEVEL_PERCENTS.index(percent)
            name = level_name(percent, levels).replace("মানের ", "মানের\n")  # two lines in a narrow header
            cols.append(Column((f"{name}\n{format_number(percent, 'bn')}%", f"{percent}%"),
                               {"indicator": ("levels", i)}, "row_unit", width=82))
        for q in range(4):
            bn_q = format_number(q + 1, "bn")
            cols.append(Column((f"অর্জন\nত্রৈ {bn_q}", f"Achieved\nQ{q + 1}"), {"indicator": ("quarters", q)},
                               "row_unit", width=70))
        cols += [
            Column(("মোট অর্জন\n(লিখিত)", "Total\n(typed)"), {"indicator": ("typed_total",)}, "row_unit", width=72),
            Column(("অর্জিত মান\n(লিখিত)", "Obtained\n(typed)"), {"indicator": ("typed_obtained",)}, "number",
                   width=66),
            Column(("কাঁচা %", "Raw %"), compute=_raw, width=64),
            Column(("প্রাপ্ত\nস্কোর", "Score"), compute=_score, width=56),
            Column(("মন্তব্য", "Remark"), {"indicator": ("remark",)}, "text", width=160),
        ]
        return cols

    def build_rows(self) -> list[Row]:
        plan = self.plan()
        rows: list[Row] = []
        if plan is None:
            return rows
        for a, area in enumerate(plan.areas):
            area_path = self.plan_path + ("areas", a)
            rows.append(Row(area_path, "area"))
            for b, activity in enumerate(area.activities):
                act_path = area_path + ("activities", b)
                rows.append(Row(act_path, "activity"))
                for c, _ in enumerate(activity.indicators):
                    rows.append(Row(act_path + ("indicators", c), "indicator"))
        return rows

    def summary(self) -> str:
        node = lookup(self.session.breakdown, self.plan_path)
        if node is None:
            return ""
        d = digits()
        return f"{format_score(node.obtained, d)} / {format_number(node.total, d)}"

    def _typed_note(self, row: Row, suffix: tuple) -> str | None:
        if row.kind != "indicator" or suffix not in (("typed_total",), ("typed_obtained",)):
            return None
        return mismatch_note(self.session.breakdown, row.path, suffix[0], digits(), language())

    def cell_tooltip(self, row: Row, suffix: tuple) -> str | None:
        return self._typed_note(row, suffix)

    def cell_colour(self, row: Row, suffix: tuple) -> QColor | None:
        """Achievement cells coloured by the level the indicator reached; weights by their errors;
        a typed total or obtained mark that differs from the computed one in orange."""
        if suffix == ("weight",) and weight_issue_at(self.session.weight_issues, row.path):
            return WEIGHT_ERROR
        if self._typed_note(row, suffix):
            return MISMATCH
        if row.kind == "indicator" and suffix[0] == "quarters":
            result = indicator_score(self.session.breakdown, row.path)
            if (result is not None and result.status == "scored"
                    and resolve(self.session.office_year, row.path + suffix) is not None):
                return level_colour(result.level)
        return None
