"""Test set-up shared by every test module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "apa_desktop" / "resources" / "demo"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture
def demo_dir() -> Path:
    """The demo source documents (the seed tables) shipped with the package."""
    return DEMO_DIR
