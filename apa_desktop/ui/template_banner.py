"""The banner over the open office-year while a part uses a carried-over or partial template (to
be checked against the Cabinet Division's guideline), or a newer template has arrived (with the
button that previews the re-base)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..core.rebase import newer_templates
from ..core.templates import KINDS, NEEDS_CHECK, Template, part_of
from .i18n import tr


def parts_needing_check(office_year, catalogue: list[Template]) -> dict[str, str]:
    """Kind -> status ("carry-over" or "partial") of each part whose template must be checked."""
    by_id = {t.id: t for t in catalogue}
    found = {}
    for kind in KINDS:
        part = part_of(office_year, kind)
        template = by_id.get(part.template_id) if part is not None and part.template_id else None
        if template is not None and template.status in NEEDS_CHECK:
            found[kind] = template.status
    return found


class TemplateBanner(QWidget):
    """Shown while any part needs checking or can be re-based; hidden otherwise."""

    def __init__(self, on_rebase: Callable[[Template], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("template_banner")
        self.setStyleSheet("#template_banner { background: #ffe0cc; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        self.label = QLabel(self)
        self.label.setObjectName("template_banner_text")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #7a2d00;")
        self.rebase_button = QPushButton(tr("rebase_button"), self)
        self.rebase_button.setObjectName("rebase")
        self.rebase_button.clicked.connect(lambda: self.newer and on_rebase(next(iter(self.newer.values()))))
        row.addWidget(self.label, 1)
        row.addWidget(self.rebase_button)
        self.newer: dict[str, Template] = {}

    def update_for(self, office_year, catalogue: list[Template]) -> None:
        checks = parts_needing_check(office_year, catalogue)
        self.newer = newer_templates(office_year, catalogue)
        lines = []
        carried = [tr(f"template_kind_{k}") for k, s in checks.items() if s == "carry-over"]
        partial = [tr(f"template_kind_{k}") for k, s in checks.items() if s == "partial"]
        if carried:
            lines.append(tr("banner_carried").replace("{parts}", ", ".join(carried)))
        if partial:
            lines.append(tr("banner_partial").replace("{parts}", ", ".join(partial)))
        if self.newer:
            lines.append(tr("banner_newer").replace("{parts}", ", ".join(
                f"{tr(f'template_kind_{k}')} ({t.id})" for k, t in self.newer.items())))
        self.label.setText("\n".join(lines))
        self.rebase_button.setVisible(bool(self.newer))
        self.setVisible(bool(lines))
