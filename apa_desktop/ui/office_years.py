"""The window's office-year menu: open another office-year, create one (today's fiscal year by
default), start a new year from the open one's plan, import headquarters' template pack, make a
template from the official form's text. Each switches the window without a restart."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow

from ..core.calendar import offered_fiscal_years, shift_fiscal_year
from ..core.errors import UserError
from ..core.numerals import format_number, to_bengali_digits
from ..core.templates import earliest_year
from ..db.templates import TemplateStore
from .errors import show_error
from .i18n import language, tr


def add_office_year_menu(window: QMainWindow) -> None:
    """The menu on ``window`` (a MainWindow: ``store``, ``session``, ``open_office_year``)."""
    menu = window.menuBar().addMenu(tr("menu_office_year"))
    menu.setObjectName("menu_office_year")
    for key, shortcut, slot in (
            ("menu_open_office_year", QKeySequence.StandardKey.Open, lambda: choose_office_year(window)),
            ("menu_create_office_year", QKeySequence.StandardKey.New, lambda: choose_office_year(window)),
            ("menu_new_year_from_plan", QKeySequence("Ctrl+Shift+N"), lambda: ask_new_year(window)),
            ("menu_import_templates", QKeySequence("Ctrl+Shift+T"), lambda: choose_pack(window)),
            ("menu_template_text", None, lambda: open_template_dialog(window))):
        action = QAction(tr(key), window)
        action.setObjectName(key)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
    window.office_year_menu = menu


def choose_office_year(window) -> None:
    """The start dialog over the window: the office-year opened or created there replaces the open one."""
    from .start_dialog import StartDialog

    dialog = StartDialog(window.store, window)
    window.start_dialog = dialog
    dialog.accepted.connect(lambda: dialog.chosen is not None and window.open_office_year(dialog.chosen))
    dialog.open()


def ask_new_year(window) -> int | None:
    """Ask which year to start from the open office-year's plan (the next one by default)."""
    current = window.session.office_year.fiscal_year
    years = [y for y in offered_fiscal_years(earliest_year(TemplateStore(window.store).catalogue())) if y > current]
    if not years:
        return None
    default = shift_fiscal_year(current, 1)
    labels = [to_bengali_digits(y) for y in years]
    chosen, ok = QInputDialog.getItem(window, tr("menu_new_year_from_plan"), tr("fiscal_year"), labels,
                                      years.index(default) if default in years else 0, False)
    if not ok:
        return None
    return start_new_year(window, years[labels.index(chosen)])


def start_new_year(window, fiscal_year: str) -> int | None:
    """Create ``fiscal_year`` from the open office-year's plan and open it."""
    office_year = window.session.office_year
    try:
        new_id = TemplateStore(window.store).new_year_from(office_year.office.id, fiscal_year,
                                                          office_year.fiscal_year, user=window.session.user)
    except UserError as exc:
        show_error(window, exc)
        return None
    window.open_office_year(new_id)
    return new_id


def choose_pack(window) -> None:
    name, _ = QFileDialog.getOpenFileName(window, tr("menu_import_templates"), "", "APA templates (*.apatemplates)")
    if name:
        import_pack_file(window, Path(name))


def import_pack_file(window, path: Path, hq_cert: Path | None = None) -> bool:
    """Import a template pack (HQ's certificate asked for the first time); say what it did."""
    from ..export.template_pack import import_pack, load_hq_certificate

    templates = TemplateStore(window.store)
    try:
        if hq_cert is None and templates.hq_certificate() is None:
            name, _ = QFileDialog.getOpenFileName(window, tr("hq_certificate"), "", "Certificate (*.crt *.pem *.der)")
            if not name:
                return False
            hq_cert = Path(name)
        cert = load_hq_certificate(hq_cert) if hq_cert is not None else None
        result = import_pack(templates, path.read_bytes(), cert, user=window.session.user)
    except UserError as exc:
        show_error(window, exc)
        return False
    text = (tr("pack_already_imported") if result.already_imported
            else tr("pack_imported").replace("{n}", format_number(len(result.added), language())))
    window.statusBar().showMessage(text, 10000)
    window.update_templates()
    return True


def open_template_dialog(window):
    from .template_dialog import TemplateTextDialog

    dialog = TemplateTextDialog(TemplateStore(window.store), window.session.office_year, window)
    dialog.accepted.connect(window.update_templates)
    window.template_dialog = dialog
    dialog.open()
    return dialog
