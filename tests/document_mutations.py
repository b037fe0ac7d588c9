"""Structure-aware mutations of real office-year documents (the demo seeds), for property tests.

A mutation picks a place in the document's JSON tree and replaces, drops, duplicates or empties
what is there, with values chosen as an attacker or bad luck would: out-of-range quarters, huge
and non-finite numbers, empty and over-long lists, wrong types, control characters, odd dates."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

from hypothesis import strategies as st

from apa_desktop.core import interchange
from apa_desktop.core.demo import import_demo

HOSTILE: list[Any] = [
    0, -1, 5, 7, 99999, -721.0, 72400, 2**63, 2**64, -(2**63) - 1, 1e308, -1e308, 1e-300, 0.5,
    float("inf"), float("-inf"), float("nan"), True, None, "", "hello", "2023-24", "1850-51", "9999-00",
    "x" * 30_000, "\x00\x07", "../../etc/passwd", "/etc/passwd", "0001-01-01", "9999-12-31", "2024-02-30",
    [], [None], [None] * 7, [[]] * 4, [[]] * 5, ["not-a-hash"] * 4, [0] * 4, [1e308] * 4, {}, {"x": 1},
    {"count": -1, "dates": []}, {"count": float("inf"), "dates": ["2024-01-01"]}, {"text": "১০০%"},
    {"count": 3, "dates": ["0001-01-01"]}, "sum", "mean", "median", "percent", "marks", "furlongs",
    "egov/2023-24/field/1", "bogus/template", "nis", "rti",
]


_ROWS = {"areas", "activities", "indicators", "sections", "section2", "annex1", "annex2", "annex3",
         "innovations", "fourir", "branches", "summaries", "rows", "innovation_progress"}


def _trim(data: Any) -> Any:
    """A real document cut to its first two rows of every table, so that thousands of examples run fast."""
    if isinstance(data, list):
        return [_trim(item) for item in data]
    if isinstance(data, dict):
        return {key: _trim(value[:2] if key in _ROWS and isinstance(value, list) else value)
                for key, value in data.items()}
    return data


@lru_cache(maxsize=1)
def base_documents() -> tuple[str, ...]:
    """The four demo documents as interchange JSON text, the two large ones trimmed."""
    texts = []
    for office_id in ("dte", "mole", "khulna-ict", "tongi-lwc"):
        data = interchange.to_document(import_demo(office_id).office_year)
        if office_id in ("khulna-ict", "tongi-lwc"):
            data = {**data, "document": {**_trim(data["document"]), "office": data["document"]["office"]}}
        texts.append(json.dumps(data, ensure_ascii=False))
    return tuple(texts)


def _places(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, path + (index,))
    return found


@lru_cache(maxsize=None)
def places(index: int) -> tuple[tuple, ...]:
    return tuple(_places(json.loads(base_documents()[index])["document"], ("document",)))


def _apply(data: Any, path: tuple, operation: str, value: Any) -> None:
    parent, node = None, data
    for step in path:
        try:
            parent, node = node, node[step]
        except (KeyError, IndexError, TypeError):
            return  # an earlier mutation removed this place
    if parent is None:
        return
    step = path[-1]
    if operation == "replace":
        parent[step] = copy.deepcopy(value)
    elif operation == "drop":
        del parent[step]
    elif operation == "duplicate" and isinstance(parent, list):
        parent.insert(step, copy.deepcopy(node))
    elif operation == "empty" and isinstance(node, (list, dict)):
        node.clear()
    elif operation == "grow" and isinstance(node, list) and node:
        node.extend(copy.deepcopy(node[-1]) for _ in range(3))


@st.composite
def mutated_documents(draw: st.DrawFn, max_mutations: int = 3) -> dict[str, Any]:
    """A demo document with 1..max_mutations structure-aware mutations (JSON data, not yet decoded)."""
    index = draw(st.integers(0, len(base_documents()) - 1))
    data = json.loads(base_documents()[index])
    where = places(index)
    for _ in range(draw(st.integers(1, max_mutations))):
        path = where[draw(st.integers(0, len(where) - 1))]
        operation = draw(st.sampled_from(["replace", "replace", "replace", "drop", "duplicate", "empty", "grow"]))
        value = draw(st.sampled_from(HOSTILE) | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12))
        _apply(data, path, operation, value)
    return data
