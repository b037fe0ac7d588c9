"""HQ's server in a subprocess on 127.0.0.1 with a free port and a test CA, and offices that send to it."""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from apa_desktop.db import open_database
from apa_desktop.export.bundle_export import export_bundle
from apa_desktop.hq.enrolment import enroll
from apa_desktop.hq.tls import make_server_certificate
from apa_desktop.sync.sender import queue_export

from bundle_helpers import PASSPHRASE, make_key, office_key, small_office_year
from hq_helpers import hq_cli_args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*args: str | Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "apa_desktop", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


@dataclass
class HqSite:
    """HQ's database, its TLS folder and receipt key, and the server process when running."""

    folder: Path
    store: object
    port: int
    process: subprocess.Popen | None = None

    @property
    def tls(self) -> Path:
        return self.folder / "tls"

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def start(self, *extra: str) -> None:
        args = ["hq", "serve", *hq_cli_args(self.store), "--port", str(self.port),
                "--tls-cert", self.tls / "server.crt", "--tls-key", self.tls / "server.key",
                "--p12", self.folder / "hq.p12", "--passphrase-file", self.folder / "pass", *extra]
        self.process = subprocess.Popen([sys.executable, "-m", "apa_desktop", *map(str, args)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("hq serve did not start")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=60)
        self.process = None

    def enroll(self, office_id: str, link: Path | None = None) -> Path:
        """Enrol an office and write its link file (through the CLI, as HQ does)."""
        (self.folder / f"{office_id}.crt").write_bytes(make_key(office_id)[1])
        link = link or self.folder / f"{office_id}.apalink"
        done = cli("hq", "enroll", *hq_cli_args(self.store), "--office-id", office_id, "--cert",
                   self.folder / f"{office_id}.crt", "--link-out", link, "--url", self.url, "--tls-dir", self.tls,
                   "--hq-cert", self.folder / "hq.crt")
        assert done.returncode == 0, done.stderr
        return link


def hq_site(folder: Path, store) -> HqSite:
    folder.mkdir(parents=True, exist_ok=True)
    make_server_certificate(folder / "tls", "127.0.0.1")
    p12, pem = make_key("HQ Cabinet Division")
    (folder / "hq.p12").write_bytes(p12)
    (folder / "hq.crt").write_bytes(pem)
    (folder / "pass").write_text(PASSPHRASE + "\n", encoding="utf-8")
    return HqSite(folder, store, free_port())


def office_with_bundle(folder: Path, office_id: str, achievement: float = 8.0, evidence_bytes: int = 0):
    """An office database whose outbox holds one exported bundle (with ``evidence_bytes`` of
    incompressible evidence besides the usual two files); returns (store, export result)."""
    store = open_database(folder / f"{office_id}.sqlite3")
    office_year, evidence = small_office_year(office_id, achievement=achievement)
    if evidence_bytes:
        extra = b"%PDF-1.4\n" + os.urandom(evidence_bytes)
        evidence[hashlib.sha256(extra).hexdigest()] = extra
        office_year.section3.areas[0].activities[0].indicators[0].evidence[0] = sorted(evidence)
    for data in evidence.values():
        store.put_evidence(data, "proof.pdf")
    oy_id = store.create_office_year(office_year, "clerk")
    result = export_bundle(store, oy_id, office_key(office_id), folder / "usb")
    queue_export(store, office_id, result.path, result.sha256)
    return store, result


def usb_import_reference(make_hq, bundles: list[Path], offices: list[str]) -> list[dict]:
    """The consolidated table of a clean USB import of the same bundles (what the network must equal)."""
    from apa_desktop.hq.consolidate import consolidated_rows
    from apa_desktop.hq.importer import Importer

    reference = make_hq("reference")
    for office in offices:
        enroll(reference, office, make_key(office)[1])
    importer = Importer(reference)
    for path in bundles:
        importer.import_source(path)
    return consolidated_rows(reference)



class CuttingProxy:
    """A TCP relay between the office and HQ that cuts each connection once ``cut_after`` bytes
    went up it (the TLS session passes through untouched, pin and all)."""

    def __init__(self, upstream_port: int, cut_after: int) -> None:
        import threading

        self.upstream_port, self.cut_after = upstream_port, cut_after
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self.uploaded = 0
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, counted: bool) -> None:
        sent = 0
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
                if counted:
                    sent += len(data)
                    self.uploaded += len(data)
                    if sent >= self.cut_after:
                        break
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def close(self) -> None:
        self._stop = True
        self.listener.close()
