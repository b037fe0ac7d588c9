"""Finding the scoring's results for a row of the document (the scoring computes; this only looks up).

The breakdown (``scoring.score_office_year``) is a tree plan -> area -> indicator whose nodes
carry the document path they score; :func:`lookup` indexes that tree once per rescoring.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtGui import QColor

from ...core.edits import path_from_text, path_to_text

_index_of: dict[int, dict[tuple, Any]] = {}

LEVEL_COLOURS = ((100, "#b8e6b8"), (90, "#d2efc2"), (80, "#e8f4c4"), (70, "#f7efc0"), (60, "#f8dcc0"))
BELOW = "#f4c7c7"


def level_colour(level: int | None) -> QColor:
    """The colour of the level reached (index 0-4 of the five levels; None is below them all)."""
    return QColor(BELOW if level is None else LEVEL_COLOURS[level][1])


def indicator_score(breakdown: Any, path: tuple) -> Any:
    """The scoring's IndicatorScore of the indicator at ``path`` (None if not scored)."""
    node = lookup(breakdown, path)
    return getattr(node, "result", None)


def obtained(breakdown: Any, path: tuple) -> float | None:
    """What an indicator, activity, area, plan or NIS activity at ``path`` obtained."""
    node = lookup(breakdown, path)
    if node is None:
        return None
    result = getattr(node, "result", None)
    return result.score if result is not None else getattr(node, "obtained", None)


def _node_path(node: Any) -> tuple | None:
    path = getattr(node, "path", None)
    if isinstance(path, str):
        try:
            return path_from_text(path)
        except ValueError:
            return None
    return tuple(path) if isinstance(path, (tuple, list)) else None


def _walk(node: Any, index: dict[tuple, Any], depth: int = 0) -> None:
    if depth > 12 or node is None:
        return
    path = _node_path(node)
    if path is not None:
        index.setdefault(path, node)
    children: list[Any] = []
    if dataclasses.is_dataclass(node):
        children = [getattr(node, f.name) for f in dataclasses.fields(node)]
    elif isinstance(node, dict):
        children = list(node.values())
    elif isinstance(node, (list, tuple)):
        children = list(node)
    for child in children:
        if isinstance(child, (list, tuple, dict)) or dataclasses.is_dataclass(child):
            _walk(child, index, depth + 1)


def lookup(breakdown: Any, path: tuple) -> Any:
    """The breakdown node scoring the object at ``path`` (an indicator, area or plan), or None."""
    if breakdown is None:
        return None
    key = id(breakdown)
    index = _index_of.get(key)
    if index is None:
        _index_of.clear()
        index = {}
        _walk(breakdown, index)
        _index_of[key] = index
    return index.get(path)


def weight_issue_at(issues: list[Any], path: tuple) -> str | None:
    """The message of a weight issue reported for exactly this path."""
    text = path_to_text(path)
    for issue in issues:
        where = getattr(issue, "path", None)
        if where in (text, path) or (isinstance(where, (list, tuple)) and tuple(where) == path):
            return str(getattr(issue, "message_bn", issue))
    return None
