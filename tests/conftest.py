"""Test set-up shared by every test module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "apa_desktop" / "resources" / "demo"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture
def demo_dir() -> Path:
    """The demo source documents (the seed tables) shipped with the package."""
    return DEMO_DIR


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """One SoftHSM2 token with a signing key "head" for the whole run (skips without SoftHSM2)."""
    from softhsm_helpers import make_token

    return make_token(tmp_path_factory.mktemp("softhsm"))


# ------------------------------------------------------------------------------------------------
# HQ on both back ends. Every test that takes ``make_hq`` (or ``hq_backend``) runs once on SQLite
# and once on a throwaway PostgreSQL cluster started for the session (as the ``postgres`` user
# when the suite runs as root: initdb refuses root), each store in a schema of its own.

HQ_BACKENDS = ("sqlite", "postgresql")
_RAN_ON: dict[str, int] = {}


def _postgres_bin() -> Path | None:
    import shutil

    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return candidates[-1].parent if candidates else None


class PostgresCluster:
    """A PostgreSQL cluster in a temporary folder, listening only on a Unix socket there."""

    def __init__(self, bindir: Path) -> None:
        import tempfile

        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="apa-pg-"))
        self.data = self.root / "data"
        self.socket = self.root / "socket"
        self.socket.mkdir()
        self._schemas = 0

    def _run(self, *args: str) -> None:
        import subprocess

        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120, cwd="/")

    def start(self) -> None:
        if os.geteuid() == 0:
            import shutil

            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-o",
                  f"-k {self.socket} -c listen_addresses= -c fsync=off -c max_connections=300", "start")

    def stop(self) -> None:
        import shutil

        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, schema: str | None = None) -> str:
        url = f"postgresql://postgres@/postgres?host={self.socket}"
        return url + (f"&options=-csearch_path%3D{schema}" if schema else "")

    def new_schema(self) -> str:
        """A fresh, empty schema; its URL puts it first on the search path."""
        import psycopg

        self._schemas += 1
        name = f"t{os.getpid()}_{self._schemas}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_cluster():
    """The session's PostgreSQL cluster, started the first time a test needs it."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL's server binaries (initdb, pg_ctl) are not installed: "
                    "install Debian's postgresql package to run HQ tests on PostgreSQL")
    cluster = PostgresCluster(bindir)
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=HQ_BACKENDS)
def hq_backend(request) -> str:
    """The back end this run of an HQ test uses."""
    return request.param


@pytest.fixture
def hq_target(hq_backend, request, tmp_path):
    """A function giving the target (a SQLite path or a PostgreSQL URL) of a fresh, empty HQ
    database on this run's back end; ``name`` tells several apart."""

    def target(name: str = "hq") -> str:
        if hq_backend == "sqlite":
            return str(tmp_path / f"{name}.sqlite3")
        return request.getfixturevalue("postgres_cluster").new_schema()

    return target


@pytest.fixture
def make_hq(hq_target, tmp_path):
    """A function opening a fresh HQ store on this run's back end (closed after the test)."""
    from apa_desktop.hq.store import open_hq_store

    opened = []

    def make(name: str = "hq"):
        store = open_hq_store(hq_target(name), tmp_path / f"{name}.blobs")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    backend = getattr(item, "callspec", None) and item.callspec.params.get("hq_backend")
    if backend and report.when == "call" and report.passed:
        _RAN_ON[backend] = _RAN_ON.get(backend, 0) + 1


def pytest_terminal_summary(terminalreporter):
    if _RAN_ON:
        counts = ", ".join(f"{_RAN_ON.get(backend, 0)} on {backend}" for backend in HQ_BACKENDS)
        terminalreporter.write_line(f"HQ tests passed: {counts}")
