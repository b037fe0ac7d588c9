"""The head of every document (গণপ্রজাতন্ত্রী বাংলাদেশ সরকার, the office, its address and web
portal: "ওয়েব: www.techedu.gov.bd" as seed 004's letterhead) and the
lines that name the office and the report's period, as on the forms."""

from __future__ import annotations

from ...core.calendar import fiscal_year_bounds, quarter_bounds
from ...core.model import OfficeYear
from ...core.numerals import MONTH_NAMES, quarter_title, to_bengali_digits
from .styles import para

GOVERNMENT = "গণপ্রজাতন্ত্রী বাংলাদেশ সরকার"


def letterhead(office_year: OfficeYear) -> list[object]:
    office = office_year.office
    out = [para(GOVERNMENT, "center"), para(office.name, "h2c")]
    if office.address:
        out.append(para(office.address, "center"))
    if office.web_portal:
        out.append(para(f"ওয়েব: {office.web_portal}", "center"))
    return out


def office_line(office_year: OfficeYear) -> object:
    """"দপ্তর/সংস্থার নাম: …" above a report's tables."""
    return para(f"দপ্তর/সংস্থার নাম: {office_year.office.name}", "h2")


def report_period(fiscal_year: str, quarter: int) -> str:
    """"২য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন (অক্টোবর-ডিসেম্বর, ২০২২)"; the fourth quarter is the
    year's self-evaluation "(জুলাই, ২০২২-জুন, ২০২৩)"."""
    if quarter == 4:
        start, end = fiscal_year_bounds(fiscal_year)
        span = f"{MONTH_NAMES[start.month - 1]}, {start.year}-{MONTH_NAMES[end.month - 1]}, {end.year}"
    else:
        start, end = quarter_bounds(fiscal_year, quarter)
        span = f"{MONTH_NAMES[start.month - 1]}-{MONTH_NAMES[end.month - 1]}, {end.year}"
    return f"{quarter_title(quarter)} ({to_bengali_digits(span)})"
