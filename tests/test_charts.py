"""The one charting layer: the chart description in core, its window and PDF painters."""

from __future__ import annotations

import subprocess

import pytest

from apa_desktop.core.charts import distribution, score_by_part, score_parts
from apa_desktop.core.demo import demo_office_years
from apa_desktop.core.scoring import score_office_year


@pytest.fixture(scope="module")
def tongi():
    return next(oy for oy in demo_office_years() if oy.office.id == "tongi-lwc")


def test_score_by_part_has_one_series_per_quarter_with_the_breakdowns_figures(tongi):
    breakdowns = [score_office_year(tongi, q) for q in (1, 2, 3)]
    chart = score_by_part(breakdowns)
    assert [s.name.en for s in chart.series] == ["Q1", "Q2", "Q3"]
    assert [c.en for c in chart.categories][:2] == ["Own areas", "Governance"]
    assert chart.maxima[:2] == (70.0, 30.0)
    for series, breakdown in zip(chart.series, breakdowns):
        assert series.values == tuple(obtained for _, obtained, _ in score_parts(breakdown))
    assert chart.value_text(2, 0, "bn") == "৭০.০০" and chart.value_text(2, 0, "en") == "70.00"
    assert 0.0 <= chart.share(0, 1) <= 1.0


def test_distribution_counts_each_score_in_its_band():
    chart = distribution([49.0, 50.0, 54.99, 55.0, 99.5, 100.0])
    counts = dict(zip((c.en for c in chart.categories), chart.series[0].values))
    assert counts["<50"] == 1 and counts["50-55"] == 2 and counts["55-60"] == 1 and counts["95-100"] == 2
    assert sum(chart.series[0].values) == 6


def test_the_window_draws_a_bar_per_quarter_and_part(qtbot, tongi):
    from PySide6.QtGui import QColor

    from apa_desktop.core.charts import PALETTE
    from apa_desktop.ui.charts import ChartWidget

    widget = ChartWidget(score_by_part([score_office_year(tongi, q) for q in (1, 2)]))
    widget.resize(600, 260)
    qtbot.addWidget(widget)
    image = widget.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, 600, 3) for y in range(0, 260, 3)}
    assert QColor(PALETTE[0]).name() in colours and QColor(PALETTE[1]).name() in colours


def test_the_progress_report_has_the_score_chart_after_its_summary(tmp_path, tongi):
    from apa_desktop.export.pdf import apa_pdf

    pdf = tmp_path / "q3.pdf"
    pdf.write_bytes(apa_pdf(tongi, 3))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "p1")], check=True)
    from PIL import Image

    from apa_desktop.core.charts import PALETTE

    image = Image.open(tmp_path / "p1.png").convert("RGB")
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    for colour in PALETTE[:3]:  # one bar colour per quarter reported so far
        rgb = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        assert any(all(abs(a - b) < 8 for a, b in zip(rgb, c)) for c in colours), colour
