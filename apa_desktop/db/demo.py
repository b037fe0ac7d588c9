"""Putting the demo office-years into a database (the first run of the app, and `apa-desktop demo`)."""

from __future__ import annotations

from ..core.demo import demo_office_years
from .store import Store


def install_demo(store: Store) -> set[int]:
    """Add every demo office-year the database does not hold yet; return the ids created."""
    created: set[int] = set()
    for office_year in demo_office_years():
        if store.find_office_year(office_year.office.id, office_year.fiscal_year) is None:
            created.add(store.create_office_year(office_year, user="demo"))
    return created
