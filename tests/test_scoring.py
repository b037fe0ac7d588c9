"""Scoring by DOMAIN.md §3-§6: worked cases, every rule, the office-year breakdown, weight checks."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apa_desktop.core.interchange import to_data
from apa_desktop.core.model import (
    Activity, Area, BranchFiles, CountDate, EnothiWorksheet, Indicator, NisActivity, NisPlan, NisSection, Office, OfficeYear, Plan,
    Unreadable,
)
from apa_desktop.core.scoring import (
    ScoringSettings, annual_achievement, breakdown_to_data, effective_method, enothi_rate, format_breakdown,
    governance_score, nis_obtained, score_indicator, score_office_year, validate_weights,
)
from factories import make_office_year, split_weight

CASES = json.loads((Path(__file__).parent / "data" / "scoring-cases.json").read_text(encoding="utf-8"))


def _dates(value):
    """ISO strings of the JSON cases as datetime.date, recursively."""
    if isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, list):
        return [_dates(v) for v in value]
    return value


# --------------------------------------------------------------------------- worked cases


@pytest.mark.parametrize("case", CASES["score_indicator"], ids=lambda c: c["name"])
def test_worked_case_score_indicator(case):
    result = score_indicator(case["unit"], _dates(case["levels"]), _dates(case["achievement"]), case["weight"],
                             mode=case.get("mode", "interpolate"))
    assert round(result.raw_percent, 4) == pytest.approx(case["raw_percent"], abs=1e-4)
    assert round(result.score, 4) == pytest.approx(case["score"], abs=1e-4)


@pytest.mark.parametrize("case", CASES["annual_achievement"], ids=lambda c: f"{c['method']}{c['quarters']}")
def test_worked_case_annual_achievement(case):
    assert annual_achievement(case["method"], case["quarters"]) == case["expect"]


@pytest.mark.parametrize("case", CASES["nis_obtained"], ids=lambda c: f"{c['unit']}{c['quarters']}")
def test_worked_case_nis_obtained(case):
    got = nis_obtained(case["weight"], _dates(case["annual_target"]), _dates(case["quarters"]), case["unit"])
    assert got == pytest.approx(case["expect"], abs=1e-4)


@pytest.mark.parametrize("case", CASES["governance_score"], ids=lambda c: f"{c['obtained']}of{c['annex_total']}")
def test_worked_case_governance_score(case):
    got = governance_score(case["weight"], case["obtained"], case["annex_total"])
    assert got == pytest.approx(case["expect"], abs=1e-4)


# --------------------------------------------------------------------------- §3 rules

LEVELS = [30.0, 29.95, 29.9, 29.85, 29.8]


def test_step_mode_from_settings_takes_the_lower_levels_percent():
    result = score_indicator("count", [100, 90, 80, 70, 60], 85, 10, settings=ScoringSettings(mode="step"))
    assert result.raw_percent == 80.0 and result.level == 2


def test_step_mode_on_a_level_gives_that_levels_percent():
    assert score_indicator("count", LEVELS, 29.95, 6, mode="step").raw_percent == 90.0


def test_equal_level_values_are_binary_met_or_not():
    levels = [5, 5, 5, None, None]
    assert score_indicator("count", levels, 5, 2).raw_percent == 100.0
    assert score_indicator("count", levels, 4.9, 2).raw_percent == 0.0


def test_dates_earlier_is_better_beyond_100_level_is_capped_and_after_worst_is_zero():
    levels = [date(2024, 3, 16), date(2024, 3, 23), date(2024, 3, 30), date(2024, 4, 6), date(2024, 4, 13)]
    assert score_indicator("date", levels, date(2024, 1, 1), 12).raw_percent == 100.0
    assert score_indicator("date", levels, date(2024, 4, 13), 12).raw_percent == 60.0
    assert score_indicator("date", levels, date(2024, 4, 14), 12).raw_percent == 0.0
    assert score_indicator("date", levels, date(2024, 4, 2), 12).raw_percent == pytest.approx(70 + 4 / 7 * 10)


def test_date_levels_later_is_better_when_the_100_level_date_is_later():
    levels = [date(2024, 4, 13), None, None, None, date(2024, 3, 16)]
    assert score_indicator("date", levels, date(2024, 4, 13), 1).raw_percent == 100.0
    assert score_indicator("date", levels, date(2024, 3, 30), 1).raw_percent == pytest.approx(80.0)


def test_single_date_level_is_a_deadline_met_on_the_day():
    levels = [date(2023, 10, 15), None, None, None, None]
    assert score_indicator("date", levels, date(2023, 10, 15), 1).raw_percent == 100.0


def test_single_level_binary_setting_scores_met_or_not():
    binary = ScoringSettings(single_level="binary")
    assert score_indicator("count", [2, None, None, None, None], 1, 1, settings=binary).raw_percent == 0.0
    assert score_indicator("count", [2, None, None, None, None], 2, 1, settings=binary).raw_percent == 100.0


def test_single_level_proportional_is_capped_at_100():
    assert score_indicator("count", [2, None, None, None, None], 5, 1).raw_percent == 100.0


def test_without_the_100_level_the_best_set_level_is_the_ceiling():
    result = score_indicator("percent", [None, 90, 80, 70, 60], 95, 7)
    assert result.raw_percent == 90.0 and result.level == 1


def test_uncapped_setting_extends_the_top_segment_above_the_best_level():
    uncapped = ScoringSettings(cap_at_best=False)
    assert score_indicator("count", [100, 90, 80, 70, 60], 110, 10, settings=uncapped).raw_percent == 110.0


def test_level_index_is_the_level_reached_for_colouring():
    levels = [100, 90, 80, 70, 60]
    assert [score_indicator("count", levels, a, 1).level for a in (120, 100, 95, 61, 60, 59)] == [0, 0, 1, 4, 4, None]


def test_marks_behave_as_numbers():
    assert score_indicator("marks", [10, 9, 8, 7, 6], 8.5, 10).raw_percent == 85.0


def test_full_precision_score_is_weight_times_raw():
    result = score_indicator("count", [3, None, None, None, None], 1, 7)
    assert result.raw_percent == pytest.approx(100 / 3, abs=1e-12)
    assert result.score == 7 * result.raw_percent / 100


def test_not_reported_is_not_a_failure_of_input():
    result = score_indicator("date", [date(2024, 1, 1)] + [None] * 4, None, 5)
    assert (result.status, result.raw_percent, result.level) == ("not_reported", 0.0, None)
    assert "not reported" in result.message


def test_no_set_level_is_no_target():
    result = score_indicator("count", [None] * 5, 3, 5)
    assert result.status == "no_target" and result.score == 0.0


@pytest.mark.parametrize("unit, levels, achievement", [
    ("count", [4, 3, 2, 1, None], Unreadable("৪ টি?")),
    ("count", [4, 3, 2, 1, None], date(2024, 1, 1)),
    ("date", [date(2024, 1, 1)] + [None] * 4, 3.0),
    ("count", [Unreadable("৪?"), 3, 2, 1, None], 3.0),
    ("count", [4, 6, 2, 1, None], 3.0),
    ("kilograms", [4, 3, 2, 1, None], 3.0),
    ("count", [4, 3, 2, 1, None], float("nan")),
], ids=["unreadable achievement", "date for count", "number for date", "unreadable level",
        "levels out of order", "unknown unit", "nan"])
def test_invalid_inputs_score_zero_with_a_message(unit, levels, achievement):
    result = score_indicator(unit, levels, achievement, 5)
    assert result.status == "invalid" and result.score == 0.0 and " / " in result.message


# --------------------------------------------------------------------------- count and date

CD_LEVELS = [CountDate(4, (date(2023, 5, 31),)), CountDate(3, (date(2023, 6, 10),)),
             CountDate(2, (date(2023, 6, 20),)), None, None]


def test_count_date_both_met_scores_100():
    assert score_indicator("count_date", CD_LEVELS, CountDate(4, (date(2023, 5, 1),)), 5).raw_percent == 100.0


def test_count_date_takes_the_lower_of_count_and_date():
    late = score_indicator("count_date", CD_LEVELS, CountDate(4, (date(2023, 6, 10),)), 5)
    short = score_indicator("count_date", CD_LEVELS, CountDate(2, (date(2023, 5, 1),)), 5)
    assert late.raw_percent == pytest.approx(90.0) and late.level == 1
    assert short.raw_percent == pytest.approx(80.0) and short.level == 2


def test_count_date_without_a_reported_date_fails_the_date_part():
    assert score_indicator("count_date", CD_LEVELS, 4.0, 5).raw_percent == 0.0


def test_count_date_with_plain_number_levels_scores_the_count():
    assert score_indicator("count_date", [4, 3, 2, None, None], 3.0, 5).raw_percent == 90.0


def test_count_date_several_deadlines_need_as_many_dates():
    levels = [CountDate(2, (date(2023, 9, 30), date(2023, 12, 31))), None, None, None, None]
    one = CountDate(2, (date(2023, 9, 1),))
    two = CountDate(2, (date(2023, 9, 1), date(2023, 12, 1)))
    assert score_indicator("count_date", levels, one, 1).raw_percent == 0.0
    assert score_indicator("count_date", levels, two, 1).raw_percent == 100.0


def test_date_row_with_several_deadlines_in_one_cell_is_scored_on_its_dates():
    levels = [CountDate(None, (date(2022, 12, 31), date(2023, 6, 30))), None, None, None, None]
    both = CountDate(None, (date(2022, 12, 20), date(2023, 6, 1)))
    assert score_indicator("date", levels, both, 4).raw_percent == 100.0
    assert score_indicator("date", levels, date(2023, 6, 1), 4).raw_percent == 0.0  # one of two dates


# --------------------------------------------------------------------------- §4 quarters


def test_date_method_takes_the_latest_reported_date():
    assert annual_achievement("date", [date(2023, 9, 1), None, date(2023, 12, 5), None]) == date(2023, 12, 5)


def test_count_date_quarters_sum_counts_and_collect_dates():
    quarters = [CountDate(1, (date(2023, 9, 1),)), None, CountDate(2, (date(2024, 1, 5),)), 1.0]
    assert annual_achievement("sum", quarters) == CountDate(4, (date(2023, 9, 1), date(2024, 1, 5)))


def test_an_unreadable_quarter_makes_the_annual_achievement_unreadable():
    assert annual_achievement("sum", [1.0, Unreadable("দুই"), None, None]) == Unreadable("দুই")


@pytest.mark.parametrize("unit, method", [("count", "sum"), ("percent", "mean"), ("date", "date"),
                                          ("count_date", "sum"), ("marks", "cumulative")])
def test_effective_method_defaults_to_the_units_usual_method(unit, method):
    assert effective_method(Indicator(unit=unit)) == method
    assert effective_method(Indicator(unit=unit, method="cumulative")) == "cumulative"


# --------------------------------------------------------------------------- §6 NIS


def test_nis_percent_averages_the_reported_quarters():
    assert nis_obtained(3, 100.0, [100.0, 80.0, None, None], "percent") == pytest.approx(2.7)


def test_nis_percent_latest_setting():
    got = nis_obtained(3, 100.0, [100.0, 80.0, None, None], "percent", ScoringSettings(nis_percent="latest"))
    assert got == pytest.approx(2.4)


def test_nis_without_annual_target_is_not_applicable():
    assert nis_obtained(2, None, [1.0, None, None, None], "count") is None


def test_nis_not_reported_obtains_zero():
    assert nis_obtained(2, 4.0, [None] * 4, "count") == 0.0


def test_nis_count_date_dates_missed_scores_zero():
    target = CountDate(2, (date(2022, 12, 1),))
    assert nis_obtained(5, target, [CountDate(2, (date(2022, 12, 2),)), None, None, None], "count_date") == 0.0


def test_nis_count_date_dates_met_is_proportional_on_count():
    target = CountDate(2, (date(2022, 12, 1),))
    got = nis_obtained(5, target, [CountDate(1, (date(2022, 11, 20),)), None, None, None], "count_date")
    assert got == pytest.approx(2.5)


def test_nis_has_no_60_percent_floor():
    assert nis_obtained(2, 10.0, [1.0, None, None, None], "count") == pytest.approx(0.2)


# --------------------------------------------------------------------------- office-year


def _tiny_office_year(governance: bool = True) -> OfficeYear:
    own = Area(code="1", title="সেবা", weight=70.0, activities=[Activity(code="1.1", indicators=[
        Indicator(code="1.1.1", unit="count", weight=40.0, levels=[40, 36, 32, 28, 24],
                  quarters=[10.0, 10.0, 10.0, 10.0]),
        Indicator(code="1.1.2", unit="percent", weight=30.0, levels=[90, 80, 70, 60, None],
                  quarters=[80.0, 90.0, None, None])])])
    gov = Area(code="1", title="সুশাসন", weight=30.0, governance=True, activities=[Activity(code="1.1", indicators=[
        Indicator(code="1.1.1", unit="marks", weight=10.0, method="cumulative", feeds_from="nis"),
        Indicator(code="1.2.1", unit="marks", weight=20.0, method="cumulative", feeds_from="grs",
                  levels=[25, 22.5, 20, 17.5, 15])])])
    grs = Plan(kind="grs", total=25.0, areas=[Area(code="1", weight=25.0, activities=[Activity(code="1.1", indicators=[
        Indicator(code="1.1.1", unit="count", weight=25.0, levels=[4, 3, 2, 1, None],
                  quarters=[1.0, 1.0, 1.0, None])])])])
    nis = NisPlan(total=50.0, sections=[NisSection(code="1", weight=50.0, activities=[
        NisActivity(code="1.1", weight=20.0, unit="count", annual_target=4.0, achievements=[1.0, 1.0, 1.0, 1.0]),
        NisActivity(code="1.2", weight=30.0, unit="percent", annual_target=100.0,
                    achievements=[100.0, 50.0, None, None])])])
    areas = [own, gov] if governance else [own]
    return OfficeYear(office=Office(id="x", name="অফিস"), fiscal_year="2023-24",
                      section3=Plan(areas=areas), annexes={"grs": grs}, nis=nis)


def test_office_year_total_is_own_plus_governance_from_the_annexes():
    b = score_office_year(_tiny_office_year())
    assert b.own_part == pytest.approx(40 + 30 * 0.95)
    nis_obtained_total = 20 + 30 * 0.75
    assert b.nis.obtained == pytest.approx(nis_obtained_total)
    grs_obtained = 25 * 0.9
    gov = b.plans["section3"].areas[1].activities[0].indicators
    assert gov[0].score == pytest.approx(governance_score(10, nis_obtained_total, 50))
    assert gov[0].achievement == pytest.approx(nis_obtained_total)
    assert gov[1].result.raw_percent == pytest.approx(90.0)  # scored by its own levels
    assert b.governance_part == pytest.approx(gov[0].score + gov[1].score)
    assert b.total == pytest.approx(b.own_part + b.governance_part)
    assert b.annex_totals()["grs"] == pytest.approx((grs_obtained, 25.0))


def test_progress_report_of_quarter_q_uses_quarters_up_to_q():
    b = score_office_year(_tiny_office_year(), quarter=1)
    first = b.plans["section3"].areas[0].activities[0].indicators
    assert first[0].achievement == 10.0 and first[1].achievement == 80.0
    assert b.nis.sections[0].activities[0].obtained == pytest.approx(5.0)
    assert b.plans["grs"].obtained == pytest.approx(25 * 0.7)  # 1 of levels 4/3/2/1 is the 70 % level
    assert score_office_year(_tiny_office_year(), quarter=4).total == score_office_year(_tiny_office_year()).total


def test_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError):
        score_office_year(_tiny_office_year(), quarter=5)


def test_no_governance_area_gives_zero_governance_part_and_says_so():
    b = score_office_year(_tiny_office_year(governance=False))
    assert b.governance_part == 0.0 and b.total == b.own_part
    assert any("governance" in m for m in b.messages)


def test_nis_date_row_with_a_number_of_quarterly_deadlines_counts_those_met_on_time():
    oy = _tiny_office_year()
    deadlines = [date(2023, 9, 25), date(2023, 12, 25), date(2024, 3, 25), date(2024, 6, 25)]
    done = [date(2023, 9, 20), date(2023, 12, 28), date(2024, 3, 25), None]
    oy.nis.sections[0].activities[1] = NisActivity(code="1.2", weight=30.0, unit="date", annual_target=4.0,
                                                   targets=deadlines, achievements=done)
    row = score_office_year(oy).nis.sections[0].activities[1]
    assert row.achievement == 2.0 and row.obtained == pytest.approx(15.0)  # Q2 was late


def test_plan_total_from_template_else_sum_of_weights():
    oy = _tiny_office_year()
    assert score_office_year(oy).plans["grs"].total == 25.0
    oy.annexes["grs"].total = None
    oy.section3.areas[0].activities[0].indicators[0].weight = 41.0
    b = score_office_year(oy)
    assert b.plans["grs"].total == 25.0 and b.plans["section3"].total == 101.0


def test_governance_row_without_its_annex_uses_its_own_quarters():
    oy = _tiny_office_year()
    del oy.annexes["grs"]
    oy.section3.areas[1].activities[0].indicators[1].quarters = [20.0, 22.5, None, None]
    row = score_office_year(oy).plans["section3"].areas[1].activities[0].indicators[1]
    assert row.achievement == 22.5 and row.result.raw_percent == pytest.approx(90.0)


def test_typed_values_are_flagged_when_they_differ_and_never_overwritten():
    oy = _tiny_office_year()
    ind = oy.section3.areas[0].activities[0].indicators[0]
    ind.typed_total, ind.typed_obtained = 35.0, 38.0
    nis_act = oy.nis.sections[0].activities[0]
    nis_act.typed_obtained = 20.004
    before = to_data(oy)
    b = score_office_year(oy)
    row = b.plans["section3"].areas[0].activities[0].indicators[0]
    assert (row.total_mismatch, row.obtained_mismatch) == (True, True)
    assert (row.typed_total, row.typed_obtained, row.achievement, row.score) == (35.0, 38.0, 40.0, 40.0)
    assert b.nis.sections[0].activities[0].obtained_mismatch is False  # within half a hundredth
    assert to_data(oy) == before


def test_text_breakdown_shows_typed_values_beside_computed_ones():
    oy = _tiny_office_year()
    ind = oy.section3.areas[0].activities[0].indicators[0]
    ind.typed_total, ind.typed_obtained = 35.0, 38.0
    text = format_breakdown(score_office_year(oy), digits="en")
    assert "| 40.00 | typed differently: obtained 38.00, achievement 35" in text


def test_matching_typed_values_are_not_flagged():
    oy = _tiny_office_year()
    ind = oy.section3.areas[0].activities[0].indicators[0]
    ind.typed_total, ind.typed_obtained = 40.0, 40.0
    row = score_office_year(oy).plans["section3"].areas[0].activities[0].indicators[0]
    assert not row.total_mismatch and not row.obtained_mismatch


def test_paths_of_results_address_the_model():
    b = score_office_year(_tiny_office_year())
    assert b.plans["section3"].areas[1].activities[0].indicators[1].path == (
        "section3", "areas", 1, "activities", 0, "indicators", 1)
    assert b.plans["grs"].areas[0].path == ("annexes", "grs", "areas", 0)
    assert b.nis.sections[0].activities[1].path == ("nis", "sections", 0, "activities", 1)


def test_breakdown_data_is_json_with_numeric_totals():
    data = json.loads(json.dumps(breakdown_to_data(score_office_year(make_office_year(3)))))
    assert all(isinstance(data[k], float) for k in ("total", "own_part", "governance_part"))
    indicator = data["plans"]["section3"]["areas"][0]["activities"][0]["indicators"][0]
    assert {"code", "weight", "raw_percent", "score", "status", "total_mismatch"} <= set(indicator)
    assert data["nis"]["total"] == 50


def test_text_breakdown_shows_codes_subtotals_and_total_in_bengali_digits():
    b = score_office_year(_tiny_office_year())
    text = format_breakdown(b)
    assert "[১.১.১]" in text and "মোট: " in text
    assert f"মোট: {format(b.total, '.2f').translate(str.maketrans('0123456789', '০১২৩৪৫৬৭৮৯'))}" in text
    english = format_breakdown(b, digits="en")
    assert "[1.1.1]" in english and f"Total: {b.total:.2f} / 100" in english


# --------------------------------------------------------------------------- e-Nothi


def test_enothi_rate_uses_the_branch_counts_not_the_printed_rate():
    sheet = EnothiWorksheet(branches=[BranchFiles(hard_files=1000.0), BranchFiles(hard_files=439.0)],
                            stated_hard_total=1400.0, enothi_count=2236.0, stated_rate=61.0)
    assert enothi_rate(sheet) == pytest.approx(2236 / (2236 + 1439) * 100)


def test_enothi_rate_falls_back_to_the_printed_total_and_is_none_without_a_count():
    assert enothi_rate(EnothiWorksheet(stated_hard_total=100.0, enothi_count=300.0)) == pytest.approx(75.0)
    assert enothi_rate(EnothiWorksheet(stated_hard_total=100.0)) is None
    assert enothi_rate(EnothiWorksheet(enothi_count=0.0)) is None


# --------------------------------------------------------------------------- weights


def test_factory_office_years_have_no_weight_issues():
    for seed in range(10):
        assert validate_weights(make_office_year(seed)) == []


def test_area_indicator_weights_not_adding_up_is_reported_with_the_numbers():
    oy = _tiny_office_year()
    area = oy.section3.areas[0]
    area.weight = 30.0
    first, second = area.activities[0].indicators
    first.weight, second.weight = 15.0, 10.0
    issue = next(i for i in validate_weights(oy) if i.path == ("section3", "areas", 0))
    assert issue.message_bn == "ক্ষেত্র [১] এর সূচকের মানের যোগফল ২৫, ক্ষেত্রের মান ৩০"
    assert issue.message_en == "Indicator weights of area [1] add up to 25, the area weight is 30"


def test_own_governance_and_total_marks_are_checked():
    oy = _tiny_office_year()
    oy.section3.areas[0].weight = 65.0
    oy.section3.areas[1].weight = 25.0
    messages = [i.message_en for i in validate_weights(oy)]
    assert "The own areas add up to 65, they should add up to 70" in messages
    assert "The governance area weighs 25, it should weigh 30" in messages
    assert "Section 3 adds up to 90, it should add up to 100" in messages


def test_office_year_without_section3_has_no_section3_issues_or_message():
    oy = _tiny_office_year()
    oy.section3 = Plan()
    assert not any(i.path == ("section3",) for i in validate_weights(oy))
    assert score_office_year(oy).messages == ()


def test_missing_governance_area_is_a_weight_issue():
    assert any("no governance area" in i.message_en for i in validate_weights(_tiny_office_year(False)))


def test_annex_and_nis_weights_are_checked_against_their_totals():
    oy = _tiny_office_year()
    oy.annexes["grs"].total = 24.0
    oy.nis.sections[0].weight = 45.0
    oy.nis.total = 40.0
    issues = {i.path: i for i in validate_weights(oy)}
    assert issues[("annexes", "grs")].message_en == (
        "Indicator weights of the grievance redress plan add up to 25, its total is 24")
    assert issues[("nis", "sections", 0)].message_bn == "শুদ্ধাচার অংশ [১] এর কার্যক্রমের মানের যোগফল ৫০, অংশের মান ৪৫"
    assert ("nis",) in issues


def test_annex_area_issues_name_the_annex():
    oy = _tiny_office_year()
    oy.annexes["grs"].areas[0].weight = 20.0
    issue = next(i for i in validate_weights(oy) if i.path == ("annexes", "grs", "areas", 0))
    assert issue.message_bn == "অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা: ক্ষেত্র [১] এর সূচকের মানের যোগফল ২৫, ক্ষেত্রের মান ২০"
    assert issue.message_en == ("The grievance redress plan: Indicator weights of area [1] add up to 25, "
                                "the area weight is 20")


def test_indicator_without_weight_is_reported_at_its_path():
    oy = _tiny_office_year()
    oy.section3.areas[0].activities[0].indicators[1].weight = None
    paths = [i.path for i in validate_weights(oy)]
    assert ("section3", "areas", 0, "activities", 0, "indicators", 1, "weight") in paths


# --------------------------------------------------------------------------- properties and factories

_level_values = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=5, unique=True)


@given(values=_level_values, holes=st.lists(st.booleans(), min_size=5, max_size=5),
       lower_better=st.booleans(), a=st.floats(-2e6, 2e6, allow_nan=False),
       b=st.floats(-2e6, 2e6, allow_nan=False), mode=st.sampled_from(["interpolate", "step"]))
def test_raw_percent_is_within_0_100_and_monotone_in_the_achievement(values, holes, lower_better, a, b, mode):
    ordered = sorted(values, reverse=not lower_better)
    levels: list = list(ordered) + [None] * (5 - len(ordered))
    for i in range(1, 5):  # '-' holes anywhere but the 100 level
        if holes[i] and sum(v is not None for v in levels) > 2:
            levels[i] = None
    low, high = sorted((a, b))
    if lower_better:
        low, high = high, low
    worse = score_indicator("count", levels, low, 1, mode=mode).raw_percent
    better = score_indicator("count", levels, high, 1, mode=mode).raw_percent
    assert 0.0 <= worse <= better <= 100.0


@given(start=st.dates(date(2020, 1, 1), date(2030, 1, 1)), gaps=st.lists(st.integers(1, 30), min_size=4, max_size=4),
       x=st.integers(-200, 200), y=st.integers(-200, 200))
def test_date_raw_percent_is_monotone_earlier_is_better(start, gaps, x, y):
    levels = [start]
    for gap in gaps:
        levels.append(levels[-1] + timedelta(days=gap))
    early, late = sorted((x, y))
    better = score_indicator("date", levels, start + timedelta(days=early), 1).raw_percent
    worse = score_indicator("date", levels, start + timedelta(days=late), 1).raw_percent
    assert 0.0 <= worse <= better <= 100.0


def test_factory_is_deterministic_for_a_seed_and_varies_across_seeds():
    assert to_data(make_office_year(7)) == to_data(make_office_year(7))
    assert to_data(make_office_year(7)) != to_data(make_office_year(8))


def test_factory_builds_the_seed_003_shape():
    oy = make_office_year(0, areas=4, indicators_per_area=6)
    own = [a for a in oy.section3.areas if not a.governance]
    assert len(own) == 4 and all(sum(len(x.indicators) for x in a.activities) == 6 for a in own)
    assert sum(a.weight for a in own) == 70.0
    assert {p.kind: p.total for p in oy.annexes.values()} == {"egov": 50, "grs": 25, "charter": 25, "rti": 25}
    assert oy.nis.total == 50.0
    feeds = [i.feeds_from for a in oy.section3.areas if a.governance for x in a.activities for i in x.indicators]
    assert feeds == ["nis", "egov", "grs", "charter", "rti"]
    units = {i.unit for p in oy.plans() for a in p.areas for x in a.activities for i in x.indicators}
    assert {"count", "percent", "date", "marks"} <= units


def test_split_weight_adds_up_exactly():
    import random
    assert sum(split_weight(70.0, 7, random.Random(1), minimum=3)) == 70.0


def test_rescoring_after_an_edit_sees_the_new_value():
    oy = _tiny_office_year()
    ind = oy.section3.areas[0].activities[0].indicators[0]
    before = score_office_year(oy).total
    ind.quarters[3] = None  # 30 of levels 40/36/32/28/24: 75 %
    after = score_office_year(oy).total
    assert before - after == pytest.approx(40 * 0.25)
    ind.quarters[3] = 10.0
    assert score_office_year(oy).total == before


def test_scoring_does_not_mutate_the_office_year():
    oy = make_office_year(2)
    before = copy.deepcopy(to_data(oy))
    score_office_year(oy, quarter=3)
    validate_weights(oy)
    assert to_data(oy) == before
