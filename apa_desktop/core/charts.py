"""What a chart shows, as plain data: the window (ui/charts.py, QPainter) and the PDFs
(export/pdf/charts.py, ReportLab graphics) draw the same :class:`BarChart`.

A chart is grouped bars: categories along the bottom (a part of the score, a score band, a day),
one bar per series in each category (a quarter, say). Each category has its own full scale
(``maxima``): the own areas are out of 70, governance out of 30, an annex out of its total, so a
bar's height is its share of its category's maximum and its label says the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .numerals import QUARTER_ORDINALS, format_number, with_digits
from .scoring import GOVERNANCE_MARKS, OWN_MARKS, Breakdown

PALETTE = ("#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457")
"""Series colours (as hex), the same on screen and on paper."""


@dataclass(frozen=True)
class Label:
    """A text in both languages."""

    bn: str
    en: str

    def text(self, lang: str) -> str:
        return self.bn if lang == "bn" else self.en


@dataclass(frozen=True)
class Series:
    name: Label
    values: tuple[float, ...]
    """One value per category."""


@dataclass(frozen=True)
class Marker:
    """A vertical line before category ``index`` (a deadline on a chart of days)."""

    index: int
    label: Label


@dataclass(frozen=True)
class BarChart:
    title: Label
    categories: tuple[Label, ...]
    series: tuple[Series, ...]
    maxima: tuple[float, ...]
    """Per category, the value a full-height bar stands for."""
    decimals: int = 2
    markers: tuple[Marker, ...] = ()
    value_labels: bool = True
    """Print each bar's value over it (off for charts of many narrow bars)."""

    def share(self, series: int, category: int) -> float:
        """The bar's height as a share (0-1) of its category's maximum."""
        top = self.maxima[category]
        value = self.series[series].values[category]
        return 0.0 if top <= 0 else max(0.0, min(1.0, value / top))

    def value_text(self, series: int, category: int, digits: str = "bn") -> str:
        return format_number(self.series[series].values[category], digits, self.decimals)

    def maximum_text(self, category: int, digits: str = "bn") -> str:
        return format_number(self.maxima[category], digits, 0 if self.maxima[category].is_integer() else 2)


PART_LABELS = {
    "own": Label("নিজস্ব ক্ষেত্র", "Own areas"),
    "governance": Label("সুশাসন", "Governance"),
    "nis": Label("শুদ্ধাচার", "Integrity"),
    "egov": Label("ই-গভর্ন্যান্স", "E-governance"),
    "grs": Label("অভিযোগ প্রতিকার", "Grievances"),
    "charter": Label("সেবা প্রতিশ্রুতি", "Charter"),
    "rti": Label("তথ্য অধিকার", "RTI"),
}
"""Short names of the score's parts, for chart axes (the forms' full titles are too long)."""


def score_parts(breakdown: Breakdown) -> list[tuple[str, float, float]]:
    """(part key, obtained, out of) for the own areas, governance and each annex, in form order."""
    parts = [("own", breakdown.own_part, OWN_MARKS), ("governance", breakdown.governance_part, GOVERNANCE_MARKS)]
    annexes = breakdown.annex_totals()
    parts += [(k, *annexes[k]) for k in ("nis", "egov", "grs", "charter", "rti") if k in annexes]
    return parts


def quarter_label(quarter: int | None) -> Label:
    if quarter is None:
        return Label("বার্ষিক", "Year")
    return Label(f"{QUARTER_ORDINALS[quarter - 1]} ত্রৈমাসিক", f"Q{quarter}")


def score_by_part(breakdowns: Sequence[Breakdown]) -> BarChart:
    """The score by part, one series per breakdown (each quarter so far, or the year).

    The parts (and their maxima) are those of the last breakdown: every breakdown of one
    office-year has the same plans."""
    if not breakdowns:
        raise ValueError("a chart needs at least one breakdown")
    parts = score_parts(breakdowns[-1])
    series = []
    for breakdown in breakdowns:
        obtained = {key: value for key, value, _ in score_parts(breakdown)}
        series.append(Series(quarter_label(breakdown.quarter), tuple(obtained.get(k, 0.0) for k, _, _ in parts)))
    return BarChart(Label("অংশভিত্তিক প্রাপ্ত নম্বর", "Score by part"),
                    tuple(PART_LABELS[k] for k, _, _ in parts), tuple(series), tuple(top for _, _, top in parts))


def distribution(scores: Sequence[float], band: float = 5.0, low: float = 50.0) -> BarChart:
    """How many offices scored in each band of ``band`` marks (below ``low`` in one band)."""
    edges = [low + band * i for i in range(int((100 - low) / band))]
    counts = [0] * (len(edges) + 1)
    for score in scores:
        index = 0 if score < low else min(len(edges), int((score - low) // band) + 1)
        counts[index] += 1
    names = [Label(f"<{with_digits(format_number(low, 'en', 0), 'bn')}", f"<{format_number(low, 'en', 0)}")]
    for edge in edges:
        en = f"{format_number(edge, 'en', 0)}-{format_number(min(100.0, edge + band), 'en', 0)}"
        names.append(Label(with_digits(en, "bn"), en))
    top = float(max(counts, default=0) or 1)
    return BarChart(Label("মোট নম্বরের বণ্টন (অফিস সংখ্যা)", "Distribution of totals (offices)"), tuple(names),
                    (Series(Label("অফিস", "Offices"), tuple(float(c) for c in counts)),), (top,) * len(counts),
                    decimals=0)
