"""Re-basing a part on a newer template keeps every matched achievement, and no achievement is lost
without being listed in the preview (a property over random template edits)."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from apa_desktop.core.model import Office
from apa_desktop.core.rebase import newer_templates, preview, rebased
from apa_desktop.core.templates import find_template, make_template, new_office_year

BASE = find_template("grs", "2026-27")
NIS = find_template("nis", "2026-27")


def started_year():
    """A 2026-27 office-year with an achievement, a remark and evidence on every row."""
    oy = new_office_year(Office(id="x", name="অফিস", tier="upazila"), "2026-27")
    for n, ind in enumerate(i for a in oy.annexes["grs"].areas for act in a.activities for i in act.indicators):
        ind.quarters[0] = float(n + 1)
        ind.remark = f"মন্তব্য {n}"
        ind.evidence[0] = [f"{n:064x}"]
    for n, act in enumerate(a for s in oy.nis.sections for a in s.activities):
        act.achievements[1] = float(n + 1) if act.unit in ("count", "percent") else None
        act.remark = f"NIS {n}"
    return oy


def reported(plan) -> dict[str, tuple]:
    return {i.code: (i.quarters, i.remark, i.evidence) for a in plan.areas for act in a.activities
            for i in act.indicators}


def test_a_newer_version_is_offered_and_rebasing_keeps_every_matched_achievement():
    oy = started_year()
    plan = copy.deepcopy(BASE.plan)
    plan.areas[0].activities[0].indicators[0].weight = 14
    plan.areas[0].activities[-1].indicators[0].weight = 6
    v1 = make_template("grs", "2026-27", "field", 1, "official", "circular", plan)
    assert newer_templates(oy, [BASE, v1])["grs"] is v1
    changes = {c.code: c for c in preview(oy, v1).rows}
    assert changes["1.1.1"].status == "changed" and changes["1.1.1"].changed == ("weight",)
    assert changes["2.1.1"].status == "unchanged"
    after = rebased(oy, v1)
    assert reported(after) == reported(oy.annexes["grs"]) and after.template_id == v1.id
    assert after.template_sha256 == v1.sha256


def test_nis_rebase_keeps_the_office_heading_and_achievements():
    oy = started_year()
    plan = copy.deepcopy(NIS.plan)
    plan.sections[0].activities[0].weight = 2
    v1 = make_template("nis", "2026-27", "field", 1, "official", "circular", plan)
    after = rebased(oy, v1)
    assert after.office_label == "অফিস"
    assert [a.achievements for s in after.sections for a in s.activities] == \
        [a.achievements for s in oy.nis.sections for a in s.activities]


edits = st.lists(st.tuples(st.sampled_from(["drop", "recode", "weight", "duplicate", "add"]),
                           st.integers(0, 10), st.integers(1, 9)), max_size=8)


@settings(max_examples=60, deadline=None)
@given(edits)
def test_no_achievement_is_lost_without_being_listed_in_the_preview(changes):
    oy = started_year()
    plan = copy.deepcopy(BASE.plan)
    for change, which, number in changes:
        acts = [act for a in plan.areas for act in a.activities]
        act = acts[which % len(acts)]
        if change == "drop" and act.indicators:
            act.indicators.pop(0)
        elif change == "recode" and act.indicators:
            act.indicators[0].code = f"{act.code}.{number + 5}"
        elif change == "weight" and act.indicators:
            act.indicators[0].weight = number
        elif change == "duplicate" and act.indicators:
            act.indicators.append(copy.deepcopy(act.indicators[0]))
        elif change == "add":
            new = copy.deepcopy(acts[0].indicators[0]) if acts[0].indicators else None
            if new is not None:
                new.code = f"{act.code}.{number + 20}"
                act.indicators.append(new)
    template = make_template("grs", "2026-27", "field", 1, "official", "circular", plan)
    before = [(i.code, i.quarters, i.remark, i.evidence) for a in oy.annexes["grs"].areas for act in a.activities
              for i in act.indicators]
    after = rebased(oy, template)
    kept = [(i.quarters, i.remark, i.evidence) for a in after.areas for act in a.activities for i in act.indicators]
    listed = {c.code for c in preview(oy, template).lost()}
    for code, *report in before:
        assert tuple(report) in kept or code in listed, f"{code}'s achievement vanished without a word"
