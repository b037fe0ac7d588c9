"""The map in the house: the domain write-up is in the repository and in step with the one the
team is given, and the architecture page names every module."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "apa_desktop"
SHARED_DOMAIN = ROOT.parent / "shared" / "DOMAIN.md"


def test_domain_write_up_is_in_the_repository():
    text = (ROOT / "docs" / "domain.md").read_text(encoding="utf-8")
    assert text.startswith("# The domain")
    for section in range(1, 10):
        assert re.search(rf"^## {section}\. ", text, re.MULTILINE), f"§{section} missing"


@pytest.mark.skipif(not SHARED_DOMAIN.exists(), reason="no ../shared/DOMAIN.md beside this checkout")
def test_domain_write_up_is_in_step_with_the_one_given():
    assert (ROOT / "docs" / "domain.md").read_text(encoding="utf-8") == SHARED_DOMAIN.read_text(encoding="utf-8")


def test_architecture_module_index_is_current():
    """docs/architecture.md's module index is generated (tools/module_index.py --write): it names
    every module with its docstring's first sentence, so it cannot go stale."""
    spec = importlib.util.spec_from_file_location("module_index", ROOT / "tools" / "module_index.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert tool.BEGIN in doc and tool.END in doc, "docs/architecture.md has no module index"
    written = doc.split(tool.BEGIN, 1)[1].split(tool.END, 1)[0].strip()
    assert written == tool.index(), "module index is stale: run python tools/module_index.py --write"
