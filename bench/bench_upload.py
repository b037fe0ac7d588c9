"""HQ's server under load: N offices uploading at once to one `hq serve` on 127.0.0.1.

Generates N realistic bundles (bench_bundles.generate: a full office-year, three evidence files of
20-60 KB and a signed PDF each), enrols the offices with upload tokens, starts `hq serve` (TLS, a
fresh CA) in a subprocess, and lets N client threads upload one bundle each at the same moment
through the office's own client (pinned TLS, chunks, commit), retrying 429/503 after Retry-After.
Reports bundles committed per second, p50/p95 time per upload (first request to receipt), the
busy answers, failures (an upload that never completed), the server's peak memory (VmHWM), whether
a resend costs any chunk transfer, and whether the consolidated table equals a USB import of the
same files. Loopback only; bounded by N and a deadline.

    .venv/bin/python bench/bench_upload.py                       # N = 50 and 500, SQLite and PostgreSQL
    .venv/bin/python bench/bench_upload.py --offices 50 --backend sqlite
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from bench_bundles import drop_target, fresh_target, generate  # noqa: E402

from apa_desktop.hq.consolidate import consolidated_rows  # noqa: E402
from apa_desktop.hq.enrolment import enroll  # noqa: E402
from apa_desktop.hq.importer import Importer, expand_sources  # noqa: E402
from apa_desktop.hq.store import open_hq_store  # noqa: E402
from apa_desktop.hq.tls import make_server_certificate, spki_pin  # noqa: E402
from apa_desktop.hq.tokens import issue_token  # noqa: E402
from apa_desktop.sync.client import Busy, HqClient, Link, Refusal, Unreachable  # noqa: E402

DEADLINE_S = 900


def _hq_key(folder: Path) -> None:
    from bundle_helpers import PASSPHRASE, make_key

    (folder / "hq.p12").write_bytes(make_key("HQ bench")[0])
    (folder / "pass").write_text(PASSPHRASE, encoding="utf-8")


def _tree(pid: int) -> list[int]:
    """The server and its processes (the verifier workers)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _tree(int(child)))]


def _peak_kib(pid: int) -> int:
    """Peak resident memory (VmHWM) of the server and its workers, summed."""
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def _cpu_s(pid: int) -> float:
    """Processor seconds (user + system) the server and its workers have used."""
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def run(n: int, backend: str, base_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bundles").mkdir()
        offices = generate(n, folder / "bundles")
        files = expand_sources([folder / "bundles"])
        target = fresh_target(base_url if backend == "postgresql" else None, folder, f"up{n}")
        store = open_hq_store(target, folder / "blobs")
        tokens = {}
        for office_id, pem in offices:
            enroll(store, office_id, pem)
            tokens[office_id] = issue_token(store, office_id)
        tls = make_server_certificate(folder / "tls", "127.0.0.1")
        _hq_key(folder)
        with __import__("socket").socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "apa_desktop", "hq", "serve", "--hq-db", target, "--hq-blobs", str(folder / "blobs"),
             "--port", str(port), "--tls-cert", str(tls["server.crt"]), "--tls-key", str(tls["server.key"]),
             "--p12", str(folder / "hq.p12"), "--passphrase-file", str(folder / "pass"), "--retry-after", "1",
             "--max-uploads", "32"], stderr=subprocess.PIPE)
        ca, pins = tls["ca.crt"].read_text(), [spki_pin(tls["server.crt"].read_bytes())]
        link = {office_id: Link(f"https://127.0.0.1:{port}", ca, pins, tokens[office_id]) for office_id, _ in offices}
        try:
            _wait_listening(port)
            cpu_before = _cpu_s(server.pid)
            durations, busy, failures = _upload_all(files, link)
            cpu = _cpu_s(server.pid) - cpu_before
            elapsed = max(end for _, end in durations) - min(start for start, _ in durations) if durations else 0
            peak = _peak_kib(server.pid)
            resend = _resend_costs_nothing(files, link)
        finally:
            server.terminate()
            server.wait(60)
        times = sorted(end - start for start, end in durations)
        reference = open_hq_store(folder / "reference.sqlite3", folder / "reference-blobs")
        for office_id, pem in offices:
            enroll(reference, office_id, pem)
        list(Importer(reference).import_many(files))
        equal = consolidated_rows(reference) == consolidated_rows(store)
        print(f"N={n} on {backend}: {len(times)} committed in {elapsed:.1f} s = {len(times) / elapsed:.1f} bundles/s; "
              f"p50 {statistics.median(times):.2f} s, p95 {times[int(0.95 * (len(times) - 1))]:.2f} s; "
              f"busy answers (429/503) {busy}, failed {failures}; server peak memory {peak / 1024:.0f} MiB "
              f"(with its verifier workers); server CPU {1000 * cpu / max(len(times), 1):.0f} ms per bundle "
              f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); "
              f"resend transfers no chunk: {resend}; consolidated equals USB import: {equal}")
        store.close()
        reference.close()
        drop_target(base_url if backend == "postgresql" else None, target)


def _wait_listening(port: int) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("hq serve did not start")


def _office_of(path: Path) -> str:
    return path.stem


def _upload_all(files: list[Path], links: dict[str, Link]) -> tuple[list[tuple[float, float]], int, int]:
    """Every office uploads its bundle at the same moment, retrying after Retry-After."""
    start = threading.Barrier(len(files))
    durations: list[tuple[float, float]] = []
    counts = {"busy": 0, "failed": 0}
    refusals: Counter[str] = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + DEADLINE_S

    def office(path: Path) -> None:
        data = path.read_bytes()
        client = HqClient(links[_office_of(path)])
        start.wait()
        began = time.monotonic()
        while time.monotonic() < stop_at:
            try:
                client.upload(data)
                with lock:
                    durations.append((began, time.monotonic()))
                break
            except Busy as busy:
                with lock:
                    counts["busy"] += 1
                time.sleep(busy.retry_after * random.uniform(1, 2))  # as the sender: never sooner, jittered
            except Unreachable:
                time.sleep(1)
            except Refusal as refusal:  # counted as a failure, its reason shown once
                with lock:
                    refusals[refusal.code] += 1
                break
        else:
            with lock:
                counts["failed"] += 1
        client.close()

    threads = [threading.Thread(target=office, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if refusals:
        print(f"refused: {dict(refusals)}", file=sys.stderr)
    return durations, counts["busy"], len(files) - len(durations)


def _resend_costs_nothing(files: list[Path], links: dict[str, Link]) -> bool:
    """Declaring every bundle again: HQ asks for no chunk of any of them."""
    for path in files[:50]:
        client = HqClient(links[_office_of(path)])
        missing = client.declare(path.read_bytes())
        client.close()
        if missing:
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, action="append", help="N (repeatable; default 50 and 500)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append")
    args = parser.parse_args()
    base = os.environ.get("APA_BENCH_HQ_DB")
    cluster = None
    backends = args.backend or ["sqlite", "postgresql"]
    if "postgresql" in backends and not base:
        from pg_cluster import PostgresCluster, postgres_bin

        cluster = PostgresCluster(postgres_bin())
        cluster.start()
        base = cluster.url()
    try:
        for n in args.offices or [50, 500]:
            for backend in backends:
                run(n, backend, base)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
