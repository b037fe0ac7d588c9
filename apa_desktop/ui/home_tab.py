"""The office's home tab, "এক নজরে" (at a glance), first in the window: the year's deadlines on
a timeline with today marked, the next deadline and the days left (red when past), each
quarter's state, the score by part per quarter so far, progress against what is due, and the
missing evidence per part (a click goes to the row), and once the superior's evaluation came
back, reported beside evaluated with the notes. Everything shown is computed by
core.progress; ``today`` is a module function so tests can fix the date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import calendar, progress
from ..core.calendar import calendar_events, day_of, fiscal_year_bounds
from ..core.charts import score_by_part
from ..core.numerals import format_code, format_date, format_number, format_percent
from ..core.scoring import score_office_year
from ..db.year_facts import year_facts
from . import i18n
from .charts import ChartWidget
from .evaluation_view import EvaluationView, part_name
from .i18n import tr
from .models.cells import digits, resolve


def today() -> date:
    """The date the tab is computed for: the application's today (APA_TODAY when set); tests replace it."""
    return calendar.today()


def days_text(days: int) -> str:
    d = digits()
    if days < 0:
        return tr("days_past").replace("{n}", format_number(-days, d))
    return tr("days_left").replace("{n}", format_number(days, d))


def deadline_text(deadline: progress.Deadline | None) -> str:
    if deadline is None:
        return tr("no_deadline_left")
    title = deadline.event.title_bn if i18n.language() == "bn" else deadline.event.title_en
    return f"{tr('next_deadline')}: {format_date(deadline.event.date, digits())} — {title} ({days_text(deadline.days_left)})"


def state_cells(state: progress.QuarterState) -> list[str]:
    """One quarter's row of the state table (in HOME_COLUMNS order)."""
    d = digits()
    entered = (f"{format_number(state.entered, d)}/{format_number(state.rows, d)} "
               f"({format_percent(round(100 * state.entered_share), d)})")
    sent = "-" if state.sent_at is None else format_date(day_of(state.sent_at), d)
    if state.late:
        sent += f" ({tr('late')})"
    return [f"{tr('q')} {format_number(state.quarter, d)}", format_date(state.deadline, d), entered,
            tr("yes") if state.signed else tr("no"), sent, tr(f"answer_{state.answer}") if state.answer else "-"]


HOME_COLUMNS = ("quarter", "deadline", "entered", "signed_col", "sent_col", "hq_answer")


class Timeline(QWidget):
    """The year's dates on a line, today marked in red."""

    def __init__(self, fiscal_year: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fiscal_year = fiscal_year
        self.today = today()
        self.setMinimumHeight(74)

    def paintEvent(self, event: Any) -> None:
        events = calendar_events(self.fiscal_year)
        first = min(events[0].date, fiscal_year_bounds(self.fiscal_year)[0])
        last = events[-1].date
        span = max(1, (last - first).days)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, y = self.width() - 40, 30

        def x_of(d: date) -> float:
            return 20 + width * min(1.0, max(0.0, (d - first).days / span))

        painter.setPen(QPen(QColor("#555555"), 2))
        painter.drawLine(20, y, 20 + width, y)
        line = painter.fontMetrics().height()
        for i, ev in enumerate(events):
            x = x_of(ev.date)
            painter.setBrush(QColor("#1565c0"))
            painter.drawEllipse(QRectF(x - 4, y - 4, 8, 8))
            label = format_date(ev.date, digits())[:5]
            painter.drawText(QRectF(x - 40, y + 6 + (i % 2) * line, 80, line), Qt.AlignmentFlag.AlignCenter, label)
        if first <= self.today <= last:
            x = x_of(self.today)
            painter.setPen(QPen(QColor("#c62828"), 2))
            painter.drawLine(int(x), y - 18, int(x), y + 6)
            painter.drawText(QRectF(x - 40, 0, 80, line), Qt.AlignmentFlag.AlignCenter, tr("today"))
        painter.end()


class HomeTab(QWidget):
    """এক নজরে. ``go_to`` asks the window to show a row (its document path)."""

    go_to = Signal(tuple)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("next_deadline")
        self.timeline = Timeline(session.office_year.fiscal_year, self)
        self.states = QTableWidget(4, len(HOME_COLUMNS), self)
        self.states.setObjectName("quarter_states")
        self.states.setHorizontalHeaderLabels([tr(c) for c in HOME_COLUMNS])
        self.states.verticalHeader().hide()
        self.states.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.states.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.states.setMaximumHeight(150)
        self.chart = ChartWidget(parent=self)
        self.due = QLabel(self)
        self.due.setObjectName("due_summary")
        self.due.setWordWrap(True)
        self.missing = QTreeWidget(self)
        self.missing.setObjectName("missing_evidence")
        self.missing.setHeaderLabels([tr("home_missing_evidence"), tr("count")])
        self.missing.header().setStretchLastSection(False)  # the part's name gets the width, not the count
        self.missing.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.missing.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.missing.itemActivated.connect(self._activated)
        self.missing.itemClicked.connect(self._activated)
        layout.addWidget(self.deadline)
        layout.addWidget(self.timeline)
        layout.addWidget(self.states)
        grid = QGridLayout()
        grid.addWidget(self.chart, 0, 0, 2, 1)
        grid.addWidget(self.due, 0, 1)
        grid.addWidget(self.missing, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout.addLayout(grid, 1)
        self.evaluation = EvaluationView(self)
        self.evaluation.hide()
        layout.addWidget(self.evaluation, 1)
        session.rescored.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: Any) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        oy, day = self.session.office_year, today()
        self.timeline.today = day
        facts = year_facts(self.session.store, self.session.office_year_id)
        self.quarter_states = progress.quarter_states(oy, facts)
        if facts.evaluations:  # the superior's latest, reported beside evaluated
            self.evaluation.show_evaluation(oy, facts.evaluations[-1])
        self.evaluation.setVisible(bool(facts.evaluations))
        self.next = progress.next_deadline(oy.fiscal_year, self.quarter_states, day)
        self.deadline.setText(deadline_text(self.next))
        overdue = self.next is not None and self.next.overdue
        self.deadline.setStyleSheet(f"font-size: 13pt; font-weight: bold; color: {'#c62828' if overdue else '#1b5e20'};")
        for row, state in enumerate(self.quarter_states):
            for col, text in enumerate(state_cells(state)):
                item = QTableWidgetItem(text)
                if col == 5 and state.comment:
                    item.setToolTip(state.comment)
                self.states.setItem(row, col, item)
        quarters = progress.reported_quarters(oy, day)
        self.chart.set_chart(score_by_part([score_office_year(oy, q) for q in quarters]) if quarters else None)
        self._due(oy, quarters[-1] if quarters else None)
        self._missing(oy, quarters)
        self.timeline.update()

    def _due(self, oy: Any, quarter: int | None) -> None:
        if quarter is None:
            self.due.setText("")
            return
        rows = progress.progress_against_due(oy, quarter)
        d = digits()
        behind = [r for r in rows if not r.on_track]
        lines = [tr("due_summary").replace("{q}", format_number(quarter, d))
                 .replace("{on}", format_number(len(rows) - len(behind), d)).replace("{n}", format_number(len(rows), d))]
        for r in behind[:8]:
            lines.append(f"{format_code(r.code, d)} {r.title[:40]}: {format_number(r.achieved, d)} / "
                         f"{format_number(r.due, d, 2)} ({format_percent(round(100 * r.ratio), d)})")
        self.due.setText("\n".join(lines))

    def _missing(self, oy: Any, quarters: list[int]) -> None:
        self.missing.clear()
        d = digits()
        for rows in progress.missing_by_part(oy, quarters).values():
            top = QTreeWidgetItem([part_name(rows[0][1]), format_number(len(rows), d)])
            for q, path in rows:
                row = resolve(oy, path)
                child = QTreeWidgetItem([f"{tr('q')} {format_number(q, d)}: {format_code(row.code, d)} {row_title(row)}", ""])
                child.setData(0, Qt.ItemDataRole.UserRole, path)
                top.addChild(child)
            self.missing.addTopLevelItem(top)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, Qt.ItemDataRole.UserRole)
        if path:
            self.go_to.emit(tuple(path))


def row_title(row: Any) -> str:
    return (getattr(row, "indicator", "") or row.title)[:60]


def reminder_text(session: Any) -> str | None:
    """What the window says once at start when a report is due within 14 days and not sent."""
    oy = session.office_year
    states = progress.quarter_states(oy, year_facts(session.store, session.office_year_id))
    due = progress.reminder(oy.fiscal_year, states, today())
    return None if due is None else f"{tr('reminder')}\n{deadline_text(due)}"

