"""Annex 4: the NIS grid, section rows and activity rows with quarterly target/achievement pairs."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ...core.edits import resolve
from ...core.numerals import format_number, format_score
from ..i18n import language
from .cells import digits
from .scores import mismatch_note, obtained
from .table_model import MISMATCH, Column, Computed, PathTableModel, Row


def _obtained(model: PathTableModel, row: Row) -> Computed | None:
    value = obtained(model.session.breakdown, row.path)
    if value is None:
        return Computed("") if row.kind == "nis_activity" else None
    note = _note(model, row)
    return Computed(format_score(value, digits()), MISMATCH if note else None, note or "")


def _note(model: PathTableModel, row: Row) -> str | None:
    return mismatch_note(model.session.breakdown, row.path, "typed_obtained", digits(), language())


class NisModel(PathTableModel):
    """Rows: each NIS section, then its activities."""

    def __init__(self, session: Any, parent: Any = None) -> None:
        act = "nis_activity"
        cols = [
            Column(("কোড", "Code"), {"section": ("code",), act: ("code",)}, "code", width=56),
            Column(("কার্যক্রম", "Activity"), {"section": ("title",), act: ("title",)}, "text", width=200),
            Column(("সূচক", "Indicator"), {act: ("indicator",)}, "text", width=120),
            Column(("মান", "Weight"), {"section": ("weight",), act: ("weight",)}, "number", width=44),
            Column(("একক", "Unit"), {act: ("unit",)}, "unit_name", width=60),
            Column(("দায়িত্বপ্রাপ্ত", "Responsible"), {act: ("responsible",)}, "text", width=90),
            Column(("বার্ষিক\nলক্ষ্যমাত্রা", "Annual\ntarget"), {act: ("annual_target",)}, "row_unit", width=72),
        ]
        for q in range(4):
            n = format_number(q + 1, "bn")
            cols.append(Column((f"লক্ষ্য\nত্রৈ {n}", f"Target\nQ{q + 1}"), {act: ("targets", q)}, "row_unit", width=58))
            cols.append(Column((f"অর্জন\nত্রৈ {n}", f"Achieved\nQ{q + 1}"), {act: ("achievements", q)}, "row_unit",
                               width=58))
        cols += [
            Column(("অর্জিত মান\n(লিখিত)", "Obtained\n(typed)"), {act: ("typed_obtained",)}, "number", width=66),
            Column(("অর্জিত মান\n(গণনা)", "Obtained\n(computed)"), compute=_obtained, width=66),
            Column(("মন্তব্য", "Remark"), {act: ("remark",)}, "text", width=140),
        ]
        self.columns = cols
        super().__init__(session, parent)

    def cell_colour(self, row: Row, suffix: tuple) -> QColor | None:
        return MISMATCH if suffix == ("typed_obtained",) and _note(self, row) else None

    def cell_tooltip(self, row: Row, suffix: tuple) -> str | None:
        return _note(self, row) if suffix == ("typed_obtained",) else None

    def summary(self) -> str:
        nis = getattr(self.session.breakdown, "nis", None)
        if nis is None:
            return ""
        return f"{format_score(nis.obtained, digits())} / {format_number(nis.total, digits())}"

    def build_rows(self) -> list[Row]:
        rows: list[Row] = []
        sections = resolve(self.session.office_year, ("nis", "sections")) or []
        for s, section in enumerate(sections):
            rows.append(Row(("nis", "sections", s), "section"))
            rows += [Row(("nis", "sections", s, "activities", a), "nis_activity")
                     for a in range(len(section.activities))]
        return rows
