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
