"""Commands for the printed documents: export-pdf, keys new, sign, verify."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from pathlib import Path

import click

from ..core.model import ANNEX_KINDS, REGISTER_KINDS, annex_kinds, register_kinds
from ..export.files import write_whole
from ..export.names import pdf_name
from ..export.signing import ROLE_ORDER
from .common import db_option, open_store, read_secret, select_office_years


@click.command("export-pdf")
@db_option
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--office", help="Office id (all offices when omitted).")
@click.option("--year", help="Fiscal year, e.g. 2023-24 (all years when omitted).")
@click.option("--quarter", type=click.IntRange(1, 4), default=None,
              help="Progress report up to this quarter (4: annual self-evaluation); the APA when omitted.")
@click.option("--annex", type=click.Choice(ANNEX_KINDS), default=None,
              help="Only this annex plan (Annexes 4-8: nis, egov, grs, charter, rti).")
@click.option("--register", type=click.Choice(REGISTER_KINDS), default=None,
              help="Only this register (innovation database, e-Nothi worksheet, 4IR plan, progress reports).")
def export_pdf(db_path: Path | None, out_dir: Path, office: str | None, year: str | None,
               quarter: int | None, annex: str | None, register: str | None) -> None:
    """Write one PDF per office-year (the APA, or the progress report of --quarter; with --annex
    only that annex plan, with --register only that register)."""
    from ..export.pdf import document_pdf

    if annex and register:
        raise click.UsageError("give --annex or --register, not both")
    if register and quarter:
        raise click.UsageError("a register has no quarter: leave out --quarter")
    store = open_store(db_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    infos = select_office_years(store, office, year)
    if not infos:
        raise click.ClickException("no office-year matches / কোনো অফিস-বছর মেলেনি")
    for info in infos:
        office_year = store.load(info.id)
        target = out_dir / pdf_name(info.office_id, info.fiscal_year, quarter, annex or register)
        if annex is not None and annex not in annex_kinds(office_year):
            click.echo(f"{info.office_id} {info.fiscal_year}: সংযোজনীটি নেই / has no annex {annex}", err=True)
            continue
        if register is not None and register not in register_kinds(office_year):
            click.echo(f"{info.office_id} {info.fiscal_year}: রেজিস্টারটি নেই / has no register {register}", err=True)
            continue
        write_whole(target, document_pdf(office_year, quarter, annex or register))
        click.echo(str(target))


@click.group("keys")
def keys() -> None:
    """Signing keys."""


@keys.command("new")
@click.option("--name", required=True)
@click.option("--designation", required=True)
@click.option("--office", required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="FILE.p12")
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
def keys_new(name: str, designation: str, office: str, out: Path, passphrase_file: Path) -> None:
    """Make a self-issued key: writes FILE.p12 and the certificate FILE.crt beside it."""
    from ..export.keys import new_self_issued_key

    p12, cert = new_self_issued_key(name, designation, office, read_secret(passphrase_file))
    write_whole(out, p12, private=True)
    crt = write_whole(out.with_suffix(".crt"), cert)
    click.echo(f"{out}\n{crt}")


@click.command("sign")
@click.option("--in", "src", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--p12", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--passphrase-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pkcs11-lib", help="The token vendor's PKCS#11 library (.so/.dll).")
@click.option("--token-label")
@click.option("--key-label")
@click.option("--pin-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", "signer_name",
              help="Name in the signature box (default: the document's signatory, else the certificate's).")
@click.option("--designation", default=None, help="Designation in the signature box (default: the document's signatory's).")
@click.option("--role", type=click.Choice(ROLE_ORDER), default=None,
              help="Whose signature line to sign on (default: the next unsigned: office head, superior, preparer).")
@click.option("--field", "field_name", default=None, help="Signature field name (default: the role's).")
@click.option("--allow-other-office", is_flag=True,
              help="Sign even though the key's certificate names another office than the document's.")
def sign(src: Path, out: Path, p12: Path | None, passphrase_file: Path | None, pkcs11_lib: str | None,
         token_label: str | None, key_label: str | None, pin_file: Path | None, signer_name: str | None,
         designation: str | None, role: str | None, field_name: str | None, allow_other_office: bool) -> None:
    """Sign a PDF (PAdES B-B) with a visible box on the document's signature line (the office
    head's first; signing an already signed PDF adds the counter-signature on the next line)."""
    from ..export.bundle_signing import SigningKeyError, load_office_key
    from ..export.signing import pkcs11_signer, sign_pdf_with_signer

    with contextlib.ExitStack() as stack:
        try:
            if p12 is not None:
                if passphrase_file is None:
                    raise click.UsageError("--p12 needs --passphrase-file")
                signer = load_office_key(p12.read_bytes(), read_secret(passphrase_file)).signer
            elif pkcs11_lib:
                if not (token_label and key_label and pin_file):
                    raise click.UsageError("--pkcs11-lib needs --token-label, --key-label and --pin-file")
                signer = stack.enter_context(pkcs11_signer(pkcs11_lib, token_label, key_label, read_secret(pin_file)))
            else:
                raise click.UsageError("give --p12 FILE or --pkcs11-lib LIB")
        except SigningKeyError as exc:
            raise click.ClickException(str(exc)) from None
        signed = sign_pdf_with_signer(src.read_bytes(), signer, signer_name=signer_name, designation=designation,
                                      date=dt.date.today(), field_name=field_name, role=role,
                                      allow_other_office=allow_other_office)
    write_whole(out, signed)
    click.echo(str(out))


@click.command("verify")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--trust", "trust", type=click.Path(exists=True, dir_okay=False, path_type=Path), multiple=True,
              required=True, help="A trusted certificate (PEM or DER); repeat for several.")
@click.option("--office", default=None, help="Fail unless every signer's certificate names this office (id or name).")
def verify(pdf: Path, trust: tuple[Path, ...], office: str | None) -> None:
    """Exit 0 only when every signature is intact, trusted and the last covers the whole file
    (and, with --office, made with a key of that office). Each signer is listed with the office
    the certificate names."""
    from ..export.signing import verify_pdf

    result = verify_pdf(pdf.read_bytes(), [path.read_bytes() for path in trust], office=office)
    for signer, named in zip(result.signers, result.offices):
        click.echo(f"signer: {signer} · office: {named or '—'}")
    if result.ok:
        click.echo("OK: signature valid / স্বাক্ষর বৈধ")
        return
    for reason in result.reasons:
        click.echo(f"INVALID: {reason}", err=True)
    sys.exit(1)


COMMANDS = [export_pdf, keys, sign, verify]
