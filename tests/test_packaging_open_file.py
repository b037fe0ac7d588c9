"""Files given to the application (a double-click on Windows runs `apa-desktop-gui FILE`): each
kind opens in the dialog that takes it; other kinds are refused with a message, not a traceback."""

from __future__ import annotations

import click
import pytest

pytest.importorskip("pytestqt")

from bundle_helpers import office_key

from apa_desktop.cli import main
from apa_desktop.core.errors import UserError
from apa_desktop.db import open_database
from apa_desktop.db.demo import install_demo
from apa_desktop.export.bundle_export import export_bundle
from apa_desktop.ui.bundle_dialog import BundleDialog
from apa_desktop.ui.main_window import MainWindow
from apa_desktop.ui.open_file import open_file


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


@pytest.mark.parametrize("name", ["pack.apatemplates", "hq.apalink"])
def test_kinds_of_a_newer_version_are_refused_with_a_message_in_both_languages(window, tmp_path, name):
    file = tmp_path / name
    file.write_text("x")
    with pytest.raises(UserError) as caught:
        open_file(window, file)
    assert "newer version" in caught.value.message_en and caught.value.message_bn
    assert caught.value.path == str(file)


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

