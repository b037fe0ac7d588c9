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


FIRST_RUN_DONE = "first_run_done"


def install_demo_on_first_run(store: Store) -> set[int]:
    """On the very first start of a new, empty database, add the demo office-years so the app
    opens on something real; later starts (and databases with data) are left as they are."""
    if store.get_setting(FIRST_RUN_DONE):
        return set()
    created = install_demo(store) if not store.office_years() else set()
    store.set_setting(FIRST_RUN_DONE, True)
    return created
