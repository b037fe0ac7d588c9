"""Reading, showing and parsing one cell of the document by its kind.

A cell kind is a unit of :data:`apa_desktop.core.model.UNITS` (scored values), or one of
"text" (free text), "number" (a weight or a plain count), "code" ([১.১.১]), "unit_name" and
"method_name" (choices), "row_unit" (a value in the unit of its row's ``unit`` field).
Parsing and formatting are the core's (numerals); this module only dispatches.
"""

from __future__ import annotations

from typing import Any

from ...core import numerals
from ...core.edits import resolve  # noqa: F401 - core's resolver, still imported from here by ui/home_tab.py and tests
from ...core.model import METHODS, UNITS
from ...core.vocabulary import METHOD_NAMES, UNIT_NAMES
from ..i18n import language

UNIT_NAMES_BN = {str(unit): name.bn for unit, name in UNIT_NAMES.items()}
METHOD_NAMES_BN = {str(method): name.bn for method, name in METHOD_NAMES.items()}


def digits() -> str:
    """Bengali digits in the Bengali UI, ASCII digits in the English one."""
    return "bn" if language() == "bn" else "en"


def show(value: Any, kind: str) -> str:
    """The text a cell shows (Bengali digits by default)."""
    if value is None:
        return ""
    d = digits()
    if kind == "text":
        return str(value)
    if kind == "number":
        return numerals.format_number(float(value), d)
    if kind == "code":
        return numerals.format_code(value, d)
    if kind == "unit_name":
        return UNIT_NAMES_BN.get(value, value) if d == "bn" else value
    if kind == "method_name":
        return METHOD_NAMES_BN.get(value, value) if d == "bn" else value
    return numerals.format_value(value, kind, d)


def parse(text: str, kind: str) -> Any:
    """The model value typed as ``text``; raises ``numerals.ParseError`` (with messages) if invalid."""
    if kind == "text":
        return text
    stripped = text.strip()
    if kind == "number":
        return None if stripped in ("", "-") else numerals.parse_number(stripped)
    if kind == "code":
        return "" if not stripped else numerals.parse_code(stripped)
    if kind in ("unit_name", "method_name"):
        names = UNIT_NAMES_BN if kind == "unit_name" else METHOD_NAMES_BN
        keys = UNITS if kind == "unit_name" else METHODS
        if kind == "method_name" and not stripped:
            return None
        for key in keys:
            if stripped in (key, names[key]):
                return key
        choices = ", ".join(names[k] for k in keys)
        raise numerals.ParseError(text, f"এর একটি দিন: {choices}", f"Enter one of: {', '.join(keys)}")
    return numerals.parse_value(text, kind)
