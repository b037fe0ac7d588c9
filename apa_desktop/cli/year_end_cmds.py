"""The year's end at HQ: ``apa-desktop hq evaluate``, ``hq results`` and ``hq late`` (added to the
``hq`` group of bundle_cmds)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .bundle_cmds import _hq, _load_key, existing_file, hq_db_option


def _year(text: str) -> str:
    from ..core.calendar import parse_fiscal_year

    return parse_fiscal_year(text)


@click.command("evaluate")
@hq_db_option
@click.option("--office", required=True)
@click.option("--year", required=True, help="The fiscal year, e.g. 2023-24.")
@click.option("--quarter", type=click.IntRange(1, 4), default=4, show_default=True,
              help="The report evaluated (4: the annual self-evaluation).")
@click.option("--set", "sets", multiple=True, metavar="PATH=VALUE",
              help="An evaluated achievement for a quarter's cell, e.g. "
                   "section3.areas[0].activities[0].indicators[1].quarters[3]=১২০ (repeat).")
@click.option("--evidence", multiple=True, metavar="PATH=seen|missing|insufficient", help="The row's evidence (repeat).")
@click.option("--note", "notes", multiple=True, metavar="PATH=TEXT", help="A note on the row (repeat).")
@click.option("--by", "by", required=True, help="The evaluator's name (audited).")
@click.option("--p12", type=existing_file, default=None,
              help="HQ's PKCS#12 key, to sign the answer to the office (kept for its next network contact).")
@click.option("--passphrase-file", type=existing_file, default=None)
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write the signed receipt carrying the evaluation here (e.g. the office's USB stick).")
def hq_evaluate(hq_db: Path, office: str, year: str, quarter: int, sets: tuple[str, ...], evidence: tuple[str, ...],
                notes: tuple[str, ...], by: str, p12: Path | None, passphrase_file: Path | None,
                out_dir: Path | None) -> None:
    """Record the superior's evaluation of an office-year: evaluated achievements, evidence seen
    or not, notes; prints the reported and evaluated totals (same scoring engine) and each row changed.
    With HQ's key the signed answer is kept for the office's next network contact (hq serve),
    and with --out-dir written there too for a USB stick."""
    from ..core.numerals import format_score
    from ..hq.evaluation import evaluate, parse_pairs

    if (p12 is None) != (passphrase_file is None) or (out_dir is not None and p12 is None):
        raise click.UsageError("--p12 and --passphrase-file go together, and --out-dir needs them")
    key = _load_key(p12, passphrase_file) if p12 is not None and passphrase_file is not None else None
    result = evaluate(_hq(hq_db), key, office, _year(year), quarter, sets=parse_pairs(sets, "--set"),
                      evidence=parse_pairs(evidence, "--evidence"), notes=parse_pairs(notes, "--note"), by=by,
                      out_dir=out_dir)
    click.echo(f"reported\t{format_score(result.reported_total, 'en')}\tevaluated\t{format_score(result.evaluated_total, 'en')}")
    for row in result.rows:
        if row.changed or row.evidence or row.note:
            click.echo(f"{row.code}\t{row.reported}\t{row.evaluated}\t{row.reported_score}\t{row.evaluated_score}"
                       f"\t{row.evidence or '-'}\t{row.note}")
    if result.receipt is not None:
        click.echo(str(result.receipt))


@click.command("results")
@hq_db_option
@click.option("--year", required=True)
@click.option("--superior", default=None, help="Only the offices under this superior office.")
@click.option("--tier", default=None, help="Only this tier (upazila, district, regional, head_office).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="FILE.pdf or FILE.xlsx.")
def hq_results(hq_db: Path, year: str, superior: str | None, tier: str | None, out: Path | None) -> None:
    """Every office's total (evaluated, else self-assessed, and which), its parts and its rank
    among sibling offices (same superior office and tier; ties share a rank)."""
    from ..export.results_file import write_results
    from ..hq.results import results
    from ..hq.year_end import office_year_rows

    fy = _year(year)
    rows = results(office_year_rows(_hq(hq_db), fy), superior, tier)
    if out is not None:
        try:
            write_results(rows, fy, out)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--out") from None
        click.echo(f"{len(rows)}\t{out}")
        return
    click.echo("rank\tsiblings\toffice_id\toffice_name\tsuperior_office\ttier\ttotal\tbasis")
    for r in rows:
        click.echo(f"{r.rank}\t{r.siblings}\t{r.office_id}\t{r.office_name}\t{r.superior_office}\t{r.tier}"
                   f"\t{r.total:.2f}\t{r.source}")


@click.command("late")
@hq_db_option
@click.option("--year", default=None, help="The fiscal year (default: today's).")
@click.option("--quarter", type=click.IntRange(1, 4), default=None, help="The report (default: the one due next).")
@click.option("--superior", default=None)
@click.option("--tier", default=None)
@click.option("--today", "today_text", default=None, help="Compute for this date (ISO).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="FILE.csv or FILE.xlsx.")
def hq_late(hq_db: Path, year: str | None, quarter: int | None, superior: str | None, tier: str | None,
            today_text: str | None, out: Path | None) -> None:
    """Who sent the quarter's report by the deadline, late, or not yet (listed, or written to a file)."""
    from ..core.calendar import today as calendar_today
    from ..export.late_file import write_late
    from ..hq.late import default_period, submissions
    from ..hq.year_end import office_year_rows

    try:
        today = date.fromisoformat(today_text) if today_text else calendar_today()
    except ValueError:
        raise click.BadParameter("an ISO date such as 2026-12-01", param_hint="--today") from None
    fy, q = default_period(today, _year(year) if year else None, quarter)
    subs = submissions(office_year_rows(_hq(hq_db), fy), fy, q, superior, tier)
    if out is not None:
        try:
            click.echo(f"{write_late(subs, out)}\t{out}")
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--out") from None
        return
    click.echo("status\toffice_id\toffice_name\tsuperior_office\ttier\tsent_on")
    for s in subs:
        click.echo(f"{s.status}\t{s.office_id}\t{s.office_name}\t{s.superior_office}\t{s.tier}"
                   f"\t{s.sent_on.isoformat() if s.sent_on else '-'}")


HQ_COMMANDS = [hq_evaluate, hq_results, hq_late]
