"""The start dialog: open an existing office-year or create one for an office and fiscal year
(a new one starts from that year's templates; the dialog says which are official and which would
be carried over). The years offered run from the earliest template to the one after today's,
today's chosen."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.calendar import current_fiscal_year, offered_fiscal_years
from ..core.model import Office
from ..core.numerals import to_bengali_digits
from ..core.templates import KINDS, earliest_year, year_status
from ..db import Store
from ..db.templates import TemplateStore
from .errors import message_for
from .i18n import tr
from .tabs.forms import tier_combo


def year_combo(catalogue: list, parent: QWidget) -> QComboBox:
    """The fiscal years an office-year may be made for, today's chosen."""
    combo = QComboBox(parent)
    combo.setObjectName("fiscal_year")
    for year in offered_fiscal_years(earliest_year(catalogue)):
        combo.addItem(to_bengali_digits(year), year)
    combo.setCurrentIndex(max(0, combo.findData(current_fiscal_year())))
    return combo


def year_status_text(catalogue: list, fiscal_year: str, tier: str) -> str:
    """"Official: …; carried over (check against the guideline): …" for the year and tier."""
    statuses = year_status(catalogue, fiscal_year, tier)
    groups: dict[str, list[str]] = {}
    for kind in KINDS:
        groups.setdefault(statuses[kind], []).append(tr(f"template_kind_{kind}"))
    return "; ".join(f"{tr(f'template_status_{status}')}: {', '.join(names)}"
                     for status, names in groups.items())


class StartDialog(QDialog):
    """Pick an office-year (``chosen`` is its id after ``exec``)."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.templates = TemplateStore(store)
        self.catalogue = self.templates.catalogue()
        self.chosen: int | None = None
        self.setWindowTitle(tr("start_title"))
        self.resize(680, 580)
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
        self.year = year_combo(self.catalogue, self)
        self.year_status = QLabel(self)
        self.year_status.setObjectName("year_status")
        self.year_status.setWordWrap(True)
        self.year.currentIndexChanged.connect(lambda _: self.show_year_status())
        self.tier.currentIndexChanged.connect(lambda _: self.show_year_status())
        self.list.currentItemChanged.connect(self._prefill)
        self._prefilled: Office | None = None
        self.office_id.textChanged.connect(self._office_typed)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #a00000;")
        form.addRow(tr("office_id"), self.office_id)
        form.addRow(tr("office_name"), self.office_name)
        form.addRow(tr("tier"), self.tier)
        form.addRow(tr("superior_office"), self.superior_office)
        form.addRow(tr("fiscal_year"), self.year)
        form.addRow("", self.year_status)
        create_box = QDialogButtonBox(self)
        create_box.addButton(tr("create"), QDialogButtonBox.ButtonRole.ActionRole).clicked.connect(self.create)
        form.addRow(self.message)
        form.addRow(create_box)
        layout = QVBoxLayout(self)
        layout.addWidget(existing, 1)
        layout.addWidget(new)
        self.show_year_status()

    def show_year_status(self) -> None:
        """Say which of the chosen year's templates are official and which would be carried over."""
        self.year_status.setText(year_status_text(self.catalogue, self.year.currentData(), self.tier.currentData()))

    def _prefill(self, item: QListWidgetItem | None) -> None:
        """Selecting an office-year offers its office (name, tier, superior office) for a new year."""
        office = self.offices.get(item.data(257)) if item is not None else None
        if office is not None:
            if self.office_id.text() == office.id:
                self._prefill_office(office)
            else:
                self.office_id.setText(office.id)  # _office_typed fills in the rest

    def _office_typed(self, office_id: str) -> None:
        """Another office typed over a prefilled one: what came from that office goes (a new
        office never starts with another's name or superior office); a known office fills in."""
        before, self._prefilled = self._prefilled, None
        known = self.offices.get(office_id.strip())
        if known is not None:
            self._prefill_office(known)
        elif before is not None:
            for field, value in ((self.office_name, before.name), (self.superior_office, before.superior_office)):
                if field.text() == value:
                    field.clear()

    def _prefill_office(self, office: Office) -> None:
        self.office_name.setText(office.name)
        self.tier.setCurrentIndex(max(0, self.tier.findData(office.tier)))
        self.superior_office.setText(office.superior_office)
        self._prefilled = office

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
                        address=known.address if known is not None else "",
                        web_portal=known.web_portal if known is not None else "")
        try:
            self.chosen = self.templates.start_office_year(office, self.year.currentData())
        except Exception as exc:  # noqa: BLE001 - the office-year exists, no template to start from, a full disk
            self.message.setText(message_for(exc))
            return
        self.accept()
