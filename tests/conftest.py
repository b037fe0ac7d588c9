"""Test set-up shared by every test module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["APA_STRICT_TR"] = "1"  # tr() of a key missing from a catalogue fails the test

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


class PasteDialogs:
    """The paste previews the window opened during a test (recorded instead of shown modally), and
    the answer each gets: ``answer = "accept"`` (the default) or ``"reject"``; ``choose`` settles
    ambiguous columns (pasted column -> table column) before answering."""

    def __init__(self) -> None:
        self.shown: list = []
        self.answer = "accept"
        self.choose: dict[int, int] = {}


@pytest.fixture(autouse=True)
def paste_dialogs(monkeypatch):
    """No paste preview waits for a click that never comes: each is recorded and answered."""
    try:
        from PySide6.QtWidgets import QDialog

        from apa_desktop.ui.paste_dialog import PasteDialog
    except ImportError:  # no Qt: nothing to answer
        yield None
        return
    dialogs = PasteDialogs()

    def answer(dialog) -> int:
        dialogs.shown.append(dialog)
        for pasted, column in dialogs.choose.items():
            combo = dialog._combos.get(pasted)
            if combo is not None:
                combo.setCurrentIndex(combo.findData(column))
        accepted = dialogs.answer == "accept" and dialog.ok.isEnabled()
        return QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected

    monkeypatch.setattr(PasteDialog, "exec", answer)
    yield dialogs


# ------------------------------------------------------------------------------------------------
# HQ on both back ends. Every test that takes ``make_hq`` (or ``hq_backend``) runs once on SQLite
# and once on a throwaway PostgreSQL cluster started for the session (as the ``postgres`` user
# when the suite runs as root: initdb refuses root), each store in a schema of its own.

HQ_BACKENDS = ("sqlite", "postgresql")
_RAN_ON: dict[str, int] = {}


@pytest.fixture(scope="session")
def postgres_cluster():
    """The session's PostgreSQL cluster, started the first time a test needs it."""
    from pg_cluster import PostgresCluster, postgres_bin

    bindir = postgres_bin()
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


@pytest.fixture
def hq_server(tmp_path, make_hq):
    """HQ's server (`hq serve`) in a subprocess on 127.0.0.1 with a test CA, on this run's back end."""
    from server_helpers import hq_site

    site = hq_site(tmp_path / "hq", make_hq())
    site.start()
    yield site
    site.stop()


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


@pytest.fixture
def tongi(tmp_path):
    """(office Store, office-year id) of the demo's Tongi labour welfare centre 2023-24, with
    achievements in Q1-Q3 and evidence missing on some rows (the home tab and evaluation tests)."""
    from apa_desktop.db import open_database
    from apa_desktop.db.demo import install_demo

    store = open_database(tmp_path / "office.sqlite3")
    install_demo(store)
    yield store, next(i.id for i in store.office_years() if i.office_id == "tongi-lwc")
    store.close()
