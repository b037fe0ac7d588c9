"""Where the files shipped inside the package live, and the user's data folder."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "apa-desktop"
RESOURCES = Path(__file__).resolve().parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file shipped in ``apa_desktop/resources`` (fonts, templates, schemas, demo documents)."""
    return RESOURCES.joinpath(*parts)


def default_data_dir() -> Path:
    """The per-user data folder (``%LOCALAPPDATA%\\apa-desktop`` on Windows)."""
    return user_data_path(APP_NAME, appauthor=False)
