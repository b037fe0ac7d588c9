"""Path-addressed, invertible edits of an office-year (pure Python).

A *path* is a tuple of steps from the :class:`~apa_desktop.core.model.OfficeYear`: dataclass
field names, list indexes and dict keys, e.g.
``("section3", "areas", 0, "activities", 1, "indicators", 0, "quarters", 2)``, written
``section3.areas[0].activities[1].indicators[0].quarters[2]``. Dict keys that are not plain
identifiers are written as JSON strings in brackets: ``indicators[0].pending["a b"]``.

An :class:`Edit` carries its old and new values as interchange JSON data
(:func:`~apa_desktop.core.interchange.to_data`), so the audit log, sync bundles and undo all
use the same record. Insert, remove and move carry the path of the item (the list path plus
the index), so the history of a row or a cell is found from its path, followed back through
the inserts, removals and moves of the rows around it (:func:`trace_history`).

In a dict (``annexes``, ``pending``) an absent key reads as ``None`` and setting a key to
``None`` removes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, is_dataclass
from typing import Any, Literal

from .errors import UserError
from .interchange import InterchangeError, child_hint, from_data, to_data
from .model import OfficeYear

Step = str | int
Path = tuple[Step, ...]
Kind = Literal["set", "insert", "remove", "move"]
KINDS = ("set", "insert", "remove", "move")

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


class EditError(UserError, ValueError):
    """The edit cannot apply to this model: bad path, wrong type, index out of range."""


class EditConflict(EditError):
    """The value found at the path is not the edit's ``old`` value (the document moved on)."""


@dataclass(frozen=True)
class Edit:
    """One change. ``old``/``new`` are interchange JSON data; ``target`` is a move's destination.

    set: ``path`` names the value, ``old`` -> ``new``. insert: ``path`` is where the item goes,
    ``new`` the item. remove: ``path`` is the item, ``old`` the item. move: ``path`` is the item
    at its source index, ``old`` (= ``new``) the item, ``target`` its destination index."""

    kind: Kind
    path: Path
    old: Any = None
    new: Any = None
    target: int | None = None

    def inverse(self) -> Edit:
        """The edit that undoes this one."""
        if self.kind == "set":
            return Edit("set", self.path, self.new, self.old)
        if self.kind == "insert":
            return Edit("remove", self.path, self.new, None)
        if self.kind == "remove":
            return Edit("insert", self.path, None, self.old)
        index = self.path[-1]
        assert self.target is not None and isinstance(index, int), "a move is from and to a list index"
        return Edit("move", self.path[:-1] + (self.target,), self.new, self.old, index)

    @property
    def path_text(self) -> str:
        return path_to_text(self.path)


def path_to_text(path: Path) -> str:
    """``("section3", "areas", 0)`` -> ``section3.areas[0]``."""
    parts: list[str] = []
    for step in path:
        if isinstance(step, int) and not isinstance(step, bool):
            parts.append(f"[{step}]")
        elif isinstance(step, str) and _IDENT.fullmatch(step):
            parts.append(f".{step}" if parts else step)
        elif isinstance(step, str):
            parts.append(f"[{json.dumps(step, ensure_ascii=False)}]")
        else:
            raise EditError(f"not a path step: {step!r}")
    return "".join(parts)


def path_from_text(text: str) -> Path:
    """``section3.areas[0]`` -> ``("section3", "areas", 0)``; raises :class:`EditError`."""
    steps: list[Step] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or (match.group(0).startswith(".") and not steps) or (
            match.group(1) and not match.group(0).startswith(".") and steps
        ):
            raise EditError(f"bad path {text!r} at character {pos + 1}")
        name, index, key = match.groups()
        steps.append(name if name else int(index) if index else json.loads(key))
        pos = match.end()
    return tuple(steps)


def resolve(root: Any, path: Path) -> Any:
    """The object at ``path`` (field names, list indexes, dict keys) below ``root``; None if absent."""
    obj = root
    for step in path:
        if obj is None:
            return None
        if isinstance(step, int):
            obj = obj[step] if step < len(obj) else None
        elif isinstance(obj, dict):
            obj = obj.get(step)
        else:
            obj = getattr(obj, step)
    return obj


def _walk(office_year: OfficeYear, path: Path) -> tuple[Any, Any]:
    """The object at ``path`` and its type hint; raises :class:`EditError` for a bad path."""
    obj: Any = office_year
    hint: Any = OfficeYear
    for i, step in enumerate(path):
        where = path_to_text(path[: i + 1])
        if obj is None:
            raise EditError(f"{where}: nothing at {path_to_text(path[:i]) or 'the document'}")
        try:
            hint = child_hint(hint, step)
        except InterchangeError as exc:
            raise EditError(f"{where}: {exc}") from None
        # child_hint has checked the step's kind: a field name, a dict key or a list index.
        if is_dataclass(obj):
            assert isinstance(step, str)
            obj = getattr(obj, step)
        elif isinstance(obj, dict):
            obj = obj.get(step)
        else:
            assert isinstance(step, int)
            if not 0 <= step < len(obj):
                raise EditError(f"{where}: index out of range (the list has {len(obj)} items)")
            obj = obj[step]
    return obj, hint


def _list_at(office_year: OfficeYear, list_path: Path) -> tuple[list[Any], Any]:
    obj, hint = _walk(office_year, list_path)
    if not isinstance(obj, list):
        raise EditError(f"{path_to_text(list_path)}: not a list")
    return obj, child_hint(hint, 0)


def _encode(value: Any, hint: Any, where: str) -> Any:
    """The JSON data of ``value`` as type ``hint``, normalised (NFC) by a decode round trip."""
    try:
        return to_data(from_data(hint, to_data(value, hint), where), hint)
    except InterchangeError as exc:
        raise EditError(str(exc)) from None
    except (TypeError, AttributeError) as exc:
        raise EditError(f"{where}: {exc}") from None


def _decode(data: Any, hint: Any, where: str) -> Any:
    try:
        return from_data(hint, data, where)
    except InterchangeError as exc:
        raise EditError(str(exc)) from None


def _check_index(index: Any, size: int, where: str) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < size:
        raise EditError(f"{where}: index {index!r} out of range (the list has {size} items)")
    return index


def set_edit(office_year: OfficeYear, path: Path | str, new_value: Any) -> Edit:
    """An edit setting the value at ``path`` to ``new_value`` (a model value), capturing the old."""
    path = _as_path(path)
    if not path:
        raise EditError("the whole document cannot be set by an edit; replace the document")
    old, hint = _walk(office_year, path)
    parent, _ = _walk(office_year, path[:-1])
    removes_key = isinstance(parent, dict) and new_value is None
    new = None if removes_key else _encode(new_value, hint, path_to_text(path))
    return Edit("set", path, to_data(old, hint), new)


def insert_edit(office_year: OfficeYear, list_path: Path | str, index: int, item: Any) -> Edit:
    """An edit inserting ``item`` at ``index`` of the list at ``list_path`` (index = len appends)."""
    list_path = _as_path(list_path)
    items, hint = _list_at(office_year, list_path)
    where = path_to_text(list_path + (index,))
    _check_index(index, len(items) + 1, where)
    return Edit("insert", list_path + (index,), None, _encode(item, hint, where))


def remove_edit(office_year: OfficeYear, list_path: Path | str, index: int) -> Edit:
    """An edit removing the item at ``index`` of the list at ``list_path``."""
    list_path = _as_path(list_path)
    items, hint = _list_at(office_year, list_path)
    _check_index(index, len(items), path_to_text(list_path + (index,)))
    return Edit("remove", list_path + (index,), to_data(items[index], hint), None)


def move_edit(office_year: OfficeYear, list_path: Path | str, src: int, dst: int) -> Edit:
    """An edit moving the item at ``src`` so that it ends at index ``dst`` of the same list."""
    list_path = _as_path(list_path)
    items, hint = _list_at(office_year, list_path)
    _check_index(src, len(items), path_to_text(list_path + (src,)))
    _check_index(dst, len(items), path_to_text(list_path + (dst,)))
    data = to_data(items[src], hint)
    return Edit("move", list_path + (src,), data, data, dst)


def apply_edit(office_year: OfficeYear, edit: Edit) -> None:
    """Apply ``edit`` to the model in place.

    Everything is checked and decoded before the model is touched, so a raised
    :class:`EditError` or :class:`EditConflict` leaves the model unchanged."""
    if edit.kind not in KINDS:
        raise EditError(f"unknown edit kind {edit.kind!r}")
    path = tuple(edit.path)
    if not path:
        raise EditError("an edit needs a non-empty path")
    where = path_to_text(path)
    parent, parent_hint = _walk(office_year, path[:-1])
    step = path[-1]
    if parent is None:
        raise EditError(f"{where}: nothing at {path_to_text(path[:-1]) or 'the document'}")
    try:
        hint = child_hint(parent_hint, step)
    except InterchangeError as exc:
        raise EditError(f"{where}: {exc}") from None

    if edit.kind == "set":
        if isinstance(parent, list):
            _check_index(step, len(parent), where)
            current = parent[step]  # type: ignore[index]
        elif isinstance(parent, dict):
            current = parent.get(step)
        elif is_dataclass(parent):
            current = getattr(parent, step)  # type: ignore[arg-type]
        else:
            raise EditError(f"{where}: {path_to_text(path[:-1])} cannot be changed in part; set it whole")
        _expect(to_data(current, hint), edit.old, where)
        removes_key = isinstance(parent, dict) and edit.new is None
        value = None if removes_key else _decode(edit.new, hint, where)
        if isinstance(parent, list):
            parent[step] = value  # type: ignore[index]
        elif isinstance(parent, dict):
            if value is None:
                parent.pop(step, None)
            else:
                parent[step] = value
        else:
            setattr(parent, step, value)  # type: ignore[arg-type]
        return

    if not isinstance(parent, list):
        raise EditError(f"{where}: {edit.kind} needs a list, {path_to_text(path[:-1])} is not one")
    if edit.kind == "insert":
        index = _check_index(step, len(parent) + 1, where)
        parent.insert(index, _decode(edit.new, hint, where))
        return
    index = _check_index(step, len(parent), where)
    _expect(to_data(parent[index], hint), edit.old, where)
    if edit.kind == "remove":
        del parent[index]
        return
    target = _check_index(edit.target, len(parent), f"{where} -> target")
    parent.insert(target, parent.pop(index))


def _expect(current: Any, old: Any, where: str) -> None:
    if current != old:
        raise EditConflict(
            f"{where}: the value is {json.dumps(current, ensure_ascii=False)[:80]}, "
            f"the edit expected {json.dumps(old, ensure_ascii=False)[:80]}"
        )


def _as_path(path: Path | str) -> Path:
    return path_from_text(path) if isinstance(path, str) else tuple(path)


def mirror_edit(document: Any, office_year: OfficeYear, edit: Edit) -> None:
    """Repeat on ``document``, the JSON data of ``office_year`` (``to_data(office_year)``), an edit
    already applied to ``office_year``, so the two stay equal without encoding the whole document
    again (which costs milliseconds per keystroke on a full APA)."""
    path = tuple(edit.path)
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    step = path[-1]
    if edit.kind == "set":
        if isinstance(parent, dict) and step not in _container(office_year, path):
            parent.pop(step, None)
        else:
            obj, hint = _walk(office_year, path)
            parent[step] = to_data(obj, hint)
    elif edit.kind == "insert":
        obj, hint = _walk(office_year, path)
        parent.insert(step, to_data(obj, hint))
    elif edit.kind == "remove":
        del parent[step]
    else:
        parent.insert(edit.target, parent.pop(step))


def _container(office_year: OfficeYear, path: Path) -> Any:
    """The object holding the last step of ``path`` (a dataclass's fields as a set of names)."""
    parent, _ = _walk(office_year, path[:-1])
    return vars(parent) if is_dataclass(parent) else parent


# ------------------------------------------------------------------ history


def path_before(kind: str, edit_path: Path, target: int | None, path: Path) -> Path | None:
    """Where the value or row now at ``path`` was before an edit (``kind`` at ``edit_path``,
    ``target`` for a move) was applied; ``None`` when that edit inserted it."""
    if kind not in ("insert", "remove", "move"):
        return path
    list_path, index = edit_path[:-1], edit_path[-1]
    assert isinstance(index, int), "rows are inserted, removed and moved at a list index"
    depth = len(list_path)
    at = path[depth] if len(path) > depth else None
    if path[:depth] != list_path or not isinstance(at, int):
        return path
    if kind == "insert":
        if at == index:
            return None
        before = at - 1 if at > index else at
    elif kind == "remove":
        before = at + 1 if at >= index else at
    else:
        assert target is not None
        if at == target:
            before = index
        elif index < target and index <= at < target:
            before = at + 1
        elif target < index and target < at <= index:
            before = at - 1
        else:
            before = at
    return list_path + (before,) + path[depth + 1:]


def trace_history(entries: Iterable[tuple[Any, str, str, int | None]], path: Path) -> list[Any]:
    """The keys of the entries that changed what is now at ``path``, newest first.

    ``entries`` are (key, kind, path text, target) newest first, as the audit log holds them. The
    value or row is followed back through row inserts, removals and moves, so a cell's history
    stays with its indicator when rows above it come and go; it ends where the row was inserted
    (that insert is included for the row itself) or where the whole document was replaced."""
    found: list[Any] = []
    current = path
    for key, kind, text, target in entries:
        if kind == "replace":
            break
        if kind not in KINDS:
            continue
        edit_path = path_from_text(text)
        after = edit_path[:-1] + (target,) if kind == "move" else edit_path
        if kind != "remove" and after == current:
            found.append(key)
        before = path_before(kind, edit_path, target, current)
        if before is None:
            break
        current = before
    return found
