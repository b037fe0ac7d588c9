"""How much of each demo export's own Bengali text three extractors give back (target: at least
98 % with pdftotext on every export; tests/test_pdf_text_search.py enforces that one).

Run: ``.venv/bin/python bench/bench_pdf_text.py`` (needs poppler's pdftotext, and from PyPI
``pymupdf`` and ``pypdfium2``: ``.venv/bin/pip install pymupdf pypdfium2``; an extractor that is
missing is left out). The words are the embedded office-year JSON's Bengali words that the
document draws (tests/pdf_words.py); a word counts as found when it occurs whole in the
extractor's text of all pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import pdf_words


def _extractors() -> dict[str, object]:
    extractors: dict[str, object] = {"pdftotext": pdf_words.pdftotext}
    if importlib.util.find_spec("pymupdf"):
        extractors["PyMuPDF"] = pdf_words.pymupdf_text
    if importlib.util.find_spec("pypdfium2"):
        extractors["pypdfium2"] = pdf_words.pdfium_text
    return extractors


def main() -> None:
    extractors = _extractors()
    found = dict.fromkeys(extractors, 0)
    lowest = dict.fromkeys(extractors, (1.0, ""))
    total = 0
    print(f"{'export':42s} {'words':>5s} " + " ".join(f"{name:>9s}" for name in extractors))
    for export in pdf_words.demo_exports():
        total += len(export.own_words)
        shares = []
        for name, extract in extractors.items():
            share, missing = pdf_words.found_share(export.own_words, extract(export.pdf))
            found[name] += len(export.own_words) - len(missing)
            lowest[name] = min(lowest[name], (share, export.name))
            shares.append(share)
        print(f"{export.name:42s} {len(export.own_words):5d} " + " ".join(f"{share:9.1%}" for share in shares))
    print(f"{'all exports (words found / words)':42s} {total:5d} "
          + " ".join(f"{found[name] / total:9.1%}" for name in extractors))
    for name, (share, where) in lowest.items():
        print(f"lowest {name}: {share:.1%} ({where})")


if __name__ == "__main__":
    main()
