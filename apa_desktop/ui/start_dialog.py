"""The start dialog: open an existing office-year or create one for an office and fiscal year
(a new one starts from that year's templates)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QVBoxLayout, QWidget)

from ..core.model import Office, OfficeYear
from ..core.numerals import to_bengali_digits
from ..db import Store
from .errors import error_text
from .i18n import tr
from .tabs.forms import tier_combo


def fiscal_years() -> list[str]:
    """The years templates exist for."""
    from ..core.templates import available_years

    return list(available_years())


def new_office_year(office: Office, fiscal_year: str) -> OfficeYear:
    """A new office-year from the fiscal year's templates."""
    from ..core.templates import new_office_year as from_templates

    return from_templates(office, fiscal_year)


class StartDialog(QDialog):
    """Pick an office-year (``chosen`` is its id after ``exec``)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.chosen: int | None = None
        self.setWindowTitle(tr("start_title"))
        self.resize(640, 460)
        self.list = QListWidget(self)
        for info in store.office_years():
            item = QListWidgetItem(f"{info.office_name} — {to_bengali_digits(info.fiscal_year)}")
            item.setData(256, info.id)
            item.setData(257, info.office_id)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _: self.open_selected())
        existing = QGroupBox(tr("existing"), self)
        QVBoxLayout(existing).addWidget(self.list)
        open_box = QDialogButtonBox(self)
        open_box.addButton(tr("open"), QDialogButtonBox.ButtonRole.AcceptRole).clicked.connect(self.open_selected)
        existing.layout().addWidget(open_box)

        new = QGroupBox(tr("new_office_year"), self)
        form = QFormLayout(new)
        self.offices = {office.id: office for office in store.offices()}
        self.office_id = QLineEdit(self)
        self.office_name = QLineEdit(self)
        self.tier = tier_combo(self)
        self.superior_office = QLineEdit(self)
        self.year = QComboBox(self)
        for year in fiscal_years():
            self.year.addItem(to_bengali_digits(year), year)
        self.year.setCurrentIndex(self.year.count() - 1)  # the newest year
        self.list.currentItemChanged.connect(self._prefill)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #a00000;")
        form.addRow(tr("office_id"), self.office_id)
        form.addRow(tr("office_name"), self.office_name)
        form.addRow(tr("tier"), self.tier)
        form.addRow(tr("superior_office"), self.superior_office)
        form.addRow(tr("fiscal_year"), self.year)
        create_box = QDialogButtonBox(self)
        create_box.addButton(tr("create"), QDialogButtonBox.ButtonRole.ActionRole).clicked.connect(self.create)
        form.addRow(self.message)
        form.addRow(create_box)
        layout = QVBoxLayout(self)
        layout.addWidget(existing, 1)
        layout.addWidget(new)

    def _prefill(self, item: QListWidgetItem | None) -> None:
        """Selecting an office-year offers its office (name, tier, superior office) for a new year."""
        office = self.offices.get(item.data(257)) if item is not None else None
        if office is not None:
            self.office_id.setText(office.id)
            self.office_name.setText(office.name)
            self.tier.setCurrentIndex(max(0, self.tier.findData(office.tier)))
            self.superior_office.setText(office.superior_office)

    def open_selected(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is not None:
            self.chosen = int(item.data(256))
            self.accept()

    def create(self) -> None:
        """Create the office-year typed in the form and accept the dialog with it."""
        office_id, name = self.office_id.text().strip(), self.office_name.text().strip()
        if not office_id or not name:
            self.message.setText(f"{tr('office_id')} / {tr('office_name')}?")
            return
        known = self.offices.get(office_id)
        office = Office(id=office_id, name=name, tier=self.tier.currentData(),
                        superior_office=self.superior_office.text().strip(),
                        address=known.address if known is not None else "")
        try:
            office_year = new_office_year(office, self.year.currentData())
            self.chosen = self.store.create_office_year(office_year, user="")
        except Exception as exc:  # InvalidRequest (exists), template errors
            self.message.setText(error_text(exc))
            return
        self.accept()
