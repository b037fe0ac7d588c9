"""The main window: one tab per part of the office-year, the score panel always on top, the
evidence panel at the side, undo/redo, and the Bengali/English switch.

Tabs are built when first shown, so the window is interactive quickly even on a full APA."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.model import OfficeYear
from ..core.numerals import format_number, to_bengali_digits
from ..core.progress import part_of
from ..core.templates import Template
from ..db import Store
from ..db.templates import TemplateStore
from ..export.interchange_file import parse_office_year_json
from . import i18n
from .bundle_dialog import BundleDialog
from .document import DocumentSession
from .errors import message_for
from .evidence import EvidencePanel
from .export_dialog import ExportDialog
from .home_tab import HomeTab, reminder_text
from .i18n import tr
from .models.cells import digits
from .models.list_models import list_model
from .models.nis_model import NisModel
from .models.plan_model import PlanModel
from .nis_heading import with_heading
from .office_years import add_office_year_menu
from .outbox import OutboxPanel, OutboxSender
from .rebase_dialog import RebaseDialog
from .score_panel import ScorePanel
from .sign_dialog import SignDialog
from .tabs.forms import cover_tab, overview_tab, section1_tab
from .tabs.registers import EnothiTab, InnovationProgressTab
from .tabs.table_tab import TableTab
from .template_banner import TemplateBanner
from .workers import Job, Report, run_in_background

LAST_OFFICE_YEAR = "ui.last_office_year"

TabFactory = Callable[[DocumentSession], QWidget]

TABS: list[tuple[str, TabFactory]] = [
    ("home", HomeTab),
    ("cover", cover_tab),
    ("overview", overview_tab),
    ("section1", section1_tab),
    ("section2", lambda s: TableTab(list_model(s, "section2"))),
    ("section3", lambda s: TableTab(PlanModel(s, ("section3",)))),
    ("annex1", lambda s: TableTab(list_model(s, "annex1"))),
    ("annex2", lambda s: TableTab(list_model(s, "annex2"))),
    ("annex3", lambda s: TableTab(list_model(s, "annex3"))),
    ("nis", lambda s: with_heading(TableTab(NisModel(s)), s)),
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
        self._attach(office_year_id, read_only)
        self.resize(1366, 740)
        self._build()
        self._remind_once()
        self.outbox_sender = None if read_only else self._start_outbox()

    def _attach(self, office_year_id: int, read_only: bool = False) -> None:
        """Open ``office_year_id`` in a new session (remembered for the next start)."""
        self.session = DocumentSession(self.store, office_year_id, self, read_only=read_only)
        if not read_only:
            self.store.set_setting(LAST_OFFICE_YEAR, office_year_id)
        self.session.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.session.changed.connect(lambda _: self.statusBar().showMessage(tr("saved"), 3000))
        self.session.changed.connect(self._retitle)
        self.session.changed.connect(  # a re-base (or its undo) sets a whole part
            lambda edits: any(len(e.path) <= 2 for e in edits) and self.update_templates())
        self.session.lock_changed.connect(self.update_lock)

    def open_office_year(self, office_year_id: int) -> None:
        """Switch the window to another office-year, without a restart."""
        old = self.session
        old.undo_stack.clear()
        self._attach(office_year_id, self.read_only)
        old.deleteLater()
        self._rebuild()

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
        layout.addWidget(self._template_banner())
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._legend())
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
        self._office_year_menu()
        self._name_office_year_in_score_bar()
        self.update_lock()
        self.update_templates()
        self.ensure_tab(self.tabs.currentIndex())

    def _legend(self) -> QWidget:
        """The colour legend under the tabs (what a cell's background means)."""
        from .legend import ColourLegend

        self.legend = ColourLegend(self)
        return self.legend

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

    def _template_banner(self) -> QWidget:
        self.template_banner = TemplateBanner(self.open_rebase_dialog, self)
        return self.template_banner

    def update_templates(self) -> None:
        """Show which parts use a carried-over or partial template, or have a newer one."""
        self.template_banner.update_for(self.session.office_year, TemplateStore(self.store).catalogue(
            self.session.office_year.office.id))

    def open_rebase_dialog(self, template: Template) -> RebaseDialog:
        dialog = RebaseDialog(self.session, template, self)
        self.rebase_dialog = dialog
        dialog.open()
        return dialog

    def _office_year_menu(self) -> None:
        self.menuBar().clear()
        if not self.read_only:
            add_office_year_menu(self)

    def _name_office_year_in_score_bar(self) -> None:
        """The score bar starts with the office-year it scores."""
        oy = self.session.office_year
        label = QLabel(f"{oy.office.name} — {to_bengali_digits(oy.fiscal_year)}", self.score_panel)
        label.setObjectName("score_office_year")
        label.setStyleSheet("font-weight: bold;")
        self.score_panel.layout().insertWidget(0, label)

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
        self.import_part_action.setEnabled(session.editable)
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
        self.import_part_action = bar.addAction(tr("import_part_title"), self.open_import_part)
        bar.addSeparator()
        bar.addAction(tr("export_pdf"), self.open_export_dialog)
        if not self.read_only:  # signing and sending belong to the office, not to HQ's drill-down
            bar.addAction(tr("sign_pdf"), self.open_sign_dialog)
            bar.addAction(tr("send_bundle"), self.open_bundle_dialog)
            bar.addAction(tr("outbox_title"), self.open_outbox)
        if not self.read_only:
            self.user_action = bar.addAction(tr("user_menu"), self.open_user_dialog)
        switch = QAction(tr("english"), self)
        switch.triggered.connect(self.switch_language)
        bar.addAction(switch)
        self.addToolBar(bar)
        self.toolbar = bar

    def open_import_part(self) -> None:
        """One part of the plan read from a document's text, previewed, stored on confirm."""
        from .import_dialog import ImportPartDialog

        ImportPartDialog(self.session, self).exec()

    def open_user_dialog(self) -> None:
        """Change the name and post written into the audit with each change."""
        from .user_dialog import UserDialog

        UserDialog(self.store, self).exec()

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
            if isinstance(widget, HomeTab):
                widget.go_to.connect(self.go_to_row)
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

    def go_to_row(self, path: tuple) -> None:
        """Show the tab holding the row at ``path`` (a missing-evidence click) and select the row."""
        widget = self.tab(part_of(path))
        if isinstance(widget, TableTab):
            for i, row in enumerate(widget.model.rows):
                if tuple(row.path) == tuple(path):
                    widget.view.setCurrentIndex(widget.model.index(i, 0))
                    widget.view.setFocus()
                    return

    def _remind_once(self) -> None:
        """At start, say once that a report is due within 14 days and not sent."""
        text = None if self.read_only else reminder_text(self.session)
        self.reminder = None
        if text:
            self.reminder = QMessageBox(QMessageBox.Icon.Information, tr("home"), text, parent=self)
            self.reminder.setObjectName("deadline_reminder")
            self.reminder.open()

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
        sender.changed.connect(self._refresh_home)
        sender.start()
        return sender

    def _refresh_home(self) -> None:
        """HQ's answer or the superior's evaluation may have come back: the home tab shows it (a
        hidden one refreshes when it is shown)."""
        home = self.built.get(0)
        if isinstance(home, HomeTab) and home.isVisible():
            home.refresh()

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
            office_year = parse_office_year_json(data, file.name)  # schema and core validation first
            report(2, 2)
            return office_year

        def done(office_year: OfficeYear | None, error: Exception | None) -> None:
            if error is not None:
                self.statusBar().showMessage(message_for(error), 10000)
                return
            if office_year is None:
                return
            try:
                self.store.replace_document(self.session.office_year_id, office_year, self.session.user,
                                            reason=f"import {file.name}")
            except Exception as exc:  # noqa: BLE001 - InvalidRequest: another office-year's document
                self.statusBar().showMessage(message_for(exc), 10000)
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
