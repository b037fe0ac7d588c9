"""The outbox in the window: a sender that delivers exported bundles to HQ on its own, and the panel
that shows each bundle's state and the last contact with HQ.

:class:`OutboxSender` runs :func:`apa_desktop.sync.sender.send_queued` on a thread of its own
(with its own database connection) when the window opens, when the operating system reports the
network back (``QNetworkInformation``), every 15 minutes, right after an export and on "এখন পাঠান";
automatic runs send only what is due (backoff) and pause on a metered connection when the setting
says so. It never asks anything itself: refusals are held entries, shown in the panel."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.numerals import format_number
from ..db import Store, open_database
from ..sync.sender import METERED_SETTING, SendReport, link_office, send_queued
from .errors import show_error
from .i18n import tr

INTERVAL_MS = 15 * 60 * 1000
COLUMNS = ("outbox_file", "outbox_state", "outbox_progress", "outbox_attempts", "outbox_next", "outbox_message")


def _metered() -> bool:
    from PySide6.QtNetwork import QNetworkInformation

    info = QNetworkInformation.instance()
    return bool(info is not None and info.isMetered())


def _under_wine() -> bool:
    """True for the Windows build running under Wine (the smoke test), detected as Wine documents:
    its ntdll exports ``wine_get_version``."""
    if sys.platform != "win32":
        return False
    import ctypes

    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except OSError:
        return False


class OutboxSender(QObject):
    """Sends the outbox in the background; ``changed`` after each step, ``progress`` while sending."""

    changed = Signal()
    progress = Signal(str, int, int)
    finished_run = Signal(object)
    """The run's :class:`~apa_desktop.sync.sender.SendReport` (or the error it ended with)."""

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._thread: threading.Thread | None = None
        self._busy = False
        self._stopped = False
        self._again: bool | None = None
        self.last: SendReport | Exception | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(lambda: self.send(due_only=True))
        self.finished_run.connect(self._done)

    def start(self) -> None:
        """Send what is due now, then every 15 minutes and whenever the network comes back."""
        self.timer.start()
        self._watch_network()
        QTimer.singleShot(0, lambda: self.send(due_only=True))

    def _watch_network(self) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if _under_wine():
            return  # Wine's NetworkListManager never answers: loading the backend would hang the window
        if QNetworkInformation.instance() is None and not QNetworkInformation.loadDefaultBackend():
            return  # no backend (e.g. offscreen tests): the timer and the button still send
        info = QNetworkInformation.instance()
        online = QNetworkInformation.Reachability.Online
        info.reachabilityChanged.connect(lambda state: state == online and self.send(due_only=True))

    @property
    def running(self) -> bool:
        """From the start of a run until its end has been handled on the UI thread."""
        return self._busy

    def send(self, due_only: bool = False) -> bool:
        """Start a run (``due_only=False`` for the clerk's "এখন পাঠান"); a request during a run
        starts another run after it. Returns whether a run started now."""
        if self._stopped:
            return False
        if self.running:
            self._again = due_only if self._again is None else (self._again and due_only)
            return False
        metered = _metered() if due_only else False
        self._busy = True
        self._thread = threading.Thread(target=self._run, args=(due_only, metered), daemon=True)
        self._thread.start()
        return True

    def _run(self, due_only: bool, metered: bool) -> None:
        store = open_database(self.db_path)
        try:
            if not store.hq_links():
                self.finished_run.emit(None)
                return
            result: Any = send_queued(store, due_only=due_only, metered=metered,
                                      progress=lambda sha, done, total: self.progress.emit(sha, done, total))
        except Exception as exc:  # noqa: BLE001 - a sender's failure is shown in the panel, never a traceback
            result = exc
        finally:
            store.close()
        self.finished_run.emit(result)

    def _done(self, result: Any) -> None:
        if self._thread is not None:
            self._thread.join()
        self._thread = None
        self._busy = False
        if self._stopped:
            return
        if result is not None:
            self.last = result
        self.changed.emit()
        if self._again is not None:
            due_only, self._again = self._again, None
            self.send(due_only)

    def stop(self) -> None:
        """No more runs (the window closes); a run under way finishes on its own connection."""
        self._stopped = True
        self.timer.stop()
        self._again = None
        if self._thread is not None:
            self._thread.join(60)


def state_text(state: str) -> str:
    return tr(f"outbox_{state}")


class OutboxPanel(QDialog):
    """Each bundle's state (queued, sending with a progress bar, delivered, held, accepted, evaluated,
    returned with HQ's comment), the last contact with HQ, "এখন পাঠান", linking once, the metered setting."""

    def __init__(self, store: Store, sender: OutboxSender, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.sender = store, sender
        self.setWindowTitle(tr("outbox_title"))
        self.resize(900, 360)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.contact = QLabel()
        self.send_button = QPushButton(tr("outbox_send_now"))
        self.send_button.clicked.connect(lambda: self.sender.send(due_only=False))
        self.link_button = QPushButton(tr("outbox_link"))
        self.link_button.clicked.connect(self.choose_link)
        self.metered = QCheckBox(tr("outbox_metered"))
        self.metered.setChecked(bool(store.get_setting(METERED_SETTING, True)))
        self.metered.toggled.connect(lambda on: self.store.set_setting(METERED_SETTING, on))
        buttons = QHBoxLayout()
        for widget in (self.send_button, self.link_button, self.metered):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.contact)
        layout.addWidget(self.table, 1)
        self.bar = QProgressBar()
        self.bar.setFormat(tr("outbox_sending") + " %p%")
        self.bar.hide()
        layout.addWidget(self.bar)
        layout.addLayout(buttons)
        sender.changed.connect(self.refresh)
        sender.progress.connect(self._progress)
        self.refresh()

    def refresh(self) -> None:
        entries = self.store.outbox()
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            message = e.hq_comment if e.answer else e.last_message
            next_attempt = (e.next_attempt_at or "-") if e.shown_state == "queued" else "-"
            done = e.total_chunks if e.state == "delivered" or e.answer else e.sent_chunks
            progress = f"{format_number(100 * done // e.total_chunks, 'bn')}%" if e.total_chunks else "-"
            for column, text in ((0, e.file_name), (1, state_text(e.shown_state)), (2, progress),
                                 (3, format_number(e.attempts, "bn")), (4, next_attempt), (5, message)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.bar.setVisible(self.sender.running)
        self.contact.setText(self._contact_text())

    def _contact_text(self) -> str:
        links = self.store.hq_links()
        if not links:
            return tr("outbox_not_linked")
        lines = []
        for link in links:
            contact = self.store.get_setting(f"hq_last_contact:{link.office_id}") or tr("outbox_never")
            lines.append(f"{tr('outbox_last_contact')} ({link.office_id}, {link.url}): {contact}")
        last = self.sender.last
        if isinstance(last, UserError):
            lines.append(last.message())
        elif isinstance(last, Exception):
            lines.append(str(last))
        return "\n".join(lines)

    def _progress(self, sha256: str, done: int, total: int) -> None:
        """The bundle being sent: its row says so, the bar shows how far."""
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(done)
        self.bar.show()
        row = next((r for r, e in enumerate(self.store.outbox()) if e.sha256 == sha256), None)
        if row is not None and self.table.item(row, 1) is not None:
            self.table.item(row, 1).setText(state_text("sending"))
            self.table.item(row, 2).setText(f"{format_number(100 * done // max(1, total), 'bn')}%")

    def choose_link(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("outbox_link"), "", "APA link (*.apalink)")
        if name:
            self.link(Path(name))

    def link(self, path: Path) -> bool:
        """Take HQ's link file in, then send."""
        try:
            link_office(self.store, path.read_bytes())
        except (UserError, OSError) as exc:
            show_error(self, exc if isinstance(exc, UserError) else UserError(
                "ফাইলটি পড়া যায়নি", f"The file cannot be read: {exc}", str(path)))
            return False
        self.refresh()
        self.sender.send(due_only=False)
        return True

