"""Tables whose rows are the items of one list: Section 2, Annexes 1-3 and the registers."""

from __future__ import annotations

from typing import Any

from ...core import model as m
from ...core.edits import resolve
from .table_model import Column, PathTableModel, Row


class ListModel(PathTableModel):
    """One row per item of the list at ``list_path``; new rows are ``item_type()``."""

    def __init__(self, session: Any, list_path: tuple, item_type: type, columns: list[Column],
                 parent: Any = None) -> None:
        self.list_path = list_path
        self.item_type = item_type
        self.columns = columns
        super().__init__(session, parent)

    def build_rows(self) -> list[Row]:
        items = resolve(self.session.office_year, self.list_path) or []
        return [Row(self.list_path + (i,), "item") for i in range(len(items))]


def _c(bn: str, en: str, name: str | tuple, kind: str = "text", width: int = 120) -> Column:
    suffix = name if isinstance(name, tuple) else (name,)
    return Column((bn, en), {"*": suffix}, kind, width=width)


def section2_columns() -> list[Column]:
    return [
        _c("ফলাফল/প্রভাব", "Outcome/impact", "outcome", width=180),
        _c("কর্মসম্পাদন সূচক", "Indicator", "indicator", width=200),
        _c("একক", "Unit", "unit", "unit_name", 64),
        _c("প্রকৃত\nঅর্জন ১", "Actual 1", ("prev_actuals", 0), "row_unit", 80),
        _c("প্রকৃত\nঅর্জন ২", "Actual 2", ("prev_actuals", 1), "row_unit", 80),
        _c("লক্ষ্যমাত্রা", "Target", "target", "row_unit", 80),
        _c("প্রক্ষেপণ ১", "Projection 1", ("projections", 0), "row_unit", 80),
        _c("প্রক্ষেপণ ২", "Projection 2", ("projections", 1), "row_unit", 80),
        _c("যৌথভাবে দায়িত্বপ্রাপ্ত", "Joint offices", "joint_offices", width=160),
        _c("উপাত্তসূত্র", "Data source", "data_source", width=140),
    ]


LIST_TABLES: dict[str, tuple[tuple, type, Any]] = {
    "section2": (("section2",), m.OutcomeRow, section2_columns),
    "annex1": (("annex1",), m.Acronym, lambda: [
        _c("ক্রমিক", "No.", "serial", width=56), _c("শব্দসংক্ষেপ", "Acronym", "term", width=160),
        _c("বিবরণ", "Meaning", "meaning", width=520)]),
    "annex2": (("annex2",), m.EvidencePlanRow, lambda: [
        _c("কার্যক্রম", "Activity", "activity", width=240), _c("কর্মসম্পাদন সূচক", "Indicator", "indicator", width=240),
        _c("বাস্তবায়নকারী", "Implementer", "implementer", width=160),
        _c("লক্ষ্যমাত্রা অর্জনের প্রমাণক", "Evidence", "evidence", width=260)]),
    "annex3": (("annex3",), m.LinkedIndicatorRow, lambda: [
        _c("কার্যক্রম", "Activity", "activity", width=220), _c("কর্মসম্পাদন সূচক", "Indicator", "indicator", width=220),
        _c("যেসকল অফিসের সাথে সংশ্লিষ্ট", "Offices", "offices", width=200),
        _c("সংশ্লিষ্ট অফিসের সাথে কার্যক্রম সমন্বয়ের কৌশল", "Coordination strategy", "strategy", width=280)]),
    "innovations": (("registers", "innovations"), m.InnovationRecord, lambda: [
        _c("ক্রম", "No.", "serial", width=48), _c("উদ্ভাবনের নাম", "Name", "name", width=220),
        _c("সংক্ষিপ্ত বিবরণ", "Description", "description", width=260), _c("চালু আছে?", "Working?", "working", width=80),
        _c("সেবাগ্রহীতা\nফল পাচ্ছে?", "Users benefit?", "users_benefit", width=100),
        _c("লিংক", "Link", "link", width=140), _c("মন্তব্য", "Remark", "remark", width=120)]),
    "fourir": (("registers", "fourir"), m.FourIRAction, lambda: [
        _c("সূচক", "Indicator", "indicator", width=160), _c("বিষয়", "Subject", "subject", width=180),
        _c("কার্যক্রম", "Activity", "activity", width=220), _c("একক", "Unit", "unit", "unit_name", 64),
        _c("লক্ষ্যমাত্রা ১", "Target 1", ("targets", 0), "row_unit", 90),
        _c("লক্ষ্যমাত্রা ২", "Target 2", ("targets", 1), "row_unit", 90),
        _c("বাস্তবায়নকারী", "Implementer", "implementer", width=140), _c("মন্তব্য", "Remark", "remark", width=120)]),
    "innovation_progress_rows": ((), m.InnovationProgressRow, lambda: [
        _c("ক্রম", "No.", "serial", width=44), _c("বিষয়", "Subject", "subject", width=140),
        _c("প্রস্তাবিত কার্যক্রম", "Proposed work", "proposed_work", width=200),
        _c("শুরু", "Start", "start", "date", 84), _c("শেষ", "End", "end", "date", 84),
        _c("দায়িত্বপ্রাপ্ত", "Responsible", "responsible", width=110),
        _c("প্রত্যাশিত ফলাফল", "Expected result", "expected_result", width=200),
        _c("পরিমাপক", "Measure", "measure", width=140), _c("অগ্রগতি", "Progress", "progress", width=200)]),
    "branches": (("registers", "enothi", "branches"), m.BranchFiles, lambda: [
        _c("ক্রম", "No.", "serial", width=48), _c("শাখা", "Branch", "branch", width=260),
        _c("হার্ড ফাইল", "Hard files", "hard_files", "number", 100), _c("স্বাক্ষর", "Signature", "signature", width=160)]),
}


def list_model(session: Any, name: str, parent: Any = None, path: tuple | None = None) -> ListModel:
    """The model of the list table ``name`` (a key of :data:`LIST_TABLES`), over ``path`` when
    the list's place depends on the item shown (the rows of one progress report)."""
    default_path, item_type, columns = LIST_TABLES[name]
    return ListModel(session, path or default_path, item_type, columns(), parent)
