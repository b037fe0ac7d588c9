"""Fiscal-year templates: they load, their totals are the seeds' annex totals, new years use them."""

from __future__ import annotations

import pytest

from apa_desktop.core.demo import demo_office_years
from apa_desktop.core.model import NisPlan, Office, Plan
from apa_desktop.core.templates import (TemplateError, available_years, find_template, load_templates,
                                        new_office_year)

TOTALS = {("egov", "2022-23"): 50, ("egov", "2023-24"): 50, ("grs", "2022-23"): 25, ("grs", "2023-24"): 25,
          ("charter", "2022-23"): 25, ("charter", "2023-24"): 25, ("rti", "2022-23"): 25, ("rti", "2023-24"): 3,
          ("nis", "2022-23"): 50}


def test_every_template_file_loads_with_its_id_matching_its_contents() -> None:
    templates = load_templates()
    assert len(templates) == 13
    for t in templates:
        assert t.id == f"{t.kind}/{t.fiscal_year}/{t.tier}/{t.version}" and t.source
        assert isinstance(t.plan, NisPlan if t.kind == "nis" else Plan)
    assert available_years() == ["2022-23", "2023-24"]


@pytest.mark.parametrize(("kind", "year"), sorted(TOTALS))
def test_annex_totals_match_the_seeds(kind: str, year: str) -> None:
    plan = find_template(kind, year, "district").plan
    assert plan.total == TOTALS[(kind, year)]
    if kind != "nis":
        assert sum(i.weight or 0 for a in plan.areas for act in a.activities for i in act.indicators) == plan.total


def test_templates_hold_targets_but_no_achievements() -> None:
    for t in load_templates():
        if t.kind == "nis":
            acts = [a for s in t.plan.sections for a in s.activities]
            assert all(a.achievements == [None] * 4 and a.typed_total is None and not a.remark for a in acts)
        else:
            inds = [i for a in t.plan.areas for act in a.activities for i in act.indicators]
            assert inds and all(i.quarters == [None] * 4 and not i.pending and not i.remark for i in inds)
            assert any(any(level is not None for level in i.levels) for i in inds) or t.kind == "governance"


def test_governance_template_is_carried_over_and_says_so() -> None:
    t = find_template("governance", "2023-24", "upazila")
    assert "carried over from 2022-23" in t.source
    area = t.plan.areas[0]
    assert area.governance and area.weight == 30
    assert [i.feeds_from for act in area.activities for i in act.indicators] == ["nis", "egov", "grs", "charter", "rti"]


def test_field_tiers_share_the_field_template_and_head_offices_have_their_own_egov() -> None:
    assert find_template("egov", "2022-23", "upazila").id == "egov/2022-23/field/1"
    assert find_template("egov", "2022-23", "regional").id == "egov/2022-23/field/1"
    assert find_template("egov", "2022-23", "head_office").id == "egov/2022-23/head_office/1"
    assert find_template("grs", "2022-23", "head_office").id == "grs/2022-23/field/1"


def test_new_office_year_records_the_template_of_every_part() -> None:
    oy = new_office_year(Office(id="x", name="x", tier="district"), "2022-23")
    assert oy.template_ids() == {"section3": "governance/2022-23/field/1", "egov": "egov/2022-23/field/1",
                                 "grs": "grs/2022-23/field/1", "charter": "charter/2022-23/field/1",
                                 "rti": "rti/2022-23/field/1", "nis": "nis/2022-23/field/1"}
    assert sum(a.weight for a in oy.section3.areas) == 30


def test_a_year_without_templates_uses_the_nearest_earlier_year_and_records_it() -> None:
    oy = new_office_year(Office(id="x", name="x", tier="upazila"), "2025-26")
    assert set(oy.template_ids().values()) == {f"{k}/2023-24/field/1" for k in
                                               ("governance", "egov", "grs", "charter", "rti", "nis")}
    with pytest.raises(TemplateError):
        find_template("egov", "2019-20", "field")


def test_demo_office_years_score_out_of_100_where_they_hold_section3() -> None:
    years = {oy.office.id: oy for oy in demo_office_years()}
    assert set(years) == {"tongi-lwc", "khulna-ict", "dte", "mole"}
    for office_id in ("tongi-lwc", "khulna-ict"):
        assert sum(a.weight for a in years[office_id].section3.areas) == 100
    assert years["tongi-lwc"].section3.template_id == "governance/2023-24/field/1"
    assert years["tongi-lwc"].report_quarter == 3
