"""Templates and new years from the command line, a subprocess per command: from-text gives the shipped
templates back from the seeds' plans, refuses a plan with problems naming its rows, list/show, new-year."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from apa_desktop.core.templates import find_template

DEMO = Path(__file__).resolve().parent.parent / "apa_desktop" / "resources" / "demo"
TONGI = (DEMO / "tongi-2023-24-q3.tsv.txt").read_text(encoding="utf-8").split("\n")
KHULNA = (DEMO / "khulna-ict-apa-2022-23.tsv.txt").read_text(encoding="utf-8").split("\n")
ENV = {**os.environ, "APA_TODAY": "2026-12-01"}


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "apa_desktop", *args], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, env=ENV, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} exited {result.returncode}: {result.stderr}")
    return result


def lines(doc: list[str], first: int, last: int) -> str:
    return "\n".join(doc[first - 1:last])


def from_text(tmp_path: Path, text: str, *options: str, check: bool = True) -> tuple[subprocess.CompletedProcess, Path]:
    source, out = tmp_path / "plan.txt", tmp_path / "template.json"
    source.write_text(text, encoding="utf-8")
    return run("templates", "from-text", *options, "--in", str(source), "--out", str(out), check=check), out


def test_the_seeds_egov_plan_gives_the_shipped_template_row_for_row(tmp_path):
    _, out = from_text(tmp_path, lines(TONGI, 1, 16), "--kind", "egov", "--year", "2023-24", "--tier", "field")
    made = json.loads(out.read_text(encoding="utf-8"))
    assert made["plan"] == find_template("egov", "2023-24").data["plan"]


def test_the_seeds_nis_plan_gives_the_shipped_template_row_for_row(tmp_path):
    # the one documented correction (docs/templates.md): 31 April does not exist
    text = lines(TONGI, 66, 99).replace("৩১/০৪/২০২৪", "৩০/০৪/২০২৪").replace("৩১/০৪/ ২৪", "৩০/০৪/ ২৪")
    _, out = from_text(tmp_path, text, "--kind", "nis", "--year", "২০২৩-২৪", "--status", "partial")
    made = json.loads(out.read_text(encoding="utf-8"))
    shipped = find_template("nis", "2023-24").data
    assert made["plan"] == shipped["plan"] and made["id"] == shipped["id"] and made["status"] == "partial"


def test_the_seeds_nis_plan_as_printed_is_refused_naming_the_row_with_the_impossible_date(tmp_path):
    result, out = from_text(tmp_path, lines(TONGI, 66, 99), "--kind", "nis", "--year", "2023-24", check=False)
    assert result.returncode == 1 and not out.exists()
    assert "[1.4]" in result.stderr and "could not be read" in result.stderr


def test_a_duplicated_code_gets_a_row_numbered_message_and_no_file(tmp_path):
    # seed 003's e-gov plan prints the activity [২.১] twice
    result, out = from_text(tmp_path, lines(KHULNA, 291, 303), "--kind", "egov", "--year", "2022-23", check=False)
    assert result.returncode == 1 and not out.exists()
    assert "[2.1]: this code appears twice" in result.stderr


def test_a_wrong_weight_gets_a_message_naming_the_area_and_the_totals_and_no_file(tmp_path):
    text = lines(TONGI, 1, 16)
    row = next(line for line in text.split("\n") if line.startswith("০৪\t"))
    cells = row.split("\t")
    cells[4] = "৯৯"  # the indicator's weight
    result, out = from_text(tmp_path, text.replace(row, "\t".join(cells)), "--kind", "egov", "--year", "2023-24",
                            "--total", "50", check=False)  # the form prints no total: the guideline's is given
    assert result.returncode == 1 and not out.exists()
    assert "add up to" in result.stderr and "its total is 50" in result.stderr
    assert "[4.1.1]: this row weighs 99, more than the whole plan's total of 50" in result.stderr


def test_from_text_says_its_problems_in_the_language_asked(tmp_path):
    result, out = from_text(tmp_path, lines(KHULNA, 291, 303), "--kind", "egov", "--year", "2022-23", check=False)
    bengali = run("--lang", "bn", "templates", "from-text", "--kind", "egov", "--year", "2022-23", "--in",
                  str(tmp_path / "plan.txt"), "--out", str(out), check=False)
    assert bengali.returncode == 1 and not out.exists()
    assert "[২.১]: এই কোড আগেও আছে" in bengali.stderr and "appears twice" not in bengali.stderr


def test_a_total_the_text_does_not_print_is_given_with_total(tmp_path):
    result, out = from_text(tmp_path, lines(TONGI, 1, 16), "--kind", "egov", "--year", "2026-27", "--total", "40",
                            check=False)
    assert result.returncode == 1 and not out.exists() and "its total is 40" in result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.sqlite3"
    run("demo", "--db", str(db))
    return db


def test_list_prints_kind_year_tier_version_status_and_source(demo_db):
    rows = [line.split("\t") for line in run("templates", "list", "--db", str(demo_db)).stdout.splitlines()]
    by_id = {row[0]: row[1:] for row in rows}
    assert by_id["nis/2023-24/field/1"][:5] == ["nis", "2023-24", "field", "1", "partial"]
    assert by_id["egov/2026-27/field/0"][4] == "carry-over"
    assert by_id["egov/2023-24/field/1"][4] == "official" and "seed 000" in by_id["egov/2023-24/field/1"][5]


def test_show_prints_the_rows_of_a_template(demo_db):
    out = run("templates", "show", "--db", str(demo_db), "grs/2023-24/field/1").stdout
    assert "[১.১.১.১]" in out and "official" in out.splitlines()[0]
    assert run("templates", "show", "--db", str(demo_db), "grs/1999-00/field/1", check=False).returncode == 1


def test_new_year_from_last_years_plan_prints_the_new_id_and_carries_the_own_part(demo_db):
    result = run("new-year", "--db", str(demo_db), "--office", "khulna-ict", "--year", "2026-27",
                 "--from-year", "2022-23")
    new_id = int(result.stdout.strip())
    exported = json.loads(run("export-json", "--db", str(demo_db), "--office", "khulna-ict", "--year", "2026-27").stdout)
    document = exported["document"]
    own = [a for a in document["section3"]["areas"] if not a["governance"]]
    assert own and all(i["quarters"] == [None] * 4 for a in own for act in a["activities"] for i in act["indicators"])
    assert document["nis"]["template_id"] == "nis/2026-27/field/0" and new_id > 0
    again = run("new-year", "--db", str(demo_db), "--office", "khulna-ict", "--year", "2026-27", check=False)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_new_year_for_a_year_after_the_shipped_ones_stores_its_carry_overs_once(demo_db):
    run("new-year", "--db", str(demo_db), "--office", "dte", "--year", "2027-28")
    listed = run("templates", "list", "--db", str(demo_db)).stdout
    assert "egov/2027-28/head_office/0" in listed and "nis/2027-28/field/0" in listed
    run("new-year", "--db", str(demo_db), "--office", "tongi-lwc", "--year", "2027-28")
    assert run("templates", "list", "--db", str(demo_db)).stdout.count("nis/2027-28/field/0") == 1


def test_the_new_years_pdf_labels_previous_actuals_and_projections_from_its_own_year(demo_db, tmp_path):
    if run("export-json", "--db", str(demo_db), "--office", "khulna-ict", "--year", "2026-27", check=False).returncode:
        run("new-year", "--db", str(demo_db), "--office", "khulna-ict", "--year", "2026-27", "--from-year", "2022-23")
    run("export-pdf", "--db", str(demo_db), "--out-dir", str(tmp_path), "--office", "khulna-ict", "--year", "2026-27")
    (pdf,) = tmp_path.glob("*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # ২০২৪-২৫ or, as Sections 2 and 3 head their year columns, ২০২৭-২০২৮ (the hyphen comes out as a glyph)
    printed = set(re.findall(r"(২০[০-৯]{2}).?(?:২০)?([০-৯]{2})(?![০-৯])", text))
    assert {("২০২৪", "২৫"), ("২০২৫", "২৬"), ("২০২৭", "২৮"), ("২০২৮", "২৯")} <= printed
    assert not {("২০২০", "২১"), ("২০২১", "২২")} & printed
