"""The layers point one way: read every module's imports (AST) and fail on one that runs back up.

core/ is pure Python (no Qt, no SQLite, no other layer); db/ stores the office's data; export/
writes and reads files; hq/ is headquarters; sync/ sends bundles; crashlog.py keeps what went
wrong; ui/ shows; cli/ and the top-level entry points call everything. No two modules import each other, directly or round a
longer circle.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "apa_desktop"

# What each layer may import from the package (besides itself).
ALLOWED = {
    "paths": set(),
    "core": {"paths"},
    "db": {"core", "paths"},
    "export": {"core", "db", "paths"},
    "hq": {"core", "export", "paths"},
    "sync": {"core", "db", "export", "paths"},
    "crashlog": {"core", "db", "paths"},
    "ui": {"core", "db", "export", "hq", "sync", "paths", "crashlog"},
    "cli": {"core", "db", "export", "hq", "sync", "ui", "paths", "crashlog", "selftest"},
    "selftest": {"core", "db", "export", "hq", "sync", "ui", "paths"},
    "__main__": {"cli"},
    "__init__": set(),
}
# Third-party modules a layer must never import.
FORBIDDEN_THIRD_PARTY = {
    "core": {"PySide6", "shiboken6", "sqlite3", "sqlite_utils", "psycopg", "reportlab", "pyhanko"},
    "db": {"PySide6", "shiboken6", "reportlab", "pyhanko"},
    "export": {"PySide6", "shiboken6"},
    "hq": {"PySide6", "shiboken6"},
    "sync": {"PySide6", "shiboken6"},
}


def _tool(name: str):
    """A module of tools/ (the same code counts circles for the closing figures)."""
    spec = importlib.util.spec_from_file_location(name, PACKAGE.parent / "tools" / f"{name}.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


FIGURES = _tool("code_figures")


def module_name(path: Path) -> str:
    return FIGURES.module_name(PACKAGE, path)


MODULES = sorted(PACKAGE.rglob("*.py"))
ALL_NAMES = {module_name(p) for p in MODULES}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, relative imports resolved."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # "from . import x" imports the submodule x
            found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names
                      if f"{target}.{alias.name}" in ALL_NAMES]
    return found




def test_every_top_level_module_has_a_layer():
    assert {layer_of(module_name(p)) for p in MODULES} <= set(ALLOWED)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_module_imports_only_the_layers_below_it(path: Path):
    layer = layer_of(module_name(path))
    wrong = []
    for target, line in imports_of(path):
        top = target.split(".")[0]
        if top == "apa_desktop":
            if target not in ALL_NAMES and target.rsplit(".", 1)[0] not in ALL_NAMES:
                continue
            other = layer_of(target)
            if other != layer and other not in ALLOWED[layer] and target != "apa_desktop":
                wrong.append(f"line {line}: {layer}/ imports {target}")
        elif top in FORBIDDEN_THIRD_PARTY.get(layer, set()):
            wrong.append(f"line {line}: {layer}/ imports {top}")
    assert not wrong, "\n".join(wrong)


def test_no_two_modules_import_each_other_when_loaded():
    # Deferred imports inside functions do not make a circle at load time; two remain
    # (core.templates -> core.carryover, export.interchange_file -> export.signing).
    circles = FIGURES.circles(FIGURES.import_graph(PACKAGE, load_time_only=True))
    assert not circles, "modules that import each other: " + "; ".join(" ↔ ".join(c) for c in circles)
