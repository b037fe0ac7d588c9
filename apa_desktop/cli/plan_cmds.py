"""``import-plan``: one part of the plan read from a document's text (Word or a PDF's text),
previewed, and stored with ``--apply`` as one audited change."""

from __future__ import annotations

from pathlib import Path

import click

from .common import db_option, open_store

STATUS_TEXT = {"matched": "matched by code", "matched_by_title": "matched by title (code repaired)",
               "new": "new", "refused": "REFUSED"}


@click.command("import-plan")
@db_option
@click.option("--office", "office_id", required=True, help="The office's id.")
@click.option("--year", "fiscal_year", required=True, help="Fiscal year, e.g. 2023-24.")
@click.option("--part", required=True, type=click.Choice(
    ["section3", "nis", "egov", "grs", "charter", "rti", "section1", "section2", "annex1", "annex2", "annex3"]))
@click.option("--tier", type=click.Choice(["upazila", "district", "regional", "head_office"]), default="district",
              show_default=True, help="The office's tier, when the office-year is new.")
@click.option("--name", "office_name", default=None, help="The office's name, when the office is new.")
@click.option("--apply", "apply_", is_flag=True, help="Store the result (otherwise only the preview is printed).")
@click.option("--keep-bijoy", is_flag=True, help="Keep cells typed with the Bijoy keyboard (SutonnyMJ) as typed "
              "instead of converting them to Unicode Bengali.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_plan(db_path: Path | None, office_id: str, fiscal_year: str, part: str, tier: str,
                office_name: str | None, apply_: bool, keep_bijoy: bool, file: Path) -> None:
    """Read PART of the plan from FILE (tab-separated tables as copied from Word) into the
    office-year; print each source row matched (by code, or by title when the code is damaged),
    new, or refused with the reason, and each cell converted from Bijoy/SutonnyMJ text. Exit status 0 when every row was read, 1 when some were refused."""
    from ..core.bijoy_text import decode_document
    from ..core.calendar import parse_fiscal_year
    from ..core.importer.part_import import import_part
    from ..core.model import Office
    from ..core.templates import new_office_year

    store = open_store(db_path)
    fiscal_year = parse_fiscal_year(fiscal_year)
    oy_id = store.find_office_year(office_id, fiscal_year)
    if oy_id is None:
        known = next((o for o in store.offices() if o.id == office_id), None)
        office = known or Office(id=office_id, name=office_name or office_id, tier=tier)
        office_year = new_office_year(office, fiscal_year)
    else:
        office_year = store.load(oy_id)
    result = import_part(office_year, decode_document(file.read_bytes()), part, keep_original=keep_bijoy)
    for cell in result.converted:
        click.echo(f"{'Bijoy text kept as typed' if keep_bijoy else 'converted from Bijoy'}: line {cell.line}, "
                   f"column {cell.column + 1}: «{cell.original}» -> «{cell.converted}»")
    for n, outcome in enumerate(result.outcomes, 1):
        line = f"{n}\t{STATUS_TEXT[outcome.status]}\t{outcome.code}\t{outcome.title[:60]}"
        if outcome.status == "refused":
            line += f"\t{outcome.reason_bn} / {outcome.reason_en}"
        click.echo(line)
    for repair in result.repairs:
        click.echo(f"repaired code: {repair}")
    for problem in result.problems:
        click.echo(f"line {problem.line}, column {problem.column + 1}: kept as written «{problem.text}» — "
                   f"{problem.expected_en}")
    counts = {s: sum(o.status == s for o in result.outcomes) for s in STATUS_TEXT}
    click.echo(f"rows: {len(result.outcomes)}; matched {counts['matched'] + counts['matched_by_title']}, "
               f"new {counts['new']}, refused {counts['refused']}; cells kept as written {len(result.problems)}; "
               f"Bijoy cells {'kept' if keep_bijoy else 'converted'} {len(result.converted)}")
    if apply_ and result.edits:
        from ..ui.document import USER_SETTING

        user = str(store.get_setting(USER_SETTING, "") or "import-plan")
        if oy_id is None:
            oy_id = store.create_office_year(office_year, user=user)
        store.apply_edits(oy_id, result.edits, user=user)
        click.echo(f"stored: {len(result.edits)} changes in office-year {office_id} {fiscal_year}")
    elif not apply_:
        click.echo("nothing stored (use --apply to store)")
    if result.refused:
        raise SystemExit(1)


COMMANDS = [import_plan]
