"""The Windows build's pieces agree: the PyInstaller spec, the NSIS script, the Wine build and
smoke scripts and the release workflow name the same version, executables, icon, file kinds and
data folder as the application. (The Windows build itself is slow and runs outside the tests:
./bootstrap.sh windows, installer/smoke_windows.sh.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from apa_desktop.paths import APP_NAME
from apa_desktop.ui.open_file import HANDLERS

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "apa-desktop.spec"
NSI = ROOT / "installer" / "windows" / "apa-desktop.nsi"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
BUILD = ROOT / "installer" / "build_windows.sh"
SMOKE = ROOT / "installer" / "smoke_windows.sh"
LOCK = ROOT / "installer" / "windows" / "requirements-windows.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
VERSION = PYPROJECT["project"]["version"]
READ_VERSION = """sed -n 's/^version = "\\(.*\\)"/\\1/p' """


def nsis_define(name: str) -> str:
    found = re.search(rf'^\s*!define {name} "([^"]*)"', NSI.read_text("utf-8"), re.MULTILINE)
    assert found, f"{NSI.name} defines no {name}"
    return found.group(1)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def workflow_runs() -> str:
    return "\n".join(step.get("run", "") for step in workflow()["jobs"]["installer"]["steps"])


def test_the_workflow_is_valid_and_builds_tests_and_uploads_the_installer():
    flow = workflow()
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "workflow_dispatch" in triggers
    job = flow["jobs"]["installer"]
    assert job["runs-on"].startswith("windows")
    for step in job["steps"]:
        assert ("uses" in step) != ("run" in step), step
    runs = workflow_runs()
    assert "installer/apa-desktop.spec" in runs and "installer/windows/apa-desktop.nsi" in runs
    assert "apa-desktop.exe self-test --out" in runs
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact"))
    assert "dist/windows/APA-Desktop-*-setup.exe" in upload["with"]["path"]


def test_one_version_everywhere():
    assert nsis_define("VERSION") == VERSION  # the default when makensis is not given one
    for script in (BUILD, SMOKE, WORKFLOW, ROOT / "installer" / "windows" / "check_nsi_linux.sh"):
        assert READ_VERSION in script.read_text("utf-8"), f"{script.name} must read the version from pyproject.toml"
    assert 'version("apa-desktop")' in SPEC.read_text("utf-8")  # the exe's version resource
    assert "APA-Desktop-$version-setup.exe" in BUILD.read_text("utf-8")
    assert "APA-Desktop-$VERSION-setup.exe" in SMOKE.read_text("utf-8")
    assert "APA-Desktop-$VERSION-setup.exe" in WORKFLOW.read_text("utf-8")
    assert nsis_define("OUTFILE") == "APA-Desktop-${VERSION}-setup.exe"


def test_the_installer_associates_exactly_the_file_kinds_the_application_opens():
    text = NSI.read_text("utf-8")
    kinds = {"." + ext for ext in re.findall(r'!insertmacro ASSOCIATE "(\w+)"', text)}
    removed = {"." + ext for ext in re.findall(r'!insertmacro UNASSOCIATE "(\w+)"', text)}
    assert kinds == removed == set(HANDLERS)
    for script in (SMOKE, WORKFLOW):
        listed = re.search(r"for(?:each \()? ?\$?ext in ([^;\n)]+)", script.read_text("utf-8")).group(1)
        assert {"." + e.strip('", ') for e in listed.split()} == set(HANDLERS), script.name


def test_one_data_folder_kept_out_of_the_program_folder():
    assert nsis_define("DATA_DIR") == APP_NAME
    assert 'RMDir /r "$LOCALAPPDATA\\${DATA_DIR}"' in NSI.read_text("utf-8")
    assert f'DATA="$LOCAL/{APP_NAME}"' in SMOKE.read_text("utf-8")
    assert f"$env:LOCALAPPDATA\\{APP_NAME}\\apa.sqlite3" in WORKFLOW.read_text("utf-8")
    assert "InstallDir \"$LOCALAPPDATA\\Programs\\" in NSI.read_text("utf-8")
    assert "RequestExecutionLevel user" in NSI.read_text("utf-8")


def test_the_spec_makes_the_executables_and_icon_the_installer_packs():
    spec = SPEC.read_text("utf-8")
    for define in ("GUI_EXE", "CLI_EXE"):
        assert f'name="{nsis_define(define).removesuffix(".exe")}"' in spec
    assert '"windows" / "apa-desktop.ico"' in spec and (ROOT / "installer" / "windows" / "apa-desktop.ico").is_file()


def test_the_windows_build_pins_the_pyside6_range_of_pyproject():
    pins = dict(line.split("==") for line in LOCK.read_text("utf-8").splitlines() if line and not line.startswith("#"))
    declared = next(d for d in PYPROJECT["project"]["dependencies"] if d.startswith("PySide6-Essentials"))
    low, high = re.search(r">=([\d.]+),<([\d.]+)", declared).groups()
    as_tuple = lambda v: tuple(int(p) for p in v.split("."))
    assert as_tuple(low) <= as_tuple(pins["pyside6-essentials"]) < as_tuple(high)
    assert pins["shiboken6"] == pins["pyside6-essentials"]
    assert as_tuple(high) <= (6, 10), "6.10+ needs Windows' ICU (absent on Windows 10 1809 and in Wine 8)"


def test_the_windows_lock_pins_every_runtime_dependency_of_pyproject():
    """Also what the extras asked for bring (reportlab[shaping,accel]: uharfbuzz, rl_accel)."""
    from importlib.metadata import requires

    from packaging.requirements import Requirement

    pins = {line.split("==")[0] for line in LOCK.read_text("utf-8").splitlines() if line and not line.startswith("#")}
    for requirement in map(Requirement, PYPROJECT["project"]["dependencies"]):
        wanted = [requirement.name] + [
            extra_requirement.name
            for extra_requirement in map(Requirement, requires(requirement.name) or [])
            if extra_requirement.marker
            and any(extra_requirement.marker.evaluate({"extra": extra}) for extra in requirement.extras)]
        for name in wanted:
            name = name.lower().replace("_", "-")
            assert name in pins, f"{name} is missing from {LOCK.name}: installer/build_windows.sh --lock"


def _spec_tuple(name: str) -> set[str]:
    """The strings of the spec's list or tuple assigned to NAME."""
    body = re.search(rf"^{name} = [\[(](.*?)[\])]\n", SPEC.read_text("utf-8"), re.M | re.S)
    assert body, f"{name} not found in the spec"
    return set(re.findall(r'"([^"]+)"', body.group(1)))


def _qt_modules_the_app_imports() -> set[str]:
    import ast

    found = set()
    for path in (ROOT / "apa_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else (
                [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            found |= {n.split(".")[1] for n in names if n.startswith("PySide6.")}
    return found


def test_the_frozen_build_keeps_every_qt_module_the_application_imports():
    """A Qt module the app imports (even lazily, as the outbox imports QtNetwork) must not be
    excluded from the frozen build, nor its library dropped: the frozen self-test fails otherwise."""
    used = _qt_modules_the_app_imports()
    assert {"QtCore", "QtGui", "QtWidgets", "QtNetwork"} <= used
    assert not used & _spec_tuple("QT_UNUSED")
    dropped = _spec_tuple("QT_LIB_DROP")
    assert not {f"Qt6{m.removeprefix('Qt')}" for m in used} & dropped
    assert "networkinformation" not in _spec_tuple("QT_PLUGIN_DROP")
