"""Fiscal-year templates: they load and validate, their totals are the seeds', every year an office
may be in has one (official, partial or an explicit carry-over), and new office-years start clean."""

from __future__ import annotations

import json
from datetime import date

import pytest

from apa_desktop.core.calendar import offered_fiscal_years, plan_year_labels
from apa_desktop.core.carryover import carry_over, renumber_text
from apa_desktop.core.demo import DEMO, demo_office_years
from apa_desktop.core.model import NisPlan, Office, Plan
from apa_desktop.core.scoring import validate_weights
from apa_desktop.core.template_check import check_template
from apa_desktop.core.templates import (
    KINDS,
    TemplateError,
    available_years,
    find_template,
    load_templates,
    new_office_year,
    template_id,
    templates_for_year,
    year_status,
)

TOTALS = {("egov", "2022-23"): 50, ("egov", "2023-24"): 50, ("grs", "2022-23"): 25, ("grs", "2023-24"): 25,
          ("charter", "2022-23"): 25, ("charter", "2023-24"): 25, ("rti", "2022-23"): 25, ("rti", "2023-24"): 3,
          ("nis", "2022-23"): 50, ("nis", "2023-24"): 10}


def test_every_template_file_loads_with_its_id_matching_its_contents() -> None:
    for t in load_templates():
        assert t.id == template_id(t.kind, t.fiscal_year, t.tier, t.version, t.status) and t.source
        assert isinstance(t.plan, NisPlan if t.kind == "nis" else Plan)
    assert available_years() == ["2022-23", "2023-24", "2024-25", "2025-26", "2026-27"]


def test_every_shipped_template_passes_the_validation() -> None:
    for t in load_templates():
        assert check_template(t) == [], t.id


@pytest.mark.parametrize(("kind", "year"), sorted(TOTALS))
def test_annex_totals_match_the_seeds(kind: str, year: str) -> None:
    plan = find_template(kind, year, "district").plan
    assert plan.total == TOTALS[(kind, year)]


def test_templates_hold_targets_but_no_achievements_and_nothing_of_the_demo_offices() -> None:
    names = [office.name for _, office, _ in DEMO] + ["টংগী", "টঙ্গী", "খুলনা", "কারিগরি শিক্ষা অধিদপ্তর"]
    people = {oy.cover.office_signatory.name for oy in demo_office_years()} - {""}
    for t in load_templates():
        text = json.dumps(t.data, ensure_ascii=False)
        assert not any(name in text for name in names + sorted(people)), t.id
        if t.kind == "nis":
            acts = [a for s in t.plan.sections for a in s.activities]
            assert t.plan.office_label == ""
            assert all(a.achievements == [None] * 4 and a.typed_total is None and not a.remark for a in acts)
        else:
            inds = [i for a in t.plan.areas for act in a.activities for i in act.indicators]
            assert inds and all(i.quarters == [None] * 4 and not i.pending and not i.remark for i in inds)


@pytest.mark.parametrize("year", ["2022-23", "2023-24", "2024-25", "2025-26", "2026-27"])
@pytest.mark.parametrize("tier", ["upazila", "district", "regional", "head_office"])
def test_a_new_office_year_from_shipped_templates_starts_without_weight_errors(year: str, tier: str) -> None:
    oy = new_office_year(Office(id="x", name="নতুন অফিস", tier=tier), year)
    # Section 3's own areas (70 marks) are the office's to add; everything a template gave adds up
    assert [i.message_en for i in validate_weights(oy) if i.path != ("section3",)] == []
    # ... and the window says so once, as work to do, not as sums that are wrong
    assert [i.message_en for i in validate_weights(oy)] == ["The office's own areas are not written yet (they weigh 70 in all)"]
    assert oy.nis.office_label == "নতুন অফিস"
    assert all(sha for sha in (oy.nis.template_sha256, oy.section3.template_sha256))


def test_the_2023_24_nis_plan_is_partial_and_says_why() -> None:
    t = find_template("nis", "2023-24")
    assert t.status == "partial" and "10 marks" in t.note


def test_years_without_documents_ship_carry_overs_renumbered_for_their_year() -> None:
    t = find_template("nis", "2026-27", "upazila")
    assert t.status == "carry-over" and t.carried_from == "nis/2023-24/field/1" and t.version == 0
    assert "২০২৬-২০২৭" in t.plan.title and "২০২৩" not in t.plan.title
    target = t.plan.sections[0].activities[3].annual_target
    assert target.dates == (date(2026, 7, 31), date(2026, 10, 31), date(2027, 1, 31), date(2027, 4, 30))
    governance = find_template("governance", "2026-27")
    assert governance.status == "carry-over" and governance.plan.columns.prev_years == ("2024-25", "2025-26")
    assert governance.plan.columns.projection_years == ("2027-28", "2028-29")


def test_renumbering_keeps_the_form_and_digits_and_leaves_other_numbers() -> None:
    assert renumber_text("কর্মপরিকল্পনা ২০২৩-২৪ ও ২০২৩-২০২৪, FY 2023-24", 3) == \
        "কর্মপরিকল্পনা ২০২৬-২৭ ও ২০২৬-২০২৭, FY 2026-27"
    assert renumber_text("পিপিএ ২০০৬-এর ধারা ১১(২)", 3) == "পিপিএ ২০০৬-এর ধারা ১১(২)"


def test_a_carry_over_copies_every_field_of_its_source_including_ones_it_does_not_know() -> None:
    source = find_template("egov", "2023-24")
    from apa_desktop.core.templates import template_from_data
    extended = template_from_data(dict(source.data, own_rows_allowed={"after": "2"}))
    carried = carry_over(extended, "2027-28")
    assert carried.data["own_rows_allowed"] == {"after": "2"} and carried.fiscal_year == "2027-28"


def test_a_year_after_the_shipped_ones_gets_a_carry_over_made_explicitly() -> None:
    made = templates_for_year(load_templates(), "2027-28", "district")
    assert {t.kind for t in made.made} == set(KINDS)
    assert all(t.status == "carry-over" and t.fiscal_year == "2027-28" for t in made.made)
    assert made.chosen["egov"].carried_from == "egov/2023-24/field/1"
    assert year_status(load_templates(), "2027-28", "district") == {k: "carry-over" for k in KINDS}
    assert year_status(load_templates(), "2023-24", "district")["egov"] == "official"
    with pytest.raises(TemplateError):
        find_template("egov", "2019-20", "field")


def test_the_years_offered_run_from_the_earliest_template_to_the_one_after_today() -> None:
    assert offered_fiscal_years("2022-23", date(2026, 12, 1)) == \
        ["2022-23", "2023-24", "2024-25", "2025-26", "2026-27", "2027-28"]
    assert offered_fiscal_years("2022-23", date(2026, 6, 30))[-1] == "2026-27"
    assert plan_year_labels("2023-24") == (("2021-22", "2022-23"), ("2024-25", "2025-26"))


def test_field_tiers_share_the_field_template_and_head_offices_have_their_own_egov() -> None:
    assert find_template("egov", "2022-23", "upazila").id == "egov/2022-23/field/1"
    assert find_template("egov", "2022-23", "head_office").id == "egov/2022-23/head_office/1"
    assert find_template("grs", "2022-23", "head_office").id == "grs/2022-23/field/1"
    assert find_template("egov", "2026-27", "head_office").carried_from == "egov/2022-23/head_office/1"


def test_template_files_are_generated_by_the_tool() -> None:
    """The shipped JSON is what tools/make_templates.py writes (run it after changing the seeds)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import make_templates

    generated = {t.id: t.data for t in make_templates.all_templates()}
    assert generated == {t.id: t.data for t in load_templates()}


def test_demo_office_years_score_out_of_100_where_they_hold_section3() -> None:
    years = {oy.office.id: oy for oy in demo_office_years()}
    for office_id in ("tongi-lwc", "khulna-ict"):
        assert sum(a.weight for a in years[office_id].section3.areas) == 100
    assert years["tongi-lwc"].section3.template_id == "governance/2023-24/field/0"
