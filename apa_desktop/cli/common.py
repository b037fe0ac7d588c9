"""Options and helpers shared by the command modules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..db import Store

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file (default: the user's database in the platform's data folder).",
)
digits_option = click.option(
    "--digits",
    type=click.Choice(["bn", "en"]),
    default="bn",
    show_default=True,
    help="Print figures with Bengali (bn) or ASCII (en) digits.",
)


def open_store(db_path: Path | None) -> Store:
    """Open the database; a damaged file is a :class:`UserError` (DatabaseDamaged), an unreadable
    or locked one is said by the command group (see ``environment_error``)."""
    from ..db import open_database

    return open_database(db_path)


def read_secret(path: Path) -> str:
    """A passphrase or PIN from a file, the same way everywhere: its first line, without the line
    ending (a file saved by Notepad with CRLF, or with a trailing newline, gives the same secret)."""
    from ..core.errors import UserError

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"পাসফ্রেজ ফাইলটি UTF-8 লেখা নয়: {path}", f"the passphrase file is not UTF-8 text: {path}",
                        str(path)) from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def select_office_years(store: Store, office: str | None, year: str | None) -> list:
    """The office-years named by ``--office``/``--year`` (all of them when neither is given)."""
    from ..core.calendar import parse_fiscal_year
    from ..core.numerals import ParseError

    if year is not None:
        try:
            year = parse_fiscal_year(year)
        except ParseError as exc:
            raise click.BadParameter(str(exc), param_hint="--year") from None
    chosen = [
        info
        for info in store.office_years()
        if (office is None or info.office_id == office) and (year is None or info.fiscal_year == year)
    ]
    if not chosen:
        what = " ".join(filter(None, [office and f"office {office}", year and f"year {year}"])) or "any office-year"
        from ..core.errors import UserError

        raise UserError("কোনো অফিস-বছর পাওয়া যায়নি।", f"No office-year found for {what}.")
    return chosen
