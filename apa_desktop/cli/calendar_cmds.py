"""``apa-desktop calendar``: the year's deadlines, the days left and each quarter's state, as the
home tab shows them (both computed by core.progress)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .common import db_option, digits_option, open_store, select_office_years

_WORDS = {
    "bn": {"next": "পরবর্তী", "left": "দিন বাকি", "past": "দিন পেরিয়ে গেছে", "q": "ত্রৈমাসিক", "entered": "অর্জন",
           "signed": "স্বাক্ষরিত", "unsigned": "স্বাক্ষরহীন", "sent": "প্রেরিত", "unsent": "প্রেরিত হয়নি",
           "late": "বিলম্বে", "accepted": "গৃহীত", "returned": "মন্তব্যসহ ফেরত", "evaluated": "মূল্যায়িত",
           "unanswered": "উত্তর আসেনি", "deadline": "সময়সীমা"},
    "en": {"next": "next", "left": "days left", "past": "days past", "q": "Q", "entered": "entered",
           "signed": "signed", "unsigned": "not signed", "sent": "sent", "unsent": "not sent", "late": "late",
           "accepted": "accepted", "returned": "returned with comment", "evaluated": "evaluated",
           "unanswered": "no answer", "deadline": "deadline"},
}


def _days(days: int, digits: str) -> str:
    from ..core.numerals import format_number

    words = _WORDS[digits]
    return f"{format_number(abs(days), digits)} {words['left'] if days >= 0 else words['past']}"


def calendar_lines(office_year, facts, today: date, digits: str) -> list[str]:
    """The lines printed for one office-year (deadlines, then one line per quarter)."""
    from ..core import progress
    from ..core.calendar import calendar_events, day_of, format_fiscal_year
    from ..core.numerals import format_date, format_number, format_percent

    words = _WORDS[digits]
    states = progress.quarter_states(office_year, facts)
    upcoming = progress.next_deadline(office_year.fiscal_year, states, today)
    lines = [f"{office_year.office.id}\t{office_year.office.name}\t{format_fiscal_year(office_year.fiscal_year, digits)}"]
    for event in calendar_events(office_year.fiscal_year):
        mark = f"\t<- {words['next']}" if upcoming is not None and event == upcoming.event else ""
        title = event.title_bn if digits == "bn" else event.title_en
        lines.append(f"{format_date(event.date, digits)}\t{_days((event.date - today).days, digits)}\t{title}{mark}")
    for s in states:
        share = format_percent(round(100 * s.entered_share), digits)
        sent = (f"{words['sent']} {format_date(day_of(s.sent_at), digits)}"
                + (f" ({words['late']})" if s.late else "")) if s.sent_at else words["unsent"]
        answer = words[s.answer] if s.answer else words["unanswered"]
        lines.append(f"{words['q']} {format_number(s.quarter, digits)}\t{words['deadline']} "
                     f"{format_date(s.deadline, digits)}\t{words['entered']} {format_number(s.entered, digits)}/"
                     f"{format_number(s.rows, digits)} ({share})\t{words['signed'] if s.signed else words['unsigned']}"
                     f"\t{sent}\t{answer}" + (f"\t{s.comment}" if s.comment else ""))
    return lines


@click.command("calendar")
@db_option
@click.option("--office", default=None, help="Only this office's years.")
@click.option("--year", default=None, help="Only this fiscal year (e.g. 2026-27 or ২০২৬-২৭).")
@click.option("--today", "today_text", default=None, help="Compute for this date (ISO, default: today).")
@digits_option
def calendar(db_path: Path | None, office: str | None, year: str | None, today_text: str | None, digits: str) -> None:
    """The year's deadlines with the days left, and each quarter's state (entered, signed, sent,
    HQ's answer), for each chosen office-year."""
    from ..core.calendar import today as calendar_today
    from ..db.year_facts import year_facts

    try:
        today = date.fromisoformat(today_text) if today_text else calendar_today()
    except ValueError:
        raise click.BadParameter("an ISO date such as 2026-12-01", param_hint="--today") from None
    store = open_store(db_path)
    try:
        for n, info in enumerate(select_office_years(store, office, year)):
            if n:
                click.echo("")
            lines = calendar_lines(store.load(info.id), year_facts(store, info.id), today, digits)
            click.echo("\n".join(lines))
    finally:
        store.close()


COMMANDS = [calendar]
