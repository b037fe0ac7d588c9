"""The guard that keeps PySide6 6.12's lost references of None/True from aborting the app."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QLabel  # noqa: E402

from apa_desktop.ui import refguard  # noqa: E402


def test_many_void_qt_calls_after_the_guard_leave_none_alive(qtbot):
    refguard.top_up()
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(20_000):  # more than the references None has at start without the guard
        label.setText("")
    assert sys.getrefcount(None) > 1000


def test_the_guard_tops_up_only_where_the_leak_exists(qtbot):
    timer = refguard.install(QLabel())
    if sys.version_info >= (3, 12):
        assert timer is None
    else:
        assert (timer is not None) == refguard.leaks()
