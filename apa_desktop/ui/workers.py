"""Long work (imports, later exports) off the UI thread, with a progress bar and a Cancel button.

The work is a function ``work(report)`` where ``report(done, total)`` updates the bar and returns
False once the clerk pressed Cancel (the work should then stop and return None). Database writes
stay on the UI thread: the work returns a result, ``on_done`` applies it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .i18n import tr

Report = Callable[[int, int], bool]


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object, object)
    """(result, error)"""

    def __init__(self, work: Callable[[Report], Any]) -> None:
        super().__init__()
        self._work = work
        self.cancel_event = threading.Event()

    def run(self) -> None:
        def report(done: int, total: int) -> bool:
            self.progress.emit(done, total)
            return not self.cancel_event.is_set()

        try:
            result = self._work(report)
        except Exception as exc:  # noqa: BLE001 - handed to the UI thread to show
            self.finished.emit(None, exc)
            return
        self.finished.emit(None if self.cancel_event.is_set() else result, None)


class Job(QObject):
    """One piece of long work with its progress dialog; keep a reference until ``done``."""

    done = Signal(object, object)

    def __init__(self, parent: QWidget, label: str, work: Callable[[Report], Any]) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(label, tr("cancel"), 0, 0, parent)
        self.dialog.setMinimumDuration(300)
        self._thread = QThread(self)  # not self.thread: that would hide QObject.thread()
        self.worker = _Worker(work)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.dialog.canceled.connect(self.worker.cancel_event.set)

    def start(self) -> None:
        self._thread.start()

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finished(self, result: Any, error: Any) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.done.emit(result, error)


def run_in_background(parent: QWidget, label: str, work: Callable[[Report], Any],
                      on_done: Callable[[Any, Exception | None], None]) -> Job:
    """Start ``work`` on a thread; ``on_done(result, error)`` runs on the UI thread (result None if cancelled)."""
    job = Job(parent, label, work)
    job.done.connect(on_done)
    job.start()
    return job
