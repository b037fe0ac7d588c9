"""The document's rules: for an office-year and a path, what may be done there.

A plan is partly the template's and partly the office's own:

* **Template rows** are fixed in what the template says of them: their code, title, unit,
  weight, method and target levels (an NIS activity's code, title, indicator, weight and unit),
  and the annex's total and printed columns. Their achievements, remarks and typed totals are the
  office's to enter. A template row is never removed, nor moved past another template row.
* **Own rows** are the office's: Section 3's own areas (above the governance area) with all their
  activities and indicators, and rows in the places where the year's template lets an office add
  its own (``Template.own_rows``, e.g. the NIS plan's section 3 "other activities"). Rows of an
  annex that the template does not have (a signed plan that differs from the template) are own
  rows too: they may be edited and removed, but new ones are added only where the template allows.

Which rows are the template's is found by matching each part against its template (the one its
``template_id`` names, else the year's): rows with the same code and title, level by level. Their
codes and titles are fixed, so the match does not drift as the office edits.

:class:`DocumentRules` answers for one state of the document; the store asks it inside each
edit's transaction and the window asks the same object to enable cells, buttons and menus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .calendar import fiscal_year_bounds
from .edits import Edit, Path, path_to_text, resolve
from .errors import UserError
from .model import ANNEX_KINDS, CountDate, OfficeYear, Value
from .numerals import to_bengali_digits
from .templates import Template, TemplateError, find_template, template_by_id


class RuleRefusal(UserError):
    """An edit the document's rules do not allow (a template-fixed cell, a template row removed,
    a row added where the guideline does not allow own rows)."""


FIXED_FIELDS = {
    "area": ("code", "title", "weight", "governance", "group"),
    "activity": ("code", "title"),
    "indicator": ("code", "title", "unit", "weight", "method", "levels", "feeds_from"),
    "section": ("code", "title", "weight"),
    "nis_activity": ("code", "title", "indicator", "weight", "unit"),
}
"""The fields of a template row that the template fixes, by row kind."""

PART_FIXED = ("kind", "template_id", "total", "columns")
"""The fields of an annex plan (Annexes 4-8) that its template fixes."""

_FIELD_NAMES = {
    "code": ("কোড", "code"), "title": ("শিরোনাম", "title"), "unit": ("একক", "unit"), "weight": ("মান", "weight"),
    "method": ("গণনা পদ্ধতি", "calculation method"), "levels": ("লক্ষ্যমাত্রা", "target level"),
    "indicator": ("সূচক", "indicator"), "governance": ("সুশাসন ক্ষেত্র", "governance flag"),
    "group": ("শিরোনাম", "group heading"), "feeds_from": ("উৎস", "source annex"),
    "total": ("মোট মান", "annex total"), "columns": ("কলাম", "columns"), "kind": ("ধরন", "kind"),
    "template_id": ("টেমপ্লেট", "template"),
}

_CHILDREN = {"area": ("activities", "activity"), "activity": ("indicators", "indicator"),
             "section": ("activities", "nis_activity")}


def _key(row: Any) -> tuple[str, str]:
    """What identifies a row against its template: code and title (spaces collapsed; stored text
    and templates are NFC already)."""
    return (getattr(row, "code", "") or "", " ".join((getattr(row, "title", "") or "").split()))


@dataclass
class _Part:
    """One plan of the document and what its template says."""

    path: Path
    template: Template | None
    template_rows: set[Path] = field(default_factory=set)
    kinds: dict[Path, str] = field(default_factory=dict)
    """The kind of each row ("area", "activity", "indicator", "section", "nis_activity") by path."""


class DocumentRules:
    """The rules of one state of an office-year (build it again after rows are added or removed)."""

    def __init__(self, office_year: OfficeYear) -> None:
        self.office_year = office_year
        self._parts: list[_Part] = []
        self._section3()
        for kind in ANNEX_KINDS:
            self._annex(kind)
        self._holders: set[Path] = set()
        """Every path that holds a template row (the row, its list, its part...): set whole, it
        would replace the row."""
        for part in self._parts:
            for row_path in part.template_rows:
                self._holders.update(row_path[:k] for k in range(1, len(row_path) + 1))

    # ------------------------------------------------------------- matching

    def _template(self, kind: str, template_id: str | None) -> Template | None:
        found = template_by_id(template_id)
        if found is not None:
            return found
        try:
            return find_template(kind, self.office_year.fiscal_year, self.office_year.office.tier)
        except TemplateError:
            return None

    def _section3(self) -> None:
        part = _Part(("section3",), None)
        for a, area in enumerate(self.office_year.section3.areas):
            self._walk(part, ("section3", "areas", a), area, "area", template=area.governance)
        self._parts.append(part)

    def _annex(self, kind: str) -> None:
        oy = self.office_year
        rows: list[Any]
        wanted: list[Any] | None
        if kind == "nis":
            if not oy.nis.sections:
                return
            part = _Part(("nis",), self._template("nis", oy.nis.template_id))
            wanted = part.template.nis_plan.sections if part.template else None
            rows, child = oy.nis.sections, "section"
            list_path: Path = ("nis", "sections")
        else:
            plan = oy.annexes.get(kind)
            if plan is None:
                return
            part = _Part(("annexes", kind), self._template(kind, plan.template_id))
            wanted = part.template.area_plan.areas if part.template else None
            rows, child = plan.areas, "area"
            list_path = ("annexes", kind, "areas")
        self._match(part, list_path, rows, list(wanted or []), child, matched=part.template is not None)
        self._parts.append(part)

    def _match(self, part: _Part, list_path: Path, rows: list, wanted: list, kind: str, matched: bool) -> None:
        """Mark the rows of one list that match the template's rows (same code and title, each
        template row matched once, in order); descend into matched rows with their template rows."""
        remaining = [(_key(t), t) for t in wanted] if matched else []
        for i, row in enumerate(rows):
            key = _key(row)
            at = next((n for n, (k, _) in enumerate(remaining) if k == key), None)
            found = remaining.pop(at)[1] if at is not None else None
            path = list_path + (i,)
            part.kinds[path] = kind
            if found is not None:
                part.template_rows.add(path)
            if kind in _CHILDREN:
                name, child = _CHILDREN[kind]
                self._match(part, path + (name,), getattr(row, name), list(getattr(found, name, [])), child,
                            matched=found is not None)

    def _walk(self, part: _Part, path: Path, row: Any, kind: str, template: bool) -> None:
        part.kinds[path] = kind
        if template:
            part.template_rows.add(path)
        if kind in _CHILDREN:
            name, child = _CHILDREN[kind]
            for i, item in enumerate(getattr(row, name)):
                self._walk(part, path + (name, i), item, child, template)

    def _part(self, path: Path) -> _Part | None:
        return next((p for p in self._parts if tuple(path[:len(p.path)]) == p.path), None)

    # -------------------------------------------------------------- queries

    def is_template_row(self, path: Path) -> bool:
        part = self._part(path)
        return part is not None and tuple(path) in part.template_rows

    def row_kind(self, path: Path) -> str | None:
        part = self._part(path)
        return None if part is None else part.kinds.get(tuple(path))

    def fixed(self, path: Path) -> RuleRefusal | None:
        """Why the cell (or subtree) at ``path`` may not be set, or None when it may."""
        path = tuple(path)
        if path in self._holders:  # a template row itself, its list, or a part holding it
            return RuleRefusal("টেমপ্লেটের সারি পুরোটা বদলানো যায় না; ঘর ধরে মান লিখুন",
                               "A template row cannot be replaced whole; enter its values cell by cell",
                               path_to_text(path))
        part = self._part(path)
        if part is None:
            return None
        if part.template_rows and part.path != ("section3",) and len(path) > len(part.path) \
                and path[len(part.path)] in PART_FIXED:
            return _fixed_refusal(str(path[len(part.path)]), path)
        for k in range(len(path) - 1, len(part.path), -1):
            row_path = path[:k]
            if row_path in part.template_rows:
                name = path[k]
                return _fixed_refusal(str(name), path) if name in FIXED_FIELDS[part.kinds[row_path]] else None
        return None

    def insert_refusal(self, list_path: Path, index: int, item: Any = None) -> RuleRefusal | None:
        """Why a row may not be inserted at ``index`` of ``list_path`` (``item`` its data), or None."""
        list_path = tuple(list_path)
        part = self._part(list_path)
        if part is None:
            return None
        where = path_to_text(list_path + (index,))
        if list_path == ("section3", "areas"):
            areas = self.office_year.section3.areas
            first = next((i for i, a in enumerate(areas) if a.governance), len(areas))
            if isinstance(item, dict) and item.get("governance"):
                return RuleRefusal("সুশাসন ও সংস্কারমূলক ক্ষেত্র টেমপ্লেট থেকে আসে; নিজে যোগ করা যায় না",
                                   "The governance area comes from the template; it cannot be added by hand", where)
            if index > first:
                return _below_governance(where)
            return None
        parent = list_path[:-1]
        if parent == part.path:  # a new top-level row of an annex (an area, an NIS section)
            return _no_own_rows(where) if part.template is not None else None
        if parent not in part.template_rows:
            return None  # inside an own row: the office's
        row = resolve(self.office_year, parent)
        own = part.template.own_rows if part.template is not None else ()
        if own and (getattr(row, "code", None) in own or _key(row)[1] in own):
            return None
        return _no_own_rows(where)

    def remove_refusal(self, path: Path) -> RuleRefusal | None:
        if self.is_template_row(path):
            return RuleRefusal("টেমপ্লেটের সারি মুছা যায় না", "A template row cannot be removed", path_to_text(path))
        return None

    def move_refusal(self, path: Path, target: int) -> RuleRefusal | None:
        """Why the row at ``path`` may not move to ``target`` of its list: a template row stays in
        place, and an own row does not pass one (an own area never goes below the governance area)."""
        path = tuple(path)
        if self.is_template_row(path):
            return RuleRefusal("টেমপ্লেটের সারির ক্রম বদলানো যায় না", "A template row cannot be moved",
                               path_to_text(path))
        index = int(path[-1])
        low, high = sorted((index, target))
        for i in range(low, high + 1):
            if self.is_template_row(path[:-1] + (i,)):
                if path[:2] == ("section3", "areas") and len(path) == 3:
                    return _below_governance(path_to_text(path))
                return RuleRefusal("নিজস্ব সারি টেমপ্লেটের সারি পেরিয়ে সরানো যায় না",
                                   "An own row cannot be moved past a template row", path_to_text(path))
        return None

    def refusal(self, edit: Edit) -> RuleRefusal | None:
        """Why ``edit`` breaks the document's rules, or None when it keeps them."""
        path = tuple(edit.path)
        if edit.kind == "set":
            if _rebases_part(path, edit):
                return None  # a re-base onto another template replaces the part whole (core/rebase.py)
            return self.fixed(path) or _value_refusal(path, edit.new)
        if edit.kind == "insert":
            return self.insert_refusal(path[:-1], int(path[-1]), edit.new)
        if edit.kind == "remove":
            return self.remove_refusal(path)
        if edit.kind == "move" and edit.target is not None:
            return self.move_refusal(path, edit.target)
        return None


def _rebases_part(path: tuple, edit: Edit) -> bool:
    """A whole part set to a plan of another template: the re-base the clerk confirmed."""
    is_part = path in (("section3",), ("nis",)) or (len(path) == 2 and path[0] == "annexes")
    new, old = edit.new, edit.old
    return (is_part and isinstance(new, dict) and bool(new.get("template_id"))
            and (not isinstance(old, dict) or old.get("template_id") != new.get("template_id")))


def check_edits(office_year: OfficeYear, edits: Iterable[Edit]) -> None:
    """Raise :class:`RuleRefusal` for the first edit that breaks the rules (each judged on the
    document as the previous ones left it: call it with the edits one at a time as they apply)."""
    rules = DocumentRules(office_year)
    for edit in edits:
        refused = rules.refusal(edit)
        if refused is not None:
            raise refused


def _value_refusal(path: Path, new: Any) -> RuleRefusal | None:
    """What a value must be, beyond its type: a weight is not negative."""
    if path and path[-1] == "weight" and isinstance(new, (int, float)) and not isinstance(new, bool) and new < 0:
        return RuleRefusal("মান ঋণাত্মক হতে পারে না", "A weight cannot be negative", path_to_text(path))
    return None


def _fixed_refusal(name: str, path: Path) -> RuleRefusal:
    bn, en = _FIELD_NAMES.get(name, (name, name))
    return RuleRefusal(f"টেমপ্লেট নির্ধারিত ঘর ({bn}): বদলানো যায় না",
                       f"Fixed by the template ({en}): it cannot be changed", path_to_text(path))


def _no_own_rows(where: str) -> RuleRefusal:
    return RuleRefusal("এখানে নিজস্ব সারি যোগ করা যায় না: এ বছরের টেমপ্লেট (নির্দেশিকা) এখানে অফিসের নিজের সারি রাখে না",
                       "Own rows cannot be added here: this year's template (the guideline) has no place for "
                       "an office's own rows here", where)


def _below_governance(where: str) -> RuleRefusal:
    return RuleRefusal("নিজস্ব ক্ষেত্র টেমপ্লেটের সুশাসন ও সংস্কারমূলক ক্ষেত্রের উপরে থাকে; তার নিচে নেওয়া যায় না",
                       "Own areas stay above the template's governance area; they cannot go below it", where)



# ------------------------------------------------------------------ plausible values

VALUE_FIELDS = ("quarters", "levels", "typed_total", "achievements", "targets", "annual_target", "target_total")
"""The fields holding values in a row's unit (what :func:`implausible` looks at)."""


def implausible(fiscal_year: str, unit: str, value: Value) -> tuple[str, str] | None:
    """Why a value that reads is still unlikely (Bengali, English), or None: a date outside the
    fiscal year and the quarter after it (a two-digit year read beyond next year named so), a
    negative count, a percent above 100. Such a value is stored and flagged for the clerk."""
    try:
        start, end = fiscal_year_bounds(fiscal_year)
    except ValueError:
        return None
    late = date(end.year, 9, 30)
    dates = [value] if isinstance(value, date) else list(value.dates) if isinstance(value, CountDate) else []
    for d in dates:
        if d.year > end.year + 1:
            return (f"সাল {to_bengali_digits(str(d.year))} পড়া হয়েছে — দুই অঙ্কের সাল কি ঠিক? নিশ্চিত করুন",
                    f"The year reads as {d.year}, beyond next year — was a two-digit year meant? Please confirm")
        if not start <= d <= late:
            return (f"তারিখ {to_bengali_digits(d.strftime('%d/%m/%Y'))} অর্থবছর ও তার পরের ত্রৈমাসিকের বাইরে — নিশ্চিত করুন",
                    f"The date {d:%d/%m/%Y} is outside the fiscal year and the quarter after it — please confirm")
    count = value.count if isinstance(value, CountDate) else value if isinstance(value, float | int) else None
    if count is not None and not isinstance(count, bool):
        if count < 0 and unit in ("count", "count_date", "marks"):
            return ("ঋণাত্মক সংখ্যা — নিশ্চিত করুন", "A negative count — please confirm")
        if unit == "percent" and not 0 <= count <= 100:
            return ("শতকরা হার ০ থেকে ১০০-এর বাইরে — নিশ্চিত করুন", "A percent outside 0-100 — please confirm")
    return None


def pending_key(field_path: Path) -> str:
    """The key of a row's ``pending`` note for the field at ``field_path`` below the row."""
    return path_to_text(field_path)
