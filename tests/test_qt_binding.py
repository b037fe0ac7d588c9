"""The Qt binding must not corrupt the interpreter: PySide6 6.12.0 on Python 3.11 dropped a
reference to None on every Qt call returning nothing, and the app aborted after a few dozen edits
('Fatal Python error: none_dealloc'). pyproject pins a release without the bug; this keeps it so."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    changed = Signal(int)


def test_qt_calls_keep_the_reference_counts_of_none_and_true(qapp):
    label, emitter = QLabel(), _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        label.setText("ক")
        label.resize(10, 10)
        emitter.changed.emit(1)
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
