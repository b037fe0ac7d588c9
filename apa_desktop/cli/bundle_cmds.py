"""Sync bundles: ``apa-desktop bundle …`` at the office and ``apa-desktop hq …`` at headquarters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..core.errors import UserError, environment_error
from ..export.receipts import ANSWERS
from ..hq.consolidate import STATUSES
from .common import db_option, open_store, read_secret, select_office_years

existing_file = click.Path(exists=True, dir_okay=False, path_type=Path)


def _load_key(p12: Path, passphrase_file: Path):
    from ..export.bundle_signing import SigningKeyError, load_office_key

    passphrase = read_secret(passphrase_file)
    try:
        return load_office_key(p12.read_bytes(), passphrase)
    except SigningKeyError as exc:
        raise click.ClickException(str(exc)) from None


def hq_db_option(command: Any) -> Any:
    """``--hq-db PATH_OR_URL`` (passed as ``hq_db``) and ``--hq-blobs DIR`` (kept for :func:`_hq`)."""

    def keep_blobs(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        ctx.meta["hq_blobs"] = value

    command = click.option("--hq-blobs", type=click.Path(file_okay=False, path_type=Path), default=None,
                           envvar="APA_HQ_BLOBS", expose_value=False, callback=keep_blobs,
                           help="HQ's folder of evidence files and signed PDFs (default: beside a database "
                                "file; shared by every HQ machine on one PostgreSQL database).")(command)
    return click.option("--hq-db", "hq_db", required=True, envvar="APA_HQ_DB",
                        help="HQ's database: a SQLite file path, or a postgresql:// URL.")(command)


def _hq(target: str):
    from ..hq.store import open_hq_store

    return open_hq_store(target, click.get_current_context().meta.get("hq_blobs"))


@click.group("bundle")
def bundle_group() -> None:
    """Office side: export a signed bundle for HQ, see what was sent, take HQ's receipts in."""


@bundle_group.command("export")
@db_option
@click.option("--office", required=True, help="Office id.")
@click.option("--year", default=None, help="Fiscal year (YYYY-YY); default: the office's latest.")
@click.option("--p12", required=True, type=existing_file, help="The office head's PKCS#12 key file.")
@click.option("--passphrase-file", required=True, type=existing_file, help="File holding the key's passphrase.")
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the bundle to (a USB drive, say).")
def bundle_export(db_path: Path | None, office: str, year: str | None, p12: Path, passphrase_file: Path,
                  out_dir: Path) -> None:
    """Write the office-year's full state as one signed .apabundle file."""
    from ..export.bundle_export import export_bundle

    key = _load_key(p12, passphrase_file)
    store = open_store(db_path)
    info = select_office_years(store, office, year)[-1]
    try:
        result = export_bundle(store, info.id, key, out_dir)
    except OSError as exc:
        said = environment_error(exc)
        raise UserError(f"বান্ডল লেখা যায়নি: {said.message_bn}", f"Cannot write the bundle: {said.message_en}",
                        said.path) from None
    from ..sync.sender import queue_export

    queue_export(store, info.office_id, result.path, result.sha256)
    click.echo(f"{result.path}\t{info.office_id}\t{info.fiscal_year}\trevision {result.revision}"
               f"\tsequence {result.sequence}\t{result.size} bytes\tsha256 {result.sha256}")


@bundle_group.command("history")
@db_option
def bundle_history(db_path: Path | None) -> None:
    """The bundles sent from this database, with HQ's answer when a receipt came back."""
    store = open_store(db_path)
    click.echo("created_at\toffice\tyear\trevision\tsequence\tstatus\tfile\thq_comment")
    for b in store.sent_bundles():
        click.echo(f"{b.created_at}\t{b.office_id}\t{b.fiscal_year}\t{b.revision}\t{b.sequence}\t{b.status}"
                   f"\t{b.file_name}\t{b.hq_comment}")


@bundle_group.command("receipt")
@db_option
@click.argument("receipt_file", type=existing_file)
@click.option("--hq-cert", type=existing_file, default=None,
              help="HQ's certificate (needed once; remembered for later receipts).")
def bundle_receipt(db_path: Path | None, receipt_file: Path, hq_cert: Path | None) -> None:
    """Import HQ's signed receipt: marks the bundle accepted or returned with HQ's comment."""
    from ..export.bundle_export import import_receipt
    from ..export.receipts import ReceiptInvalid

    store = open_store(db_path)
    try:
        receipt = import_receipt(store.path, receipt_file.read_bytes(), hq_cert.read_bytes() if hq_cert else None)
    except (ReceiptInvalid, ValueError) as exc:
        raise click.ClickException(f"রসিদ গ্রহণ করা যায়নি / Receipt refused: {exc}") from None
    click.echo(f"{receipt['office_id']}\t{receipt['fiscal_year']}\tsequence {receipt['sequence']}"
               f"\t{receipt['decision']}\t{receipt['comment']}")


@click.group("hq")
def hq_group() -> None:
    """Headquarters: enrol offices, import their bundles, decide conflicts, see and export the consolidated table."""


@hq_group.command("enroll")
@hq_db_option
@click.option("--office-id", required=True)
@click.option("--cert", required=True, type=existing_file, help="The office head's certificate (PEM or DER).")
@click.option("--link-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the office's link file (.apalink: URL, CA, pinned key, upload token) here.")
@click.option("--url", default=None, help="HQ server's address for the link file, https://HOST:PORT.")
@click.option("--tls-dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="The folder `hq server-cert` wrote (ca.crt, server.crt) for the link file.")
@click.option("--hq-cert", type=existing_file, default=None,
              help="The certificate HQ signs receipts with, for the link file.")
def hq_enroll(hq_db: str, office_id: str, cert: Path, link_out: Path | None, url: str | None,
              tls_dir: Path | None, hq_cert: Path | None) -> None:
    """Enrol an office with the certificate it sent once, and issue its upload token (a new token
    replaces the office's earlier one). The token is written into the link file, or printed once."""
    from ..hq.enrolment import enroll
    from ..hq.tokens import issue_token

    if link_out is not None and (url is None or tls_dir is None or hq_cert is None):
        raise click.UsageError("--link-out needs --url, --tls-dir and --hq-cert")
    if url is not None and not url.startswith("https://"):
        raise click.UsageError("--url must start with https://")
    store = _hq(hq_db)
    try:
        fingerprint = enroll(store, office_id, cert.read_bytes())
    except ValueError as exc:
        raise click.ClickException(f"নথিভুক্ত করা যায়নি / Cannot enrol: {exc}") from None
    token = issue_token(store, office_id)
    click.echo(f"{office_id}\tenrolled\tsha256 {fingerprint}")
    if link_out is None:
        click.echo(f"upload token (shown once): {token}")
        return
    from ..export.link_file import Link, write_link
    from ..hq.tls import spki_pin

    server_pem = (tls_dir / "server.crt").read_bytes()
    link = Link(url.rstrip("/"), office_id, (tls_dir / "ca.crt").read_text(encoding="ascii"), [spki_pin(server_pem)],
                _pem(hq_cert.read_bytes()), token)
    click.echo(f"{office_id}\tlink file\t{write_link(link_out, link)}")


def _pem(cert: bytes) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from ..export.bundle_signing import load_certificate

    return x509.load_der_x509_certificate(load_certificate(cert)).public_bytes(Encoding.PEM).decode("ascii")


@hq_group.command("revoke")
@hq_db_option
@click.option("--office-id", required=True)
@click.option("--fingerprint", default=None, help="Revoke this certificate only (default: all of the office's).")
@click.option("--reason", default="", help="Why (kept with the certificate).")
@click.option("--tokens", "tokens_only", is_flag=True,
              help="Revoke the office's upload tokens instead (its certificate stays; enrol again for a new token).")
def hq_revoke(hq_db: str, office_id: str, fingerprint: str | None, reason: str, tokens_only: bool) -> None:
    """Revoke an office's certificate (its new bundles are rejected from now on) or its upload tokens."""
    from ..hq.enrolment import revoke

    store = _hq(hq_db)
    if tokens_only:
        count = store.revoke_tokens(office_id)
        if count == 0:
            raise UserError(f"অফিস {office_id} এর কোনো সক্রিয় আপলোড টোকেন নেই, বাতিল করার কিছু নেই",
                            f"No active upload token to revoke for office {office_id}.")
        click.echo(f"{office_id}\trevoked {count} upload token(s)")
        return
    count = revoke(store, office_id, fingerprint, reason)
    if count == 0:
        raise UserError(f"অফিস {office_id} এর কোনো সক্রিয় সনদ নেই, বাতিল করার কিছু নেই",
                        f"No active certificate to revoke for office {office_id}.")
    click.echo(f"{office_id}\trevoked {count} certificate(s)")


@hq_group.command("import")
@hq_db_option
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--receipts", "receipts_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write a signed receipt per bundle into this folder (needs --p12 and --passphrase-file).")
@click.option("--p12", type=existing_file, default=None, help="HQ's PKCS#12 key file, for receipts.")
@click.option("--passphrase-file", type=existing_file, default=None)
def hq_import(hq_db: str, sources: tuple[Path, ...], receipts_dir: Path | None, p12: Path | None,
              passphrase_file: Path | None) -> None:
    """Import bundle files and folders of them; one summary line per file.

    Exit status 0 when every file was imported, unchanged or older; 2 when any was rejected or
    is a conflict needing a person."""
    from ..hq.importer import Importer, expand_sources
    from ..hq.receipts import receipt_for_outcome

    key = None
    if receipts_dir is not None:
        if p12 is None or passphrase_file is None:
            raise click.UsageError("--receipts needs --p12 and --passphrase-file")
        key = _load_key(p12, passphrase_file)
    importer = Importer(_hq(hq_db))
    trouble = False
    def waiting() -> None:
        click.echo("অন্য একটি আমদানি চলছে: সেটি শেষ হওয়ার অপেক্ষা … / waiting for the other import to finish …",
                   err=True)

    for outcome in importer.import_many(expand_sources(list(sources)), on_wait=waiting):
        click.echo(outcome.line())
        trouble |= outcome.status in ("rejected", "conflict")
        if key is not None and receipts_dir is not None:
            receipt_for_outcome(key, outcome, receipts_dir)
    if trouble:
        raise SystemExit(2)


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _filters(command: Any) -> Any:
    """--search, --year and --status, as the HQ window filters the table."""
    command = click.option("--status", type=click.Choice(STATUSES), default=None)(command)
    command = click.option("--year", default=None, help="Only this fiscal year, e.g. 2023-24.")(command)
    return click.option("--search", default="", help="Office code or name holding this text.")(command)


def _rows(hq_db: str, search: str, year: str | None, status: str | None) -> list[dict[str, Any]]:
    from ..core.calendar import parse_fiscal_year
    from ..hq.consolidate import consolidated_rows, row_matches

    fiscal_year = parse_fiscal_year(year) if year else None
    return [row for row in consolidated_rows(_hq(hq_db)) if row_matches(row, search, fiscal_year, status)]


@hq_group.command("list")
@hq_db_option
@_filters
def hq_list(hq_db: str, search: str, year: str | None, status: str | None) -> None:
    """The consolidated table: one line per office-year."""
    from ..hq.consolidate import COLUMNS

    click.echo("\t".join(COLUMNS))
    for row in _rows(hq_db, search, year, status):
        click.echo("\t".join(_fmt(row[c]) for c in COLUMNS))


@hq_group.command("export")
@hq_db_option
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.csv or FILE.xlsx")
@_filters
def hq_export(hq_db: str, out: Path, search: str, year: str | None, status: str | None) -> None:
    """Export the consolidated table (or the rows the filters keep) as CSV or XLSX."""
    from ..hq.consolidate import export_table

    try:
        count = export_table(_hq(hq_db), out, _rows(hq_db, search, year, status))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from None
    click.echo(f"{out}\t{count} rows")


@hq_group.command("show")
@hq_db_option
@click.option("--office", required=True)
@click.option("--year", required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the whole drill-down as JSON.")
def hq_show(hq_db: str, office: str, year: str, as_json: bool) -> None:
    """Read-only drill-down into one office-year as HQ holds it."""
    from ..core.calendar import parse_fiscal_year
    from ..hq.consolidate import drill_down

    detail = drill_down(_hq(hq_db), office, parse_fiscal_year(year))
    if detail is None:
        raise UserError(f"সদর দপ্তরে অফিস {office} এর {year} অর্থবছরের কোনো নথি নেই",
                        f"HQ has no document for office {office} year {year}.")
    if as_json:
        click.echo(json.dumps(detail, ensure_ascii=False, indent=1))
        return
    for key, value in detail["summary"].items():
        click.echo(f"{key}\t{_fmt(value)}")
    for conflict in detail["conflicts"]:
        click.echo(f"conflict\t{conflict['kind']}\t{conflict['detail']}")
    click.echo(json.dumps(detail["scores"], ensure_ascii=False, indent=1))


@hq_group.command("review")
@hq_db_option
@click.option("--office", required=True)
@click.option("--year", required=True)
@click.option("--decision", required=True, type=click.Choice(ANSWERS),
              help="accepted, or returned to the office (with --comment).")
@click.option("--comment", default="", help="What the office must correct (required to return).")
@click.option("--by", "by", required=True, help="The reviewer's name (kept in HQ's audit log).")
@click.option("--p12", required=True, type=existing_file, help="HQ's PKCS#12 key file.")
@click.option("--passphrase-file", required=True, type=existing_file)
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where the signed receipt for the office goes (e.g. its USB stick).")
def hq_review(hq_db: str, office: str, year: str, decision: str, comment: str, by: str, p12: Path,
              passphrase_file: Path, out_dir: Path) -> None:
    """Answer an office after reading its office-year: accept it, or return it with a comment."""
    from ..core.calendar import parse_fiscal_year
    from ..hq.review import review

    key = _load_key(p12, passphrase_file)
    path = review(_hq(hq_db), key, office, parse_fiscal_year(year), decision, comment, by, out_dir)
    click.echo(str(path))


@hq_group.command("conflicts")
@hq_db_option
def hq_conflicts(hq_db: str) -> None:
    """The open conflicts, oldest first: id, office, year, kind, detected at, incoming bundle, detail."""
    from ..hq.conflicts import open_conflicts

    click.echo("id\toffice_id\tfiscal_year\tkind\tdetected_at\tincoming\tdetail")
    for conflict in open_conflicts(_hq(hq_db)):
        click.echo(conflict.line())


@hq_group.command("resolve")
@hq_db_option
@click.option("--conflict", "conflict_id", required=True, type=int, help="The conflict's id (see `hq conflicts`).")
@click.option("--keep", required=True, type=click.Choice(["current", "incoming"]),
              help="current: keep HQ's data; incoming: take the incoming bundle's document.")
@click.option("--by", required=True, help="The name of the person deciding (recorded and audited).")
@click.option("--note", default="", help="Why (recorded with the decision).")
def hq_resolve(hq_db: str, conflict_id: int, keep: str, by: str, note: str) -> None:
    """Decide one conflict; the decision, who and when are recorded and audited."""
    from ..hq.conflicts import ConflictError, resolve_conflict

    try:
        conflict = resolve_conflict(_hq(hq_db), conflict_id, keep, by, note)
    except ConflictError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{conflict.id}\t{conflict.office_id}\t{conflict.fiscal_year}\tkept {conflict.resolution}"
               f"\tby {conflict.decided_by}\t{conflict.resolved_at}")


@hq_group.command("window")
@hq_db_option
def hq_window(hq_db: str) -> None:
    """Open the HQ window (consolidated table, read-only drill-down, deciding conflicts, import)."""
    from ..ui.app import application
    from ..ui.hq_window import HqWindow

    app = application()
    window = HqWindow(_hq(hq_db))
    window.show()
    raise SystemExit(app.exec())


COMMANDS = [bundle_group, hq_group]
