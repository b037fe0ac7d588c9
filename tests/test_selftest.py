"""`apa-desktop self-test`, the check an installed build runs on itself, run as a person (or the
Windows smoke test) runs it: the command line in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

STEPS = ["database", "window", "type_achievement", "screenshots", "export_apa", "export_report",
         "key", "sign", "verify", "bundle"]


def self_test(out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "apa_desktop", "self-test", "--out", str(out)],
                          check=False, capture_output=True, text=True, env=env, timeout=300)


def test_self_test_walks_the_clerks_path_and_says_so_in_its_summary(tmp_path):
    out = tmp_path / "out"
    result = self_test(out)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads((out / "selftest.json").read_text("utf-8"))
    assert summary["ok"] is True
    assert [s["name"] for s in summary["steps"]] == STEPS
    assert all(s["ok"] and s["seconds"] >= 0 for s in summary["steps"])
    assert summary["started_at"] <= summary["first_window_at"]
    assert summary["environment"]["pyside6"].startswith("6.")
    pngs = sorted((out / "png").glob("*.png"))
    assert len(pngs) == 19 and all(Image.open(p).size == (1366, 768) for p in pngs)
    assert {"tongi-lwc-2023-24-apa.pdf", "tongi-lwc-2023-24-q3.pdf", "signed-apa.pdf"} <= set(summary["files"])
    assert any(name.startswith("bundle/") and name.endswith(".apabundle") for name in summary["files"])
    assert "৮৫ stored as 85" in next(s["detail"] for s in summary["steps"] if s["name"] == "type_achievement")
    assert (out / "signed-apa.pdf").read_bytes().startswith(b"%PDF-")


def test_a_failing_step_fails_the_self_test_and_is_named_in_the_summary(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "bundle").write_text("a file where the bundle folder should go")
    result = self_test(out)
    assert result.returncode == 1
    summary = json.loads((out / "selftest.json").read_text("utf-8"))
    assert summary["ok"] is False
    failed = [s for s in summary["steps"] if not s["ok"]]
    assert [s["name"] for s in failed] == ["bundle"]
    assert "FAIL bundle" in result.stdout
