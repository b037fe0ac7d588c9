"""Where the files shipped inside the package live."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file shipped in ``apa_desktop/resources`` (fonts, templates, schemas, demo documents)."""
    return RESOURCES.joinpath(*parts)
