"""The main window: one tab per part of the office-year, the score panel always on top, the
evidence panel at the side, undo/redo, and the Bengali/English switch.

Tabs are built when first shown, so the window is interactive quickly even on a full APA."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMainWindow, QMessageBox,
                               QPushButton, QTabWidget, QToolBar, QVBoxLayout, QWidget)

from ..core.interchange import loads
from ..core.model import OfficeYear
from ..core.numerals import format_number, to_bengali_digits

from ..db import Store
from . import i18n
from .bundle_dialog import BundleDialog
from .outbox import OutboxPanel, OutboxSender
from .document import DocumentSession
from .evidence import EvidencePanel
from .export_dialog import ExportDialog
from .i18n import tr
from .models.cells import digits
from .models.list_models import list_model
from .models.nis_model import NisModel
from .models.plan_model import PlanModel
from .score_panel import ScorePanel
from .sign_dialog import SignDialog
from .tabs.forms import cover_tab, overview_tab, section1_tab
from .tabs.registers import EnothiTab, InnovationProgressTab
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
    ("innovation_progress", InnovationProgressTab),
    ("enothi", EnothiTab),
    ("fourir", lambda s: TableTab(list_model(s, "fourir"))),
]
"""Tab keys (i18n keys) in order, and how to build each."""


class MainWindow(QMainWindow):
    """The window over one open office-year."""

    def __init__(self, store: Store, office_year_id: int, read_only: bool = False) -> None:
        super().__init__()
        self.store = store
        self.session = DocumentSession(store, office_year_id, self, read_only=read_only)
        if not read_only:
            store.set_setting(LAST_OFFICE_YEAR, office_year_id)
        self.resize(1366, 740)
        self.session.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.session.changed.connect(lambda _: self.statusBar().showMessage(tr("saved"), 3000))
        self.session.changed.connect(self._retitle)
        self.session.lock_changed.connect(self.update_lock)
        self._build()
        self.outbox_sender = None if read_only else self._start_outbox()

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    def _retitle(self, edits: list[Any] | None = None) -> None:
        """The window's title names the office-year (again after the office is renamed)."""
        if edits is None or any(edit.path[:2] == ("office", "name") or not edit.path for edit in edits):
            oy = self.session.office_year
            self.setWindowTitle(f"{tr('app_title')} — {oy.office.name} {to_bengali_digits(oy.fiscal_year)}")

    def _build(self) -> None:
        self._retitle()
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
        layout.addWidget(self._lock_banner())
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
        self.update_lock()
        self.ensure_tab(self.tabs.currentIndex())

    def _lock_banner(self) -> QWidget:
        """The line under the score panel saying the document is read-only or signed, with the
        button that opens a new revision of a signed one."""
        banner = QWidget(self)
        banner.setObjectName("lock_banner")
        banner.setStyleSheet("#lock_banner { background: #fff2b3; }")
        row = QHBoxLayout(banner)
        row.setContentsMargins(8, 2, 8, 2)
        self.lock_label = QLabel(banner)
        self.lock_label.setObjectName("lock_label")
        self.lock_label.setStyleSheet("font-weight: bold; color: #7a4b00;")
        self.new_revision_button = QPushButton(tr("new_revision"), banner)
        self.new_revision_button.setObjectName("new_revision")
        self.new_revision_button.clicked.connect(self.ask_new_revision)
        row.addWidget(self.lock_label, 1)
        row.addWidget(self.new_revision_button)
        self.lock_banner = banner
        return banner

    def update_lock(self) -> None:
        """Show the banner and disable the editing actions while the document is not editable."""
        session = self.session
        if session.read_only:
            text = tr("read_only_banner")
        elif session.signed:
            number = self.store.revisions(session.office_year_id)[-1].number
            text = tr("signed_banner").replace("{n}", format_number(number, digits()))
        else:
            text = ""
        self.lock_label.setText(text)
        self.lock_banner.setVisible(bool(text))
        self.new_revision_button.setVisible(session.signed and not session.read_only)
        stack = session.undo_stack
        self.undo_action.setEnabled(session.editable and stack.canUndo())
        self.redo_action.setEnabled(session.editable and stack.canRedo())
        self.import_action.setEnabled(not session.read_only)
        if text:
            self.statusBar().showMessage(text)
        else:
            self.statusBar().clearMessage()

    def ask_new_revision(self) -> bool:
        """Ask why the signed version changes (required), then open a new revision to edit."""
        reason, ok = QInputDialog.getText(self, tr("new_revision"), tr("new_revision_reason"))
        if not ok:
            return False
        if not reason.strip():
            QMessageBox.warning(self, tr("new_revision"), tr("reason_required"))
            return False
        return self.open_new_revision(reason)

    def open_new_revision(self, reason: str) -> bool:
        """Open a new revision with ``reason``; afterwards the window is editable again."""
        if not self.session.new_revision(reason):
            return False
        self.statusBar().showMessage(tr("saved"), 3000)
        return True

    def _toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        # fixed texts (not QUndoStack.createUndoAction's "Undo <command>"): a toolbar that changes
        # width on every edit would relayout and repaint the whole window
        stack = self.session.undo_stack
        actions = []
        for key, slot, can, changed, shortcut in (
                ("undo", stack.undo, stack.canUndo, stack.canUndoChanged, QKeySequence.StandardKey.Undo),
                ("redo", stack.redo, stack.canRedo, stack.canRedoChanged, QKeySequence.StandardKey.Redo)):
            action = QAction(tr(key), self, shortcut=shortcut, enabled=can())
            action.triggered.connect(slot)
            changed.connect(lambda possible, a=action: a.setEnabled(possible and self.session.editable))
            bar.addAction(action)
            actions.append(action)
        self.undo_action, self.redo_action = actions
        bar.addSeparator()
        bar.addAction(self.evidence_dock.toggleViewAction())
        self.import_action = bar.addAction(tr("import_json"), self.choose_import)
        bar.addSeparator()
        bar.addAction(tr("export_pdf"), self.open_export_dialog)
        if not self.read_only:  # signing and sending belong to the office, not to HQ's drill-down
            bar.addAction(tr("sign_pdf"), self.open_sign_dialog)
            bar.addAction(tr("send_bundle"), self.open_bundle_dialog)
            bar.addAction(tr("outbox_title"), self.open_outbox)
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

    def open_export_dialog(self) -> ExportDialog:
        dialog = ExportDialog(self.store, self.session.office_year_id, self, can_sign=not self.read_only)
        dialog.signed.connect(lambda _path: self.session.reload())
        dialog.open()
        return dialog

    def open_sign_dialog(self) -> SignDialog:
        dialog = SignDialog(self.store, self.session.office_year_id, self, quarter=self.session.quarter)
        dialog.signed.connect(lambda _path: self.session.reload())  # now locked: the banner shows it
        dialog.open()
        return dialog

    def open_bundle_dialog(self) -> BundleDialog:
        dialog = BundleDialog(self.store, self.session.office_year_id, self)
        if self.outbox_sender is not None:
            dialog.exported.connect(lambda _: self.outbox_sender.send(due_only=False))
        dialog.open()
        return dialog

    def _start_outbox(self) -> OutboxSender:
        """The sender that delivers exported bundles to HQ on its own (ui/outbox.py)."""
        sender = OutboxSender(self.store.path, self)
        sender.changed.connect(lambda: self.statusBar().showMessage(tr("outbox_updated"), 5000))
        sender.start()
        return sender

    def open_outbox(self) -> OutboxPanel:
        assert self.outbox_sender is not None
        panel = OutboxPanel(self.store, self.outbox_sender, self)
        panel.open()
        return panel

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
        if self.outbox_sender is not None:
            self.outbox_sender.stop()
        self.session.undo_stack.clear()
        super().closeEvent(event)
