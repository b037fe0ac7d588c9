"""The main window: one tab per part of the office-year, the score panel always on top, the
evidence panel at the side, undo/redo, and the Bengali/English switch.

Tabs are built when first shown, so the window is interactive quickly even on a full APA."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QTabWidget, QToolBar, QVBoxLayout, QWidget

from ..core.interchange import loads
from ..core.model import OfficeYear

from ..db import Store
from . import i18n
from .document import DocumentSession
from .evidence import EvidencePanel
from .i18n import tr
from .models.list_models import list_model
from .models.nis_model import NisModel
from .models.plan_model import PlanModel
from .score_panel import ScorePanel
from .tabs.forms import cover_tab, overview_tab, section1_tab
from .tabs.registers import EnothiTab
from .tabs.table_tab import TableTab
from .workers import Job, Report, run_in_background

LAST_OFFICE_YEAR = "ui.last_office_year"

TabFactory = Callable[[DocumentSession], QWidget]

TABS: list[tuple[str, TabFactory]] = [
    ("cover", cover_tab),
    ("overview", overview_tab),
    ("section1", section1_tab),
    ("section2", lambda s: TableTab(list_model(s, "section2"))),
    ("section3", lambda s: TableTab(PlanModel(s, ("section3",)))),
    ("annex1", lambda s: TableTab(list_model(s, "annex1"))),
    ("annex2", lambda s: TableTab(list_model(s, "annex2"))),
    ("annex3", lambda s: TableTab(list_model(s, "annex3"))),
    ("nis", lambda s: TableTab(NisModel(s))),
    *[(kind, (lambda k: lambda s: TableTab(PlanModel(s, ("annexes", k))))(kind))
      for kind in ("egov", "grs", "charter", "rti")],
    ("innovations", lambda s: TableTab(list_model(s, "innovations"))),
    ("enothi", EnothiTab),
    ("fourir", lambda s: TableTab(list_model(s, "fourir"))),
]
"""Tab keys (i18n keys) in order, and how to build each."""


class MainWindow(QMainWindow):
    """The window over one open office-year."""

    def __init__(self, store: Store, office_year_id: int) -> None:
        super().__init__()
        self.store = store
        self.session = DocumentSession(store, office_year_id, self)
        store.set_setting(LAST_OFFICE_YEAR, office_year_id)
        self.resize(1366, 740)
        self.session.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.session.changed.connect(lambda _: self.statusBar().showMessage(tr("saved"), 3000))
        self._build()

    def _build(self) -> None:
        oy = self.session.office_year
        self.setWindowTitle(f"{tr('app_title')} — {oy.office.name} {oy.fiscal_year}")
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.built: dict[int, QWidget] = {}
        for key, _ in TABS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, tr(key))
        self.tabs.currentChanged.connect(self.ensure_tab)
        self.score_panel = ScorePanel(self.session, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.score_panel)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.evidence = EvidencePanel(self.session, self)
        dock = QDockWidget(tr("evidence"), self)
        dock.setObjectName("evidence_dock")
        dock.setWidget(self.evidence)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        self.evidence_dock = dock
        self._toolbar()
        self.ensure_tab(self.tabs.currentIndex())

    def _toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        # fixed texts (not QUndoStack.createUndoAction's "Undo <command>"): a toolbar that changes
        # width on every edit would relayout and repaint the whole window
        stack = self.session.undo_stack
        for key, slot, can, changed, shortcut in (
                ("undo", stack.undo, stack.canUndo, stack.canUndoChanged, QKeySequence.StandardKey.Undo),
                ("redo", stack.redo, stack.canRedo, stack.canRedoChanged, QKeySequence.StandardKey.Redo)):
            action = QAction(tr(key), self, shortcut=shortcut, enabled=can())
            action.triggered.connect(slot)
            changed.connect(action.setEnabled)
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.evidence_dock.toggleViewAction())
        bar.addAction(tr("import_json"), self.choose_import)
        switch = QAction(tr("english"), self)
        switch.triggered.connect(self.switch_language)
        bar.addAction(switch)
        self.addToolBar(bar)
        self.toolbar = bar

    def ensure_tab(self, index: int) -> QWidget | None:
        """Build the tab at ``index`` if it is not built yet; return its content."""
        if index < 0:
            return None
        if index not in self.built:
            key, factory = TABS[index]
            widget = factory(self.session)
            widget.setObjectName(f"tab_{key}")
            self.tabs.widget(index).layout().addWidget(widget)
            self.built[index] = widget
            if isinstance(widget, TableTab):
                widget.view.selectionModel().currentRowChanged.connect(
                    lambda current, _prev, w=widget: self.evidence.set_target(
                        w.model.rows[current.row()].path if current.isValid() else None))
        return self.built[index]

    def tab(self, key: str) -> QWidget:
        """The content of the tab ``key`` (built on demand), e.g. ``window.tab("section3")``."""
        index = [k for k, _ in TABS].index(key)
        self.tabs.setCurrentIndex(index)
        widget = self.ensure_tab(index)
        assert widget is not None
        return widget

    def switch_language(self) -> None:
        """Switch Bengali <-> English and rebuild the window's widgets."""
        i18n.set_language("en" if i18n.language() == "bn" else "bn")
        self._rebuild()

    def _rebuild(self) -> None:
        current = self.tabs.currentIndex()
        for old in (self.toolbar, self.evidence_dock):
            self.removeToolBar(old) if old is self.toolbar else self.removeDockWidget(old)
            old.deleteLater()
        self._build()
        self.tabs.setCurrentIndex(current)

    def choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("import_json"), "", "JSON (*.json)")
        if name:
            self.import_json(Path(name))

    def import_json(self, file: Path) -> Job:
        """Read an interchange JSON file off the UI thread, then replace the open document with it
        (audited by the store; a signed revision is kept and a new one opened)."""
        def work(report: Report) -> OfficeYear | None:
            report(0, 2)
            data = file.read_bytes()
            if not report(1, 2):
                return None
            office_year = loads(data)
            report(2, 2)
            return office_year

        def done(office_year: OfficeYear | None, error: Exception | None) -> None:
            if error is not None:
                self.statusBar().showMessage(getattr(error, "message_bn", None) or str(error), 10000)
                return
            if office_year is None:
                return
            try:
                self.store.replace_document(self.session.office_year_id, office_year, self.session.user,
                                            reason=f"import {file.name}")
            except Exception as exc:  # InvalidRequest: another office-year's document
                self.statusBar().showMessage(getattr(exc, "message_bn", None) or str(exc), 10000)
                return
            self.session.reload()
            self._rebuild()
            self.statusBar().showMessage(tr("saved"), 3000)

        self._job = run_in_background(self, tr("working"), work, done)
        return self._job

    def keys(self) -> list[str]:
        return [k for k, _ in TABS]

    def closeEvent(self, event: Any) -> None:
        self.session.undo_stack.clear()
        super().closeEvent(event)
