"""Results and ranks among sibling offices (ties share a rank), and who is late for a quarter's
report: pure functions over plain rows, the way HQ reads them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from apa_desktop.hq.late import default_period, per_day, submissions
from apa_desktop.hq.results import competition_ranks, results


@dataclass
class Row:
    office_id: str
    superior_office: str = "বিভাগ-ক"
    tier: str = "upazila"
    self_total: float = 80.0
    evaluated_total: float | None = None
    office_name: str = "অফিস"
    self_parts: list = field(default_factory=lambda: [("own", 56.0, 70.0), ("governance", 24.0, 30.0)])
    evaluated_parts: list | None = None
    reported_quarter: int = 0
    bundle_times: tuple = ()


def test_competition_ranks_share_ties_and_skip_after_them():
    assert competition_ranks([90.0, 95.0, 95.0, 100.0, 80.0]) == [4, 2, 2, 1, 5]
    assert competition_ranks([70.004, 70.0]) == [1, 1]  # equal as published, with two decimals
    assert competition_ranks([]) == []


def test_results_rank_among_siblings_only_and_prefer_the_evaluated_total():
    rows = [Row("a", self_total=90.0), Row("b", self_total=95.0, evaluated_total=85.0,
                                           evaluated_parts=[("own", 60.0, 70.0), ("governance", 25.0, 30.0)]),
            Row("c", self_total=90.0), Row("d", tier="district", self_total=50.0),
            Row("e", superior_office="বিভাগ-খ", self_total=99.0)]
    out = {r.office_id: r for r in results(rows)}
    assert (out["a"].rank, out["c"].rank, out["b"].rank) == (1, 1, 3)
    assert out["a"].siblings == 3 and out["d"].rank == 1 and out["d"].siblings == 1 and out["e"].rank == 1
    assert (out["b"].total, out["b"].source, out["b"].parts[0]) == (85.0, "evaluated", ("own", 60.0, 70.0))
    assert out["a"].source == "self"
    only = results(rows, superior="বিভাগ-ক", tier="upazila")
    assert [r.office_id for r in only] == ["a", "c", "b"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ক", "খ", "গ"]), st.sampled_from(["upazila", "district"]),
                          st.sampled_from([70.0, 80.0, 80.004, 80.006, 85.5, 90.0]),
                          st.one_of(st.none(), st.sampled_from([75.0, 80.0, 88.25]))), max_size=40))
def test_every_rank_is_one_more_than_the_siblings_with_a_higher_published_total(offices):
    rows = [Row(f"o{i}", superior_office=sup, tier=tier, self_total=own, evaluated_total=ev)
            for i, (sup, tier, own, ev) in enumerate(offices)]
    out = results(rows)
    assert sorted(r.office_id for r in out) == sorted(r.office_id for r in rows)
    for r in out:
        siblings = [x for x in out if (x.superior_office, x.tier) == (r.superior_office, r.tier)]
        assert r.rank == 1 + sum(1 for x in siblings if round(x.total, 2) > round(r.total, 2))
        assert r.siblings == len(siblings)
        row = next(x for x in rows if x.office_id == r.office_id)
        assert r.total == round(row.evaluated_total if row.evaluated_total is not None else row.self_total, 2)


def test_who_is_late_for_a_quarter():
    fy, q = "2026-27", 1  # Q1 ends 30 Sep 2026, due 15 Oct 2026
    rows = [Row("on", reported_quarter=1, bundle_times=("2026-09-01T10:00", "2026-10-14T09:00")),
            Row("late", reported_quarter=2, bundle_times=("2026-10-20T10:00",)),
            Row("early", reported_quarter=1, bundle_times=("2026-09-29T10:00",)),
            Row("none", reported_quarter=0, bundle_times=("2026-08-01T10:00",)),
            Row("never", tier="district")]
    subs = {s.office_id: s for s in submissions(rows, fy, q)}
    assert {k: s.status for k, s in subs.items()} == {"on": "on_time", "late": "late", "early": "on_time",
                                                     "none": "not_yet", "never": "not_yet"}
    assert subs["on"].sent_on == date(2026, 10, 14) and subs["early"].sent_on == date(2026, 9, 29)
    assert [s.status for s in submissions(rows, fy, q)][:2] == ["not_yet", "not_yet"]  # who to chase first
    assert {s.office_id for s in submissions(rows, fy, q, tier="district")} == {"never"}
    chart = per_day(list(subs.values()), fy, q)
    assert sum(chart.series[0].values) == 3  # the three that sent; the first day is the earliest sending
    first = date(2026, 9, 29)
    assert chart.markers[0].index == (date(2026, 10, 15) - first).days
    sent_days = [c for c in range(len(chart.categories)) if chart.series[0].values[c]]
    assert sent_days == [0, (date(2026, 10, 14) - first).days, (date(2026, 10, 20) - first).days]


def test_the_default_period_is_the_report_due_next():
    assert default_period(date(2026, 12, 1)) == ("2026-27", 2)
    assert default_period(date(2027, 7, 20)) == ("2027-28", 1)
    assert default_period(date(2026, 12, 1), "2025-26", 4) == ("2025-26", 4)
