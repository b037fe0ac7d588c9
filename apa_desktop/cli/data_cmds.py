"""Commands over the local database: demo data, offices, scores, interchange JSON, checks, backups."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import db_option, digits_option, open_store, select_office_years

quarter_option = click.option(
    "--quarter", type=click.IntRange(1, 4), default=None, help="Score a progress report up to this quarter."
)


@click.command("demo")
@db_option
def demo(db_path: Path | None) -> None:
    """Create the demo office-years in the database (again: nothing is duplicated)."""
    from ..db.demo import install_demo

    store = open_store(db_path)
    created = install_demo(store)
    for info in store.office_years():
        mark = "+" if info.id in created else "="
        click.echo(f"{mark} {info.office_id}\t{info.fiscal_year}\t{info.office_name}")


@click.command("offices")
@db_option
def offices(db_path: Path | None) -> None:
    """Print one office a line: id<TAB>name."""
    store = open_store(db_path)
    for office in store.offices():
        click.echo(f"{office.id}\t{office.name}")


@click.command("score")
@db_option
@click.option("--office", help="Office id (see `offices`).")
@click.option("--year", help="Fiscal year, e.g. 2023-24.")
@quarter_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a numeric total for each office-year).")
@digits_option
def score(db_path: Path | None, office: str | None, year: str | None, quarter: int | None,
          as_json: bool, digits: str) -> None:
    """Print the score breakdown: indicator -> area -> section/annex -> total."""
    from ..core.scoring import breakdown_to_data, format_breakdown, score_office_year

    store = open_store(db_path)
    results = []
    for info in select_office_years(store, office, year):
        office_year = store.load(info.id)
        breakdown = score_office_year(office_year, quarter=quarter)
        if as_json:
            results.append({"office": info.office_id, "office_name": info.office_name,
                            "fiscal_year": info.fiscal_year, "quarter": quarter,
                            **breakdown_to_data(breakdown)})
        else:
            click.echo(f"== {info.office_name} ({info.office_id}) {info.fiscal_year}")
            click.echo(format_breakdown(breakdown, digits=digits))
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))


@click.command("export-json")
@db_option
@click.option("--office", required=True, help="Office id.")
@click.option("--year", required=True, help="Fiscal year, e.g. 2023-24.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: print).")
def export_json(db_path: Path | None, office: str, year: str, out: Path | None) -> None:
    """Write one office-year in the interchange format (docs/interchange.md)."""
    from ..core.interchange import dumps

    store = open_store(db_path)
    (info,) = select_office_years(store, office, year)
    text = dumps(store.load(info.id))
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


@click.command("import-json")
@db_option
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reason", default="import-json", show_default=True,
              help="Why the document is replaced (recorded; a signed revision is never overwritten).")
@click.option("--user", default="", help="Who imports (recorded in the audit log).")
@click.option("--trust", "trust", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A signed PDF is taken only when signed by this certificate (PEM/DER; repeatable).")
@click.pass_context
def import_json(ctx: click.Context, db_path: Path | None, source: Path, reason: str, user: str,
                trust: tuple[Path, ...]) -> None:
    """Read an office-year from interchange JSON, or from an APA Desktop PDF that embeds it (its
    signatures must hold; an unsigned PDF is read with a note)."""
    from ..export.interchange_file import read_file

    read = read_file(source, [path.read_bytes() for path in trust])  # a UserError (refused, why) reaches the group
    lang = (ctx.obj or {}).get("lang")
    for note_bn, note_en in read.notes:
        click.echo(f"Note: {note_en if lang == 'en' else note_bn if lang == 'bn' else f'{note_bn} / {note_en}'}",
                   err=True)
    office_year = read.office_year
    store = open_store(db_path)
    existing = store.find_office_year(office_year.office.id, office_year.fiscal_year)
    if existing is None:
        store.create_office_year(office_year, user=user)
        click.echo(f"imported {office_year.office.id} {office_year.fiscal_year} (new)")
    else:
        store.replace_document(existing, office_year, user=user, reason=reason)
        click.echo(f"imported {office_year.office.id} {office_year.fiscal_year} (replaced, reason: {reason})")


@click.command("check")
@db_option
@digits_option
def check(db_path: Path | None, digits: str) -> None:
    """Check the database's integrity and every office-year's weights; exit 1 on any problem."""
    from ..core.scoring import validate_weights

    store = open_store(db_path)  # runs PRAGMA quick_check and fails loudly on damage
    problems = 0
    breaks = {b.office_year_id: b for b in reversed(store.history_breaks())}  # the first per office-year
    for info in store.office_years():
        issues = validate_weights(store.load(info.id))
        status = "ok" if not issues and info.id not in breaks else f"{len(issues) + (info.id in breaks)} problem(s)"
        click.echo(f"{info.office_id}\t{info.fiscal_year}\t{status}")
        if info.id in breaks:
            click.echo(f"  - {_history_message(breaks.pop(info.id), digits)}")
        for issue in issues:
            click.echo(f"  - {issue.message_bn if digits == 'bn' else issue.message_en}")
        problems += len(issues)
    for orphan in breaks.values():  # rows of an office-year that is gone, or of none
        click.echo(f"  - {_history_message(orphan, digits)}")
    click.echo("database integrity: ok")
    click.echo(f"history chain: {'ok' if not store.history_breaks() else 'BROKEN'}")
    if problems or store.history_breaks():
        raise SystemExit(1)


def _history_message(found, digits: str) -> str:
    """A break in the tamper-evident history: which row, in the language of ``--digits``."""
    if found.table == "revisions":
        bn = f"সংস্করণ {found.row} প্রোগ্রামের বাইরে বদলানো হয়েছে (ইতিহাসের শৃঙ্খল মেলে না)"
        en = f"revision {found.row} was changed outside the program (the history chain does not fit)"
    else:
        bn = f"অডিট সারি {found.row} প্রোগ্রামের বাইরে বদলানো হয়েছে (ইতিহাসের শৃঙ্খল মেলে না)"
        en = f"audit row {found.row} was changed outside the program (the history chain does not fit)"
    return bn if digits == "bn" else en


@click.command("backup")
@db_option
@click.option("--to", "dest", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the backup (default: the backups folder beside the user's data).")
@click.option("--keep", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="How many backups to keep in that folder.")
def backup(db_path: Path | None, dest: Path | None, keep: int) -> None:
    """Write a consistent copy of the database (VACUUM INTO), keeping the newest --keep."""
    store = open_store(db_path)
    click.echo(str(store.backup(dest, keep=keep)))


COMMANDS = [demo, offices, score, export_json, import_json, check, backup]
