"""The NIS (শুদ্ধাচার) grid: section rows, then a target row and an achievement row per activity."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import NisActivity, NisPlan, NisSection
from ..numerals import ParseError, parse_number, to_ascii_digits
from ..vocabulary import Unit
from .blocks import Row
from .headers import column_labels, quarter_of, unit_of, years_in
from .problems import Reader, clean, squash

SECTION = re.compile(r"^([০-৯0-9]+)\s*\.\s*(.*?)\s*\.{3,}\s*([০-৯0-9]*)\s*(.*)$")
ACTIVITY = re.compile(r"^([০-৯0-9]+\s*\.\s*[০-৯0-9]+)\s+(.*)$", re.S)


@dataclass
class NisLayout:
    title: int = 0
    indicator: int = 1
    weight: int = 2
    unit: int = 3
    responsible: int = 4
    annual: int = 5
    kind: int = 6
    quarters: list[int] = field(default_factory=lambda: [7, 8, 9, 10])
    numbers: dict[int, str] = field(default_factory=dict)
    """Trailing columns holding a number: column -> "total" | "obtained"."""
    year_label: str = ""


def is_nis_data(row: Row) -> bool:
    first = clean(row.cells[0]) if row.cells else ""
    return bool(SECTION.match(first) or ACTIVITY.match(first)) and not first.replace(" ", "").isdigit()


def nis_layout(header: list[Row]) -> NisLayout:
    """Columns by their bottom-most header label (merged header cells print above their column)."""
    layout = NisLayout()
    labels = column_labels(header)
    quarters: dict[int, int] = {}
    for col, texts in enumerate(labels):
        if not texts:
            continue
        label = texts[-1]
        if "কোয়ার্টার" in label and (quarter := quarter_of(label)):
            quarters[quarter] = col
        elif "মোটঅর্জন" in label:
            layout.numbers[col] = "total"
        elif "অর্জিতমান" in label:
            layout.numbers[col] = "obtained"
        elif "লক্ষ্যমাত্রা/" in label:
            layout.kind = col
        elif "অর্থবছরেরলক্ষ্যমাত্রা" in label:
            layout.annual, layout.year_label = col, years_in(" ".join(texts))
        elif "সূচকেরমান" in label:
            layout.weight = col
        elif "সূচক" in label:
            layout.indicator = col
        elif "একক" in label:
            layout.unit = col
        elif "দায়িত্ব" in label:
            layout.responsible = col
    if len(quarters) == 4:
        layout.quarters = [quarters[q] for q in (1, 2, 3, 4)]
    return layout


class NisBuilder:
    """Adds rows to a :class:`NisPlan` (or to one :class:`NisSection` when pasting)."""

    def __init__(self, plan: NisPlan, layout: NisLayout, reader: Reader, section: NisSection | None = None) -> None:
        self.plan, self.layout, self.reader = plan, layout, reader
        self.section = section or (plan.sections[-1] if plan.sections else None)
        self.activity: NisActivity | None = None

    def add_row(self, row: Row) -> None:
        cells = [clean(c) for c in row.cells]
        if not any(cells):
            return
        lay = self.layout
        first = cells[0]
        section = SECTION.match(first)
        if section and not any(cells[1:]):
            weight = section.group(3)
            self.section = NisSection(code=to_ascii_digits(section.group(1)), title=section.group(2).strip(),
                                      weight=self.reader.number(weight, row.line, 0) if weight else None,
                                      note=section.group(4).strip())
            self.plan.sections.append(self.section)
            self.activity = None
            return
        kind = squash(cells[lay.kind]) if lay.kind < len(cells) else ""
        if first:
            match = ACTIVITY.match(first)
            if self.section is None:
                self.section = NisSection()
                self.plan.sections.append(self.section)
            self.activity = NisActivity(code=to_ascii_digits(re.sub(r"\s", "", match.group(1))) if match else "",
                                        title=match.group(2).strip() if match else first)
            if not match:
                self.reader.problem(row.line, 0, first, "কার্যক্রম, যেমন '১.১ নৈতিকতা কমিটি সভা আয়োজন'",
                                    "an activity such as '1.1 ethics committee meeting'")
            self.section.activities.append(self.activity)
            self._fill_plan_cells(cells, row.line)
        elif self.activity is None:
            self.reader.problem(row.line, lay.kind, kind, "এই সারির আগে কার্যক্রম নেই", "no activity before this row")
            return
        if "অর্জন" in kind and "লক্ষ্যমাত্রা" not in kind:
            self._fill_quarters(cells, row.line, achievements=True)
        elif "লক্ষ্যমাত্রা" in kind or first:
            self._fill_quarters(cells, row.line, achievements=False)
        else:
            self.reader.problem(row.line, lay.kind, kind, "'লক্ষ্যমাত্রা' বা 'অর্জন'", "'লক্ষ্যমাত্রা' or 'অর্জন'")

    def _fill_plan_cells(self, cells: list[str], line: int) -> None:
        lay, act = self.layout, self.activity
        assert act is not None, "called on an activity row"
        get = lambda col: cells[col] if col < len(cells) else ""  # noqa: E731
        act.indicator = get(lay.indicator)
        act.weight = self.reader.number(get(lay.weight), line, lay.weight)
        unit = unit_of(get(lay.unit))
        if unit is None:
            self.reader.problem(line, lay.unit, get(lay.unit), "একক (সংখ্যা, %, তারিখ, সংখ্যা ও তারিখ)",
                                "a unit (সংখ্যা, %, তারিখ, সংখ্যা ও তারিখ)")
            act.pending["unit"] = "একক পড়া যায়নি — নিশ্চিত করুন / unit not readable — please confirm"
            unit = Unit.COUNT
        act.unit = str(unit)  # the document holds plain text, not the enum member
        act.responsible = get(lay.responsible)
        act.annual_target = self.reader.value(get(lay.annual), unit, line, lay.annual)

    def _fill_quarters(self, cells: list[str], line: int, achievements: bool) -> None:
        lay, act = self.layout, self.activity
        assert act is not None, "called after an activity row"
        values = act.achievements if achievements else act.targets
        for q, col in enumerate(lay.quarters):
            if col < len(cells) and cells[col]:
                values[q] = self.reader.value(cells[col], act.unit, line, col)
        start = max(lay.quarters) + 1
        for col in range(start, len(cells)):
            text = cells[col]
            if not text:
                continue
            if not _is_number(text):
                act.remark = f"{act.remark} {text}".strip() if act.remark else text
            elif lay.numbers.get(col) == "obtained":
                act.typed_obtained = self.reader.number(text, line, col)
            elif achievements:
                act.typed_total = self.reader.value(text, act.unit, line, col)
            else:
                act.target_total = self.reader.value(text, act.unit, line, col)


def _is_number(text: str) -> bool:
    try:
        parse_number(to_ascii_digits(text).rstrip("%"))
        return True
    except ParseError:
        return False


def finish_nis(plan: NisPlan) -> None:
    """The NIS total: the sum of its activity weights."""
    plan.total = sum(a.weight or 0 for s in plan.sections for a in s.activities) or None
