"""The window's colour legend: what each cell background means (levels reached, unreadable,
flagged for confirmation, typed total differing from the computed one)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ..core.model import LEVEL_PERCENTS, level_name
from ..core.numerals import format_number
from .i18n import language, tr
from .models.scores import BELOW, LEVEL_COLOURS
from .models.table_model import INVALID, MISMATCH, PENDING


def legend_entries() -> list[tuple[str, str]]:
    """(colour, text) for each background a cell may have, in the window's language."""
    digits = "bn" if language() == "bn" else "en"
    entries = [(colour, f"{level_name(p) if digits == 'bn' else ''} {format_number(p, digits)}%".strip())
               for p, colour in LEVEL_COLOURS if p in LEVEL_PERCENTS]
    entries.append((BELOW, tr("legend_below")))
    entries += [(INVALID.name(), tr("legend_unreadable")), (PENDING.name(), tr("legend_flagged")),
                (MISMATCH.name(), tr("legend_mismatch"))]
    return entries


class ColourLegend(QWidget):
    """One line of colour swatches with their meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colour_legend")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(QLabel(tr("legend_title"), self))
        for colour, text in legend_entries():
            swatch = QLabel(text, self)
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid #999; padding: 1px 6px;")
            row.addWidget(swatch)
        row.addStretch(1)
