"""Parsing and formatting of numbers, dates, cell values and codes (core/numerals.py)."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apa_desktop.core.calendar import parse_fiscal_year
from apa_desktop.core.model import UNITS, CountDate, Unreadable
from apa_desktop.core.numerals import (
    ParseError,
    format_code,
    format_date,
    format_date_long,
    format_number,
    format_percent,
    format_score,
    format_value,
    parse_code,
    parse_date,
    parse_number,
    parse_value,
    to_ascii_digits,
    to_bengali_digits,
)

# ------------------------------------------------------------------ digits


def test_digit_transliteration_both_ways_leaves_other_text_alone() -> None:
    assert to_ascii_digits("[১.১.১] 2023-২৪") == "[1.1.1] 2023-24"
    assert to_bengali_digits("[1.1.1] ২০২৩-24 abc") == "[১.১.১] ২০২৩-২৪ abc"


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("১২,৩৪,৫৬৭.৮৯", 1234567.89),
        ("1,234,567.89", 1234567.89),
        ("১,৮২৮", 1828.0),
        ("১2৩", 123.0),
        ("৮৫%", 85.0),
        ("৮৫ %", 85.0),
        ("-৫.৫", -5.5),
        ("\u2212 2", -2.0),
        ("\u00a0 ৪৫০০\u200b ", 4500.0),
        ("৫.", 5.0),
        (".৫", 0.5),
        ("০৫", 5.0),
    ],
)
def test_parse_number_accepts_bengali_ascii_grouping_percent_and_sign(text: str, expected: float) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "%", ".", "1,23,4", "12,3456", ",5", "১ ২", "১২-১৩", "nan", "inf", "1e5", "৮৫%%", "abc", "9" * 400],
)
def test_parse_number_rejects_anything_not_exactly_one_number(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_number(text)
    assert info.value.text == text
    assert info.value.message_bn and info.value.message_en


def test_parse_error_names_what_was_expected_and_quotes_the_input() -> None:
    with pytest.raises(ParseError) as info:
        parse_number("১,২৩,৪")
    err = info.value
    assert "“১,২৩,৪”" in err.message_bn and "“১,২৩,৪”" in err.message_en
    assert str(err) == f"{err.message_bn} / {err.message_en}"
    assert isinstance(err, ValueError)


def test_parse_error_survives_pickling_for_worker_processes() -> None:
    err = ParseError("x", "বাংলা", "English")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.text, copy.message_bn, copy.message_en) == ("x", "বাংলা", "English")


def test_multiple_numbers_get_their_own_message() -> None:
    with pytest.raises(ParseError, match="single number"):
        parse_number("১০ ২০")


@pytest.mark.parametrize(
    ("x", "kwargs", "expected"),
    [
        (1234567.5, {}, "১২,৩৪,৫৬৭.৫"),
        (1234567.5, {"decimals": 2}, "১২,৩৪,৫৬৭.৫০"),
        (1234567.5, {"digits": "en", "decimals": 2}, "12,34,567.50"),
        (100.0, {}, "১০০"),
        (1000.0, {"digits": "en"}, "1,000"),
        (94.2857142857, {}, "৯৪.২৮৫৭"),
        (2.00001, {}, "২"),
        (-0.00001, {}, "০"),
        (-1234.5, {"digits": "en"}, "-1,234.5"),
        (0.0, {"decimals": 2}, "০.০০"),
    ],
)
def test_format_number_uses_indian_grouping_and_trims_decimals(x: float, kwargs: dict, expected: str) -> None:
    assert format_number(x, **kwargs) == expected


def test_format_percent_and_score() -> None:
    assert format_percent(85) == "৮৫%"
    assert format_percent(85, digits="en") == "85%"
    assert format_score(8.7) == "৮.৭০"
    assert format_score(43.5 / 50 * 10, digits="en") == "8.70"


def test_unknown_digit_system_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="digits"):
        format_number(1, digits="arabic")


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("১৬/০৩/২০২৪", date(2024, 3, 16)),
        ("৩১-১০-২০২২", date(2022, 10, 31)),
        ("১০.১০.২০২২", date(2022, 10, 10)),
        ("৩১/০১.২০২৩", date(2023, 1, 31)),
        ("৩১/০৭/ ২৩", date(2023, 7, 31)),
        ("৩০.০৯.২২", date(2022, 9, 30)),
        ("1/7/2022", date(2022, 7, 1)),
        ("২০২১-০৮-০৪", date(2021, 8, 4)),
        ("১৬/03/২০২৪", date(2024, 3, 16)),
    ],
)
def test_parse_date_reads_every_seed_form(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "৩১/০৪/২০২৪", "২৯/০২/২০২৩"])
def test_parse_date_rejects_days_the_calendar_does_not_have(text: str) -> None:
    with pytest.raises(ParseError, match="days"):
        parse_date(text)


@pytest.mark.parametrize("text", ["", "16/13/2024", "16/03", "16/03/202", "0000-01-01", "১৯/১২/২০২১ তারিখে", "abc"])
def test_parse_date_rejects_non_dates(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_date(text)
    assert info.value.message_en


def test_date_error_message_shows_the_expected_form() -> None:
    with pytest.raises(ParseError) as info:
        parse_date("kal")
    assert "১৬/০৩/২০২৪" in info.value.message_bn
    assert "dd/mm/yyyy" in info.value.message_en


def test_format_date_short_and_long() -> None:
    assert format_date(date(2024, 3, 16)) == "১৬/০৩/২০২৪"
    assert format_date(date(2024, 3, 16), digits="en") == "16/03/2024"
    assert format_date_long(date(2022, 7, 1)) == "জুলাই ১, ২০২২"
    assert format_date_long(date(2023, 1, 15), digits="en") == "জানুয়ারী 15, 2023"


# ------------------------------------------------------------------ values


@pytest.mark.parametrize("text", ["", " ", "-", "--", "—", "- -", "–", "\u200b"])
@pytest.mark.parametrize("unit", UNITS)
def test_dash_and_empty_cells_are_none_for_every_unit(text: str, unit: str) -> None:
    assert parse_value(text, unit) is None


D = date


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("১২", "count", 12.0),
        ("৮৫%", "percent", 85.0),
        ("৮৫", "percent", 85.0),
        ("৮.৭", "marks", 8.7),
        ("১৬/০৩/২০২৪", "date", D(2024, 3, 16)),
        ("৩১-১২-২০২২ ও ৩০-০৬-২০২২", "date", CountDate(None, (D(2022, 12, 31), D(2022, 6, 30)))),
        (
            "১ম: ৩০.০৯.২২ ২য়: ৩১.১২.২২ ৩য়: ৩১.০৩.২৩ ৪র্থ: ৩০.০৬.২৩",
            "date",
            CountDate(None, (D(2022, 9, 30), D(2022, 12, 31), D(2023, 3, 31), D(2023, 6, 30))),
        ),
        (
            "১ম: ৩০.০৯.২২ ২য়: ৩১.১২.২২ ৩য়: ৩১.০৩.২৩ ৪র্থ: ৩০.০৬.২৩",
            "count_date",
            CountDate(None, (D(2022, 9, 30), D(2022, 12, 31), D(2023, 3, 31), D(2023, 6, 30))),
        ),
        (
            "৪ ও ৩১/০৭/২০২৩ ৩১/১০/২০২৩ ৩১/০১/২০২৪ ৩০/০৪/২০২৪",
            "count_date",
            CountDate(4.0, (D(2023, 7, 31), D(2023, 10, 31), D(2024, 1, 31), D(2024, 4, 30))),
        ),
        ("১ ও ৩১/০৭/ ২৩", "count_date", CountDate(1.0, (D(2023, 7, 31),))),
        ("১ ও ৩১/১০/ ২৩", "count_date", CountDate(1.0, (D(2023, 10, 31),))),
        ("১ ও ৩১/০১/২৪", "count_date", CountDate(1.0, (D(2024, 1, 31),))),
        ("১ এবং ০১.১২.২০২২", "count_date", CountDate(1.0, (D(2022, 12, 1),))),
        ("৪", "count_date", CountDate(4.0, ())),
        ("৩১/০৭/২০২৩", "count_date", CountDate(None, (D(2023, 7, 31),))),
    ],
)
def test_parse_value_reads_seed_cells_per_unit(text: str, unit: str, expected: object) -> None:
    assert parse_value(text, unit) == expected


def test_seed_count_date_cell_with_31_april_is_rejected_naming_the_bad_date() -> None:
    """Seed 000 really prints ৩১/০৪/২০২৪; the importer must keep it as Unreadable."""
    text = "৪ ও ৩১/০৭/২০২৩ ৩১/১০/২০২৩ ৩১/০১/২০২৪ ৩১/০৪/২০২৪"
    with pytest.raises(ParseError) as info:
        parse_value(text, "count_date")
    assert info.value.text == text
    assert "৩১/০৪/২০২৪" in info.value.message_bn and "30 days" in info.value.message_en


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("১০০%", "count"),
        ("১০০%", "marks"),
        ("১০০%", "date"),
        ("১০০%", "count_date"),
        ("১ ও ৩১/০৭/২৩", "date"),
        ("১২", "date"),
        ("৪ ও", "count_date"),
        ("ও ৩১/০৭/২৩", "count_date"),
        ("৪ ৫ ৩১/০৭/২৩", "count_date"),
        ("৩১/০৭/২৩ ৪", "count_date"),
        ("১ম:", "date"),
        ("প্রধান কার্যালয় কর্তৃক বাস্তবায়িত", "count"),
        ("১৬/০৩/২০২৪", "count"),
    ],
)
def test_parse_value_rejects_cells_that_do_not_fit_the_unit(text: str, unit: str) -> None:
    with pytest.raises(ParseError):
        parse_value(text, unit)


def test_parse_value_rejects_an_unknown_unit_as_a_programming_error() -> None:
    with pytest.raises(ValueError) as info:
        parse_value("1", "kg")
    assert not isinstance(info.value, ParseError)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (None, "count", ""),
        (12.0, "count", "১২"),
        (85.0, "percent", "৮৫%"),
        (123456.0, "count", "১,২৩,৪৫৬"),
        (D(2024, 3, 16), "date", "১৬/০৩/২০২৪"),
        (CountDate(4.0, (D(2023, 7, 31), D(2023, 10, 31))), "count_date", "৪ ও ৩১/০৭/২০২৩ ৩১/১০/২০২৩"),
        (CountDate(None, (D(2022, 12, 31), D(2022, 6, 30))), "date", "৩১/১২/২০২২ ও ৩০/০৬/২০২২"),
        (CountDate(4.0, ()), "count_date", "৪"),
        (Unreadable("৩১/০৪/২০২৪ ??"), "date", "৩১/০৪/২০২৪ ??"),
        (0.1 + 0.2, "count", "০.৩০০০০০০০০০০০০০০০৪"),
        (1e-7, "count", "০.০০০০০০১"),
    ],
)
def test_format_value_prints_each_kind_of_value(value: object, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


# ------------------------------------------------------------------ codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[১.১.১]", "1.1.1"),
        ("[1.1.1]", "1.1.1"),
        ("১.১", "1.1"),
        ("(১)", "1"),
        ("[১]", "1"),
        ("১.", "1"),
        ("[১.১.১.১]", "1.1.1.1"),
        ("[ ১. ২ ]", "1.2"),
        ("[০১.০২]", "1.2"),
    ],
)
def test_parse_code_reads_bracketed_and_bare_codes(text: str, expected: str) -> None:
    assert parse_code(text) == expected


@pytest.mark.parametrize("text", ["", "[]", "[১.১", "(১]", "১..১", "ক", "[১.১.১] সেবা", "১.১..", "-1"])
def test_parse_code_rejects_non_codes(text: str) -> None:
    with pytest.raises(ParseError):
        parse_code(text)


def test_format_code_prints_brackets_and_bengali_digits() -> None:
    assert format_code("1.1.1") == "[১.১.১]"
    assert format_code("1.1.1", digits="en") == "[1.1.1]"
    assert format_code("") == ""


# ------------------------------------------------------------------ properties

_finite = st.floats(allow_nan=False, allow_infinity=False)
_typeable = st.decimals(min_value=-10**12, max_value=10**12, places=4, allow_nan=False, allow_infinity=False).map(float)
_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=500, deadline=None)
@given(x=_typeable, digits=st.sampled_from(["bn", "en"]), grouped=st.booleans())
def test_format_number_round_trips_at_printed_precision(x: float, digits: str, grouped: bool) -> None:
    text = format_number(x, digits)
    if not grouped:
        text = text.replace(",", "")
    assert parse_number(text) == pytest.approx(x, abs=5e-5)


@settings(max_examples=500, deadline=None)
@given(x=_finite, digits=st.sampled_from(["bn", "en"]), grouped=st.booleans(), unit=st.sampled_from(["count", "percent", "marks"]))
def test_format_value_of_any_float_reads_back_exactly(x: float, digits: str, grouped: bool, unit: str) -> None:
    text = format_value(x, unit, digits)
    if not grouped:
        text = text.replace(",", "")
    assert parse_value(text, unit) == x + 0.0


@settings(max_examples=300, deadline=None)
@given(d=_dates, digits=st.sampled_from(["bn", "en"]))
def test_dates_round_trip(d: date, digits: str) -> None:
    assert parse_date(format_date(d, digits)) == d
    assert parse_value(format_value(d, "date", digits), "date") == d


_count_dates = st.builds(
    CountDate,
    st.none() | st.integers(0, 10**6).map(float) | _typeable.map(abs),
    st.lists(_dates, max_size=5).map(tuple),
).filter(lambda v: v.count is not None or v.dates)


@settings(max_examples=300, deadline=None)
@given(v=_count_dates, digits=st.sampled_from(["bn", "en"]))
def test_count_and_date_values_round_trip(v: CountDate, digits: str) -> None:
    assert parse_value(format_value(v, "count_date", digits), "count_date") == v


@settings(max_examples=200, deadline=None)
@given(dates=st.lists(_dates, min_size=2, max_size=5).map(tuple))
def test_several_dates_in_a_date_cell_round_trip(dates: tuple[date, ...]) -> None:
    v = CountDate(None, dates)
    assert parse_value(format_value(v, "date"), "date") == v


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.integers(0, 99), min_size=1, max_size=4))
def test_codes_round_trip(parts: list[int]) -> None:
    code = ".".join(map(str, parts))
    assert parse_code(format_code(code)) == code


# Every parser, with the type a success must have.
_PARSERS = [
    (parse_number, float),
    (parse_date, date),
    (parse_code, str),
    (parse_fiscal_year, str),
    (lambda t: parse_value(t, "count"), (float, type(None))),
    (lambda t: parse_value(t, "percent"), (float, type(None))),
    (lambda t: parse_value(t, "marks"), (float, type(None))),
    (lambda t: parse_value(t, "date"), (date, CountDate, type(None))),
    (lambda t: parse_value(t, "count_date"), (CountDate, type(None))),
]

_ALPHABET = "০১২৩৪৫৬৭৮৯0123456789/.-,% \u00a0\u200b\u2212[]():ওএবংময়র্থষ্ঠঃ—–ক"
_biased = st.text(alphabet=_ALPHABET, max_size=30) | st.lists(
    st.sampled_from(["৩১/০৭/২০২৩", "১২,৩৪,৫৬৭", "৮৫%", " ও ", "১ম:", "২০২৩-২৪", "[১.১.১]", "-", " ", "৩১.১২.২২"]),
    max_size=5,
).map("".join)


def _check_every_parser(text: str) -> None:
    for parser, kind in _PARSERS:
        try:
            result = parser(text)
        except ParseError as err:
            assert err.message_bn and err.message_en
            assert err.text == text
        else:
            assert isinstance(result, kind), (parser, text, result)


@settings(max_examples=10_000, deadline=None)
@given(text=st.text() | _biased)
def test_every_parser_returns_its_type_or_raises_parse_error_on_any_text(text: str) -> None:
    """10,000 strings, half arbitrary Unicode, half built from digits, separators and Bengali words."""
    _check_every_parser(text)


def test_quarters_are_named_with_the_forms_ordinals():
    from apa_desktop.core.numerals import QUARTER_ORDINALS, quarter_title

    assert QUARTER_ORDINALS == ("১ম", "২য়", "৩য়", "৪র্থ")
    assert quarter_title(3) == "৩য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন"
    assert quarter_title(4) == "বার্ষিক স্বমূল্যায়ন প্রতিবেদন"
