"""Templates of the fiscal year (made from the official form's text, listed, shown, packed and
signed by headquarters, imported at an office) and new office-years (docs/templates.md)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..export.files import write_whole
from .common import db_option, open_store, read_secret

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


def _fiscal_year(_ctx: object, _param: object, value: str | None) -> str | None:
    from ..core.calendar import parse_fiscal_year
    from ..core.numerals import ParseError

    if value is None:
        return None
    try:
        return parse_fiscal_year(value)
    except ParseError as exc:
        raise click.BadParameter(exc.message_en) from None


def _language() -> str | None:
    """The language asked for (``--lang`` or APA_LANG); None for both."""
    import os

    lang = (click.get_current_context().find_root().obj or {}).get("lang") or os.environ.get("APA_LANG")
    return lang if lang in ("bn", "en") else None


def _template_store(db_path: Path | None):
    from ..db.templates import TemplateStore

    return TemplateStore(open_store(db_path))


@click.group("templates")
def templates() -> None:
    """The fiscal year's templates (annex plans 4-8 and Section 3's governance area)."""


@templates.command("from-text")
@click.option("--kind", required=True, type=click.Choice(["nis", "egov", "grs", "charter", "rti", "governance"]))
@click.option("--year", required=True, callback=_fiscal_year, help="Fiscal year, e.g. 2026-27.")
@click.option("--tier", type=click.Choice(["field", "head_office"]), default="field", show_default=True)
@click.option("--total", type=float, default=None, help="The annex total, when the copied text does not print it.")
@click.option("--version", type=click.IntRange(1, 1000), default=1, show_default=True)
@click.option("--status", type=click.Choice(["official", "partial", "draft"]), default="official", show_default=True)
@click.option("--source", default="", help="The circular or guideline the text was copied from.")
@click.option("--in", "source_file", required=True, type=existing_file, help="The plan's text (tab-separated).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The template JSON to write.")
def from_text(kind: str, year: str, tier: str, total: float | None, version: int, status: str, source: str,
              source_file: Path, out: Path) -> None:
    """Make a template from a plan's rows copied from the guideline; with any problem, write nothing
    and exit 1."""
    from ..core.template_text import template_from_text

    made = template_from_text(kind, year, tier, source_file.read_text(encoding="utf-8"), total=total,
                              version=version, status=status, source=source or source_file.name)
    lang = _language()
    for problem in made.problems:
        text = problem.message(lang) if lang else f"{problem.message('en')} / {problem.message('bn')}"
        click.echo(text, err=True)
    if made.template is None:
        raise SystemExit(1)
    write_whole(out, (json.dumps(made.template.data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    click.echo(f"{made.template.id}\t{made.template.sha256}")


@templates.command("list")
@db_option
@click.option("--office", default=None, help="Include this office's draft templates.")
def list_templates(db_path: Path | None, office: str | None) -> None:
    """One template a line: id, kind, fiscal year, tier, version, status, source."""
    for t in sorted(_template_store(db_path).catalogue(office), key=lambda t: (t.fiscal_year, t.kind, t.tier, t.version)):
        click.echo("\t".join([t.id, t.kind, t.fiscal_year, t.tier, str(t.version), t.status, t.source]))


@templates.command("show")
@db_option
@click.option("--office", default=None)
@click.argument("template_id")
def show(db_path: Path | None, office: str | None, template_id: str) -> None:
    """Print a template's rows: code, weight, unit, title."""
    from ..core.template_rows import template_rows

    t = _template_store(db_path).get(template_id, office)
    click.echo(f"{t.id}\t{t.status}\t{t.source}")
    if t.note:
        click.echo(t.note)
    for row in template_rows(t.plan):
        click.echo("\t".join(row))


@templates.command("pack")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--p12", required=True, type=existing_file, help="Headquarters' PKCS#12 key file.")
@click.option("--passphrase-file", required=True, type=existing_file, help="File holding the key's passphrase.")
@click.argument("template_files", nargs=-1, required=True, type=existing_file)
def pack(out: Path, p12: Path, passphrase_file: Path, template_files: tuple[Path, ...]) -> None:
    """Write a signed template pack (.apatemplates) of TEMPLATE.json files (each one validated)."""
    from ..core.template_check import check_template
    from ..core.template_manifest import PackRefused, invalid_template
    from ..core.templates import template_from_data
    from ..export.bundle_signing import SigningKeyError, load_office_key
    from ..export.template_pack import write_pack

    chosen = [template_from_data(json.loads(path.read_text(encoding="utf-8")), where=path.name)
              for path in template_files]
    for t in chosen:
        problems = check_template(t)
        if problems:
            raise invalid_template(t.id, problems, "প্যাক লেখা হয়নি", "No pack was written")
        if t.status not in ("official", "partial") or t.version < 1:
            raise PackRefused("template_invalid", f"{t.id}: শুধু অফিসিয়াল বা আংশিক টেমপ্লেট প্যাকে যায়",
                              f"{t.id}: only official or partial templates (version 1 or later) go into a pack")
    try:
        key = load_office_key(p12.read_bytes(), read_secret(passphrase_file))
    except SigningKeyError as exc:
        raise click.ClickException(str(exc)) from None
    write_whole(out, write_pack(chosen, key))
    click.echo(f"{out}\t{len(chosen)} template(s)")


@templates.command("import")
@db_option
@click.option("--hq-cert", type=existing_file, default=None,
              help="Headquarters' certificate (needed for the first pack; remembered afterwards).")
@click.option("--user", default="", help="Who imports (recorded in the audit log).")
@click.argument("pack_file", type=existing_file)
def import_templates(db_path: Path | None, hq_cert: Path | None, user: str, pack_file: Path) -> None:
    """Check a template pack's signature and hashes and install its templates (all or none)."""
    from ..export.template_pack import import_pack, load_hq_certificate

    cert = load_hq_certificate(hq_cert) if hq_cert is not None else None
    result = import_pack(_template_store(db_path), pack_file.read_bytes(), cert, user=user)
    if result.already_imported:
        click.echo(f"already imported: pack {result.pack_id}")
        return
    for t in result.added:
        click.echo(f"installed {t.id}\t{t.status}")
    click.echo(f"pack {result.pack_id}: {len(result.added)} template(s) installed")


@click.command("new-year")
@db_option
@click.option("--office", required=True, help="Office id.")
@click.option("--year", required=True, callback=_fiscal_year, help="The new fiscal year, e.g. 2026-27.")
@click.option("--from-year", callback=_fiscal_year, default=None,
              help="Start from this year's plan (default: the year before, when the office has it).")
@click.option("--user", default="", help="Who creates it (recorded in the audit log).")
def new_year(db_path: Path | None, office: str, year: str, from_year: str | None, user: str) -> None:
    """Create the office's office-year for --year and print its id: from last year's plan (own
    Sections 1-3 carried, achievements cleared) or, without one, from the year's templates."""
    from ..core.calendar import shift_fiscal_year
    from ..db import NotFound

    store = _template_store(db_path)
    offices = {o.id: o for o in store.store.offices()}
    if office not in offices:
        raise NotFound(f"অফিস নেই: {office}", f"No office {office}")
    source = from_year or shift_fiscal_year(year, -1)
    if from_year is not None or store.store.find_office_year(office, source) is not None:
        click.echo(store.new_year_from(office, year, source, user=user))
    else:
        click.echo(store.start_office_year(offices[office], year, user=user))


COMMANDS = [templates, new_year]
