"""The year's end in the HQ window: "who is late" as the first view, the consolidated table
second, the results third, and the evaluation screen opened from the results. The HQ window
calls :func:`year_end_tabs` once with its own central widget."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget

from .hq_evaluation import EvaluationScreen
from .hq_late import LateView
from .hq_results import ResultsView
from .i18n import tr


def year_end_tabs(window: Any, consolidated: QWidget) -> QTabWidget:
    tabs = QTabWidget(window)
    tabs.setObjectName("hq_tabs")
    window.late_view = LateView(window.hq, tabs)
    window.results_view = ResultsView(window.hq, tabs)
    window.results_view.evaluate.connect(lambda office, year: open_evaluation(window, office, year))
    tabs.addTab(window.late_view, tr("hq_late_tab"))
    tabs.addTab(consolidated, tr("hq_table_tab"))
    tabs.addTab(window.results_view, tr("hq_results_tab"))
    tabs.currentChanged.connect(lambda i: tabs.widget(i).refresh() if hasattr(tabs.widget(i), "refresh") else None)
    return tabs


def open_evaluation(window: Any, office_id: str, fiscal_year: str) -> EvaluationScreen:
    """The evaluation screen with the office's own tabs, read-only, on its left."""
    from ..hq.consolidate import load_document
    from .hq_drilldown import temporary_store
    from .main_window import MainWindow

    store, office_year_id, folder = temporary_store(window.hq, load_document(window.hq, office_id, fiscal_year))
    office_view = MainWindow(store, office_year_id, read_only=True)
    office_view.setWindowFlags(Qt.WindowType.Widget)
    office_view.tab("section3")
    screen = EvaluationScreen(window.hq, office_id, fiscal_year, window.ask_receipts, office_view)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen.destroyed.connect(lambda _=None: (store.close(), folder.cleanup()))
    screen.setWindowFlag(Qt.WindowType.Window)
    window.evaluation_screen = screen
    screen.show()
    return screen
