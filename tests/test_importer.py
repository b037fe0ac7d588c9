"""The tab-separated importer on the seed documents, on pasted rows and on random input."""

from __future__ import annotations

import copy
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apa_desktop.core.demo import import_demo
from apa_desktop.core.importer import ImportProblem, import_document, paste_rows
from apa_desktop.core.model import (CountDate, InnovationRecord, NisSection, Office, Plan, PlanColumns,
                                    Unreadable)
from apa_desktop.core.templates import find_template

OFFICE = Office(id="t", name="t")


def indicators(plan: Plan) -> dict:
    return {i.code: i for a in plan.areas for act in a.activities for i in act.indicators}


def test_tongi_q3_report_reads_every_plan_and_the_report_quarter() -> None:
    result = import_demo("tongi-lwc")
    oy = result.office_year
    assert oy.report_quarter == 3
    assert {k: p.total for k, p in oy.annexes.items()} == {"egov": 50, "grs": 25, "charter": 25, "rti": 3}
    assert [a.weight for a in oy.section3.areas] == [25, 25, 20]
    assert indicators(oy.section3)["3.1.1"].method == "mean"


def test_a_share_of_the_target_for_a_count_becomes_the_value_and_waits_for_the_clerk() -> None:
    oy = import_demo("tongi-lwc").office_year
    ind = indicators(oy.section3)["1.1.1"]
    assert ind.unit == "count" and ind.quarters[2] == 6000
    assert "quarters[2]" in ind.pending and "১০০%" in ind.pending["quarters[2]"]
    dated = indicators(oy.annexes["egov"])["1.1.1"]
    assert dated.quarters[2] == date(2024, 3, 16) and "quarters[2]" in dated.pending
    percent = indicators(oy.annexes["egov"])["4.1.1"]
    assert percent.quarters[2] == 100 and not percent.pending


def test_an_impossible_date_is_kept_as_written_and_reported_with_its_line_and_column() -> None:
    result = import_demo("tongi-lwc")
    act = result.office_year.nis.sections[0].activities[3]
    assert act.annual_target == Unreadable("৪ ও ৩১/০৭/২০২৩ ৩১/১০/২০২৩ ৩১/০১/২০২৪ ৩১/০৪/২০২৪")
    assert act.targets[0] == CountDate(1, (date(2023, 7, 31),))
    assert any(p.line == 80 and p.column == 5 for p in result.problems)


def test_nis_grid_has_sections_with_weights_and_target_and_achievement_rows() -> None:
    nis = import_demo("tongi-lwc").office_year.nis
    assert [(s.code, s.weight) for s in nis.sections] == [("1", 6), ("2", 2), ("3", 2)]
    first = nis.sections[0].activities[0]
    assert first.targets == [1, 1, 1, 1] and first.achievements == [1, 1, 1, None]
    assert first.remark == "অফিস আদেশ এবং ছবি সংযুক্ত"
    assert import_demo("khulna-ict").office_year.nis.total == 50


def test_governance_rows_feed_from_their_annex() -> None:
    s3 = import_demo("khulna-ict").office_year.section3
    governance = [a for a in s3.areas if a.governance]
    assert len(governance) == 1 and governance[0].weight == 30
    feeds = [i.feeds_from for act in governance[0].activities for i in act.indicators]
    assert feeds == ["nis", "egov", "grs", "charter", "rti"]
    assert sum(a.weight for a in s3.areas) == 100


def test_three_level_plan_keeps_its_level_columns() -> None:
    egov = import_demo("khulna-ict").office_year.annexes["egov"]
    assert egov.columns.levels == (100, 80, 60)
    assert indicators(egov)["1.1.1"].levels == [date(2023, 3, 16), None, date(2023, 3, 30), None, date(2023, 4, 13)]


def test_ocr_shifted_rows_are_read_by_content() -> None:
    result = import_demo("dte")
    egov = result.office_year.annexes["egov"]
    rows = [i for a in egov.areas for act in a.activities for i in act.indicators]
    assert rows[1].code == "1.2.1" and rows[1].weight == 2 and rows[1].quarters[1] == date(2022, 10, 10)
    assert rows[2].weight == 7 and rows[2].unit == "date" and "unit" in rows[2].pending
    by_code = indicators(egov)
    assert by_code["1.3.1"].quarters[1] == 61
    assert by_code["1.4.2"].levels == [2, None, 1, None, None]
    assert egov.total == 50
    assert any(p.line == 15 for p in result.problems)


def test_registers_of_seed_004() -> None:
    regs = import_demo("dte").office_year.registers
    assert len(regs.innovations) == 5
    assert regs.innovations[1].remark.endswith("সরকারি আদেশ জারী হয়।")
    sheet = regs.enothi
    assert sum(b.hard_files for b in sheet.branches) == sheet.stated_hard_total == 1439
    assert (sheet.enothi_count, sheet.stated_rate) == (2236, 61)
    assert sheet.summaries[0].users == 126 and sheet.summaries[0].last_update == date(2021, 8, 4)
    assert len(regs.fourir) == 7 and isinstance(regs.fourir[5].targets[0], Unreadable)


def test_innovation_progress_report_pages_make_one_report() -> None:
    reports = import_demo("mole").office_year.registers.innovation_progress
    assert len(reports) == 1 and len(reports[0].rows) == 10
    assert reports[0].rows[0].start == date(2017, 1, 1)


def test_apa_free_text_cover_preamble_and_section1() -> None:
    oy = import_demo("khulna-ict").office_year
    assert oy.cover.office_signatory.designation == "প্রোগ্রামার"
    assert oy.cover.superior_signatory.designation == "মহাপরিচালক"
    assert oy.cover.signing_date == date(2022, 6, 29) == oy.preamble.signing_date
    assert len(oy.section1.own_areas) == 4 and len(oy.section1.functions) == 7
    assert oy.overview.achievements and oy.overview.expected
    assert len(oy.section2) == 8 and len(oy.annex1) == 10 and len(oy.annex2) == 14 and len(oy.annex3) == 14


def test_the_office_head_is_named_from_a_plan_they_signed_when_the_cover_names_nobody() -> None:
    # Seed 003's cover signatures are blank; its NIS plan is signed "মোঃ আব্দুল রহমান, প্রোগ্রামার".
    assert import_demo("khulna-ict").office_year.cover.office_signatory.name == "মোঃ আব্দুল রহমান"
    cover = ("প্রোগ্রামার, জেলা কার্যালয়\nএবং\nমহাপরিচালক, অধিদপ্তর-এর মধ্যে স্বাক্ষরিত\n\n"
             "*স্বাক্ষর*\n২৩/০৬/২০২২\nমোঃ করিম\n{post}\nজেলা কার্যালয়\n")
    named = import_document(cover.format(post="প্রোগ্রামার"), Office("x", "x"), "2022-23").office_year
    assert named.cover.office_signatory.name == "মোঃ করিম"
    other = import_document(cover.format(post="সহকারী প্রোগ্রামার"), Office("x", "x"), "2022-23").office_year
    assert other.cover.office_signatory.name == ""  # someone else signed that plan


def test_progress_report_signatures_name_preparer_and_office_head() -> None:
    cover = import_demo("tongi-lwc").office_year.cover
    assert cover.preparer.name == "মোঃ দুলাল হোসেন"
    assert cover.office_signatory.name == "ডাঃ ফেরদৌস আক্তার"


GRS_ROWS = ("প্রাতিষ্ঠানিক\t১৪\t[১.১] অভিযোগ নিষ্পত্তি কর্মকর্তার তথ্য হালনাগাদকরণ\t[১.১.১] তথ্য হালনাগাদকৃত\tসংখ্যা\t৪"
            "\t\t\t৪\t৩\t\t\t\n"
            "\t\t[১.২] নির্দিষ্ট সময়ে অভিযোগ নিষ্পত্তি\t[১.২.১] অভিযোগ নিষ্পত্তিকৃত\t%\t৭\t\t\t৯০\t৮০\t৭০\t৬০\t")


def test_rows_copied_from_a_seed_table_paste_into_a_plan() -> None:
    plan = Plan(kind="grs", columns=PlanColumns(prev_actuals=True))
    result = paste_rows(plan, GRS_ROWS, 0)
    assert result.applied and not result.problems and len(result.rows) == 2
    assert plan.areas[0].weight == 14 and indicators(plan)["1.2.1"].levels == [90, 80, 70, 60, None]


def test_a_pasted_table_with_an_unreadable_cell_leaves_the_target_unchanged() -> None:
    plan = copy.deepcopy(find_template("grs", "2022-23").plan)
    before = copy.deepcopy(plan)
    result = paste_rows(plan, GRS_ROWS.replace("\t৭\t", "\tসাত\t"), 1)
    assert not result.applied and plan == before
    assert [(p.line, p.column, p.text) for p in result.problems] == [(2, 5, "সাত")]
    assert result.problems[0].expected_en and result.problems[0].expected_bn


EGOV_HEAD = ("ক্রম\tকার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tকর্মসম্পাদন সূচকের মান\tলক্ষ্যমাত্রা\t\t\t{q}অর্জন\n"
             "\t\t\t\t\t১০০%\t৮০%\t৬০%\t\n০১\t[১.১] ক\t[১.১.১] খ\tসংখ্যা\t৫\t৪\t৩\t২\t৩")


def test_a_pasted_achievement_column_must_say_its_quarter() -> None:
    plan = Plan(kind="egov")
    unknown = paste_rows(plan, EGOV_HEAD.format(q=""), 0)
    assert not unknown.applied and [(p.line, p.column) for p in unknown.problems] == [(3, 8)]
    assert paste_rows(plan, EGOV_HEAD.format(q="২য় ত্রৈমাসিক "), 0).applied
    assert indicators(plan)["1.1.1"].quarters == [None, 3, None, None]


def test_pasting_nis_rows_and_register_rows() -> None:
    section = NisSection()
    rows = ("১.১ নৈতিকতা কমিটি সভা আয়োজন\tসভা আয়োজিত\t২\tসংখ্যা\tফোকাল পয়েন্ট\t৪\tলক্ষ্যমাত্রা\t১\t১\t১\t১\n"
            "\t\t\t\t\t\tঅর্জন\t১\t১\t\t")
    assert paste_rows(section, rows, 0).applied
    assert section.activities[0].achievements == [1, 1, None, None]
    records: list[InnovationRecord] = []
    assert paste_rows(records, "০১.\tনাম\tবিবরণ\tআছে\tপাচ্ছে\thttp://x\t", 0, kind="innovations").applied
    assert records[0].link == "http://x"


TABLE_CELL = st.sampled_from(["", "-", "১০", "১০০%", "[১.১]", "[১.১.১] সূচক", "সংখ্যা", "তারিখ", "%",
                              "৩১/০২/২০২৪", "অর্জন", "লক্ষ্যমাত্রা", "১. ক.....০৬", "১.১ কাজ", "x"]) | st.text(max_size=8)
HEADERS = ["কার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tকর্মসম্পাদন সূচকের মান\tলক্ষ্যমাত্রা\t\t\n\t\t\t\t১০০%\t৮০%\t৬০%",
           "কার্যক্রমের নাম\tকর্মসম্পাদন সূচক\tসূচকের মান\tএকক\tদায়িত্ব\tলক্ষ্যমাত্রা\tলক্ষ্যমাত্রা/ অর্জন\t১ম কোয়ার্টার",
           "ক্রমিক নং\tআইডিয়ার নাম\tবিবরণ", ""]
TABLES = st.builds(lambda head, rows: head + "\n" + "\n".join("\t".join(r) for r in rows),
                   st.sampled_from(HEADERS), st.lists(st.lists(TABLE_CELL, max_size=14), max_size=8))
TARGETS = st.sampled_from(["plan", "nis", "innovations"])


def _target(kind: str):
    return {"plan": Plan(kind="egov"), "nis": NisSection(), "innovations": []}[kind]


@settings(max_examples=10000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) | TABLES)
def test_random_text_never_crashes_the_document_importer(text: str) -> None:
    result = import_document(text, OFFICE, "2023-24")
    assert all(isinstance(p, ImportProblem) and p.expected_en and p.expected_bn for p in result.problems)


@settings(max_examples=10000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=60) | TABLES, TARGETS, st.integers(0, 3))
def test_random_rows_never_crash_a_paste_and_unreadable_ones_change_nothing(text: str, kind: str, pos: int) -> None:
    target = _target(kind)
    before = copy.deepcopy(target)
    result = paste_rows(target, text, pos, kind="innovations" if kind == "innovations" else None)
    assert all(p.expected_en and p.expected_bn for p in result.problems)
    if result.problems:
        assert target == before and not result.applied
