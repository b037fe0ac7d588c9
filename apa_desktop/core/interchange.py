"""The interchange format: an :class:`~apa_desktop.core.model.OfficeYear` as JSON.

The format is documented in ``docs/interchange.md`` and described by the JSON Schema
shipped at ``apa_desktop/resources/schema/office-year-v1.schema.json``. It is versioned:
``{"format": "apa-desktop/office-year", "version": 1, "document": {...}}``.

Encoding is deterministic (field order is the dataclasses' order, numbers that are whole
are written without a fraction), so export -> import -> export gives the same bytes.

Typed values (:data:`~apa_desktop.core.model.Value`) are written as:

* a number as a JSON number;
* a date as an ISO string ``"2024-03-16"``;
* a count-and-date as ``{"count": 4, "dates": ["2023-07-31", ...]}``;
* an unreadable cell as ``{"text": "as written"}``;
* '-' or empty as ``null``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, Union

from . import model
from .errors import UserError
from .model import CountDate, OfficeYear, Unreadable

FORMAT = "apa-desktop/office-year"
VERSION = 1


class InterchangeError(UserError, ValueError):
    """The data is not an office-year in the interchange format; the message says where."""


def _number(value: float) -> int | float:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def encode_value(value: model.Value) -> Any:
    """One typed cell value as JSON data."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, CountDate):
        count = None if value.count is None else _number(value.count)
        return {"count": count, "dates": [d.isoformat() for d in value.dates]}
    if isinstance(value, Unreadable):
        return {"text": value.text}
    raise TypeError(f"not a cell value: {value!r}")


def decode_value(data: Any, where: str = "") -> model.Value:
    """JSON data back to a typed cell value."""
    if data is None:
        return None
    if isinstance(data, bool):
        raise InterchangeError(f"{where}: expected a number, a date or null, got a boolean")
    if isinstance(data, (int, float)):
        return float(data)
    if isinstance(data, str):
        return _date(data, where)
    if isinstance(data, dict):
        if set(data) == {"text"} and isinstance(data["text"], str):
            return Unreadable(_nfc(data["text"]))
        if set(data) == {"count", "dates"} and isinstance(data["dates"], list):
            count = data["count"]
            if count is not None and (isinstance(count, bool) or not isinstance(count, (int, float))):
                raise InterchangeError(f"{where}.count: expected a number or null")
            dates = tuple(_date(d, f"{where}.dates") for d in data["dates"])
            return CountDate(None if count is None else float(count), dates)
    raise InterchangeError(f"{where}: expected a number, an ISO date, a count-and-date or a text cell")


def _date(text: Any, where: str) -> date:
    if not isinstance(text, str):
        raise InterchangeError(f"{where}: expected an ISO date string")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InterchangeError(f"{where}: expected an ISO date (YYYY-MM-DD), got {text!r}") from None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


_VALUE = typing.get_type_hints(model.OutcomeRow, vars(model))["target"]


def to_data(obj: Any, hint: Any = None) -> Any:
    """Encode a model object (dataclass, list, dict, value) as JSON-able data.

    ``hint`` is the model type of ``obj``; it may be left out for a dataclass instance."""
    if obj is None:
        return None
    if hint is None:
        if not dataclasses.is_dataclass(obj):
            raise TypeError(f"cannot encode {obj!r} without its type")
        hint = type(obj)
    return _encoder(hint)(obj)


@cache
def _encoder(hint: Any) -> Callable[[Any], Any]:
    """An encoding function for ``hint``, built once per type (see :func:`_decoder`)."""
    if hint is _VALUE:
        return encode_value
    if _is_optional(hint):
        inner = _encoder(_strip_optional(hint))
        return lambda obj: None if obj is None else inner(obj)
    if _is_model_class(hint):
        return _dataclass_encoder(hint)
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        encode_item = _encoder(typing.get_args(hint)[0])
        return lambda obj: [encode_item(item) for item in obj]
    if origin is dict:
        encode_item = _encoder(typing.get_args(hint)[1])
        return lambda obj: {key: encode_item(item) for key, item in obj.items()}
    if hint is date:
        return date.isoformat
    if hint in (str, bool):
        return lambda obj: obj
    if hint in (int, float):
        return _number
    raise TypeError(f"cannot encode values of type {hint!r}")


def _dataclass_encoder(cls: type) -> Callable[[Any], Any]:
    plan: list[tuple[str, Callable[[Any], Any]]] = []

    def encode(obj: Any) -> dict[str, Any]:
        if not plan:  # resolved on first use, so that types may refer to each other
            hints = _hints(cls)
            plan.extend((f.name, _encoder(hints[f.name])) for f in dataclasses.fields(cls))
        return {name: encode_field(getattr(obj, name)) for name, encode_field in plan}

    return encode


@cache
def _is_model_class(hint: object) -> typing.TypeGuard[type]:
    """A model dataclass (the hints here are classes, never instances)."""
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


def _is_optional(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType) and type(None) in typing.get_args(hint)


@cache
def _strip_optional(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007 - built from a list at run time


class _Fault(Exception):
    """A decoding fault on its way up; each container adds its step so the message names the place."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.steps: list[str] = []


def from_data(hint: Any, data: Any, where: str = "document") -> Any:
    """Decode JSON data into the model type ``hint``; raises :class:`InterchangeError`."""
    try:
        return _decoder(hint)(data)
    except _Fault as fault:
        raise InterchangeError(f"{where}{''.join(reversed(fault.steps))}: {fault.message}") from None


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A decoding function for ``hint``, built once per type: decoding a document walks
    thousands of cells, so the type analysis must not be repeated for each of them."""
    if hint is _VALUE:
        return _decode_cell
    if _is_optional(hint):
        inner = _decoder(_strip_optional(hint))
        return lambda data: None if data is None else inner(data)
    if _is_model_class(hint):
        return _dataclass_decoder(hint)
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        return _sequence_decoder(typing.get_args(hint)[0], origin)
    if origin is dict:
        return _mapping_decoder(typing.get_args(hint)[1])
    simple = {str: _decode_str, bool: _decode_bool, int: _decode_int, float: _decode_float, date: _decode_date}
    if hint in simple:
        return simple[hint]
    raise TypeError(f"unsupported type {hint!r}")


def _decode_cell(data: Any) -> model.Value:
    try:
        return decode_value(data)
    except InterchangeError as exc:
        raise _Fault(str(exc).lstrip(": ")) from None


def _decode_str(data: Any) -> str:
    if type(data) is not str:
        raise _Fault("expected text")
    return _nfc(data)


def _decode_bool(data: Any) -> bool:
    if type(data) is not bool:
        raise _Fault("expected true or false")
    return data


def _decode_int(data: Any) -> int:
    if type(data) is not int:
        raise _Fault("expected a whole number")
    return data


def _decode_float(data: Any) -> float:
    if type(data) not in (int, float):
        raise _Fault("expected a number")
    return float(data)


def _decode_date(data: Any) -> date:
    try:
        return _date(data, "")
    except InterchangeError as exc:
        raise _Fault(str(exc).lstrip(": ")) from None


def _dataclass_decoder(cls: type) -> Callable[[Any], Any]:
    resolved: list[tuple[list[tuple[str, Callable[[Any], Any], bool]], set[str]]] = []

    def decode(data: Any) -> Any:
        if not resolved:  # on first use, so that types may refer to each other; published whole,
            hints = _hints(cls)  # so a thread decoding at the same moment never sees half a plan
            fields = dataclasses.fields(cls)
            resolved.append(([(f.name, _decoder(hints[f.name]),
                               f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
                              for f in fields], {f.name for f in fields}))
        plan, names = resolved[0]
        if type(data) is not dict:
            raise _Fault("expected an object")
        if not names.issuperset(data):
            raise _Fault(f"unknown field(s) {', '.join(sorted(map(str, set(data) - names)))}")
        kwargs = {}
        for name, decode_field, required in plan:
            if name in data:
                try:
                    kwargs[name] = decode_field(data[name])
                except _Fault as fault:
                    fault.steps.append(f".{name}")
                    raise
            elif required:
                raise _Fault(f"missing field {name}")
        return cls(**kwargs)

    return decode


def _sequence_decoder(item_hint: Any, origin: type) -> Callable[[Any], Any]:
    decode_item = _decoder(item_hint)

    def decode(data: Any) -> Any:
        if type(data) is not list:
            raise _Fault("expected a list")
        items = []
        for index, item in enumerate(data):
            try:
                items.append(decode_item(item))
            except _Fault as fault:
                fault.steps.append(f"[{index}]")
                raise
        return tuple(items) if origin is tuple else items

    return decode


def _mapping_decoder(value_hint: Any) -> Callable[[Any], Any]:
    decode_value_ = _decoder(value_hint)

    def decode(data: Any) -> Any:
        if type(data) is not dict:
            raise _Fault("expected an object")
        result = {}
        for key, item in data.items():
            try:
                result[_nfc(key)] = decode_value_(item)
            except _Fault as fault:
                fault.steps.append(f".{key}")
                raise
        return result

    return decode


def to_document(office_year: OfficeYear) -> dict[str, Any]:
    """The versioned interchange envelope of an office-year."""
    return {"format": FORMAT, "version": VERSION, "document": to_data(office_year)}


def from_document(data: Any) -> OfficeYear:
    """Read an interchange envelope; raises :class:`InterchangeError` with the place of the fault."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InterchangeError(f"not an APA Desktop office-year (expected format {FORMAT!r})")
    version = data.get("version")
    if version != VERSION:
        raise InterchangeError(f"unsupported interchange version {version!r} (this program reads {VERSION})")
    return from_data(OfficeYear, data.get("document"), "document")


def dumps(office_year: OfficeYear) -> str:
    """The office-year as interchange JSON text (deterministic)."""
    return json.dumps(to_document(office_year), ensure_ascii=False, indent=1) + "\n"


def loads(text: str | bytes) -> OfficeYear:
    """Parse interchange JSON text; raises :class:`InterchangeError`."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InterchangeError(f"not valid JSON: {exc}") from None
    return from_document(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the interchange envelope, derived from the model.

    The shipped copy in ``resources/schema`` is generated from this by ``tools/make_schema.py``
    and a test keeps the two equal, so the schema cannot drift from the code."""
    defs: dict[str, Any] = {
        "Value": {
            "description": "A cell: number, ISO date, count-and-date, unreadable text, or null for '-'.",
            "oneOf": [
                {"type": "null"},
                {"type": "number"},
                {"type": "string", "format": "date"},
                {
                    "type": "object",
                    "properties": {
                        "count": {"type": ["number", "null"]},
                        "dates": {"type": "array", "items": {"type": "string", "format": "date"}},
                    },
                    "required": ["count", "dates"],
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "properties": {"text": {"type": "string"}},
                    "required": ["text"],
                    "additionalProperties": False,
                },
            ],
        }
    }

    def schema_of(hint: Any) -> dict[str, Any]:
        if hint is _VALUE:
            return {"$ref": "#/$defs/Value"}
        if _is_optional(hint):
            inner = schema_of(_strip_optional(hint))
            return {"anyOf": [inner, {"type": "null"}]}
        if _is_model_class(hint):
            name = hint.__name__
            if name not in defs:
                defs[name] = {}  # reserve against recursion
                hints = _hints(hint)
                fields = dataclasses.fields(hint)
                defs[name] = {
                    "type": "object",
                    "properties": {f.name: schema_of(hints[f.name]) for f in fields},
                    "required": [
                        f.name
                        for f in fields
                        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                    ],
                    "additionalProperties": False,
                }
                doc = (hint.__doc__ or "").strip().splitlines()
                if doc:
                    defs[name]["description"] = doc[0]
            return {"$ref": f"#/$defs/{name}"}
        origin = typing.get_origin(hint)
        if origin in (list, tuple):
            return {"type": "array", "items": schema_of(typing.get_args(hint)[0])}
        if origin is dict:
            return {"type": "object", "additionalProperties": schema_of(typing.get_args(hint)[1])}
        simple = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
                  float: {"type": "number"}, date: {"type": "string", "format": "date"}}
        if hint in simple:
            return dict(simple[hint])
        raise TypeError(f"no schema for {hint!r}")

    document = schema_of(OfficeYear)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://apa-desktop.invalid/schema/office-year-v1.schema.json",
        "title": "APA Desktop office-year, interchange format version 1",
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "document": document,
        },
        "required": ["format", "version", "document"],
        "additionalProperties": False,
        "$defs": defs,
    }


def child_hint(hint: Any, step: str | int) -> Any:
    """The model type of the item at ``step`` (a field name, list index or dict key) inside a
    value of type ``hint``; raises :class:`InterchangeError` when ``hint`` has no such item.

    Used by :mod:`~apa_desktop.core.edits` to decode an edit's JSON data into the right type."""
    if _is_optional(hint):
        hint = _strip_optional(hint)
    if hint is _VALUE:
        raise InterchangeError(f"a cell value has no part {step!r}: set the whole cell")
    if _is_model_class(hint):
        hints = _hints(hint)
        if not isinstance(step, str) or step not in hints:
            raise InterchangeError(f"{hint.__name__} has no field {step!r}")
        return hints[step]
    origin = typing.get_origin(hint)
    if origin in (list, tuple):
        if isinstance(step, bool) or not isinstance(step, int):
            raise InterchangeError(f"a list is indexed by a number, not {step!r}")
        return typing.get_args(hint)[0]
    if origin is dict:
        if not isinstance(step, str):
            raise InterchangeError(f"a mapping is keyed by text, not {step!r}")
        return typing.get_args(hint)[1]
    raise InterchangeError(f"{getattr(hint, '__name__', hint)!s} has no part {step!r}")
