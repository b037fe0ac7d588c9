"""The fiscal year, its quarters and the APA deadlines (core/calendar.py, DOMAIN §7)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apa_desktop.core.calendar import (
    CalendarEvent,
    calendar_events,
    fiscal_year_bounds,
    fiscal_year_of,
    format_fiscal_year,
    next_fiscal_years,
    parse_fiscal_year,
    previous_fiscal_years,
    quarter_bounds,
    quarter_due,
    quarter_of,
    report_deadline,
)
from apa_desktop.core.numerals import ParseError


@pytest.mark.parametrize("text", ["2023-24", "২০২৩-২৪", "2023-2024", "২০২৩-২০২৪", " ২০২৩ - ২৪ ", "2023/24", "২০২৩–২৪"])
def test_parse_fiscal_year_accepts_short_long_and_bengali_forms(text: str) -> None:
    assert parse_fiscal_year(text) == "2023-24"


def test_parse_fiscal_year_across_a_century() -> None:
    assert parse_fiscal_year("1999-2000") == "1999-00"
    assert parse_fiscal_year("১৯৯৯-০০") == "1999-00"


@pytest.mark.parametrize("text", ["2023-25", "2023-2025", "2023-23", "2023", "23-24", "2023-4", "", "অর্থবছর", "9999-00"])
def test_parse_fiscal_year_rejects_non_consecutive_or_malformed_years(text: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_fiscal_year(text)
    assert info.value.message_bn and info.value.message_en


def test_non_consecutive_years_get_a_message_that_says_so() -> None:
    with pytest.raises(ParseError, match="consecutive"):
        parse_fiscal_year("২০২৩-২৫")


@pytest.mark.parametrize(
    ("d", "fy", "q"),
    [
        (date(2023, 7, 1), "2023-24", 1),
        (date(2023, 9, 30), "2023-24", 1),
        (date(2023, 10, 1), "2023-24", 2),
        (date(2023, 12, 31), "2023-24", 2),
        (date(2024, 1, 1), "2023-24", 3),
        (date(2024, 3, 31), "2023-24", 3),
        (date(2024, 4, 1), "2023-24", 4),
        (date(2024, 6, 30), "2023-24", 4),
        (date(2024, 7, 1), "2024-25", 1),
    ],
)
def test_fiscal_year_and_quarter_of_a_date(d: date, fy: str, q: int) -> None:
    assert fiscal_year_of(d) == fy
    assert quarter_of(d) == q


def test_fiscal_year_bounds_run_from_1_july_to_30_june() -> None:
    assert fiscal_year_bounds("2023-24") == (date(2023, 7, 1), date(2024, 6, 30))
    assert fiscal_year_bounds("২০২৩-২০২৪") == (date(2023, 7, 1), date(2024, 6, 30))


def test_quarter_bounds_of_a_leap_year() -> None:
    assert [quarter_bounds("2023-24", q) for q in (1, 2, 3, 4)] == [
        (date(2023, 7, 1), date(2023, 9, 30)),
        (date(2023, 10, 1), date(2023, 12, 31)),
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
    ]


@pytest.mark.parametrize("q", [0, 5, -1])
def test_quarter_outside_1_to_4_is_a_programming_error(q: int) -> None:
    with pytest.raises(ValueError):
        quarter_bounds("2023-24", q)
    with pytest.raises(ValueError):
        report_deadline("2023-24", q)


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(1950, 7, 1), max_value=date(2150, 6, 30)))
def test_every_date_lies_in_its_quarter_and_its_fiscal_year(d: date) -> None:
    fy = fiscal_year_of(d)
    start, end = fiscal_year_bounds(fy)
    q_start, q_end = quarter_bounds(fy, quarter_of(d))
    assert start <= q_start <= d <= q_end <= end
    assert parse_fiscal_year(fy) == fy


@settings(max_examples=100, deadline=None)
@given(first=st.integers(1950, 2150))
def test_quarters_tile_the_fiscal_year_without_gaps(first: int) -> None:
    fy = f"{first}-{(first + 1) % 100:02d}"
    bounds = [quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    assert bounds[0][0] == fiscal_year_bounds(fy)[0] and bounds[-1][1] == fiscal_year_bounds(fy)[1]
    for (_, end), (start, _) in zip(bounds, bounds[1:]):
        assert start - end == timedelta(days=1)


def test_previous_and_next_fiscal_years_are_in_column_order() -> None:
    assert previous_fiscal_years("2022-23", 2) == ["2020-21", "2021-22"]
    assert next_fiscal_years("2022-23", 2) == ["2023-24", "2024-25"]
    assert next_fiscal_years("1998-99", 2) == ["1999-00", "2000-01"]
    assert previous_fiscal_years("2022-23", 0) == []


def test_format_fiscal_year_short_long_and_ascii() -> None:
    assert format_fiscal_year("2023-24") == "২০২৩-২৪"
    assert format_fiscal_year("2023-24", long=True) == "২০২৩-২০২৪"
    assert format_fiscal_year("2023-24", digits="en", long=True) == "2023-2024"
    assert format_fiscal_year("1999-00", long=True) == "১৯৯৯-২০০০"


def test_report_deadlines_follow_the_field_calendar() -> None:
    assert [report_deadline("2023-24", q) for q in (1, 2, 3, 4)] == [
        date(2023, 10, 15),
        date(2024, 1, 15),
        date(2024, 4, 15),
        date(2024, 7, 15),
    ]


def test_calendar_events_cover_the_whole_domain_table_in_date_order() -> None:
    events = calendar_events("2023-24")
    assert all(isinstance(e, CalendarEvent) and e.title_bn and e.title_en for e in events)
    assert [(e.date, e.key) for e in events] == [
        (date(2023, 4, 15), "draft"),
        (date(2023, 6, 25), "signing"),
        (date(2023, 9, 30), "revision_request"),
        (date(2023, 10, 15), "q1_report"),
        (date(2024, 1, 15), "q2_report"),
        (date(2024, 1, 30), "half_yearly_feedback"),
        (date(2024, 4, 15), "q3_report"),
        (date(2024, 7, 15), "annual_self_evaluation"),
        (date(2024, 8, 30), "results"),
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 5, 1), 1),
        (date(2023, 10, 15), 1),
        (date(2023, 10, 16), 2),
        (date(2024, 1, 15), 2),
        (date(2024, 1, 16), 3),
        (date(2024, 4, 16), 4),
        (date(2024, 7, 15), 4),
        (date(2024, 7, 16), None),
    ],
)
def test_quarter_due_is_the_next_report_whose_deadline_has_not_passed(today: date, expected: int | None) -> None:
    assert quarter_due(today, "2023-24") == expected
