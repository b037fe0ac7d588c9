"""Test set-up shared by every test module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["APA_STRICT_TR"] = "1"  # tr() of a key missing from a catalogue fails the test

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "apa_desktop" / "resources" / "demo"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture
def demo_dir() -> Path:
    """The demo source documents (the seed tables) shipped with the package."""
    return DEMO_DIR


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """One SoftHSM2 token with a signing key "head" for the whole run (skips without SoftHSM2)."""
    from softhsm_helpers import make_token

    return make_token(tmp_path_factory.mktemp("softhsm"))


class PasteDialogs:
    """The paste previews the window opened during a test (recorded instead of shown modally), and
    the answer each gets: ``answer = "accept"`` (the default) or ``"reject"``; ``choose`` settles
    ambiguous columns (pasted column -> table column) before answering."""

    def __init__(self) -> None:
        self.shown: list = []
        self.answer = "accept"
        self.choose: dict[int, int] = {}


@pytest.fixture(autouse=True)
def paste_dialogs(monkeypatch):
    """No paste preview waits for a click that never comes: each is recorded and answered."""
    try:
        from PySide6.QtWidgets import QDialog

        from apa_desktop.ui.paste_dialog import PasteDialog
    except ImportError:  # no Qt: nothing to answer
        yield None
        return
    dialogs = PasteDialogs()

    def answer(dialog) -> int:
        dialogs.shown.append(dialog)
        for pasted, column in dialogs.choose.items():
            combo = dialog._combos.get(pasted)
            if combo is not None:
                combo.setCurrentIndex(combo.findData(column))
        accepted = dialogs.answer == "accept" and dialog.ok.isEnabled()
        return QDialog.DialogCode.Accepted if accepted else QDialog.DialogCode.Rejected

    monkeypatch.setattr(PasteDialog, "exec", answer)
    yield dialogs
