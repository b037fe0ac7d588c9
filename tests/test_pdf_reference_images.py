"""Rasterized comparison of chosen pages against approved reference images (looked at by a person:
shaped conjuncts, no boxes, no clipped cells). Set APA_UPDATE_REFERENCES=1 to re-approve after a
deliberate change of the layout, and look at the new images before committing them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from apa_desktop.core.demo import demo_office_years
from apa_desktop.export.pdf import apa_pdf

REFERENCES = Path(__file__).resolve().parent / "data" / "pdf_reference"
PAGES = {"khulna-apa-p1": ("khulna-ict", None, 1), "khulna-apa-p2": ("khulna-ict", None, 2), "khulna-apa-p7": ("khulna-ict", None, 7),
         "tongi-q3-p3": ("tongi-lwc", 3, 3)}
MAX_MEAN_DIFFERENCE = 2.0  # of 255: antialiasing noise passes, a moved row or a broken glyph does not

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")


def _render(pdf: bytes, page: int, tmp_path: Path) -> Path:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile",
                    str(source), str(tmp_path / "page")], check=True)
    return tmp_path / "page.png"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_approved_image(name, tmp_path):
    from PIL import Image, ImageChops, ImageStat

    office, quarter, page = PAGES[name]
    office_year = next(oy for oy in demo_office_years() if oy.office.id == office)
    rendered = _render(apa_pdf(office_year, quarter), page, tmp_path)
    reference = REFERENCES / f"{name}.png"
    if os.environ.get("APA_UPDATE_REFERENCES") == "1":
        REFERENCES.mkdir(parents=True, exist_ok=True)
        shutil.copy(rendered, reference)
    if not reference.exists():
        pytest.skip(f"no approved reference image {reference.name}")
    new, old = Image.open(rendered).convert("L"), Image.open(reference).convert("L")
    assert new.size == old.size
    difference = ImageStat.Stat(ImageChops.difference(new, old)).mean[0]
    assert difference < MAX_MEAN_DIFFERENCE, f"{name}: mean difference {difference:.2f}"
