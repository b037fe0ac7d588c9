"""HQ's server: ``apa-desktop hq serve`` and ``apa-desktop hq server-cert``."""

from __future__ import annotations

import os
from pathlib import Path

import click

from .bundle_cmds import _load_key, existing_file, hq_db_option, hq_group


@hq_group.command("serve")
@hq_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8443, show_default=True, type=click.IntRange(1, 65535))
@click.option("--tls-cert", required=True, type=existing_file, help="The server certificate (PEM).")
@click.option("--tls-key", required=True, type=existing_file, help="The server certificate's key (PEM).")
@click.option("--p12", required=True, type=existing_file, help="HQ's PKCS#12 key file: it signs the receipts.")
@click.option("--passphrase-file", required=True, type=existing_file)
@click.option("--packs", "packs_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of signed template packs (*.apapack) offered to offices.")
@click.option("--pause-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="While this file exists the server answers 503 with Retry-After (maintenance).")
@click.option("--max-uploads", default=64, show_default=True, type=click.IntRange(1),
              help="Uploads running at once in all (more get 503 + Retry-After).")
@click.option("--max-uploads-per-office", default=2, show_default=True, type=click.IntRange(1),
              help="Uploads running at once per office (more get 429 + Retry-After).")
@click.option("--retry-after", default=5, show_default=True, type=click.IntRange(1), help="Seconds told to wait.")
@click.option("--connections", default=8, show_default=True, type=click.IntRange(1, 64),
              help="Database connections (imports that can run at once).")
@click.option("--verifiers", default=None, type=click.IntRange(0, 64),
              help="Processes verifying bundles (default: one per processor; 0: on the request's thread).")
def hq_serve(hq_db: str, host: str, port: int, tls_cert: Path, tls_key: Path, p12: Path, passphrase_file: Path,
             packs_dir: Path | None, pause_file: Path | None, max_uploads: int, max_uploads_per_office: int,
             retry_after: int, connections: int, verifiers: int | None) -> None:
    """Receive offices' bundles over HTTPS, import them as `hq import` does, answer with receipts."""
    from ..hq.server import serve
    from ..hq.uploads import HqService, ServerLimits

    limits = ServerLimits(uploads_per_server=max_uploads, uploads_per_office=max_uploads_per_office,
                          retry_after_s=retry_after)
    service = HqService(hq_db, click.get_current_context().meta.get("hq_blobs"), _load_key(p12, passphrase_file),
                        packs_dir, limits, connections, (os.cpu_count() or 1) if verifiers is None else verifiers)
    click.echo(f"HQ server on https://{host}:{port} ({service.dialect})", err=True)
    serve(service, host, port, tls_cert, tls_key, pause_file)


@hq_group.command("server-cert")
@click.option("--out-dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", required=True, help="The name (or IP address) offices connect to.")
def hq_server_cert(out_dir: Path, host: str) -> None:
    """Make HQ's private CA and a server certificate for HOST (ca.crt, ca.key, server.crt, server.key)."""
    from ..hq.tls import make_server_certificate, spki_pin

    paths = make_server_certificate(out_dir, host)
    for name, path in paths.items():
        click.echo(f"{name}\t{path}")
    click.echo(f"pin\tsha256 {spki_pin(paths['server.crt'].read_bytes())}")


COMMANDS: list[click.Command] = []
"""Nothing new at the top level: the commands above join the ``hq`` group."""
