"""Print the module index of docs/architecture.md: every module of the package in a line, with
the first sentence of its docstring. `python tools/module_index.py --write` rewrites the part of
docs/architecture.md between its two index markers; tests/test_docs.py fails when a module is
missing from it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "apa_desktop"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- module index: begin -->", "<!-- module index: end -->"


def first_sentence(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    text = " ".join(doc.split())
    if ". " in text:
        text = text[: text.index(". ") + 1]
    return text or "(no docstring)"


def index() -> str:
    lines = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if path.name == "__init__.py":
            if path.parent == PACKAGE:
                continue
            relative = relative[: -len("__init__.py")]
        elif relative == "__main__.py":
            continue
        lines.append(f"- `{relative}` — {first_sentence(path)}")
    return "\n".join(lines)


def main() -> None:
    text = index()
    if "--write" in sys.argv:
        doc = DOC.read_text(encoding="utf-8")
        head, _, rest = doc.partition(BEGIN)
        _, _, tail = rest.partition(END)
        DOC.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
