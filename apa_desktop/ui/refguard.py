"""A guard against the reference leak of PySide6 6.12 on Python 3.11.

With shiboken6 6.12 every call of a Qt method returning void from Python drops one reference of
``None`` (and ``SignalInstance.emit`` one of ``True``). On Python 3.12+ these objects are
immortal and nothing happens; on 3.11 the interpreter aborts ("Fatal Python error: none_dealloc")
after a few thousand such calls, that is after some dozens of edits. The guard, installed only
when a probe at start shows the leak, tops the counts up once a second. Remove it when the
application requires Python 3.12 or a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

FLOOR = 1_000_000
"""Keep each count above this: far more than the Qt calls made in one second."""


def leaks() -> bool:
    """Whether void Qt calls drop references of None in this PySide6/Python."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(16):
        label.setText("")
    return sys.getrefcount(None) < before - 8


def top_up() -> None:
    """Raise the counts of None, True and False back above :data:`FLOOR` (CPython: ``ob_refcnt``
    is the first field of every object)."""
    for obj in (None, True, False):
        if sys.getrefcount(obj) < FLOOR:
            ctypes.c_ssize_t.from_address(id(obj)).value += FLOOR


def install(parent: QObject) -> QTimer | None:
    """Top the counts up now and every second (only where the leak exists); the timer or None."""
    if sys.version_info >= (3, 12) or not leaks():
        return None
    top_up()
    timer = QTimer(parent)
    timer.timeout.connect(top_up)
    timer.start(1000)
    return timer
