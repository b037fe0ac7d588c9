"""The first start of a new database brings the demo office-years; later starts leave data alone."""

from __future__ import annotations

from apa_desktop.db import open_database
from apa_desktop.db.demo import install_demo_on_first_run


def test_first_run_on_an_empty_database_installs_the_demo_once(tmp_path):
    store = open_database(tmp_path / "new.sqlite3")
    assert len(install_demo_on_first_run(store)) == 4
    assert install_demo_on_first_run(store) == set()
    assert {info.office_id for info in store.office_years()} == {"tongi-lwc", "khulna-ict", "dte", "mole"}


def test_a_database_that_already_holds_work_gets_no_demo(tmp_path):
    from apa_desktop.core import model

    store = open_database(tmp_path / "work.sqlite3")
    store.create_office_year(model.OfficeYear(office=model.Office(id="own", name="নিজ অফিস"), fiscal_year="2024-25"))
    assert install_demo_on_first_run(store) == set()
    assert [info.office_id for info in store.office_years()] == ["own"]


def test_the_first_run_is_remembered_across_starts_of_the_app(tmp_path):
    path = tmp_path / "d.sqlite3"
    first = open_database(path)
    install_demo_on_first_run(first)
    first.close()
    assert install_demo_on_first_run(open_database(path)) == set()
