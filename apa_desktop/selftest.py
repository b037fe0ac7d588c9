"""The self-test of an installed or frozen build (``apa-desktop self-test --out DIR``).

It walks a clerk's path with the functions the window and the command line use: a demo database
in a temporary folder, the main window (offscreen) with every tab rendered to PNG, a Bengali
achievement typed through the table model, the APA and a quarter's report as PDF, a new key, a
signature and its verification, and a bundle for headquarters. ``selftest.json`` in DIR says what
passed and how long each step took; the run passes only when every step did.

Run on the Windows build under Wine (installer/smoke_windows.sh) and on a real Windows runner
(.github/workflows/windows.yml); tests/test_selftest.py runs it on Linux."""

from __future__ import annotations

import json
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SUMMARY = "selftest.json"
OFFICE_ID = "tongi-lwc"
"""The demo office-year walked through: it has Section 3 with achievements up to Q3."""
TYPED = "৮৫"
"""The achievement typed (Bengali digits), stored as the number 85."""
QUARTER = 3
PASSPHRASE = "self-test passphrase / স্ব-পরীক্ষা"


@dataclass
class Step:
    name: str
    ok: bool = False
    seconds: float = 0.0
    detail: str = ""


@dataclass
class Summary:
    ok: bool
    started_at: float
    """Wall-clock time (epoch seconds) when the self-test began."""
    first_window_at: float | None
    """Wall-clock time when the main window was first shown and painted."""
    environment: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Files written into the output folder (relative names): PNGs, PDFs, key, bundle."""


class SelfTest:
    """The steps, in order; each one's outcome and time go into the summary. A step that fails
    stops the run (the later steps need its result) and the summary says which and why."""

    def __init__(self, out_dir: Path, echo: Callable[[str], None] = print) -> None:
        self.out = out_dir
        self.echo = echo
        self.summary = Summary(ok=False, started_at=time.time(), first_window_at=None, environment=environment())
        self.state: dict[str, Any] = {}

    def run(self) -> Summary:
        self.out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="apa-selftest-") as tmp:
            steps = [("database", lambda: self.database(Path(tmp))), ("window", self.window),
                     ("type_achievement", self.type_achievement), ("screenshots", self.screenshots),
                     ("export_apa", self.export_apa), ("export_report", self.export_report),
                     ("key", self.key), ("sign", self.sign), ("verify", self.verify), ("bundle", self.bundle)]
            try:
                self.summary.ok = all(self.step(name, action) for name, action in steps)
            finally:
                self.close()
        self.summary.files = sorted(str(p.relative_to(self.out)) for p in self.out.rglob("*") if p.is_file())
        (self.out / SUMMARY).write_text(json.dumps(asdict(self.summary), ensure_ascii=False, indent=2), "utf-8")
        return self.summary

    def step(self, name: str, action: Callable[[], str]) -> bool:
        record = Step(name)
        self.summary.steps.append(record)
        t0 = time.perf_counter()
        try:
            record.detail = action()
            record.ok = True
        except Exception as exc:  # noqa: BLE001 - the self-test reports every failure and stops
            record.detail = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}"
        record.seconds = round(time.perf_counter() - t0, 3)
        self.echo(f"{'ok  ' if record.ok else 'FAIL'} {name} ({record.seconds:.2f} s) {record.detail.splitlines()[0] if record.detail else ''}")
        return record.ok

    # --- the steps ---------------------------------------------------------------------------

    def database(self, folder: Path) -> str:
        from .db import open_database
        from .db.demo import install_demo

        store = self.state["store"] = open_database(folder / "apa.sqlite3")
        install_demo(store)
        info = next(i for i in store.office_years() if i.office_id == OFFICE_ID)
        self.state["info"] = info
        return f"{len(store.office_years())} demo office-years in {folder}"

    def window(self) -> str:
        from PySide6.QtGui import QFontDatabase, QFontMetrics
        from PySide6.QtWidgets import QApplication

        from .ui import i18n
        from .ui.app import application
        from .ui.main_window import MainWindow
        from .ui.screenshots import SIZE

        app = application()
        # One widget style on every platform (Linux offscreen has Fusion; Windows would take its
        # own, with other spacings): the screenshots are compared across platforms for the Bengali
        # rendering (installer/smoke_windows.sh), not for the operating system's look.
        app.setStyle("Fusion")
        font = app.font()
        if QFontDatabase.WritingSystem.Bengali not in QFontDatabase.writingSystems(font.family()) \
                or not QFontMetrics(font).inFontUcs4(ord("ক")):
            raise AssertionError(f"the window's font {font.family()!r} has no Bengali")
        i18n.set_language("bn")
        window = self.state["window"] = MainWindow(self.state["store"], self.state["info"].id)
        window.resize(*SIZE)
        window.show()
        QApplication.processEvents()
        window.grab()  # painted once: the first window a person would see
        self.summary.first_window_at = time.time()
        return f"{window.windowTitle()} ({QApplication.platformName()}, style {app.style().name()}, font {font.family()})"

    def type_achievement(self) -> str:
        """Type the achievement into the first empty Q4 cell of Section 3, in Bengali digits."""
        from .ui.models.cells import resolve

        window = self.state["window"]
        model = window.tab("section3").model
        column = next(c for c, col in enumerate(model.columns) if col.fields.get("indicator") == ("quarters", 3))
        row = next(r for r, row in enumerate(model.rows)
                   if row.kind == "indicator" and resolve(model.session.office_year, row.path).quarters[3] is None)
        index = model.index(row, column)
        if not model.setData(index, TYPED):
            raise AssertionError(f"the model refused {TYPED!r}")
        stored = resolve(self.state["store"].load(self.state["info"].id), model.rows[row].path).quarters[3]
        if stored != 85 or index.data() != TYPED:
            raise AssertionError(f"typed {TYPED!r}: stored {stored!r}, shown {index.data()!r}")
        return f"{TYPED} stored as {stored}, shown {index.data()}"

    def screenshots(self) -> str:
        from .ui.screenshots import render_office_year

        info, window = self.state["info"], self.state.pop("window")
        window.close()
        window.deleteLater()
        folder = self.out / "png"
        folder.mkdir(exist_ok=True)
        files = render_office_year(self.state["store"], info.id, folder, f"{info.office_id}-{info.fiscal_year}")
        empty = [f.name for f in files if not f.is_file() or f.stat().st_size < 2000]
        if empty:
            raise AssertionError(f"empty screenshots: {empty}")
        return f"{len(files)} PNGs"

    def _pdf(self, quarter: int | None) -> str:
        from .export.names import pdf_name
        from .export.pdf import document_pdf

        info = self.state["info"]
        data = document_pdf(self.state["store"].load(info.id), quarter)
        if not data.startswith(b"%PDF-"):
            raise AssertionError("not a PDF")
        target = self.out / pdf_name(info.office_id, info.fiscal_year, quarter)
        target.write_bytes(data)
        self.state["pdf" if quarter is None else "report"] = data
        return f"{target.name} ({len(data) // 1024} KB)"

    def export_apa(self) -> str:
        return self._pdf(None)

    def export_report(self) -> str:
        return self._pdf(QUARTER)

    def key(self) -> str:
        from .export.keys import new_self_issued_key

        p12, cert = new_self_issued_key("স্ব-পরীক্ষা কর্মকর্তা", "উপপরিচালক", self.state["info"].office_id, PASSPHRASE)
        self.state["p12"], self.state["cert"] = p12, cert
        (self.out / "selftest.p12").write_bytes(p12)
        (self.out / "selftest.crt").write_bytes(cert)
        return f"P-256 key, certificate {len(cert)} bytes"

    def sign(self) -> str:
        from .export.signing import sign_pdf

        signed = sign_pdf(self.state["pdf"], self.state["p12"], PASSPHRASE,
                          signer_name="স্ব-পরীক্ষা কর্মকর্তা", designation="উপপরিচালক")
        self.state["signed"] = signed
        target = self.out / "signed-apa.pdf"
        target.write_bytes(signed)
        return f"{target.name} ({len(signed) // 1024} KB)"

    def verify(self) -> str:
        from .export.signing import verify_pdf

        result = verify_pdf(self.state["signed"], [self.state["cert"]])
        if not result.ok:
            raise AssertionError("; ".join(result.reasons))
        return f"valid, signed by {', '.join(result.signers)}"

    def bundle(self) -> str:
        from .export.bundle_export import export_bundle
        from .export.bundle_signing import load_office_key

        key = load_office_key(self.state["p12"], PASSPHRASE)
        result = export_bundle(self.state["store"], self.state["info"].id, key, self.out / "bundle")
        return f"{result.path.name} ({result.size // 1024} KB, sequence {result.sequence})"

    def close(self) -> None:
        """Close the window and the database before the temporary folder goes (Windows keeps
        open files from being deleted)."""
        window = self.state.pop("window", None)
        if window is not None:
            window.close()
            window.deleteLater()
        store = self.state.pop("store", None)
        if store is not None:
            store.close()


def environment() -> dict[str, str]:
    """What ran the test: the app, Python, Qt and the operating system."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        app_version = version("apa-desktop")
    except PackageNotFoundError:
        app_version = "unknown"
    import PySide6
    from PySide6.QtCore import qVersion

    return {"apa_desktop": app_version, "python": platform.python_version(), "pyside6": PySide6.__version__,
            "qt": qVersion(), "platform": platform.platform(), "frozen": str(getattr(sys, "frozen", False))}


def run_self_test(out_dir: Path, echo: Callable[[str], None] = print) -> Summary:
    """Run every step, write ``out_dir/selftest.json``, and return the summary."""
    return SelfTest(out_dir, echo).run()
