"""Finding the scoring's results for a row of the document (the scoring computes; this only looks up).

The breakdown (``scoring.score_office_year``) is a tree plan -> area -> activity -> indicator
(and the NIS sections and activities) whose nodes carry the document path they score; it
indexes them by path when it is made (:meth:`~apa_desktop.core.scoring.Breakdown.node_at`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from ...core.edits import path_to_text
from ...core.numerals import format_score, format_value
from ...core.scoring import Breakdown

LEVEL_COLOURS = ((100, "#a8dca8"), (90, "#c4e8b4"), (80, "#dcefc4"), (70, "#e4ecd8"), (60, "#dde6ee"))
"""Greens fading to a grey-blue: never the yellow of a flagged value or the red of an unreadable one."""
BELOW = "#ddd3ec"
"""A valid achievement below the lowest level: lavender, clearly not the red of an unreadable cell."""


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


def lookup(breakdown: Breakdown | None, path: tuple) -> Any:
    """The breakdown node scoring the object at ``path`` (an indicator, area or plan), or None."""
    return None if breakdown is None else breakdown.node_at(path)


def weight_issue_at(issues: list[Any], path: tuple) -> str | None:
    """The message of a weight issue reported for exactly this path."""
    text = path_to_text(path)
    for issue in issues:
        where = getattr(issue, "path", None)
        if where in (text, path) or (isinstance(where, (list, tuple)) and tuple(where) == path):
            return str(getattr(issue, "message_bn", issue))
    return None


_TYPED_LABELS = {"typed_total": ("লিখিত মোট অর্জন", "Typed total achievement"),
                 "typed_obtained": ("লিখিত অর্জিত মান", "Typed obtained mark")}


def mismatch_note(breakdown: Any, path: tuple, field: str, digits: str, language: str) -> str | None:
    """"লিখিত অর্জিত মান ১.৫০, গণনায় ১.০০" when the figure typed in ``field`` ("typed_total"
    or "typed_obtained") of the indicator or NIS activity at ``path`` differs from the computed
    one (DOMAIN §6: show both and flag, never overwrite); None when they agree."""
    node = lookup(breakdown, path)
    if node is None or not getattr(node, field.replace("typed_", "") + "_mismatch", False):
        return None
    if field == "typed_total":
        typed, computed = (("-" if v is None else format_value(v, node.unit, digits))
                           for v in (node.typed_total, node.achievement))
    else:
        typed, computed = (("-" if v is None else format_score(v, digits))
                           for v in (node.typed_obtained, obtained(breakdown, path)))
    bn, en = _TYPED_LABELS[field]
    return f"{bn} {typed}, গণনায় {computed}" if language == "bn" else f"{en} {typed}, computed {computed}"
