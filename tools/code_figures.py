"""Figures for a clean-up's before/after note: functions over 50 lines and import circles.

    python tools/code_figures.py [PACKAGE_DIR]

A function's length is its lines from ``def`` to its last statement (decorators and docstring
included). Circles are strongly connected components of the import graph, counted twice: over
every import (those inside functions too) and over the imports run when a module loads.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

LONG = 50


def long_functions(package: Path) -> list[tuple[str, int]]:
    """(file:line name, lines) of every function longer than :data:`LONG` lines, longest first."""
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                length = (node.end_lineno or node.lineno) - start + 1
                if length > LONG:
                    found.append((f"{path.relative_to(package.parent)}:{node.lineno} {node.name}", length))
    return sorted(found, key=lambda item: -item[1])


def module_name(package: Path, path: Path) -> str:
    """The dotted name of a module file (a package's __init__ is the package)."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def load_time_statements(tree: ast.Module) -> Iterator[ast.stmt]:
    """The statements run at import time: the module's own, and those inside its top-level
    if/try blocks (not inside functions or classes)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop(0)
        yield node
        if isinstance(node, (ast.If, ast.Try)):
            pending += node.body + node.orelse + getattr(node, "finalbody", []) + [
                s for handler in getattr(node, "handlers", []) for s in handler.body]


def import_graph(package: Path, load_time_only: bool) -> dict[str, set[str]]:
    """Module → the package's modules it imports (relative imports resolved)."""
    paths = sorted(package.rglob("*.py"))
    names = {module_name(package, p) for p in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        module = module_name(package, path)
        base_package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for node in (load_time_statements(tree) if load_time_only else ast.walk(tree)):
            candidates = []
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = base_package.split(".")
                    base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                candidates = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in candidates:
                while target and target not in names:
                    target = target.rpartition(".")[0]
                if target and target != module and not module.startswith(target + "."):
                    targets.add(target)
        graph[module] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of two or more modules (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def main(argv: list[str]) -> None:
    package = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "apa_desktop"
    longs = long_functions(package)
    print(f"functions over {LONG} lines: {len(longs)}")
    for where, length in longs:
        print(f"  {length:4d}  {where}")
    for load_time_only, what in ((False, "every import"), (True, "imports run at load time")):
        found = circles(import_graph(package, load_time_only))
        print(f"import circles ({what}): {len(found)}")
        for component in found:
            print("  " + " ↔ ".join(component))


if __name__ == "__main__":
    main(sys.argv[1:])
