"""The checkers run with the tests (`.ci/run` → `bootstrap.sh test` → pytest): ruff over the
package with the rules in pyproject.toml, mypy over core/ and db/. A finding fails the run and
is printed in the failure, file and line first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_in_the_package():
    result = _run("ruff", "check", "--no-cache", "--output-format", "concise", "apa_desktop")
    assert result.returncode == 0, f"ruff check apa_desktop:\n{result.stdout}{result.stderr}"


def test_mypy_finds_nothing_in_core_and_db():
    result = _run("mypy", "--no-incremental", "apa_desktop/core", "apa_desktop/db")
    assert result.returncode == 0, f"mypy apa_desktop/core apa_desktop/db:\n{result.stdout}{result.stderr}"
