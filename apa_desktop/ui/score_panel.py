"""The always-visible score panel: the 70-mark own part, the 30-mark governance part, the total
of 100, the quarter they are rolled up to, and the weight errors (70 + 30 ≠ 100...)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ..core.numerals import format_code, format_number, format_score
from ..core.progress import progress_against_due
from .i18n import tr
from .models.cells import digits


def fix_label_size(label: QLabel, width: int) -> None:
    """Give a label whose figure changes on every edit a fixed size: a label that is not fixed
    asks its parent's layout to recompute on each setText, which repaints the whole tab."""
    label.ensurePolished()
    label.setFixedSize(width, label.sizeHint().height())


class ScorePanel(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.quarter = QComboBox(self)
        self.quarter.addItem(tr("whole_year"), None)
        for q in range(1, 5):
            self.quarter.addItem(f"{tr('q')} {format_number(q, digits())}", q)
        self.quarter.currentIndexChanged.connect(lambda _: session.set_quarter(self.quarter.currentData()))
        self.own = QLabel(self)
        self.governance = QLabel(self)
        self.total = QLabel(self)
        self.issues = QLabel(self)
        self.due = QLabel(self)
        self.due.setObjectName("score_due")
        self.due.setStyleSheet("color: #1b5e20;")
        self.issues.setStyleSheet("color: #a00000;")
        self.total.setStyleSheet("font-weight: bold;")
        for name, label in (("own", self.own), ("governance", self.governance), ("total", self.total)):
            label.setObjectName(f"score_{name}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setText(tr("gov_part") + ": 00.00")
            fix_label_size(label, 150)  # room for any score
        layout.addWidget(QLabel(tr("quarter"), self))
        layout.addWidget(self.quarter)
        for label in (self.own, self.governance, self.total):
            layout.addSpacing(12)
            layout.addWidget(label)
        layout.addSpacing(12)
        layout.addWidget(self.due)
        layout.addSpacing(12)
        layout.addWidget(self.issues, 1)
        session.rescored.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        breakdown = self.session.breakdown
        d = digits()

        def part(key: str, attr: str) -> str:
            value = getattr(breakdown, attr, None) if breakdown is not None else None
            return f"{tr(key)}: {tr('not_scored') if value is None else format_score(value, d)}"

        self.own.setText(part("own_part", "own_part"))
        self.governance.setText(part("gov_part", "governance_part"))
        self.total.setText(part("total", "total"))
        self._due(d)
        issues = self.session.weight_issues
        self.issues.setText(f"{tr('weight_errors')}: {format_number(len(issues), d)}" if issues else "")
        self.issues.setToolTip("\n".join(str(getattr(i, "message_bn", i)) for i in issues))

    def _due(self, d: str) -> None:
        """With a quarter chosen, how many sum/cumulative rows have what is due by then: the
        quarter's score measures against the annual target, so an indicator on track for the
        year can score low; this says it is on track."""
        quarter = self.session.quarter
        rows = progress_against_due(self.session.office_year, quarter) if quarter else []
        on = sum(1 for r in rows if r.on_track)
        text = tr("on_track").replace("{on}", format_number(on, d)).replace("{n}", format_number(len(rows), d))
        self.due.setText(text if rows else "")
        self.due.setToolTip("\n".join(f"{format_code(r.code, d)}: {format_number(r.achieved, d)} / {format_number(r.due, d, 2)}"
                                      for r in rows if not r.on_track))
