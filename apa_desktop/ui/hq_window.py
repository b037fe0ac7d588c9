"""The headquarters window: the consolidated table with conflicts marked (searchable by office,
filtered by year and status, sorted by any column), the open conflicts and
score breakdown of the selected office-year, deciding a conflict (keep HQ's data or take the
incoming bundle's, after a confirmation and with the deciding person's name), answering an
office (accepted, or returned with a comment, as a signed receipt), a read-only
drill-down that opens the office's document in the same tabs and score panel the office uses
(``MainWindow(read_only=True)``), importing bundle files or folders (off the UI thread, one
summary line per file, optionally writing signed receipts with HQ's key, asked for once per
session) and exporting the rows shown as CSV/XLSX. HQ's data change only through the core functions
of ``apa_desktop.hq`` (importer, conflicts).

The drill-down loads HQ's stored interchange document (and its evidence files) into a throw-away
office database in a temporary folder, removed when the drill-down window closes."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.numerals import format_number, to_bengali_digits
from ..core.scoring import format_breakdown, score_office_year
from ..db import Store
from ..export.bundle_signing import OfficeKey, SigningKeyError, load_office_key
from ..hq.conflicts import Conflict, ConflictError, open_conflicts, resolve_conflict
from ..hq.consolidate import STATUSES, consolidated_rows, drill_down, export_table, load_document
from ..hq.importer import LABELS, Importer, ImportOutcome, expand_sources, one_import_at_a_time
from ..hq.receipts import receipt_for_outcome
from ..hq.review import ReviewError, review
from ..hq.store import HqStore
from .errors import error_text
from .hq_drilldown import temporary_store
from .hq_table import ConsolidatedFilter, ConsolidatedModel
from .hq_year_end import year_end_tabs
from .i18n import tr
from .workers import Job, Report, run_in_background


@dataclass(frozen=True)
class ReceiptSigning:
    """HQ's key and the folder receipts go to, asked for once per session."""

    key: OfficeKey
    out_dir: Path


@dataclass
class DrillDown:
    """One open drill-down: the window, and the temporary office database behind it."""

    window: QMainWindow
    store: Store
    folder: tempfile.TemporaryDirectory

    def close(self) -> None:
        self.store.close()
        self.folder.cleanup()


def import_files(hq: HqStore, sources: list[Path], report: Report,
                 receipts: ReceiptSigning | None = None) -> list[ImportOutcome]:
    """Import bundle files (folders expanded) one after the other on this thread's own connection
    (a store reopened from ``hq``), writing a signed receipt per bundle when ``receipts`` is given;
    stops between files when cancelled."""
    files = expand_sources(sources)
    store = hq.reopen()
    try:
        importer = Importer(store)
        outcomes = []
        with one_import_at_a_time(store):  # a command-line import at the same time: wait for it
            for done, path in enumerate(files):
                if not report(done, len(files)):
                    break
                outcomes.append(importer.import_source(path, str(path)))
                if receipts is not None:
                    receipt_for_outcome(receipts.key, outcomes[-1], receipts.out_dir)
        report(len(files), len(files))
        return outcomes
    finally:
        store.close()


def summary_text(outcomes: list[ImportOutcome]) -> str:
    """The import's summary: counts per outcome, then one line per file."""
    counts = {label: sum(1 for o in outcomes if o.status == status) for status, label in LABELS.items()}
    head = ", ".join(f"{label} {format_number(count, 'bn')}" for label, count in counts.items() if count)
    return "\n".join([f"{tr('hq_imported')}: {head}", "", *(o.line() for o in outcomes)])


class HqWindow(QMainWindow):
    """Every office-year HQ holds; selecting a row shows its conflicts and breakdown, opening it
    shows the document read-only."""

    finished_work = Signal()

    def __init__(self, hq: HqStore) -> None:
        super().__init__()
        self.hq = hq
        self.job: Job | None = None
        self.receipts: ReceiptSigning | None = None
        self.drill_downs: dict[tuple[str, str], DrillDown] = {}
        self.setWindowTitle(tr("hq_title"))
        self.resize(1200, 720)
        self.model = ConsolidatedModel(self)
        self.proxy = ConsolidatedFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the database's order until a header is clicked
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("hq_search"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda _: self._filter(fiscal_year=self.year.currentData()))
        self.status = QComboBox()
        self.status.addItem(tr("hq_all_statuses"), None)
        for status in STATUSES:
            self.status.addItem(tr(f"status_{status}"), status)
        self.status.currentIndexChanged.connect(lambda _: self._filter(status=self.status.currentData()))
        self.open_button = QPushButton(tr("hq_open"))
        self.open_button.clicked.connect(lambda: self.open_row(self.table.currentIndex().row()))
        self.accept_button = QPushButton(tr("hq_review_accept"))
        self.accept_button.clicked.connect(lambda: self.review_selected("accepted"))
        self.return_button = QPushButton(tr("hq_review_return"))
        self.return_button.clicked.connect(lambda: self.review_selected("returned"))
        self.conflicts = QLabel()
        self.conflicts.setWordWrap(True)
        self.conflicts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflict_list = QListWidget()
        self.conflict_list.setMaximumHeight(90)
        self.keep_current_button = QPushButton(tr("hq_keep_current"))
        self.keep_current_button.clicked.connect(lambda: self.decide("current"))
        self.take_incoming_button = QPushButton(tr("hq_take_incoming"))
        self.take_incoming_button.clicked.connect(lambda: self.decide("incoming"))
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.setCentralWidget(year_end_tabs(self, self._layout()))
        self._toolbar()
        self.refresh()

    def _toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("hq_toolbar")
        bar.setMovable(False)
        bar.addAction(tr("hq_import_files"), self.choose_files)
        bar.addAction(tr("hq_import_folder"), self.choose_folder)
        bar.addAction(tr("hq_export_table"), self.choose_export)
        self.receipts_action = bar.addAction(tr("hq_receipts"))
        self.receipts_action.setCheckable(True)
        self.addToolBar(bar)

    def _layout(self) -> QWidget:
        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        for button in (self.open_button, self.accept_button, self.return_button):
            actions.addWidget(button)
        actions.addStretch(1)
        column.addLayout(actions)
        column.addWidget(self.conflicts)
        column.addWidget(self.conflict_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_current_button)
        buttons.addWidget(self.take_incoming_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.detail, 1)
        upper = QWidget()
        rows = QVBoxLayout(upper)
        rows.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.year)
        filters.addWidget(self.status)
        rows.addLayout(filters)
        rows.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        return splitter

    def refresh(self) -> None:
        """Read the consolidated table again (after an import or a decision); filters and the
        chosen sort stay."""
        self.rows = consolidated_rows(self.hq)
        self.model.set_rows(self.rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        years = sorted({row["fiscal_year"] for row in self.rows}, reverse=True)
        chosen = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(tr("hq_all_years"), None)
        for year in years:
            self.year.addItem(to_bengali_digits(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(chosen)))
        self.year.blockSignals(False)
        self._filter(fiscal_year=self.year.currentData())
        self.table.resizeColumnsToContents()

    def _filter(self, **change: Any) -> None:
        self.proxy.set_filter(**change)
        self._update_status()

    def _update_status(self) -> None:
        conflicts = sum(1 for row in self.rows if row["status"] == "conflict")
        shown = self.proxy.rowCount()
        text = f"{format_number(len(self.rows), 'bn')} {tr('hq_rows')}, {format_number(conflicts, 'bn')} {tr('hq_conflicts')}"
        if shown != len(self.rows):
            text += f" — {tr('hq_shown')} {format_number(shown, 'bn')}"
        self.statusBar().showMessage(text)

    def row_at(self, view_row: int) -> dict[str, Any] | None:
        """The consolidated row the table shows at ``view_row``."""
        return self.proxy.row_at(view_row)

    def _show_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        row = self.row_at(selected[0].row()) if selected else None
        if row is not None:
            self.show_office_year(row["office_id"], row["fiscal_year"])

    def show_office_year(self, office_id: str, fiscal_year: str) -> None:
        """Show the office-year's open conflicts and its score breakdown below the table."""
        detail = drill_down(self.hq, office_id, fiscal_year)
        office_year = load_document(self.hq, office_id, fiscal_year)
        self._list_conflicts(open_conflicts(self.hq, office_id, fiscal_year))
        if detail is None or office_year is None:
            self.conflicts.setText("")
            self.detail.setPlainText("")
            return
        self.conflicts.setText(self._conflict_text(detail["conflicts"]))
        self.conflicts.setStyleSheet("color: #a00000; font-weight: bold;" if detail["conflicts"] else "")
        breakdown = score_office_year(office_year, office_year.report_quarter)
        header = f"{office_year.office.name} ({office_id}) — {to_bengali_digits(fiscal_year)}\n\n"
        self.detail.setPlainText(header + format_breakdown(breakdown, digits="bn"))

    @staticmethod
    def _conflict_text(conflicts: list[dict[str, Any]]) -> str:
        if not conflicts:
            return tr("hq_no_conflict")
        lines = [f"{tr('status_conflict')} ({format_number(len(conflicts), 'bn')}): {tr('hq_conflict_help')}"]
        lines += [f"• {c['kind']}: {c['detail']} — {c['detected_at']} — {c['incoming_sha256'][:16]}…"
                  for c in conflicts]
        return "\n".join(lines)

    def _list_conflicts(self, conflicts: list[Conflict]) -> None:
        self.conflict_list.clear()
        for conflict in conflicts:
            text = f"#{conflict.id} {conflict.kind}: {conflict.detail} — {conflict.incoming_sha256[:16]}…"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, conflict.id)
            self.conflict_list.addItem(item)
        if conflicts:
            self.conflict_list.setCurrentRow(0)
        for widget in (self.conflict_list, self.keep_current_button, self.take_incoming_button):
            widget.setEnabled(bool(conflicts))

    def selected_conflict(self) -> int | None:
        item = self.conflict_list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def decide(self, keep: str) -> bool:
        """Decide the selected conflict after asking the deciding person's name (required) and a
        confirmation; returns whether it was decided."""
        conflict_id = self.selected_conflict()
        if conflict_id is None:
            return False
        question = tr("hq_confirm_current" if keep == "current" else "hq_confirm_incoming")
        name, ok = QInputDialog.getText(self, tr("hq_decide"), f"{question}\n\n{tr('hq_decided_by')}")
        if not ok:
            return False
        if not name.strip():
            self.statusBar().showMessage(tr("hq_name_required"))
            return False
        confirmation = f"#{conflict_id}: {question}\n{tr('hq_decided_by')} {name}"
        answer = QMessageBox.question(self, tr("hq_decide"), confirmation)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self.apply_decision(conflict_id, keep, name)

    def apply_decision(self, conflict_id: int, keep: str, name: str) -> bool:
        try:
            conflict = resolve_conflict(self.hq, conflict_id, keep, name)
        except ConflictError as exc:
            self.statusBar().showMessage(f"{tr('hq_decide_failed')}: {exc}")
            return False
        self.refresh()
        self.show_office_year(conflict.office_id, conflict.fiscal_year)
        self.statusBar().showMessage(
            f"{tr('hq_decided')}: #{conflict.id} ({conflict.resolution}, {conflict.decided_by})")
        return True

    def review_selected(self, decision: str) -> Path | None:
        """Answer the selected office-year's office: accepted, or returned with a comment (asked
        for, with the reviewer's name); the signed receipt goes to the receipt folder."""
        selected = self.table.selectionModel().selectedRows()
        row = self.row_at(selected[0].row()) if selected else None
        if row is None:
            self.statusBar().showMessage(tr("hq_select_row"))
            return None
        comment = ""
        if decision == "returned":
            comment, ok = QInputDialog.getMultiLineText(self, tr("hq_review_return"), tr("hq_review_comment"))
            if not ok:
                return None
        name, ok = QInputDialog.getText(self, tr("hq_review"), tr("hq_decided_by"))
        if not ok:
            return None
        receipts = self.ask_receipts()
        if receipts is None:
            return None
        try:
            path = review(self.hq, receipts.key, row["office_id"], row["fiscal_year"], decision, comment, name,
                          receipts.out_dir)
        except ReviewError as exc:
            self.statusBar().showMessage(f"{tr('hq_review')}: {error_text(exc)}")
            return None
        self.statusBar().showMessage(f"{tr('hq_receipts_written')}: {path}")
        return path

    def open_row(self, view_row: int) -> QMainWindow | None:
        row = self.row_at(view_row)
        return None if row is None else self.open_office_year(row["office_id"], row["fiscal_year"])

    def open_office_year(self, office_id: str, fiscal_year: str) -> QMainWindow | None:
        """Open (or raise) the read-only drill-down: the office's own tabs and score panel, scored
        for the quarter the office reported, as in the consolidated table."""
        from .main_window import MainWindow

        key = (office_id, fiscal_year)
        if key in self.drill_downs:
            self.drill_downs[key].window.raise_()
            return self.drill_downs[key].window
        office_year = load_document(self.hq, office_id, fiscal_year)
        if office_year is None:
            return None
        store, office_year_id, folder = temporary_store(self.hq, office_year)
        window = MainWindow(store, office_year_id, read_only=True)
        window.setWindowTitle(f"{window.windowTitle()} — {tr('hq_title')} ({tr('hq_read_only')})")
        quarter = window.score_panel.quarter
        quarter.setCurrentIndex(max(0, quarter.findData(office_year.report_quarter)))
        window.tab("section3")  # the scored plan first
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda _=None, k=key: self._closed(k))
        self.drill_downs[key] = DrillDown(window, store, folder)
        window.show()
        return window

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, tr("hq_import_files"), "", "APA bundle (*.apabundle)")
        if names:
            self.import_bundles([Path(name) for name in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, tr("hq_import_folder"))
        if name:
            self.import_bundles([Path(name)])

    def ask_receipts(self) -> ReceiptSigning | None:
        """HQ's .p12, passphrase and receipt folder, asked for once per session when receipts are
        wanted; ``None`` when cancelled or the key does not open."""
        if self.receipts is not None:
            return self.receipts
        p12, _ = QFileDialog.getOpenFileName(self, tr("key_file"), "", "PKCS#12 (*.p12 *.pfx)")
        if not p12:
            return None
        passphrase, ok = QInputDialog.getText(self, tr("key_file"), tr("passphrase"), QLineEdit.EchoMode.Password)
        if not ok:
            return None
        folder = QFileDialog.getExistingDirectory(self, tr("hq_receipts_folder"))
        if not folder:
            return None
        try:
            key = load_office_key(Path(p12).read_bytes(), passphrase)
        except (SigningKeyError, OSError) as exc:
            self.statusBar().showMessage(f"{tr('hq_receipts')}: {exc}")
            return None
        self.receipts = ReceiptSigning(key, Path(folder))
        return self.receipts

    def import_bundles(self, sources: list[Path]) -> Job | None:
        """Import files and folders off the UI thread (with receipts when the toolbar asks for
        them); the summary shows below the table."""
        receipts = None
        if self.receipts_action.isChecked():
            receipts = self.ask_receipts()
            if receipts is None:
                return None

        def done(outcomes: list[ImportOutcome] | None, error: Exception | None) -> None:
            if error is not None:
                self.detail.setPlainText(f"{tr('hq_imported')}: {error_text(error)}")
            else:
                self.detail.setPlainText(tr("cancelled") if outcomes is None else summary_text(outcomes))
                if outcomes is not None and receipts is not None:
                    self.detail.appendPlainText(f"\n{tr('hq_receipts_written')}: {receipts.out_dir}")
            self.refresh()
            self.finished_work.emit()

        self.job = run_in_background(self, tr("working"),
                                     lambda report: import_files(self.hq, sources, report, receipts), done)
        return self.job

    def choose_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, tr("hq_export_table"), "apa-consolidated.xlsx",
                                              "Excel (*.xlsx);;CSV (*.csv)")
        if name:
            self.export_table(Path(name))

    def export_table(self, out: Path) -> None:
        """Write the rows the table shows (filtered and sorted as shown) to CSV or XLSX."""
        try:
            count = export_table(self.hq, out, self.proxy.shown_rows())
        except (ValueError, OSError) as exc:
            self.statusBar().showMessage(f"{tr('hq_export_failed')}: {exc}")
            return
        self.statusBar().showMessage(f"{tr('hq_exported')}: {out} ({format_number(count, 'bn')} {tr('hq_rows')})")

    def _closed(self, key: tuple[str, str]) -> None:
        drill = self.drill_downs.pop(key, None)
        if drill is not None:
            drill.close()

    def closeEvent(self, event: Any) -> None:
        for drill in list(self.drill_downs.values()):
            drill.window.close()
        super().closeEvent(event)

