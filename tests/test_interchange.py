"""The interchange format: deterministic, lossless, schema-checked, and safe on hostile input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apa_desktop.core import interchange, model
from apa_desktop.core.errors import UserError
from apa_desktop.export.interchange_file import InterchangeFileError, parse_office_year_json, read_office_year_file
from apa_desktop.paths import resource_path


def small_office_year() -> model.OfficeYear:
    indicator = model.Indicator(
        code="1.1.1", title="সেবা গ্রহীতার সংখ্যা", unit="date", weight=12,
        levels=[date(2024, 3, 16), date(2024, 3, 23), None, None, None],
        quarters=[None, 3.5, model.CountDate(1, (date(2023, 7, 31),)), model.Unreadable("২২")],
        pending={"quarters[2]": "১০০% থেকে রূপান্তরিত / converted from 100%"},
    )
    office_year = model.OfficeYear(office=model.Office(id="x", name="অফিস", tier="upazila"), fiscal_year="2023-24")
    office_year.section3.areas.append(
        model.Area(code="1", title="ক্ষেত্র", weight=25, activities=[model.Activity(code="1.1", indicators=[indicator])])
    )
    office_year.annexes["rti"] = model.Plan(kind="rti", total=3)
    office_year.nis.sections.append(model.NisSection(code="1", title="প্রাতিষ্ঠানিক ব্যবস্থা", weight=6))
    return office_year


def test_export_import_export_gives_the_same_bytes():
    text = interchange.dumps(small_office_year())
    again = interchange.dumps(interchange.loads(text))
    assert again == text


def test_decoded_document_equals_the_original():
    original = small_office_year()
    assert interchange.loads(interchange.dumps(original)) == original


def test_shipped_schema_is_the_one_generated_from_the_model():
    shipped = json.loads(resource_path("schema", "office-year-v1.schema.json").read_text("utf-8"))
    assert shipped == json.loads(json.dumps(interchange.json_schema())), "run tools/make_schema.py"


def test_exported_document_validates_against_the_shipped_schema():
    office_year = parse_office_year_json(interchange.dumps(small_office_year()).encode())
    assert office_year == small_office_year()


def test_text_is_stored_nfc():
    decomposed = "ক\u09c7\u09be"  # কো written as two vowel signs
    data = interchange.to_document(small_office_year())
    data["document"]["office"]["name"] = decomposed
    office_year = interchange.from_document(data)
    assert office_year.office.name == "কো"


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda d: d.update(version=99), "version"),
        (lambda d: d.update(format="something"), "format"),
        (lambda d: d["document"]["office"].update(colour="red"), "colour"),
        (lambda d: d["document"]["section3"]["areas"][0].update(weight="many"), "weight"),
        (lambda d: d["document"].update(fiscal_year=7), "fiscal_year"),
        (lambda d: d["document"]["section3"]["areas"][0]["activities"][0]["indicators"][0]["levels"].__setitem__(0, "16/03/2024"), "levels"),
    ],
)
def test_a_damaged_file_is_refused_with_the_place_named(mutate, expected):
    data = interchange.to_document(small_office_year())
    mutate(data)
    with pytest.raises(InterchangeFileError) as err:
        parse_office_year_json(json.dumps(data).encode(), "x.json")
    assert expected in str(err.value)


def test_a_file_that_is_not_json_gets_a_message(tmp_path: Path):
    path = tmp_path / "junk.json"
    path.write_bytes(b"\x00\xff not json")
    with pytest.raises(InterchangeFileError, match="not JSON"):
        read_office_year_file(path)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20))
def test_random_json_never_crashes_the_reader(payload):
    try:
        parse_office_year_json(json.dumps(payload).encode())
    except UserError as exc:  # InterchangeFileError, or DocumentInvalid listing the problems
        assert str(exc)


@settings(max_examples=10_000, deadline=None)
@given(st.text() | st.binary().map(lambda b: b.decode("latin-1")) | st.just('{"format": "apa-desktop/office-year", "version": 1, "document": ').flatmap(lambda p: st.text().map(p.__add__)))
def test_random_strings_never_crash_the_reader(text):
    try:
        parse_office_year_json(text.encode("utf-8", "surrogatepass"))
    except UserError as exc:  # InterchangeFileError, or DocumentInvalid listing the problems
        assert str(exc)
