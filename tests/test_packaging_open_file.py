"""Files given to the application (a double-click on Windows runs `apa-desktop-gui FILE`): each
kind opens in the dialog that takes it (a template pack and HQ's link file after a yes/no question);
other kinds are refused with a message, not a traceback."""

from __future__ import annotations

import click
import pytest

pytest.importorskip("pytestqt")

from bundle_helpers import make_key, office_key
from PySide6.QtWidgets import QMessageBox

from apa_desktop.cli import main
from apa_desktop.core.errors import UserError
from apa_desktop.db import open_database
from apa_desktop.core.templates import find_template, make_template
from apa_desktop.db.demo import install_demo
from apa_desktop.db.templates import TemplateStore
from apa_desktop.export.bundle_export import export_bundle
from apa_desktop.export.link_file import Link, write_link
from apa_desktop.export.template_pack import write_pack
from apa_desktop.ui.bundle_dialog import BundleDialog
from apa_desktop.ui.main_window import MainWindow
from apa_desktop.ui.office_years import import_pack_file
from apa_desktop.ui.open_file import open_file, open_in_window
from apa_desktop.ui.outbox import OutboxPanel

HQ = "APA HQ, Cabinet Division"


@pytest.fixture
def window(tmp_path, qtbot):
    store = open_database(tmp_path / "apa.sqlite3")
    install_demo(store)
    info = next(i for i in store.office_years() if i.office_id == "khulna-ict")
    window = MainWindow(store, info.id)
    qtbot.addWidget(window)
    yield window
    store.close()


def test_a_receipt_opens_the_bundle_dialog_with_the_receipt_filled_in(window, tmp_path, qtbot):
    receipt = tmp_path / "1a2b3c.apareceipt"
    receipt.write_text("{}")
    dialog = open_file(window, receipt)
    qtbot.addWidget(dialog)
    assert isinstance(dialog, BundleDialog) and dialog.isVisible()
    assert dialog.receipt_file.path() == receipt


def test_a_bundle_this_office_sent_is_recognised_and_another_is_not(window, tmp_path, qtbot):
    sent = export_bundle(window.store, window.session.office_year_id, office_key("khulna"), tmp_path / "usb")
    dialog = open_file(window, sent.path)
    qtbot.addWidget(dialog)
    assert "পাঠানো হয়েছে" in dialog.message.text()
    stranger = tmp_path / "other.APABUNDLE"
    stranger.write_bytes(b"PK\x03\x04 not ours")
    dialog = open_file(window, stranger)
    qtbot.addWidget(dialog)
    assert "পাঠানো হয়নি" in dialog.message.text()


def hq_pack(tmp_path, version: int = 1):
    """A pack HQ signed holding its official e-gov template of 2026-27 (``version``)."""
    template = make_template("egov", "2026-27", "field", version, "official", "Cabinet Division circular",
                             find_template("egov", "2026-27").plan)
    pack = tmp_path / f"2026-27-v{version}.apatemplates"
    pack.write_bytes(write_pack([template], office_key(HQ)))
    return pack, template


def answer(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
    box.button(button).click()


def test_a_template_pack_asks_first_and_then_imports_it_as_the_menu_does(window, tmp_path, qtbot):
    templates = TemplateStore(window.store)
    cert = tmp_path / "hq.crt"
    cert.write_bytes(make_key(HQ)[1])
    first, _ = hq_pack(tmp_path, 1)
    assert import_pack_file(window, first, cert)  # the menu, once: HQ's certificate is remembered
    pack, template = hq_pack(tmp_path, 2)
    box = open_file(window, pack)
    assert isinstance(box, QMessageBox) and box.isVisible() and pack.name in box.text()
    answer(box, QMessageBox.StandardButton.No)
    assert template.id not in [t.id for t in templates.catalogue()]
    open_in_window(pack)(window)  # what `apa-desktop FILE` does once the window shows
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    answer(box, QMessageBox.StandardButton.Yes)
    assert templates.get(template.id).sha256 == template.sha256
    assert window.statusBar().currentMessage().endswith("১টি টেমপ্লেট")  # Bengali digits in a Bengali window


def test_a_link_file_opens_the_outbox_and_links_the_office_only_when_confirmed(window, tmp_path, qtbot):
    link = write_link(tmp_path / "hq.apalink", Link(
        url="https://127.0.0.1:9", office_id="khulna-ict", ca_cert="-----BEGIN CERTIFICATE-----",
        pins=["ab" * 32], hq_cert="-----BEGIN CERTIFICATE-----", token="t0ken"))
    box = open_file(window, link)
    panel = box.parent()
    assert isinstance(panel, OutboxPanel) and panel.isVisible() and box.isVisible() and link.name in box.text()
    answer(box, QMessageBox.StandardButton.No)
    assert window.store.hq_links() == []
    open_in_window(link)(window)
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    answer(box, QMessageBox.StandardButton.Yes)
    assert [(row.office_id, row.url) for row in window.store.hq_links()] == [("khulna-ict", "https://127.0.0.1:9")]
    qtbot.waitUntil(lambda: not window.outbox_sender.running, timeout=60_000)  # its first try fails: no HQ there


def test_an_unknown_kind_or_a_missing_file_is_refused(window, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("x")
    with pytest.raises(UserError, match=".apabundle"):
        open_file(window, other)
    with pytest.raises(UserError, match="not found"):
        open_file(window, tmp_path / "gone.apareceipt")


def test_the_command_line_takes_a_file_argument_as_the_open_command(tmp_path):
    file = tmp_path / "x.apareceipt"
    file.write_text("{}")
    ctx = click.Context(main)
    name, command, args = main.resolve_command(ctx, [str(file)])
    assert (name, command.name, args) == ("open", "open", [str(file)])
    assert main.resolve_command(ctx, ["offices"])[0] == "offices"

