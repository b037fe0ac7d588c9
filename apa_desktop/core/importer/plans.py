"""Five-level scored tables: Section 3 and Annexes 5-8 (with or without achievement columns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..model import Activity, Area, Indicator, Plan, PlanColumns, Unreadable, Value
from ..numerals import ParseError, format_value, parse_number, parse_value, to_ascii_digits
from ..vocabulary import Unit
from .blocks import Row
from .headers import CODE, column_labels, level_percent, method_of, quarter_of, split_code, unit_of, years_in
from .problems import Reader, clean, squash

TAIL = ("projections", "quarter", "total", "obtained", "remark")
GOVERNANCE_FEEDS = (("শুদ্ধাচার", "nis"), ("ই-গভর্ন্যান্স", "egov"), ("উদ্ভাবন", "egov"),
                    ("অভিযোগপ্রতিকার", "grs"), ("সেবাপ্রদানপ্রতিশ্রুতি", "charter"), ("তথ্যঅধিকার", "rti"))


@dataclass
class PlanLayout:
    """Which column holds what, from a plan table's header rows."""

    serial: int | None = None
    area: int | None = None
    area_weight: int | None = None
    activity: int | None = None
    indicator: int | None = None
    method: int | None = None
    unit: int | None = None
    weight: int | None = None
    prev: list[int] = field(default_factory=list)
    levels: list[tuple[int, int]] = field(default_factory=list)
    """(column, percent) best-first."""
    projections: list[int] = field(default_factory=list)
    quarter: int | None = None
    quarter_number: int | None = None
    total: int | None = None
    obtained: int | None = None
    remark: int | None = None
    prev_years: tuple[str, ...] = ()
    projection_years: tuple[str, ...] = ()

    def columns(self) -> PlanColumns:
        return PlanColumns(serial=self.serial is not None, area=self.area is not None,
                           method=self.method is not None, prev_actuals=bool(self.prev),
                           projections=bool(self.projections),
                           levels=tuple(p for _, p in self.levels),
                           prev_years=self.prev_years, projection_years=self.projection_years)

    def tail_columns(self) -> list[tuple[str, int]]:
        tail = [("projections", c) for c in self.projections]
        tail += [(name, getattr(self, name)) for name in TAIL[1:] if getattr(self, name) is not None]
        return tail


def is_plan_data(row: Row) -> bool:
    return any(CODE.match(clean(c)) for c in row.cells)


def plan_layout(header: list[Row], report_quarter: int | None) -> PlanLayout:
    """Map the header rows of a plan table to a :class:`PlanLayout`."""
    labels = column_labels(header)
    layout = PlanLayout()
    indicator_seen = False
    for col, texts in enumerate(labels):
        if not texts:
            continue
        top, every = texts[0], "".join(texts)
        percent = level_percent(texts[-1])
        if percent is not None and ("%" in texts[-1] or len(texts) > 1):
            layout.levels.append((col, percent))
            continue
        if "গণনা" in top:
            layout.method = col
        elif "প্রকৃত" in top:
            layout.prev.append(col)
        elif "প্রক্ষেপণ" in top:
            layout.projections.append(col)
        elif "মোটঅর্জন" in every:
            layout.total = col
        elif "অর্জিতমান" in every:
            layout.obtained = col
        elif "মন্তব্য" in every:
            layout.remark = col
        elif "অর্জন" in top:
            layout.quarter = col
            layout.quarter_number = quarter_of(top) or report_quarter
        elif "একক" in top:
            layout.unit = col
        elif top.startswith("ক্রম") and "ক্রমপুঞ্জি" not in top:
            layout.serial = col
        elif "ক্ষেত্র" in top and "মান" in top:
            layout.area_weight = col
        elif "ক্ষেত্র" in top:
            layout.area = col
        elif top == "মান":
            layout.area_weight = col
        elif "সূচক" in top and (indicator_seen or "মান" in top):
            layout.weight = col
        elif "সূচক" in top:
            layout.indicator, indicator_seen = col, True
        elif "কার্যক্রম" in top:
            layout.activity = col
    # a second projection column labelled only by its year under a merged "প্রক্ষেপণ"
    if len(layout.projections) == 1:
        nxt = layout.projections[0] + 1
        if nxt < len(labels) and labels[nxt] and not any(c == nxt for c, _ in layout.levels):
            layout.projections.append(nxt)
    layout.levels.sort(key=lambda lp: -lp[1])
    layout.prev_years = tuple(years_in(" ".join(labels[c])) for c in layout.prev)
    layout.projection_years = tuple(years_in(" ".join(labels[c])) for c in layout.projections)
    return layout


def _cell(cells: list[str], col: int | None) -> str:
    return clean(cells[col]) if col is not None and col < len(cells) else ""


class PlanBuilder:
    """Adds rows to a :class:`Plan`, carrying area, area weight and activity down merged cells."""

    def __init__(self, plan: Plan, layout: PlanLayout, reader: Reader) -> None:
        self.plan, self.layout, self.reader = plan, layout, reader
        self.group = ""
        self.governance = False
        self.area: Area | None = plan.areas[-1] if plan.areas else None
        self.activity: Activity | None = self.area.activities[-1] if self.area and self.area.activities else None

    def add_group(self, text: str) -> None:
        """A row naming the group of the following areas (own areas / governance)."""
        self.group = text
        self.governance = "সুশাসন" in squash(text)

    def add_row(self, row: Row) -> None:
        cells = [clean(c) for c in row.cells]
        codes = [(i,) + split_code(c) for i, c in enumerate(cells) if CODE.match(c)]
        lay = self.layout
        aligned = lay.indicator is not None and lay.indicator < len(cells) and CODE.match(cells[lay.indicator])
        if aligned:
            self._area_cell(row.line, _cell(cells, lay.area), _cell(cells, lay.area_weight), lay.area)
            act = _cell(cells, lay.activity)
            if act:
                self._new_activity(act, _cell(cells, lay.serial))
            assert lay.indicator is not None, "an aligned row has an indicator column"
            start = lay.indicator
        else:
            deep = [c for c in codes if c[3] >= 3]
            if not deep:
                self.reader.problem(row.line, -1, "\t".join(cells),
                                    "কর্মসম্পাদন সূচক [ক.খ.গ] পাওয়া যায়নি",
                                    "expected a performance indicator [x.y.z] in this row")
                return
            start = deep[-1][0]
            for i, _code, _title, depth in codes:
                if i >= start:
                    break
                if depth == 1:
                    weight = cells[i + 1] if i + 1 < len(cells) else ""
                    self._area_cell(row.line, cells[i], weight, i)
                elif depth == 2:
                    serial = _cell(cells, lay.serial)
                    self._new_activity(cells[i], "" if CODE.match(serial) else serial)
        self._indicator(row.line, cells, start, bool(aligned))

    def _area_cell(self, line: int, text: str, weight: str, col: int | None) -> None:
        if not text:
            if self.area is None:
                self._new_area("", "", line, col)
            return
        self._new_area(text, weight, line, col)

    def _new_area(self, text: str, weight: str, line: int, col: int | None) -> Area:
        code, title, _ = split_code(text)
        governance = self.governance or "সুশাসন" in squash(title)
        wcol = (col + 1) if col is not None else -1
        self.area = Area(code=code, title=title, weight=self.reader.number(weight, line, wcol),
                         governance=governance, group=self.group)
        self.group = ""
        self.plan.areas.append(self.area)
        self.activity = None
        return self.area

    def _new_activity(self, text: str, serial: str) -> Activity:
        area = self.area if self.area is not None else self._new_area("", "", 0, None)
        code, title, _ = split_code(text)
        self.activity = Activity(code=code, title=title, serial=serial)
        area.activities.append(self.activity)
        return self.activity

    def _indicator(self, line: int, cells: list[str], start: int, aligned: bool) -> None:
        activity = self.activity
        if activity is None:
            self.reader.problem(line, start, cells[start], "এই সূচকের আগে কার্যক্রম [ক.খ] নেই",
                                "no activity [x.y] before this indicator")
            activity = self._new_activity("", "")
        lay = self.layout
        code, title, _ = split_code(cells[start])
        ind = Indicator(code=code, title=title)
        activity.indicators.append(ind)
        if aligned:
            get = lambda col: _cell(cells, col)  # noqa: E731
            method_text, unit_text, weight_text = get(lay.method), get(lay.unit), get(lay.weight)
            unit_col, weight_col = lay.unit, lay.weight
            prev = [(c, get(c)) for c in lay.prev]
            levels = [(c, get(c)) for c, _ in lay.levels]
            tail = self._aligned_tail(cells)
        else:
            j = start + 1
            while j < len(cells) - 1 and not cells[j] and j < start + 5:
                j += 1
            method_text = ""
            if lay.method is not None and j < len(cells) and method_of(cells[j]):
                method_text, j = cells[j], j + 1
            unit_text, unit_col = "", start + 1
            if j < len(cells) and unit_of(cells[j]):
                unit_text, j = cells[j], j + 1
            weight_text, weight_col = (cells[j] if j < len(cells) else ""), j
            j += 1
            prev = [(j + k, _cell(cells, j + k)) for k in range(len(lay.prev))]
            j += len(lay.prev)
            levels = [(j + k, _cell(cells, j + k)) for k in range(len(lay.levels))]
            j += len(lay.levels)
            rest = [(k, cells[k]) for k in range(j, len(cells)) if cells[k]]
            tail = list(zip([n for n, _ in lay.tail_columns()], rest))
        if method_text:
            method = method_of(method_text)
            ind.method = None if method is None else str(method)  # the document holds plain text
            if ind.method is None:
                self.reader.problem(line, lay.method if lay.method is not None else -1, method_text, "গণনা পদ্ধতি: সমষ্টি, গড়, তারিখ বা ক্রমপুঞ্জিভূত",
                                    "calculation method: সমষ্টি, গড়, তারিখ or ক্রমপুঞ্জিভূত")
        unit = unit_of(unit_text) if unit_text else None
        if unit is None:
            unit = _guess_unit([t for _, t in levels])
            self.reader.problem(line, unit_col if unit_col is not None else -1, unit_text,
                                "একক (সংখ্যা, %, তারিখ, সংখ্যা ও তারিখ, প্রাপ্ত নম্বর)",
                                "a unit (সংখ্যা, %, তারিখ, সংখ্যা ও তারিখ, প্রাপ্ত নম্বর)")
            ind.pending["unit"] = (f"একক পড়া যায়নি; লক্ষ্যমাত্রা দেখে '{unit}' ধরা হয়েছে — নিশ্চিত করুন / "
                                   f"unit not readable; '{unit}' inferred from the targets — please confirm")
        ind.unit = str(unit)
        ind.weight = self.reader.number(weight_text, line, weight_col if weight_col is not None else -1)
        ind.prev_actuals = [self.reader.value(t, unit, line, c) for c, t in prev] or [None, None]
        values = {p: self.reader.value(t, unit, line, c) for (c, t), (_, p) in zip(levels, lay.levels)}
        ind.levels = [values.get(p) for p in (100, 90, 80, 70, 60)]
        projections = []
        for name, (col, text) in tail:
            if name == "projections":
                projections.append(self.reader.value(text, unit, line, col))
            elif name == "quarter" and lay.quarter_number is None:
                self.reader.problem(line, col, text, "কোন ত্রৈমাসিকের অর্জন (১ম-৪র্থ) শিরোনামে নেই",
                                    "the header does not say which quarter (1st-4th) this achievement is for")
            elif name == "quarter" and lay.quarter_number is not None:
                q = lay.quarter_number - 1
                ind.quarters[q] = self._achievement(ind, text, line, col, f"quarters[{q}]")
            elif name == "total":
                ind.typed_total = self._achievement(ind, text, line, col, "typed_total")
            elif name == "obtained":
                ind.typed_obtained = self.reader.number(text, line, col)
            elif name == "remark":
                ind.remark = text
        if lay.projections:
            ind.projections = (projections + [None, None])[: max(2, len(projections))]
        if self.area is not None and self.area.governance:
            words = squash(activity.title + ind.title)
            ind.feeds_from = next((kind for w, kind in GOVERNANCE_FEEDS if w in words), None)

    def _aligned_tail(self, cells: list[str]) -> list[tuple[str, tuple[int, str]]]:
        """The cells after the levels; re-aligned when the row has cells past the header."""
        cols = self.layout.tail_columns()
        mapped = {c for _, c in cols} | {c for c, _ in self.layout.levels}
        first = min([c for _, c in cols], default=len(cells))
        extra = [k for k in range(first, len(cells)) if cells[k] and k not in mapped]
        if extra and cols:
            span = [(k, cells[k]) for k in range(first, len(cells))]
            while len(span) > len(cols) and not span[0][1]:
                span.pop(0)
            return list(zip([n for n, _ in cols], span))
        return [(n, (c, _cell(cells, c))) for n, c in cols if _cell(cells, c)]

    def _achievement(self, ind: Indicator, text: str, line: int, col: int, name: str) -> Value:
        """An achievement; a share given for a non-percent unit becomes that share of the target."""
        plain = to_ascii_digits(text).replace(" ", "")
        if ind.unit == "percent" or not plain.endswith("%"):
            return self.reader.value(text, ind.unit, line, col)
        try:
            share = parse_number(plain[:-1])
        except ParseError as err:
            self.reader.problem(line, col, text, err.message_bn, err.message_en)
            return Unreadable(text)
        target = ind.levels[0]
        if isinstance(target, float) and ind.unit in ("count", "marks"):
            value: Value = target * share / 100
        elif isinstance(target, date) and share == 100:
            value = target
        else:
            self.reader.problem(line, col, text, "লক্ষ্যমাত্রার শতাংশ নয়, অর্জনের মান দিন",
                                "enter the achieved value, not a share of the target")
            return Unreadable(text)
        shown = format_value(value, ind.unit)
        ind.pending[name] = (f"'{text}' লক্ষ্যমাত্রার অংশ হিসেবে পড়া হয়েছে: {shown} — নিশ্চিত করুন / "
                             f"'{text}' read as a share of the target: {format_value(value, ind.unit, 'en')}"
                             " — please confirm")
        return value


def _guess_unit(levels: list[str]) -> Unit:
    """The unit the target levels are written in, for a row whose unit cell is missing."""
    for text in levels:
        try:
            if isinstance(parse_value(text, Unit.DATE), date):
                return Unit.DATE
        except ParseError:
            pass
    return Unit.PERCENT if any("%" in t for t in levels) else Unit.COUNT


def finish_plan(plan: Plan) -> None:
    """An annex's total is the sum of its indicator weights (seen: 50, 25, 25, 3 or 25)."""
    if plan.kind != "section3":
        plan.total = sum(i.weight or 0 for a in plan.areas for act in a.activities for i in act.indicators)


def read_plan_rows(builder: PlanBuilder, rows: list[Row]) -> None:
    """Data rows of a plan table: group rows, indicator rows."""
    for row in rows:
        cells = [clean(c) for c in row.cells]
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(filled) == 1 and cells[0] and not CODE.match(cells[0]):
            builder.add_group(cells[0])
            continue
        builder.add_row(row)
